"""Count how many generated invalid parameter sets end in a clear error (issue 17).

Runs the generator of ``tests/test_entry_point_inputs.py`` (the same cases and strategies) without
stopping at the first failure, so that every outcome is counted: a clear error (the package's
error naming the argument, with an Indonesian message; for the CLI one ``error:`` line and exit
status 2), an escape (a raw exception) or a silent acceptance. The test module asserts 100 % on
60 sets per case; this script counts as many as you ask for.

Run: ``python benchmarks/bench_hostile_inputs.py [--examples 300]``. It expects a checkout whose
checks come before the work: against code that starts building or running on invalid input (e.g.
before issue 17), some generated sets would build networks of 10^12 people.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1] / "tests"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=300, help="sets per case (default 300)")
    args = parser.parse_args()
    sys.path.insert(0, str(TESTS))
    import test_entry_point_inputs as gen
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    import simulations
    from simulations.analysis import experiments

    def refuse(*a, **k):
        raise gen.Ran("the sweep started running")

    experiments._execute = refuse  # nothing runs: reaching the executor counts as accepted
    tally: Counter[tuple[str, str, str]] = Counter()
    hunt_settings = settings(
        max_examples=args.examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )

    def guarded(call):
        try:
            return call()
        except Exception as exc:  # noqa: BLE001 - counting escapes is the point
            return f"escape: {type(exc).__name__}"
        except SystemExit:  # argparse refusing an option
            return "escape: SystemExit"

    t0 = time.perf_counter()

    def hunter(case):
        @hunt_settings
        @given(data=st.data())
        def hunt(data):
            value = data.draw(case.values)
            tally[(case.entry, case.field, guarded(lambda: gen.outcome(case, value)))] += 1

        return hunt

    for case in gen.CASES:
        hunter(case)()
    tmp = Path(tempfile.mkdtemp(prefix="tangguh-hostile-cli-"))

    def cli_hunter(option, values, make, field):
        @hunt_settings
        @given(data=st.data())
        def hunt(data):
            options, extra = make(data.draw(values))

            def call():
                code, err = gen.run_cli(tmp, options, extra)
                ok = (
                    code == 2
                    and err.startswith("error: ")
                    and err.count("\n") == 1
                    and any(name in err for name in field.split("|"))
                    and "Traceback" not in err
                    and "configuration was rejected" not in err
                )
                return "clear" if ok else f"exit {code}: {err.strip()[:80]}"

            tally[("cli " + option, field, guarded(call))] += 1

        return hunt

    for option, (values, make, field) in gen.CLI_CASES.items():
        with contextlib.redirect_stderr(io.StringIO()):
            cli_hunter(option, values, make, field)()
    seconds = time.perf_counter() - t0
    import shutil

    shutil.rmtree(tmp, ignore_errors=True)
    total = sum(tally.values())
    clear = sum(v for (_, _, o), v in tally.items() if o == "clear")
    print(f"package: {simulations.__file__}")
    print(f"{total} invalid parameter sets, {len(gen.CASES) + len(gen.CLI_CASES)} cases, "
          f"{args.examples} examples per case, {seconds:.0f} s")  # fmt: skip
    print(f"clear errors: {clear} of {total} ({100 * clear / total:.2f} %)")
    worst: Counter[str] = Counter()
    for (entry, field, outcome), v in tally.items():
        if outcome != "clear":
            worst[f"{entry}.{field}: {outcome}"] += v
    for text, v in worst.most_common(40):
        print(f"  {v:>5}  {text}")


if __name__ == "__main__":
    main()
