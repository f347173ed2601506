"""A test-wise participant who knows nothing of the course must not beat blind guessing.

Test-wise strategies (Millman, Bishop & Ebel 1965, "An analysis of test-wiseness", *Educational and
Psychological Measurement* 25(3):707-726; Haladyna, Downing & Rodriguez 2002, "A review of
multiple-choice item-writing guidelines", *Applied Measurement in Education* 15(3):309-333) are cues in
the wording of an item that point at the key without any knowledge of the content. This module plays
such a participant on ``curriculum/bank_soal.yaml``:

* **length** — pick the longest, second longest, second shortest or shortest option (the key written
  with more care tends to be longer; a writer who knows that may make it second longest);
* **absolute words** — drop options with "selalu", "tidak pernah", "hanya", "semua", "pasti", …
  (sweeping claims are usually wrong);
* **justification clauses** — drop options with "karena", "sehingga", "agar", … (a distractor padded
  with a reason to look plausible);
* **hedges** — prefer options with "biasanya", "cenderung", "bisa", "belum", … (a careful key hedges);
* **stem echo** — pick the option sharing most (or, reversed, fewest) content words with the question;
* **convergence** — pick the option sharing most content words with the other options (the key is
  often the one the distractors were varied from), or the odd one out;
* **other items** — pick the option sharing most content words with the *other* questions of the
  same form (Millman et al.'s "use of information in other items": one stem handing over another
  item's answer, as M3-01's formula once answered M3-03);
* **combinations** — every elimination (none, absolute, justification, both) followed by every pick.

Every score is an exact expectation, not a sample: when a rule leaves several options tied, the
participant picks one of them at random, so the rule scores ``1/len(tied)`` if the key is among them.
Only multiple-choice items are played (a numeric answer cannot be guessed from the wording); every one
has four options, so blind guessing scores 25 %.

The bar (issue 19): no rule scores more than 10 percentage points above chance on the pre/post form or on
the whole bank, and the key's length rank is spread over all four positions (chi-square goodness of fit,
5 %). The rules are the participant's, not the writer's: when a rule wins, rewrite the items.

Run ``python tests/test_testwise_solver.py`` (or pytest with ``-s``) for the table of every rule.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import product

import pytest
from scipy import stats

from simulations.course.quiz import Item, QuestionBank, load_bank

MARGIN = 0.10
"""Largest allowed score above chance (10 percentage points), on the pre/post form and on the bank."""

ALPHA = 0.05
"""Significance level of the chi-square test of the key's length rank."""

ABSOLUTE = (
    "selalu",
    "tidak pernah",
    "hanya",
    "semua",
    "semuanya",
    "seluruh",
    "seluruhnya",
    "pasti",
    "sepenuhnya",
    "satu-satunya",
    "sama sekali",
    "mutlak",
    "setiap",
    "tidak ada",
    "mustahil",
    "tanpa kecuali",
)
"""Absolute words a test-wise reader distrusts (Indonesian "always, never, only, all, certainly …")."""

JUSTIFICATION = ("karena", "sebab", "sehingga", "agar", "supaya", "maka", "demi", "oleh karena itu")
"""Connectives that add a reason or purpose clause to an option."""

HEDGES = (
    "biasanya",
    "umumnya",
    "cenderung",
    "mungkin",
    "bisa",
    "dapat",
    "sebagian",
    "kadang",
    "belum",
    "sering",
)
"""Qualifiers a test-wise reader trusts ("usually, tends to, can, partly, not yet …")."""

STOPWORDS = frozenset(
    """yang dan di ke dari untuk dengan atau ini itu pada adalah dalam oleh akan sebagai juga para
    bagi tentang antara saat ada tidak bukan lebih paling apa siapa mana bila jika kita anda mereka
    ia nya se sudah telah masih harus perlu tiap per satu dua tiga lalu tetapi namun serta maupun
    karena sebab sehingga agar supaya sebelum sesudah setelah sampai hingga pun secara atas tanpa
    saja lagi dulu berapa bagaimana mengapa kapan apakah yaitu yakni seperti kemudian""".split()
)
"""Function words (articles, prepositions, conjunctions, question words) ignored when counting shared
words: the cue is shared *content* words. Absolute words, connectives and hedges have rules of their own."""

_WORD = re.compile(r"\w+(?:-\w+)*")


def normalise(text: str) -> str:
    """Return ``text`` in NFKC, lower case, with single spaces."""
    return " ".join(unicodedata.normalize("NFKC", text).lower().split())


def content_words(text: str) -> frozenset[str]:
    """Return the distinct content words of ``text`` (lower case, without :data:`STOPWORDS`)."""
    return frozenset(w for w in _WORD.findall(normalise(text)) if w not in STOPWORDS)


def has_any(text: str, phrases: Iterable[str]) -> bool:
    """Return True when ``text`` contains one of ``phrases`` as whole words."""
    t = normalise(text)
    return any(re.search(_phrase(p), t) for p in phrases)


def _phrase(phrase: str) -> str:
    words = r"\s+".join(re.escape(w) for w in phrase.split())
    return rf"(?<![\w-]){words}(?![\w-])"


# ------------------------------------------------------------------------------ picks
# Each pick returns the probability that the participant chooses the key among ``ids`` (option ids
# left after elimination), given ``others``: the content words of the other questions on the same
# form. Ties are broken at random, so the probability is exact.

Pick = Callable[[Item, Sequence[str], frozenset[str]], float]


def _uniform(item: Item, ids: Sequence[str], _others: frozenset[str] = frozenset()) -> float:
    return 1 / len(ids) if item.key in ids else 0.0


def _length_rank(rank: int, *, from_top: bool) -> Pick:
    def pick(item: Item, ids: Sequence[str], _others: frozenset[str] = frozenset()) -> float:
        if item.key not in ids:
            return 0.0
        r = min(rank, len(ids))
        length = {i: len(normalise(item.options[i])) for i in ids}
        key = length[item.key]
        ahead = sum((v > key) if from_top else (v < key) for v in length.values())
        tied = sum(v == key for v in length.values())
        # the key takes one of the positions ahead+1 … ahead+tied, each with probability 1/tied
        return 1 / tied if ahead < r <= ahead + tied else 0.0

    return pick


def _extreme(
    score: Callable[[Item, str, Sequence[str], frozenset[str]], float], *, most: bool = True
) -> Pick:
    def pick(item: Item, ids: Sequence[str], others: frozenset[str] = frozenset()) -> float:
        values = {i: score(item, i, ids, others) for i in ids}
        best = max(values.values()) if most else min(values.values())
        winners = [i for i, v in values.items() if v == best]
        return 1 / len(winners) if item.key in winners else 0.0

    return pick


def _stem_echo(item: Item, option: str, _ids: Sequence[str], _others: frozenset[str]) -> float:
    return len(content_words(item.options[option]) & content_words(item.question))


def _convergence(item: Item, option: str, ids: Sequence[str], _others: frozenset[str]) -> float:
    mine = content_words(item.options[option])
    return sum(len(mine & content_words(item.options[o])) for o in ids if o != option)


def _other_items(item: Item, option: str, _ids: Sequence[str], others: frozenset[str]) -> float:
    return len(content_words(item.options[option]) & others)


def _hedged(item: Item, ids: Sequence[str], _others: frozenset[str] = frozenset()) -> float:
    hedged = [i for i in ids if has_any(item.options[i], HEDGES)]
    return _uniform(item, hedged if 0 < len(hedged) < len(ids) else ids)


PICKS: dict[str, Pick] = {
    "acak": _uniform,
    "terpanjang": _length_rank(1, from_top=True),
    "terpanjang ke-2": _length_rank(2, from_top=True),
    "terpendek ke-2": _length_rank(2, from_top=False),
    "terpendek": _length_rank(1, from_top=False),
    "paling mirip soal": _extreme(_stem_echo),
    "paling tidak mirip soal": _extreme(_stem_echo, most=False),
    "paling mirip pilihan lain": _extreme(_convergence),
    "paling beda dari pilihan lain": _extreme(_convergence, most=False),
    "paling mirip soal-soal lain": _extreme(_other_items),
    "paling tidak mirip soal-soal lain": _extreme(_other_items, most=False),
    "berpagar (biasanya, bisa, …)": _hedged,
}
"""How the participant picks among the options left (``acak`` = blind guess among them)."""

DROPS: dict[str, tuple[tuple[str, ...], ...]] = {
    "": (),
    "buang kata mutlak": (ABSOLUTE,),
    "buang alasan": (JUSTIFICATION,),
    "buang keduanya": (ABSOLUTE, JUSTIFICATION),
}
"""Which options the participant eliminates first (never all of them: then none is dropped)."""


@dataclass(frozen=True)
class Rule:
    """One test-wise strategy: an elimination followed by a pick."""

    drop: str
    pick: str

    @property
    def name(self) -> str:
        return f"{self.drop} → {self.pick}" if self.drop else self.pick

    def p_key(self, item: Item, others: frozenset[str] = frozenset()) -> float:
        """Return the probability that this rule answers ``item`` correctly.

        Args:
            item: A multiple-choice item.
            others: Content words of the other questions on the item's form (see :func:`clues`).
        """
        ids = list(item.options)
        kept = [i for i in ids if not any(has_any(item.options[i], w) for w in DROPS[self.drop])]
        return PICKS[self.pick](item, kept or ids, others)


RULES = tuple(Rule(d, p) for d, p in product(DROPS, PICKS))


def multiple_choice(items: Iterable[Item]) -> list[Item]:
    """Return the multiple-choice items (numeric answers are not guessable from the wording)."""
    return [it for it in items if it.kind == "pilihan_ganda"]


def chance(items: Sequence[Item]) -> float:
    """Return the expected score of blind guessing (mean of 1/number of options)."""
    return sum(1 / len(it.options) for it in items) / len(items)


def clues(bank: QuestionBank) -> dict[str, frozenset[str]]:
    """Return, per item id, the content words of the *other* questions on the same form.

    A participant sees one form at a time: the pre/post-test, or one module's practice quiz.
    """
    forms = [bank.prepost] + [
        tuple(it for it in bank.practice if it.module == m) for m in bank.modules
    ]
    out: dict[str, frozenset[str]] = {}
    for form in forms:
        for it in form:
            out[it.id] = frozenset().union(
                *(content_words(o.question) for o in form if o.id != it.id)
            )
    return out


def score(
    rule: Rule, items: Sequence[Item], others: dict[str, frozenset[str]] | None = None
) -> float:
    """Return the expected proportion correct of ``rule`` on ``items`` (``others`` from :func:`clues`)."""
    others = others or {}
    return sum(rule.p_key(it, others.get(it.id, frozenset())) for it in items) / len(items)


def length_rank_counts(items: Sequence[Item]) -> list[float]:
    """Return the expected number of keys at length rank 1 (longest) … 4 (shortest)."""
    return [
        sum(_length_rank(r, from_top=True)(it, list(it.options)) for it in items)
        for r in (1, 2, 3, 4)
    ]


def length_rank_test(items: Sequence[Item]) -> tuple[list[float], float]:
    """Return the key's length-rank counts and the chi-square p-value against a uniform spread."""
    counts = length_rank_counts(items)
    return counts, float(stats.chisquare(counts).pvalue)


def table(bank: QuestionBank) -> str:
    """Return a text table: every rule's score vs chance on the pre/post form and on the whole bank."""
    forms = {
        "pre/post": multiple_choice(bank.for_module("prepost")),
        "bank": multiple_choice(bank.items),
    }
    head = f"{'aturan':52} " + " ".join(f"{k + f' (n={len(v)})':>18}" for k, v in forms.items())
    lines = [
        head,
        f"{'tebak buta (peluang)':52} " + " ".join(f"{chance(v):18.1%}" for v in forms.values()),
    ]
    others = clues(bank)
    for rule in RULES:
        cells = []
        for v in forms.values():
            s = score(rule, v, others)
            cells.append(f"{s:8.1%} ({s - chance(v):+6.1%})")
        lines.append(f"{rule.name:52} " + " ".join(f"{c:>18}" for c in cells))
    for k, v in forms.items():
        counts, p = length_rank_test(v)
        spread = ", ".join(f"{c:.1f}" for c in counts)
        lines.append(
            f"peringkat panjang kunci ({k}): [{spread}] (terpanjang … terpendek), chi-kuadrat p = {p:.3f}"
        )
    return "\n".join(lines)


# ------------------------------------------------------------------------------ the solver's bar


@pytest.fixture(scope="module")
def bank() -> QuestionBank:
    return load_bank()


@pytest.fixture(scope="module")
def forms(bank) -> dict[str, list[Item]]:
    return {
        "pre/post": multiple_choice(bank.for_module("prepost")),
        "bank": multiple_choice(bank.items),
    }


def test_print_the_table(bank):
    print("\n" + table(bank))


def test_every_multiple_choice_item_has_four_options(bank):
    # one chance level (25 %) for every item, and one length-rank table for the chi-square test
    assert [it.id for it in multiple_choice(bank.items) if len(it.options) != 4] == []


@pytest.fixture(scope="module")
def others(bank) -> dict[str, frozenset[str]]:
    return clues(bank)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_no_rule_beats_chance_by_more_than_ten_points(rule, forms, others):
    for name, items in forms.items():
        margin = score(rule, items, others) - chance(items)
        assert margin <= MARGIN, f"{rule.name} on {name}: {margin:+.1%} above chance"


@pytest.mark.parametrize("form", ["pre/post", "bank"])
def test_key_length_rank_is_spread_over_all_positions(form, forms):
    counts, p = length_rank_test(forms[form])
    assert p >= ALPHA, f"{form}: key length ranks {counts} (longest … shortest), p = {p:.4f}"


# ------------------------------------------------------------------------------ the solver itself


def _item(options: dict[str, str], key: str, question: str = "Soal?") -> Item:
    return Item(
        id="M1-99",
        module="01",
        objective="1.1",
        kind="pilihan_ganda",
        question=question,
        options=options,
        key=key,
        tolerance=0.0,
        explanation="-",
    )


def test_length_picks_are_exact_with_ties():
    it = _item({"A": "aaaa", "B": "bb", "C": "cc", "D": "d"}, "B")
    assert Rule("", "terpanjang").p_key(it) == 0
    assert Rule("", "terpanjang ke-2").p_key(it) == pytest.approx(0.5)  # B and C tie for 2nd/3rd
    assert Rule("", "terpendek ke-2").p_key(it) == pytest.approx(0.5)
    assert Rule("", "terpendek").p_key(it) == 0
    assert length_rank_counts([it]) == pytest.approx([0, 0.5, 0.5, 0])


def test_elimination_then_pick():
    it = _item(
        {
            "A": "Selalu benar di mana pun",
            "B": "Benar di sebagian daerah",
            "C": "Salah karena datanya lama",
            "D": "Salah di daerah",
        },
        "B",
    )
    assert Rule("buang kata mutlak", "acak").p_key(it) == pytest.approx(1 / 3)
    assert Rule("buang keduanya", "acak").p_key(it) == pytest.approx(1 / 2)
    assert Rule("buang keduanya", "terpanjang").p_key(it) == 1
    assert Rule("", "berpagar (biasanya, bisa, …)").p_key(it) == 1
    # eliminating every option leaves them all (the participant still has to answer)
    every = _item({k: f"Selalu {k}" for k in "ABCD"}, "A")
    assert Rule("buang kata mutlak", "acak").p_key(every) == pytest.approx(0.25)


def test_stem_echo_convergence_and_other_items():
    it = _item(
        {
            "A": "kredibilitas hoaks naik",
            "B": "jumlah akun turun",
            "C": "kredibilitas akun naik",
            "D": "x",
        },
        "A",
        question="Apa yang terjadi pada kredibilitas hoaks?",
    )
    # shared with the stem {terjadi, kredibilitas, hoaks}: A 2, B 0, C 1, D 0
    assert Rule("", "paling mirip soal").p_key(it) == 1
    # B and D tie for fewest, the key is not among them
    assert Rule("", "paling tidak mirip soal").p_key(it) == 0
    # shared with the other options: A 2, B 1, C 3, D 0
    assert Rule("", "paling mirip pilihan lain").p_key(it) == 0
    assert Rule("", "paling beda dari pilihan lain").p_key(it) == 0
    # words of the other questions on the form point at C, or at A
    assert (
        Rule("", "paling mirip soal-soal lain").p_key(it, frozenset({"akun", "kredibilitas"})) == 0
    )
    assert Rule("", "paling mirip soal-soal lain").p_key(it, frozenset({"hoaks", "naik"})) == 1
    assert (
        Rule("", "paling tidak mirip soal-soal lain").p_key(it, frozenset({"hoaks", "naik"})) == 0
    )


def test_word_lists_match_whole_words_only():
    assert has_any("Tidak pernah terjadi", ABSOLUTE) and has_any("hoaks selalu menang", ABSOLUTE)
    assert not has_any("pelaksanaan", ("laksana",)) and not has_any("karenanya", ("karena",))
    assert content_words("Yang dan di Kesbangpol, FKDM") == {"kesbangpol", "fkdm"}


def test_the_solver_catches_a_cued_bank():
    # keys that are always the longest and never absolute: the solver must fail such a bank
    cued = [
        _item(
            {
                "A": "Selalu",
                "B": "Hanya ini",
                "C": "Pasti itu",
                "D": "Jawaban yang panjang dan hati-hati",
            },
            "D",
        )
        for _ in range(8)
    ]
    assert score(Rule("", "terpanjang"), cued) - chance(cued) > MARGIN
    assert score(Rule("buang kata mutlak", "acak"), cued) - chance(cued) > MARGIN
    assert length_rank_test(cued)[1] < ALPHA


if __name__ == "__main__":  # pragma: no cover
    print(table(load_bank()))
