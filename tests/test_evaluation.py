"""Evaluation report on a small hand-computed class, and clear errors on malformed CSVs."""

from __future__ import annotations

import csv
import math
from pathlib import Path

import pytest
from html_wellformed import assert_well_formed

from simulations.core.errors import DataError
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
    f = _write(
        tmp_path / "pre.csv", [["PA", "pre", "B", "", "", ""], ["PA", "pre", "C", "C", "", ""]]
    )
    sheet = read_answers(f, bank)
    assert sheet.rows_read == 2 and len(sheet.answers) == 1
    assert sheet.answers.loc["PA", "M1-01"] == "C"
    assert any("M1-01 lagi" in n for n in sheet.notes)


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
