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
    assert table.loc["i4", "r_pb"] == pytest.approx(r["i4"]) and table.loc["i4", "r_pb"] < 0
    # issue 19: with five participants the interval of r spans 0 — no "periksa kunci" on noise
    assert table.loc["i4", "r_pb_bawah"] < 0 < table.loc["i4", "r_pb_atas"]
    assert table.loc["i4", "tanda"] == "" and table.loc["i1", "tanda"] == ""
    assert math.isnan(point_biserial(pd.DataFrame({"a": [1, 1, 1], "b": [0, 1, 0]}))["a"])


def _rasch_scores(n: int, k: int, seed: int, miskeyed: int | None = None) -> pd.DataFrame:
    """0/1 answers of a SYNTHETIC class (Rasch model); item ``miskeyed`` scored against a wrong key."""
    rng = np.random.default_rng(seed)
    theta = rng.normal(0, 1.2, n)
    b = np.linspace(-1.5, 1.5, k)
    x = (rng.random((n, k)) < 1 / (1 + np.exp(-(theta[:, None] - b)))).astype(int)
    if miskeyed is not None:  # the key marks the option the strong participants avoid
        x[:, miskeyed] = (rng.random(n) < 1 / (1 + np.exp(theta))).astype(int)
    return pd.DataFrame(x, columns=[f"i{j}" for j in range(k)])


def test_key_flag_needs_the_whole_interval_below_zero():
    """Issue 19: "periksa kunci" fires on evidence (a miskeyed item), not on sampling noise."""
    from simulations.course.evaluation import KEY_FLAG

    noisy = 0
    for seed in range(20):  # 20 honest classes of 30: flags would be false alarms
        table = item_analysis(_rasch_scores(30, 20, seed))
        noisy += int((table["tanda"] == KEY_FLAG).sum())
        assert (table["r_pb_bawah"] <= table["r_pb"]).all() and (
            table["r_pb"] <= table["r_pb_atas"]
        ).all()
    # each flag is a 2.5 % one-sided error on an item whose true r is > 0: expect ~0 of 400
    assert noisy <= 2
    for seed in range(5):  # a miskeyed item in a class of 40 (true r about -0.5) is caught
        table = item_analysis(_rasch_scores(40, 20, seed=seed, miskeyed=3))
        assert table.loc["i3", "tanda"] == KEY_FLAG and table.loc["i3", "r_pb_atas"] < 0
        assert (table.drop(index="i3")["tanda"] != KEY_FLAG).all()


def test_mastered_items_are_labelled_mastered_not_to_revise():
    """Issue 19: an item every participant answered correctly cannot discriminate: it is mastered."""
    from simulations.course.evaluation import MASTERED, REVISE

    scores = _rasch_scores(30, 6, seed=1)
    scores["i0"] = 1
    post = item_analysis(scores, phase="post")
    pre = item_analysis(scores, phase="pre")
    assert post.loc["i0", "daya_pembeda"] == MASTERED["post"] == "dikuasai semua peserta"
    assert pre.loc["i0", "daya_pembeda"] == "sudah dikuasai semua sebelum pelatihan"
    assert post.loc["i0", "tanda"] == "" and REVISE not in set(post["daya_pembeda"])
    # D < 0.20 whose interval still reaches 0.20: "rendah, belum pasti", not "perlu direvisi"
    table = item_analysis(SCORES)
    low = table[(table["D"] < 0.2) & (table["p"] < 1) & (table["p"] > 0)]
    assert (low["daya_pembeda"] == "rendah, belum pasti").all()


def test_intervals_agree_with_scipy_and_the_formulae():
    from scipy import stats

    from simulations.course import intervals as iv

    for k, n in ((0, 10), (3, 10), (10, 10), (17, 40)):
        ref = stats.binomtest(k, n).proportion_ci(0.95, method="wilson")
        assert iv.wilson_interval(k, n) == pytest.approx((ref.low, ref.high), abs=1e-9)
    x = np.array([1, 0, 1, 1, 0, 1, 0, 1, 1, 1], dtype=float)
    y = np.array([5, 2, 6, 4, 3, 7, 1, 6, 5, 2], dtype=float)
    ref = stats.pearsonr(x, y).confidence_interval(0.95)
    assert iv.pearson_interval(x, y) == pytest.approx((ref.low, ref.high), abs=1e-9)
    # Newcombe (1998) Table II, example (h): 56/70 - 48/80 -> 0.0524 to 0.3339 (method 10)
    assert iv.newcombe_difference(56, 70, 48, 80) == pytest.approx((0.0524, 0.3339), abs=5e-5)
    lo, hi = iv.feldt_interval(0.8, 40, 20)
    f = stats.f
    assert lo == pytest.approx(1 - 0.2 * f.ppf(0.975, 39, 39 * 19))
    assert hi == pytest.approx(1 - 0.2 * f.ppf(0.025, 39, 39 * 19))
    assert all(math.isnan(v) for v in iv.class_gain_interval([50], [70]))
    g_lo, g_hi = iv.class_gain_interval([40, 50, 60, 30], [70, 80, 75, 60])
    g = (71.25 - 45) / 55
    assert g_lo < g < g_hi


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
    assert by.loc["A", "n"] == 0 and by.loc["A", "keterangan"] == "tidak dipilih siapa pun"
    # issue 19: 0 of 5 is no evidence that A does not work (Wilson upper bound 43 % > 5 %)
    assert by.loc["A", "tanda"] == ""
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
    assert (
        t3.loc["D", "atas"] == 1
        and t3.loc["D", "keterangan"] == "lebih sering dipilih kelompok atas"
    )
    # issue 19: one participant of the upper group vs none of the lower is noise (Fisher p = 0.5)
    assert t3.loc["D", "tanda"] == ""


def test_distractor_flags_need_statistical_support(bank):
    item = bank["M1-01"]  # key B
    n = 100
    index = [f"P{i:03d}" for i in range(n)]
    # the upper 27 pick wrong option D, the lower 27 the key; nobody at all picks A
    chosen = ["D"] * 27 + ["C"] * 19 + ["B"] * 27 + ["C"] * 27
    total = list(range(n, 0, -1))
    scores = pd.DataFrame({"M1-01": [int(c == "B") for c in chosen], "M1-02": total}, index=index)
    answers = pd.DataFrame({"M1-01": chosen}, index=index, dtype=object)
    table = distractor_analysis(AnswerSheet(answers, "x", n), bank, ["M1-01"], scores).set_index(
        "pilihan"
    )
    assert item.key == "B"
    assert table.loc["D", "tanda"].startswith("menarik kelompok atas")
    assert table.loc["A", "tanda"].startswith("tidak berfungsi")  # 0/100: upper bound 3.7 % < 5 %
    assert table.loc["C", "tanda"] == ""


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
