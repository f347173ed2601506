"""One contract, checked for every registered model: the template's promises, model by model.

Construction with defaults; every engine offered, agreeing as the model declares
(``engine_agreement``); seeding; ``run`` continues (Mesa's meaning) and ``until_converged`` stops
at the first converged state; the results schema of the model's family; the Mesa views
(``model.agents``, ``agent.cell``, the DataCollector, ``time``); and hostile inputs — a hypothesis
generator of invalid parameter sets built from each model's own parameter table, every one
answered by a :class:`~simulations.core.errors.SimulationInputError` naming the field, with an
Indonesian message. A model registered later (e.g. the SIS model of tests/test_authoring.py) is
checked by the same functions.
"""

from __future__ import annotations

import inspect
import math
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulations.core.errors import NetworkError, SimulationInputError
from simulations.core.network_choice import NetworkChoice
from simulations.core.params import Param
from simulations.models.base import AGREEMENTS, PopulationModel
from simulations.models.discrete import DiscreteStateModel
from simulations.models.opinion import OPINION_COLUMNS, OpinionModel, accelerated
from simulations.models.registry import MODELS

NAMES = sorted(MODELS)
N = 40
STEPS = 4


def small(name: str) -> dict[str, Any]:
    """Keyword arguments for a small, quick instance of the registered model ``name``."""
    kwargs: dict[str, Any] = {"n": N}
    if name == "echo_chamber":
        kwargs["contacts"] = 3
    return kwargs


def engines(name: str) -> list[str]:
    """The engines of the model that can run here (the compiled one only with Numba)."""
    cls = MODELS[name].model
    return [e for e in cls.engines if e != "compiled" or accelerated.HAVE_NUMBA]


def build(name: str, **kwargs: Any) -> PopulationModel:
    return MODELS[name].model(**{**small(name), **kwargs})


# ----------------------------------------------------------------------------- construction
@pytest.mark.parametrize("name", NAMES)
def test_builds_with_its_defaults(name):
    cls = MODELS[name].model
    model = cls(seed=1)
    assert isinstance(model, PopulationModel)
    assert model.parameters == cls.params.validate({})
    assert model.engine == "vectorized" and model.steps == 0 and model.time == 0.0
    assert model.num_people == cls.default_network.n
    assert cls.engine_agreement in AGREEMENTS
    assert len(model.results()) == 1


# ----------------------------------------------------------------------------- engines
def _agreement(name: str, other: str) -> None:
    cls = MODELS[name].model
    a, b = build(name, seed=5), build(name, seed=5, engine=other)
    fa, fb = a.run(STEPS), b.run(STEPS)
    if cls.engine_agreement == "identical":
        np.testing.assert_array_equal(a.state, b.state)
        pd.testing.assert_frame_equal(fa, fb)
    elif cls.engine_agreement == "rounding":
        np.testing.assert_allclose(a.state, b.state, rtol=0, atol=1e-9)
        pd.testing.assert_frame_equal(fa, fb, rtol=0, atol=1e-9)
    else:  # "statistical": compared over seeds by the model's own test
        assert list(fa.columns) == list(fb.columns) and len(fa) == len(fb)


@pytest.mark.parametrize(
    ("name", "engine"),
    [(name, e) for name in NAMES for e in MODELS[name].model.engines if e != "vectorized"],
)
def test_engines_agree_as_declared(name, engine):
    if engine not in engines(name):
        pytest.skip("numba not installed")
    _agreement(name, engine)


# ----------------------------------------------------------------------------- seeding
@pytest.mark.parametrize("name", NAMES)
def test_same_seed_same_result_other_seed_other_result(name):
    first = build(name, seed=11).run(STEPS)
    pd.testing.assert_frame_equal(first, build(name, seed=11).run(STEPS))
    assert not first.equals(build(name, seed=12).run(STEPS))


# ----------------------------------------------------------------------------- run
@pytest.mark.parametrize("name", NAMES)
def test_run_continues_like_mesa(name):
    model = build(name, seed=3)
    model.run(2)
    frame = model.run(STEPS - 2)
    assert model.steps == STEPS and frame["step"].tolist() == list(range(STEPS + 1))
    pd.testing.assert_frame_equal(frame, build(name, seed=3).run(STEPS))
    assert len(build(name, seed=3).run(0)) == 1


@pytest.mark.parametrize("name", NAMES)
def test_until_converged_stops_at_the_first_converged_state(name):
    model = build(name, seed=2)
    frame = model.run(30, until_converged=True)
    assert len(frame) == model.steps + 1
    fresh, first = build(name, seed=2), 0
    while not fresh.converged and first < 30:
        fresh.step()
        first += 1
    assert model.steps == first  # stopped exactly at the first converged state (or at 30)
    assert model.running is (not model.converged)


# ----------------------------------------------------------------------------- results
@pytest.mark.parametrize("name", NAMES)
def test_results_schema_of_the_family(name):
    model = build(name, seed=1)
    frame = model.run(STEPS)
    assert frame.columns[0] == "step" and frame["step"].dtype.kind == "i"
    if isinstance(model, DiscreteStateModel):
        states = list(model.state_columns())
        assert list(frame.columns) == ["step", *states, *(f"share_{s}" for s in states)]
        assert (frame[states].sum(axis=1) == model.num_people).all()
    else:
        assert isinstance(model, OpinionModel)
        assert list(frame.columns[1 : 1 + len(OPINION_COLUMNS)]) == list(OPINION_COLUMNS)
    summary = MODELS[name].summarise(frame)
    assert summary and all(isinstance(v, float) and math.isfinite(v) for v in summary.values())
    # meaningful fields only: no peaks of bounds or flags (the old default_summary's peak_min)
    assert not {
        k for k in summary if k.startswith("peak_") and k[5:] in ("min", "max", "converged")
    }
    if name == "echo_chamber":
        assert "final_mean_conviction" in summary


# ----------------------------------------------------------------------------- Mesa views
@pytest.mark.parametrize("name", NAMES)
def test_mesa_views_agree_with_the_arrays(name):
    model = build(name, seed=4)
    frame = model.run(STEPS)
    collected = model.datacollector.get_model_vars_dataframe()
    # one naming: every DataCollector column is the results column of that name (results adds
    # ``step`` and, for discrete states, the shares derived from the counts)
    pd.testing.assert_frame_equal(frame[list(collected.columns)], collected)
    derived = set(frame.columns) - set(collected.columns) - {"step"}
    assert all(c.startswith("share_") for c in derived), derived
    assert model.time == model.steps * model.step_duration
    assert not isinstance(inspect.getattr_static(type(model), "time", None), property)
    model.time = model.time  # Mesa 3.4 assigns time: it must be a plain attribute
    assert model.running is (not model.converged)
    if not model.uses_agents:
        assert len(model.agents) == 0 and model.grid is None
        return
    assert len(model.agents) == model.num_people
    assert [p.index for p in model.people] == list(range(model.num_people))
    for person in model.people[:10]:
        value = person.state
        assert float(value) == float(model.state[person.index])
        if model.complete:
            assert person.cell is None
            continue
        row = model.adjacency.indices[
            model.adjacency.indptr[person.index] : model.adjacency.indptr[person.index + 1]
        ]
        assert {a.index for a in person.cell.neighborhood.agents} == set(row.tolist())


# ----------------------------------------------------------------------------- hostile inputs
def _not_a_number():
    return st.one_of(
        st.text(max_size=4),
        st.builds(np.str_, st.sampled_from(["0.5", "x"])),
        st.complex_numbers(allow_nan=False, min_magnitude=0.1).filter(lambda z: z.imag != 0),
        st.lists(st.floats(0, 1), min_size=1, max_size=2),
        st.dictionaries(st.text(max_size=2), st.integers(), max_size=1),
        st.just(None),
        st.just(True),
    )


def invalid(param: Param):
    """Values that the parameter's own table row refuses."""
    if param.kind == "choice":
        return st.one_of(
            st.text(max_size=8).filter(lambda t: t not in param.choices),
            st.integers(),
            st.just(None),
            st.just(list(param.choices)),
        )
    outside = []
    if param.min is not None:
        outside.append(st.floats(max_value=param.min, exclude_max=True, allow_infinity=True))
    if param.max is not None:
        outside.append(st.floats(min_value=param.max, exclude_min=True, allow_infinity=True))
    outside.append(st.just(math.nan))
    if param.kind == "int":
        outside.append(st.floats(0.5, 50).filter(lambda x: not x.is_integer()))
    return st.one_of(_not_a_number(), *outside)


def invalid_sets(name: str):
    """One to three invalid parameters of the model's table at once (the others valid)."""
    table = MODELS[name].model.params
    names = st.lists(st.sampled_from(table.names), min_size=1, max_size=3, unique=True)
    return names.flatmap(
        lambda chosen: st.fixed_dictionaries({p: invalid(table[p]) for p in chosen})
    )


COMMON = {
    "seed": st.one_of(st.integers(max_value=-1), st.floats(), st.text(max_size=3)),
    "engine": st.one_of(st.text(max_size=5), st.integers(), st.just(["agents"])),
    "agent_class": st.one_of(st.just(int), st.just(object), st.integers()),
    "fixed_nodes": st.one_of(st.integers(0, N - 1), st.just([0, 0]), st.just([N + 5])),
    "n": st.one_of(st.integers(max_value=1), st.floats(2.5, 99.5), st.just(10**13)),
    "network": st.one_of(
        st.just("ring"), st.just(nx.DiGraph([(0, 1)])), st.just({"kind": "small_world", "k": -2})
    ),
}


def _names_field(err: BaseException, fields: set[str]) -> None:
    assert isinstance(err, SimulationInputError), f"raw {type(err).__name__}: {err}"
    network_params = {"k", "m", "p", "mean_degree", "homophily"}
    assert err.field in fields or (err.field in network_params and "network" in fields), (
        err.field,
        fields,
        str(err),
    )
    assert isinstance(err.pesan, str) and err.pesan and err.pesan != str(err)


HOSTILE = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize("name", NAMES)
@HOSTILE
@given(data=st.data())
def test_invalid_parameter_sets_name_a_field(name, data):
    values = data.draw(invalid_sets(name), label="parameters")
    with pytest.raises(Exception) as info:
        build(name, seed=1, **values)
    _names_field(info.value, set(values))


@pytest.mark.parametrize("name", NAMES)
@HOSTILE
@given(data=st.data())
def test_invalid_common_arguments_name_the_field(name, data):
    field = data.draw(st.sampled_from(sorted(COMMON)))
    value = data.draw(COMMON[field], label=field)
    if name == "echo_chamber" and field == "network":
        value = nx.path_graph(N)  # it runs only under complete mixing: any graph is refused
    with pytest.raises(Exception) as info:
        build(name, **{"seed": 1, field: value})
    _names_field(info.value, {field})


@pytest.mark.parametrize("name", NAMES)
def test_contradictory_network_arguments_are_refused(name):
    cls = MODELS[name].model
    if cls.only_networks is not None:  # complete mixing only: a graph is refused outright
        with pytest.raises(NetworkError) as err:
            build(name, network=nx.path_graph(N))
        assert err.value.field == "network"
        return
    graph = nx.random_regular_graph(4, N, seed=1)
    with pytest.raises(NetworkError) as err:
        cls(graph, n=N + 1, seed=1)
    assert err.value.field == "n" and "contradicts" in str(err.value)
    choice = NetworkChoice("random", n=N, params={"mean_degree": 4.0})
    with pytest.raises(NetworkError) as err:
        cls(choice, n=N + 10, seed=1)
    assert err.value.field == "n"
    assert cls(graph, n=N, seed=1).num_people == N  # agreeing values are fine


@pytest.mark.parametrize("name", NAMES)
def test_work_is_bounded_before_it_starts(name):
    with pytest.raises(SimulationInputError) as err:
        MODELS[name].model(n=10**12, seed=1)
    assert err.value.field == "n" and "TANGGUH_MEMORY_BUDGET" in str(err.value)
    model = build(name, seed=1)
    with pytest.raises(SimulationInputError) as err:
        model.run(11, max_work=N * 10)  # 40 people x 11 steps = 440 person-steps > 400
    assert err.value.field == "max_work" and "max_work=" in str(err.value)
    assert model.steps == 0  # refused before any step
    model.run(10, max_work=N * 10)  # within the limit
    with pytest.raises(SimulationInputError) as err:
        model.run(1, max_work="lots")
    assert err.value.field == "max_work"
    with pytest.raises(SimulationInputError) as err:
        model.run(10**12)  # its records alone would not fit in memory
    assert err.value.field == "steps"
