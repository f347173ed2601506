"""The loader's compact columns (simulations.data.columns) and what load_csv builds from them."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulations import data
from simulations.core.errors import DataError
from simulations.data.columns import INTERN_LIMIT, Column


def _series(kind, values):
    column = Column(kind)
    for v in values:
        column.append(v)
    assert len(column) == len(values)
    return pd.Series(column.to_array())


def test_each_type_keeps_its_values_and_missing_cells():
    assert _series("integer", [3, None, -(2**63)]).tolist() == [3, pd.NA, -(2**63)]
    assert str(_series("integer", [1]).dtype) == "Int64"
    got = _series("number", [1.5, None]).tolist()
    assert got[0] == 1.5 and np.isnan(got[1])
    dates = _series("date", [dt.date(2024, 2, 29), None, dt.date(1, 1, 1)])
    assert dates.dtype == "datetime64[us]" and dates[0] == pd.Timestamp("2024-02-29")
    assert pd.isna(dates[1]) and dates[2].year == 1
    assert _series("boolean", [True, None, False]).tolist() == [True, pd.NA, False]
    text = _series("string", ["a", None, "a"])
    assert text.dtype == object and text.tolist() == ["a", None, "a"]


@settings(max_examples=50)
@given(st.lists(st.one_of(st.none(), st.sampled_from(["TJ01", "TJ02", "x" * 50])), max_size=60))
def test_repeated_text_is_stored_as_codes_and_comes_back_unchanged(values):
    assert _series("string", values).tolist() == values


def test_mostly_distinct_text_switches_to_plain_storage():
    values = [f"L{i:06d}" for i in range(INTERN_LIMIT + 10)] + [None, "L000001"]
    column = Column("string")
    for v in values:
        column.append(v)
    assert column._codes is None  # switched after INTERN_LIMIT distinct texts
    assert pd.Series(column.to_array()).tolist() == values


def test_a_whole_number_beyond_64_bits_is_named_not_raised_raw(tmp_path):
    path = tmp_path / "besar.csv"
    path.write_text(
        "kode_kemendagri,provinsi,cakupan_wilayah,laki_laki_jiwa,perempuan_jiwa,total_jiwa,"
        "catatan,source\n11,Aceh,provinsi,1,1,99999999999999999999,,x\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as e:
        data.load_csv(path, "penduduk_provinsi_kemendagri_2025", allowed_roots=[tmp_path])
    assert (e.value.row, e.value.column) == (1, "total_jiwa")
    assert "terlalu besar" in e.value.pesan
