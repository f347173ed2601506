"""Adversarial inputs to every model family answer with a SimulationInputError naming the field.

Property-based (hypothesis): each family test draws at least 500 invalid inputs — one argument at
a time made invalid (wrong type, out of range, NaN, complex, NumPy strings, text in per-person
lists, repeated or fractional nodes, sizes beyond memory, asymmetric adjacency, …) while the
others stay valid — and checks that the error is a
:class:`~simulations.core.errors.SimulationInputError` (never a raw TypeError/KeyError/…), that it
names the argument (``err.field``, and the English message mentions it) and that it carries an
Indonesian message (``err.pesan``). ``TRIED`` counts the inputs per family and outcome; run with
``-s`` to print the table.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Any

import networkx as nx
import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulations.core.errors import SimulationInputError
from simulations.core.network_choice import NetworkChoice
from simulations.core.networks import scale_free, to_csr
from simulations.models.hoax import HoaxModel
from simulations.models.hoax.arrays import HoaxArrayModel, run_hoax_arrays
from simulations.models.opinion import (
    AlgorithmicBiasModel,
    CoevolvingModel,
    DeffuantModel,
    DeGrootModel,
    EchoChamberModel,
    FriedkinJohnsenModel,
    HegselmannKrauseModel,
)
from simulations.models.rumour import RumourModel

EXAMPLES = 500
N = 30
TRIED: Counter[tuple[str, str]] = Counter()
"""(family, outcome) → number of invalid inputs tried."""


@pytest.fixture(scope="module", autouse=True)
def _print_counts():
    yield
    for (family, outcome), count in sorted(TRIED.items()):
        print(f"{family:<8} {outcome:<40} {count}")


# ----------------------------------------------------------------------------- invalid values
def _not_number():
    return st.one_of(
        st.text(max_size=5),
        st.builds(np.str_, st.sampled_from(["0.5", "1", "abc"])),
        st.complex_numbers(allow_nan=False, min_magnitude=0.1).filter(lambda z: z.imag != 0),
        st.builds(np.complex128, st.floats(0, 1), st.floats(0.1, 1)),
        st.dictionaries(st.text(max_size=2), st.integers(), max_size=2),
        st.lists(st.floats(0, 1), min_size=1, max_size=3),
        st.just(None),
        st.just(True),
        st.just(np.bool_(False)),
    )


def bad_probability():
    """Anything that is not a real number in [0, 1]."""
    return st.one_of(
        _not_number(),
        st.floats(allow_nan=True).filter(lambda x: not 0 <= x <= 1),
        st.integers(min_value=2, max_value=10**30),
        st.integers(max_value=-1),
        st.just(10**400),
    )


def bad_count(minimum: int = 0):
    """Anything that is not a whole number >= minimum (or is beyond memory)."""
    return st.one_of(
        _not_number(),
        st.integers(max_value=minimum - 1),
        st.integers(min_value=10**12, max_value=10**40),
        st.floats(allow_nan=True).filter(lambda x: not (math.isfinite(x) and x.is_integer())),
        st.floats(0.5, 100).filter(lambda x: not x.is_integer()),
    )


def bad_seed():
    return st.one_of(
        st.integers(max_value=-1),
        st.floats(allow_nan=True),
        st.text(max_size=4),
        st.dictionaries(st.text(max_size=2), st.integers(), max_size=2),
        st.lists(st.integers(0, 5), max_size=3),
        st.just(True),
        st.complex_numbers(allow_nan=False),
    )


def bad_steps():
    return st.one_of(bad_count(0), st.just(10**12), st.just(np.float64(3.0)))


def bad_tolerance():
    return st.one_of(
        _not_number().filter(lambda v: not isinstance(v, list)),
        st.floats(allow_nan=True).filter(lambda x: not (math.isfinite(x) and x >= 0)),
        st.integers(max_value=-1),
    )


def bad_flag():
    return st.one_of(
        st.integers(),
        st.text(max_size=3),
        st.just(None),
        st.floats(allow_nan=True),
        st.lists(st.booleans(), min_size=1, max_size=2),
    )


def bad_choice(choices: tuple[str, ...]):
    return st.one_of(
        st.text(max_size=8).filter(lambda t: t not in choices),
        st.integers(),
        st.lists(st.sampled_from(choices), min_size=1, max_size=2),
        st.just(np.array(list(choices))),
        st.just(None),
    )


def bad_graph():
    return st.one_of(
        st.lists(st.tuples(st.integers(0, 5), st.integers(0, 5)), min_size=1, max_size=4),
        st.text(max_size=6),
        st.dictionaries(st.integers(0, 5), st.lists(st.integers(0, 5)), max_size=3),
        st.just(np.ones((4, 4))),
        st.just(sp.csr_array(np.ones((3, 3)))),
        st.just(nx.DiGraph([(0, 1), (1, 2)])),
        st.just(nx.Graph()),
        st.integers(),
    )


VALID_KINDS = ("scale_free", "scale_free_fast", "small_world", "random", "communities", "complete")


def bad_network():
    """A network argument that is not a kind, a NetworkChoice, a {kind: …} dict or a graph."""
    return st.one_of(
        st.text(max_size=8).filter(lambda t: t not in VALID_KINDS),
        st.just("lattice"),
        st.integers(),
        st.lists(st.just("scale_free"), min_size=1, max_size=2),
        bad_graph(),
        # the network as one value: bad kind, bad or unknown builder parameters, bad n
        st.fixed_dictionaries({"kind": st.text(max_size=5).filter(lambda t: t not in VALID_KINDS)}),
        st.fixed_dictionaries({"m": st.integers(1, 5)}),  # no kind
        st.fixed_dictionaries({"kind": st.just("scale_free"), "m": bad_count(1)}),
        st.fixed_dictionaries({"kind": st.just("scale_free"), "m": st.integers(21, 10**6)}),
        st.dictionaries(st.sampled_from(["k", "zz", "p"]), st.integers(), min_size=1).map(
            lambda d: {"kind": "scale_free", **d}
        ),
        st.builds(NetworkChoice, st.just("small_world"), params=st.just({"k": -4})),
        st.builds(NetworkChoice, st.just("scale_free"), params=st.just("m=2")),
    )


def bad_nodes(size: int):
    """Node lists that are not a list of distinct nodes of a graph with nodes 0 … size-1."""
    return st.one_of(
        st.integers(0, size - 1),  # a single node, not a list
        st.text(min_size=1, max_size=4),
        st.integers(0, size - 1).map(lambda k: [k, k]),  # the same node twice
        st.integers(0, size - 1).map(lambda k: np.array([k, k])),
        st.floats(0.1, size - 1.1).filter(lambda x: not x.is_integer()).map(lambda x: [x]),
        st.lists(st.integers(size, 10**6), min_size=1, max_size=3),
        st.lists(st.integers(max_value=-1), min_size=1, max_size=3),
        st.lists(st.text(min_size=1, max_size=3), min_size=1, max_size=2),
        st.just([[0, 1]]),
        st.just(np.zeros((2, 2), dtype=int)),
        st.dictionaries(st.integers(0, 3), st.integers(), min_size=1, max_size=2),
    )


def bad_per_person(size: int, lo: float = 0.0, hi: float = 1.0):
    """Per-person values that are not ``size`` real numbers in [lo, hi]."""
    good = st.floats(lo, hi) if math.isfinite(hi - lo) else st.floats(-1, 1)
    return st.one_of(
        st.lists(good, min_size=0, max_size=size - 1),  # too short
        st.lists(good, min_size=size + 1, max_size=size + 3),  # too long
        st.integers(0, size - 1).map(lambda k: ["x" if i == k else 0.5 for i in range(size)]),
        st.just(np.array(["0.5"] * size)),
        st.just(np.full(size, 0.5 + 0.5j)),
        st.just([math.nan] * size),
        st.just([0.5] * (size - 1) + [hi + 1.0 if math.isfinite(hi) else math.inf]),
        st.text(min_size=1, max_size=4),
        st.dictionaries(st.integers(size, size + 5), st.floats(lo, lo), min_size=1, max_size=2),
        st.dictionaries(st.integers(0, size - 1), st.text(max_size=2), min_size=1, max_size=2),
        st.just({0: math.nan}),
    )


def contradiction(size: int):
    """A ready network and a *different* n: refused, naming ``n`` (never silently ignored)."""
    return st.integers(2, 60).filter(lambda k: k != size).map(lambda k: (nx.path_graph(size), k))


def bad_agent_class():
    return st.one_of(st.just(int), st.just(object), st.text(max_size=3), st.integers())


# ----------------------------------------------------------------------------- the check
def _fails_naming(family: str, field: str, call, aliases: tuple[str, ...] = ()) -> None:
    with pytest.raises(Exception) as info:
        call()
    err = info.value
    kind = type(err).__name__
    if not isinstance(err, SimulationInputError):
        TRIED[family, f"escaped as {kind}"] += 1
        raise AssertionError(f"{field}: raw {kind}: {err}") from err
    names = (field, *aliases)
    assert err.field in names, (field, err.field, str(err))
    assert any(name in str(err) for name in names), (field, str(err))
    assert isinstance(err.pesan, str) and err.pesan and err.pesan != str(err)
    TRIED[family, f"{kind} naming the field"] += 1


def _case(fields: dict[str, Any]):
    """Draw ``(field, invalid value)`` from ``{field: strategy}``."""
    return st.sampled_from(sorted(fields)).flatmap(
        lambda name: st.tuples(st.just(name), fields[name])
    )


COMMON = {
    "seed": bad_seed(),
    "n": st.one_of(bad_count(2).filter(lambda v: v is not None), contradiction(N)),  # None: default
    "network": bad_network(),
    "engine": st.one_of(st.text(max_size=6), st.integers(), st.just(["agents"])),
    "agent_class": bad_agent_class(),
    "steps": bad_steps(),
    "until_converged": bad_flag(),
}
NETWORK_ALIASES = {"network": ("m", "k", "zz", "p", "mean_degree")}


def _run_family(family: str, build, field: str, value: Any, base: dict[str, Any]) -> None:
    if field == "n" and isinstance(value, tuple):  # a graph and a different n
        graph, n = value
        _fails_naming(family, "n", lambda: build(**{**base, "network": graph, "n": n}))
        return
    if field in ("steps", "until_converged"):
        model = build(**base)
        if field == "steps":
            _fails_naming(family, field, lambda: model.run(value))
        else:
            _fails_naming(family, field, lambda: model.run(2, until_converged=value))
        return
    _fails_naming(
        family, field, lambda: build(**{**base, field: value}), NETWORK_ALIASES.get(field, ())
    )


SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


# ----------------------------------------------------------------------------- hoax
HOAX_FIELDS = {
    **COMMON,
    "network": st.one_of(bad_network(), st.just("complete")),  # the hoax rule needs a network
    "beta": bad_probability(),
    "alpha": bad_probability(),
    "p_verify": bad_probability(),
    "p_forget": bad_probability(),
    "initial_believers": st.one_of(bad_count(0), st.integers(N + 1, 10**6)),
    "initial_fact_checkers": st.one_of(bad_count(0), st.integers(N + 1, 10**6)),
    "believer_nodes": bad_nodes(N),
    "fact_checker_nodes": bad_nodes(N),
    "fixed_nodes": bad_nodes(N),
    "alpha_by_node": bad_per_person(N),
    "p_verify_by_node": bad_per_person(N),
}


@SETTINGS
@given(case=_case(HOAX_FIELDS))
def test_hoax_model_rejects_invalid_input(case):
    field, value = case
    base = {"n": N, "network": {"kind": "scale_free", "m": 2}, "seed": 1}
    _run_family("hoax", HoaxModel, field, value, base)


# ----------------------------------------------------------------------------- rumour
RUMOUR_FIELDS = {
    **COMMON,
    "variant": bad_choice(("maki_thompson", "daley_kendall")),
    "initial_spreaders": st.one_of(bad_count(1), st.integers(N + 1, 10**6)),
    "spreader_nodes": bad_nodes(N),
    "fixed_nodes": bad_nodes(N),
}


@SETTINGS
@given(case=_case(RUMOUR_FIELDS))
def test_rumour_model_rejects_invalid_input(case):
    field, value = case
    base = {"n": N, "network": {"kind": "scale_free", "m": 2}, "seed": 1}
    _run_family("rumour", RumourModel, field, value, base)


# ----------------------------------------------------------------------------- opinion
OPINION_COMMON = {
    **COMMON,
    "initial_opinions": bad_per_person(N),
    "fixed_nodes": bad_nodes(N),
    "tol": bad_tolerance(),
    "record_opinions": bad_flag(),
}
OPINION_MODELS = {
    DeffuantModel: {"epsilon": bad_probability(), "mu": bad_probability()},
    AlgorithmicBiasModel: {
        "epsilon": bad_probability(),
        "gamma": st.one_of(_not_number(), st.floats(max_value=-0.01), st.floats(5.01, 1e300)),
        "min_distance": st.one_of(_not_number(), st.floats(max_value=0.0)),
    },
    HegselmannKrauseModel: {"epsilon": bad_probability()},
    FriedkinJohnsenModel: {
        "susceptibility": bad_probability(),
        "stubborn_fraction": bad_probability(),
        "self_weight": st.one_of(_not_number(), st.floats(max_value=-0.01)),
        "stubborn_nodes": bad_nodes(N),
        "susceptibility_by_node": bad_per_person(N),
    },
    DeGrootModel: {"self_weight": st.one_of(_not_number(), st.floats(max_value=-0.01))},
    CoevolvingModel: {
        "epsilon": bad_probability(),
        "mu": bad_probability(),
        "p_unfollow": bad_probability(),
        "rewire_to": bad_choice(("similar", "random")),
    },
}
ECHO_FIELDS = {
    **{k: v for k, v in COMMON.items() if k not in ("network", "n")},
    "n": bad_count(4).filter(lambda v: v is not None),  # contacts=3: n must exceed it
    "network": st.one_of(
        bad_graph(),
        st.just(nx.path_graph(20)),
        st.sampled_from(["scale_free", "random", "x"]),
        st.just({"kind": "scale_free", "m": 2}),
    ),
    "controversy": st.one_of(_not_number(), st.floats(5.01, 1e300), st.floats(max_value=-0.01)),
    "homophily": st.one_of(_not_number(), st.floats(max_value=-0.01)),
    "reciprocity": bad_probability(),
    "contacts": bad_count(1),
    "initial_opinions": bad_per_person(N, -math.inf, math.inf).filter(
        lambda v: not isinstance(v, list) or len(v) != N or any(isinstance(x, str) for x in v)
    ),
    "activities": bad_per_person(N),
    "fixed_nodes": bad_nodes(N),
    "integrator": bad_choice(("rk4", "euler")),
    # a huge window is no allocation (a deque bounded by the steps run), so only type and sign
    "window": st.one_of(
        _not_number(),
        st.integers(max_value=0),
        st.floats(0.5, 100).filter(lambda x: not x.is_integer()),
    ),
    "tol": bad_tolerance(),
}
_OPINION_CASES = st.one_of(
    *[
        st.tuples(st.just(cls), _case({**OPINION_COMMON, **fields}))
        for cls, fields in OPINION_MODELS.items()
    ],
    st.tuples(st.just(EchoChamberModel), _case(ECHO_FIELDS)),
)


@SETTINGS
@given(case=_OPINION_CASES)
def test_opinion_models_reject_invalid_input(case):
    cls, (field, value) = case
    if cls is EchoChamberModel:
        base = {"n": N, "contacts": 3, "seed": 1}
    elif cls is CoevolvingModel:
        base = {"n": N, "network": {"kind": "random", "mean_degree": 4.0}, "seed": 1}
        if field == "network" and isinstance(value, dict) and value.get("kind") == "scale_free":
            value = {"kind": "random", "mean_degree": -1}  # the same kind of mistake
    else:
        base = {"n": N, "network": {"kind": "scale_free", "m": 2}, "seed": 1}
    _run_family("opinion", cls, field, value, base)


# ----------------------------------------------------------------------------- array-only mode
_PATH = to_csr(nx.path_graph(N))[0]


def bad_adjacency():
    sym = _PATH.toarray()
    asym = sym.copy()
    asym[0, 5] = 1.0
    loop = sym.copy()
    loop[3, 3] = 1.0
    return st.one_of(
        st.just(sym),  # dense, not sparse
        st.just(sp.csr_array(asym)),
        st.just(sp.csr_array(-sym)),
        st.just(sp.csr_array(sym * np.nan)),
        st.just(sp.csr_array(sym.astype(complex) * 1j)),
        st.just(sp.csr_array(sym * 2.0)),
        st.just(sp.csr_array(loop)),
        st.just(sp.csr_array(np.ones((3, 4)))),
        st.just(sp.csr_array((0, 0))),
        st.lists(st.tuples(st.integers(0, 5), st.integers(0, 5)), min_size=1, max_size=3),
        st.text(max_size=4),
        st.floats(-10, 10)
        .map(lambda w: sp.csr_array(sym * w))
        .filter(lambda a: not np.all(a.data == 1.0)),
    )


ARRAY_RUN_FIELDS = {
    "adjacency": bad_adjacency(),
    "params": st.one_of(
        st.lists(st.integers(), min_size=1, max_size=2),
        st.text(min_size=1, max_size=3),
        st.fixed_dictionaries({"alpha": bad_probability()}),
        st.fixed_dictionaries({"initial_believers": st.integers(N + 1, 10**9)}),
        st.dictionaries(st.sampled_from(["gamma", "x"]), st.floats(0, 1), min_size=1),
    ),
    "steps": bad_steps(),
    "seed": bad_seed(),
    "believer_nodes": bad_nodes(N),
    "fact_checker_nodes": bad_nodes(N),
    "alpha_by_node": bad_per_person(N),
    "p_verify_by_node": bad_per_person(N),
    "active": st.one_of(
        st.just(np.ones(N)),
        st.just([1] * N),
        st.just(np.ones(N - 1, dtype=bool)),
        st.text(max_size=3),
        st.integers(),
    ),
    "fixed": st.one_of(st.just(np.zeros(N)), st.just(np.zeros(N + 2, dtype=bool)), st.just("x")),
    "return_state": bad_flag(),
    "until_converged": bad_flag(),
}
ARRAY_MODEL_FIELDS = {
    **COMMON,
    "engine": st.sampled_from(["agents", "compiled", "x"]),  # arrays only: no agents engine
    "alpha": bad_probability(),
    "initial_believers": st.one_of(bad_count(0), st.integers(N + 1, 10**6)),
    "believer_nodes": bad_nodes(N),
    "fixed_nodes": bad_nodes(N),
    "alpha_by_node": bad_per_person(N),
}
ALIAS_PARAMS = ("alpha", "initial_believers", "gamma", "x")


@SETTINGS
@given(
    case=st.one_of(
        st.tuples(st.just("run"), _case(ARRAY_RUN_FIELDS)),
        st.tuples(st.just("model"), _case(ARRAY_MODEL_FIELDS)),
    )
)
def test_array_only_mode_rejects_invalid_input(case):
    where, (field, value) = case
    if where == "run":
        kwargs = {"adjacency": _PATH, "params": {}, "steps": 3, "seed": 1, field: value}
        aliases = ALIAS_PARAMS if field == "params" else ()
        _fails_naming("arrays", field, lambda: run_hoax_arrays(**kwargs), aliases)
        return
    base = {"n": N, "network": {"kind": "scale_free", "m": 2}, "seed": 1}
    _run_family("arrays", HoaxArrayModel, field, value, base)


@SETTINGS
@given(adjacency=bad_adjacency().filter(lambda a: not isinstance(a, str)))
def test_array_model_rejects_a_bad_adjacency_as_its_network(adjacency):
    _fails_naming("arrays", "network", lambda: HoaxArrayModel(adjacency, seed=1))


# ----------------------------------------------------------------------------- examples
def test_numpy_node_arrays_are_accepted():
    """A NumPy array of nodes is a list of nodes (it was wrongly rejected before issue 11)."""
    graph = scale_free(40, 2, seed=1)
    a = HoaxModel(graph, believer_nodes=np.array([0, 3]), fixed_nodes=np.array([5]), seed=2)
    b = HoaxModel(graph, believer_nodes=[0, 3], fixed_nodes=[5], seed=2)
    assert a.run(5).equals(b.run(5))
    r = RumourModel(graph, spreader_nodes=np.array([1, 2]), seed=1)
    assert r.counts[1] == 2
    d = DeffuantModel(graph, fixed_nodes=np.arange(3), seed=1)
    assert d.fixed[:3].all() and not d.fixed[3:].any()


def test_size_limits_name_the_limit():
    with pytest.raises(
        SimulationInputError, match=r"n=1000000000000 must be a whole number in \[2, \d+\]"
    ):
        HoaxModel(n=10**12)
    model = HoaxModel(n=30, network={"kind": "scale_free", "m": 2}, seed=1)
    with pytest.raises(SimulationInputError, match=r"steps=1000000000000 .*\[0, \d+\]") as err:
        model.run(10**12)
    assert "memori" in err.value.pesan


def test_seed_nan_is_refused_because_it_would_not_reproduce():
    with pytest.raises(SimulationInputError) as err:
        HoaxModel(n=30, seed=math.nan)
    assert err.value.field == "seed"
    assert HoaxModel(n=30, seed=np.int64(4)).run(3).equals(HoaxModel(n=30, seed=4).run(3))
