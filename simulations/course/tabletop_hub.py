"""The tabletop exercise on the classroom server: a game backend that talks to the hub's service.

On the classroom server (``make kelas``) the class plays **one** game held by the hub-managed
service ``latihan-meja`` (``classroom/tabletop_service.py``). :class:`HubBackend` implements the
widgets' ``GameBackend`` calls (:mod:`simulations.widgets.tabletop`) over HTTP, so the participant
panel and the facilitator console work the same as over an in-kernel game.

Where it connects, and with what:

* the service's address comes from ``$TANGGUH_LATIHAN_MEJA_URL``, which the hub puts in every
  single-user server's environment (``http://127.0.0.1:<port>/services/latihan-meja/``: the
  service listens on the classroom machine's loopback; nothing leaves the machine);
* the token is the single-user server's own ``$JUPYTERHUB_API_TOKEN`` (it identifies the
  participant to the service; the participant code is the hub login, never typed);
* no HTTP proxy from the environment is used, timeouts are short (:data:`TIMEOUT`), and when the
  service cannot be reached the error says so in Indonesian (:class:`ServiceError`).

This is the **only** network call a notebook of the course makes, and only on the classroom
server: :func:`classroom_backend` returns None when those variables are missing (Binder, a
laptop, nbval), and the notebook then plays in solo mode.
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

from simulations.core.errors import SimulationInputError
from simulations.response.tabletop import REASONS, TabletopError

__all__ = ["ENV_TOKEN", "ENV_URL", "TIMEOUT", "HubBackend", "ServiceError", "classroom_backend"]

ENV_URL = "TANGGUH_LATIHAN_MEJA_URL"
"""Environment variable with the service's base URL (set by the classroom hub)."""
ENV_TOKEN = "JUPYTERHUB_API_TOKEN"
"""Environment variable with the single-user server's hub token."""
TIMEOUT = 10.0
"""Seconds to wait for one answer (a round resolves in well under a second; the debrief takes a
few seconds with its counterfactual replays, so it gets :data:`SLOW_TIMEOUT`)."""
SLOW_TIMEOUT = 60.0


class ServiceError(SimulationInputError):
    """The service refused for a reason of its own (not a game rule), or could not be reached.

    Attributes:
        reason: ``unreachable``, ``bad_answer``, or a refusal code of the service
            (``not_you``, ``facilitator_only``, ``no_game``, ``rate_limited``, …).
        status: The HTTP status (0 when there was no answer).
    """

    def __init__(self, reason: str, message: str, pesan: str, *, status: int = 0,
                 field: str | None = None) -> None:  # fmt: skip
        super().__init__(message, pesan, field=field)
        self.reason = reason
        self.status = status


def _refusal(body: Any, status: int) -> SimulationInputError:
    """Turn a JSON refusal body into the error the widgets show."""
    if not isinstance(body, dict):
        return ServiceError(
            "bad_answer",
            f"HTTP {status} without a JSON refusal",
            f"Layanan latihan meja menjawab tidak wajar (HTTP {status}); beri tahu fasilitator.",
            status=status,
        )
    reason = str(body.get("reason", ""))
    if reason in REASONS:
        return TabletopError.from_dict(body)
    return ServiceError(
        reason or "bad_answer",
        str(body.get("message", reason)),
        str(body.get("pesan") or body.get("message") or f"HTTP {status}"),
        status=int(body.get("status", status) or status),
        field=body.get("field"),
    )


class HubBackend:
    """A ``GameBackend`` over the classroom hub's tabletop service.

    Args:
        url: The service's base URL (default: ``$TANGGUH_LATIHAN_MEJA_URL``).
        token: A hub token with access to the service (default: ``$JUPYTERHUB_API_TOKEN``).
        timeout: Seconds to wait for an answer.

    Raises:
        ServiceError: ``not_configured`` when the URL or the token is missing or the URL is not
            an http(s) address.
    """

    def __init__(self, url: str | None = None, token: str | None = None, *,
                 timeout: float = TIMEOUT) -> None:  # fmt: skip
        url = url if url is not None else os.environ.get(ENV_URL, "")
        token = token if token is not None else os.environ.get(ENV_TOKEN, "")
        parsed = urllib.parse.urlparse(url)
        if parsed.scheme not in ("http", "https") or not parsed.hostname or not token:
            raise ServiceError(
                "not_configured",
                f"the tabletop service needs ${ENV_URL} (http URL) and ${ENV_TOKEN}",
                "Notebook ini tidak berjalan di server kelas (alamat layanan latihan meja atau token "
                "tidak ada); pakai mode sendiri.",
            )
        self.url = url.rstrip("/") + "/"
        self.token = token
        self.timeout = float(timeout)
        # no proxy from the environment: the service is on the classroom machine itself
        self._opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

    # ------------------------------------------------------------------ HTTP
    def request(self, method: str, path: str, body: dict[str, Any] | None = None, *,
                query: dict[str, str] | None = None, timeout: float | None = None) -> Any:  # fmt: skip
        """Call one endpoint; return its JSON answer or raise the refusal as an error.

        Raises:
            TabletopError: a game rule refused the call (the engine's reason codes).
            ServiceError: the service refused for its own reason, or did not answer.
        """
        url = urllib.parse.urljoin(self.url, "api/" + path)
        if query:
            url += "?" + urllib.parse.urlencode(query)
        data = None if body is None else json.dumps(body).encode("utf-8")
        req = urllib.request.Request(url, data=data, method=method)
        req.add_header("Authorization", f"token {self.token}")
        req.add_header("Accept", "application/json")
        if data is not None:
            req.add_header("Content-Type", "application/json")
        try:
            with self._opener.open(req, timeout=timeout or self.timeout) as resp:
                text = resp.read()
        except urllib.error.HTTPError as exc:
            try:
                answer = json.loads(exc.read() or b"null")
            except ValueError:
                answer = None
            raise _refusal(answer, exc.code) from None
        except (urllib.error.URLError, OSError) as exc:  # refused, timed out, reset
            why = getattr(exc, "reason", exc)
            raise ServiceError(
                "unreachable",
                f"the tabletop service at {self.url} did not answer: {why}",
                "Layanan latihan meja tidak dapat dihubungi dari notebook ini (server kelas sibuk "
                "atau layanan sedang dimulai ulang). Tunggu beberapa detik lalu tekan Muat ulang; "
                "bila tetap gagal, beri tahu fasilitator.",
            ) from None
        try:
            return json.loads(text)
        except ValueError:
            raise _refusal(None, 200) from None

    # ------------------------------------------------------------------ GameBackend
    def me(self) -> dict[str, Any]:
        """Return who the token belongs to: ``participant`` code, ``facilitator``, ``role``."""
        return self.request("GET", "me")

    def status(self) -> dict[str, Any]:
        return self.request("GET", "status")

    def view(self, participant: str, role: str) -> dict[str, Any]:
        return self.request("GET", "view", query={"participant": participant, "role": role})

    def submit(self, participant: str, role: str, move: dict[str, Any]) -> dict[str, Any]:
        body = {"participant": participant, "role": role}
        if isinstance(move, dict):
            body.update(move)
        else:
            body["actions"] = move
        return self.request("POST", "moves", body)

    def assign(self, participant: str, role: str | None) -> dict[str, Any]:
        return self.request("POST", "assignments", {"participant": participant, "role": role})

    def open_round(self) -> dict[str, Any]:
        return self.request("POST", "rounds/open")

    def close_round(self) -> dict[str, Any]:
        return self.request("POST", "rounds/close")

    def reveal(self) -> dict[str, Any]:
        return self.request("POST", "reveal")

    def facilitator_view(self) -> dict[str, Any]:
        return self.request("GET", "facilitator")

    def debrief(self) -> dict[str, Any]:
        return self.request("GET", "debrief", timeout=SLOW_TIMEOUT)

    # ------------------------------------------------------------------ facilitator extras
    def new_game(self, scenario: str = "banjir_bansos", seed: int = 0, *, n: int = 10_000,
                 bots: bool = True, keep_roles: bool = False) -> dict[str, Any]:  # fmt: skip
        """Start a new class game (facilitator); the previous one stays in the service's database."""
        body = {"scenario": scenario, "seed": seed, "n": n, "bots": bots, "keep_roles": keep_roles}
        return self.request("POST", "games", body)

    def export(self) -> dict[str, Any]:
        """Return ``{"game", "options", "log"}``: everything needed to replay the game."""
        return self.request("GET", "export")


def classroom_backend() -> HubBackend | None:
    """Return a :class:`HubBackend` on the classroom server, or None elsewhere (solo mode).

    Decided by the environment only (``$TANGGUH_LATIHAN_MEJA_URL`` and ``$JUPYTERHUB_API_TOKEN``,
    both set by the hub): no network call is made here.
    """
    if not (os.environ.get(ENV_URL) and os.environ.get(ENV_TOKEN)):
        return None
    return HubBackend()
