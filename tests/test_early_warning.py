"""Alarm scoring against known incidents, and small-cell suppression."""

from __future__ import annotations

import pandas as pd
import pytest

from simulations.core.errors import ParameterError
from simulations.response import alarms as ew

INC = pd.DataFrame(
    {
        "id_insiden": ["A", "B"],
        "jenis": ["lonjakan", "artefak_data"],
        "kode_kecamatan": ["K1", "SEMUA"],
        "kategori": ["hoaks", "SEMUA"],
        "kanal": ["SEMUA", "app"],
        "mulai": pd.to_datetime(["2024-01-10", "2024-01-03"]),
        "selesai": pd.to_datetime(["2024-01-15", "2024-01-05"]),
    }
)


def test_delay_and_false_alarms_by_hand():
    days = pd.date_range("2024-01-01", "2024-01-20")
    alarm = days.isin(pd.to_datetime(["2024-01-04", "2024-01-12", "2024-01-13"]))
    det = pd.DataFrame({"tanggal": days, "alarm": alarm})
    s = ew.evaluate_alarms(det, INC, kecamatan="K1", kategori="hoaks")
    assert s["id_insiden"].tolist() == ["A"]  # the data artefact is not a target
    assert s["keterlambatan_hari"].iloc[0] == 2
    assert s.attrs["alarm_palsu"] == 1
    assert "1 dari 1" in ew.summarise_incident_scores(s)


def test_missing_alarm_column_is_refused():
    with pytest.raises(ParameterError):
        ew.evaluate_alarms(pd.DataFrame({"tanggal": []}), INC)


def test_small_cells_are_suppressed():
    rep = pd.DataFrame(
        {"tanggal": pd.to_datetime(["2024-01-01"] * 6 + ["2024-01-02"]), "k": ["a"] * 6 + ["b"]}
    )
    out = ew.aggregate_safely(rep, ["k"], min_count=5)
    assert out.set_index("k")["jumlah"].to_dict() == {"a": "6", "b": "<5"}
    assert out.attrs["ditekan"] == 1
    with pytest.raises(ParameterError):
        ew.aggregate_safely(rep, ["k"], min_count=1)
