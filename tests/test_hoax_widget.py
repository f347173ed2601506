"""Headless tests of the hoax explorer, its pure functions and its figures.

The explorer is driven as a participant would: set control values, press Run (call ``.run()``),
read the state (``.last_result``, ``.last_error``, ``.summary``). Outside a kernel the Output
widget stays empty, so nothing here depends on a browser.
"""

from __future__ import annotations

import ipywidgets as w
import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

from simulations.analysis.experiments import run_seed
from simulations.analysis.hoax import (
    fmt_id,
    get_network,
    pct_id,
    run_hoax,
    run_hoax_seeds,
    summarise_hoax,
    threshold_sweep,
)
from simulations.core.errors import ParameterError
from simulations.core.networks import NETWORKS
from simulations.course.checks import check_number
from simulations.models.hoax import HoaxModel, eradication_threshold
from simulations.plots.hoax import (
    network_layout,
    plot_hoax_counts,
    plot_hoax_curves,
    plot_hoax_dashboard,
    plot_hoax_network,
    plot_hoax_small_multiples,
    plot_threshold_sweep,
)
from simulations.widgets.base import slider
from simulations.widgets.hoax import HoaxExplorer

SMALL = {"n": 200, "steps": 30}


@pytest.fixture
def explorer() -> HoaxExplorer:
    return HoaxExplorer(n=SMALL["n"], steps=SMALL["steps"], seed=7)


# ---------------------------------------------------------------------- pure functions
def test_run_hoax_matches_model_with_same_seed():
    df, model = run_hoax({"alpha": 0.7, "p_verify": 0.1}, "small_world", 150, 3, 25, {"k": 4})
    ref = HoaxModel(
        network={"kind": "small_world", "k": 4}, n=150, seed=3, alpha=0.7, p_verify=0.1
    ).run(25)
    pd.testing.assert_frame_equal(df, ref)
    assert model.parameters["alpha"] == 0.7


def test_network_is_cached_per_arguments():
    g1 = get_network("scale_free", 120, 5, {"m": 2})
    assert get_network("scale_free", 120, 5, {"m": 2}) is g1
    assert get_network("scale_free", 120, 6, {"m": 2}) is not g1
    assert get_network("scale_free", 120, 5, {"m": 3}) is not g1


def test_run_hoax_seeds_pads_every_seed_to_full_length():
    # p_forget = 1 makes everyone forget at once, so runs stop early and must be padded.
    runs = run_hoax_seeds({"p_forget": 1.0, "p_verify": 0.0}, n=60, seeds=[1, 2], steps=10)
    assert sorted(runs["replicate"].unique()) == [1, 2]
    assert (runs.groupby("replicate").size() == 11).all()


def test_seed_loops_use_the_one_seed_scheme_of_compare():
    # Replicate r of run_hoax_seeds and of threshold_sweep is the run with seed run_seed(root, r).
    runs = run_hoax_seeds({}, n=80, seeds=[0, 3], steps=6, root_seed=11, graph_seed=2)
    assert sorted(runs["seed"].unique()) == sorted({run_seed(11, 0), run_seed(11, 3)})
    alone = HoaxModel(get_network("scale_free", 80, 2), seed=run_seed(11, 3)).run(6)
    mine = runs[runs["replicate"] == 3].drop(columns=["replicate", "seed"]).reset_index(drop=True)
    pd.testing.assert_frame_equal(mine, alone.reset_index(drop=True), check_dtype=False)
    sweep = threshold_sweep([0.1], betas=[0.5], n=80, seeds=2, steps=6, tail=2, root_seed=11)
    assert sweep["seed"].tolist() == [run_seed(11, 0), run_seed(11, 1)]
    with pytest.raises(ParameterError) as e:
        run_hoax_seeds({}, n=80, seeds=2.5, steps=6)
    assert e.value.field == "seeds"


def test_summarise_hand_made_frame():
    df = pd.DataFrame(
        {
            "step": [0, 1, 2, 3],
            "susceptible": [95, 60, 50, 70],
            "believer": [5, 30, 20, 10],
            "fact_checker": [0, 10, 30, 20],
        }
    )
    text = summarise_hoax(df, {"alpha": 0.5, "p_forget": 0.1, "p_verify": 0.05})
    assert "Puncak: 30 dari 100 orang (30,0%) percaya hoaks, pada langkah 1." in text
    assert (
        "Akhir (langkah 3): belum tahu 70,0%, percaya hoaks 10,0%, pemeriksa fakta 20,0%." in text
    )
    assert "masih beredar" in text
    # threshold 2·0.5·0.1/(1−0.5) = 0.2 > p_verify 0.05
    assert "= 0,200." in text
    assert "DI BAWAH" in text

    above = summarise_hoax(df, {"alpha": 0.5, "p_forget": 0.1, "p_verify": 0.2})
    assert "DI ATAS" in above


def test_summarise_died_out_and_unbeatable_hoax():
    df = pd.DataFrame(
        {
            "step": [0, 1, 2],
            "susceptible": [8, 9, 10],
            "believer": [2, 0, 0],
            "fact_checker": [0, 1, 0],
        }
    )
    text = summarise_hoax(df, {"alpha": 0.2, "p_forget": 0.1, "p_verify": 0.5})
    assert "hoaks hilang" in text and "sejak langkah 1" in text
    assert "pada langkah 0" in text
    assert "tidak bisa diberantas" in summarise_hoax(
        df, {"alpha": 1.0, "p_forget": 0.1, "p_verify": 0.5}
    )


def test_indonesian_number_format():
    assert fmt_id(0.125, 3) == "0,125"
    assert pct_id(0.125) == "12,5%"
    assert fmt_id(float("inf")) == "tak terhingga"


def test_threshold_sweep_shape_and_threshold():
    sweep = threshold_sweep([0.0, 0.5], betas=[0.5], n=80, seeds=[1], steps=20, tail=5)
    assert len(sweep) == 2
    assert sweep["threshold"].iloc[0] == pytest.approx(eradication_threshold(0.6, 0.1))
    assert sweep["final_share_believer"].between(0, 1).all()


# ---------------------------------------------------------------------- explorer
def test_controls_follow_the_widget_conventions(explorer):
    for name, control in explorer.controls.items():
        assert control.description, name
        assert getattr(control, "tooltip", None), name
        if isinstance(control, w.IntSlider | w.FloatSlider):
            assert control.continuous_update is False, name
    assert explorer.controls["alpha"].value == pytest.approx(0.6)
    assert set(explorer.controls["network"].options) == {(s.label, k) for k, s in NETWORKS.items()}
    assert isinstance(explorer.widget, w.VBox)


@pytest.mark.parametrize(
    ("args", "kind"),
    [
        ((5, 0, 10, 1), w.IntSlider),
        ((0.5, 0.0, 1.0, 0.05), w.FloatSlider),
        ((1, 0, 5, 0.5), w.FloatSlider),
    ],
)
def test_slider_helper_picks_the_kind_and_follows_the_conventions(args, kind):
    s = slider(*args, "Label <b>x</b>", "Tip")
    assert type(s) is kind and s.continuous_update is False and not s.description_allow_html
    assert (s.value, s.min, s.max, s.step) == args and s.tooltip == "Tip"
    assert s.style.description_width == "initial"
    if kind is w.FloatSlider:
        assert s.readout_format == ".2f"


def test_network_choice_shows_its_description_and_parameters(explorer):
    explorer.controls["network"].value = "communities"
    assert NETWORKS["communities"].description in explorer.network_description.value
    assert {c.description for c in explorer.network_box.children} == {
        p.label for p in NETWORKS["communities"].params
    }


def test_run_updates_result_and_summary(explorer):
    assert explorer.last_result is None
    first = explorer.run()
    assert first is explorer.last_result and explorer.last_error is None
    assert "Puncak" in explorer.summary and "Ambang teori" in explorer.summary
    assert isinstance(first.figure, Figure) and first.png.startswith(b"\x89PNG")
    assert len(first.df) <= SMALL["steps"] + 1

    explorer.controls["alpha"].value = 0.2
    explorer.controls["p_verify"].value = 0.3
    second = explorer.update()
    assert second.params["alpha"] == pytest.approx(0.2)
    assert explorer.summary != first.summary
    assert "DI ATAS" in explorer.summary
    # Only model parameters changed: the same network object is reused (no rebuild).
    assert second.model.graph is first.model.graph

    explorer.controls["seed"].value = 8
    assert explorer.run().model.graph is not first.model.graph


def test_set_helper_and_network_parameters(explorer):
    result = explorer.set(network="small_world", k=4, n=100, bands=True).run()
    assert result.network == "small_world" and result.network_params["k"] == 4
    assert result.model.num_people == 100
    assert result.runs is not None and result.runs["seed"].nunique() == 5
    from simulations.core.errors import SimulationInputError

    with pytest.raises(SimulationInputError) as e:
        explorer.set(nonexistent=1)
    assert e.value.field == "nonexistent" and "alpha" in e.value.pesan
    # Sliders would clamp silently and dropdowns raise a traitlets error: both are named instead.
    for bad, field in (
        (dict(n=10**9), "n"),
        (dict(network="ring"), "network"),
        (dict(alpha="x"), "alpha"),
    ):
        with pytest.raises(SimulationInputError) as e:
            explorer.set(**bad)
        assert e.value.field == field
    with pytest.raises(SimulationInputError, match="True or False"):
        explorer.set(bands="ya")


def test_invalid_probabilities_show_indonesian_error_without_raising(explorer):
    good = explorer.run()
    explorer.controls["p_verify"].value = 0.7
    explorer.controls["p_forget"].value = 0.6
    assert explorer.run() is None  # no exception escapes
    assert explorer.last_result is good  # the last good result is kept
    assert "tidak boleh lebih dari 1" in explorer.last_error
    assert "Tidak bisa dijalankan" in explorer.summary
    assert "Traceback" not in explorer.summary


def test_too_many_initial_spreaders_is_reported(explorer):
    explorer.set(n=50, initial_believers=40, initial_fact_checkers=20)
    assert explorer.run() is None
    assert "melebihi jumlah orang" in explorer.last_error


# ---------------------------------------------------------------------- figures
def test_plots_return_figures():
    df, model = run_hoax({}, n=120, seed=1, steps=20)
    runs = run_hoax_seeds({}, n=120, seeds=[1, 2, 3], steps=20)
    figures = [
        plot_hoax_curves(df, model.parameters, meanfield=True, runs=runs),
        plot_hoax_network(model.graph, model.state),
        plot_hoax_dashboard(df, model),
        plot_hoax_small_multiples({0.2: df, 0.8: df}, parameter_label="Kredibilitas α"),
        plot_threshold_sweep(
            threshold_sweep([0.0, 0.4], betas=[0.5], n=60, seeds=[1], steps=10, tail=3)
        ),
    ]
    for fig in figures:
        assert isinstance(fig, Figure)
        assert fig._repr_png_().startswith(b"\x89PNG")


def test_figures_draw_without_warnings_in_the_notebook_style(explorer):
    """No warning text reaches participants: under the notebooks' rcParams (``figure.autolayout``,
    set by ``simulations.course.notebook.setup``) the hand-placed dashboard must not fall back to
    tight_layout (matplotlib: "Axes that are not compatible with tight_layout")."""
    import warnings

    import matplotlib as mpl

    from simulations.plots.figure import new_figure

    with mpl.rc_context({"figure.autolayout": True}), warnings.catch_warnings():
        warnings.simplefilter("error")
        assert new_figure(layout=None).get_layout_engine() is None
        df, model = run_hoax({}, n=120, seed=1, steps=20)
        plot_hoax_dashboard(df, model)._repr_png_()
        assert explorer.run() is not None, explorer.last_error


def test_large_network_is_sampled_and_layout_cached():
    df, model = run_hoax({}, n=300, seed=2, steps=5)
    layout = network_layout(model.graph, max_nodes=100)
    assert layout["sampled"] and len(layout["index"]) == 100
    assert network_layout(model.graph, max_nodes=100) is layout
    fig = plot_hoax_network(model.graph, model.state, max_nodes=100, edges=False)
    title = fig.axes[0].get_title()
    assert "contoh acak 100 dari 300 orang" in title and "ikatan tidak digambar" in title
    assert np.isfinite(layout["xy"]).all()


def test_bar_chart_of_sourced_counts_names_its_source():
    table = pd.DataFrame({"kategori": ["A", "B", "TOTAL"], "jumlah": [3, 5, 8]})
    fig = plot_hoax_counts(table, title="Uji", source="Sumber uji")
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels == ["A", "B"]  # total dropped, largest on top
    assert any("Sumber: Sumber uji" in t.get_text() for t in fig.texts)


# ---------------------------------------------------------------------- exercise checks
@pytest.mark.parametrize(
    ("answer", "expected", "start"),
    [
        (None, 0.8, "Belum diisi"),
        (0.8, 0.8, "Tepat"),
        (0.805, 0.8, "Tepat"),
        (0.5, 0.8, "Belum tepat"),
        ("0,8", 0.8, "Jawaban harus berupa angka"),
        (True, 1.0, "Jawaban harus berupa angka"),
        (0.8, None, "Belum ada hasil"),
    ],
)
def test_check_number_feedback(answer, expected, start, capsys):
    text = check_number(answer, expected, tolerance=0.01)
    assert text.startswith(start)
    assert capsys.readouterr().out.strip() == text
    if start == "Belum tepat":
        assert "terlalu kecil" in text and "0.8" not in text  # never reveals the answer


def test_run_hoax_agents_engine_gives_the_same_trajectory():
    # Both engines draw the same random numbers per step, so the same seed gives the same run.
    fast, _ = run_hoax({}, n=80, seed=4, steps=8)
    slow, _ = run_hoax({}, n=80, seed=4, steps=8, engine="agents")
    pd.testing.assert_frame_equal(fast, slow)


def _reference_spring_layout(edges, n, pos, iterations, temperature=0.1):
    """The force model written plainly (dense adjacency, all pairs), as networkx's ``_fruchterman_reingold``."""
    pos = pos.astype(np.float64).copy()
    adj = np.zeros((n, n))
    adj[edges[:, 0], edges[:, 1]] = adj[edges[:, 1], edges[:, 0]] = 1.0
    k = np.sqrt(1.0 / n)
    cooling = temperature / (iterations + 1)
    for _ in range(iterations):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.maximum(np.linalg.norm(delta, axis=-1), 0.01)
        disp = np.einsum("ijk,ij->ik", delta, k * k / dist**2 - adj * dist / k)
        length = np.maximum(np.linalg.norm(disp, axis=1), 0.01)
        pos += disp * (temperature / length)[:, None]
        temperature -= cooling
    return pos


def test_fast_spring_layout_follows_the_plain_force_model():
    from simulations.plots.hoax import fruchterman_reingold

    graph = get_network("small_world", 300, 4, {"k": 4})  # more rows than one repulsion block
    edges = np.array(graph.edges(), dtype=np.int64)
    start = np.random.default_rng(0).random((300, 2))
    fast = fruchterman_reingold(edges, 300, pos=start, iterations=5)
    slow = _reference_spring_layout(edges, 300, start, iterations=5)
    # float32 against float64: positions agree to well under a node's spacing (k ≈ 0.058).
    assert np.abs(fast - slow).max() < 1e-3


def test_communities_are_drawn_apart():
    graph = get_network("communities", 400, 3, {"k": 4, "homophily": 0.9})
    layout = network_layout(graph)
    groups = np.array([graph.nodes[v]["group"] for v in graph.nodes])[layout["index"]]
    xy = layout["xy"]
    centres = np.array([xy[groups == g].mean(axis=0) for g in range(4)])
    spread = np.mean(
        [np.linalg.norm(xy[groups == g] - centres[g], axis=1).mean() for g in range(4)]
    )
    gaps = [np.linalg.norm(centres[a] - centres[b]) for a in range(4) for b in range(a + 1, 4)]
    # Every pair of communities is further apart than a typical member is from its centre.
    assert min(gaps) > spread
