"""Schema tests on every shipped table, and malformed CSVs rejected with file/row/column messages."""

from __future__ import annotations

import pandas as pd
import pytest

from simulations import data
from simulations.core.errors import DataError

ALL_TABLES = data.resource_names()
PROVINCE_TABLES = [n for n in ALL_TABLES if data.resource(n).get("x-skema-provinsi")]


@pytest.mark.parametrize("name", ALL_TABLES)
def test_every_shipped_table_loads_and_matches_its_description(name):
    res = data.resource(name)
    df = data.load_table(name)
    assert len(df) > 0
    assert list(df.columns) == [f["name"] for f in res["schema"]["fields"]]
    # Every table and column is described: title, licence note, source, description, type.
    assert (
        res["title"]
        and res["licenses"]
        and res["sources"]
        and res.get("x-jenis") in ("nyata", "sintetis")
    )
    for f in res["schema"]["fields"]:
        assert f.get("description"), f"{name}.{f['name']} has no description"
    if res["x-jenis"] == "sintetis":
        assert "SINTETIS" in res["title"]
    else:
        assert "source" in df.columns  # every real table keeps the source of each row


@pytest.mark.parametrize("name", PROVINCE_TABLES)
def test_province_tables_flag_the_34_vs_38_scheme(name):
    df = data.load_table(name)
    scheme = df.attrs["skema_provinsi"]
    assert scheme in ("34", "38")
    codes = set(df["kode_kemendagri"])
    if scheme == "34":
        assert not codes & set(data.PAPUA_NEW_CODES)
        old = df[df["kode_kemendagri"].isin(["91", "92"])]
        assert (old["cakupan_wilayah"] == "papua_sebelum_2022").all()
    elif "cakupan_wilayah" in df:
        assert "papua_sebelum_2022" not in set(df["cakupan_wilayah"])


def test_reference_has_38_provinces_and_the_papua_mapping_covers_the_six():
    prov = data.provinces()
    assert len(prov) == 38 and prov["kode_kemendagri"].is_unique
    m = data.papua_mapping().set_index("kode_kemendagri")["kode_wilayah_34"]
    assert m.to_dict() == {"91": "91", "92": "92", "93": "91", "94": "91", "95": "91", "96": "92"}


def test_population_sums_to_national_total():
    pop = data.load_table("penduduk_provinsi_kemendagri_2025")
    national = pop.loc[pop["kode_kemendagri"] == "00", "total_jiwa"].iloc[0]
    assert pop.loc[pop["kode_kemendagri"] != "00", "total_jiwa"].sum() == national == 284_973_643


def test_aggregate_to_34_folds_new_papua_provinces_explicitly():
    pop = data.load_table("penduduk_provinsi_kemendagri_2025")
    agg = data.aggregate_to_34(pop, ["total_jiwa"])
    assert agg.attrs["skema_provinsi"] == "34" and len(agg) == 35  # 34 provinces + Indonesia
    by = agg.set_index("kode_kemendagri")
    assert by.loc["91", "total_jiwa"] == 1_102_360 + 562_220 + 1_369_112 + 1_470_518
    assert by.loc["92", "total_jiwa"] == 576_255 + 623_186
    assert by.loc["91", "cakupan_wilayah"] == "papua_sebelum_2022"
    assert by["total_jiwa"].drop("00").sum() == by.loc["00", "total_jiwa"]


def test_aggregate_leaves_gaps_missing_rather_than_partial_sums():
    bps = data.load_table("penduduk_provinsi_bps_2024")  # new Papua rows empty at the source
    agg = data.aggregate_to_34(bps, ["penduduk_ribu"]).set_index("kode_kemendagri")
    assert pd.isna(agg.loc["91", "penduduk_ribu"]) and pd.isna(agg.loc["92", "penduduk_ribu"])


def test_join_refuses_to_mix_34_and_38_province_tables():
    iptik = data.load_table("iptik_provinsi_2022_2024")
    pop = data.load_table("penduduk_provinsi_kemendagri_2025")
    with pytest.raises(DataError) as e:
        data.join_provinces(iptik, pop)
    assert e.value.column == "kode_kemendagri" and e.value.file == pop.attrs["sumber"]
    assert "skema 34 provinsi" in e.value.pesan and "skema 38 provinsi" in e.value.pesan
    pop34 = data.aggregate_to_34(pop, ["total_jiwa"])
    joined = data.join_provinces(iptik, pop34).set_index("kode_kemendagri")
    assert joined.attrs["skema_provinsi"] == "34" and len(joined) == 35
    assert (
        joined.loc["91", "total_jiwa"] == pop34.set_index("kode_kemendagri").loc["91", "total_jiwa"]
    )
    assert (
        joined.loc["91", "iptik_2024"] == iptik.set_index("kode_kemendagri").loc["91", "iptik_2024"]
    )


def test_province_indicators_are_real_34_province_values_with_sources():
    t = data.province_indicators()
    assert len(t) == 34 and t.attrs["skema_provinsi"] == "34"
    by_code = t.set_index("kode_kemendagri")
    # Every indicator column is the source table's column, value for value (no invented figures).
    for name, spec in data.INDICATORS_34.items():
        source = data.load_table(spec["table"]).set_index("kode_kemendagri")[spec["column"]]
        source = source.drop("00", errors="ignore").reindex(by_code.index)
        pd.testing.assert_series_equal(
            by_code[name].astype(float), source.astype(float), check_names=False
        )
    assert by_code.loc["31", "iptik_2024"] == 7.88
    assert by_code.loc["91", "provinsi"] == "Papua (wilayah sebelum 2022)"
    assert t.attrs["sumber"] == list(
        dict.fromkeys(
            data.resource(s["table"])["path"].split("/")[-1] for s in data.INDICATORS_34.values()
        )
    )


def test_reports_and_daily_counts_fill_zero_days():
    rep = data.load_reports()
    assert rep["tanggal"].min() == pd.Timestamp("2024-01-01")
    daily = data.daily_counts(rep, by=["kategori"])
    assert len(daily) == 366 * 5 and daily["jumlah"].sum() == len(rep)
    total = data.daily_counts(rep, by=[])
    assert len(total) == 366


def test_regency_network_loads_with_communities_and_roles():
    g = data.load_regency_network()
    assert g.number_of_nodes() == 400 and g.graph["jenis_data"] == "sintetis"
    assert {g.nodes[v]["peran"] for v in g} == {"warga", "tokoh"}
    assert len({g.nodes[v]["group"] for v in g}) == 8


def test_describe_table_lists_units():
    d = data.describe_table("iptik_provinsi_2022_2024").set_index("kolom")
    fields = data.resource("iptik_provinsi_2022_2024")["schema"]["fields"]
    assert list(d.index) == [f["name"] for f in fields]
    assert d["satuan"].to_dict() == {f["name"]: f.get("unit", "") for f in fields}
    assert d.loc["iptik_2024", "batasan"] == "minimum=0, maximum=10"


# ---------------------------------------------------------------------------------------------
# Malformed CSVs: at least 15 kinds, each with the right file, row and column.
# ---------------------------------------------------------------------------------------------

IPTIK_HEADER = (
    "kode_kemendagri,provinsi,cakupan_wilayah,iptik_2022,iptik_2023,iptik_2024,catatan,source"
)
IPTIK_ROWS = [
    "11,Aceh,provinsi,,5.88,5.97,,contoh",
    "91,Papua,papua_sebelum_2022,3.22,3.44,3.56,,contoh",
    "00,Indonesia,nasional,,5.90,6.02,,contoh",
]


def _iptik(*, header=IPTIK_HEADER, rows=None, replace=None):
    rows = list(IPTIK_ROWS if rows is None else rows)
    if replace:
        i, text = replace
        rows[i - 1] = text
    return "\n".join([header, *rows]) + "\n"


REPORT_HEADER = "id_laporan,tanggal,kode_kecamatan,kategori,kanal,jenis_data"
REPORT_OK = "L000001,2024-01-01,TJ01,hoaks_disinformasi,media_sosial,sintetis"

MALFORMED = [
    # id, table, content (str or bytes), expected row, expected column, word in the English message
    (
        "missing_column",
        "iptik_provinsi_2022_2024",
        _iptik(
            header=IPTIK_HEADER.replace(",iptik_2023", ""),
            rows=[
                r.replace(",5.88", "").replace(",3.44", "").replace(",5.90", "") for r in IPTIK_ROWS
            ],
        ),
        None,
        "iptik_2023",
        "missing",
    ),
    (
        "duplicate_column",
        "iptik_provinsi_2022_2024",
        _iptik(header=IPTIK_HEADER + ",source", rows=[r + ",x" for r in IPTIK_ROWS]),
        None,
        "source",
        "twice",
    ),
    (
        "unexpected_column",
        "iptik_provinsi_2022_2024",
        _iptik(header=IPTIK_HEADER + ",skor", rows=[r + ",1" for r in IPTIK_ROWS]),
        None,
        "skor",
        "unexpected",
    ),
    (
        "text_in_number",
        "iptik_provinsi_2022_2024",
        _iptik(replace=(2, "91,Papua,papua_sebelum_2022,3.22,tinggi,3.56,,contoh")),
        2,
        "iptik_2023",
        "not a number",
    ),
    (
        "decimal_comma",
        "iptik_provinsi_2022_2024",
        _iptik(replace=(1, '11,Aceh,provinsi,,"5,88",5.97,,contoh')),
        1,
        "iptik_2023",
        "decimal point",
    ),
    (
        "below_minimum",
        "iptik_provinsi_2022_2024",
        _iptik(replace=(1, "11,Aceh,provinsi,,-1,5.97,,contoh")),
        1,
        "iptik_2023",
        "below the minimum",
    ),
    (
        "above_maximum",
        "iptik_provinsi_2022_2024",
        _iptik(replace=(3, "00,Indonesia,nasional,,5.90,60.2,,contoh")),
        3,
        "iptik_2024",
        "above the maximum",
    ),
    (
        "unknown_province_code",
        "iptik_provinsi_2022_2024",
        _iptik(replace=(1, "99,Aceh,provinsi,,5.88,5.97,,contoh")),
        1,
        "kode_kemendagri",
        "unknown province code",
    ),
    (
        "code_not_two_digits",
        "iptik_provinsi_2022_2024",
        _iptik(replace=(1, "1,Aceh,provinsi,,5.88,5.97,,contoh")),
        1,
        "kode_kemendagri",
        "pattern",
    ),
    (
        "new_papua_in_34_table",
        "iptik_provinsi_2022_2024",
        _iptik(rows=[*IPTIK_ROWS, "93,Papua Selatan,provinsi,,3.0,3.1,,contoh"]),
        4,
        "kode_kemendagri",
        "34-province",
    ),
    (
        "wrong_papua_flag",
        "iptik_provinsi_2022_2024",
        _iptik(replace=(2, "91,Papua,provinsi,3.22,3.44,3.56,,contoh")),
        2,
        "cakupan_wilayah",
        "should be",
    ),
    (
        "name_does_not_match_code",
        "iptik_provinsi_2022_2024",
        _iptik(replace=(1, "11,Bali,provinsi,,5.88,5.97,,contoh")),
        1,
        "provinsi",
        "does not match",
    ),
    (
        "duplicate_key",
        "iptik_provinsi_2022_2024",
        _iptik(rows=[*IPTIK_ROWS, "11,Aceh,provinsi,,5.80,5.90,,contoh"]),
        4,
        "kode_kemendagri",
        "duplicate key",
    ),
    (
        "required_value_missing",
        "iptik_provinsi_2022_2024",
        _iptik(replace=(2, ",Papua,papua_sebelum_2022,3.22,3.44,3.56,,contoh")),
        2,
        "kode_kemendagri",
        "missing but required",
    ),
    (
        "enum_value",
        "iptik_provinsi_2022_2024",
        _iptik(replace=(1, "11,Aceh,kabupaten,,5.88,5.97,,contoh")),
        1,
        "cakupan_wilayah",
        "allowed values",
    ),
    (
        "too_few_cells",
        "iptik_provinsi_2022_2024",
        _iptik(replace=(2, "91,Papua,papua_sebelum_2022,3.22")),
        2,
        "iptik_2023",
        "cells",
    ),
    (
        "too_many_cells",
        "iptik_provinsi_2022_2024",
        _iptik(replace=(3, "00,Indonesia,nasional,,5.90,6.02,,contoh,extra")),
        3,
        None,
        "cells",
    ),
    ("header_only", "iptik_provinsi_2022_2024", IPTIK_HEADER + "\n", None, None, "no data rows"),
    ("empty_file", "iptik_provinsi_2022_2024", "", None, None, "empty"),
    (
        "semicolon_separated",
        "iptik_provinsi_2022_2024",
        IPTIK_HEADER.replace(",", ";") + "\n" + IPTIK_ROWS[0].replace(",", ";") + "\n",
        None,
        None,
        "';'",
    ),
    (
        "not_utf8",
        "iptik_provinsi_2022_2024",
        (
            IPTIK_HEADER
            + "\n"
            + IPTIK_ROWS[0]
            + "\n"
            + "91,Papua,papua_sebelum_2022,3.22,3.44,3.56,caf\xe9,contoh\n"
        ).encode("latin-1"),
        2,
        None,
        "UTF-8",
    ),
    (
        "bad_date",
        "laporan_warga",
        f"{REPORT_HEADER}\n{REPORT_OK}\nL000002,14/02/2024,TJ01,hoaks_disinformasi,media_sosial,sintetis\n",
        2,
        "tanggal",
        "date",
    ),
    (
        "unknown_kecamatan",
        "laporan_warga",
        f"{REPORT_HEADER}\n{REPORT_OK}\nL000002,2024-01-02,TJ99,hoaks_disinformasi,media_sosial,sintetis\n",
        2,
        "kode_kecamatan",
        "unknown",
    ),
    (
        "not_whole_number",
        "kecamatan",
        "kode_kecamatan,nama_kecamatan,kabupaten,karakter,penduduk_jiwa,luas_km2,akses_internet_persen,jumlah_desa,jenis_data\n"
        "TJ01,Kota Tangguh,Kabupaten Tangguh Jaya (fiktif),perkotaan,68000.5,42.5,84.0,5,sintetis\n",
        1,
        "penduduk_jiwa",
        "whole number",
    ),
    (
        "bad_yearmonth",
        "hoaks_kominfo_bulanan",
        "bulan,jumlah_hoaks,catatan,source\n2019-13,10,,x\n",
        1,
        "bulan",
        "year-month",
    ),
]


@pytest.mark.parametrize(
    ("case", "table", "content", "row", "column", "word"), MALFORMED, ids=[m[0] for m in MALFORMED]
)
def test_malformed_csv_is_rejected_with_file_row_and_column(
    tmp_path, case, table, content, row, column, word
):
    path = tmp_path / f"{case}.csv"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(DataError) as e:
        data.load_csv(path, table)
    err = e.value
    assert err.file == path.name
    assert err.row == row
    assert err.column == column
    assert word in str(err)
    # The Indonesian message names the same place.
    assert f"Berkas {path.name}" in err.pesan
    if row is not None:
        assert f"baris {row}" in err.pesan and f"row {row}" in str(err)
    if column is not None:
        assert f"kolom '{column}'" in err.pesan


def test_missing_file_is_named(tmp_path):
    with pytest.raises(DataError) as e:
        data.load_csv(tmp_path / "tidak_ada.csv", "iptik_provinsi_2022_2024")
    assert e.value.file == "tidak_ada.csv" and "tidak ditemukan" in e.value.pesan


def test_at_least_15_kinds_of_malformed_csv():
    assert len({m[0] for m in MALFORMED}) >= 15


def test_participant_regional_csv_in_the_same_format_loads(tmp_path):
    path = tmp_path / "wilayah_saya.csv"
    path.write_text(_iptik(), encoding="utf-8")
    df = data.load_csv(path, "iptik_provinsi_2022_2024")
    assert df["iptik_2024"].tolist() == [5.97, 3.56, 6.02]
    assert df.attrs["skema_provinsi"] == "34" and df.attrs["sumber"] == "wilayah_saya.csv"


def test_unknown_table_name_lists_known_tables():
    with pytest.raises(DataError) as e:
        data.resource("tidak_ada")
    assert "iptik_provinsi_2022_2024" in e.value.pesan


def test_datapackage_is_valid_frictionless_when_the_tool_is_installed():
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(str(data.DATASETS_DIR / "datapackage.json"))
    assert report.valid, report.flatten(["title", "type", "note"])[:5]


def test_long_table_is_rebuilt_identically_and_keeps_the_scheme_flags(tmp_path):
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_tidy", data.DATASETS_DIR / "make_tidy.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    made = module.main(tmp_path)
    assert made.read_bytes() == (data.DATASETS_DIR / "indonesia" / made.name).read_bytes()
    long = data.load_table("indikator_provinsi_panjang")
    old = long[(long["skema_provinsi"] == "34") & long["kode_kemendagri"].isin(["91", "92"])]
    assert len(old) and (old["cakupan_wilayah"] == "papua_sebelum_2022").all()
    assert not long[
        (long["skema_provinsi"] == "34") & long["kode_kemendagri"].isin(data.PAPUA_NEW_CODES)
    ].shape[0]
    iptik = long[(long["kolom_sumber"] == "iptik_2024") & (long["kode_kemendagri"] == "31")]
    assert iptik["nilai"].iloc[0] == 7.88 and iptik["tahun"].iloc[0] == 2024


# Property tests: a valid table round-trips; one corrupted cell is always found at its row/column.
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_REF = data.provinces().set_index("kode_kemendagri")
_CODES_34 = [c for c in _REF.index if c not in data.PAPUA_NEW_CODES]


@st.composite
def _iptik_tables(draw):
    codes = draw(st.lists(st.sampled_from(_CODES_34), min_size=1, max_size=8, unique=True))
    values = draw(st.lists(st.integers(0, 1000), min_size=len(codes), max_size=len(codes)))
    rows = []
    for code, v in zip(codes, values, strict=True):
        flag = "papua_sebelum_2022" if code in ("91", "92") else "provinsi"
        rows.append(f"{code},{_REF.loc[code, 'nama_pendek']},{flag},,,{v / 100:.2f},,sumber uji")
    return rows, [v / 100 for v in values]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(table=_iptik_tables(), data_=st.data())
def test_property_valid_roundtrip_and_single_bad_cell_located(tmp_path, table, data_):
    rows, values = table
    path = tmp_path / "uji.csv"
    path.write_text("\n".join([IPTIK_HEADER, *rows]) + "\n", encoding="utf-8")
    df = data.load_csv(path, "iptik_provinsi_2022_2024")
    assert df["iptik_2024"].tolist() == pytest.approx(values)
    bad_row = data_.draw(st.integers(1, len(rows)))
    bad_value = data_.draw(st.sampled_from(["tinggi", "-0.5", "10.5", "5,5", "1e999"]))
    cells = rows[bad_row - 1].split(",")
    cells[5] = f'"{bad_value}"' if "," in bad_value else bad_value
    broken = rows.copy()
    broken[bad_row - 1] = ",".join(cells)
    path.write_text("\n".join([IPTIK_HEADER, *broken]) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as e:
        data.load_csv(path, "iptik_provinsi_2022_2024")
    assert (e.value.row, e.value.column) == (bad_row, "iptik_2024")


# Inputs that cannot escape (issue 11): paths, encodings, sizes, formula cells.


def test_path_outside_the_allowed_folders_is_refused_without_reading_it(tmp_path):
    notebook = tmp_path / "notebook"
    notebook.mkdir()
    secret = tmp_path / "rahasia.csv"
    secret.write_text("RAHASIA-BARIS-PERTAMA\n", encoding="utf-8")
    with pytest.raises(DataError) as e:
        data.load_csv(
            notebook / ".." / "rahasia.csv", "iptik_provinsi_2022_2024", allowed_roots=[notebook]
        )
    assert "RAHASIA" not in str(e.value) and "RAHASIA" not in e.value.pesan
    assert "outside" in str(e.value) and e.value.file == "rahasia.csv"
    # A symbolic link inside the folder that points outside is refused too.
    (notebook / "tautan.csv").symlink_to(secret)
    with pytest.raises(DataError, match="outside"):
        data.load_csv(notebook / "tautan.csv", "iptik_provinsi_2022_2024", allowed_roots=[notebook])
    # Inside the folder, the same file loads (as a CSV error about its columns, not about the path).
    with pytest.raises(DataError) as e:
        data.load_csv(secret, "iptik_provinsi_2022_2024", allowed_roots=[tmp_path])
    assert e.value.column == "kode_kemendagri"


def test_system_files_are_never_echoed():
    with pytest.raises(DataError) as e:
        data.load_csv("../../../../../../etc/passwd", "iptik_provinsi_2022_2024")
    assert "root" not in str(e.value) and "root" not in e.value.pesan


def test_utf16_with_bom_is_decoded_and_latin1_is_named(tmp_path):
    path = tmp_path / "utf16.csv"
    path.write_text(_iptik(), encoding="utf-16")  # Python writes a byte-order mark
    assert data.load_csv(path, "iptik_provinsi_2022_2024")["iptik_2024"].tolist() == [
        5.97,
        3.56,
        6.02,
    ]
    path = tmp_path / "utf16_tanpa_bom.csv"
    path.write_bytes(_iptik().encode("utf-16-le"))
    with pytest.raises(DataError, match="UTF-16") as e:
        data.load_csv(path, "iptik_provinsi_2022_2024")
    assert "UTF-16" in e.value.pesan
    path = tmp_path / "latin1.csv"
    path.write_bytes(
        _iptik(replace=(2, "91,Papua,papua_sebelum_2022,3.22,3.44,3.56,,café")).encode("latin-1")
    )
    with pytest.raises(DataError) as e:
        data.load_csv(path, "iptik_provinsi_2022_2024")
    assert e.value.row == 2 and "Latin-1" in str(e.value) and "UTF-8" in e.value.pesan


def test_huge_cells_lines_and_files_are_bounded(tmp_path):
    path = tmp_path / "sel_besar.csv"
    path.write_text(
        _iptik(replace=(1, "11,Aceh,provinsi,,5.88,5.97,," + "x" * 20_000)), encoding="utf-8"
    )
    with pytest.raises(DataError) as e:
        data.load_csv(path, "iptik_provinsi_2022_2024")
    assert (e.value.row, e.value.column) == (1, "source") and "20000" in str(e.value)
    assert len(str(e.value)) < 700
    path.write_text(_iptik(replace=(2, "x" * (data.MAX_LINE_BYTES + 10))), encoding="utf-8")
    with pytest.raises(DataError) as e:
        data.load_csv(path, "iptik_provinsi_2022_2024")
    assert e.value.row == 2 and "longer" in str(e.value) and len(str(e.value)) < 700
    path.write_text(_iptik(), encoding="utf-8")
    with pytest.raises(DataError, match="limit is 100"):
        data.load_csv(path, "iptik_provinsi_2022_2024", max_bytes=100)


@pytest.mark.parametrize(
    "cell", ["=1+1", '+HYPERLINK("x")', "-2+3", "@SUM(A1)", "=cmd|' /C calc'!A0"]
)
def test_formula_cells_are_refused(tmp_path, cell):
    path = tmp_path / "rumus.csv"
    quoted = '"' + cell.replace('"', '""') + '"'
    path.write_text(
        _iptik(replace=(3, f"00,Indonesia,nasional,,5.90,6.02,,{quoted}")), encoding="utf-8"
    )
    with pytest.raises(DataError) as e:
        data.load_csv(path, "iptik_provinsi_2022_2024")
    assert (e.value.row, e.value.column) == (3, "source") and "formula" in str(e.value)
    assert "rumus" in e.value.pesan


def test_signed_numbers_stay_numbers(tmp_path):
    table = data.load_table("literasi_digital_provinsi_2021_2022")  # text cells such as "-0.36"
    assert {"+0.27", "-0.36"} <= set(table["perubahan_2021_2022_dilaporkan"].dropna())
    path = tmp_path / "tanda.csv"
    path.write_text(_iptik(replace=(1, "11,Aceh,provinsi,,+5.88,5.97,,-3")), encoding="utf-8")
    df = data.load_csv(path, "iptik_provinsi_2022_2024")
    assert df["iptik_2023"].iloc[0] == 5.88 and df["source"].iloc[0] == "-3"


def test_control_characters_in_cells_are_refused(tmp_path):
    path = tmp_path / "kendali.csv"
    path.write_text(_iptik(replace=(1, "11,Aceh,provinsi,,5.88,5.97,,ab\x1bc")), encoding="utf-8")
    with pytest.raises(DataError) as e:
        data.load_csv(path, "iptik_provinsi_2022_2024")
    assert (e.value.row, e.value.column) == (1, "source") and "\\x1b" in str(e.value)
    assert "\x1b" not in str(e.value)


def test_a_bad_first_row_stops_reading_early(tmp_path):
    import tracemalloc

    path = tmp_path / "besar.csv"
    good = "11,Aceh,provinsi,,5.88,5.97,,contoh\n"
    with path.open("w", encoding="utf-8") as fh:
        fh.write(IPTIK_HEADER + "\n" + "11,Aceh,provinsi,,5.88,tinggi,,contoh\n" + good * 200_000)
    data.resource("iptik_provinsi_2022_2024")
    tracemalloc.start()
    try:
        with pytest.raises(DataError) as e:
            data.load_csv(path, "iptik_provinsi_2022_2024")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert e.value.row == 1
    assert peak < path.stat().st_size / 20  # the 7 MB file is never held in memory
