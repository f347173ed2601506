"""Headless tests of the intervention panel, the monitor view, and the figures behind them."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.figure import Figure

from simulations.core.errors import ParameterError
from simulations.response.alarms import cusum, summarise_alarms
from simulations.response.interventions import summarise_comparison
from simulations.widgets.interventions import (
    SCENARIO_CHOICES,
    InterventionPanel,
    MonitorPlacementView,
    build_scenarios,
    run_comparison,
)


def test_build_scenarios_all_choices():
    scenarios = build_scenarios(list(SCENARIO_CHOICES), k=10, start=5)
    assert list(scenarios)[0] == "Tanpa intervensi"
    assert len(scenarios) == len(SCENARIO_CHOICES) + 1
    with pytest.raises(ParameterError):
        build_scenarios(["teleport"])


def test_panel_runs_headless_and_reports_in_indonesian():
    panel = InterventionPanel(n=200, seeds=3, steps=20)
    panel.controls["k"].value = 15
    panel.scenario_boxes["leaders"].value = True
    cmp = panel.run()
    assert cmp is not None and panel.last_error is None
    assert "Ringkasan" in panel.summary and "seed" in panel.summary
    assert "Puncak percaya hoaks" in panel.table_widget.value
    assert set(cmp.summary["scenario"]) == {
        "Tanpa intervensi",
        *[SCENARIO_CHOICES[k] for k in panel.choices],
    }
    # no intervention ticked: an Indonesian message, no exception
    for box in panel.scenario_boxes.values():
        box.value = False
    assert panel.run() is None
    assert "Pilih minimal satu" in panel.last_error
    assert "Tidak bisa dijalankan" in panel.summary


def test_panel_same_seed_same_table():
    a = run_comparison(["moderation_degree", "nudge"], n=200, seeds=3, steps=15)
    b = run_comparison(["moderation_degree", "nudge"], n=200, seeds=3, steps=15)
    assert a.table().equals(b.table())
    text = summarise_comparison(a)
    assert "Paling efektif" in text


def test_monitor_view_headless():
    view = MonitorPlacementView(n=120, k=5)
    view.controls["n_cascades"].value = 20
    result = view.run()
    assert result is not None, view.last_error
    assert set(result.placements) == {"random", "degree", "celf"}
    assert all(len(m) == 5 for m in result.placements.values())
    assert "kaskade" in view.summary
    view.controls["n"].value = 50
    view.controls["k"].value = 50
    assert view.run() is not None  # as many monitors as people is allowed


def test_alarm_summary_names_the_alarms():
    # the figures themselves are tested on their data in tests/test_response_plots.py
    x = np.r_[np.full(40, 10.0), np.full(20, 25.0)]
    res = cusum(x + np.random.default_rng(0).poisson(2, 60))
    assert "alarm" in summarise_alarms(res, change_at=40, method="cusum")


def test_literacy_figures_from_the_data_package():
    from simulations.data import load_table
    from simulations.plots.literacy import plot_imdi, plot_literacy_pillars, summarise_literacy

    lit = load_table("literasi_digital_nasional_2020_2022")
    assert isinstance(plot_literacy_pillars(lit), Figure)
    assert "Aman digital" in summarise_literacy(lit)
    assert isinstance(plot_imdi(load_table("imdi_nasional_pilar_2022_2025")), Figure)


def test_evaluate_plan_feedback():
    from simulations.widgets.interventions import evaluate_plan

    assert "Belum diisi" in evaluate_plan(None, 40)
    assert "tidak dikenal" in evaluate_plan(["teleport"], 40)
    text = evaluate_plan(["capacity"], 40, n=1000, seeds=2, steps=10)
    assert "DI ATAS anggaran" in text
    assert "dalam anggaran" in evaluate_plan(["nudge"], 40, n=150, seeds=2, steps=10)


def test_segregation_experiment_rows_share_the_replicate_seeds():
    from simulations.response.interventions import segregation_experiment

    df = segregation_experiment(homophily=(0.5, 0.9), seeds=[1, 2], n=80, steps=12, tail=4)
    assert list(df.columns[:3]) == ["homophily", "replicate", "seed"]
    assert df.groupby("homophily")["seed"].apply(tuple).nunique() == 1  # common random numbers
    assert sorted(set(df["replicate"])) == [1, 2]
