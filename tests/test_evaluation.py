"""Evaluation report on a small hand-computed class, and clear errors on malformed CSVs."""

from __future__ import annotations

import csv
import math
import re
from pathlib import Path

import pytest
from html_wellformed import assert_well_formed

from simulations.core.errors import DataError
from simulations.course import evaluation as ev
from simulations.course.evaluation import (
    evaluate,
    gain_category,
    item_analysis,
    normalised_gain,
    read_answers,
    report_html,
    synthetic_class,
)
from simulations.course.quiz import load_bank

ITEMS = ["M1-01", "M1-02", "M3-01", "M3-03"]  # keys: B, C, 0.3 (±0.005), C
# (item keys are those of curriculum/bank_soal.yaml)


@pytest.fixture(scope="module")
def bank():
    return load_bank()


def _write(path: Path, rows, header=("kode_peserta", "fase", *ITEMS), delimiter=","):
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, delimiter=delimiter)
        w.writerow(header)
        w.writerows(rows)
    return path


@pytest.fixture()
def hand_class(tmp_path, bank):
    assert [bank[i].key for i in ITEMS] == ["B", "C", 0.3, "C"]
    # pre:  PA 1/4 = 25 %, B 2/4 = 50 %, C 2/4 = 50 %, F 4/4 = 100 %, D 1/4 (pre only)
    pre = _write(
        tmp_path / "pre.csv",
        [
            ["PA", "pre", "B", "A", "0.5", "A"],
            ["PB", "pre", "B", "C", "0.5", "A"],
            ["PC", "pre", "B", "A", "0,3", ""],
            ["PF", "pre", "B", "C", "0.3", "C"],
            ["PD", "pre", "B", "", "", ""],
        ],
    )
    # post: PA 4/4 = 100 %, B 3/4 = 75 %, C 2/4 = 50 %, F 3/4 = 75 %, E 4/4 (post only)
    post = _write(
        tmp_path / "post.csv",
        [
            ["PA", "post", "B", "C", "0.3", "C"],
            ["PB", "post", "B", "C", "0.3", "D"],
            ["PC", "post", "A", "C", "0.3", "A"],
            ["PF", "post", "B", "C", "0.3", "A"],
            ["PE", "post", "B", "C", "0.3", "C"],
        ],
    )
    return pre, post


def test_ngain_on_hand_computed_class(hand_class, bank):
    rep = evaluate(*hand_class, bank=bank)
    p = rep.participants
    assert list(p.index) == ["PA", "PB", "PC", "PF"]
    assert list(p["pre_persen"]) == [25, 50, 50, 100]
    assert list(p["post_persen"]) == [100, 75, 50, 75]
    assert p.loc["PA", "n_gain"] == pytest.approx(1.0)  # (100-25)/75
    assert p.loc["PB", "n_gain"] == pytest.approx(0.5)  # (75-50)/50
    assert p.loc["PC", "n_gain"] == pytest.approx(0.0)
    assert math.isnan(p.loc["PF", "n_gain"])  # pre = 100 %: undefined, reported not dropped
    assert list(p["kategori"]) == ["tinggi", "sedang", "rendah", "-"]
    # class gain on means: pre 56.25, post 75 -> 18.75 / 43.75
    assert rep.class_gain == pytest.approx(18.75 / 43.75)
    assert rep.mean_individual_gain == pytest.approx(0.5)
    assert rep.unmatched_pre == ["PD"] and rep.unmatched_post == ["PE"]
    assert any("pre-test 100%" in n for n in rep.notes)


def test_item_analysis_and_mastery_by_hand(hand_class, bank):
    rep = evaluate(*hand_class, bank=bank)
    it = rep.items_post
    # post, all 5 participants: M1-01 4/5, M1-02 5/5, M3-01 5/5, M3-03 2/5 (A, E)
    assert list(it["p"]) == pytest.approx([0.8, 1.0, 1.0, 0.4])
    # n = 5 -> groups of round(0.27*5) = 1; lower = C (2 correct), upper = E (last of the 4-scorers A, E)
    assert list(it["D"]) == pytest.approx([1.0, 0.0, 0.0, 1.0])
    assert list(it["tingkat_kesukaran"]) == ["mudah", "mudah", "mudah", "sedang"]
    m = rep.mastery
    assert m.loc["01", "rerata_post"] == pytest.approx(87.5)  # A 100, B 100, C 50, F 100
    assert m.loc["01", "tuntas_post"] == pytest.approx(75.0)
    assert m.loc["03", "rerata_post"] == pytest.approx(62.5)  # A 100, B 50, C 50, F 50
    assert m.loc["03", "tuntas_post"] == pytest.approx(25.0)


def test_gain_helpers():
    assert normalised_gain(40, 82) == pytest.approx(0.7) and gain_category(0.7) == "tinggi"
    assert gain_category(0.3) == "sedang" and gain_category(0.2999) == "rendah"
    assert gain_category(-0.2) == "rendah" and gain_category(float("nan")) == "-"


def test_item_analysis_small_inputs():
    import pandas as pd

    one = item_analysis(pd.DataFrame({"M1-01": [1]}))
    assert one.loc["M1-01", "p"] == 1 and math.isnan(one.loc["M1-01", "D"])


def test_report_html_is_self_contained(hand_class, bank, tmp_path):
    rep = evaluate(*hand_class, bank=bank)
    page = report_html(rep, tmp_path / "lap.html")
    assert_well_formed(page)
    assert page.count("data:image/png;base64,") == 4
    assert 'src="http' not in page and "<script" not in page  # opens offline, nothing fetched
    assert "Hanya pre-test: PD" in page and "Hanya post-test: PE" in page
    assert (tmp_path / "lap.html").read_text(encoding="utf-8") == page


def test_duplicate_answers_are_reported_not_silent(tmp_path, bank):
    # one row is one submission; quiz rows of one participant are merged, a later answer wins
    f = _write(
        tmp_path / "kuis.csv",
        [["PA", "latihan", "B", "", "", ""], ["PA", "latihan", "C", "C", "", ""]],
    )
    sheet = read_answers(f, bank)
    assert sheet.rows_read == 2 and len(sheet.answers) == 1
    assert sheet.answers.loc["PA", "M1-01"] == "C"
    assert any("M1-01 lagi" in n for n in sheet.notes)


def test_first_pretest_row_counts_later_ones_are_reported(tmp_path, bank):
    """Issue 19: a pre-test saved again (e.g. after the course) must not replace the real one."""
    f = _write(
        tmp_path / "pre.csv",
        [
            ["PA", "pre", "A", "A", "", ""],  # the real pre-test
            ["PB", "pre", "B", "A", "", ""],
            ["PA", "pre", "A", "A", "", ""],  # saved again, the same
            ["PA", "pre", "B", "C", "0.3", "C"],  # saved again after the course: all correct
        ],
    )
    sheet = read_answers(f, bank, phase="pre")
    assert list(sheet.answers.loc["PA", ITEMS]) == ["A", "A", "", ""]
    notes = [n for n in sheet.notes if "pre-test lagi" in n]
    assert len(notes) == 2 and "jawaban sama" in notes[0] and "jawaban berbeda" in notes[1]
    assert "pre-test pertama (baris 2) yang dipakai" in notes[1]
    # across files (one file per computer) the file read first keeps the pre-test
    folder = tmp_path / "kelas"
    folder.mkdir()
    _write(folder / "a_laptop.csv", [["PA", "pre", "A", "", "", ""]])
    _write(folder / "b_laptop.csv", [["PA", "pre", "B", "C", "", ""]])
    merged = ev.read_many(folder, bank, phase="pre")
    assert merged.answers.loc["PA", "M1-01"] == "A" and merged.answers.loc["PA", "M1-02"] == "C"
    assert any("dibaca lebih dulu dipakai" in n for n in merged.notes)


def test_codes_differing_only_in_case_are_merged_with_a_note(tmp_path, bank):
    """Issue 19: p01 and P01 are one participant — merged, and the report says so."""
    f = _write(
        tmp_path / "post.csv",
        [
            ["p01", "post", "B", "", "", ""],
            ["P01", "post", "", "C", "", ""],
            ["P02", "post", "B", "", "", ""],
        ],
    )
    sheet = read_answers(f, bank, phase="post")
    assert list(sheet.answers.index) == ["P01", "P02"]
    assert any("P01, p01 dianggap peserta yang sama (P01)" in n for n in sheet.notes)
    folder = tmp_path / "kelas"
    folder.mkdir()
    _write(folder / "laptop1.csv", [["p02", "post", "B", "", "", ""]])
    _write(folder / "laptop2.csv", [["P02", "post", "", "C", "", ""]])
    merged = ev.read_many(folder, bank, phase="post")
    assert any("P02, p02 dianggap peserta yang sama" in n for n in merged.notes)


def test_evaluate_refuses_bad_threshold_and_item_lists(hand_class, bank, tmp_path):
    """Issue 19: a clear Indonesian error naming the field instead of TypeError/KeyError."""
    pre, post = hand_class
    for bad in ("75", None, True, float("nan"), 0, 101):
        with pytest.raises(DataError) as info:
            evaluate(pre, post, bank=bank, mastery_threshold=bad)
        assert info.value.column == "mastery_threshold" and "ambang" in info.value.pesan.lower()
    assert evaluate(pre, post, bank=bank, mastery_threshold=75).mastery_threshold == 75.0
    for bad, word in (
        (["M9-99"], "M9-99"),
        ([], "kosong"),
        ("M1-01", "daftar"),
        (["M1-01", "M1-01"], "dua kali"),
    ):
        with pytest.raises(DataError) as info:
            evaluate(pre, post, bank=bank, items=bad)
        assert info.value.column == "items" and word in info.value.pesan
    blank_pre = _write(tmp_path / "kosong_pre.csv", [["PA", "pre", "", "", "", ""]])
    blank_post = _write(tmp_path / "kosong_post.csv", [["PA", "post", "", "", "", ""]])
    with pytest.raises(DataError) as info:
        evaluate(blank_pre, blank_post, bank=bank)
    assert (
        info.value.column == "items" and "Tidak ada satu soal pun yang dijawab" in info.value.pesan
    )


def test_save_answers_to_a_folder_an_unwritable_path_or_a_latin1_file(tmp_path, bank):
    """Issue 19: IsADirectoryError, PermissionError/NotADirectoryError, UnicodeDecodeError become DataError."""
    from simulations.course.quiz import save_answers

    with pytest.raises(DataError) as info:
        save_answers(tmp_path, "P01", "01", {"M1-01": "A"}, bank=bank)
    assert info.value.column == "path" and "folder" in info.value.pesan
    blocker = tmp_path / "berkas.txt"
    blocker.write_text("x")
    with pytest.raises(DataError) as info:  # its "folder" is a file: cannot be written
        save_answers(blocker / "jawaban.csv", "P01", "01", {"M1-01": "A"}, bank=bank)
    assert info.value.column == "path" and "tidak dapat disimpan" in info.value.pesan
    latin = tmp_path / "lama.csv"
    latin.write_bytes("kode_peserta,fase\nPé,pre\n".encode("latin-1"))
    with pytest.raises(DataError) as info:
        save_answers(latin, "P01", "01", {"M1-01": "A"}, bank=bank)
    assert info.value.file == "lama.csv" and "UTF-8" in info.value.pesan
    with pytest.raises(DataError) as info:
        save_answers(123, "P01", "01", {"M1-01": "A"}, bank=bank)
    assert info.value.column == "path"


def test_semicolon_csv_and_unreadable_answer(tmp_path, bank):
    f = _write(tmp_path / "pre.csv", [["PA", "pre", "Z", "C", "tiga", "C"]], delimiter=";")
    sheet = read_answers(f, bank)
    assert sheet.answers.loc["PA", "M1-02"] == "C"
    assert sum("tidak terbaca" in n for n in sheet.notes) == 2


@pytest.mark.parametrize(
    ("content", "column", "row"),
    [
        ("", None, 1),
        ("nama,M1-01\nBudi,A\n", "kode_peserta", 1),
        ("kode_peserta,M9-99\nP1,A\n", "M9-99", 1),
        ("kode_peserta,M1-01\nP1,A,B\n", None, 2),
        ("kode_peserta,M1-01\nBudi Santoso,A\n", "kode_peserta", 2),
        ("kode_peserta,fase,M1-01\nP1,post,A\n", "fase", 2),
        ("kode_peserta,M1-01,M1-01\nP1,A,B\n", "M1-01", 1),
        ("kode_peserta,fase\nP1,pre\n", None, 1),
    ],
)
def test_malformed_csv_names_file_row_and_column(tmp_path, bank, content, column, row):
    f = tmp_path / "pretest.csv"
    f.write_text(content, encoding="utf-8")
    with pytest.raises(DataError) as info:
        read_answers(f, bank, phase="pre")
    err = info.value
    assert err.file == "pretest.csv" and err.row == row and err.column == column
    assert "pretest.csv" in err.pesan


def test_no_common_participant(tmp_path, bank):
    pre = _write(tmp_path / "pre.csv", [["PA", "pre", "B", "C", "0.3", "C"]])
    post = _write(tmp_path / "post.csv", [["PZ", "post", "B", "C", "0.3", "C"]])
    with pytest.raises(DataError, match="no participant code"):
        evaluate(pre, post, bank=bank)
    with pytest.raises(DataError):
        evaluate(pre, post, bank=bank, mastery_threshold=0)


def test_synthetic_class_round_trip(tmp_path, bank):
    pre, post = synthetic_class(n=12, seed=1, bank=bank, folder=tmp_path)
    rep = evaluate(pre, post, bank=bank)
    assert (
        len(rep.participants) == 10
        and rep.unmatched_pre == ["SIN01"]
        and rep.unmatched_post == ["SIN12"]
    )
    assert set(rep.items) == {it.id for it in bank.for_module("prepost")}
    assert rep.participants["post_persen"].mean() > rep.participants["pre_persen"].mean()
    pre2, _ = synthetic_class(n=12, seed=1, bank=bank, folder=tmp_path / "again")
    assert pre.read_text(encoding="utf-8") == pre2.read_text(
        encoding="utf-8"
    )  # seeded, deterministic


def test_one_file_per_computer_is_merged(tmp_path, bank):
    folder = tmp_path / "post"
    folder.mkdir()
    _write(folder / "laptop1.csv", [["PA", "post", "B", "C", "", ""]])
    _write(
        folder / "laptop2.csv",
        [["PA", "post", "", "", "0.3", "C"], ["PB", "post", "B", "A", "0.3", "C"]],
    )
    _write(folder / "laptop3.csv", [["PB", "post", "A", "", "", ""]])
    pre = _write(
        tmp_path / "pre.csv", [["PA", "pre", "A", "A", "", ""], ["PB", "pre", "B", "A", "", ""]]
    )
    rep = evaluate(pre, folder, bank=bank)
    assert list(rep.participants["post_persen"]) == [
        100,
        50,
    ]  # PA all 4; PB: M1-01 replaced by A (wrong)
    assert any("laptop3.csv: PB menjawab M1-01 juga di berkas lain" in n for n in rep.notes)
    rep2 = evaluate(pre, sorted(folder.glob("*.csv")), bank=bank)
    assert rep2.participants.equals(rep.participants)
    with pytest.raises(DataError):
        evaluate(pre, tmp_path / "kosong_tidak_ada", bank=bank)
    (tmp_path / "kosong").mkdir()
    with pytest.raises(DataError, match="no CSV"):
        evaluate(pre, tmp_path / "kosong", bank=bank)


def test_reaction_summary_by_hand(tmp_path, bank):
    from simulations.course.evaluation import reaction_summary, synthetic_reaction

    f = tmp_path / "reaksi.csv"
    f.write_text("kode_peserta,R01,R02,R09\nPA,5,2,bagus\nPB,4,,\nPC,3,4,\n", encoding="utf-8")
    r = reaction_summary(f, bank)
    assert r.loc["R01", "n"] == 3 and r.loc["R01", "rerata"] == pytest.approx(4.0)
    assert r.loc["R01", "setuju_persen"] == pytest.approx(200 / 3)
    assert r.loc["R02", "n"] == 2 and r.loc["R02", "rerata"] == pytest.approx(3.0)
    assert r.loc["R03", "n"] == 0 and math.isnan(r.loc["R03", "rerata"])
    f.write_text("kode_peserta,R01\nPA,6\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        reaction_summary(f, bank)
    assert info.value.row == 2 and info.value.column == "R01"
    f.write_text("kode_peserta,Q1\nPA,4\n", encoding="utf-8")
    with pytest.raises(DataError):
        reaction_summary(f, bank)
    assert len(reaction_summary(synthetic_reaction(n=5, folder=tmp_path, bank=bank), bank)) == 8


_PYTHON_VALUES = re.compile(r"\b(nan|NaN|None|True|False|inf)\b")


def _visible(page: str) -> str:
    """The report's HTML without the embedded figures (base64 text is not read by anyone)."""
    return re.sub(r'src="data:image/png;base64,[^"]*"', "", page)


@pytest.mark.parametrize("which", ["hand", "synthetic40"])
def test_trainer_facing_report_has_no_python_values_or_snake_case(
    which, hand_class, bank, tmp_path
):
    """Issue 19: no nan, True/False or snake_case headers in anything the trainer reads."""
    from simulations.course.report_tables import TABLES

    if which == "hand":  # PF scored 100 % on the pre-test: its g is undefined
        rep = evaluate(*hand_class, bank=bank)
    else:
        rep = evaluate(*synthetic_class(n=40, seed=2024, bank=bank, folder=tmp_path), bank=bank)
    page = _visible(report_html(rep))
    texts = [rep.summary(), *rep.next_steps(), page]
    for name in TABLES:
        table = rep.table(name)
        texts.append(table.to_string())
        headers = [table.index.name or "", *table.columns]
        assert not [h for h in headers if "_" in h], (name, headers)
        assert all(isinstance(v, str) for v in table.to_numpy().ravel()), name
    for text in texts:
        assert not _PYTHON_VALUES.search(text), _PYTHON_VALUES.search(text).group(0)
    assert not re.search(r"<th>[^<]*_[^<]*</th>", page)
    if which == "hand":
        assert rep.table("peserta").loc["PF", "N-gain g"] == "tidak terdefinisi"


def test_report_gives_intervals_and_ends_with_next_steps(bank, tmp_path):
    """Issue 19: every trainer-facing estimate has its 95 % interval; the report ends with what to do."""
    from simulations.core.formatting import format_id

    rep = evaluate(*synthetic_class(n=40, seed=2024, bank=bank, folder=tmp_path), bank=bank)
    lo, hi = rep.class_gain_ci
    assert lo < rep.class_gain < hi and hi - lo < 0.4
    summary = rep.summary()
    assert (
        f"<g> = {format_id(rep.class_gain, 2)} (IK 95 % {format_id(lo, 2)} sampai {format_id(hi, 2)})"
        in summary
    )
    for ci in (rep.pre_mean_ci, rep.post_mean_ci, rep.kr20_pre_ci, rep.kr20_post_ci):
        assert ci[0] < ci[1]
    assert all("[" in cell for cell in rep.table("modul")["Rerata post-test (%) [IK 95 %]"])
    page = _visible(report_html(rep))
    headings = re.findall(r"<h2>([^<]*)</h2>", page)
    assert headings[-1] == "Langkah berikutnya"
    steps = rep.next_steps()
    assert steps[-1].startswith("Laporkan N-gain kelas bersama intervalnya")
    assert f"<g> = {format_id(rep.class_gain, 2)} (IK 95 %" in steps[-1]
    below = rep.objectives[rep.objectives["di_bawah_ambang"]]
    for objective in below.index:  # every objective below the threshold is named
        assert any(f"tujuan {objective} " in s for s in steps)
    assert page.rstrip().endswith("</html>") and page.index("Langkah berikutnya") > page.index(
        "Catatan pembacaan data"
    )
