"""The weights widget driven headlessly, and the province plots."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from simulations import data
from simulations.analysis import resilience_index as ri
from simulations.core.errors import DataError
from simulations.plots.provinces import (
    TILE_GRID,
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
    before = ex.result["peringkat"].copy()
    assert "Indeks dihitung" in ex.summary.value
    ex.sliders["kub_2019"].value = 5
    assert not ex.result["peringkat"].equals(before)
    assert "berpindah peringkat" in ex.summary.value
    assert ex.widget.children


def test_widget_shows_indonesian_errors_not_tracebacks():
    ex = IndexExplorer(TABLE, INDICATORS)
    ex.missing.value = "error"
    assert ex.result is None and "data kosong" in ex.summary.value
    ex.missing.value = "reweight"
    ex.normalisation.value = "zscore"
    ex.aggregation.value = "geometric"
    assert ex.result is None and "geometrik" in ex.summary.value
    for s in ex.sliders.values():
        s.value = 0
    assert "Semua bobot nol" in ex.summary.value


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


def test_plots_draw_without_error():
    r = ri.compute_index(TABLE, INDICATORS, missing="reweight")
    s = ri.weight_sensitivity(
        TABLE, INDICATORS, n_draws=10, seed=1, label_col="provinsi", missing="reweight"
    )
    for fig in (
        tile_map(r["indeks"], scheme="34", title="uji", label="indeks"),
        dot_chart(r, "indeks", highlight={"Aceh": ""}),
        rank_shift_plot(s),
    ):
        assert fig.axes
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
    assert (
        elements.loc[elements["unsur"] == "ekonomi", "indikator"].isna().all()
    )  # the gap is shown
    profile = data.province_profile("91")
    assert "wilayah sebelum pemekaran 2022" in profile and "APJII" in profile
    assert "keandalan" in data.sources_text(["iptik_provinsi_2022_2024"])
    with pytest.raises(DataError):
        data.province_profile("99")
    t = data.province_indicators()
    assert "Tertinggi" in summarise_values(t["iptik_2024"], t["provinsi"])
