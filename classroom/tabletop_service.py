"""The classroom's tabletop service: one shared game of the latihan meja, behind the hub's login.

A JupyterHub **managed service** (``c.JupyterHub.services`` in ``jupyterhub_config.py``): the hub
starts it beside the idle culler with the hub venv's Python, routes ``/services/latihan-meja/`` to
it, and restarts it if it exits. It holds one :class:`~simulations.response.tabletop.Game` (the
class's), stores every event in SQLite before answering (``tabletop_store.py``) and, on start,
rebuilds the game by replaying its seed and event log through the engine.

Authentication: every request carries a hub token (``Authorization: token …``); the service asks
the hub who it belongs to (:class:`jupyterhub.services.auth.HubAuth`, answers cached 60 s) and
refuses a token without the scope ``access:services!service=latihan-meja`` (403). Participants'
kernels use their single-user server's ``$JUPYTERHUB_API_TOKEN``, which the hub issues with exactly
:data:`SERVER_TOKEN_SCOPES` (less what the user's roles lack). The participant code is the hub user
name in upper case, never a field of the request. Facilitator endpoints need the custom scope
:data:`FACILITATOR_SCOPE`, which only the trainer's role holds.

Endpoints, under ``$JUPYTERHUB_SERVICE_PREFIX`` (``/services/latihan-meja/``); JSON in and out::

    participant  GET  api/me            {"participant", "facilitator", "game", "role", "label"}
                 GET  api/status        Game.status() + {"game": id}
                 GET  api/view          the caller's own role view (?role=… must be theirs)
                 POST api/moves         {"role", "actions": [...]} -> receipt (Game.submit)
    facilitator  POST api/games         {"scenario", "seed", "n", "bots", "keep_roles"} -> status
                 POST api/assignments   {"participant", "role" | null}
                 POST api/rounds/open   POST api/rounds/close   POST api/reveal
                 GET  api/facilitator   GET api/debrief   GET api/export[?format=html]
                 GET  api/view?participant=CODE  POST api/moves {"participant": CODE, ...}
                                        (tables without a laptop, entered by the facilitator)

Refusals are ``{"accepted": false, "reason", "status", "message", "pesan", "field"}`` with the
engine's reason codes (``TabletopError.to_dict``) or the service's own (:data:`SERVICE_REASONS`):
403 ``not_you`` (acting for another participant), 403 ``facilitator_only``, 404 ``no_game``, 400
``bad_json``, 413 ``too_large`` (body over :data:`MAX_BODY` bytes), 429 ``rate_limited`` (token
bucket per user), 503 ``not_saved``. No response carries a traceback.

Run by the hub; by hand only for debugging::

    JUPYTERHUB_API_TOKEN=… JUPYTERHUB_API_URL=http://127.0.0.1:8081/hub/api \\
    JUPYTERHUB_SERVICE_URL=http://127.0.0.1:10101 JUPYTERHUB_SERVICE_PREFIX=/services/latihan-meja/ \\
    python classroom/tabletop_service.py --db /var/lib/tangguh-kelas/latihan_meja.sqlite
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import json
import logging
import math
import os
import signal
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from jupyterhub.services.auth import HubAuth, HubAuthenticated, UserNotAllowed
from jupyterhub.utils import url_path_join
from tornado import httpserver, web

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # tabletop_store.py and tabletop_limits.py next to this file

from tabletop_limits import TokenBucket  # noqa: E402
from tabletop_store import TabletopStore  # noqa: E402

from simulations.core.errors import SimulationInputError  # noqa: E402
from simulations.core.formatting import format_id  # noqa: E402
from simulations.response.tabletop import ROLES, Game, TabletopError, check_code  # noqa: E402

log = logging.getLogger("latihan-meja")

SERVICE_NAME = "latihan-meja"
"""The service's name in the hub (``/services/latihan-meja/``, ``access:services!service=…``)."""
FACILITATOR_SCOPE = "custom:latihan-meja:fasilitator"
"""Custom scope of the facilitator endpoints; granted to the trainer's role only."""
ACCESS_SCOPE = f"access:services!service={SERVICE_NAME}"
SERVER_TOKEN_SCOPES = [ACCESS_SCOPE, FACILITATOR_SCOPE, "users:activity!user"]
"""Scopes requested for every single-user server's token; the hub gives each server only those its
user holds, so a participant's kernel gets ``access:services`` and activity, the trainer's also
the facilitator scope. (``users:activity!user`` is what a server token needs by itself.)"""
MAX_BODY = 8 * 1024
"""Largest request body answered (a move of six actions is ~ 600 bytes)."""
RATE, BURST = 5.0, 20
"""Token bucket per user: ``BURST`` requests at once, then ``RATE`` per second (a panel refresh is
two requests, a move three). The facilitator gets ten times both (assigning a class's roles)."""
MAX_N = 100_000
"""Largest district a facilitator can create (the engine allows more; a round must stay < 1 s)."""

SERVICE_REASONS: dict[str, tuple[int, str]] = {
    "not_you": (403, "Anda hanya dapat bertindak sebagai diri sendiri (kode peserta Anda)."),
    "facilitator_only": (403, "Hanya fasilitator yang dapat melakukan ini."),
    "no_access": (
        403,
        "Token ini tidak diizinkan memakai layanan latihan meja. Buka notebook dari server kelas.",
    ),
    "no_game": (404, "Fasilitator belum memulai permainan. Tunggu aba-aba fasilitator."),
    "not_found": (404, "Alamat ini tidak ada di layanan latihan meja."),
    "bad_json": (400, "Isi permintaan bukan JSON yang benar (harus satu objek {...})."),
    "too_large": (413, f"Isi permintaan terlalu besar (paling banyak {MAX_BODY} bita)."),
    "rate_limited": (429, "Terlalu banyak permintaan dalam waktu singkat; tunggu sebentar."),
    "not_saved": (503, "Langkah belum tersimpan di server; coba kirim lagi sebentar lagi."),
    "bad_method": (405, "Cara permintaan ini tidak dilayani di alamat ini."),
    "server_error": (500, "Terjadi kesalahan di layanan latihan meja; beri tahu fasilitator."),
}
"""The service's own refusal codes -> (HTTP status, Indonesian message)."""


class Refusal(Exception):
    """A refusal by the service itself (not by the engine): reason code, English message."""

    def __init__(
        self, reason: str, message: str = "", *, field: str | None = None, retry_after: int = 0
    ) -> None:
        super().__init__(message or reason)
        self.reason = reason
        self.status, self.pesan = SERVICE_REASONS[reason]
        self.field = field
        self.retry_after = retry_after

    def to_dict(self) -> dict[str, Any]:
        return {
            "accepted": False,
            "reason": self.reason,
            "status": self.status,
            "message": str(self),
            "pesan": self.pesan,
            "field": self.field,
        }


# ------------------------------------------------------------------------------------------ room
class Room:
    """The class's game and its store. Every method runs in the single game thread.

    Args:
        store: The SQLite store.
        max_n: Largest district a facilitator may create.
    """

    def __init__(self, store: TabletopStore, max_n: int = MAX_N) -> None:
        self.store = store
        self.max_n = max_n
        self.game: Game | None = None
        self.game_id: int | None = None
        self.saved = 0
        self.restore()

    def restore(self) -> None:
        """Rebuild the latest stored game from its options and events (``Game.replay``)."""
        stored = self.store.latest()
        if stored is None:
            self.game, self.game_id, self.saved = None, None, 0
            return
        opts = dict(stored.options)
        self.game = Game.replay(opts.pop("scenario"), opts.pop("seed"), stored.events, **opts)
        self.game_id = stored.id
        self.saved = len(stored.events)
        log.info("game %s restored: %d events replayed", self.game_id, self.saved)

    def need_game(self) -> Game:
        if self.game is None:
            raise Refusal("no_game", "no game has been created yet")
        return self.game

    def _persist(self) -> None:
        """Write the events the last call added; on failure, return to what is on disk."""
        game = self.need_game()
        events = game.moves_log()[self.saved :]
        if not events:
            return
        try:
            self.store.append(self.game_id, events)
        except Exception as exc:  # the answer must not claim what the disk does not hold
            log.error("could not store %d events: %s; restoring from disk", len(events), exc)
            self.restore()
            raise Refusal("not_saved", f"events not stored: {exc}") from None
        self.saved += len(events)

    def mutate(self, name: str, *args: Any) -> Any:
        """Call a game method that changes the game; persist its events before returning."""
        result = getattr(self.need_game(), name)(*args)
        self._persist()
        return result

    def read(self, name: str, *args: Any) -> Any:
        """Call a game method that reads only."""
        return getattr(self.need_game(), name)(*args)

    def create(self, body: dict[str, Any]) -> dict[str, Any]:
        """Create a new game (the previous one stays in the database); optionally keep the roles."""
        allowed = {"scenario", "seed", "n", "bots", "keep_roles"}
        extra = sorted(set(body) - allowed)
        if extra:
            raise Refusal("bad_json", f"unknown field {extra[0][:40]!r}", field=extra[0][:40])
        n = body.get("n", 10_000)
        if isinstance(n, bool) or not isinstance(n, int) or not 500 <= n <= self.max_n:
            raise TabletopError(
                "bad_move",
                f"n must be a whole number from 500 to {self.max_n}",
                f"Jumlah penduduk simulasi di server kelas harus bilangan bulat 500–"
                f"{format_id(self.max_n, 0)}.",
                field="n",
            )
        game = Game(body.get("scenario", "banjir_bansos"), body.get("seed", 0), n=n,
                    bots=body.get("bots", True))  # fmt: skip
        if body.get("keep_roles") and self.game is not None:
            for code, role in sorted(self.game.assignments.items()):
                game.assign(code, role)
        events = game.moves_log()
        self.game_id = self.store.new_game(game.options(), events)
        self.game, self.saved = game, len(events)
        return {"game": self.game_id, **game.status()}

    def me(self, code: str, facilitator: bool) -> dict[str, Any]:
        role = self.game.assignments.get(code) if self.game is not None else None
        return {
            "participant": code,
            "facilitator": facilitator,
            "game": self.game_id,
            "role": role,
            "label": ROLES[role].label if role else None,
        }

    def own_role(self, code: str) -> str:
        """Return the role ``code`` plays (refused with ``not_assigned`` when none)."""
        return self.need_game().view_for(code)["role"]

    def view(self, code: str, role: str | None) -> dict[str, Any]:
        view = self.need_game().view_for(code)
        if role and role != view["role"]:
            raise Refusal("not_you", f"{code} plays {view['role']}, not {role}", field="role")
        return view


# -------------------------------------------------------------------------------------- handlers
class Service:
    """What the handlers share: the hub auth, the room, its thread, the rate limit."""

    def __init__(self, room: Room, hub_auth: HubAuth, bucket: TokenBucket) -> None:
        self.room = room
        self.hub_auth = hub_auth
        self.bucket = bucket
        # the trainer scripts more (roles for a whole class at once): ten times the allowance
        self.fac_bucket = TokenBucket(10 * bucket.rate, int(10 * bucket.burst))
        self.pool = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="game")

    async def run(self, fn: Any, *args: Any) -> Any:
        """Run ``fn(*args)`` in the game thread (the engine and SQLite are used from there only)."""
        return await asyncio.get_running_loop().run_in_executor(self.pool, fn, *args)


@web.stream_request_body
class ApiHandler(HubAuthenticated, web.RequestHandler):
    """Base of every endpoint: body limit, hub authentication, rate limit, JSON errors."""

    facilitator_only = False

    def initialize(self, service: Service) -> None:
        self.service = service
        self.hub_auth = service.hub_auth
        self.chunks: list[bytes] = []
        self.size = 0

    async def prepare(self) -> None:
        """Refuse before reading the body: too large (413), no hub user (403), too fast (429)."""
        self.request.connection.set_max_body_size(4 * MAX_BODY)  # hard cap; 413 answered below
        length = self.request.headers.get("Content-Length", "0")
        if not length.isdigit() or int(length) > MAX_BODY:
            raise Refusal("too_large", f"body of {length[:12]} bytes; at most {MAX_BODY}")
        try:
            model = await self.hub_auth.get_user(self, sync=False)
            model = self.check_hub_user(model) if model else None
        except UserNotAllowed:
            model = None
        if not model or model.get("kind", "user") != "user":
            raise Refusal("no_access", "no hub user with access to this service")
        self.current_user = model
        self.code = check_code(model["name"])
        self.facilitator = bool(self.hub_auth.check_scopes({FACILITATOR_SCOPE}, model))
        bucket = self.service.fac_bucket if self.facilitator else self.service.bucket
        wait = bucket.take(model["name"])
        if wait:
            raise Refusal(
                "rate_limited", f"rate limit: retry in {wait:.1f} s", retry_after=math.ceil(wait)
            )
        if self.facilitator_only and not self.facilitator:
            raise Refusal("facilitator_only", f"{self.code} lacks {FACILITATOR_SCOPE}")

    def data_received(self, chunk: bytes) -> None:
        self.size += len(chunk)
        if self.size <= MAX_BODY:
            self.chunks.append(chunk)

    def body(self) -> dict[str, Any]:
        """Return the JSON object of the request body (empty body: ``{}``)."""
        if self.size > MAX_BODY:
            raise Refusal("too_large", f"body of {self.size} bytes; at most {MAX_BODY}")
        raw = b"".join(self.chunks)
        if not raw.strip():
            return {}
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError):
            raise Refusal("bad_json", "the body is not valid JSON") from None
        if not isinstance(data, dict):
            raise Refusal("bad_json", "the body must be a JSON object")
        return data

    def acting_for(self, requested: Any) -> str:
        """The participant a request acts for: the caller, or (facilitator only) a given code."""
        if requested is None:
            return self.code
        code = check_code(requested)
        if code != self.code and not self.facilitator:
            raise Refusal("not_you", f"{self.code} may not act for {code}", field="participant")
        return code

    def reply(self, data: Any, status: int = 200) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.finish(json.dumps(data, ensure_ascii=False))

    async def call(self, fn: Any, *args: Any, status: int = 200) -> None:
        self.reply(await self.service.run(fn, *args), status)

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        exc = kwargs.get("exc_info", (None, None, None))[1]
        if isinstance(exc, Refusal | TabletopError):
            body = exc.to_dict()
        elif isinstance(exc, SimulationInputError):  # e.g. a ParameterError for a bad seed
            body = {"accepted": False, "reason": "bad_move", "status": 400, "message": str(exc),
                    "pesan": exc.pesan, "field": exc.field}  # fmt: skip
        elif isinstance(exc, web.HTTPError) and exc.status_code in (403, 405):
            body = Refusal("no_access" if exc.status_code == 403 else "bad_method").to_dict()
        else:
            body = Refusal("server_error", f"HTTP {status_code}").to_dict()
            body["status"] = status_code if status_code >= 400 else 500
        self.set_status(body["status"])
        if getattr(exc, "retry_after", 0):  # send_error cleared the headers set before
            self.set_header("Retry-After", str(max(1, exc.retry_after)))
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.finish(json.dumps(body, ensure_ascii=False))

    def log_exception(self, typ: Any, value: Any, tb: Any) -> None:
        if isinstance(value, Refusal | SimulationInputError):
            log.info("%s %s refused: %s", self.request.method, self.request.path, value)
        else:
            super().log_exception(typ, value, tb)

    def send_error(self, status_code: int = 500, **kwargs: Any) -> None:
        exc = kwargs.get("exc_info", (None, None, None))[1]
        status = getattr(exc, "status", None)
        if isinstance(status, int) and isinstance(exc, Refusal | TabletopError):
            status_code = status
        elif isinstance(exc, SimulationInputError):
            status_code = 400
        super().send_error(status_code, **kwargs)


class FacilitatorHandler(ApiHandler):
    facilitator_only = True


class MeHandler(ApiHandler):
    async def get(self) -> None:
        await self.call(self.service.room.me, self.code, self.facilitator)


class StatusHandler(ApiHandler):
    async def get(self) -> None:
        room = self.service.room

        def status() -> dict[str, Any]:
            return {"game": room.game_id, **room.read("status")}

        await self.call(status)


class ViewHandler(ApiHandler):
    async def get(self) -> None:
        code = self.acting_for(self.get_query_argument("participant", None))
        role = self.get_query_argument("role", None)
        await self.call(self.service.room.view, code, role)


class MovesHandler(ApiHandler):
    async def post(self) -> None:
        body = self.body()
        code = self.acting_for(body.pop("participant", None))
        role = body.pop("role", None)
        room = self.service.room
        if role is None:  # the caller's own role
            role = await self.service.run(room.own_role, code)
        await self.call(room.mutate, "submit", code, role, body)


class GamesHandler(FacilitatorHandler):
    async def post(self) -> None:
        await self.call(self.service.room.create, self.body(), status=201)


class AssignHandler(FacilitatorHandler):
    async def post(self) -> None:
        body = self.body()
        if set(body) - {"participant", "role"}:
            raise Refusal("bad_json", "fields: participant, role")
        await self.call(
            self.service.room.mutate, "assign", body.get("participant"), body.get("role")
        )


class ActionHandler(FacilitatorHandler):
    """POST rounds/open, rounds/close, reveal: no body."""

    def initialize(self, service: Service, method: str) -> None:  # type: ignore[override]
        super().initialize(service)
        self.method = method

    async def post(self) -> None:
        self.body()
        await self.call(self.service.room.mutate, self.method)


class FacilitatorViewHandler(FacilitatorHandler):
    async def get(self) -> None:
        await self.call(self.service.room.read, "facilitator_view")


class DebriefHandler(FacilitatorHandler):
    async def get(self) -> None:
        room = self.service.room
        await self.call(lambda: room.read("debrief").to_dict())


class ExportHandler(FacilitatorHandler):
    async def get(self) -> None:
        room = self.service.room
        if self.get_query_argument("format", "json") == "html":
            from simulations.course.tabletop import debrief_html

            page = await self.service.run(lambda: debrief_html(room.read("debrief")))
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.set_header(
                "Content-Disposition", f'attachment; filename="pembahasan_{room.game_id}.html"'
            )
            self.finish(page)
            return

        def export() -> dict[str, Any]:
            game = room.need_game()
            return {"game": room.game_id, "options": game.options(), "log": game.moves_log()}

        await self.call(export)


class NotFoundHandler(ApiHandler):
    async def prepare(self) -> None:
        await super().prepare()
        raise Refusal("not_found", f"no endpoint {self.request.path[:80]}")


def make_app(service: Service, prefix: str) -> web.Application:
    """Return the tornado application serving the endpoints under ``prefix``."""
    api = url_path_join(prefix, "api")
    s = {"service": service}
    routes = [
        (f"{api}/me", MeHandler, s),
        (f"{api}/status", StatusHandler, s),
        (f"{api}/view", ViewHandler, s),
        (f"{api}/moves", MovesHandler, s),
        (f"{api}/games", GamesHandler, s),
        (f"{api}/assignments", AssignHandler, s),
        (f"{api}/rounds/open", ActionHandler, {**s, "method": "open_round"}),
        (f"{api}/rounds/close", ActionHandler, {**s, "method": "close_round"}),
        (f"{api}/reveal", ActionHandler, {**s, "method": "reveal"}),
        (f"{api}/facilitator", FacilitatorViewHandler, s),
        (f"{api}/debrief", DebriefHandler, s),
        (f"{api}/export", ExportHandler, s),
    ]
    return web.Application(
        routes,
        default_handler_class=NotFoundHandler,
        default_handler_args=s,
        serve_traceback=False,
        xsrf_cookies=False,  # token-authenticated API, no cookies
    )


def main(argv: list[str] | None = None) -> int:
    """Start the service on ``$JUPYTERHUB_SERVICE_URL`` (127.0.0.1) until SIGTERM."""
    ap = argparse.ArgumentParser(description="Layanan latihan meja (JupyterHub managed service).")
    ap.add_argument("--db", required=True, help="berkas SQLite (dibuat mode 0600)")
    ap.add_argument("--max-n", type=int, default=MAX_N)
    ap.add_argument("--rate", type=float, default=RATE)
    ap.add_argument("--burst", type=int, default=BURST)
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="[latihan-meja %(asctime)s] %(message)s")
    os.umask(0o077)  # the WAL and shared-memory files of SQLite: the service's user only
    url = urlparse(os.environ.get("JUPYTERHUB_SERVICE_URL", "http://127.0.0.1:10101"))
    prefix = os.environ.get("JUPYTERHUB_SERVICE_PREFIX", f"/services/{SERVICE_NAME}/")
    room = Room(TabletopStore(args.db), args.max_n)
    log.info("database %s (%s)", args.db, room.store.settings())
    hub_auth = HubAuth(access_scopes={ACCESS_SCOPE}, cache_max_age=60)
    service = Service(room, hub_auth, TokenBucket(args.rate, args.burst))
    app = make_app(service, prefix)
    server = httpserver.HTTPServer(app, max_body_size=4 * MAX_BODY, xheaders=False)

    async def serve() -> None:
        server.listen(url.port or 80, url.hostname or "127.0.0.1")
        log.info("listening on %s%s", url.geturl(), prefix)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, stop.set)
        await stop.wait()
        server.stop()
        service.pool.shutdown(wait=True)
        room.store.close()
        log.info("stopped")

    asyncio.run(serve())
    return 0


if __name__ == "__main__":
    sys.exit(main())
