"""Tests of simulations.response.communication (clarifications, breach of trust) and its plots."""

from __future__ import annotations

import math

import numpy as np
import pytest

from simulations.core.errors import ParameterError
from simulations.core.formatting import pct_id
from simulations.core.networks import scale_free
from simulations.models.hoax import HoaxModel, State, eradication_threshold, mean_field
from simulations.plots.communication import plot_breach_sweep, plot_clarifications
from simulations.response.communication import (
    Breach,
    Clarification,
    breach_sweep,
    choose_carriers,
    clarification_scenarios,
    clarification_table,
    compare_clarifications,
    critical_alpha,
    critical_trust_loss,
    summarise_breach,
    summarise_clarifications,
)
from simulations.response.interventions import compare_interventions, run_with_interventions

PARAMS = dict(beta=0.1, alpha=0.6, p_verify=0.1, p_forget=0.1)


@pytest.fixture(scope="module")
def graph():
    return scale_free(500, seed=3)


@pytest.fixture(scope="module")
def comparison(graph):
    return compare_clarifications(graph=graph, starts=(2, 15), seeds=20, steps=40, **PARAMS)


def _degree(model):
    return np.diff(model.adjacency.indptr)


# ---------------------------------------------------------------------------------- carriers
def test_official_account_is_the_best_connected_person(graph):
    model = HoaxModel(graph, seed=1)
    idx = choose_carriers(model, "official")
    assert len(idx) == 1
    assert _degree(model)[idx[0]] == _degree(model).max()


def test_local_voices_are_many_low_degree_people(graph):
    model = HoaxModel(graph, seed=1)
    deg = _degree(model)
    idx = choose_carriers(model, "local", rng=np.random.default_rng(5))
    assert len(idx) == len(set(idx.tolist())) == 50
    assert deg[idx].max() <= np.median(deg)


def test_trusted_voices_span_communities(graph):
    from simulations.response.interventions import _groups

    model = HoaxModel(graph, seed=1)
    idx = choose_carriers(model, "trusted", 4)
    assert len(idx) == 4
    assert len(set(_groups(model)[idx].tolist())) == min(4, len(set(_groups(model).tolist())))


@pytest.mark.parametrize(
    "kwargs,field",
    [
        ({"carrier": "bupati"}, "carrier"),
        ({"boost": 1.5}, "boost"),
        ({"k": 0}, "k"),
        ({"placement": "degree"}, "placement"),
        ({"start": -1}, "start"),
    ],
)
def test_clarification_rejects_bad_input_in_indonesian(kwargs, field):
    with pytest.raises(ParameterError) as err:
        Clarification(**kwargs)
    assert err.value.field == field
    assert err.value.pesan


# ---------------------------------------------------------------------------------- mechanism
def test_clarification_acts_at_start_on_carriers_and_audience_only(graph):
    model = HoaxModel(graph, seed=2, **PARAMS)
    iv = Clarification(start=3, carrier="trusted", k=3, boost=0.25)
    carriers = iv.carriers(model)
    heard = iv.audience(model)
    before = model.p_verify.copy()
    iv.apply(model, 2)
    assert np.array_equal(model.p_verify, before)
    assert not model.fixed.any()
    iv.apply(model, 3)
    assert np.all(model.state[carriers] == State.FACT_CHECKER)
    assert np.all(model.fixed[carriers])
    assert np.allclose(model.p_verify[heard], np.minimum(before[heard] + 0.25, 0.9))
    others = np.setdiff1d(np.arange(model.num_people), heard)
    assert np.array_equal(model.p_verify[others], before[others])
    # the audience is the carriers plus exactly their neighbours
    nb = {int(j) for i in carriers for j in model.adjacency[[int(i)]].indices}
    assert set(heard.tolist()) == nb | set(carriers.tolist())


def test_clarification_after_the_last_step_leaves_the_run_identical(graph):
    model = HoaxModel(graph, seed=4, **PARAMS)
    snap = model.snapshot()
    base = run_with_interventions(model, [], 30)
    model.restore(snap)
    never = run_with_interventions(model, [Clarification(start=30, carrier="local")], 30)
    assert base.equals(never)


def test_breach_raises_alpha_for_the_share_capped_at_one(graph):
    model = HoaxModel(graph, seed=5, alpha=0.8)
    iv = Breach(start=0, share=0.4, trust_loss=0.3)
    idx = iv.affected(model)
    assert len(idx) == round(0.4 * model.num_people)
    iv.apply(model, 0)
    assert np.allclose(model.alpha[idx], 1.0)
    rest = np.setdiff1d(np.arange(model.num_people), idx)
    assert np.allclose(model.alpha[rest], 0.8)
    # the same seed draws the same affected people (common random numbers)
    assert np.array_equal(
        np.sort(idx), np.sort(Breach(share=0.4).affected(HoaxModel(graph, seed=5)))
    )


# ---------------------------------------------------------------------------------- statistics
def test_fast_clarification_lowers_the_peak_against_a_late_one(comparison):
    """Across 20 common seeds the paired difference (fast − late) has a 95 % CI below zero."""
    from simulations.analysis.experiments import mean_ci

    runs = comparison.runs.set_index(["scenario", "seed"])["peak_believers"]
    for carrier in ("akun resmi", "tokoh tepercaya", "banyak suara lokal"):
        fast = runs.loc[f"Cepat (langkah 2) · {carrier}"].sort_index().to_numpy()
        late = runs.loc[f"Lambat (langkah 15) · {carrier}"].sort_index().to_numpy()
        ci = mean_ci(fast - late)
        assert ci["n_runs"] == 20 and ci["ci_high"] < 0, (carrier, ci)


def test_every_clarification_does_no_harm_against_the_baseline(comparison):
    runs = comparison.runs.set_index(["scenario", "seed"])["ever_reached"]
    base = runs.loc["Tanpa klarifikasi"].sort_index().to_numpy()
    for name in comparison.runs["scenario"].unique():
        # common random numbers: a clarification can only add fact-checkers and verification
        assert runs.loc[name].sort_index().to_numpy().mean() <= base.mean() + 1e-12


def test_clarification_table_parses_timing_and_carrier(comparison):
    tab = clarification_table(comparison)
    assert tab["start"].isna().sum() == 1
    assert sorted(tab["start"].dropna().unique().tolist()) == [2, 15]
    assert (tab.dropna()["ci_low"] <= tab.dropna()["mean"]).all()
    assert (tab["n_runs"] == 20).all()
    text = summarise_clarifications(comparison)
    assert pct_id(float(tab["mean"].iloc[0])) in text


def test_scenarios_are_timing_by_carrier():
    sc = clarification_scenarios((1, 5, 9), ("official", "local"), k={"local": 10})
    assert len(sc) == 1 + 3 * 2
    assert all(len(v) == 1 for k, v in sc.items() if k != "Tanpa klarifikasi")
    assert sc["Langkah (langkah 5) · banyak suara lokal"][0].k == 10


# ---------------------------------------------------------------------------------- threshold
@pytest.mark.parametrize("p_verify,p_forget", [(0.1, 0.1), (0.2, 0.05), (0.05, 0.3)])
def test_critical_alpha_solves_the_eradication_threshold(p_verify, p_forget):
    a = critical_alpha(p_verify, p_forget)
    assert eradication_threshold(a, p_forget) == pytest.approx(p_verify)


def test_critical_trust_loss_closed_form_and_edges():
    assert critical_trust_loss(0.2, 0.1, 0.1) == pytest.approx(1 / 3 - 0.2)
    assert critical_trust_loss(0.2, 0.1, 0.1, share=0.5) == pytest.approx(2 * (1 / 3 - 0.2))
    assert critical_trust_loss(0.5, 0.1, 0.1) == 0.0  # already persisting
    assert math.isinf(critical_trust_loss(0.0, 0.3, 0.01, share=0.1))
    with pytest.raises(ParameterError):
        critical_trust_loss(0.2, 0.1, 0.1, share=0.0)


@pytest.mark.parametrize("alpha0,p_verify,p_forget", [(0.2, 0.1, 0.1), (0.1, 0.2, 0.1)])
def test_trust_loss_threshold_matches_the_mean_field_map(alpha0, p_verify, p_forget):
    """Just below the critical loss the mean-field hoax dies out; just above it persists."""
    loss = critical_trust_loss(alpha0, p_verify, p_forget)
    kw = dict(beta=0.5, p_verify=p_verify, p_forget=p_forget, believers0=0.05, steps=4000)
    below = mean_field(alpha=alpha0 + loss - 0.03, **kw)["share_believer"].iloc[-1]
    above = mean_field(alpha=alpha0 + loss + 0.03, **kw)["share_believer"].iloc[-1]
    assert below < 1e-4
    assert above > 1e-3


def test_breach_sweep_tips_the_network_hoax(graph):
    sweep = breach_sweep(
        (0.0, 0.4),
        graph=graph,
        seeds=8,
        steps=120,
        tail=30,
        start=5,
        alpha=0.2,
        p_verify=0.1,
        p_forget=0.1,
        beta=0.5,
        initial_believers=10,
    )
    assert sweep["critical_loss"].iloc[0] == pytest.approx(1 / 3 - 0.2)
    assert sweep["alpha_mean"].tolist() == pytest.approx([0.2, 0.6])
    no_loss, big_loss = sweep.iloc[0], sweep.iloc[1]
    assert no_loss["ci_high"] < 0.01  # below the threshold: eradicated
    assert big_loss["ci_low"] > 0.05  # far above it: the hoax persists
    assert "0,133" in summarise_breach(sweep)


def test_breach_sweep_rejects_bad_losses(graph):
    with pytest.raises(ParameterError) as err:
        breach_sweep((0.1, 1.5), graph=graph, seeds=1, steps=10, tail=2)
    assert err.value.field == "trust_losses"


# ---------------------------------------------------------------------------------- plots
def test_plot_clarifications_draws_the_table(comparison):
    fig = plot_clarifications(comparison)
    axes = fig.axes
    assert len(axes) == 2
    for ax, metric in zip(axes, ("peak_believers", "ever_reached"), strict=True):
        tab = clarification_table(comparison, metric)
        base = tab[tab["carrier"].isna()].iloc[0]
        dashed = [ln for ln in ax.get_lines() if ln.get_linestyle() == "--"]
        assert dashed and np.allclose(dashed[0].get_ydata(), base["mean"])
        drawn = sorted(
            float(y)
            for c in ax.containers
            for y in c.lines[0].get_ydata()  # errorbar container: data line first
        )
        expected = sorted(tab[tab["carrier"].notna()]["mean"].tolist())
        assert np.allclose(drawn, expected)


def test_plot_breach_sweep_draws_points_and_threshold():
    import pandas as pd

    sweep = pd.DataFrame(
        {
            "trust_loss": [0.0, 0.1, 0.2],
            "alpha_mean": [0.2, 0.3, 0.4],
            "mean": [0.0, 0.01, 0.05],
            "ci_low": [0.0, 0.0, 0.03],
            "ci_high": [0.0, 0.02, 0.07],
            "n_runs": [5, 5, 5],
            "critical_loss": [0.1333] * 3,
        }
    )
    ax = plot_breach_sweep(sweep).axes[0]
    line = ax.containers[0].lines[0]
    assert np.allclose(line.get_xdata(), sweep["trust_loss"])
    assert np.allclose(line.get_ydata(), sweep["mean"])
    vline = [ln for ln in ax.get_lines() if ln.get_linestyle() == "--"][0]
    assert np.allclose(vline.get_xdata(), 0.1333)


def test_compare_clarifications_uses_the_common_comparison(graph):
    """The wrapper gives the same table as compare_interventions on the same scenarios."""
    sc = clarification_scenarios((2,), ("official",))
    a = compare_interventions(sc, graph=graph, seeds=3, steps=15, **PARAMS)
    b = compare_clarifications(
        graph=graph, starts=(2,), carriers=("official",), seeds=3, steps=15, **PARAMS
    )
    assert a.runs.equals(b.runs)


def test_trust_per_carrier_changes_only_that_carriers_scenarios():
    """``boost`` per carrier: the audience trusts one carrier more; the others keep the default."""
    from simulations.response.communication import DEFAULT_BOOST

    sc = clarification_scenarios((2, 15), boost={"trusted": 0.5})
    boosts = {name: ivs[0].boost for name, ivs in sc.items() if ivs}
    assert {b for n, b in boosts.items() if "tokoh" in n} == {0.5}
    assert {b for n, b in boosts.items() if "tokoh" not in n} == {DEFAULT_BOOST}
    with pytest.raises(ParameterError) as err:
        clarification_scenarios((2,), boost={"radio": 0.3})
    assert "Pembawa tidak dikenal" in err.value.pesan
    with pytest.raises(ParameterError):
        clarification_scenarios((2,), boost={"local": 1.5})


def test_more_trust_in_one_carrier_lowers_its_outcome(graph):
    """Same seeds, same carriers: raising the trusted voices' boost cannot raise their peak."""
    low = compare_clarifications(
        graph=graph, starts=(2, 15), carriers=("trusted",), seeds=4, steps=30, **PARAMS
    )
    high = compare_clarifications(
        graph=graph,
        starts=(2, 15),
        carriers=("trusted",),
        boost={"trusted": 0.6},
        seeds=4,
        steps=30,
        **PARAMS,
    )
    a = clarification_table(low, "ever_reached").set_index("scenario")["mean"]
    b = clarification_table(high, "ever_reached").set_index("scenario")["mean"]
    fast = "Cepat (langkah 2) · tokoh tepercaya"
    assert b[fast] <= a[fast]
    assert b["Tanpa klarifikasi"] == a["Tanpa klarifikasi"]


def test_clarification_settings_table_refuses_late_before_fast():
    from simulations.response.communication import CLARIFICATION_PARAMS

    assert (
        CLARIFICATION_PARAMS.validate()["start_fast"]
        < CLARIFICATION_PARAMS.validate()["start_late"]
    )
    with pytest.raises(ParameterError) as err:
        CLARIFICATION_PARAMS.validate(start_fast=20, start_late=10)
    assert "lebih awal" in err.value.pesan


def test_clarification_explorer_offers_trust_reach_and_timing(graph):
    """The explorer has a control for every setting the exercise asks to change, with Indonesian labels."""
    from simulations.response.communication import CLARIFICATION_PARAMS
    from simulations.widgets.communication import ClarificationExplorer

    explorer = ClarificationExplorer(graph=graph, seed=1, seeds=3)
    for p in CLARIFICATION_PARAMS:
        control = explorer.controls[p.name]
        assert control.description == p.label and control.tooltip == p.help
        assert (control.min, control.max) == (p.min, p.max)
    explorer.set(boost_trusted=0.6, k_local=20, start_late=10)
    cmp = explorer.run()
    assert explorer.last_error is None and cmp is not None
    trusted = [text for name, text in cmp.descriptions.items() if "tokoh" in name]
    assert trusted and all("+0,6" in text for text in trusted), cmp.descriptions
    assert "Ringkasan" in explorer.summary and "pembawa" in explorer.table_widget.value
    assert (
        "official" not in explorer.table_widget.value and "mean" not in explorer.table_widget.value
    )
    explorer.set(start_fast=12, start_late=10).run()
    assert "lebih awal" in explorer.last_error
