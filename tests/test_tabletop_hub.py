"""The tabletop service on a real classroom hub: ten scripted players through HTTP with their tokens.

A real JupyterHub + configurable-http-proxy on 127.0.0.1 (HTTPS, as ``kelas.py setup`` makes it)
starts the managed service ``latihan-meja`` (``classroom/tabletop_service.py``) beside the culler.
The trainer logs in (PAM) and, as hub admin, gives ten participants tokens with the scopes their
single-user servers' tokens hold (``classroom/tabletop_players.py``); each player then plays through
:class:`simulations.course.tabletop_hub.HubBackend`, the notebook's own client. Checked: moves
accepted and refused as the engine rules (budget, authority, closed round), a player acting for
another refused (403), a participant calling facilitator endpoints refused (403), bad JSON (400),
too large a body (413), too many requests (429), a token without the service's scope (403), the
service killed mid-round and restarted by the hub without losing a move, the hub restarted, and
the game replayed from seed and log giving the same timeline. One participant's and the trainer's
own kernels then call the service with ``$JUPYTERHUB_API_TOKEN`` (the real path), and Chromium
logs both in and plays one round in notebook 09's class cells.

Needs root and the hub installed (``classroom/install.sh``); accounts start with ``ztgm`` (not
``ztgt``: the classroom tests' accounts) and are removed at the end. Bounded waits throughout.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import stat
import sys
import tempfile
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "classroom"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import kelas  # noqa: E402
import tabletop_players as tp  # noqa: E402
from free_ports import free_port  # noqa: E402
from lab_i18n import label as lab_label  # noqa: E402
from test_classroom_hub import PREFIX, Hub, _cleanup_accounts, _skip_or_fail  # noqa: E402

from simulations.course.tabletop_hub import HubBackend, ServiceError  # noqa: E402
from simulations.response.tabletop import (  # noqa: E402
    ROLE_ORDER,
    Game,
    MoveRefused,
    TabletopError,
    bot_move,
)

CODES = [f"ZTGM{i:02d}" for i in range(1, 11)]
TRAINER = "ztgm-pelatih"
SEED, N = 7, 2_000
# ten players on eight roles: two teams of two (Diskominfo, cek fakta)
ROLES = dict(zip(CODES, [*ROLE_ORDER, "diskominfo", "cek_fakta"], strict=True))

pytestmark = pytest.mark.timeout(900)


class Class:
    """The running hub, the trainer's client and one HubBackend per participant code."""

    def __init__(self, hub: Hub) -> None:
        self.hub = hub
        self.url = tp.service_url(hub.settings)
        self.trainer = hub.participant(TRAINER)
        assert self.trainer.login() == 302, hub.tail()
        tp.create_users(self.trainer, [c.lower() for c in CODES])
        self.tokens = {
            c: tp.make_token(self.trainer, c.lower(), tp.PLAYER_SCOPES, "pemain uji") for c in CODES
        }
        self.fac_token = tp.make_token(self.trainer, TRAINER, tp.FACILITATOR_SCOPES, "fasilitator")
        self.fac = HubBackend(self.url, self.fac_token)
        self.players = {c: HubBackend(self.url, t) for c, t in self.tokens.items()}

    def wait_service(self, timeout: float = 90) -> float:
        """Wait until the service answers an authenticated call; return the seconds waited."""
        t0 = time.monotonic()
        while time.monotonic() - t0 < timeout:
            try:
                self.fac.me()
                return time.monotonic() - t0
            except ServiceError as exc:
                if exc.reason != "unreachable":
                    raise
            time.sleep(0.5)
        raise AssertionError(f"service not answering after {timeout} s:\n{self.hub.tail(60)}")

    def raw(self, method: str, path: str, token: str | None, **kw):
        import requests

        headers = kw.pop("headers", {})
        if token:
            headers["Authorization"] = f"token {token}"
        return requests.request(method, self.url + "api/" + path, headers=headers, timeout=30, **kw)


@pytest.fixture(scope="module")
def kelas_meja():
    if os.geteuid() != 0:
        _skip_or_fail("they need root (useradd, PAM passwords, one process per OS user)")
    if not (PREFIX / "venv" / "bin" / "jupyterhub").exists():
        _skip_or_fail(f"the hub is not installed in {PREFIX} (run: sudo classroom/install.sh)")
    import subprocess

    subprocess.run(
        ["bash", str(REPO / "classroom" / "install.sh"), "--prefix", str(PREFIX)],
        check=True, capture_output=True, timeout=900,
    )  # fmt: skip
    _cleanup_accounts("ztgm")
    base = Path(tempfile.mkdtemp(prefix="ztgm-"))
    base.chmod(0o711)
    state = base / "state"
    codes = base / "peserta.txt"
    codes.write_text("\n".join(CODES) + "\n")
    hub = None
    try:
        kelas.setup(
            codes, state=state, trainer=TRAINER, dropbox=base / "kotak", ip="127.0.0.1",
            port=free_port(), hub_port=free_port(), proxy_api_port=free_port(),
            tabletop_port=free_port(), prefix=PREFIX,
        )  # fmt: skip
        settings = json.loads((state / "settings.json").read_text())
        settings["spawner_args"] = ["--LabApp.expose_app_in_browser=True"]
        (state / "settings.json").write_text(json.dumps(settings))
        hub = Hub(state)
        hub.start()
        k = Class(hub)
        k.wait_service()
        yield k
    finally:
        if hub is not None:
            # at most 10 s of graceful shutdown: kelas.remove kills what is left of the accounts
            hub.stop(timeout=10)
        kelas.remove(state)
        _cleanup_accounts("ztgm")
        shutil.rmtree(base, ignore_errors=True)


def _service_pid(k: Class) -> int:
    """The pid of this hub's tabletop service (its command line names this class's database)."""
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmd = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:  # gone meanwhile
            continue
        if "tabletop_service.py" in cmd and k.hub.settings["tabletop_db"] in cmd:
            return int(proc.name)
    raise AssertionError("service process not found")


# ---------------------------------------------------------------------------------------------


def test_service_started_with_the_hub_state_0600_wal(kelas_meja: Class) -> None:
    k = kelas_meja
    db = Path(k.hub.settings["tabletop_db"])
    assert db.parent == k.hub.state and stat.S_IMODE(db.stat().st_mode) == 0o600
    assert db.stat().st_uid == 0
    import sqlite3

    with sqlite3.connect(db) as con:
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    me = k.fac.me()
    assert me == {"participant": TRAINER.upper(), "facilitator": True, "game": None,
                  "role": None, "label": None}  # fmt: skip
    # through the hub's proxy too (HTTPS, the route the hub added for the service)
    import requests

    r = requests.get(f"{k.hub.url}/services/{tp.SERVICE}/api/me", timeout=30, verify=k.hub.verify,
                     headers={"Authorization": f"token {k.tokens[CODES[0]]}"})  # fmt: skip
    assert r.status_code == 200 and r.json()["participant"] == CODES[0], r.text


def test_no_token_or_a_token_without_the_scope_is_refused(kelas_meja: Class) -> None:
    k = kelas_meja
    r = k.raw("GET", "status", None)
    assert r.status_code == 403 and r.json()["reason"] == "no_access"
    assert "layanan latihan meja" in r.json()["pesan"] and "Traceback" not in r.text
    # the participant's own full token minus the service: a token scoped to reading their name
    other = tp.make_token(k.trainer, CODES[0].lower(), ["read:users:name!user"], "tanpa layanan")
    assert k.raw("GET", "status", other).status_code == 403
    assert k.raw("GET", "status", "bukan-token").status_code == 403
    # a participant whose token holds the facilitator scope? the hub refuses to make it
    r = k.trainer.api("POST", f"/users/{CODES[0].lower()}/tokens",
                      json={"scopes": tp.FACILITATOR_SCOPES, "expires_in": 60})  # fmt: skip
    assert r.status_code == 400 and "not held by User" in r.json()["message"], r.text
    with pytest.raises(ServiceError) as err:
        k.players[CODES[0]].status()
    assert err.value.reason == "no_game" and err.value.status == 404


def test_participants_cannot_call_facilitator_endpoints(kelas_meja: Class) -> None:
    k = kelas_meja
    p = k.players[CODES[1]]
    for call in (lambda: p.new_game("banjir_bansos", 1), lambda: p.assign(CODES[1], "kesbangpol"),
                 p.open_round, p.close_round, p.reveal, p.facilitator_view, p.debrief,
                 p.export):  # fmt: skip
        with pytest.raises(ServiceError) as err:
            call()
        assert err.value.reason == "facilitator_only" and err.value.status == 403
        assert "fasilitator" in err.value.pesan
    r = k.raw("GET", "export", k.tokens[CODES[1]], params={"format": "html"})
    assert r.status_code == 403 and r.json()["reason"] == "facilitator_only"


def _script_move(view: dict) -> dict:
    """A valid move for the view's role: what its bot would do (never over budget)."""
    return bot_move(view["role"], view)


@pytest.fixture(scope="module")
def played(kelas_meja: Class) -> dict:
    """The facilitator creates the game and gives ten roles; round 1 is played by all ten."""
    k = kelas_meja
    st = k.fac.new_game("banjir_bansos", SEED, n=N)
    assert st["phase"] == "menunggu" and st["game"] == 1
    for code, role in ROLES.items():
        out = k.fac.assign(code, role)
        assert out["participant"] == code and out["role"] == role
    st = k.fac.open_round()
    assert st["round"] == 1 and st["phase"] == "terbuka"
    receipts = {}
    for code, p in k.players.items():
        me = p.me()
        assert me == {"participant": code, "facilitator": False, "game": 1, "role": ROLES[code],
                      "label": me["label"]}  # fmt: skip
        view = p.view(code, ROLES[code])
        assert view["role"] == ROLES[code] and view["phase"] == "terbuka"
        assert "truth" in view and view["truth"] is None  # no peeking before the reveal
        receipts[code] = p.submit(code, ROLES[code], _script_move(view))
        assert receipts[code]["accepted"] is True and receipts[code]["participant"] == code
    return {"receipts": receipts}


def test_ten_players_move_and_a_team_member_replaces_the_teams_move(kelas_meja, played) -> None:
    k = kelas_meja
    r = played["receipts"]
    # the second player of a team replaced the first one's move (one move per role counts)
    assert r["ZTGM09"]["role"] == "diskominfo" and r["ZTGM09"]["replaced"] == r["ZTGM03"]["seq"]
    st = k.fac.status()
    assert all(st["moved"][role] for role in ROLE_ORDER)
    assert st["moved"]["diskominfo"] == "ZTGM09" and st["moved"]["cek_fakta"] == "ZTGM10"
    fac = k.fac.facilitator_view()
    assert set(fac) >= {"truth", "knowledge", "summary"}


def test_moves_refused_as_the_rules_say(kelas_meja, played) -> None:
    k = kelas_meja
    kes = next(c for c, r in ROLES.items() if r == "kesbangpol")
    p = k.players[kes]
    cases = [
        ({"actions": [{"lever": "koordinasi", "params": {}}] * 3}, MoveRefused, "over_budget", 400),
        ({"actions": [{"lever": "lapor_platform", "params": {"narasi": "x"}}]}, MoveRefused,
         "no_authority", 403),
        ({"actions": [{"lever": "hapus_semua", "params": {}}]}, MoveRefused, "unknown_lever", 400),
        ({"actions": [{"lever": "pantau", "params": {"kecamatan": "TJ99"}}]}, MoveRefused,
         "bad_param", 400),
        ({"actions": "semua"}, MoveRefused, "bad_move", 400),
    ]  # fmt: skip
    for move, kind, reason, status in cases:
        with pytest.raises(kind) as err:
            p.submit(kes, "kesbangpol", move)
        assert err.value.reason == reason and err.value.status == status, move
        assert err.value.pesan and "Traceback" not in err.value.pesan
    # the refused moves changed nothing: the earlier accepted move is still the one pending
    assert k.fac.status()["moved"]["kesbangpol"] == kes


def test_acting_for_another_player_is_refused_403(kelas_meja, played) -> None:
    k = kelas_meja
    a, b = CODES[0], CODES[1]
    p = k.players[a]
    view_b = k.players[b].view(b, ROLES[b])
    for call in (
        lambda: p.submit(b, ROLES[b], _script_move(view_b)),  # B's code and role
        lambda: p.view(b, ROLES[b]),
    ):
        with pytest.raises(ServiceError) as err:
            call()
        assert err.value.reason == "not_you" and err.value.status == 403
    with pytest.raises(MoveRefused) as err:  # own code, B's role
        p.submit(a, ROLES[b], _script_move(view_b))
    assert err.value.reason == "not_your_role" and err.value.status == 403
    with pytest.raises(ServiceError) as err:  # own code, asking for B's view by role
        p.view(a, ROLES[b])
    assert err.value.reason == "not_you"
    assert k.fac.status()["moved"][ROLES[b]] == b


def test_bad_json_large_body_and_rate_limit(kelas_meja, played) -> None:
    k = kelas_meja
    t = k.tokens[CODES[2]]
    r = k.raw("POST", "moves", t, data=b"{bukan json", headers={"Content-Type": "application/json"})
    assert r.status_code == 400 and r.json()["reason"] == "bad_json" and "JSON" in r.json()["pesan"]
    r = k.raw("POST", "moves", t, data=b"[1, 2]")
    assert r.status_code == 400 and r.json()["reason"] == "bad_json"
    r = k.raw("POST", "moves", t, data=b'{"actions": [' + b'{"lever": "x"},' * 2000 + b"]}")
    assert r.status_code == 413 and r.json()["reason"] == "too_large", r.text[:200]
    r = k.raw("GET", "tidak-ada", t)
    assert r.status_code == 404 and r.json()["reason"] == "not_found"
    r = k.raw("DELETE", "moves", t)
    assert r.status_code == 405 and "Traceback" not in r.text
    # a player hammering the service: after the burst, 429 with Retry-After; others unaffected
    statuses = [k.raw("GET", "status", t).status_code for _ in range(40)]
    assert 429 in statuses and statuses[0] == 200, statuses
    r = k.raw("GET", "status", t)
    assert r.status_code == 429 and int(r.headers["Retry-After"]) >= 1
    assert r.json()["pesan"].startswith("Terlalu banyak permintaan")
    assert k.players[CODES[3]].status()["round"] == 1
    time.sleep(5)  # the bucket refills (5 per second)


def test_round_closes_and_a_closed_round_refuses_moves(kelas_meja, played) -> None:
    k = kelas_meja
    result = k.fac.close_round()
    played["results"] = [result]
    assert result["round"] == 1
    assert {m["by"] for m in result["moves"].values()} == set(ROLES) - {"ZTGM03", "ZTGM07"}
    code = next(m["by"] for m in result["moves"].values() if m["actions"])
    view = k.players[code].view(code, ROLES[code])
    assert view["phase"] == "menunggu" and view["history"][0]["round"] == 1
    with pytest.raises(MoveRefused) as err:
        k.players[code].submit(code, ROLES[code], {"actions": []})
    assert err.value.reason == "round_not_open" and err.value.status == 409
    with pytest.raises(TabletopError) as err:  # the engine's GameStateError, same reason code
        k.fac.close_round()
    assert err.value.reason == "round_not_open" and err.value.status == 409


def test_service_killed_mid_round_loses_nothing(kelas_meja, played) -> None:
    """Round 2: half the players move; the service is killed (SIGKILL) and the hub restarts it;
    the rebuilt game has every acknowledged move, and play goes on."""
    k = kelas_meja
    k.fac.open_round()
    half = CODES[:5]
    for code in half:
        p = k.players[code]
        p.submit(code, ROLES[code], _script_move(p.view(code, ROLES[code])))
    before = {"status": k.fac.status(), "export": k.fac.export(), "fac": k.fac.facilitator_view(),
              "views": {c: k.players[c].view(c, ROLES[c]) for c in CODES}}  # fmt: skip
    pid = _service_pid(k)
    os.kill(pid, signal.SIGKILL)
    with pytest.raises(ServiceError) as err:
        k.players[CODES[6]].status()
    assert err.value.reason == "unreachable" and "Muat ulang" in err.value.pesan
    waited = k.wait_service(timeout=120)  # the hub polls its services every 30 s (plus jitter)
    assert _service_pid(k) != pid
    print(f"service back after {waited:.1f} s")
    assert k.fac.status() == before["status"]
    assert k.fac.export() == before["export"]
    assert k.fac.facilitator_view() == before["fac"]
    assert {c: k.players[c].view(c, ROLES[c]) for c in CODES} == before["views"]
    for code in CODES[5:]:
        p = k.players[code]
        p.submit(code, ROLES[code], _script_move(p.view(code, ROLES[code])))
    played["results"].append(k.fac.close_round())
    assert played["results"][-1]["round"] == 2


def test_hub_restart_keeps_the_game(kelas_meja, played) -> None:
    k = kelas_meja
    k.fac.open_round()
    code = CODES[7]
    receipt = k.players[code].submit(code, ROLES[code], {"actions": []})
    before = k.fac.export()
    k.hub.stop()
    k.hub.start()
    k.wait_service()
    assert k.fac.export() == before
    assert k.fac.status()["moved"][ROLES[code]] == code == receipt["participant"]
    played["results"].append(k.fac.close_round())


def test_replay_from_seed_and_log_gives_the_same_timeline(kelas_meja, played) -> None:
    """The exported log replayed here (this checkout's engine) gives the service's game exactly."""
    k = kelas_meja
    export = k.fac.export()
    opts = export["options"]
    assert opts == {"scenario": "banjir_bansos", "seed": SEED, "n": N, "bots": True}
    game = Game.replay(
        opts["scenario"], opts["seed"], export["log"], n=opts["n"], bots=opts["bots"]
    )
    assert game.results == played["results"]
    assert game.status() == {k2: v for k2, v in k.fac.status().items() if k2 != "game"}
    debrief = k.fac.debrief()
    import pandas as pd

    served = pd.DataFrame(debrief["timeline"])
    local = game.debrief().timeline
    pd.testing.assert_frame_equal(served, local.reset_index(drop=True), check_dtype=False)
    played_rows = served[served["run"] == served["run"].iloc[0]]
    assert played_rows["round"].max() == 3


def test_export_html_and_a_new_game_keeps_roles(kelas_meja, played) -> None:
    k = kelas_meja
    r = k.raw("GET", "export", k.fac_token, params={"format": "html"})
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/html")
    assert "<h1>Pembahasan latihan meja" in r.text and "data:image/png;base64," in r.text
    st = k.fac.new_game("pilkada_sara", 3, n=1_000, keep_roles=True)
    assert st["game"] == 2 and st["players"]["kesbangpol"] == [CODES[1]]
    with pytest.raises(TabletopError) as err:
        k.fac.new_game("banjir_bansos", 1, n=10_000_000)
    assert err.value.field == "n" and "server kelas" in err.value.pesan
    with pytest.raises(TabletopError):
        k.fac.new_game("tidak_ada", 1)
    assert k.fac.status()["game"] == 2


# ------------------------------------------------------------------ the real path: kernels, browser
KERNEL = """
import json, os
from simulations.course.tabletop_hub import classroom_backend
b = classroom_backend()
me = b.me()
try:
    b.facilitator_view()
    fac = "ALLOWED"
except Exception as exc:
    fac = getattr(exc, "reason", repr(exc))
print(json.dumps({"me": me, "url": os.environ["TANGGUH_LATIHAN_MEJA_URL"], "fac": fac,
                  "status": b.status()["game"]}))
"""


def test_kernels_call_the_service_with_their_server_token(kelas_meja, played) -> None:
    """A participant's and the trainer's kernels: classroom_backend() finds the service from the
    environment the hub gave their servers, and the server tokens carry exactly their rights."""
    k = kelas_meja
    got = {}
    for user in (CODES[1], TRAINER):
        p = k.hub.participant(user)
        assert p.login() == 302, k.hub.tail()
        p.start_server()
        try:
            r = p.execute(KERNEL)
            assert r["status"] == "ok", r
            got[user] = json.loads(r["stdout"].strip().splitlines()[-1])
        finally:
            p.close_kernel()
    assert got[CODES[1]]["me"]["participant"] == CODES[1]
    assert (
        got[CODES[1]]["me"]["role"] == "kesbangpol" and got[CODES[1]]["fac"] == "facilitator_only"
    )
    assert got[TRAINER]["me"]["facilitator"] is True and got[TRAINER]["fac"] == "ALLOWED"
    assert got[TRAINER]["url"] == k.url and got[TRAINER]["status"] == k.fac.status()["game"]


def _class_notebook(p, cell_ids: list[str]) -> dict:
    """A notebook made of notebook 09's own cells (from the participant's copy), by cell id."""
    r = p.contents(f"{kelas.WORKSPACE}/09_latihan_meja.ipynb")
    assert r.status_code == 200, r.text[:200]
    nb = r.json()["content"]
    cells = {c["id"]: c for c in nb["cells"]}
    return {**nb, "cells": [cells[i] for i in cell_ids]}


def _open_and_run(page, hub: Hub, user: str, password: str, name: str) -> None:
    from test_classroom_hub import JS_DONE, JS_READY

    page.goto(f"{hub.url}/hub/login")
    page.fill("#username_input", user)
    page.fill("#password_input", password)
    page.click("#login_submit")
    page.wait_for_url("**/lab/**", timeout=180_000)
    page.goto(f"{hub.url}/user/{user.lower()}/lab/tree/{kelas.WORKSPACE}/{name}")
    page.wait_for_function(JS_READY, timeout=180_000, polling=500)
    # JupyterLab is Indonesian by default (jupyter/overrides.json): click by the pack's labels
    page.locator(".lm-MenuBar-item", has_text=lab_label("Run", "menu")).first.click()
    page.get_by_role("menuitem", name=lab_label("Run All Cells"), exact=True).click()
    deadline, stable, state = time.monotonic() + 180, 0, {}
    while time.monotonic() < deadline and stable < 3:
        page.wait_for_timeout(500)
        state = page.evaluate(JS_DONE)
        done = state["status"] == "idle" and state["pending"] == 0 and state["executed"] >= 2
        stable = stable + 1 if done else 0
    assert stable >= 3 and state["errors"] == [], state


def _wait_text(page, text: str, timeout: float = 60) -> None:
    page.get_by_text(text).first.wait_for(timeout=timeout * 1000)


def test_browser_participant_and_facilitator_play_one_round(kelas_meja, played) -> None:
    """Chromium: the trainer opens a round in the console, a participant sends a move from the
    panel, the trainer sees it and closes the round, the participant sees the new state."""
    from test_classroom_hub import SHOTS, _browser, _need_browser, _spki_pin

    sync_playwright = _need_browser()
    k = kelas_meja
    code = CODES[1]
    st = k.fac.new_game("banjir_bansos", 11, n=N, keep_roles=True)  # a fresh game, same roles
    assert st["phase"] == "menunggu" and st["players"]["kesbangpol"] == [code]
    for user, ids, name in ((TRAINER, ["nb09-01", "nb09-kelas-konsol"], "kelas_konsol.ipynb"),
                            (code, ["nb09-01", "nb09-kelas-panel"], "kelas_panel.ipynb")):  # fmt: skip
        p = k.hub.participant(user)
        assert p.login() == 302
        p.start_server()
        nb = _class_notebook(p, ids)
        r = p.session.put(
            p.server_url(f"api/contents/{kelas.WORKSPACE}/{name}"),
            json={"type": "notebook", "format": "json", "content": nb},
            headers=p.headers, timeout=30, verify=k.hub.verify,
        )  # fmt: skip
        assert r.status_code in (200, 201), r.text[:300]
    SHOTS.mkdir(parents=True, exist_ok=True)
    pin = _spki_pin(k.hub.settings["tls"]["cert"])
    with sync_playwright() as pw:
        browser = _browser(pw, pin)
        try:
            fac = browser.new_context(viewport={"width": 1280, "height": 1000}).new_page()
            _open_and_run(fac, k.hub, TRAINER, k.hub.passwords[TRAINER], "kelas_konsol.ipynb")
            _wait_text(fac, "Buka ronde")
            fac.get_by_role("button", name="Buka ronde").click()
            _wait_text(fac, "Ronde 1 (")
            fac.screenshot(path=str(SHOTS / "latihan_meja_fasilitator_buka.png"), full_page=True)

            par = browser.new_context(viewport={"width": 1280, "height": 1000}).new_page()
            _open_and_run(par, k.hub, code, k.hub.passwords[code.lower()], "kelas_panel.ipynb")
            _wait_text(par, "Kirim langkah")
            select = par.locator(".widget-dropdown", has_text="Tindakan 1:").locator("select")
            labels = select.locator("option").all_inner_texts()
            par.screenshot(path=str(SHOTS / "latihan_meja_peserta_panel.png"), full_page=True)
            texts = [t.replace("\xa0", " ") for t in labels]  # ipywidgets writes no-break spaces
            choice = next((i for i, t in enumerate(texts) if t.startswith("Pasang titik")), None)
            assert choice is not None, texts
            select.select_option(index=choice)
            par.wait_for_timeout(500)
            par.get_by_role("button", name="Kirim langkah").click()
            _wait_text(par, "Langkah diterima")
            par.screenshot(path=str(SHOTS / "latihan_meja_peserta_kirim.png"), full_page=True)

            fac.get_by_role("button", name="Muat ulang").first.click()
            _wait_text(fac, f"sudah ({code})")
            fac.get_by_role("button", name="Tutup ronde").click()
            _wait_text(fac, "Ronde 1 ditutup")
            fac.screenshot(path=str(SHOTS / "latihan_meja_fasilitator_tutup.png"), full_page=True)

            par.get_by_role("button", name="Muat ulang").click()
            _wait_text(par, ", menunggu)")
            par.screenshot(path=str(SHOTS / "latihan_meja_peserta_sesudah.png"), full_page=True)
        finally:
            browser.close()
    log = k.fac.export()["log"]
    moves = [e for e in log if e["event"] == "move"]
    assert moves[-1]["participant"] == code and moves[-1]["actions"]
    assert log[-1] == {"seq": log[-1]["seq"], "event": "close", "round": 1}
