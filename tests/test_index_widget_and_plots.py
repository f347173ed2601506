"""The weights widget driven headlessly, and the province plots."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from simulations import data
from simulations.analysis import resilience_index as ri
from simulations.core.errors import DataError
from simulations.core.formatting import format_id, general_id
from simulations.plots.provinces import (
    TILE_GRID,
    TILE_LABELS,
    dot_chart,
    rank_shift_plot,
    summarise_values,
    tile_map,
    tile_values,
)
from simulations.widgets.index import IndexExplorer, summarise_change

TABLE = data.province_indicators().set_index("kode_kemendagri")
INDICATORS = {k: "+" for k in data.INDICATORS_34}


def test_widget_updates_ranks_when_a_weight_moves():
    ex = IndexExplorer(TABLE, INDICATORS)
    equal = ri.compute_index(TABLE, INDICATORS, missing="reweight", scale=(1.0, 100.0))
    pd.testing.assert_series_equal(ex.result["peringkat"], equal["peringkat"])
    ex.sliders["kub_2019"].value = 5
    weights = {c: 5.0 if c == "kub_2019" else 1.0 for c in INDICATORS}
    expected = ri.compute_index(TABLE, INDICATORS, weights, missing="reweight", scale=(1.0, 100.0))
    pd.testing.assert_series_equal(ex.result["indeks"], expected["indeks"])
    moved = int((expected["peringkat"] != equal["peringkat"]).dropna().sum())
    assert moved > 0 and f"{moved} unit berpindah peringkat" in ex.summary.value
    top = expected.sort_values("peringkat")["provinsi"].iloc[0]
    assert f"Tertinggi: {top} (" in ex.summary.value
    # The figure shows the same units, sorted by the new index.
    ax = ex.figure.axes[0]
    shown = [t.get_text() for t in ax.get_yticklabels()]
    assert shown == expected.dropna(subset=["indeks"]).sort_values("indeks")["provinsi"].tolist()
    assert ax.get_title() == "Indeks ketahanan (bobot pilihan Anda)"


def test_widget_shows_indonesian_errors_not_tracebacks():
    ex = IndexExplorer(TABLE, INDICATORS)
    ex.missing.value = "error"
    assert ex.result is None and ex.last_error and "data kosong" in ex.summary.value
    ex.missing.value = "reweight"
    assert ex.result is not None and ex.last_error is None
    ex.normalisation.value = "zscore"
    ex.aggregation.value = "geometric"
    assert ex.result is None and "geometrik" in ex.summary.value
    for s in ex.sliders.values():
        s.value = 0
    assert ex.last_error == "Semua bobot nol: beri bobot pada minimal satu indikator."


HOSTILE = [
    "<img src=x onerror=alert(1)>",
    "<script>alert(2)</script>",
    '"><svg onload=alert(3)>',
    "a & b < c",
    "$\\alpha$ {braces}",
]


def _hostile_table():
    t = TABLE[["provinsi", "iptik_2024", "kub_2019"]].dropna().head(6).copy()
    t["provinsi"] = [HOSTILE[i % len(HOSTILE)] + f" {i}" for i in range(len(t))]
    return t.rename(columns={"iptik_2024": HOSTILE[0], "kub_2019": HOSTILE[1]})


def test_index_explorer_escapes_unit_names_column_names_and_labels():
    import html

    table = _hostile_table()
    ex = IndexExplorer(table, labels={HOSTILE[0]: HOSTILE[2], HOSTILE[1]: HOSTILE[3]})
    assert ex.result is not None, ex.last_error
    summary = ex.summary.value
    for bad in ("<img", "<script", "<svg"):
        assert bad not in summary
    assert html.escape(table["provinsi"].iloc[0]) in summary or any(
        html.escape(u) in summary for u in table["provinsi"]
    )
    assert html.escape(HOSTILE[0]) in summary  # the column name, as text, in the weights
    labels = [s.description for s in ex.sliders.values()]
    assert labels == [HOSTILE[2], HOSTILE[3]]
    assert not any(s.description_allow_html for s in ex.sliders.values())
    # Errors that quote a column name are escaped too.
    for s in ex.sliders.values():
        s.value = 0
    ex.sliders[HOSTILE[0]].value = 1
    ex.missing.value = "error"
    ex.normalisation.value = "zscore"
    assert "<img" not in ex.summary.value and "<script" not in ex.summary.value


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"table": "bukan tabel"}, "table"),
        ({"table": pd.DataFrame()}, "table"),
        ({"label_col": "<b>tidak ada</b>"}, "label_col"),
        ({"indicators": {"tidak_ada": "+"}}, "indicators"),
        ({"indicators": {"provinsi": "+"}}, "indicators"),
        ({"indicators": {"iptik_2024": "naik"}}, "indicators"),
        ({"indicators": {}}, "indicators"),
        ({"indicators": ["iptik_2024"]}, "indicators"),
        ({"labels": {"iptik_2024": 5}}, "labels"),
        ({"labels": "label"}, "labels"),
    ],
)
def test_index_explorer_names_bad_arguments(kwargs, field):
    from simulations.core.errors import SimulationInputError

    args = {"table": TABLE, "indicators": {"iptik_2024": "+", "kub_2019": "-"}}
    args.update(kwargs)
    with pytest.raises(SimulationInputError) as e:
        IndexExplorer(**args)
    assert e.value.field == field and e.value.pesan != str(e.value)


def test_summarise_change_says_nothing_moved_for_identical_results():
    r = ri.compute_index(TABLE, INDICATORS, missing="reweight")
    assert "tidak ada peringkat yang berubah" in summarise_change(r, r)


def test_tile_grid_has_38_distinct_tiles_and_spreads_old_papua():
    assert len(TILE_GRID) == 38 and len(set(TILE_GRID.values())) == 38
    assert set(TILE_GRID) == set(data.provinces()["kode_kemendagri"])
    tiles, shared = tile_values({"91": 1.0, "92": 2.0, "11": 3.0}, scheme="34")
    assert shared == {"91", "93", "94", "95", "92", "96"}
    assert tiles["95"] == 1.0 and tiles["96"] == 2.0 and tiles["11"] == 3.0
    tiles38, shared38 = tile_values({"91": 1.0}, scheme="38")
    assert not shared38 and pd.isna(tiles38["93"])


def test_plots_show_the_data_they_are_given():
    r = ri.compute_index(TABLE, INDICATORS, missing="reweight")
    s = ri.weight_sensitivity(
        TABLE, INDICATORS, n_draws=10, seed=1, label_col="provinsi", missing="reweight"
    )
    fig = dot_chart(r, "indeks", highlight={"Aceh": ""}, title="uji titik", xlabel="indeks")
    ax = fig.axes[0]
    data_sorted = r.dropna(subset=["indeks"]).sort_values("indeks")
    assert [t.get_text() for t in ax.get_yticklabels()] == data_sorted["provinsi"].tolist()
    assert list(ax.lines[0].get_xdata()) == pytest.approx(data_sorted["indeks"].tolist())
    aceh = ax.lines[1]  # the highlighted unit, a square marker
    assert aceh.get_marker() == "s"
    assert list(aceh.get_xdata()) == pytest.approx(
        data_sorted.loc[data_sorted["provinsi"] == "Aceh", "indeks"].tolist()
    )
    assert ax.get_title() == "uji titik" and ax.get_xlabel() == "indeks"
    plt.close(fig)
    fig = rank_shift_plot(s, title="uji peringkat")
    ax = fig.axes[0]
    ordered = s.sort_values("peringkat_dasar", ascending=False)
    assert [t.get_text() for t in ax.get_yticklabels()] == ordered["unit"].tolist()
    assert ax.get_title() == "uji peringkat"
    plt.close(fig)
    fig = tile_map(r["indeks"], scheme="34", title="uji peta", label="indeks")
    ax = fig.axes[0]
    texts = [t.get_text() for t in ax.texts]
    assert len(ax.patches) == 38 and len(texts) == 76  # one tile, one label, one value each
    aceh = texts[texts.index(TILE_LABELS["11"]) + 1]
    assert aceh == format_id(r.loc["11", "indeks"], 1)  # Indonesian notation: decimal comma
    hatched = sum(1 for patch in ax.patches if patch.get_hatch())
    assert hatched == 6  # the six Papua tiles share the two old rows' values
    assert fig.axes[1].get_ylabel() == "indeks"  # the colour bar
    plt.close(fig)


def test_check_weights_gives_feedback_before_and_after_moving_a_slider():
    from simulations.widgets.index import check_weights

    ex = IndexExplorer(TABLE, INDICATORS)
    assert "masih sama" in check_weights(ex)
    ex.sliders["iptik_2024"].value = 5
    assert "Bobot terbesar Anda: iptik_2024" in check_weights(ex)


def test_text_helpers_for_the_notebooks():
    elements = data.indicator_elements()
    assert set(elements["unsur"]) == set(data.ELEMENTS)
    gaps = elements.loc[elements["indikator"].isna(), "unsur"].tolist()
    covered = {s["unsur"] for s in data.INDICATORS_34.values()}
    assert gaps == [e for e in data.ELEMENTS if not any(e in c or c in e for c in covered)]
    assert "ekonomi" in gaps  # no shipped economic indicator: the gap is shown, not hidden
    profile = data.province_profile("91")
    iptik = data.load_table("iptik_provinsi_2022_2024").set_index("kode_kemendagri")
    assert f"iptik_2024 = {general_id(iptik.loc['91', 'iptik_2024'])}" in profile
    name = data.provinces().set_index("kode_kemendagri").loc["91", "nama_provinsi_kemendagri"]
    assert profile.splitlines()[0] == f"{name} (kode 91):"
    res = data.resource("iptik_provinsi_2022_2024")
    text = data.sources_text(["iptik_provinsi_2022_2024"])
    assert (
        text.splitlines()[0]
        == f"• {res['title']} [{res['path']}] — keandalan: {res['x-keandalan']}"
    )
    assert [
        line.strip("– ").strip() for line in text.splitlines()[1 : 1 + len(res["x-catatan"])]
    ] == [c.strip() for c in res["x-catatan"]]
    with pytest.raises(DataError) as e:
        data.province_profile("99")
    assert e.value.column == "kode_kemendagri" and "'99'" in e.value.pesan
    t = data.province_indicators()
    text = summarise_values(t["iptik_2024"], t["provinsi"])
    ranked = t.dropna(subset=["iptik_2024"]).sort_values("iptik_2024", ascending=False)
    first = ranked.iloc[0]
    assert text.startswith(f"Tertinggi: {first['provinsi']} ({general_id(first['iptik_2024'])})")
    last = ranked.iloc[-1]
    assert f"Terendah: {last['provinsi']} ({general_id(last['iptik_2024'])})" in text
    assert "," in general_id(first["iptik_2024"])  # e.g. 7,8 — a decimal comma, not a point
