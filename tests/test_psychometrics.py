"""KR-20, point-biserial, distractor analysis, Marx & Cummings' c — each against a hand-computed class."""

from __future__ import annotations

import csv
import math

import numpy as np
import pandas as pd
import pytest

from simulations.course.evaluation import (
    AnswerSheet,
    distractor_analysis,
    evaluate,
    item_analysis,
    kr20,
    normalised_change,
    point_biserial,
    report_html,
    synthetic_class,
)
from simulations.course.quiz import load_bank

# Five participants x four items, worked by hand in the comments below.
#        i1 i2 i3 i4   total
#   P1    1  1  1  1     4
#   P2    1  1  1  0     3
#   P3    1  1  0  0     2
#   P4    1  0  0  0     1
#   P5    0  0  0  1     1
SCORES = pd.DataFrame(
    [[1, 1, 1, 1], [1, 1, 1, 0], [1, 1, 0, 0], [1, 0, 0, 0], [0, 0, 0, 1]],
    index=["P1", "P2", "P3", "P4", "P5"],
    columns=["i1", "i2", "i3", "i4"],
)


@pytest.fixture(scope="module")
def bank():
    return load_bank()


def test_kr20_by_hand():
    # p = .8 .6 .4 .4 -> sum pq = .16 + .24 + .24 + .24 = .88
    # totals 4 3 2 1 1: mean 2.2, population variance (3.24+.64+.04+1.44+1.44)/5 = 1.36
    # KR20 = 4/3 * (1 - .88/1.36) = 0.470588...
    assert kr20(SCORES) == pytest.approx(4 / 3 * (1 - 0.88 / 1.36))
    assert kr20(SCORES) == pytest.approx(0.4705882, abs=1e-7)


def test_kr20_degenerate_cases_are_nan():
    assert math.isnan(kr20(SCORES[["i1"]]))  # one item
    assert math.isnan(kr20(SCORES.iloc[:1]))  # one participant
    assert math.isnan(kr20(pd.DataFrame([[1, 0], [1, 0]], columns=["a", "b"])))  # no variance


def test_point_biserial_by_hand_and_negative_flag():
    r = point_biserial(SCORES)
    # i4 = 1 0 0 0 1; rest = total - i4 = 3 3 2 1 0 (mean 1.8)
    # cov = mean((x-.4)(y-1.8)) = (.72 - .48 - .08 + .32 - 1.08)/5 = -.12
    # var(x) = .24, var(rest) = (1.44+1.44+.04+.64+3.24)/5 = 1.36
    assert r["i4"] == pytest.approx(-0.12 / math.sqrt(0.24 * 1.36))
    # i1 = 1 1 1 1 0; rest = 3 2 1 0 1 (mean 1.4)
    # cov = mean((x-.8)(y-1.4)) = (.2*1.6 + .2*.6 + .2*-.4 + .2*-1.4 + -.8*-.4)/5 = .4/5 = .08
    # var(x) = .16, var(rest) = (2.56+.36+.16+1.96+.16)/5 = 1.04
    assert r["i1"] == pytest.approx(0.08 / math.sqrt(0.16 * 1.04))
    table = item_analysis(SCORES)
    assert table.loc["i4", "tanda"].startswith("r_pb negatif")
    assert table.loc["i1", "tanda"] == ""
    assert math.isnan(point_biserial(pd.DataFrame({"a": [1, 1, 1], "b": [0, 1, 0]}))["a"])


def test_marx_cummings_normalised_change_by_hand():
    assert normalised_change(50, 25) == pytest.approx(-0.5)  # fell: (25-50)/50
    assert normalised_change(80, 100) == pytest.approx(1.0)  # rose: 20/20
    assert normalised_change(40, 70) == pytest.approx(0.5)  # rose: 30/60
    assert normalised_change(90, 50) == pytest.approx(-40 / 90)  # Hake's g would be -4
    assert normalised_change(40, 40) == 0.0
    assert math.isnan(normalised_change(100, 100)) and math.isnan(normalised_change(0, 0))
    assert normalised_change(10, 0) == pytest.approx(-1.0)  # the lower bound


def test_distractor_analysis_by_hand(bank):
    item = bank["M1-01"]  # options A-D, key B
    answers = pd.DataFrame(
        {"M1-01": ["B", "B", "C", "C", "Z"]}, index=["P1", "P2", "P3", "P4", "P5"], dtype=object
    )
    scores = pd.DataFrame({"M1-01": [1, 1, 0, 0, 0], "M1-02": [1, 0, 1, 0, 0]}, index=answers.index)
    # totals 2 1 1 0 0; groups of round(.27*5) = 1: lower = P4 (first of the 0-scorers), upper = P1
    table = distractor_analysis(AnswerSheet(answers, "x", 5), bank, ["M1-01"], scores)
    by = table.set_index("pilihan")
    assert list(table["pilihan"]) == [*item.options, "(kosong)"]
    assert by.loc["B", "n"] == 2 and bool(by.loc["B", "kunci"]) and by.loc["B", "atas"] == 1
    assert by.loc["C", "n"] == 2 and by.loc["C", "bawah"] == 1 and by.loc["C", "atas"] == 0
    assert by.loc["A", "n"] == 0 and by.loc["A", "tanda"] == "tidak dipilih siapa pun"
    assert by.loc["(kosong)", "n"] == 1  # "Z" is not an option: unreadable, counted, not dropped
    assert by["n"].sum() == 5 and by.loc["B", "persen"] == pytest.approx(40.0)
    # a wrong option chosen by the upper group more than the lower group is flagged
    answers2 = pd.DataFrame({"M1-01": ["D", "B", "B", "B", "A"]}, index=answers.index, dtype=object)
    scores2 = pd.DataFrame(
        {"M1-01": [0, 1, 1, 1, 0], "M1-02": [1, 0, 0, 0, 0]}, index=answers.index
    )
    # totals 1 1 1 1 0: lower = P5, upper = P4 ... D (P1) is not in either group -> no flag
    t2 = distractor_analysis(AnswerSheet(answers2, "x", 5), bank, ["M1-01"], scores2).set_index(
        "pilihan"
    )
    assert t2.loc["D", "tanda"] == "" and t2.loc["A", "bawah"] == 1
    scores3 = pd.DataFrame(
        {"M1-01": [0, 1, 1, 1, 0], "M1-02": [2, 0, 0, 0, 0]}, index=answers.index
    )
    t3 = distractor_analysis(AnswerSheet(answers2, "x", 5), bank, ["M1-01"], scores3).set_index(
        "pilihan"
    )
    assert t3.loc["D", "atas"] == 1 and t3.loc["D", "tanda"] == "menarik kelompok atas"


def _write(path, header, rows):
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(rows)
    return path


def test_report_fields_on_a_hand_class(tmp_path, bank):
    items = ["M1-01", "M1-02", "M3-03", "M4-01"]  # keys B, C, C, A
    assert [bank[i].key for i in items] == ["B", "C", "C", "A"]
    h = ("kode_peserta", "fase", *items)
    pre = _write(
        tmp_path / "pre.csv",
        h,
        [
            ["PA", "pre", "B", "A", "A", "B"],  # 25 %
            ["PB", "pre", "B", "C", "A", "B"],  # 50 %
            ["PC", "pre", "B", "C", "C", "B"],  # 75 %
        ],
    )
    post = _write(
        tmp_path / "post.csv",
        h,
        [
            ["PA", "post", "B", "C", "C", "A"],  # 100 %
            ["PB", "post", "B", "C", "C", "B"],  # 75 %
            ["PC", "post", "B", "A", "A", "B"],  # 25 % (fell)
        ],
    )
    rep = evaluate(pre, post, bank=bank)
    p = rep.participants
    # g: PA (100-25)/75 = 1; PB (75-50)/50 = .5; PC (25-75)/25 = -2
    assert list(p["n_gain"]) == pytest.approx([1.0, 0.5, -2.0])
    # c: PA 1; PB .5; PC (25-75)/75 = -2/3
    assert list(p["c_marx"]) == pytest.approx([1.0, 0.5, -2 / 3])
    assert rep.mean_individual_gain == pytest.approx(-0.5 / 3)
    assert rep.mean_normalised_change == pytest.approx((1.5 - 2 / 3) / 3)
    # class gain on means: pre 50, post 66.67 -> 16.67 / 50
    assert rep.class_gain == pytest.approx((200 / 3 - 50) / 50)
    assert list(rep.fell.index) == ["PC"]
    # KR-20 of the post form: totals 4 3 1 -> var = (16+9+1)/3 - (8/3)^2 = 14/9
    # p = 1, 2/3, 2/3, 1/3 -> sum pq = 0 + 2/9 + 2/9 + 2/9 = 6/9
    assert rep.kr20_post == pytest.approx(4 / 3 * (1 - (6 / 9) / (14 / 9)))
    assert "Marx & Cummings" in rep.summary() and "PC -0,67" in rep.summary()
    page = report_html(rep)
    assert "KR-20" in page and "Analisis pengecoh" in page


def test_report_escapes_html_in_every_text_field(tmp_path, bank):
    pre, post = synthetic_class(n=8, seed=3, bank=bank, folder=tmp_path)
    rep = evaluate(pre, post, bank=bank)
    evil = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    rep.title = evil
    rep.notes.append(evil)
    rep.unmatched_pre.append(evil)
    rep.participants.index = [evil + str(i) for i in range(len(rep.participants))]
    rep.distractors_post.loc[0, "teks"] = evil
    rep.distractors_post.loc[0, "tanda"] = "menarik kelompok atas"
    page = report_html(rep)
    assert "<script" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_figures_plot_the_report_data(tmp_path, bank):
    from simulations.plots.evaluation import figures

    pre, post = synthetic_class(n=10, seed=5, bank=bank, folder=tmp_path)
    rep = evaluate(pre, post, bank=bank)
    figs = figures(rep)
    ax = figs["peserta"].axes[0]
    ordered = rep.participants.sort_values("pre_persen")
    pre_pts = ax.collections[1].get_offsets()[:, 0]
    post_pts = ax.collections[2].get_offsets()[:, 0]
    assert np.allclose(pre_pts, ordered["pre_persen"]) and np.allclose(
        post_pts, ordered["post_persen"]
    )
    assert [t.get_text() for t in ax.get_yticklabels()] == list(ordered.index)
    bars = figs["modul"].axes[0].patches
    assert [b.get_height() for b in bars[: len(rep.mastery)]] == pytest.approx(
        list(rep.mastery["rerata_pre"])
    )
    scatter = figs["butir"].axes[0].collections[0].get_offsets()
    assert np.allclose(scatter[:, 0], rep.items_post["p"]) and np.allclose(
        scatter[:, 1], rep.items_post["D"], equal_nan=True
    )
    import matplotlib.pyplot as plt

    for f in figs.values():
        plt.close(f)


def test_synthetic_class_of_40_report_figures(tmp_path, bank):
    """The figures quoted in the closing note (synthetic class of 40, seed 2024)."""
    pre, post = synthetic_class(n=40, seed=2024, bank=bank, folder=tmp_path)
    rep = evaluate(pre, post, bank=bank)
    print("\nSYNTHETIC CLASS OF 40:", rep.summary())
    print("items with negative r_pb:", rep.negative_items)
    flagged = rep.distractors_post[rep.distractors_post["tanda"] != ""]
    print(
        "flagged distractors (post):",
        len(flagged),
        "of",
        (rep.distractors_post["pilihan"] != "(kosong)").sum(),
    )
    assert len(rep.participants) == 38
    assert 0 < rep.kr20_post <= 1
    assert rep.participants["post_persen"].mean() > rep.participants["pre_persen"].mean()
