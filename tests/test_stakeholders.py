"""Stakeholder map participants edit: brokerage measures, validation, the default map is not hub-and-spoke."""

from __future__ import annotations

import networkx as nx
import pandas as pd
import pytest

from simulations.core.errors import DataError, SimulationInputError
from simulations.plots.stakeholders import plot_map
from simulations.response import stakeholders as sh
from simulations.widgets.stakeholders import map_editor


@pytest.fixture(scope="module")
def default():
    g = sh.build_map()
    return g, sh.brokerage(g)


def test_default_map_has_no_single_indispensable_broker(default):
    g, table = default
    assert nx.is_connected(g)
    assert not table["titik_putus"].any()
    assert (table["putus_jika_absen"] == 0).all()
    for n in g.nodes:
        assert nx.is_connected(sh.remove_actor(g, n)), n
    # brokerage is spread: the top actor holds well under half of all betweenness
    assert table["keantaraan"].iloc[0] / table["keantaraan"].sum() < 0.5
    # and Kesbangpol is one broker among several, not the top one by construction
    assert table.index[0] != "kesbangpol"
    assert (table["keantaraan"] > 0.1).sum() >= 3


def test_default_map_is_marked_synthetic_and_edits_are_not(default):
    g, _ = default
    assert g.graph["synthetic"] is True
    assert sh.build_map(sh.default_actors(), sh.default_ties()).graph["synthetic"] is False


def test_star_and_path_measures():
    actors = pd.DataFrame(
        {
            "id": ["p", "a", "b", "c"],
            "nama": ["Pusat", "A", "B", "C"],
            "sektor": ["pemerintah", "forum", "media", "akademik"],
        }
    )
    star = sh.build_map(actors, pd.DataFrame({"dari": ["p", "p", "p"], "ke": ["a", "b", "c"]}))
    t = sh.brokerage(star)
    assert t.loc["p", "keantaraan"] == pytest.approx(1.0)
    assert t.loc["p", "kendala"] == pytest.approx(1 / 3)  # Burt: sum over 3 contacts of (1/3)^2
    assert t.loc["a", "kendala"] == pytest.approx(1.0)
    assert t.loc["p", "ukuran_efektif"] == pytest.approx(3.0)
    assert bool(t.loc["p", "titik_putus"]) and not t.loc["a", "titik_putus"]
    assert t.loc["p", "putus_jika_absen"] == pytest.approx(1.0)  # a-b, a-c, b-c all lost
    assert t.index[0] == "p"
    assert "terpusat" in sh.summarise_brokerage(t)
    # closing the triangle a-b-c removes the cut point
    ring = sh.build_map(
        actors, pd.DataFrame({"dari": ["p", "p", "p", "a", "b"], "ke": ["a", "b", "c", "b", "c"]})
    )
    t2 = sh.brokerage(ring)
    assert not t2["titik_putus"].any()
    assert t2.loc["p", "keantaraan"] < 1.0


def test_partial_disconnection_share():
    # a path a-b-c-d: without b, only c-d stay connected among the pairs of {a, c, d}
    actors = pd.DataFrame({"id": list("abcd"), "nama": list("ABCD"), "sektor": ["forum"] * 4})
    g = sh.build_map(actors, pd.DataFrame({"dari": ["a", "b", "c"], "ke": ["b", "c", "d"]}))
    t = sh.brokerage(g)
    assert t.loc["b", "putus_jika_absen"] == pytest.approx(2 / 3)
    assert t.loc["a", "putus_jika_absen"] == 0.0


def test_text_round_trip_and_reach():
    a_text, t_text = sh.to_text()
    g = sh.build_map(sh.actors_from_text(a_text), sh.ties_from_text(t_text))
    ref = sh.build_map()
    assert {frozenset(e) for e in g.edges} == {frozenset(e) for e in ref.edges}
    assert g.nodes["diskominfo"]["reach"] == (0, 5)
    assert g.nodes["kesbangpol"]["label"] == "Kesbangpol"
    # comments and blank lines are ignored; reach is optional
    a = sh.actors_from_text("# pihak\nx, Satu, forum\n\ny, Dua, lainnya, 1;2\n")
    g2 = sh.build_map(a, sh.ties_from_text("x, y\nx, y\n"))
    assert (
        g2.number_of_edges() == 1
        and g2.nodes["x"]["reach"] == ()
        and g2.nodes["y"]["reach"] == (1, 2)
    )


@pytest.mark.parametrize(
    ("actors", "ties", "where"),
    [
        ("a, A, forum\na, B, forum", "", "muncul dua kali"),
        ("a, A, forum\nb, B, forum", "a, z", "'z' tidak ada di tabel pihak"),
        ("a, A, forum\nb, B, forum", "a, a", "dirinya sendiri"),
        ("a, A, forum\nb, , forum", "", "nama kosong"),
        ("a, A, forum, satu", "", "nomor komunitas"),
        ("a, A", "", "perlu 3 isian"),
        ("", "", "masih kosong"),
    ],
)
def test_bad_tables_give_indonesian_errors(actors, ties, where):
    with pytest.raises(DataError) as err:
        sh.build_map(sh.actors_from_text(actors), sh.ties_from_text(ties))
    assert where in err.value.pesan


def test_missing_column_and_wrong_type():
    with pytest.raises(DataError, match="missing column") as err:
        sh.build_map(pd.DataFrame({"id": ["a"], "nama": ["A"]}), sh.default_ties())
    assert "sektor" in err.value.pesan
    with pytest.raises(SimulationInputError):
        sh.build_map([("a", "A", "forum")], sh.default_ties())
    with pytest.raises(SimulationInputError) as err:
        sh.remove_actor(sh.build_map(), "tidak_ada")
    assert "Pihak 'tidak_ada' tidak dikenal" in err.value.pesan


def test_read_map_csv(tmp_path):
    sh.default_actors().to_csv(tmp_path / "pihak.csv", index=False)
    sh.default_ties().head(5).to_csv(tmp_path / "hubungan.csv", index=False)
    g = sh.read_map_csv(tmp_path / "pihak.csv", tmp_path / "hubungan.csv")
    assert g.number_of_nodes() == 17 and g.number_of_edges() == 5
    with pytest.raises(DataError, match="not found"):
        sh.read_map_csv(tmp_path / "tidak_ada.csv", tmp_path / "hubungan.csv")


def test_editor_computes_on_edited_text():
    ui = map_editor()
    ui.actors_box.value = "a, Kesbangpol, pemerintah\nb, FKUB, forum\nc, Tokoh adat, masyarakat"
    ui.ties_box.value = "a, b\nb, c"
    ui.compute()
    assert ui.graph.number_of_nodes() == 3
    assert ui.table.index[0] == "b" and bool(ui.table.loc["b", "titik_putus"])
    ui.ties_box.value = "a, z"
    ui.compute()  # error shown in the output; the last good result is kept
    assert ui.table.index[0] == "b"


def test_plot_sizes_follow_betweenness(default):
    g, table = default
    fig = plot_map(g, table)
    sizes = {}
    for coll, n in zip(fig.axes[0].collections[1:], g.nodes, strict=True):
        sizes[n] = coll.get_sizes()[0]
    assert max(sizes, key=sizes.get) == table.index[0]
    import matplotlib.pyplot as plt

    plt.close(fig)


def test_graph_is_usable_by_the_coordination_simulation(default):
    g, _ = default
    for _, data in g.nodes(data=True):
        assert isinstance(data["reach"], tuple) and all(isinstance(c, int) for c in data["reach"])
    assert {c for _, d in g.nodes(data=True) for c in d["reach"]} == set(range(6))


def test_new_tie_removes_a_cut_point():
    actors = pd.DataFrame({"id": list("abcd"), "nama": list("ABCD"), "sektor": ["forum"] * 4})
    g = sh.build_map(actors, pd.DataFrame({"dari": ["a", "b", "c"], "ke": ["b", "c", "d"]}))
    text = sh.tie_effect(g, ("a", "d"))
    assert "titik putus 2 → 0" in text and "67% → 0%" in text
    assert g.number_of_edges() == 3  # the original map is not changed
    with pytest.raises(SimulationInputError):
        sh.with_ties(g, [("a", "z")])
    with pytest.raises(SimulationInputError):
        sh.with_ties(g, [("a",)])
