"""Load benchmark of the classroom server: N participants at once on one machine (not a test).

Run as root after ``classroom/install.sh`` (the hub in /opt/tangguh-hub)::

    python benchmarks/bench_classroom.py [--sizes 5 10 20] [--drive 45] [--period 4]

The hub serves HTTPS as in class (``kelas.py setup``'s default; the client trusts its certificate).
For each class size N, N simulated participants log in through the hub's login form at the same
time, start their servers, open a kernel on their copy of notebook 03 and create the hoax explorer
(its first run = the cold draw); then each presses Run with a new hoax credibility every ``period``
seconds (± 30 % jitter, as a person would) for ``drive`` seconds. Measured:

* login and spawn time (login form → server ready), median and max;
* round trip of one explorer run through the kernel websocket, p50/p95 (client side, so it
  includes queueing behind other participants' runs);
* memory per participant: RSS of all processes of that OS user (server + kernel), while idle after
  the explorer was drawn, and the hub + proxy;
* CPU: the machine's total (shared with everything else running) and the participants' own CPU
  time per second, from their processes' counters (independent of other load).

From the participants' own CPU and memory it estimates how many participants a 4-core/16 GB and an
8-core/32 GB machine hold with p95 <= 1 s: CPU kept at <= 70 % of the cores (queueing delay stays
below one service time) and 2 GB kept for the system, hub and proxy. Accounts are ``ztgb*`` and
are removed at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil
import requests

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "classroom"))

import kelas  # noqa: E402
from client import Participant  # noqa: E402

PREFIX = Path(os.environ.get("TANGGUH_HUB_PREFIX", "/opt/tangguh-hub"))
NOTEBOOK = f"{kelas.WORKSPACE}/03_konflik_sosial_daring.ipynb"
SETUP = "from simulations.course.notebook import setup\nSEED = setup()"
CREATE = (
    "from simulations.widgets.hoax import HoaxExplorer\n"
    "penjelajah = HoaxExplorer(seed=SEED)\n"
    "penjelajah.run()\n"
    "penjelajah"
)
RUN = "penjelajah.controls['alpha'].value = {alpha}\nassert penjelajah.run() is not None"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def user_rss_mb(users: set[str]) -> dict[str, float]:
    out = dict.fromkeys(users, 0.0)
    for p in psutil.process_iter(["username", "memory_info"]):
        u = p.info["username"]
        if u in out and p.info["memory_info"] is not None:
            out[u] += p.info["memory_info"].rss / 2**20
    return out


def user_cpu_seconds(users: set[str]) -> float:
    total = 0.0
    for p in psutil.process_iter(["username", "cpu_times"]):
        if p.info["username"] in users and p.info["cpu_times"] is not None:
            t = p.info["cpu_times"]
            total += (
                t.user
                + t.system
                + getattr(t, "children_user", 0)
                + getattr(t, "children_system", 0)
            )
    return total


def hub_rss_mb(hub_pid: int) -> float:
    try:
        proc = psutil.Process(hub_pid)
        procs = [proc, *proc.children(recursive=False)]
        return sum(p.memory_info().rss for p in procs if p.username() == "root") / 2**20
    except psutil.Error:
        return float("nan")


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    k = (len(values) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def run_size(
    url: str,
    passwords: dict[str, str],
    codes: list[str],
    drive: float,
    period: float,
    verify: bool | str = True,
) -> dict:
    users = {c.lower() for c in codes}
    people = [Participant(url, c, passwords[c.lower()], verify=verify) for c in codes]
    login_s: list[float] = []
    spawn_s: list[float] = []
    cold_s: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()

    def bring_up(p: Participant) -> None:
        try:
            t0 = time.perf_counter()
            assert p.login() == 302
            t1 = time.perf_counter()
            p.start_server(timeout=300)
            t2 = time.perf_counter()
            p.start_kernel(NOTEBOOK, timeout=120)
            assert p.execute(SETUP, timeout=300)["status"] == "ok"
            r = p.execute(CREATE, timeout=300)
            assert r["status"] == "ok", r
            with lock:
                login_s.append(t1 - t0)
                spawn_s.append(t2 - t1)
                cold_s.append(r["seconds"])
        except Exception as exc:  # noqa: BLE001 - reported in the table
            with lock:
                errors.append(f"{p.name}: {exc!r}"[:200])

    threads = [threading.Thread(target=bring_up, args=(p,)) for p in people]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=900)
    time.sleep(5)  # idle: everyone has drawn the explorer once
    idle_rss = user_rss_mb(users)

    latencies: list[float] = []
    stop_at = time.monotonic() + drive
    cpu0, wall0 = user_cpu_seconds(users), time.perf_counter()
    psutil.cpu_percent(interval=None)

    def drive_one(p: Participant, rng: random.Random) -> None:
        time.sleep(rng.uniform(0, period))
        while time.monotonic() < stop_at:
            t0 = time.monotonic()
            try:
                r = p.execute(RUN.format(alpha=round(rng.uniform(0.2, 0.9), 2)), timeout=120)
                with lock:
                    if r["status"] == "ok":
                        latencies.append(r["seconds"])
                    else:
                        errors.append(f"{p.name}: {r['error']}"[:200])
            except Exception as exc:  # noqa: BLE001
                with lock:
                    errors.append(f"{p.name}: {exc!r}"[:200])
                return
            time.sleep(max(0.0, period * rng.uniform(0.7, 1.3) - (time.monotonic() - t0)))

    ready = [p for p in people if p.ws is not None]
    threads = [
        threading.Thread(target=drive_one, args=(p, random.Random(i))) for i, p in enumerate(ready)
    ]
    for t in threads:
        t.start()
    active_rss_samples = []
    while any(t.is_alive() for t in threads):
        active_rss_samples.append(sum(user_rss_mb(users).values()))
        time.sleep(2)
    machine_cpu = psutil.cpu_percent(interval=None)
    cpu_per_participant = (
        (user_cpu_seconds(users) - cpu0) / (time.perf_counter() - wall0) / max(1, len(ready))
    )
    load = os.getloadavg()
    for p in people:
        try:
            if p.token:
                p.stop_server(timeout=120)
        except Exception as exc:  # noqa: BLE001
            errors.append(f"stop {p.name}: {exc!r}"[:200])
    idle = [v for v in idle_rss.values() if v > 0]
    return {
        "n": len(codes),
        "ready": len(ready),
        "login_median_s": statistics.median(login_s) if login_s else float("nan"),
        "spawn_median_s": statistics.median(spawn_s) if spawn_s else float("nan"),
        "spawn_max_s": max(spawn_s) if spawn_s else float("nan"),
        "cold_draw_median_s": statistics.median(cold_s) if cold_s else float("nan"),
        "runs": len(latencies),
        "p50_s": pct(latencies, 0.5),
        "p95_s": pct(latencies, 0.95),
        "idle_rss_mb_per_participant": statistics.mean(idle) if idle else float("nan"),
        "active_rss_mb_per_participant": (max(active_rss_samples) / max(1, len(ready)))
        if active_rss_samples
        else float("nan"),
        "participant_cpu_cores_each": cpu_per_participant,
        "machine_cpu_percent": machine_cpu,
        "load_avg_1_5_15": [round(x, 2) for x in load],
        "errors": errors[:5],
        "n_errors": len(errors),
    }


def capacity(cores: int, ram_gb: float, cpu_each: float, rss_mb_each: float) -> dict[str, int]:
    """Participants a machine holds: CPU at <= 70 % of its cores, 2 GB kept for system + hub."""
    by_cpu = int(0.7 * cores / cpu_each) if cpu_each > 0 else 10**6
    by_mem = int((ram_gb - 2) * 1024 / rss_mb_each) if rss_mb_each > 0 else 10**6
    return {"by_cpu": by_cpu, "by_memory": by_mem, "participants": min(by_cpu, by_mem)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[5, 10, 20])
    ap.add_argument("--drive", type=float, default=45.0, help="seconds of explorer runs per size")
    ap.add_argument(
        "--period", type=float, default=4.0, help="seconds between a participant's runs"
    )
    ap.add_argument("--json", type=Path, default=None, help="also write the results here")
    args = ap.parse_args()
    if os.geteuid() != 0 or not (PREFIX / "venv" / "bin" / "jupyterhub").exists():
        sys.exit("run as root after classroom/install.sh")
    codes = [f"ZTGB{i:02d}" for i in range(1, max(args.sizes) + 1)]
    base = Path(tempfile.mkdtemp(prefix="ztgb-"))
    base.chmod(0o711)
    (base / "peserta.txt").write_text("\n".join(codes) + "\n")
    state = base / "state"
    hub = None
    try:
        settings = kelas.setup(
            base / "peserta.txt",
            state=state,
            trainer="ztgb-pelatih",
            dropbox=base / "kotak",
            ip="127.0.0.1",
            port=free_port(),
            hub_port=free_port(),
            proxy_api_port=free_port(),
            prefix=PREFIX,
        )
        # HTTPS as in class (kelas.py's default): the client trusts the hub's own certificate
        tls = settings["tls"]
        url = f"{'https' if tls else 'http'}://127.0.0.1:{settings['port']}"
        verify = tls["cert"] if tls else True
        passwords = json.loads((state / "passwords.json").read_text())
        cmd, env = kelas.hub_command(state)
        t0 = time.perf_counter()
        with (state / "hub.log").open("w") as log:
            hub = subprocess.Popen(cmd, env=env, cwd=state, stdout=log, stderr=subprocess.STDOUT,
                                   preexec_fn=lambda: os.umask(0o027), start_new_session=True)  # fmt: skip
        for _ in range(300):  # bounded: about 90 s
            try:
                # the proxy answers 404 until the hub has added its route: wait for the hub itself
                if requests.get(f"{url}/hub/api/", timeout=2, verify=verify).status_code == 200:
                    break
            except requests.RequestException:
                pass
            time.sleep(0.3)
        else:
            raise SystemExit(
                f"the hub did not answer on {url} within 90 s; see {state / 'hub.log'}"
            )
        hub_start = time.perf_counter() - t0
        print(f"hub start {hub_start:.1f} s; {psutil.cpu_count()} cores; "
              f"{psutil.virtual_memory().total / 2**30:.1f} GB RAM; load {os.getloadavg()}")  # fmt: skip
        results = []
        for n in args.sizes:
            res = run_size(url, passwords, codes[:n], args.drive, args.period, verify)
            res["hub_proxy_rss_mb"] = hub_rss_mb(hub.pid)
            results.append(res)
            print(json.dumps(res), flush=True)
        print()
        print(
            f"{'N':>3} {'ready':>5} {'login s':>8} {'spawn s':>8} {'spawn max':>9} {'cold s':>7} "
            f"{'runs':>5} {'p50 s':>6} {'p95 s':>6} {'idle MB':>8} {'CPU each':>9} {'machine%':>8} load"
        )
        for r in results:
            print(
                f"{r['n']:>3} {r['ready']:>5} {r['login_median_s']:>8.2f} {r['spawn_median_s']:>8.2f} "
                f"{r['spawn_max_s']:>9.2f} {r['cold_draw_median_s']:>7.2f} {r['runs']:>5} "
                f"{r['p50_s']:>6.2f} {r['p95_s']:>6.2f} {r['idle_rss_mb_per_participant']:>8.0f} "
                f"{r['participant_cpu_cores_each']:>9.3f} {r['machine_cpu_percent']:>8.0f} "
                f"{r['load_avg_1_5_15']}"
            )
        # cost per participant: the largest class measured (most representative of sharing)
        ref = max((r for r in results if r["ready"]), key=lambda r: r["n"])
        rss = max(ref["active_rss_mb_per_participant"], ref["idle_rss_mb_per_participant"])
        cpu = ref["participant_cpu_cores_each"]
        print(f"\nper participant (N={ref['n']}): {cpu:.3f} cores while driving, {rss:.0f} MB")
        for cores, ram in ((4, 16), (8, 32)):
            print(f"{cores} cores / {ram} GB: {capacity(cores, ram, cpu, rss)}")
        if args.json:
            args.json.write_text(
                json.dumps({"hub_start_s": hub_start, "results": results}, indent=1)
            )
    finally:
        if hub is not None:
            hub.send_signal(signal.SIGTERM)
            try:
                hub.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(hub.pid, signal.SIGKILL)
        kelas.remove(users=["ztgb-pelatih", *(c.lower() for c in codes)])
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
