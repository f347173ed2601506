"""The display layer: result tables shown to participants have Indonesian headers, values and numbers."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from simulations.core.formatting import parse_id
from simulations.plots.labels import COLUMN_LABELS, label_id, tabel_id, tampilkan_tabel, value_id
from simulations.response.alarms import alarm_tradeoff
from simulations.response.communication import CARRIER_LABELS_ID


def test_clarification_table_reads_in_indonesian():
    frame = pd.DataFrame(
        {
            "scenario": ["Tanpa klarifikasi", "Cepat (langkah 2) · banyak suara lokal"],
            "start": pd.array([None, 2], dtype="Int64"),
            "carrier": [None, "local"],
            "mean": [0.829, 0.554],
            "ci_low": [0.812, 0.531],
            "ci_high": [0.846, 0.577],
            "n_runs": [20, 20],
        }
    )
    shown = tampilkan_tabel(frame, persen=["mean", "ci_low", "ci_high"])
    assert list(shown.columns) == [
        "skenario",
        "langkah mulai",
        "pembawa",
        "rata-rata",
        "batas bawah (SK 95%)",
        "batas atas (SK 95%)",
        "jumlah ulangan",
    ]
    assert shown.loc[1, "pembawa"] == "banyak suara lokal"
    assert shown.loc[1, "rata-rata"] == "55,4%"
    assert shown.loc[0, "langkah mulai"] == "–" and shown.loc[0, "pembawa"] == "–"
    assert shown.loc[0, "jumlah ulangan"] == "20"
    assert not set(shown.to_string().split()) & {
        "mean",
        "official",
        "trusted",
        "local",
        "nan",
        "NaN",
    }


def test_alarm_tradeoff_table_has_no_english_header():
    table = alarm_tradeoff("cusum", thresholds=(4, 5), mean=20, shift=2, seed=1, n_series=20)
    shown = tabel_id(table, persen=["detected_share"], digits=2)
    assert "alarm palsu per 1.000 hari normal" in shown.columns
    assert all(
        c == COLUMN_LABELS.get(o, c) for c, o in zip(shown.columns, table.columns, strict=True)
    )
    assert not any("_" in c for c in shown.columns)


def test_years_codes_booleans_and_index_names():
    frame = pd.DataFrame(
        {"tahun": [2024, 2025], "kode_kemendagri": ["32", "53"], "titik_putus": [True, False]},
        index=pd.Index(["a", "b"], name="metric"),
    )
    shown = tabel_id(frame)
    assert shown["tahun"].tolist() == ["2024", "2025"]  # not 2.024
    assert shown["kode kemendagri"].tolist() == ["32", "53"]
    assert shown["titik putus"].tolist() == ["ya", "tidak"]
    assert shown.index.name == "ukuran"


def test_labels_and_values():
    assert label_id("false_alarms_per_1000_days") == "alarm palsu per 1.000 hari normal"
    assert label_id("pilar_keterampilan") == "pilar keterampilan"
    for key, text in CARRIER_LABELS_ID.items():
        assert value_id("carrier", key) == text
    assert value_id("carrier", "lainnya") == "lainnya"
    assert value_id("kategori", "ujaran_kebencian") == "ujaran kebencian"


@given(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False).filter(lambda x: abs(x) > 1e-3))
def test_numbers_read_back_as_written(x):
    shown = tabel_id(pd.DataFrame({"nilai": [x]}), digits=3)["nilai"].iloc[0]
    assert abs(parse_id(shown) - x) <= 0.0005 + 1e-9 * abs(x)


def test_percent_and_missing():
    shown = tabel_id(pd.DataFrame({"mean": [0.125, np.nan]}), persen=True)
    assert shown["rata-rata"].tolist() == ["12,5%", "–"]
