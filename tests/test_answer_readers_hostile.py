"""Answer and reaction CSV readers against broken and hostile files (issue 11, reader hardening).

Every bad file must end in a DataError that names the file and the row/column — never a raw
UnicodeDecodeError, csv.Error, KeyError or a silent acceptance.
"""

from __future__ import annotations

import csv
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulations.core.errors import DataError
from simulations.course import evaluation as ev
from simulations.course.evaluation import evaluate, reaction_summary, read_answers, report_html
from simulations.course.quiz import (
    CODE,
    load_bank,
    neutralise_cell,
    save_answers,
    unneutralise_cell,
)

ITEMS = ["M1-01", "M1-02", "M3-01", "M3-03"]
HEADER = "kode_peserta,fase," + ",".join(ITEMS)


@pytest.fixture(scope="module")
def bank():
    return load_bank()


def _file(tmp_path, content: str | bytes, name="pretest.csv", encoding="utf-8") -> Path:
    p = tmp_path / name
    if isinstance(content, bytes):
        p.write_bytes(content)
    else:
        p.write_text(content, encoding=encoding, newline="")
    return p


GOOD = HEADER + "\r\nPA,pre,B,C,0.3,C\r\nPB,pre,A,C,0.5,\r\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le-bom", "cp1252"])
def test_encodings_are_read_the_same(tmp_path, bank, encoding):
    want = read_answers(_file(tmp_path, GOOD), bank).answers
    content = (
        GOOD.replace("0.5", "0.5") + "PC,pre,é,,,\r\n"
    )  # an unreadable answer in a legacy charset
    if encoding == "utf-16-le-bom":
        data = b"\xff\xfe" + content.encode("utf-16-le")
    else:
        data = content.encode(encoding)
    sheet = read_answers(_file(tmp_path, data, name=f"{encoding}.csv"), bank)
    assert sheet.answers.loc[["PA", "PB"]].equals(want)
    assert sheet.answers.loc["PC", "M1-01"] == "é"
    assert any("tidak terbaca" in n for n in sheet.notes)
    if encoding == "cp1252":
        assert any("cp1252" in n for n in sheet.notes)


# Named kinds of broken or hostile CSVs: (content, expected row, expected column or None)
HOSTILE = {
    "kosong": (b"", 1, None),
    "biner_nul": (b"kode_peserta,M1-01\x00\x01\x02\nPA,B\n", 1, None),
    "utf16_rusak": (b"\xff\xfek\x00o\x00\x00\xd8", 1, None),
    "tanpa_kode_peserta": ("nama,M1-01\nBudi,B\n", 1, "kode_peserta"),
    "id_soal_tak_dikenal": ("kode_peserta,M9-99\nPA,A\n", 1, "M9-99"),
    "id_soal_html": (
        "kode_peserta,<script>alert(1)</script>\nPA,A\n",
        1,
        "<script>alert(1)</script>",
    ),
    "daftar_soal_kosong": ("kode_peserta,fase,modul,waktu\nPA,pre,01,2025\n", 1, None),
    "kolom_ganda": ("kode_peserta,M1-01,M1-01\nPA,B,C\n", 1, "M1-01"),
    "baris_tak_rata": ("kode_peserta,M1-01\nPA,B,C\n", 2, None),
    "nama_bukan_kode": ("kode_peserta,M1-01\nBudi Santoso,B\n", 2, "kode_peserta"),
    "kode_html": ("kode_peserta,M1-01\n<img src=x onerror=alert(1)>,B\n", 2, "kode_peserta"),
    "kode_formula": ('kode_peserta,M1-01\n=HYPERLINK("http://x"),B\n', 2, "kode_peserta"),
    "fase_salah": ("kode_peserta,fase,M1-01\nPA,post,B\n", 2, "fase"),
    "sel_raksasa": ("kode_peserta,M1-01\nPA," + "B" * 10_000_000 + "\n", 2, "2"),
    "sel_panjang": ("kode_peserta,M1-01\nPA," + "B" * 201 + "\n", 2, "2"),
    "tanpa_baris_peserta": ("kode_peserta,M1-01\n\n\n", 2, None),
}


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_hostile_answer_files_raise_data_error_naming_file_row_column(tmp_path, bank, kind):
    content, row, column = HOSTILE[kind]
    f = _file(tmp_path, content)
    with pytest.raises(DataError) as info:
        read_answers(f, bank, phase="pre")
    err = info.value
    assert err.file == "pretest.csv", kind
    assert err.row == row, (kind, err.row)
    assert err.column == column, (kind, err.column)
    assert "pretest.csv" in err.pesan
    assert len(str(err)) < 2000  # the message never echoes a huge cell


def test_hostile_kinds_count():
    print(f"\n{len(HOSTILE)} named kinds of hostile answer CSVs (+5 encodings read correctly)")
    assert len(HOSTILE) >= 15


def test_oversized_file_and_too_many_rows(tmp_path, bank, monkeypatch):
    monkeypatch.setattr(ev, "MAX_FILE_BYTES", 1000)
    big = _file(tmp_path, HEADER + "\n" + "PA,pre,B,C,0.3,C\n" * 100)
    with pytest.raises(DataError, match="larger than"):
        read_answers(big, bank)
    monkeypatch.setattr(ev, "MAX_FILE_BYTES", 20_000_000)
    monkeypatch.setattr(ev, "MAX_ROWS", 10)
    with pytest.raises(DataError) as info:
        read_answers(big, bank)
    assert info.value.row == 12
    with pytest.raises(DataError):
        read_answers(tmp_path / "tidak_ada.csv", bank)
    with pytest.raises(DataError):
        read_answers(tmp_path, bank)  # a folder is not a file


def test_formula_cells_are_neutralised_on_write_and_handled_on_read(tmp_path, bank):
    for raw, stored in [
        ("=1+1", "'=1+1"),
        ("+CMD()", "'+CMD()"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("-0,3", "-0,3"),  # a plain negative number stays a number
        ("B", "B"),
    ]:
        assert neutralise_cell(raw) == stored
        assert unneutralise_cell(stored) == raw
    path = tmp_path / "jawaban.csv"
    save_answers(
        path, "P01", "03", {"M3-01": '=HYPERLINK("http://x","klik")', "M3-03": "C"}, bank=bank
    )
    save_answers(path, "P02", "03", {"M3-01": "-0.3", "M3-03": "@A1"}, bank=bank)
    rows = list(csv.reader(path.open(encoding="utf-8")))
    cells = [c for r in rows[1:] for c in r]
    assert not any(c.startswith(("=", "+", "@")) for c in cells)
    assert "-0.3" in cells  # numbers untouched
    sheet = read_answers(path, bank)
    assert sheet.answers.loc["P01", "M3-01"] == '=HYPERLINK("http://x","klik")'
    assert sheet.answers.loc["P02", "M3-03"] == "@A1"
    assert any("tidak terbaca" in n for n in sheet.notes)
    # the same formula cells, written by hand without the guard, are read as (wrong) answers
    raw = _file(tmp_path, "kode_peserta,M3-01,M3-03\nP03,=1+1,+C\n", name="tangan.csv")
    assert read_answers(raw, bank).answers.loc["P03", "M3-03"] == "+C"


def test_html_in_answers_is_escaped_in_the_report(tmp_path, bank):
    evil = "<script>alert(1)</script>"
    pre = _file(tmp_path, f"{HEADER}\nPA,pre,B,{evil},0.3,C\nPB,pre,A,C,0.5,A\n", name="pre.csv")
    post = _file(
        tmp_path, f"{HEADER}\nPA,post,B,C,0.3,C\nPB,post,{evil[:30]},C,0.3,C\n", name="post.csv"
    )
    rep = evaluate(pre, post, bank=bank)
    assert any("script" in n for n in rep.notes)
    page = report_html(rep)
    assert "<script" not in page and "&lt;script&gt;" in page


def test_save_answers_rejects_empty_huge_and_unknown(tmp_path, bank):
    path = tmp_path / "j.csv"
    for answers, column in [
        ({}, "jawaban"),
        ("B", "jawaban"),
        ({"M1-01": "B" * 101}, "M1-01"),
        ({"M9-99": "A"}, "M9-99"),
        ({"<b>x</b>": "A"}, "<b>x</b>"),
    ]:
        with pytest.raises(DataError) as info:
            save_answers(path, "P01", "01", answers, bank=bank)
        assert info.value.column == column
    with pytest.raises(DataError) as info:
        save_answers(path, "P01", "<script>", {"M1-01": "B"}, bank=bank)
    assert info.value.column == "modul"
    assert not path.exists()


def test_reaction_same_participant_five_times_counts_once(tmp_path, bank):
    rows = "kode_peserta,R01,R02\n" + "".join(f"PA,{v},1\n" for v in (1, 2, 3, 4, 5)) + "PB,4,4\n"
    out = reaction_summary(_file(tmp_path, rows, name="reaksi.csv"), bank)
    assert out.attrs["peserta"] == 2
    assert out.loc["R01", "n"] == 2 and out.loc["R01", "rerata"] == pytest.approx(
        4.5
    )  # PA's last (5), PB 4
    assert len(out.attrs["catatan"]) == 4 and "PA mengisi lagi" in out.attrs["catatan"][0]


@pytest.mark.parametrize(
    ("content", "row", "column"),
    [
        (b"kode_peserta,R01\x00\n", 1, None),
        ("kode_peserta,R01,R01\nPA,4,4\n", 1, "R01"),
        ("kode_peserta,R01\nPA,4,5\n", 2, None),
        ("kode_peserta,R01\nPA,=1+1\n", 2, "R01"),
        ("kode_peserta,R01\nPA,4.5\n", 2, "R01"),
        ("kode_peserta,R01\n<b>Budi</b>,4\n", 2, "kode_peserta"),
        ("kode_peserta,R01\nPA," + "4" * 300 + "\n", 2, "2"),
        ("kode_peserta,<script>\nPA,4\n", 1, "<script>"),
    ],
)
def test_hostile_reaction_files(tmp_path, bank, content, row, column):
    with pytest.raises(DataError) as info:
        reaction_summary(_file(tmp_path, content, name="reaksi.csv"), bank)
    assert info.value.file == "reaksi.csv" and info.value.row == row and info.value.column == column


# ------------------------------------------------------------------------------------------------
# Property-based: >= 500 generated invalid answer files and >= 500 invalid reaction files.
_bad_code = st.text(
    alphabet=st.characters(codec="utf-8", exclude_characters="\r\n,;\t\"'\x00"),
    min_size=0,
    max_size=40,
).filter(lambda s: not CODE.match(s.strip()) and s.strip().upper().strip() == s.strip().upper())


def _defect(draw_kind, data, bank):
    if draw_kind == "unknown_column":
        col = data.draw(st.from_regex(r"[A-Za-z][A-Za-z0-9 _<>/-]{0,20}", fullmatch=True))
        if col.strip() in bank.ids or col.strip() in ("kode_peserta", "fase", "modul", "waktu"):
            col = "X" + col
        return f"kode_peserta,M1-01,{col}\nPA,B,A\n", 1, col.strip()
    if draw_kind == "bad_code":
        code = data.draw(_bad_code)
        return f"kode_peserta,M1-01\n{code},B\n", 2, "kode_peserta"
    if draw_kind == "ragged":
        extra = data.draw(st.integers(1, 5))
        return "kode_peserta,M1-01\nPA,B" + ",x" * extra + "\n", 2, None
    if draw_kind == "wrong_phase":
        phase = data.draw(st.sampled_from(["post", "latihan", "PRE", "pasca", "0"]))
        return f"kode_peserta,fase,M1-01\nPA,{phase},B\n", 2, "fase"
    if draw_kind == "huge_cell":
        n = data.draw(st.integers(201, 50_000))
        return "kode_peserta,M1-01\nPA," + "A" * n + "\n", 2, "2"
    if draw_kind == "giant_cell":  # beyond the csv module's own field limit
        n = data.draw(st.integers(131_073, 400_000))
        return "kode_peserta,M1-01\nPA," + "A" * n + "\n", 2, None
    if draw_kind == "binary":
        junk = data.draw(st.binary(min_size=1, max_size=200))
        return b"kode_peserta,M1-01\n\x00" + junk, 1, None
    raise AssertionError(draw_kind)


KINDS = ["unknown_column", "bad_code", "ragged", "wrong_phase", "huge_cell", "giant_cell", "binary"]


@settings(
    max_examples=600,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(data=st.data())
def test_generated_invalid_answer_files(bank, data):
    kind = data.draw(st.sampled_from(KINDS))
    content, row, column = _defect(kind, data, bank)
    with tempfile.TemporaryDirectory() as d:
        f = _file(Path(d), content)
        with pytest.raises(DataError) as info:
            read_answers(f, bank, phase="pre")
    err = info.value
    assert err.file == "pretest.csv" and err.row == row, (kind, err.row, str(err))
    if column is not None:
        assert err.column == column, (kind, err.column)
    assert "pretest.csv" in err.pesan and len(str(err)) < 2000


@settings(
    max_examples=500, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(
    value=st.text(
        alphabet=st.characters(codec="utf-8", exclude_characters="\x00"), max_size=30
    ).filter(lambda v: v.strip() not in {"", "1", "2", "3", "4", "5"})
)
def test_generated_invalid_likert_values(bank, value):
    value = value.replace("\n", " ").replace("\r", " ")
    with tempfile.TemporaryDirectory() as d:
        f = Path(d) / "reaksi.csv"
        with f.open("w", newline="", encoding="utf-8") as fh:
            csv.writer(fh).writerows([["kode_peserta", "R01"], ["PA", value]])
        with pytest.raises(DataError) as info:
            reaction_summary(f, bank)
    assert info.value.row == 2 and info.value.column in {"R01", "2", None}
    assert "reaksi.csv" in info.value.pesan
