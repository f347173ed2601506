"""The faster evaluation gives the numbers of the plain computation, bit for bit.

``evaluate`` runs once per simulated class in ``tests/test_recovery.py`` (400 classes) and once per
inbox report in notebook 08, so its hot parts count distinct answers once, read NumPy arrays
instead of a pandas Series per item or module, cache interval quantiles and Fisher's test per
table. Here each of those parts is compared with the plain computation it replaced (kept only in
this file: per cell, per option, per module with pandas), on SYNTHETIC classes with messy answers
(blank, unreadable, lower case, padded, numbers as text), with ``assert_frame_equal(check_exact=True)``
— same values, dtypes, column order and labels.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from simulations.core.errors import DataError
from simulations.course import intervals
from simulations.course.answer_codes import _TOKEN, payload_tokens
from simulations.course.chat_text import clean_text
from simulations.course.evaluation import (
    NONFUNCTIONAL,
    PERCENT,
    AnswerSheet,
    _groups,
    _objective_key,
    distractor_analysis,
    evaluate,
    item_analysis,
    score,
)
from simulations.course.item_labels import KEY_FLAG, REVISE, REVISE_FLAG
from simulations.course.quiz import check_answer, load_bank

SEEDS = range(6)


@pytest.fixture(scope="module")
def bank():
    return load_bank()


def synthetic_sheet(bank, seed: int, n: int = 40, phase_shift: float = 0.0) -> AnswerSheet:
    """A SYNTHETIC class: correct with probability σ(θ − b), else a wrong option, a blank, an
    unreadable or a differently written answer (``" b "``, ``"0,3"``)."""
    rng = np.random.default_rng(seed)
    form = bank.for_module("prepost")
    theta = rng.normal(phase_shift, 1.0, n)
    b = stats.norm.ppf((np.arange(len(form)) + 0.5) / len(form))
    rows = []
    for i in range(n):
        row = []
        for j, it in enumerate(form):
            u = rng.random()
            if u < 1 / (1 + math.exp(-(theta[i] - b[j]))):
                ans = it.key if it.kind == "pilihan_ganda" else f"{it.key:g}"
                if rng.random() < 0.1:  # written differently, still right
                    ans = (
                        f" {str(ans).lower()} "
                        if it.kind == "pilihan_ganda"
                        else f"{ans}".replace(".", ",")
                    )
            elif rng.random() < 0.15:
                ans = ("", "?", "zz", "1,5")[rng.integers(4)]
            elif it.kind == "pilihan_ganda":
                wrong = [k for k in it.options if k != it.key]
                ans = wrong[rng.integers(len(wrong))]
            else:
                ans = f"{it.key + 7:g}"
            row.append(ans)
        rows.append(row)
    frame = pd.DataFrame(
        rows, index=[f"S{i:02d}" for i in range(n)], columns=[it.id for it in form], dtype=object
    )
    frame.index.name = "kode_peserta"
    return AnswerSheet(frame, f"sintetis {seed}", n)


# --- the plain computations the fast code replaced --------------------------------------------
def plain_score(sheet, bank, items):
    answers = sheet.answers
    return pd.DataFrame(
        [
            [int(c in answers and check_answer(bank[c], answers.at[code, c])) for c in items]
            for code in answers.index
        ],
        index=answers.index,
        columns=items,
    )


def plain_distractors(sheet, bank, items, scores, group_share=0.27):
    n = len(scores)
    lower, upper = _groups(scores.sum(axis=1), group_share)
    up, low = scores.index.isin(upper), scores.index.isin(lower)
    nu, nl = int(up.sum()), int(low.sum())
    rows = []
    for item_id in items:
        item = bank[item_id]
        if item.kind != "pilihan_ganda":
            continue
        col = (
            sheet.answers[item_id].reindex(scores.index).fillna("")
            if item_id in sheet.answers
            else pd.Series("", index=scores.index)
        )
        chosen = np.array(
            [a if (a := str(v).strip().upper()) in item.options else "(kosong)" for v in col],
            dtype=object,
        )
        for opt in [*item.options, "(kosong)"]:
            mask = chosen == opt
            count, top, bottom = int(mask.sum()), int(mask[up].sum()), int(mask[low].sum())
            is_key = opt == item.key
            note = flag = ""
            if opt != "(kosong)" and not is_key:
                if count == 0:
                    note = "tidak dipilih siapa pun"
                elif top > bottom:
                    note = "lebih sering dipilih kelompok atas"
                if intervals._wilson.__wrapped__(float(count), float(n), 0.95)[1] < NONFUNCTIONAL:
                    flag = "tidak berfungsi (dipilih < 5 % peserta, IK 95 %)"
                elif top > bottom:
                    test = stats.fisher_exact(
                        [[top, nu - top], [bottom, nl - bottom]], alternative="greater"
                    )
                    if test.pvalue < 0.05:
                        flag = "menarik kelompok atas (uji Fisher, p < 0,05)"
            rows.append(
                {
                    "soal": item_id,
                    "pilihan": opt,
                    "kunci": is_key,
                    "teks": item.options.get(opt, "tidak dijawab / tidak terbaca")[:60],
                    "n": count,
                    "persen": 100.0 * count / n,
                    "atas": top,
                    "bawah": bottom,
                    "keterangan": note,
                    "tanda": flag,
                }
            )
    return pd.DataFrame(rows)


def plain_flags(table: pd.DataFrame) -> list[str]:
    out = []
    for _, row in table.iterrows():
        if not math.isnan(row["r_pb_atas"]) and row["r_pb_atas"] < 0:
            out.append(KEY_FLAG)
        else:
            out.append(REVISE_FLAG if row["daya_pembeda"] == REVISE else "")
    return out


def plain_modules(report, pre_sc, post_sc, bank):
    both = list(report.participants.index)
    rows = []
    pre_b, post_b = pre_sc.loc[both], post_sc.loc[both]
    for module in sorted({bank[i].module for i in report.items}):
        mi = [i for i in report.items if bank[i].module == module]
        pre_m, post_m = pre_b[mi].mean(axis=1) * 100, post_b[mi].mean(axis=1) * 100
        rows.append(
            {
                "modul": module,
                "rerata_pre": pre_m.mean(),
                "rerata_post": post_m.mean(),
                "rerata_pre_bawah": intervals.mean_interval(pre_m, bounds=PERCENT)[0],
                "rerata_post_atas": intervals.mean_interval(post_m, bounds=PERCENT)[1],
                "tuntas_post": 100.0
                * int((post_m >= report.mastery_threshold - 1e-9).sum())
                / len(both),
            }
        )
    return pd.DataFrame(rows).set_index("modul")


def plain_objectives(report, pre_sc, post_sc, bank):
    both, items = list(report.participants.index), report.items
    rows = []
    for objective in sorted({bank[i].objective for i in items}, key=_objective_key):
        oi = [i for i in items if bank[i].objective == objective]
        pre_o = pd.Series(pre_sc.loc[both, oi].to_numpy(dtype=float).mean(axis=1) * 100)
        post_o = pd.Series(post_sc.loc[both, oi].to_numpy(dtype=float).mean(axis=1) * 100)
        rows.append(
            {
                "tujuan": objective,
                "rerata_pre": float(pre_o.mean()),
                "rerata_post": float(post_o.mean()),
                "rerata_pre_atas": intervals.mean_interval(pre_o, bounds=PERCENT)[1],
                "rerata_post_bawah": intervals.mean_interval(post_o, bounds=PERCENT)[0],
            }
        )
    return pd.DataFrame(rows).set_index("tujuan")


def _same(a: pd.DataFrame, b: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(
        a, b, check_exact=True, check_index_type=True, check_column_type=True
    )
    assert list(a.dtypes.astype(str)) == list(b.dtypes.astype(str))


# --- the comparisons ----------------------------------------------------------------------------
@pytest.mark.parametrize("seed", SEEDS)
def test_score_and_distractors_equal_the_per_cell_computation(bank, seed):
    sheet = synthetic_sheet(bank, seed, n=(40, 25, 90, 7, 40, 40)[seed])
    items = list(sheet.answers.columns)
    if seed == 4:  # cells that are not text: None, NaN, numbers, True (== 1 but not a number)
        sheet.answers.iloc[0, :4] = [None, np.nan, 3, True]
        sheet.answers.iloc[1, 16:20] = [1, True, 0.3, None]
    if seed == 5:  # an item nobody answered (no column)
        sheet = AnswerSheet(sheet.answers.drop(columns=items[:2]), sheet.file, 40)
    scores = score(sheet, bank, items)
    _same(scores, plain_score(sheet, bank, items))
    _same(
        distractor_analysis(sheet, bank, items, scores),
        plain_distractors(sheet, bank, items, scores),
    )
    # the score matrix's participants in another order, five of them missing in the sheet
    fewer = AnswerSheet(sheet.answers.iloc[5:], sheet.file, len(sheet.answers) - 5)
    reordered = scores.iloc[::-1]
    _same(
        distractor_analysis(fewer, bank, items, reordered),
        plain_distractors(fewer, bank, items, reordered),
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_item_flags_and_intervals_equal_the_scalar_functions(bank, seed):
    n = (40, 25, 90, 3, 2, 40)[seed]
    scores = score(synthetic_sheet(bank, seed, n=n), bank, [i.id for i in bank.prepost])
    if seed == 2:  # items whose key looks wrong (stronger participants fail) or that are noise
        total = scores.sum(axis=1)
        for c in scores.columns[:3]:
            scores[c] = (total < total.median()).astype(int)
        rng, weak = np.random.default_rng(2), (total < total.median()).to_numpy()
        for c in scores.columns[3:9]:  # weakly reversed: D's whole interval below 0.20
            scores[c] = (rng.random(n) < np.where(weak, 0.4, 0.25)).astype(int)
    table = item_analysis(scores)
    assert list(table["tanda"]) == plain_flags(table)
    if seed == 2:
        assert {KEY_FLAG, REVISE_FLAG} <= set(table["tanda"])
    n = len(scores)
    for c, row in table.iterrows():
        k = int(scores[c].sum())
        lo, hi = intervals._wilson.__wrapped__(float(k), float(n), 0.95)
        assert (row["p_bawah"], row["p_atas"]) == (lo, hi)
        assert row["p"] == float(scores[c].mean())


@pytest.mark.parametrize("seed", SEEDS[:3])
def test_module_and_objective_tables_equal_pandas_means(bank, seed):
    pre, post = (
        synthetic_sheet(bank, seed, phase_shift=-0.5),
        synthetic_sheet(bank, 100 + seed, phase_shift=0.5),
    )
    post = AnswerSheet(post.answers.iloc[2:], post.file, 38)  # two dropouts
    report = evaluate(pre, post, bank=bank, mastery_threshold=(75, 60, 50)[seed])
    items = report.items
    pre_sc, post_sc = score(pre, bank, items), score(post, bank, items)
    modules = plain_modules(report, pre_sc, post_sc, bank)
    _same(report.mastery[modules.columns], modules)
    objectives = plain_objectives(report, pre_sc, post_sc, bank)
    _same(report.objectives[objectives.columns], objectives)


def test_cached_quantiles_equal_scipy():
    for df in (1, 2, 5, 39, 120):
        assert intervals._t(0.95, df) == float(stats.t.ppf(0.975, df))
    assert intervals._f(0.025, 39, 5811) == float(stats.f.ppf(0.025, 39, 5811))
    wilson = intervals._wilson.__wrapped__
    for k1 in range(12):  # groups of 11 (27 % of 40), computed with ints as before the cache
        for k2 in range(12):
            p1, p2 = k1 / 11, k2 / 11
            (l1, u1), (l2, u2) = wilson(k1, 11, 0.95), wilson(k2, 11, 0.95)
            plain = (
                max(-1.0, p1 - p2 - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)),
                min(1.0, p1 - p2 + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)),
            )
            assert intervals.newcombe_difference(k1, 11, k2, 11) == plain
    for n in (1, 7, 40):
        for k in range(n + 1):
            assert intervals.wilson_interval(k, n) == intervals._wilson.__wrapped__(
                float(k), float(n), 0.95
            )


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ABCDEX?0123456789(),-", max_size=40))
def test_payload_tokens_read_as_one_symbol_after_another(payload):
    expected, pos = [], 0
    while pos < len(payload) and (m := _TOKEN.match(payload, pos)):
        expected.append(m.group(0))
        pos = m.end()
    if pos == len(payload):
        assert payload_tokens(payload, _TOKEN) == expected
    else:
        with pytest.raises(DataError) as info:
            payload_tokens(payload, _TOKEN)
        assert info.value.pesan == f"Simbol jawaban ke-{pos + 1} tidak terbaca."


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=60))
def test_clean_text_leaves_ascii_unchanged(text):
    # parse_code relies on it to skip cleaning a token already read from a cleaned line
    assert clean_text(text) == (text, set())
