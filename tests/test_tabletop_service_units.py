"""Units of the classroom tabletop service, without a hub: the SQLite store, the rate limit, the
HTTP client's errors, and the class widgets outside the classroom server.

The service itself (tornado + HubAuth) runs on a real hub in ``tests/test_tabletop_hub.py``.
"""

from __future__ import annotations

import socket
import sqlite3
import stat
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "classroom"))

from tabletop_limits import TokenBucket  # noqa: E402
from tabletop_store import TabletopStore  # noqa: E402

from simulations.course import tabletop_hub  # noqa: E402
from simulations.course.tabletop_hub import HubBackend, ServiceError, classroom_backend  # noqa: E402
from simulations.response.tabletop import Game, MoveRefused  # noqa: E402
from simulations.widgets.tabletop import LocalBackend  # noqa: E402
from simulations.widgets.tabletop_kelas import OUTSIDE_CLASS, ClassConsole, ClassPanel  # noqa: E402

MOVE = {"actions": [{"lever": "pantau", "params": {"kecamatan": "TJ03"}}]}


# ------------------------------------------------------------------ store
def _played(n: int = 1_000) -> Game:
    game = Game("banjir_bansos", 5, n=n)
    game.assign("P01", "kesbangpol")
    game.assign("P02", "diskominfo")
    game.open_round()
    game.submit("P01", "kesbangpol", MOVE)
    game.close_round()
    game.open_round()
    game.submit("P02", "diskominfo", {"actions": []})
    return game


def test_store_file_0600_wal_full(tmp_path) -> None:
    store = TabletopStore(tmp_path / "meja.sqlite")
    assert stat.S_IMODE((tmp_path / "meja.sqlite").stat().st_mode) == 0o600
    assert store.settings() == {"journal_mode": "wal", "synchronous": "FULL"}
    assert store.latest() is None and store.game_ids() == []


def test_store_reopened_rebuilds_the_same_game(tmp_path) -> None:
    """What was appended (committed) is there after closing and reopening, and replaying it gives
    the same game: same status, views and timeline (mid-round, a move pending)."""
    game = _played()
    path = tmp_path / "meja.sqlite"
    store = TabletopStore(path)
    log = game.moves_log()
    gid = store.new_game(game.options(), log[:2])
    for event in log[2:]:
        store.append(gid, [event])
    store.close()  # as a killed service leaves it: every append was already committed
    stored = TabletopStore(path).latest()
    assert stored.id == gid and stored.events == log
    opts = dict(stored.options)
    again = Game.replay(opts.pop("scenario"), opts.pop("seed"), stored.events, **opts)
    assert again.status() == game.status()
    assert again.view("diskominfo") == game.view("diskominfo")
    assert again.timeline().equals(game.timeline())


def test_store_refuses_a_duplicate_seq_and_writes_nothing(tmp_path) -> None:
    store = TabletopStore(tmp_path / "meja.sqlite")
    gid = store.new_game({"scenario": "banjir_bansos", "seed": 1, "n": 1000, "bots": True})
    store.append(gid, [{"seq": 1, "event": "open", "round": 1}])
    with pytest.raises(sqlite3.IntegrityError):
        store.append(gid, [{"seq": 2, "event": "close", "round": 1}, {"seq": 1, "event": "x"}])
    assert store.load(gid).events == [{"seq": 1, "event": "open", "round": 1}]
    with pytest.raises(KeyError):
        store.load(99)


def test_store_keeps_earlier_games(tmp_path) -> None:
    store = TabletopStore(tmp_path / "meja.sqlite")
    a = store.new_game({"scenario": "banjir_bansos", "seed": 1, "n": 1000, "bots": True})
    b = store.new_game({"scenario": "pilkada_sara", "seed": 2, "n": 1000, "bots": True})
    assert store.game_ids() == [a, b] and store.latest().id == b
    assert store.load(a).options["scenario"] == "banjir_bansos"


# ------------------------------------------------------------------ rate limit
def test_bucket_burst_then_rate() -> None:
    bucket = TokenBucket(rate=5, burst=20)
    assert [bucket.take("p01", now=0.0) for _ in range(20)] == [0.0] * 20
    wait = bucket.take("p01", now=0.0)
    assert wait == pytest.approx(0.2)
    assert bucket.take("p02", now=0.0) == 0.0  # another participant is not affected
    assert bucket.take("p01", now=0.2) == 0.0
    with pytest.raises(ValueError):
        TokenBucket(rate=0)


@settings(max_examples=60, deadline=None)
@given(gaps=st.lists(st.floats(min_value=0, max_value=0.5), min_size=1, max_size=200))
def test_bucket_never_allows_more_than_burst_plus_rate_times_time(gaps) -> None:
    """Invariant: over any stretch of t seconds at most burst + rate * t requests pass."""
    rate, burst = 5.0, 20
    bucket = TokenBucket(rate, burst)
    now, allowed = 0.0, []
    for gap in gaps:
        now += gap
        if bucket.take("p", now=now) == 0:
            allowed.append(now)
    for i in range(len(allowed)):
        for j in range(i, len(allowed)):
            assert j - i + 1 <= burst + rate * (allowed[j] - allowed[i]) + 1e-9


# ------------------------------------------------------------------ the HTTP client
def test_backend_outside_class_is_none_and_needs_url_and_token(monkeypatch) -> None:
    monkeypatch.delenv(tabletop_hub.ENV_URL, raising=False)
    monkeypatch.setenv(tabletop_hub.ENV_TOKEN, "abc")
    assert classroom_backend() is None
    with pytest.raises(ServiceError) as err:
        HubBackend()
    assert err.value.reason == "not_configured" and "mode sendiri" in err.value.pesan
    with pytest.raises(ServiceError):
        HubBackend("file:///etc/passwd", "abc")


def test_backend_unreachable_says_so_in_indonesian() -> None:
    with socket.socket() as sock:  # a port nobody listens on (bound, never listening)
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
        backend = HubBackend(f"http://127.0.0.1:{port}/services/latihan-meja/", "abc", timeout=2)
        with pytest.raises(ServiceError) as err:
            backend.status()
    assert err.value.reason == "unreachable" and "tidak dapat dihubungi" in err.value.pesan


def test_refusal_bodies_become_the_engines_or_the_services_errors() -> None:
    engine = tabletop_hub._refusal(
        {"reason": "over_budget", "status": 400, "message": "m", "pesan": "Langkah ini butuh"}, 400
    )
    assert isinstance(engine, MoveRefused) and engine.reason == "over_budget"
    own = tabletop_hub._refusal(
        {"reason": "not_you", "status": 403, "message": "m", "pesan": "Anda hanya"}, 403
    )
    assert isinstance(own, ServiceError) and own.status == 403 and own.pesan == "Anda hanya"
    junk = tabletop_hub._refusal(None, 502)
    assert junk.reason == "bad_answer" and "502" in junk.pesan


# ------------------------------------------------------------------ class widgets
def test_class_widgets_outside_the_classroom_server(monkeypatch) -> None:
    monkeypatch.delenv(tabletop_hub.ENV_URL, raising=False)
    panel, console = ClassPanel(), ClassConsole()
    assert panel.backend is None and panel.status.value == OUTSIDE_CLASS
    assert console.backend is None and console.status.value == OUTSIDE_CLASS
    assert panel.panel is None and console.console is None


class FakeHub(LocalBackend):
    """The service's answers over an in-kernel game (a unit stand-in for HubBackend)."""

    def __init__(self, game: Game | None, code: str, facilitator: bool) -> None:
        super().__init__(game)
        self.code, self.facilitator = code, facilitator

    def me(self) -> dict:
        role = self.game.assignments.get(self.code) if self.game else None
        return {"participant": self.code, "facilitator": self.facilitator,
                "game": 1 if self.game else None, "role": role, "label": role}  # fmt: skip

    def status(self) -> dict:
        return {"game": 1, **self.game.status()}

    def new_game(self, scenario, seed, *, n, keep_roles) -> dict:
        self.game = Game(scenario, seed, n=1_000)
        return self.status()


def test_class_panel_waits_for_a_role_then_shows_the_panel() -> None:
    game = Game("banjir_bansos", 3, n=1_000)
    fake = FakeHub(game, "P05", facilitator=False)
    panel = ClassPanel(fake)
    assert panel.panel is None and "belum mendapat peran" in panel.status.value
    game.assign("P05", "fkub")
    game.open_round()
    shown = panel.check()
    assert shown is panel.panel and shown.role == "fkub" and "memerankan" in panel.status.value
    assert panel.panel_box.children == (shown.widget,)


def test_class_console_for_the_facilitator_only() -> None:
    player = ClassConsole(FakeHub(Game("banjir_bansos", 3, n=1_000), "P05", facilitator=False))
    assert player.console is None and "akun fasilitator" in player.status.value
    fac = ClassConsole(FakeHub(None, "PELATIH", facilitator=True))
    assert fac.console is None and "Belum ada permainan" in fac.status.value
    fac.scenario.value = "kebocoran_data"
    console = fac.new_game()
    assert console is fac.console and fac.backend.game.scenario.key == "kebocoran_data"
    assert "Permainan kelas nomor 1" in fac.status.value
