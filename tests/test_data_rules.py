"""Data rules of issue 17: markup in a cell, a future date, a total that does not match its parts.

Each is refused in a shipped table's format and in a participant's CSV with a DataError naming
file, row and column, in English and in Indonesian (``.pesan``).
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulations import data
from simulations.core.errors import DataError
from simulations.data import validation

IPTIK = "kode_kemendagri,provinsi,cakupan_wilayah,iptik_2022,iptik_2023,iptik_2024,catatan,source"
PEOPLE = (
    "kode_kemendagri,provinsi,cakupan_wilayah,laki_laki_jiwa,perempuan_jiwa,total_jiwa,"
    "catatan,source"
)
REPORTS = "id_laporan,tanggal,kode_kecamatan,kategori,kanal,jenis_data"
HOAX = "periode,kategori,jumlah,satuan_catatan,source"


def _refused(tmp_path, table, text, row, column, word_en, word_id, **kwargs):
    path = tmp_path / "wilayah_saya.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as e:
        data.load_csv(path, table, allowed_roots=[tmp_path], **kwargs)
    err = e.value
    assert (err.file, err.row, err.column) == (path.name, row, column)
    assert word_en in str(err) and word_id in err.pesan
    assert f"Berkas {path.name}: baris {row}, kolom '{column}'" in err.pesan
    return err


def _loads(tmp_path, table, text):
    path = tmp_path / "wilayah_saya.csv"
    path.write_text(text, encoding="utf-8")
    return data.load_csv(path, table, allowed_roots=[tmp_path])


# ------------------------------------------------------------------------------------ markup
@pytest.mark.parametrize(
    "note",
    [
        "<script>alert(1)</script>",
        "lihat </b>",
        "<img src=x onerror=alert(1)>",
        "< svg onload=alert(1)>",
        "<!-- komentar -->",
    ],
)
def test_markup_in_a_note_is_refused(tmp_path, note):
    row = f"11,Aceh,provinsi,,5.88,5.97,{note},https://bps.go.id"
    _refused(
        tmp_path, "iptik_provinsi_2022_2024", f"{IPTIK}\n{row}\n", 1, "catatan", "markup", "HTML"
    )


@pytest.mark.parametrize("note", ["kurang <5% responden", "skor < 10", "a <= b", "panah <-"])
def test_a_less_than_sign_in_plain_text_passes(tmp_path, note):
    row = f'11,Aceh,provinsi,,5.88,5.97,"{note}",https://bps.go.id'
    table = _loads(tmp_path, "iptik_provinsi_2022_2024", f"{IPTIK}\n{row}\n")
    assert table["catatan"].iloc[0] == note


@settings(max_examples=40, deadline=None)
@given(
    tag=st.from_regex(r"/?[A-Za-z][A-Za-z0-9]{0,8}", fullmatch=True),
    before=st.text(alphabet="abc ,.;", max_size=5),
    column=st.sampled_from(["provinsi", "catatan", "source"]),
)
def test_any_tag_in_any_text_cell_is_refused(tmp_path_factory, tag, before, column):
    cells = {"provinsi": "Aceh", "catatan": "", "source": "https://bps.go.id"}
    cells[column] = f"{before.strip(' ,')}<{tag}>"
    row = f'11,"{cells["provinsi"]}",provinsi,,5.88,5.97,"{cells["catatan"]}","{cells["source"]}"'
    folder = tmp_path_factory.mktemp("tag")
    path = folder / "t.csv"
    path.write_text(f"{IPTIK}\n{row}\n", encoding="utf-8")
    with pytest.raises(DataError) as e:
        data.load_csv(path, "iptik_provinsi_2022_2024", allowed_roots=[folder])
    assert (e.value.row, e.value.column) == (1, column)


# ------------------------------------------------------------------------------- future dates
def test_a_report_dated_2099_is_refused(tmp_path):
    rows = "L000001,2024-01-01,TJ01,hoaks_disinformasi,media_sosial,sintetis\n"
    rows += "L000002,2099-12-31,TJ01,hoaks_disinformasi,media_sosial,sintetis\n"
    err = _refused(
        tmp_path, "laporan_warga", f"{REPORTS}\n{rows}", 2, "tanggal", "future", "masa depan"
    )
    assert "2099-12-31" in err.pesan


def test_today_is_accepted_and_tomorrow_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(validation, "today", lambda: dt.date(2025, 3, 10))
    ok = "L000001,2025-03-10,TJ01,hoaks_disinformasi,media_sosial,sintetis\n"
    assert len(_loads(tmp_path, "laporan_warga", f"{REPORTS}\n{ok}")) == 1
    late = ok.replace("2025-03-10", "2025-03-11")
    _refused(tmp_path, "laporan_warga", f"{REPORTS}\n{late}", 1, "tanggal", "future", "2025-03-10")
    month = "bulan,jumlah_hoaks,catatan,source\n2025-03,10,,x\n2025-04,10,,x\n"
    _refused(tmp_path, "hoaks_kominfo_bulanan", month, 2, "bulan", "future", "masa depan")


def test_an_incident_ending_in_the_future_is_refused(tmp_path):
    header = "id_insiden,jenis,kode_kecamatan,kategori,kanal,mulai,selesai,faktor,keterangan"
    row = "INS9,lonjakan,TJ01,hoaks_disinformasi,media_sosial,2024-03-01,2099-01-01,2.0,uji"
    _refused(
        tmp_path, "insiden_disisipkan", f"{header}\n{row}\n", 1, "selesai", "future", "masa depan"
    )


# -------------------------------------------------------------------------- totals and parts
def test_a_total_that_is_not_the_sum_of_its_parts_is_refused(tmp_path):
    rows = "11,Aceh,provinsi,2815060,2808419,5623479,,x\n12,Sumatera Utara,provinsi,7828098,7812807,15640000,,x\n"
    err = _refused(
        tmp_path,
        "penduduk_provinsi_kemendagri_2025",
        f"{PEOPLE}\n{rows}",
        2,
        "total_jiwa",
        "not the sum",
        "tidak sama dengan jumlah",
    )
    assert "15.640.000" in err.pesan and "15.640.905" in err.pesan  # Indonesian notation


def test_a_national_row_below_the_sum_of_its_provinces_is_refused(tmp_path):
    rows = "00,Indonesia,nasional,1000,1000,2000,,x\n11,Aceh,provinsi,2815060,2808419,5623479,,x\n"
    _refused(
        tmp_path,
        "penduduk_provinsi_kemendagri_2025",
        f"{PEOPLE}\n{rows}",
        1,
        "laki_laki_jiwa",
        "at least",
        "paling sedikit",
    )


def test_a_national_row_with_only_some_provinces_listed_passes(tmp_path):
    rows = (
        "00,Indonesia,nasional,143863392,141110251,284973643,,x\n"
        "11,Aceh,provinsi,2815060,2808419,5623479,,x\n"
    )
    assert len(_loads(tmp_path, "penduduk_provinsi_kemendagri_2025", f"{PEOPLE}\n{rows}")) == 2


def test_a_category_total_below_its_categories_is_refused(tmp_path):
    rows = "2024,Kesehatan,30,x,x\n2024,Politik,20,x,x\n2024,Total,40,x,x\n2023,Politik,5,x,x\n"
    _refused(tmp_path, "hoaks_kominfo_kategori", f"{HOAX}\n{rows}", 3, "jumlah", "TOTAL", "TOTAL")
    fine = rows.replace("2024,Total,40", "2024,Total,55")  # parts may be listed only in part
    assert len(_loads(tmp_path, "hoaks_kominfo_kategori", f"{HOAX}\n{fine}")) == 4


def test_a_participant_description_can_declare_totals(tmp_path):
    table = {
        "name": "rekap",
        "schema": {
            "fields": [
                {"name": "desa", "type": "string"},
                {"name": "pria", "type": "integer"},
                {"name": "wanita", "type": "integer"},
                {"name": "jumlah", "type": "integer", "x-jumlah-dari": ["pria", "wanita"]},
            ]
        },
        "x-baris-total": {"kolom": "desa", "nilai": "Total", "jumlah": ["jumlah"]},
    }
    good = "desa,pria,wanita,jumlah\nA,1,2,3\nB,2,2,4\nTotal,3,4,7\n"
    path = tmp_path / "rekap.csv"
    path.write_text(good, encoding="utf-8")
    assert len(data.load_csv(path, table, allowed_roots=[tmp_path])) == 3
    path.write_text(
        good.replace("Total,3,4,7", "Total,3,4,8").replace("Total", "TOTAL"), encoding="utf-8"
    )
    with pytest.raises(DataError) as e:  # 'lengkap' by default: the total must equal its parts
        data.load_csv(path, table, allowed_roots=[tmp_path])
    assert (e.value.row, e.value.column) == (3, "jumlah")


@pytest.mark.parametrize(
    "change",
    [
        {"x-jumlah-dari": ["tidak_ada"]},
        {"x-jumlah-dari": "pria"},
        {"constraints": {"minimum": "nol"}},
        {"constraints": {"maximum": True}},
    ],
)
def test_a_malformed_description_is_refused_before_reading(tmp_path, change):
    fields = [
        {"name": "pria", "type": "integer"},
        {"name": "jumlah", "type": "integer", **change},
    ]
    path = tmp_path / "rekap.csv"
    path.write_text("pria,jumlah\n1,1\n", encoding="utf-8")
    with pytest.raises(DataError) as e:
        data.load_csv(path, {"schema": {"fields": fields}}, allowed_roots=[tmp_path])
    assert e.value.column == "table"


def test_every_shipped_table_still_passes_the_rules():
    for name in data.resource_names():
        data.load_table(name)  # totals, dates and notes of the shipped data are consistent
