"""Adversarial inputs (hypothesis) for the experiments/sweep API and the interventions family.

Every invalid value must raise :class:`SimulationInputError` (usually its subclass
ParameterError) whose English message names the offending field, whose ``field`` attribute is that
field, and which carries an Indonesian ``.pesan`` — never a raw TypeError/KeyError, never silent
acceptance, and (for sweeps) before any run starts. Run with ``--hypothesis-show-statistics`` to
see how many inputs were generated.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulations.analysis import experiments
from simulations.analysis.experiments import compare, mean_ci, run_seed, summarise_points, sweep
from simulations.core.errors import ParameterError, SimulationInputError
from simulations.core.networks import community_network
from simulations.models.hoax import HoaxModel
from simulations.response import policy
from simulations.response.action_plan import simulate_plan
from simulations.response.collaboration import StakeholderResponse, stakeholder_network
from simulations.response.interventions import (
    AccuracyNudge,
    CommunityLeaders,
    FactCheckCapacity,
    FactCheckers,
    ModerateVoices,
    Moderation,
    Prebunking,
    compare_interventions,
    compare_opinion_interventions,
    run_with_interventions,
    segregation_experiment,
)

EXAMPLES = 60
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

SMALL = {"n": 40, "network_params": {"m": 2}}


def assert_names(err: pytest.ExceptionInfo, field: str) -> None:
    """The error is ours, names the field in English, sets ``.field`` and has an Indonesian text."""
    exc = err.value
    assert isinstance(exc, SimulationInputError), type(exc)
    assert field in str(exc), (field, str(exc))
    assert exc.field == field, (exc.field, field)
    assert exc.pesan and exc.pesan != str(exc)


# ------------------------------------------------------------------------- invalid value families
texts = st.text(max_size=6)
junk = st.one_of(
    texts,
    st.none(),
    st.booleans(),
    st.complex_numbers(allow_nan=False, max_magnitude=10).filter(lambda z: z.imag != 0),
    st.lists(st.integers(0, 3), max_size=2).map(tuple),
    st.dictionaries(texts, st.integers(), max_size=1),
)
"""Values of the wrong type for any numeric argument."""

fractional = st.floats(allow_nan=True, allow_infinity=True).filter(
    lambda x: not (math.isfinite(x) and x == int(x))
)
"""Floats that are not whole numbers (2.5, NaN, inf)."""

not_whole = st.one_of(junk, fractional, st.integers(-(10**6), 10**6).map(float))
"""Anything but a Python/NumPy integer: also whole-valued floats like 3.0 (refused, not truncated)."""

not_positive_int = st.one_of(not_whole, st.integers(max_value=0))
not_count = st.one_of(not_whole, st.integers(max_value=-1))
outside_unit = st.one_of(
    junk,
    st.just(math.nan),
    st.floats(allow_nan=False).filter(lambda x: not 0 <= x <= 1),
)
"""Not a number in [0, 1]."""

bad_level = st.one_of(
    junk,
    st.sampled_from([0, 1, 0.0, 1.0, -0.2, math.nan, math.inf, -math.inf, 95]),
    st.floats(allow_nan=True).filter(lambda x: not 0 < x < 1),
)
bad_cost = st.one_of(
    junk,
    st.sampled_from([math.inf, -math.inf, math.nan]),
    st.floats(max_value=-1e-9, allow_nan=False, allow_infinity=False),
)
not_flag = st.one_of(
    texts, st.none(), st.integers(), st.floats(allow_nan=False), st.lists(st.booleans(), max_size=1)
)
bad_seeds = st.one_of(
    st.integers(max_value=0),
    fractional,
    st.integers(1, 50).map(float),  # 3.0 is not a count
    texts,
    st.none(),
    st.booleans(),
    st.lists(st.integers(max_value=-1), min_size=1, max_size=3),
    st.lists(st.integers(0, 5), min_size=2, max_size=4).filter(lambda v: len(set(v)) < len(v)),
    st.lists(st.floats(0.1, 5).filter(lambda x: x != int(x)), min_size=1, max_size=3),
    st.just([]),
)
"""Seeds that are neither a count >= 1 nor a list of distinct replicate indices >= 0."""


# ------------------------------------------------------------------------------ experiments/sweep
SWEEP_CASES = {
    "seeds": bad_seeds,
    "steps": not_count,
    "root_seed": not_count,
    "level": bad_level,
    "chunksize": not_positive_int.filter(lambda v: v is not None),
    "workers": not_positive_int.filter(lambda v: v is not None),
    "progress": not_flag,
    "seed_scheme": texts.filter(lambda t: t not in ("common", "independent")),
    "on_interrupt": texts.filter(lambda t: t not in ("return", "raise")),
    "executor": st.one_of(texts.filter(lambda t: t != "serial"), st.integers(), st.booleans()),
}


@pytest.mark.parametrize("field", list(SWEEP_CASES))
@SETTINGS
@given(data=st.data())
def test_sweep_refuses_bad_options_before_running(field, data, monkeypatch):
    value = data.draw(SWEEP_CASES[field], label=field)
    ran = []
    monkeypatch.setattr(experiments, "_execute", lambda *a, **k: ran.append(1) or ({}, False))
    options = {"seeds": 2, "steps": 3, "progress": False, field: value}
    with pytest.raises(SimulationInputError) as err:
        sweep("hoax", SMALL, **options)
    assert_names(err, field)
    assert not ran  # nothing ran


def test_chunksize_minus_one_no_longer_returns_an_empty_complete_result():
    with pytest.raises(ParameterError) as err:
        sweep("hoax", SMALL, {"alpha": [0.2, 0.4]}, seeds=2, steps=3, chunksize=-1, workers=2)
    assert_names(err, "chunksize")
    with pytest.raises(ParameterError) as err:
        sweep("hoax", SMALL, seeds=2, steps=3, workers=0, progress=False)
    assert_names(err, "workers")
    with pytest.raises(ParameterError) as err:
        sweep("hoax", SMALL, seeds=2.5, steps=3, progress=False)
    assert_names(err, "seeds")


@SETTINGS
@given(name=st.text(alphabet="abcxyz_", min_size=1, max_size=8), nested=st.booleans())
def test_output_that_is_a_file_fails_before_any_run(tmp_path_factory, name, nested, monkeypatch):
    ran = []
    monkeypatch.setattr(experiments, "_execute", lambda *a, **k: ran.append(1) or ({}, False))
    base = tmp_path_factory.mktemp("out")
    blocker = base / name
    blocker.write_text("not a directory", encoding="utf-8")
    target = blocker / "results" if nested else blocker
    with pytest.raises(SimulationInputError) as err:
        sweep("hoax", SMALL, seeds=2, steps=3, progress=False, output=target)
    assert_names(err, "output")
    assert not ran


@SETTINGS
@given(
    params=st.one_of(texts, st.integers(), st.lists(st.integers(), max_size=2)),
)
def test_sweep_params_must_be_a_mapping(params):
    with pytest.raises(SimulationInputError) as err:
        sweep("hoax", params, seeds=1, steps=1, progress=False)
    assert_names(err, "params")


@SETTINGS
@given(grid=st.one_of(texts, st.integers(), st.lists(st.integers(), min_size=1, max_size=2)))
def test_sweep_grid_must_be_a_mapping_or_points(grid):
    with pytest.raises(SimulationInputError) as err:
        sweep("hoax", SMALL, grid, seeds=1, steps=1, progress=False)
    assert_names(err, "grid")


@SETTINGS
@given(level=bad_level)
def test_every_interval_refuses_a_bad_level(level):
    for call in (
        lambda: mean_ci([1.0, 2.0, 3.0], level),
        lambda: summarise_points(
            __import__("pandas").DataFrame({"point": [0, 0], "x": [1.0, 2.0]}), ["point"], level
        ),
        lambda: compare({"a": 1}, lambda v, s: ({"y": v}, None), seeds=2, level=level),
    ):
        with pytest.raises(ParameterError) as err:
            call()
        assert_names(err, "level")


COMPARE_CASES = {
    "seeds": bad_seeds,
    "root_seed": not_count,
    "level": bad_level,
}


@pytest.mark.parametrize("field", list(COMPARE_CASES))
@SETTINGS
@given(data=st.data())
def test_compare_refuses_bad_options_before_running(field, data):
    value = data.draw(COMPARE_CASES[field], label=field)
    ran = []

    def run(v, seed):
        ran.append(seed)
        return {"y": v}, None

    with pytest.raises(ParameterError) as err:
        compare({"a": 1.0}, run, **{field: value})
    assert_names(err, field)
    assert not ran


@SETTINGS
@given(replicate=not_count, root=not_count)
def test_run_seed_refuses_bad_numbers(replicate, root):
    with pytest.raises(ParameterError) as err:
        run_seed(root, 0)
    assert_names(err, "root_seed")
    with pytest.raises(ParameterError) as err:
        run_seed(1, replicate)
    assert_names(err, "replicate")


# ------------------------------------------------------------------------------ interventions
INTERVENTION_CASES = [
    (FactCheckers, "start", not_count),
    (FactCheckers, "k", not_count),
    (FactCheckers, "placement", texts.filter(lambda t: t not in ("random", "degree"))),
    (FactCheckers, "unit_cost", bad_cost),
    (Prebunking, "coverage", outside_unit),
    (Prebunking, "efficacy", outside_unit),
    (Prebunking, "group", st.one_of(texts, st.integers(max_value=-1), fractional, st.booleans())),
    (Prebunking, "unit_cost", bad_cost),
    (Moderation, "k", not_count),
    (Moderation, "target", texts.filter(lambda t: t not in ("degree", "random"))),
    (Moderation, "mode", texts.filter(lambda t: t not in ("silence", "remove"))),
    (CommunityLeaders, "per_group", not_count),
    (CommunityLeaders, "start", not_count),
    (ModerateVoices, "opinion", outside_unit),
    (ModerateVoices, "k", not_count),
    (AccuracyNudge, "factor", outside_unit),
    (AccuracyNudge, "coverage", outside_unit),
    (FactCheckCapacity, "boost", outside_unit),
    (FactCheckCapacity, "unit_cost", bad_cost),
]


@pytest.mark.parametrize(
    ("cls", "field", "values"),
    INTERVENTION_CASES,
    ids=[f"{c.__name__}.{f}" for c, f, _ in INTERVENTION_CASES],
)
@SETTINGS
@given(data=st.data())
def test_interventions_refuse_bad_arguments(cls, field, values, data):
    value = data.draw(values, label=field)
    with pytest.raises(ParameterError) as err:
        cls(**{field: value})
    assert_names(err, field)


GRAPH = community_network(n=60, k=3, homophily=0.8, seed=5)


def test_prebunking_of_a_group_that_does_not_exist_is_an_error_not_a_no_op():
    model = HoaxModel(GRAPH, seed=0)
    with pytest.raises(ParameterError) as err:
        Prebunking(group=7, coverage=1.0).apply(model, 0)
    assert_names(err, "group")
    assert "0, 1, 2" in err.value.pesan
    before = model.alpha.copy()
    Prebunking(group=1, coverage=1.0, efficacy=0.5).apply(model, 0)
    assert (model.alpha < before).sum() == 20  # the 20 members of group 1, nobody else


COMPARISON_CASES = {
    "seeds": bad_seeds,
    "root_seed": not_count,
    "steps": not_positive_int,
    "level": bad_level,
    "reuse_models": not_flag,
}


@pytest.mark.parametrize("field", list(COMPARISON_CASES))
@SETTINGS
@given(data=st.data())
def test_compare_interventions_refuses_bad_options(field, data):
    value = data.draw(COMPARISON_CASES[field], label=field)
    with pytest.raises(ParameterError) as err:
        compare_interventions({"none": []}, graph=GRAPH, **{field: value})
    assert_names(err, field)


@SETTINGS
@given(
    scenarios=st.one_of(
        texts,
        st.integers(),
        st.just({}),
        st.dictionaries(texts, st.lists(st.integers(), min_size=1, max_size=2), min_size=1),
        st.dictionaries(texts, texts.filter(bool), min_size=1, max_size=2),
    )
)
def test_scenarios_must_be_interventions(scenarios):
    with pytest.raises(ParameterError) as err:
        compare_interventions(scenarios, graph=GRAPH, seeds=1, steps=1)
    assert_names(err, "scenarios")
    if not isinstance(scenarios, dict) or not scenarios:
        return
    from simulations.models.opinion import DeffuantModel

    with pytest.raises(ParameterError) as err:
        compare_opinion_interventions(DeffuantModel, scenarios, graph=GRAPH, seeds=1, steps=1)
    assert_names(err, "scenarios")


SEGREGATION_CASES = {
    "homophily": outside_unit.filter(lambda v: not isinstance(v, tuple | list)),
    "gullible_share": outside_unit,
    "alpha_gullible": outside_unit,
    "alpha_sceptic": outside_unit,
    "tail": not_positive_int,
    "n": st.one_of(not_whole, st.integers(max_value=1)),
    "seeds": bad_seeds,
}


@pytest.mark.parametrize("field", list(SEGREGATION_CASES))
@SETTINGS
@given(data=st.data())
def test_segregation_experiment_refuses_bad_arguments(field, data):
    value = data.draw(SEGREGATION_CASES[field], label=field)
    with pytest.raises(ParameterError) as err:
        segregation_experiment(**{"n": 40, "steps": 5, "tail": 2, field: value})
    assert_names(err, field)


@SETTINGS
@given(steps=not_count)
def test_run_with_interventions_refuses_bad_steps(steps):
    with pytest.raises(ParameterError) as err:
        run_with_interventions(HoaxModel(GRAPH, seed=0), [], steps)
    assert_names(err, "steps")


# ------------------------------------------------------------------- policy, plan, collaboration
@SETTINGS
@given(budget=bad_cost, share=outside_unit, groups=not_positive_int)
def test_budget_allocation_refuses_bad_numbers(budget, share, groups):
    with pytest.raises(ParameterError) as err:
        policy.allocate(budget, {}, n=100, groups=2)
    assert_names(err, "budget")
    with pytest.raises(ParameterError) as err:
        policy.allocate(10.0, {"share_leaders": share}, n=100, groups=2)
    assert_names(err, "share_leaders")
    with pytest.raises(ParameterError) as err:
        policy.allocate(10.0, {}, n=100, groups=groups)
    assert_names(err, "groups")


@SETTINGS
@given(
    budget=bad_cost.filter(lambda v: v is not None),  # None means "no budget limit"
    seeds=bad_seeds,
    choices=st.one_of(texts, st.integers()),
)
def test_action_plan_simulation_refuses_bad_input(budget, seeds, choices):
    with pytest.raises(ParameterError) as err:
        simulate_plan(["tokoh"], budget=budget, seeds=1, steps=1, n=50)
    assert_names(err, "budget")
    with pytest.raises(ParameterError) as err:
        simulate_plan(["tokoh"], seeds=seeds, steps=1, n=50)
    assert_names(err, "seeds")
    with pytest.raises(ParameterError) as err:
        simulate_plan(choices, seeds=1, steps=1, n=50)
    assert_names(err, "choices")


STAKEHOLDER_CASES = {
    "detect_share": st.one_of(outside_unit, st.just(0.0)),
    "lag": not_count,
    "messengers": not_count,
    "hop_delay": st.one_of(
        texts, st.booleans(), fractional, st.integers(max_value=-1), st.lists(st.integers())
    ),
}


@pytest.mark.parametrize("field", list(STAKEHOLDER_CASES))
@SETTINGS
@given(data=st.data())
def test_stakeholder_response_refuses_bad_arguments(field, data):
    value = data.draw(STAKEHOLDER_CASES[field], label=field)
    with pytest.raises(ParameterError) as err:
        StakeholderResponse(stakeholder_network(), **{field: value})
    assert_names(err, field)


def test_numpy_integers_and_bools_are_accepted_where_valid():
    # the checks refuse floats and strings, not NumPy's own integer and bool types
    assert FactCheckers(k=np.int64(3), start=np.int32(1)).k == 3
    res = compare({"a": 1.0}, lambda v, s: ({"y": v}, None), seeds=np.int64(2), level=0.9)
    assert len(res.runs) == 2
    cmp = compare_interventions(
        {"none": []}, graph=GRAPH, seeds=[np.int64(0)], steps=2, reuse_models=np.bool_(True)
    )
    assert list(cmp.runs["replicate"]) == [0]
    assert Path  # keep the import used when the output test is deselected


@SETTINGS
@given(
    model=st.one_of(texts, st.integers(), st.none(), st.lists(st.integers(), max_size=2)),
    interventions=st.one_of(texts.filter(bool), st.integers(), st.lists(st.integers(), min_size=1)),
)
def test_run_with_interventions_refuses_a_non_model_and_non_interventions(model, interventions):
    with pytest.raises(ParameterError) as err:
        run_with_interventions(model, [], 2)
    assert_names(err, "model")
    with pytest.raises(ParameterError) as err:
        run_with_interventions(HoaxModel(GRAPH, seed=0), interventions, 2)
    assert_names(err, "interventions")
