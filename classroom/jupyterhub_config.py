# JupyterHub configuration of the Tangguh Digital classroom server.
# Started by `kelas.py start` (or the tests) with TANGGUH_KELAS_STATE pointing at the folder that
# holds settings.json (written by `kelas.py setup`), the hub's database and its cookie secret.
# Reference: https://jupyterhub.readthedocs.io/ (PAMAuthenticator, LocalProcessSpawner, services)
import json
import os
from pathlib import Path

c = get_config()  # noqa: F821 - provided by JupyterHub when it loads this file

state = Path(os.environ["TANGGUH_KELAS_STATE"])
s = json.loads((state / "settings.json").read_text())
prefix = Path(s["prefix"])
venv_bin = prefix / "venv" / "bin"

# --- network: participants reach the proxy on the chosen interface; the rest stays on loopback
# HTTPS (default, settings["tls"] from kelas.py setup): configurable-http-proxy terminates TLS with
# the certificate from <state>/tls (key 0600 root); passwords and cookies cross the Wi-Fi encrypted.
# Hub, proxy API and single-user servers talk plain HTTP on 127.0.0.1 only (nothing leaves the
# machine, and reading loopback traffic needs root), so internal_ssl is not used.
tls = s.get("tls")
if tls:
    c.JupyterHub.ssl_cert = tls["cert"]
    c.JupyterHub.ssl_key = tls["key"]
    # the hub marks its login cookies Secure on https by itself; the XSRF cookies (hub's and
    # single-user servers', the latter from a JSON file participants can read) only when asked
    c.JupyterHub.tornado_settings = {"xsrf_cookie_kwargs": {"secure": True}}
    https_args = [f"--config={prefix / 'src' / 'classroom' / 'singleuser_https.json'}"]
else:
    https_args = []
c.JupyterHub.bind_url = f"{'https' if tls else 'http'}://{s['ip']}:{s['port']}"
c.JupyterHub.hub_bind_url = f"http://127.0.0.1:{s['hub_port']}"
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{s['proxy_api_port']}"
c.ConfigurableHTTPProxy.command = [
    str(prefix / "node" / "node_modules" / ".bin" / "configurable-http-proxy")
]
c.ConfigurableHTTPProxy.pid_file = str(state / "jupyterhub-proxy.pid")

# --- persistent state: stopping and restarting the hub keeps users, cookies and files
c.JupyterHub.db_url = f"sqlite:///{state / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(state / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(state / "jupyterhub.pid")

# --- login: PAM (the passwords set by kelas.py setup); only the listed codes and the trainer
from jupyterhub.auth import PAMAuthenticator  # noqa: E402


class CodeAuthenticator(PAMAuthenticator):
    """PAM login where the participant code may be typed in any case (P07 = p07, the OS user)."""

    async def authenticate(self, handler, data):
        data = {**data, "username": str(data.get("username", "")).strip().lower()}
        return await super().authenticate(handler, data)


c.JupyterHub.authenticator_class = CodeAuthenticator
c.JupyterHub.template_vars = {
    "announcement_login": "Masuk dengan <b>kode peserta</b> (Username) dan <b>kata sandi</b> di kartu Anda."
}
c.PAMAuthenticator.open_sessions = False  # no systemd-logind session per participant
c.Authenticator.allowed_users = set(s["participants"])
c.Authenticator.admin_users = {s["trainer"]}

# --- one OS user per participant; a server started from the world-readable venv
c.JupyterHub.spawner_class = "localprocess"
c.Spawner.cmd = [str(venv_bin / "jupyterhub-singleuser")]
c.Spawner.notebook_dir = "~"
c.Spawner.default_url = f"/lab/tree/{s['workspace']}/00_mulai_di_sini.ipynb"
c.Spawner.start_timeout = 120
# no news pop-up fetched from the Internet in participants' browsers; extra arguments (the tests
# expose window.jupyterapp) come from settings.json
c.Spawner.args = ["--LabApp.news_url=", *https_args, *s.get("spawner_args", [])]
c.Spawner.http_timeout = 120
# JupyterHub passes few variables to the single-user server: PATH and the drop box explicitly.
c.Spawner.environment = {
    "PATH": f"{venv_bin}:/usr/local/bin:/usr/bin:/bin",
    "TANGGUH_DROPBOX": s["dropbox"],
    "SHELL": "/bin/bash",  # accounts have no login shell; the JupyterLab terminal still works
    "MPLBACKEND": "module://matplotlib_inline.backend_inline",
}

# --- the tabletop exercise (latihan meja, notebook 09): a managed service that holds the class's
# game (classroom/tabletop_service.py; state in SQLite beside the hub's). It listens on 127.0.0.1
# only; participants' kernels call it there with their server's $JUPYTERHUB_API_TOKEN (loopback,
# like hub <-> servers), the hub also routes /services/latihan-meja/ to it. Scopes granted, and no
# more: every user may *access* this one service (not other services, not other users' servers);
# the facilitator endpoints need a custom scope that only the trainer's role holds. Server tokens
# request both; the hub gives each server only the scopes its user holds. The service's own token
# has no scopes (it only asks the hub who a caller is, with the caller's token).
MEJA = "latihan-meja"
MEJA_ACCESS = f"access:services!service={MEJA}"
MEJA_FASILITATOR = f"custom:{MEJA}:fasilitator"
meja_url = f"http://127.0.0.1:{s.get('tabletop_port', 10101)}"
c.JupyterHub.custom_scopes = {
    MEJA_FASILITATOR: {
        "description": "Fasilitator latihan meja: buat permainan, beri peran, buka/tutup ronde, "
        "buka keadaan sebenarnya, pembahasan dan ekspor."
    }
}
c.Spawner.server_token_scopes = [MEJA_ACCESS, MEJA_FASILITATOR, "users:activity!user"]
c.Spawner.environment["TANGGUH_LATIHAN_MEJA_URL"] = f"{meja_url}/services/{MEJA}/"

# --- idle servers are stopped so memory comes back. Single-user servers report activity every
# 300 s, so the timeout must be well above that (production >= 3600 s).
c.JupyterHub.load_roles = [
    {"name": "user", "scopes": ["self", MEJA_ACCESS]},
    {"name": f"{MEJA}-fasilitator", "scopes": [MEJA_FASILITATOR], "users": [s["trainer"]]},
    {
        "name": "idle-culler",
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        "services": ["idle-culler"],
    },
]
c.JupyterHub.services = [
    {
        "name": MEJA,
        "url": meja_url,
        "display": False,  # an API for notebooks, not a page (browsers have no token for it)
        "command": [
            str(venv_bin / "python"),
            str(prefix / "src" / "classroom" / "tabletop_service.py"),
            f"--db={s.get('tabletop_db', str(state / 'latihan_meja.sqlite'))}",
        ],
        "environment": {"MPLBACKEND": "Agg"},  # the debrief export draws its figures headless
    },
    {
        "name": "idle-culler",
        "command": [
            str(venv_bin / "python"),
            "-m",
            "jupyterhub_idle_culler",
            f"--timeout={s['cull_timeout']}",
            f"--cull-every={s['cull_every']}",
        ],
    },
]
