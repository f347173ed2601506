"""A participant as a program: log in to the hub, start a server, run code in a kernel.

Used by ``tests/test_classroom_hub.py`` and ``benchmarks/bench_classroom.py``. Only the hub's public
HTTP interface is used (login form, REST API, the single-user server's kernel REST + websocket), the
same path a browser takes. Needs ``requests`` and ``websocket-client`` (both come with JupyterLab).
"""

from __future__ import annotations

import json
import re
import ssl
import time
import uuid
from dataclasses import dataclass, field

import requests
import websocket


class HubError(RuntimeError):
    """The hub or a single-user server did not answer as expected."""


@dataclass
class Participant:
    """One logged-in hub user.

    Attributes:
        base: The hub's public URL, e.g. ``https://127.0.0.1:18000``.
        name: Login name (participant code, any case).
        password: The password from the card.
        verify: TLS check, as in requests: True (system CAs), or the path of the hub's own
            certificate (``<state>/tls/kelas.crt``): only that certificate is then trusted.
    """

    base: str
    name: str
    password: str
    verify: bool | str = True
    session: requests.Session = field(default_factory=requests.Session)
    token: str = ""
    user: str = ""
    kernel_id: str = ""
    ws: websocket.WebSocket | None = None

    def login(self, timeout: float = 30) -> int:
        """Log in through the hub's login form; return the HTTP status of the form post.

        302 means success (redirect to the spawn page); JupyterHub answers 403 for a wrong
        code or password. On success an API token is created for the rest of the calls.
        """
        s = self.session
        # verify on every call: a session-wide setting loses to $REQUESTS_CA_BUNDLE in requests
        kw = {"timeout": timeout, "verify": self.verify}
        r = s.get(f"{self.base}/hub/login", **kw)
        r.raise_for_status()
        xsrf = s.cookies.get("_xsrf", "")
        r = s.post(
            f"{self.base}/hub/login",
            data={"username": self.name, "password": self.password, "_xsrf": xsrf},
            allow_redirects=False,
            **kw,
        )
        if r.status_code != 302:
            return r.status_code
        # the XSRF token is bound to the session that login just created: read the new one
        home = s.get(f"{self.base}/hub/home", **kw)
        home.raise_for_status()
        found = re.search(r'xsrf_token:\s*"([^"]+)"', home.text)
        xsrf = found.group(1) if found else xsrf
        who = s.get(f"{self.base}/hub/api/user", headers={"X-XSRFToken": xsrf}, **kw)
        who.raise_for_status()
        self.user = who.json()["name"]
        t = s.post(
            f"{self.base}/hub/api/users/{self.user}/tokens",
            json={"note": "participant client", "expires_in": 3600},
            headers={"X-XSRFToken": xsrf},
            **kw,
        )
        t.raise_for_status()
        self.token = t.json()["token"]
        return r.status_code

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"token {self.token}"}

    def api(self, method: str, path: str, **kw) -> requests.Response:
        """Call the hub REST API (``/hub/api`` + path) with the participant's token."""
        kw.setdefault("timeout", 30)
        kw.setdefault("verify", self.verify)
        return requests.request(method, f"{self.base}/hub/api{path}", headers=self.headers, **kw)

    def start_server(self, timeout: float = 120) -> float:
        """Ask the hub to start this participant's server; wait until ready; return seconds taken."""
        t0 = time.perf_counter()
        r = self.api("POST", f"/users/{self.user}/server")
        if r.status_code not in (201, 202, 400):  # 400: already running
            raise HubError(f"spawn {self.user}: {r.status_code} {r.text[:200]}")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            info = self.api("GET", f"/users/{self.user}").json()
            srv = (info.get("servers") or {}).get("")
            if srv and srv.get("ready"):
                return time.perf_counter() - t0
            time.sleep(0.25)
        raise HubError(f"server of {self.user} not ready after {timeout} s")

    def stop_server(self, timeout: float = 60) -> None:
        """Stop this participant's server and wait until it is gone."""
        self.close_kernel()
        self.api("DELETE", f"/users/{self.user}/server")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not (self.api("GET", f"/users/{self.user}").json().get("servers") or {}):
                return
            time.sleep(0.25)
        raise HubError(f"server of {self.user} still running after {timeout} s")

    # ------------------------------------------------------------------ single-user server
    def server_url(self, path: str) -> str:
        return f"{self.base}/user/{self.user}/{path.lstrip('/')}"

    def contents(self, path: str) -> requests.Response:
        """GET a file or folder through the single-user server's contents API."""
        return requests.get(
            self.server_url(f"api/contents/{path}"),
            headers=self.headers,
            timeout=30,
            verify=self.verify,
        )

    def start_kernel(self, notebook: str | None = None, timeout: float = 60) -> None:
        """Start a python3 kernel and open its websocket.

        With ``notebook`` (a path relative to the home folder) the kernel belongs to a session of
        that notebook and runs in its folder, as when the notebook is opened in JupyterLab.
        """
        if notebook:
            body = {"path": notebook, "type": "notebook", "name": notebook.rsplit("/", 1)[-1],
                    "kernel": {"name": "python3"}}  # fmt: skip
            r = requests.post(
                self.server_url("api/sessions"), json=body, headers=self.headers,
                timeout=timeout, verify=self.verify,
            )  # fmt: skip
        else:
            r = requests.post(
                self.server_url("api/kernels"),
                json={"name": "python3"},
                headers=self.headers,
                timeout=timeout,
                verify=self.verify,
            )
        if r.status_code != 201:
            raise HubError(f"kernel for {self.user}: {r.status_code} {r.text[:200]}")
        self.kernel_id = r.json()["kernel"]["id"] if notebook else r.json()["id"]
        url = self.server_url(f"api/kernels/{self.kernel_id}/channels").replace("http", "ws", 1)
        self.ws = websocket.create_connection(
            url, header=[f"Authorization: token {self.token}"], timeout=timeout,
            sslopt=self._sslopt(),
        )  # fmt: skip

    def _sslopt(self) -> dict:
        """The TLS options of websocket-client matching ``verify`` (wss:// only)."""
        if self.verify is False:
            return {"cert_reqs": ssl.CERT_NONE, "check_hostname": False}
        if isinstance(self.verify, str):
            return {"ca_certs": self.verify}
        return {}

    def execute(self, code: str, timeout: float = 120) -> dict:
        """Run ``code`` in the kernel; return ``{"status", "stdout", "error", "seconds"}``."""
        if self.ws is None:
            self.start_kernel()
        msg_id = uuid.uuid4().hex
        msg = {
            "header": {"msg_id": msg_id, "username": self.user, "session": uuid.uuid4().hex,
                       "msg_type": "execute_request", "version": "5.3"},
            "parent_header": {},
            "metadata": {},
            "content": {"code": code, "silent": False, "store_history": True,
                        "user_expressions": {}, "allow_stdin": False, "stop_on_error": True},
            "channel": "shell",
            "buffers": [],
        }  # fmt: skip
        t0 = time.perf_counter()
        self.ws.send(json.dumps(msg))
        out, status, error, idle, reply = [], None, "", False, False
        deadline = time.monotonic() + timeout
        while not (idle and reply):
            if time.monotonic() > deadline:
                raise HubError(f"execution timed out after {timeout} s: {code[:60]!r}")
            self.ws.settimeout(max(0.1, deadline - time.monotonic()))
            m = json.loads(self.ws.recv())
            if m.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind = m["msg_type"]
            if kind == "stream":
                out.append(m["content"]["text"])
            elif kind == "error":
                error = f"{m['content']['ename']}: {m['content']['evalue']}"
            elif kind == "execute_reply":
                status, reply = m["content"]["status"], True
            elif kind == "status" and m["content"]["execution_state"] == "idle":
                idle = True
        return {
            "status": status,
            "stdout": "".join(out),
            "error": error,
            "seconds": time.perf_counter() - t0,
        }

    def close_kernel(self) -> None:
        """Close the websocket and shut the kernel down (ignore errors: the server may be gone)."""
        if self.ws is not None:
            try:
                self.ws.close()
            except Exception:  # noqa: BLE001 - best effort
                pass
            self.ws = None
        if self.kernel_id:
            try:
                requests.delete(
                    self.server_url(f"api/kernels/{self.kernel_id}"),
                    headers=self.headers,
                    timeout=10,
                    verify=self.verify,
                )
            except requests.RequestException:
                pass
            self.kernel_id = ""
