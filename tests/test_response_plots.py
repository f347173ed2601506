"""Figures of interventions, stakeholder response, action plan and budget sandbox: the plotted data,
labels and titles (not merely "it is a Figure")."""

from __future__ import annotations

import datetime as dt

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from matplotlib.collections import PolyCollection

from simulations.analysis.experiments import mean_ci
from simulations.core.networks import scale_free
from simulations.plots.action_plan import PLAN_STYLES, plan_figure
from simulations.plots.collaboration import (
    BRIDGE_COLOUR,
    plot_ever_by_community,
    plot_response_curves,
    plot_stakeholders,
)
from simulations.plots.evidence import allocation_plot
from simulations.plots.interventions import (
    draw_mean_band,
    plot_alarms,
    plot_comparison_curves,
    plot_cost_effect,
    plot_opinion_outcomes,
    plot_segregation,
    plot_tradeoff,
)
from simulations.response.alarms import cusum
from simulations.response.collaboration import COMMUNITIES, stakeholder_network
from simulations.response.interventions import (
    FactCheckers,
    Prebunking,
    compare_interventions,
)


def _lines(ax):
    """Lines with a legend label (fill_between bands and helper lines have none)."""
    return [ln for ln in ax.get_lines() if not ln.get_label().startswith("_")]


def _band(ax, i):
    """Lower and upper edge of the i-th fill_between band, in step order."""
    bands = [c for c in ax.collections if isinstance(c, PolyCollection)]
    verts = bands[i].get_paths()[0].vertices
    return verts


@pytest.fixture(scope="module")
def cmp():
    return compare_interventions(
        {"none": [], "fc": [FactCheckers(k=15)], "pre": [Prebunking(coverage=0.5)]},
        graph=scale_free(150, 2, seed=2),
        seeds=4,
        steps=12,
    )


def test_comparison_curves_plot_the_mean_per_step(cmp):
    fig = plot_comparison_curves(cmp)
    ax = fig.axes[0]
    lines = _lines(ax)
    assert [ln.get_label() for ln in lines] == ["none", "fc", "pre"]
    for ln, name in zip(lines, ["none", "fc", "pre"], strict=True):
        want = cmp.curves[cmp.curves["scenario"] == name].groupby("step")["share_believer"].mean()
        np.testing.assert_allclose(ln.get_xdata(), want.index)
        np.testing.assert_allclose(ln.get_ydata(), want.to_numpy())
    assert ax.get_title() == "Rata-rata 4 seed; pita = rentang 10–90%"
    assert ax.get_ylabel() == "Bagian penduduk percaya hoaks"
    assert ax.get_xlabel() == "Langkah waktu"
    # the band of the first scenario spans its 10th to 90th percentile at every step
    q = cmp.curves[cmp.curves["scenario"] == "none"].groupby("step")["share_believer"]
    verts = _band(ax, 0)
    assert verts[:, 1].min() == pytest.approx(q.quantile(0.1).min())
    assert verts[:, 1].max() == pytest.approx(q.quantile(0.9).max())


def test_draw_mean_band_returns_what_it_draws():
    curves = pd.DataFrame(
        {
            "scenario": ["a"] * 4 + ["b"] * 4,
            "replicate": [0, 0, 1, 1] * 2,
            "step": [0, 1, 0, 1] * 2,
            "share_believer": [0.1, 0.3, 0.3, 0.5, 0.0, 0.0, 0.2, 0.4],
        }
    )
    from simulations.plots.figure import new_figure

    ax = new_figure().add_subplot()
    drawn = draw_mean_band(ax, curves, band=(0.0, 1.0))
    assert list(drawn) == ["a", "b"]
    np.testing.assert_allclose(drawn["a"]["mean"], [0.2, 0.4])
    np.testing.assert_allclose(drawn["a"]["low"], [0.1, 0.3])
    np.testing.assert_allclose(drawn["a"]["high"], [0.3, 0.5])
    np.testing.assert_allclose(drawn["b"]["mean"], [0.1, 0.2])
    np.testing.assert_allclose(_lines(ax)[1].get_ydata(), [0.1, 0.2])


def test_cost_effect_points_are_the_summary_means(cmp):
    ax = plot_cost_effect(cmp).axes[0]
    s = cmp.summary.set_index(["scenario", "metric"])
    bars = ax.containers  # one ErrorbarContainer per scenario
    assert [c.get_label() for c in bars] == ["none", "fc", "pre"]
    for c in bars:
        name, (x, y) = c.get_label(), c.lines[0].get_xydata()[0]
        reach = s.loc[(name, "ever_reached")]
        assert x == pytest.approx(s.loc[(name, "cost"), "mean"])
        assert y == pytest.approx(reach["mean"])
        # the vertical bar spans the confidence interval
        seg = c.lines[2][0].get_segments()[0]
        assert sorted(seg[:, 1]) == pytest.approx([reach["ci_low"], reach["ci_high"]])
    assert [c.lines[0].get_xydata()[0][0] for c in bars] == pytest.approx([0.0, 15.0, 3.75])
    assert "selang kepercayaan 95%" in ax.get_title()


def test_segregation_plot_draws_mean_and_interval_per_homophily():
    df = pd.DataFrame(
        {
            "homophily": [0.5, 0.5, 0.5, 0.9, 0.9, 0.9],
            "replicate": [0, 1, 2] * 2,
            "believers_end": [0.1, 0.2, 0.3, 0.4, 0.5, 0.6],
            "believers_end_gullible": [0.2, 0.2, 0.2, 0.6, 0.7, 0.8],
            "believers_end_sceptic": [0.0, 0.2, 0.4, 0.2, 0.3, 0.4],
        }
    )
    ax = plot_segregation(df).axes[0]
    lines = {ln.get_label(): ln for ln in _lines(ax)}
    assert set(lines) == {"Kelompok mudah percaya", "Kelompok skeptis", "Semua orang"}
    np.testing.assert_allclose(lines["Semua orang"].get_xdata(), [0.5, 0.9])
    np.testing.assert_allclose(lines["Semua orang"].get_ydata(), [0.2, 0.5])
    np.testing.assert_allclose(lines["Kelompok mudah percaya"].get_ydata(), [0.2, 0.7])
    # the band of "Semua orang" (third series) is the SciPy t interval of the three runs
    ci = mean_ci([0.1, 0.2, 0.3])
    verts = _band(ax, 2)
    assert verts[:, 1].min() == pytest.approx(ci["ci_low"])
    assert ax.get_xlabel().startswith("Homofili")


def test_opinion_outcomes_bars_are_the_means():
    outcomes = pd.DataFrame({"scenario": ["a", "a", "b", "b"], "std": [0.1, 0.3, 0.0, 0.02]})
    ax = plot_opinion_outcomes(outcomes, "std").axes[0]
    heights = [p.get_height() for p in ax.patches]
    assert heights == pytest.approx([0.2, 0.01])
    assert [t.get_text() for t in ax.get_xticklabels()] == ["a", "b"]
    assert ax.get_ylabel() == "Sebaran opini (simpangan baku)"


def test_alarm_and_tradeoff_figures_show_the_data():
    x = np.r_[np.full(40, 10.0), np.full(20, 25.0)] + np.random.default_rng(0).poisson(2, 60)
    res = cusum(x)
    fig = plot_alarms(x, res, change_at=40, title="Uji")
    top, bottom = fig.axes
    np.testing.assert_allclose(_lines(top)[0].get_ydata(), x)
    np.testing.assert_allclose(_lines(bottom)[0].get_ydata(), res.statistic)
    alarm_label = [c.get_label() for c in top.collections if c.get_label().startswith("Alarm")]
    assert alarm_label == [f"Alarm ({int(res.alarms.sum())})"]
    assert top.get_title() == "Uji"
    table = pd.DataFrame(
        {"threshold": [3, 4], "false_alarms_per_1000_days": [9.0, 3.0], "mean_delay": [1.5, 2.0]}
    )
    ax = plot_tradeoff(table).axes[0]
    np.testing.assert_allclose(ax.get_lines()[0].get_xydata(), [[9.0, 1.5], [3.0, 2.0]])
    assert [t.get_text() for t in ax.texts] == ["ambang 3", "ambang 4"]


# ------------------------------------------------------------------ stakeholder response


def test_stakeholder_figure_draws_every_actor_and_marks_bridges():
    g = stakeholder_network()
    ax = plot_stakeholders(g).axes[0]
    assert sum(len(c.get_offsets()) for c in ax.collections) == g.number_of_nodes()
    assert sorted(t.get_text() for t in ax.texts) == sorted(
        nx.get_node_attributes(g, "label").values()
    )
    dashed = [ln for ln in ax.get_lines() if ln.get_linestyle() == "--"]
    assert len(dashed) == len(list(nx.bridges(g)))
    assert all(ln.get_color() == BRIDGE_COLOUR for ln in dashed)
    assert len(ax.get_lines()) == g.number_of_edges()
    assert "SINTETIS" in ax.get_title()
    # the default map has no bridge; without FKDM, tokoh adat hangs on one tie (to tokoh agama)
    assert dashed == []
    cut = stakeholder_network(remove=["fkdm"])
    ax = plot_stakeholders(cut, title="Tanpa FKDM").axes[0]
    assert ax.get_title() == "Tanpa FKDM"
    assert "FKDM" not in {t.get_text() for t in ax.texts}
    dashed = [ln for ln in ax.get_lines() if ln.get_linestyle() == "--"]
    assert len(dashed) == 1 and dashed[0].get_color() == BRIDGE_COLOUR
    pos = {t.get_text(): t.xy for t in ax.texts}
    ends = {tuple(np.round(p, 6)) for p in dashed[0].get_xydata()}
    assert ends == {tuple(np.round(pos[k], 6)) for k in ("Tokoh agama", "Tokoh adat")}


def _response_tables():
    rows, curves = [], []
    for i, sc in enumerate(["Tanpa respons", "Terkoordinasi"]):
        for r in range(2):
            rows.append(
                {
                    "scenario": sc,
                    "replicate": r,
                    **{f"ever_c{g}": 0.1 * g + 0.05 * i + 0.02 * r for g in range(6)},
                }
            )
            for step in range(3):
                curves.append(
                    {
                        "scenario": sc,
                        "replicate": r,
                        "step": step,
                        "share_believer": 0.1 * step + 0.1 * r - 0.05 * i,
                    }
                )
    return pd.DataFrame(rows), pd.DataFrame(curves)


def test_response_figures_plot_means_per_scenario_and_community():
    runs, curves = _response_tables()
    ax = plot_response_curves(curves).axes[0]
    lines = _lines(ax)
    assert [ln.get_label() for ln in lines] == ["Tanpa respons", "Terkoordinasi"]
    np.testing.assert_allclose(lines[0].get_ydata(), [0.05, 0.15, 0.25])
    np.testing.assert_allclose(lines[1].get_ydata(), [0.0, 0.1, 0.2])
    assert ax.get_ylim() == (0.0, 1.0) and ax.get_ylabel() == "porsi warga percaya hoaks"
    ax = plot_ever_by_community(runs).axes[0]
    heights = np.array([p.get_height() for p in ax.patches])
    want = np.r_[[0.1 * g + 0.01 for g in range(6)], [0.1 * g + 0.06 for g in range(6)]]
    np.testing.assert_allclose(heights, want)
    assert [t.get_text() for t in ax.get_xticklabels()] == list(COMMUNITIES)


# ------------------------------------------------------------------ action plan and budget


def test_plan_figure_plots_both_scenarios_in_their_styles():
    from simulations.response.action_plan import ActionPlan, simulate_plan

    sim = simulate_plan(["pemantauan", "tokoh"], seeds=2, steps=8, n=200)
    plan = ActionPlan({}, ["pemantauan"], 10, "P01", sim, dt.date(2025, 1, 1), dt.date(2025, 4, 1))
    ax = plan_figure(plan).axes[0]
    lines = {ln.get_label(): ln for ln in _lines(ax)}
    assert set(lines) == set(PLAN_STYLES)
    for name, ln in lines.items():
        want = sim[sim["scenario"] == name].groupby("step")["share_believer"].mean()
        np.testing.assert_allclose(ln.get_ydata(), want.to_numpy())
        assert ln.get_linestyle() == PLAN_STYLES[name]["linestyle"]
        assert ln.get_marker() == PLAN_STYLES[name]["marker"]
    assert "10–90%" in ax.get_title()


def test_allocation_plot_marks_mean_and_interval_per_allocation():
    points = pd.DataFrame(
        {
            "allocation": ["A", "B"],
            "metric": ["mean_share_believer"] * 2,
            "mean": [0.2, 0.1],
            "ci_low": [0.15, 0.05],
            "ci_high": [0.25, 0.12],
        }
    )
    ax = allocation_plot(points).axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["A", "B"]  # worst at the bottom
    np.testing.assert_allclose(ax.get_lines()[0].get_xdata(), [20.0, 10.0])
    segs = ax.collections[0].get_segments()
    np.testing.assert_allclose([s[:, 0] for s in segs], [[15.0, 25.0], [5.0, 12.0]])
