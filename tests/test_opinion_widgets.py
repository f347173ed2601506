"""Headless tests of the Module 2 explorers and their pure functions (no kernel needed)."""

from __future__ import annotations

import ipywidgets as w
import numpy as np
import pytest

from simulations.plots import opinion as P
from simulations.widgets.opinion import (
    BoundedConfidenceExplorer,
    EchoChamberExplorer,
    run_bounded_confidence,
    run_echo_chamber,
    summarise_bounded_confidence,
    summarise_echo_chamber,
)


def test_run_bounded_confidence_complete_mixing_fragments_at_small_tolerance():
    run = run_bounded_confidence(
        {
            "model": "deffuant",
            "network": "complete",
            "n": 300,
            "steps": 200,
            "seed": 1,
            "epsilon": 0.1,
            "mu": 0.5,
        }
    )
    # Deffuant et al. (2000): about floor(1/(2ε)) = 5 major clusters for ε = 0.1
    assert 3 <= run.metrics["clusters"] <= 6
    text = summarise_bounded_confidence(run)
    assert "kubu" in text and "5 kelompok" in text


def test_run_bounded_confidence_on_a_network_has_network_metrics():
    run = run_bounded_confidence(
        {
            "model": "algorithmic_bias",
            "network": "scale_free",
            "n": 150,
            "steps": 20,
            "seed": 2,
            "epsilon": 0.3,
            "mu": 0.5,
            "gamma": 1.0,
        }
    )
    assert "neighbour_correlation" in run.metrics and "modularity" in run.metrics


def test_bounded_confidence_explorer_headless():
    ex = BoundedConfidenceExplorer(n=120, steps=20)
    assert isinstance(ex.widget, w.VBox)
    for c in ex.controls.values():
        assert c.description
        if isinstance(c, w.FloatSlider | w.IntSlider):
            assert c.continuous_update is False
    assert ex.controls["gamma"].disabled  # only the algorithmic-bias model uses γ
    ex.set(model="algorithmic_bias", epsilon=0.2, gamma=1.5)
    assert not ex.controls["gamma"].disabled
    result = ex.run()
    assert result is not None and ex.last_error is None
    assert result.model.num_people == 120 and ex.png.startswith(b"\x89PNG")
    assert "Ringkasan" in ex.summary
    ex.set(model="hk", network="small_world")  # the registry's key
    assert ex.controls["mu"].disabled
    assert ex.update() is not None
    assert result is not ex.last_result


def test_bounded_confidence_explorer_shows_indonesian_error():
    """20 people in 4 communities with mean degree 8 is impossible (p_in = 1.8 > 1): the explorer
    shows the network builder's Indonesian message and keeps running."""
    ex = BoundedConfidenceExplorer(n=120, steps=10)
    ex.set(n=20, network="communities")
    assert ex.run() is None
    assert ex.last_error and "rata-rata teman" in ex.last_error
    assert "Tidak bisa dijalankan" in ex.summary
    ex.set(n=120, network="random")
    assert ex.run() is not None and ex.last_error is None
    from simulations.core.errors import SimulationInputError

    with pytest.raises(SimulationInputError) as e:
        ex.set(colour="red")
    assert e.value.field == "colour"
    with pytest.raises(SimulationInputError) as e:
        ex.set(n=-5)
    assert e.value.field == "n" and "antara" in e.value.pesan


def test_explorer_error_path_is_in_indonesian(monkeypatch):
    ex = BoundedConfidenceExplorer(n=50, steps=5)
    import simulations.widgets.opinion as mod

    def boom(settings):
        from simulations.core.errors import ParameterError

        raise ParameterError("bad", "Nilai tidak valid.", field="x")

    monkeypatch.setattr(mod, "run_bounded_confidence", boom)
    assert ex.run() is None
    assert ex.last_error == "Nilai tidak valid."
    assert "Tidak bisa dijalankan" in ex.summary and "Traceback" not in ex.summary


def test_run_echo_chamber_baumann_snapshots_and_summary():
    run = run_echo_chamber(
        {
            "kind": "echo_chamber",
            "n": 150,
            "steps": 300,
            "seed": 3,
            "social_influence": 3.0,
            "controversy": 3.0,
            "homophily": 3.0,
        }
    )
    assert len(run.snapshots) == 3 and run.regime == "polarisation"
    assert all(g.number_of_nodes() == 150 for _, g, _ in run.snapshots)
    text = summarise_echo_chamber(run)
    assert "polarisasi" in text.lower() and "Korelasi opini dengan tetangga" in text


def test_run_echo_chamber_unfollow_conserves_ties():
    run = run_echo_chamber(
        {
            "kind": "coevolving",
            "n": 120,
            "steps": 12,
            "seed": 4,
            "epsilon": 0.15,
            "p_unfollow": 0.5,
            "network": "random",
        }
    )
    edges = [g.number_of_edges() for _, g, _ in run.snapshots]
    assert len(set(edges)) == 1
    assert "jumlah ikatan tetap" in summarise_echo_chamber(run)


def test_echo_chamber_explorer_headless_presets_and_kinds():
    ex = EchoChamberExplorer(n=100, steps=600)
    ex.set(preset="consensus")
    assert ex.controls["controversy"].value == pytest.approx(0.05)
    assert ex.controls["homophily"].value == pytest.approx(2.0)
    result = ex.run()
    assert result is not None and result.regime == "consensus"
    ex.set(kind="coevolving", steps=9)
    assert ex.unfollow_box in ex.model_box.children
    result = ex.run()
    assert result is not None and result.regime == ""
    ex.set(steps=3, n=50)
    assert ex.run() is not None


def test_echo_chamber_bad_kind_raises_in_pure_function():
    from simulations.core.errors import ParameterError

    with pytest.raises(ParameterError):
        run_echo_chamber({"kind": "magic"})
    with pytest.raises(ParameterError):
        run_echo_chamber({"kind": "echo_chamber", "steps": 2})


def test_plots_return_figures():
    rng = np.random.default_rng(0)
    hist = np.cumsum(rng.normal(0, 0.01, (30, 40)), axis=0) + 0.5
    fig = P.plot_opinion_histogram_over_time(hist)
    assert fig.axes and fig._repr_png_().startswith(b"\x89PNG")
    fig = P.plot_trajectories(hist, max_people=10)
    assert len(fig.axes[0].collections[0].get_segments()) == 10
    import networkx as nx

    g = nx.path_graph(40)
    fig = P.plot_neighbour_opinion(hist[-1], g)
    assert "korelasi" in fig.axes[0].get_title()
    fig = P.draw_opinion_network(g, hist[-1], max_nodes=20)
    assert "contoh 20" in fig.axes[0].get_title()


@pytest.mark.parametrize(
    ("bad", "field"),
    [
        ({"n": 200.5}, "n"),
        ({"steps": 10.5}, "steps"),
        ({"seed": 1.5}, "seed"),
        ({"epsilon": 1.5}, "epsilon"),
        ({"model": "hegselmann_krause"}, "model"),  # the registry's key is "hk"
        ({"colour": "red"}, "colour"),
    ],
)
def test_settings_are_validated_not_truncated(bad, field):
    from simulations.core.errors import ParameterError

    base = {"model": "deffuant", "network": "complete", "n": 60, "steps": 5, "seed": 1}
    with pytest.raises(ParameterError) as err:
        run_bounded_confidence({**base, **bad})
    assert err.value.field == field and err.value.pesan
    with pytest.raises(ParameterError) as err:
        run_echo_chamber({"kind": "coevolving", "n": 60.5, "steps": 6})
    assert err.value.field == "n"
