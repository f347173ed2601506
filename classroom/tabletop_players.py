"""Scripted players of the tabletop service, for ``tests/test_tabletop_hub.py`` and the benchmark.

In class each participant's kernel calls the service with its single-user server's token. Starting
a server per scripted player costs ~0.3 GB and seconds each, so tests and the load benchmark give
each player a token the trainer (hub admin) makes through the hub's REST API with the **same
scopes** a server token gets (:data:`PLAYER_SCOPES`, :data:`FACILITATOR_SCOPES`); one test also
runs the real path, a participant's kernel with ``$JUPYTERHUB_API_TOKEN``. The hub knows a user
only after a login or a REST call, so :func:`create_users` adds them first.
"""

from __future__ import annotations

from typing import Any

SERVICE = "latihan-meja"
PLAYER_SCOPES = [f"access:services!service={SERVICE}"]
"""What a participant's server token holds of the service's scopes."""
FACILITATOR_SCOPES = [*PLAYER_SCOPES, f"custom:{SERVICE}:fasilitator"]
"""What the trainer's server token holds of them."""


def service_url(settings: dict[str, Any]) -> str:
    """Return the service's base URL on 127.0.0.1 (what ``$TANGGUH_LATIHAN_MEJA_URL`` holds)."""
    return f"http://127.0.0.1:{settings['tabletop_port']}/services/{SERVICE}/"


def create_users(admin: Any, names: list[str]) -> None:
    """Add hub users (already allowed and with OS accounts) to the hub's database.

    Args:
        admin: A logged-in :class:`client.Participant` with the admin role (the trainer).
        names: Login names (lower case).
    """
    r = admin.api("POST", "/users", json={"usernames": names})
    if r.status_code not in (201, 409):  # 409: some exist already
        raise RuntimeError(f"creating users: {r.status_code} {r.text[:200]}")


def make_token(admin: Any, name: str, scopes: list[str], note: str = "latihan meja") -> str:
    """Return a new token of user ``name`` holding ``scopes`` (made by the admin; 1 hour)."""
    r = admin.api(
        "POST",
        f"/users/{name}/tokens",
        json={"scopes": scopes, "note": note, "expires_in": 3600},
    )
    if r.status_code != 201:
        raise RuntimeError(f"token for {name}: {r.status_code} {r.text[:200]}")
    return r.json()["token"]
