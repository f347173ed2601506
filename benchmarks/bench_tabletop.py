"""Timings of the tabletop engine (issue 20). Run: python benchmarks/bench_tabletop.py

Measures, for districts of 1,000, 10,000 and 100,000 simulated people (``--sizes`` to change):

1. **build** — ``Game(scenario, seed, n)``: the kecamatan network and the district (median of
   ``--repeat`` builds);
2. **round** — ``close_round()`` with every role played by its bot (the heaviest round: eight roles
   act, the model advances ``steps_per_round`` steps, every role observes); median and maximum
   over the scenario's rounds;
3. **view / submit** — one role view and one accepted move (what a player's request costs the
   engine, without any HTTP);
4. **debrief** — the debrief with its three counterfactual replays (every round again, three times);
5. **memory** — the process's peak resident memory after each size (sizes run smallest first, so the
   last figure includes the largest district).

Wall-clock seconds (``time.perf_counter``) and CPU seconds of this process (``time.process_time``).
With ``--service`` (root, the hub installed by ``classroom/install.sh``; ``$TANGGUH_HUB_PREFIX``)
it measures the **classroom service** instead (:func:`service_load`): a real hub on 127.0.0.1 with
the ``latihan-meja`` service, ``--players`` (40) participants with their own tokens (the scopes of a
server token), and for each of ``--rounds`` rounds: the facilitator opens the round, every player
fetches their view and submits a move at a random moment within ``--window`` (10) seconds, then
the facilitator closes the round and all players fetch their views at once. Reported: the
latency of a move (POST, client side: HTTP + hub token check when not cached + engine + SQLite
commit with fsync), of a view, of the close (the round resolving), and **round visible to all** =
from sending the close until the last of the players has the resolved round's view. Also
``--store``: the cost of one committed SQLite append with ``synchronous=FULL`` vs ``NORMAL``.

Timings belong here and in ``benchmarks/README.md``, never in test assertions.
"""

from __future__ import annotations

import argparse
import math
import os
import resource
import statistics
import time
from collections.abc import Callable
from typing import Any

from simulations.response.tabletop import Game


def timed(fn: Callable[[], Any]) -> tuple[float, float, Any]:
    """Return (wall seconds, CPU seconds, result) of one call."""
    w0, c0 = time.perf_counter(), time.process_time()
    out = fn()
    return time.perf_counter() - w0, time.process_time() - c0, out


def play_round(game: Game) -> dict[str, Any]:
    """Open a round and close it (every unplayed role moves by its bot)."""
    game.open_round()
    return game.close_round()


def measure(n: int, scenario: str, repeat: int, seed: int = 2024) -> dict[str, float]:
    builds = [timed(lambda: Game(scenario, seed, n=n))[:2] for _ in range(repeat)]
    game = Game(scenario, seed, n=n)
    rounds = [timed(lambda: play_round(game))[:2] for _ in range(game.scenario.rounds)]
    probe = Game(scenario, seed, n=n)
    probe.assign("P01", "kesbangpol")
    probe.open_round()
    view = timed(lambda: probe.view("kesbangpol"))[:2]
    move = {"actions": [{"lever": "pantau", "params": {"kecamatan": "TJ03"}}]}
    submit = timed(lambda: probe.submit("P01", "kesbangpol", move))[:2]
    debrief = timed(game.debrief)[:2]
    return {
        "n": n,
        "build_wall": statistics.median(b[0] for b in builds),
        "build_cpu": statistics.median(b[1] for b in builds),
        "round_wall": statistics.median(r[0] for r in rounds),
        "round_wall_max": max(r[0] for r in rounds),
        "round_cpu": statistics.median(r[1] for r in rounds),
        "view_wall": view[0],
        "submit_wall": submit[0],
        "debrief_wall": debrief[0],
        "debrief_cpu": debrief[1],
        "steps_per_round": game.scenario.steps_per_round,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--scenario", default="banjir_bansos")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--service", action="store_true", help="load test of the hub service")
    parser.add_argument("--players", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--window", type=float, default=10.0, help="seconds to submit in")
    parser.add_argument("--n", type=int, default=10_000, help="district size (--service)")
    parser.add_argument("--store", action="store_true", help="SQLite commit: FULL vs NORMAL")
    args = parser.parse_args()
    if args.store:
        store_commit()
        return
    if args.service:
        service_load(args.players, args.rounds, args.window, args.n, args.scenario)
        return
    Game(args.scenario, 0, n=1_000)  # imports, data tables and first-call costs out of the way
    print(
        f"scenario {args.scenario}; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    print(
        f"{'people':>9} | {'build s':>16} | {'round s (median; max)':>24} | {'view ms':>7} | "
        f"{'submit ms':>9} | {'debrief s':>16} | {'peak RSS MB':>11}"
    )
    for n in args.sizes:
        m = measure(n, args.scenario, args.repeat)
        print(
            f"{n:>9,} | {m['build_wall']:6.3f} ({m['build_cpu']:5.3f} CPU) | "
            f"{m['round_wall']:6.3f}; {m['round_wall_max']:6.3f} ({m['round_cpu']:5.3f} CPU) | "
            f"{1000 * m['view_wall']:7.2f} | {1000 * m['submit_wall']:9.2f} | "
            f"{m['debrief_wall']:6.2f} ({m['debrief_cpu']:5.2f} CPU) | "
            f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:11.0f}"
        )


# ------------------------------------------------------------------ the classroom service (--service)
def _pct(values: list[float], q: float) -> float:
    """The q-th percentile (nearest rank) of ``values``."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(q / 100 * len(ordered)) - 1))]


def _line(label: str, seconds: list[float]) -> str:
    ms = [1000 * s for s in seconds]
    return (
        f"{label:<28} n={len(ms):>4}  p50 {_pct(ms, 50):7.1f} ms  p95 {_pct(ms, 95):7.1f} ms  "
        f"max {max(ms):7.1f} ms"
    )


def store_commit(count: int = 300) -> None:
    """Time one committed append (a move event) with synchronous=FULL and NORMAL (WAL both)."""
    import sys
    import tempfile
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "classroom"))
    from tabletop_store import TabletopStore

    event = {"event": "move", "round": 1, "participant": "P07", "role": "kesbangpol",
             "actions": [{"lever": "pantau", "params": {"kecamatan": "TJ03"}}], "cost": 1}  # fmt: skip
    print(
        f"load average {os.getloadavg()[0]:.1f}; {count} commits each, folder {tempfile.gettempdir()}"
    )
    for mode in ("FULL", "NORMAL"):
        with tempfile.TemporaryDirectory() as tmp:
            store = TabletopStore(Path(tmp) / "bench.sqlite")
            store.db.execute(f"PRAGMA synchronous={mode}")
            game = store.new_game({"scenario": "banjir_bansos", "seed": 1, "n": 1000, "bots": True})
            times = []
            for seq in range(1, count + 1):
                t0 = time.perf_counter()
                store.append(game, [{"seq": seq, **event}])
                times.append(time.perf_counter() - t0)
            store.close()
        print(_line(f"append, synchronous={mode}", times))


def _one_round(
    fac: Any, backends: dict, roles: dict, r: int, window: float, rng: Any
) -> list[float]:
    """Open round ``r``, let every player view and move within ``window`` s, close, view again."""
    import threading

    from simulations.response.tabletop import bot_move

    fac.open_round()
    moves: list[float] = []
    views: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()

    def play(code: str, delay: float) -> None:
        time.sleep(delay)
        b = backends[code]
        try:
            t0 = time.perf_counter()
            view = b.view(code, roles[code])
            t1 = time.perf_counter()
            b.submit(code, roles[code], bot_move(roles[code], view))
            t2 = time.perf_counter()
            with lock:
                views.append(t1 - t0)
                moves.append(t2 - t1)
        except Exception as exc:  # counted, not raised: a load test reports its errors
            with lock:
                errors.append(f"{code}: {exc}")

    threads = [threading.Thread(target=play, args=(c, rng.uniform(0, window))) for c in backends]
    t_start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=window + 60)
    spread = time.perf_counter() - t_start
    load = os.getloadavg()[0]
    # close, then every player fetches the resolved round at once
    seen: list[float] = []
    t0 = time.perf_counter()
    fac.close_round()
    t_close = time.perf_counter() - t0

    def look(code: str) -> None:
        view = backends[code].view(code, roles[code])
        if view["phase"] != "terbuka" and view["round"] == r:
            with lock:
                seen.append(time.perf_counter() - t0)

    lookers = [threading.Thread(target=look, args=(c,)) for c in backends]
    for t in lookers:
        t.start()
    for t in lookers:
        t.join(timeout=60)
    print(f"round {r}: {len(moves)} moves in {spread:.1f} s, {len(errors)} errors, "
          f"load average {load:.1f}")  # fmt: skip
    for e in errors[:3]:
        print("   ", e)
    print("  " + _line("move (POST moves)", moves))
    print("  " + _line("view (GET view)", views))
    print(f"  close (resolve) {1000 * t_close:7.1f} ms; visible to all {len(seen)}/"
          f"{len(backends)} players after {1000 * max(seen, default=float('nan')):7.1f} ms")  # fmt: skip
    return moves


def service_load(players: int, rounds: int, window: float, n: int, scenario: str) -> None:
    """Load test of the classroom service on a real hub (see the module docstring)."""
    import json
    import random
    import shutil
    import sys
    import tempfile
    from pathlib import Path

    repo = Path(__file__).resolve().parents[1]
    sys.path[:0] = [str(repo / "classroom"), str(repo / "tests")]
    import kelas
    import tabletop_players as tp
    from test_classroom_hub import PREFIX, Hub, _free_port

    from simulations.course.tabletop_hub import HubBackend
    from simulations.response.tabletop import ROLE_ORDER

    codes = [f"ZTGL{i:02d}" for i in range(1, players + 1)]
    trainer = "ztgl-pelatih"
    base = Path(tempfile.mkdtemp(prefix="ztgl-"))
    base.chmod(0o711)
    (base / "peserta.txt").write_text("\n".join(codes) + "\n")
    hub = None
    print(f"{players} players, {rounds} rounds, window {window:.0f} s, n={n:,}, prefix {PREFIX}")
    print(f"before: uptime load {os.getloadavg()} on {os.cpu_count()} cores")
    try:
        kelas.setup(
            base / "peserta.txt", state=base / "state", trainer=trainer, dropbox=base / "kotak",
            ip="127.0.0.1", port=_free_port(), hub_port=_free_port(),
            proxy_api_port=_free_port(), tabletop_port=_free_port(), prefix=PREFIX,
        )  # fmt: skip
        hub = Hub(base / "state")
        hub.start()
        admin = hub.participant(trainer)
        assert admin.login() == 302
        tp.create_users(admin, [c.lower() for c in codes])
        url = tp.service_url(hub.settings)
        fac = HubBackend(url, tp.make_token(admin, trainer, tp.FACILITATOR_SCOPES))
        backends = {
            c: HubBackend(url, tp.make_token(admin, c.lower(), tp.PLAYER_SCOPES)) for c in codes
        }
        deadline = time.monotonic() + 60
        while True:
            try:
                fac.me()
                break
            except Exception:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)
        fac.new_game(scenario, 2024, n=n)
        roles = {c: ROLE_ORDER[i % len(ROLE_ORDER)] for i, c in enumerate(codes)}
        for c, r in roles.items():
            fac.assign(c, r)
        rng = random.Random(1)
        all_moves: list[float] = []
        for r in range(1, rounds + 1):
            all_moves += _one_round(fac, backends, roles, r, window, rng)
        print(_line("all rounds: move", all_moves))
        print(f"after: uptime load {os.getloadavg()}")
        print(json.dumps(fac.status()["moved"]))
    finally:
        if hub is not None:
            hub.stop()
        kelas.remove(base / "state")
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
