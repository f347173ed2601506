"""Hostile inputs to the analysis, response, network and command-line entry points (issue 17).

A generator (hypothesis) makes parameter sets that are invalid in exactly one argument — wrong
types, fractions, NaN, negative and astronomically large sizes and seeds, unwritable or
control-character output folders, unknown formats, amounts of work far beyond the limits — while
the other arguments stay small and valid. Every set must end in a *clear error*, checked before
any run:

* Python API: a :class:`~simulations.core.errors.SimulationInputError` whose ``field`` is the
  argument, whose English message names it and which carries a different, Indonesian ``.pesan``;
* command line: exit status 2 and one ``error:`` line naming the option, never a traceback and
  never the catch-all "the configuration was rejected: <TypeError>".

Anything else (a raw ``TypeError``, silent acceptance, a run that starts) is counted and fails.
``TALLY`` counts every generated set per entry point, argument and outcome; the module prints the
table and the share of clear errors at its end (run with ``-s``). The first tests are the
regressions the issue names.
"""

from __future__ import annotations

import atexit
import math
import os
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulations import __main__ as cli
from simulations.analysis import experiments
from simulations.analysis.experiments import (
    compare,
    mean_ci,
    run_many,
    run_seed,
    save_frames,
    summarise_points,
    sweep,
)
from simulations.core import networks
from simulations.core.errors import SimulationInputError
from simulations.course.action_plan import make_plan
from simulations.models.opinion import DeffuantModel
from simulations.models.registry import MODELS
from simulations.response import policy
from simulations.response.action_plan import simulate_plan
from simulations.response.interventions import (
    FactCheckers,
    Prebunking,
    compare_interventions,
    compare_opinion_interventions,
    segregation_experiment,
)

EXAMPLES = int(os.environ.get("TANGGUH_HOSTILE_EXAMPLES", "60"))
"""Generated sets per entry point and argument (raise it for a longer hunt, e.g. 300)."""
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.function_scoped_fixture,
    ],
)
TALLY: Counter[tuple[str, str, str]] = Counter()
"""(entry point, argument, outcome) → number of generated invalid sets."""

SMALL = {"n": 40, "network": {"kind": "scale_free", "m": 2}}
GRAPH = networks.community_network(n=60, k=3, homophily=0.8, seed=5)
WORK = Path(tempfile.mkdtemp(prefix="tangguh-hostile-"))
atexit.register(shutil.rmtree, WORK, True)  # also when no test of this module runs
BLOCKER = WORK / "berkas.txt"  # a file where a folder is asked for
BLOCKER.write_text("bukan folder", encoding="utf-8")


@pytest.fixture(scope="module", autouse=True)
def _report():
    yield
    total = sum(TALLY.values())
    clear = sum(v for (_, _, outcome), v in TALLY.items() if outcome == "clear")
    by_entry: Counter[str] = Counter()
    for (entry, _, _), v in TALLY.items():
        by_entry[entry] += v
    print(f"\n[hostile inputs] {total} invalid parameter sets over {len(by_entry)} entry points")
    for entry, v in sorted(by_entry.items()):
        print(f"    {entry:<32} {v}")
    for (entry, field, outcome), v in sorted(TALLY.items()):
        if outcome != "clear":
            print(f"    NOT CLEAR {entry}.{field}: {outcome} ×{v}")
    if total:
        print(f"[hostile inputs] clear errors: {clear} of {total} ({100 * clear / total:.1f} %)")


class Ran(Exception):
    """A sweep got as far as running: its checks let an invalid value through."""


@pytest.fixture(autouse=True)
def _never_run(monkeypatch):
    def refuse(*args, **kwargs):
        raise Ran("the sweep started running")

    monkeypatch.setattr(experiments, "_execute", refuse)


# ----------------------------------------------------------------------------- invalid values
texts = st.text(max_size=8)
junk = st.one_of(
    texts,
    st.none(),
    st.booleans(),
    st.complex_numbers(allow_nan=False, max_magnitude=10).filter(lambda z: z.imag != 0),
    st.lists(st.integers(0, 3), max_size=2).map(tuple),
    st.dictionaries(texts, st.integers(), max_size=1),
    st.lists(st.floats(0, 1), min_size=1, max_size=2),
)
"""Values of the wrong type for any number."""
fractional = st.floats(allow_nan=True, allow_infinity=True).filter(
    lambda x: not (math.isfinite(x) and x == int(x))
)
whole_floats = st.integers(-(10**6), 10**6).map(float)
not_whole = st.one_of(junk, fractional, whole_floats)
huge = st.sampled_from([10**12, 10**15, 2**63, 10**30])


def bad_count(minimum: int = 0) -> st.SearchStrategy:
    """Anything but a whole number >= minimum (3.0 too: refused, not truncated)."""
    return st.one_of(not_whole, st.integers(max_value=minimum - 1))


def bad_size(minimum: int = 1) -> st.SearchStrategy:
    """Not a whole number >= minimum, or far more than any memory holds."""
    return st.one_of(bad_count(minimum), huge)


bad_seed = st.one_of(
    texts, st.booleans(), fractional, whole_floats, st.integers(max_value=-1), st.lists(st.none())
)
"""Not None and not a whole number >= 0."""
bad_unit = st.one_of(
    junk.filter(lambda v: v is not None),
    st.just(math.nan),
    st.floats(allow_nan=False).filter(lambda x: not 0 <= x <= 1),
)
bad_level = st.one_of(
    junk, st.sampled_from([0, 1, 0.0, 1.0, 95, math.nan, math.inf]), st.floats(max_value=0.0)
)
bad_flag = st.one_of(
    texts, st.none(), st.integers(), st.floats(allow_nan=False), st.lists(st.none())
)
bad_max_work = st.one_of(
    texts,
    st.booleans(),
    st.just(math.nan),
    st.floats(max_value=0.999, allow_nan=False),
    st.integers(max_value=0),
    st.lists(st.integers(), max_size=1),
    st.complex_numbers(allow_nan=False, max_magnitude=5).filter(lambda z: z.imag != 0),
)
bad_workers = st.one_of(
    not_whole.filter(lambda v: v is not None),
    st.integers(max_value=0),
    st.integers(1025, 10**12),
)
bad_fmt = st.one_of(
    texts.filter(lambda t: t.lower() not in ("csv", "parquet")),
    st.integers(),
    st.booleans(),
    st.lists(texts, max_size=1),
    st.just(b"csv"),
)
plain = st.text(alphabet="abcdefghij_-", min_size=1, max_size=6)
control = st.characters(categories=["Cc"])
bad_output = st.one_of(
    st.integers(),
    st.booleans(),
    st.lists(plain, max_size=1),
    st.just(b"hasil"),
    st.sampled_from(["", " ", "\t "]),
    st.builds(lambda a, c, b: str(WORK / f"{a}{c}{b}"), plain, control, plain),
    st.builds(lambda name: str(BLOCKER / name), plain),  # a file is in the way
    st.just(str(BLOCKER)),
    st.builds(lambda k: str(WORK / ("x" * k)), st.integers(256, 5000)),  # name too long
    st.builds(lambda name: f"/proc/{name}/hasil", plain),  # a virtual file system
)
"""Folders that cannot be written (or are not folder names at all)."""
bad_seeds = st.one_of(
    st.integers(max_value=0),
    fractional,
    st.integers(1, 50).map(float),
    texts,
    st.none(),
    st.booleans(),
    st.integers(10**6 + 1, 10**12),
    st.lists(st.integers(max_value=-1), min_size=1, max_size=3),
    st.lists(st.integers(0, 5), min_size=2, max_size=4).filter(lambda v: len(set(v)) < len(v)),
    st.just([]),
)
unknown_text = texts.filter(lambda t: t not in MODELS)


@st.composite
def too_much_work(draw, minimum_people: int = 20_000):
    """(people, steps, seeds) with people × steps × seeds well above 10^10 person-steps."""
    n = draw(st.integers(minimum_people, 200_000))
    steps = draw(st.integers(1_000, 100_000))
    seeds = draw(st.integers(1_000, 100_000))
    return n, steps, seeds


TOO_BIG = ("max_work", "steps")
"""Fields of a too-large batch: the work limit, or the result rows (``steps``) not fitting."""


# ----------------------------------------------------------------------------- the cases
@dataclass(frozen=True)
class Case:
    entry: str
    field: str
    values: st.SearchStrategy
    call: Callable[[Any], Any]
    expect: tuple[str, ...] = ()

    @property
    def fields(self) -> tuple[str, ...]:
        return self.expect or (self.field,)


def sweep_option(name: str) -> Callable[[Any], Any]:
    return lambda v: sweep("hoax", SMALL, **{"seeds": 2, "steps": 3, "progress": False, name: v})


def big_sweep(v: tuple[int, int, int]) -> Any:
    n, steps, seeds = v
    return sweep("hoax", {"n": n}, seeds=seeds, steps=steps, progress=False)


def big_comparison(v: tuple[int, int, int]) -> Any:
    n, steps, seeds = v
    return compare_interventions({"a": [], "b": []}, n=n, seeds=seeds, steps=steps)


def big_plan(v: tuple[int, int, int]) -> Any:
    n, steps, seeds = v
    return simulate_plan(["tokoh"], n=n, seeds=seeds, steps=steps)


def ci(**kw: Any) -> Any:
    return compare_interventions({"a": []}, **{"graph": GRAPH, "seeds": 1, "steps": 2, **kw})


def plan(**kw: Any) -> Any:
    return simulate_plan(**{"choices": ["tokoh"], "n": 50, "seeds": 1, "steps": 1, **kw})


def scale_free_csr(**kw: Any) -> Any:
    return networks.scale_free_csr(**{"n": 50, "m": 2, "seed": 1, **kw})


CASES: list[Case] = [
    # --- analysis.experiments
    Case(
        "sweep",
        "model",
        st.one_of(junk, unknown_text, st.sampled_from([int, dict])),
        lambda v: sweep(v, SMALL, seeds=1, steps=1, progress=False),
    ),
    Case(
        "sweep",
        "params",
        st.one_of(texts, st.integers(), st.lists(st.integers(), max_size=2)),
        lambda v: sweep("hoax", v, seeds=1, steps=1, progress=False),
    ),
    Case(
        "sweep",
        "n",
        # n=None is valid for a model: its default network size (issue 17's network value)
        bad_size(2).filter(lambda v: v is not None),
        lambda v: sweep("hoax", {"n": v}, seeds=1, steps=1, progress=False),
    ),
    Case(
        "sweep",
        "alpha",
        bad_unit,
        lambda v: sweep("hoax", {**SMALL, "alpha": v}, seeds=1, steps=1, progress=False),
    ),
    Case(
        "sweep",
        "grid",
        st.one_of(
            texts,
            st.integers(),
            st.lists(st.integers(), min_size=1, max_size=2),
            st.builds(
                lambda a, b: {"alpha": range(a), "beta": range(b)},
                st.integers(400, 10**7),
                st.integers(400, 10**7),
            ),  # fmt: skip
            st.builds(lambda k: [{"alpha": 0.1}] * k, st.integers(100_001, 200_000)),
        ),
        lambda v: sweep("hoax", SMALL, v, seeds=1, steps=1, progress=False),
    ),
    Case("sweep", "seeds", bad_seeds, sweep_option("seeds")),
    Case("sweep", "steps", bad_size(0), sweep_option("steps")),
    Case("sweep", "root_seed", bad_count(0), sweep_option("root_seed")),
    Case("sweep", "level", bad_level, sweep_option("level")),
    Case("sweep", "workers", bad_workers, sweep_option("workers")),
    Case(
        "sweep",
        "chunksize",
        bad_count(1).filter(lambda v: v is not None),
        sweep_option("chunksize"),
    ),
    Case("sweep", "progress", bad_flag, sweep_option("progress")),
    Case(
        "sweep",
        "seed_scheme",
        texts.filter(lambda t: t not in ("common", "independent")),
        sweep_option("seed_scheme"),
    ),
    Case(
        "sweep",
        "on_interrupt",
        texts.filter(lambda t: t not in ("return", "raise")),
        sweep_option("on_interrupt"),
    ),
    Case(
        "sweep",
        "executor",
        st.one_of(texts.filter(lambda t: t != "serial"), st.integers(), st.booleans()),
        sweep_option("executor"),
    ),
    Case("sweep", "fmt", bad_fmt, sweep_option("fmt")),
    Case("sweep", "output", bad_output, sweep_option("output")),
    Case("sweep", "max_work", bad_max_work, sweep_option("max_work")),
    Case("sweep", "work", too_much_work(), big_sweep, TOO_BIG),
    Case(
        "run_many",
        "seeds",
        bad_seeds,
        lambda v: run_many("hoax", SMALL, seeds=v, steps=1, progress=False),
    ),
    Case(
        "run_many",
        "model",
        st.one_of(junk, unknown_text),
        lambda v: run_many(v, SMALL, seeds=1, steps=1, progress=False),
    ),
    Case(
        "compare",
        "scenarios",
        st.one_of(texts, st.integers(), st.just({}), st.lists(st.integers(), max_size=2)),
        lambda v: compare(v, lambda x, s: ({"y": 1.0}, None), seeds=1),
    ),
    Case(
        "compare",
        "run",
        st.one_of(texts, st.integers(), st.none()),
        lambda v: compare({"a": 1}, v, seeds=1),
    ),  # fmt: skip
    Case(
        "compare",
        "seeds",
        bad_seeds,
        lambda v: compare({"a": 1}, lambda x, s: ({"y": 1.0}, None), seeds=v),
    ),  # fmt: skip
    Case(
        "compare",
        "level",
        bad_level,
        lambda v: compare({"a": 1}, lambda x, s: ({"y": 1.0}, None), level=v),
    ),  # fmt: skip
    Case("run_seed", "root_seed", bad_count(0), lambda v: run_seed(v, 0)),
    Case("run_seed", "replicate", bad_count(0), lambda v: run_seed(1, v)),
    Case(
        "run_seed",
        "seed_scheme",
        texts.filter(lambda t: t not in ("common", "independent")),
        lambda v: run_seed(1, 0, scheme=v),
    ),
    Case("mean_ci", "level", bad_level, lambda v: mean_ci([1.0, 2.0], v)),
    Case(
        "summarise_points",
        "level",
        bad_level,
        lambda v: summarise_points(
            __import__("pandas").DataFrame({"point": [0, 0], "x": [1.0, 2.0]}), ["point"], v
        ),
    ),
    Case("save_frames", "fmt", bad_fmt, lambda v: save_frames({}, WORK / "ok", v)),
    Case("save_frames", "output", bad_output, lambda v: save_frames({}, v)),
    # --- response
    Case(
        "compare_interventions",
        "scenarios",
        st.one_of(
            texts,
            st.integers(),
            st.just({}),
            st.dictionaries(texts, st.lists(st.integers(), min_size=1), min_size=1),
        ),
        lambda v: compare_interventions(v, graph=GRAPH, seeds=1, steps=1),
    ),  # fmt: skip
    Case("compare_interventions", "seeds", bad_seeds, lambda v: ci(seeds=v)),
    Case("compare_interventions", "steps", bad_count(1), lambda v: ci(steps=v)),
    Case("compare_interventions", "level", bad_level, lambda v: ci(level=v)),
    Case("compare_interventions", "reuse_models", bad_flag, lambda v: ci(reuse_models=v)),
    Case("compare_interventions", "max_work", bad_max_work, lambda v: ci(max_work=v)),
    Case(
        "compare_interventions",
        "graph",
        st.one_of(texts.filter(bool), st.integers(), st.lists(st.integers(), min_size=1)),
        lambda v: ci(graph=v),
    ),
    Case("compare_interventions", "n", bad_size(2), lambda v: ci(graph=None, n=v)),
    Case(
        "compare_interventions",
        "network",
        st.one_of(texts.filter(lambda t: t not in networks.NETWORKS), st.integers()),
        lambda v: ci(graph=None, n=50, network=v),
    ),
    Case(
        "compare_interventions",
        "graph_seed",
        bad_seed,
        lambda v: ci(graph=None, n=50, network_params={"m": 2}, graph_seed=v),
    ),
    Case("compare_interventions", "work", too_much_work(), big_comparison, TOO_BIG),
    Case(
        "simulate_plan",
        "choices",
        st.one_of(
            texts,
            st.integers(),
            st.lists(texts.filter(lambda t: t not in ("tokoh",)), min_size=1, max_size=2),
        ),
        lambda v: plan(choices=v),
    ),  # fmt: skip
    Case(
        "simulate_plan",
        "budget",
        st.one_of(
            junk.filter(lambda v: v is not None), st.floats(max_value=-1e-9), st.just(math.nan)
        ),
        lambda v: plan(budget=v),
    ),  # fmt: skip
    Case("simulate_plan", "seeds", bad_seeds, lambda v: plan(seeds=v)),
    Case("simulate_plan", "steps", bad_count(1), lambda v: plan(steps=v)),
    Case(
        "simulate_plan",
        "n",
        st.one_of(bad_size(5).filter(lambda v: v is not None)),
        lambda v: plan(n=v),
    ),  # fmt: skip
    Case("simulate_plan", "graph_seed", bad_seed, lambda v: plan(graph_seed=v)),
    Case("simulate_plan", "max_work", bad_max_work, lambda v: plan(max_work=v)),
    Case("simulate_plan", "work", too_much_work(), big_plan, TOO_BIG),
    Case(
        "make_plan",
        "n",
        st.one_of(huge, st.integers(max_value=4)),
        lambda v: make_plan("32", ["tokoh"], seeds=1, steps=1, n=v),
    ),
    Case(
        "make_plan",
        "kode_kemendagri",
        st.one_of(
            texts.filter(lambda t: t != "fiktif" and not (len(t) == 2 and t.isdigit())),
            st.integers(),
            st.lists(texts, max_size=1),
            st.none(),
        ),
        lambda v: make_plan(v, ["tokoh"], seeds=1, steps=1),
    ),  # fmt: skip
    Case(
        "segregation_experiment",
        "n",
        st.one_of(huge, bad_count(2)),
        lambda v: segregation_experiment(n=v, seeds=1, steps=5, tail=2),
    ),
    Case(
        "segregation_experiment",
        "max_work",
        bad_max_work,
        lambda v: segregation_experiment(n=40, seeds=1, steps=5, tail=2, max_work=v),
    ),
    Case(
        "segregation_experiment",
        "seeds",
        bad_seeds,
        lambda v: segregation_experiment(n=40, seeds=v, steps=5, tail=2),
    ),
    Case(
        "compare_opinion_interventions",
        "model_class",
        st.one_of(texts, st.integers(), st.none()),
        lambda v: compare_opinion_interventions(v, {"a": []}, graph=GRAPH, seeds=1, steps=1),
    ),
    Case(
        "compare_opinion_interventions",
        "max_work",
        bad_max_work,
        lambda v: compare_opinion_interventions(
            DeffuantModel, {"a": []}, graph=GRAPH, seeds=1, steps=1, max_work=v
        ),
    ),
    Case(
        "compare_opinion_interventions",
        "steps",
        bad_count(0),
        lambda v: compare_opinion_interventions(
            DeffuantModel, {"a": []}, graph=GRAPH, seeds=1, steps=v
        ),
    ),
    Case(
        "compare_allocations",
        "allocations",
        st.one_of(texts, st.integers(), st.just({})),
        lambda v: policy.compare_allocations(v, seeds=1, steps=1),
    ),
    Case(
        "compare_allocations",
        "max_work",
        bad_max_work,
        lambda v: policy.compare_allocations({"a": {}}, seeds=1, steps=1, max_work=v),
    ),
    Case(
        "allocate",
        "budget",
        st.one_of(junk, st.floats(max_value=-1e-9), st.just(math.inf)),
        lambda v: policy.allocate(v, {}, n=100, groups=2),
    ),  # fmt: skip
    Case("allocate", "groups", bad_count(1), lambda v: policy.allocate(1.0, {}, n=100, groups=v)),
    Case(
        "BudgetPolicyModel",
        "network_seed",
        st.one_of(bad_seed, st.none()),
        lambda v: policy.BudgetPolicyModel(network_seed=v),
    ),  # fmt: skip
    Case("BudgetPolicyModel", "seed", bad_seed, lambda v: policy.BudgetPolicyModel(seed=v)),
    Case(
        "BudgetPolicyModel",
        "n",
        st.one_of(huge, st.integers(max_value=99)),
        lambda v: policy.BudgetPolicyModel(n=v),
    ),  # fmt: skip
    Case("FactCheckers", "k", bad_count(0), lambda v: FactCheckers(k=v)),
    Case("Prebunking", "coverage", bad_unit, lambda v: Prebunking(coverage=v)),
    # --- core.networks
    Case("scale_free_csr", "n", bad_size(1), lambda v: scale_free_csr(n=v)),
    Case("scale_free_csr", "m", bad_count(1), lambda v: scale_free_csr(m=v)),
    Case("scale_free_csr", "seed", bad_seed, lambda v: scale_free_csr(seed=v)),
    Case("scale_free", "n", bad_size(1), lambda v: networks.scale_free(v, 2, seed=1)),
    Case("scale_free", "seed", bad_seed, lambda v: networks.scale_free(50, 2, seed=v)),
    Case("small_world", "n", bad_size(1), lambda v: networks.small_world(v, 4, seed=1)),
    Case("small_world", "p", bad_unit, lambda v: networks.small_world(50, 4, v, seed=1)),
    Case("small_world", "seed", bad_seed, lambda v: networks.small_world(50, 4, seed=v)),
    Case("random_network", "n", bad_size(1), lambda v: networks.random_network(v, seed=1)),
    Case(
        "random_network",
        "mean_degree",
        st.one_of(junk, st.just(math.nan), st.floats(max_value=-1e-9), st.floats(50, 1e300)),
        lambda v: networks.random_network(50, v, seed=1),
    ),
    Case("random_network", "seed", bad_seed, lambda v: networks.random_network(50, seed=v)),
    Case("community_network", "n", bad_size(1), lambda v: networks.community_network(n=v)),
    Case(
        "community_network", "seed", bad_seed, lambda v: networks.community_network(n=50, seed=v)
    ),  # fmt: skip
    Case(
        "community_network",
        "mean_degree",
        st.one_of(junk, st.just(math.nan), st.just(math.inf), st.floats(max_value=-1e-9)),
        lambda v: networks.community_network(n=50, mean_degree=v),
    ),
    Case(
        "community_network",
        "sizes",
        st.one_of(
            texts.filter(bool),
            st.integers(),
            st.just([]),
            st.lists(st.just(10**6), min_size=100, max_size=200),
        ),
        lambda v: networks.community_network(v),
    ),  # fmt: skip
    Case(
        "build_network",
        "kind",
        st.one_of(
            texts.filter(lambda t: t not in networks.NETWORKS),
            st.integers(),
            st.lists(texts, max_size=1),
        ),
        lambda v: networks.build_network(v, n=50),
    ),  # fmt: skip
    Case(
        "build_network", "seed", bad_seed, lambda v: networks.build_network("random", n=50, seed=v)
    ),  # fmt: skip
]


def outcome(case: Case, value: Any) -> str:
    """Return ``"clear"`` or what went wrong for one generated value."""
    try:
        case.call(value)
    except SimulationInputError as exc:
        if exc.field not in case.fields:
            return f"field {exc.field!r} instead of {case.fields}"
        if exc.field not in str(exc):
            return "message does not name the field"
        if not exc.pesan or exc.pesan == str(exc):
            return "no Indonesian message"
        return "clear"
    except Ran:
        return "accepted: the sweep started"
    except Exception as exc:  # noqa: BLE001 - counting escapes is the point
        return f"escape: {type(exc).__name__}"
    return "accepted"


@pytest.mark.parametrize("case", CASES, ids=[f"{c.entry}.{c.field}" for c in CASES])
@SETTINGS
@given(data=st.data())
def test_invalid_values_raise_a_clear_error_before_any_work(case, data):
    value = data.draw(case.values, label=case.field)
    result = outcome(case, value)
    TALLY[(case.entry, case.field, result)] += 1
    assert result == "clear", (case.entry, case.field, value, result)


# ----------------------------------------------------------------------------- the command line
CONFIG = """\
model = "hoax"
steps = 3
seeds = 2
[params]
{params}
"""


def run_cli(tmp: Path, options: list[str], params: str = "") -> tuple[int, str]:
    """Run the CLI in this process on a small valid file; return (exit status, stderr)."""
    import contextlib
    import io

    path = tmp / "exp.toml"
    params = params or 'n = 40\nnetwork = { kind = "scale_free", m = 2 }'
    path.write_text(CONFIG.format(params=params), encoding="utf-8")
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        try:
            code = cli.main(["run", str(path), "--quiet", *options])
        except Ran:
            code = -1
    return code, err.getvalue()


CLI_CASES: dict[str, tuple[st.SearchStrategy, Callable[[Any], tuple[list[str], str]], str]] = {
    "--output": (
        st.builds(
            lambda a, c, b: f"{a}{c}{b}", plain, control.filter(lambda c: c != "\x00"), plain
        ),
        lambda v: ([f"--output={v}"], ""),  # "=": a name may start with "-"
        "output",
    ),  # fmt: skip
    "--max-work": (
        st.integers(max_value=0),
        lambda v: (["--max-work", str(v)], ""),
        "max_work",
    ),
    "--workers": (
        st.one_of(st.integers(max_value=0), st.integers(1025, 10**9)),
        lambda v: (["--workers", str(v)], ""),
        "workers",
    ),
    "--seeds": (
        st.one_of(st.integers(max_value=0), st.integers(100_001, 10**12)),
        lambda v: (["--seeds", str(v)], ""),
        "seeds",
    ),
    "--steps": (
        st.one_of(st.integers(max_value=0), st.integers(1_000_001, 10**12)),
        lambda v: (["--steps", str(v)], ""),
        "steps",
    ),
    "--root-seed": (
        st.integers(max_value=-1),
        lambda v: (["--root-seed", str(v)], ""),
        "root_seed",
    ),
    "work": (
        too_much_work(),
        lambda v: (
            ["--steps", str(min(v[1], 10**6)), "--seeds", str(min(v[2], 10**5))],
            f"n = {v[0]}\nnetwork = 'scale_free'",
        ),
        "max_work|steps",
    ),  # fmt: skip
}


@pytest.mark.parametrize("option", list(CLI_CASES))
@SETTINGS
@given(data=st.data())
def test_command_line_answers_every_bad_value_with_one_error_line(option, data, tmp_path):
    values, make, field = CLI_CASES[option]
    value = data.draw(values, label=option)
    options, extra = make(value)
    code, err = run_cli(tmp_path, options, extra)
    names = field.split("|")
    clear = (
        code == 2
        and err.startswith("error: ")
        and err.count("\n") == 1
        and any(name in err for name in names)
        and "Traceback" not in err
        and "configuration was rejected" not in err  # the catch-all for unexpected errors
    )
    result = "clear" if clear else f"exit {code}: {err[:120]!r}"
    TALLY[("cli " + option, field, result)] += 1
    assert clear, (option, value, code, err)


# ----------------------------------------------------------------------------- named regressions
@pytest.mark.parametrize("model", [["hoax"], {"hoax": 1}, 5, None, 2.5])
def test_sweep_model_that_is_not_a_name_is_a_clear_error(model):
    # before: sweep(model=["hoax"]) raised TypeError: unhashable type: 'list'
    with pytest.raises(SimulationInputError) as err:
        sweep(model, SMALL, seeds=1, steps=1, progress=False)
    assert err.value.field == "model" and "model" in str(err.value)


@pytest.mark.parametrize("fmt", [5, "", "xlsx", b"csv", ["csv"], True])
def test_sweep_fmt_must_be_csv_or_parquet(fmt, tmp_path):
    # before: fmt=5 raised AttributeError; fmt="" was silently taken as "csv"
    with pytest.raises(SimulationInputError) as err:
        sweep("hoax", SMALL, seeds=1, steps=1, progress=False, fmt=fmt, output=tmp_path / "o")
    assert err.value.field == "fmt" and "fmt" in str(err.value)
    assert not (tmp_path / "o").exists()


@pytest.mark.parametrize(
    "output",
    ["/proc/tangguh/hasil", "x" * 5000, "hasil\x00", "hasil\nbaris", str(BLOCKER / "hasil")],
    ids=["virtual-fs", "name-too-long", "nul", "newline", "file-in-the-way"],
)
def test_unwritable_output_is_refused_before_any_run(output):
    # before: FileNotFoundError / OSError / ValueError, the first two after the runs had finished
    with pytest.raises(SimulationInputError) as err:
        sweep("hoax", SMALL, seeds=1, steps=1, progress=False, output=output)
    assert err.value.field == "output" and "output" in str(err.value)


@pytest.mark.parametrize("seed", [1.5, -1, "1", True, 2.0])
def test_scale_free_csr_names_a_bad_seed(seed):
    # before: 1.5 -> TypeError from SeedSequence, -1 -> bare ValueError from NumPy
    with pytest.raises(SimulationInputError) as err:
        networks.scale_free_csr(100, seed=seed)
    assert err.value.field == "seed" and "seed" in str(err.value) and err.value.pesan


def test_scale_free_csr_refuses_a_size_beyond_memory_at_once():
    # before: scale_free_csr(10**12) started allocating 10^12-element arrays
    with pytest.raises(SimulationInputError) as err:
        networks.scale_free_csr(10**12)
    assert err.value.field == "n" and "memory" in str(err.value)


@pytest.mark.parametrize("seed", [-1, 1.5, "0", None])
def test_budget_sandbox_names_a_bad_network_seed(seed):
    # before: -1 accepted (Python's random takes abs: the same network as seed 1); 1.5 a bare
    # ValueError from networkx that did not name network_seed
    with pytest.raises(SimulationInputError) as err:
        policy.BudgetPolicyModel(network_seed=seed)
    assert err.value.field == "network_seed" and "network_seed" in str(err.value)


def test_every_case_is_generated():
    # every entry point above is exercised; keeps the table honest when cases are added
    entries = {c.entry for c in CASES}
    assert len(entries) >= 20 and len(CASES) >= 80
