"""Where the test suite's time goes: per test, per xdist scope and per worker, from a pytest log.

Run the suite with durations of every phase and the worker of every test in the log::

    python -m pytest -n 2 --dist loadscope --nbval-lax --durations=0 -v -p no:randomly > run.log
    python benchmarks/ci_durations.py run.log              # top 15 tests, top scopes, workers
    python benchmarks/ci_durations.py run.log --write      # also refresh tests/scope_seconds.json

``--durations=0`` prints one line per test phase (``12.34s call     tests/test_x.py::test_y``);
``-v`` under xdist prints ``[gw0] [ 5%] PASSED tests/test_x.py::test_y`` for every test. A scope
is what the root conftest's scheduler keeps on one worker: a notebook, a test module, or a single
test of a module in its ``SPLIT_MODULES``. ``tests/scope_seconds.json`` (seconds per scope) is
what that scheduler reads to hand out the longest scopes first: refresh it after a change that
moves a scope's time by more than a few seconds. Timings belong here and in benchmarks/README.md,
never in assertions.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from conftest import SCOPE_SECONDS, SPLIT_MODULES  # noqa: E402

DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)s (setup|call|teardown)\s+(\S.*?)\s*$")
WORKER = re.compile(
    r"^\[(gw\d+)\] \[\s*\d+%\] (?:PASSED|FAILED|SKIPPED|ERROR|XFAIL|XPASS) (\S.*?)\s*$"
)


def scope_of(nodeid: str) -> str:
    """The xdist scope of a test, as the root conftest's scheduler forms it."""
    if nodeid.split("::", 1)[0] in SPLIT_MODULES:
        return nodeid
    return nodeid.rsplit("::", 1)[0]


def read_log(path: Path) -> tuple[dict[str, float], dict[str, str]]:
    """Return ``{nodeid: seconds (setup + call + teardown)}`` and ``{nodeid: worker}``."""
    seconds: dict[str, float] = defaultdict(float)
    worker: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if m := DURATION.match(line):
            seconds[m.group(3)] += float(m.group(1))
        elif m := WORKER.match(line):
            # -v names a notebook item "notebooks/00_x::ipynb::Cell 3"; a failure adds " - why"
            nodeid = m.group(2).split(" - ", 1)[0].replace("::ipynb::", ".ipynb::")
            worker[nodeid] = m.group(1)
    return dict(seconds), worker


def main(argv: list[str] | None = None) -> int:
    """Print the summary; with ``--write`` refresh tests/scope_seconds.json."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("log", type=Path, help="pytest output with --durations=0 (and -v)")
    parser.add_argument("--top", type=int, default=15, help="tests and scopes to list")
    parser.add_argument("--write", action="store_true", help=f"write {SCOPE_SECONDS.name}")
    args = parser.parse_args(argv)
    seconds, worker = read_log(args.log)
    if not seconds:
        print(f"no '--durations=0' lines in {args.log}", file=sys.stderr)
        return 1
    print(f"{len(seconds)} tests, {sum(seconds.values()):.0f} s in test phases")
    print(f"\ntop {args.top} tests (setup + call + teardown, s):")
    for nodeid, s in sorted(seconds.items(), key=lambda kv: -kv[1])[: args.top]:
        print(f"{s:8.1f}  {nodeid}")
    scopes: dict[str, float] = defaultdict(float)
    for nodeid, s in seconds.items():
        scopes[scope_of(nodeid)] += s
    print(f"\ntop {args.top} scopes of {len(scopes)} (s):")
    for scope, s in sorted(scopes.items(), key=lambda kv: -kv[1])[: args.top]:
        print(f"{s:8.1f}  {scope}")
    if worker:
        load: dict[str, float] = defaultdict(float)
        for nodeid, s in seconds.items():
            load[worker.get(nodeid, "?")] += s
        print("\nper worker (s): " + ", ".join(f"{w} {s:.0f}" for w, s in sorted(load.items())))
    if args.write:
        kept = {k: round(v, 1) for k, v in sorted(scopes.items(), key=lambda kv: -kv[1]) if v >= 1}
        SCOPE_SECONDS.write_text(json.dumps(kept, indent=1, ensure_ascii=False) + "\n", "utf-8")
        print(f"\nwrote {len(kept)} scopes of >= 1 s to {SCOPE_SECONDS.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
