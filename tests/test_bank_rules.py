"""Rules every item of ``curriculum/bank_soal.yaml`` obeys, today's and tomorrow's (issue 19).

* **Practice apart from proof.** Every item is either a pre/post item or a practice item; module quizzes
  show practice items only; no practice question repeats or nearly repeats a pre/post question, and no
  practice key is a pre/post key.
* **Items that measure the objectives.** At least two pre/post items for every objective of sessions
  01–06; each item names a notebook cell that teaches *its* objective (``tujuan_sel`` in
  ``curriculum/cakupan.yaml``).
* **A form that fits the day.** The pre/post form fits the 50-minute slot the facilitator guides give the
  pre-test (session 00) and the post-test (session 07) at 60 s per item.

The cue rules (length, absolute words, …) are in ``tests/test_testwise_solver.py``.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from itertools import product
from pathlib import Path

import pytest
from test_testwise_solver import content_words

from simulations.core.errors import DataError
from simulations.course.coverage import load_objective_sections, objective_problems
from simulations.course.curriculum import load_syllabus
from simulations.course.quiz import load_bank
from simulations.widgets.quiz import SECONDS_PER_ITEM, QuizWidget

ROOT = Path(__file__).resolve().parent.parent

PRODUCT_SESSIONS = {
    "00": "operating the workbook (0.1-0.3) is shown by doing it: a participant who submits the pre-test has "
    "run cells and moved controls; asking it in a pre-test given before teaching measures nothing",
    "07": "the capstone's objectives (7.1-7.4: choose a region, a package, report ranges, export a plan) are "
    "products, scored with the rubric in curriculum/kunci/07_rencana_aksi_daerah.md",
}
"""Sessions whose objectives are assessed by their product, not by the pre/post-test (and why)."""

MIN_ITEMS_PER_OBJECTIVE = 2


SLOT_MINUTES = 50
"""Minutes the facilitator guides give the pre-test (guide 00) and the post-test (guide 07)."""

NEAR_REPEAT = 0.5
"""Jaccard similarity of two questions' content words (numbers ignored) at which they count as near repeats.

Justified by :func:`test_near_repeat_threshold_catches_mechanical_rewrites`: a question of n content words
with one word replaced scores (n-1)/(n+1), which is >= 0.5 for every n >= 3 (every pre/post question has
at least 3), so 0.5 is the highest threshold that still catches every one-word edit; a question with new
numbers only scores 1. Genuinely parallel items share the topic's vocabulary, not the question: today's
highest practice-vs-pre/post similarity is printed by the test below (0.3 when this was written).
"""

FILLER = re.compile(
    r"semua (jawaban|pilihan|di atas)|semua benar|semuanya benar|tidak ada (jawaban )?yang benar|"
    r"\b[a-e] dan [a-e] benar\b|tidak tahu",
    re.IGNORECASE,
)
"""Filler options a participant recognises without knowledge ("all of the above", "A and B")."""


def normalise(text: str) -> str:
    """Return ``text`` in NFKC lower case, punctuation removed, single spaces (for exact-repeat checks)."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def question_words(text: str) -> frozenset[str]:
    """Return the content words of a question without its numbers (new numbers make no new question)."""
    return frozenset(w for w in content_words(text) if not re.fullmatch(r"[\d.,]+", w))


def similarity(a: str, b: str) -> float:
    """Return the Jaccard similarity of two questions' words (0 = none shared, 1 = same set)."""
    wa, wb = question_words(a), question_words(b)
    return len(wa & wb) / len(wa | wb) if wa | wb else 1.0


@pytest.fixture(scope="module")
def syllabus():
    return load_syllabus()


@pytest.fixture(scope="module")
def bank(syllabus):
    return load_bank(syllabus=syllabus)


def _objectives(syllabus, sessions) -> list[str]:
    return [o for o in syllabus.objectives_by_code if o.split(".")[0].zfill(2) in sessions]


# ------------------------------------------------------------------------------ practice apart from proof


def test_every_item_is_either_practice_or_prepost(bank):
    prepost = {it.id for it in bank.prepost}
    practice = {it.id for it in bank.practice}
    assert prepost.isdisjoint(practice)
    assert prepost | practice == set(bank.ids)
    assert {it.id for it in bank.for_module("prepost")} == prepost


def test_module_quizzes_show_practice_items_only(bank):
    shown = {}
    for module in bank.modules:
        items = bank.for_module(module)
        shown[module] = len(items)
        assert not [it.id for it in items if it.prepost], module
        assert {it.id for it in items} == {it.id for it in bank.practice if it.module == module}
        assert [it.id for it in QuizWidget(module, bank=bank).items] == [it.id for it in items]
    print("\npractice items per module quiz:", shown, "total", sum(shown.values()))
    assert all(n >= 1 for n in shown.values())


@pytest.mark.parametrize(
    ("module", "phase", "feedback"),
    [
        ("prepost", "latihan", None),
        ("prepost", "pre", True),
        ("prepost", "post", True),
        ("03", "post", None),
    ],
)
def test_the_prepost_form_is_never_a_practice_quiz(bank, module, phase, feedback):
    with pytest.raises(DataError) as info:
        QuizWidget(module, bank=bank, phase=phase, show_feedback=feedback)
    assert info.value.pesan


def test_the_prepost_form_hides_its_keys_by_default(bank):
    for phase in ("pre", "post"):
        assert QuizWidget("prepost", bank=bank, phase=phase).show_feedback is False
    assert QuizWidget("03", bank=bank).show_feedback is True


def test_no_practice_question_repeats_or_nearly_repeats_a_prepost_question(bank):
    pairs = sorted(
        (
            (similarity(p.question, q.question), p.id, q.id)
            for p, q in product(bank.prepost, bank.practice)
        ),
        reverse=True,
    )
    print(
        f"\nmost similar practice/pre-post questions: {pairs[:3]} (near repeat at >= {NEAR_REPEAT})"
    )
    exact = [
        (p.id, q.id)
        for p, q in product(bank.prepost, bank.practice)
        if normalise(p.question) == normalise(q.question)
    ]
    assert exact == []
    assert [x for x in pairs if x[0] >= NEAR_REPEAT] == []


def test_near_repeat_threshold_catches_mechanical_rewrites(bank):
    """Every one-word edit and every new-numbers edit of a pre/post question is a near repeat."""
    missed = []
    for it in bank.prepost:
        words = sorted(question_words(it.question))
        assert len(words) >= 3, f"{it.id}: a question needs at least 3 content words"
        for w in words:  # replace one content word with a new one
            edited = re.sub(
                rf"(?<![\w-]){re.escape(w)}(?![\w-])", "kataBaru", it.question, flags=re.I
            )
            if similarity(it.question, edited) < NEAR_REPEAT:
                missed.append((it.id, w))
        renumbered = re.sub(r"\d+", lambda m: str(int(m.group()) + 7), it.question)
        if similarity(it.question, renumbered) < NEAR_REPEAT:
            missed.append((it.id, "angka"))
    assert missed == []


def test_no_practice_key_is_a_prepost_key(bank):
    def keys(items):
        return {normalise(it.options[it.key]): it.id for it in items if it.kind == "pilihan_ganda"}

    shared = set(keys(bank.prepost)) & set(keys(bank.practice))
    assert shared == set()


def test_no_prepost_question_contains_another_prepost_key(bank):
    # a literal hand-over (the worst case: the key's words, in order, inside another question)
    leaks = []
    for a, b in product(bank.prepost, bank.prepost):
        if a.id != b.id and b.kind == "pilihan_ganda" and len(content_words(b.options[b.key])) >= 2:
            if normalise(b.options[b.key]) in normalise(a.question):
                leaks.append((a.id, b.id))
    assert leaks == []


# ------------------------------------------------------------------------------ items that measure the objectives


def test_at_least_two_prepost_items_per_objective_of_sessions_01_to_06(bank, syllabus):
    counts = Counter(it.objective for it in bank.prepost)
    practice = Counter(it.objective for it in bank.practice)
    taught = _objectives(syllabus, {f"{i:02d}" for i in range(1, 7)})
    print("\ntujuan  pre/post  latihan")
    for o in sorted(syllabus.objectives_by_code, key=lambda c: [int(x) for x in c.split(".")]):
        print(f"{o:>6}  {counts[o]:>8}  {practice[o]:>7}")
    assert [o for o in taught if counts[o] < MIN_ITEMS_PER_OBJECTIVE] == []
    # every taught objective also has a practice item to practise it on
    assert [o for o in taught if practice[o] < 1] == []


def test_product_sessions_are_assessed_by_their_product(bank):
    assert {it.module for it in bank.prepost}.isdisjoint(PRODUCT_SESSIONS)


def test_every_objective_of_sessions_01_to_07_has_a_taught_cell(syllabus):
    sections = load_objective_sections()
    wanted = _objectives(syllabus, {f"{i:02d}" for i in range(1, 8)})
    assert objective_problems(sections, wanted) == []
    assert set(sections) <= set(syllabus.objectives_by_code)


def test_every_item_names_a_cell_that_teaches_its_objective(bank):
    sections = load_objective_sections()
    wrong = []
    for it in bank.items:
        notebook, cell = it.section.split("#")
        if (notebook, cell) not in {(r.notebook, r.cell) for r in sections.get(it.objective, ())}:
            wrong.append((it.id, it.objective, it.section))
    assert wrong == []


def test_objective_map_problems_are_reported(tmp_path):
    from simulations.course.coverage import NotebookRef

    found = objective_problems(
        {
            "3.2": (NotebookRef("03_konflik_sosial_daring.ipynb", "tidak-ada"),),
            "4.1": (NotebookRef("03_konflik_sosial_daring.ipynb", "nb03-21"),),
            "3.1": (NotebookRef("03_konflik_sosial_daring.ipynb", "nb03-01"),),
        },
        ["3.2", "9.9"],
    )
    text = "\n".join(found)
    assert "objective 9.9 has no notebook section" in text
    assert "no cell with id 'tidak-ada'" in text
    assert "is not a notebook of session 04" in text
    assert "'nb03-01' is not a markdown cell" in text
    bad = tmp_path / "cakupan.yaml"
    bad.write_text("tujuan_sel:\n  tiga: [{notebook: x.ipynb, cell: c}]\n", encoding="utf-8")
    with pytest.raises(DataError, match="objective code"):
        load_objective_sections(bad)
    bad.write_text("butir: []\n", encoding="utf-8")
    with pytest.raises(DataError, match="tujuan_sel"):
        load_objective_sections(bad)


# ------------------------------------------------------------------------------ a form that fits the day


def test_prepost_form_fits_the_test_slot(bank):
    n = len(bank.prepost)
    low, high = (n * s / 60 for s in SECONDS_PER_ITEM)
    print(
        f"\npre/post form: {n} items, about {low:.0f}-{high:.0f} minutes (slot {SLOT_MINUTES} minutes)"
    )
    assert high <= SLOT_MINUTES


def test_no_filler_options(bank):
    filler = [(it.id, k) for it in bank.items for k, v in it.options.items() if FILLER.search(v)]
    assert filler == []
    assert FILLER.search("Semua jawaban benar") and FILLER.search("A dan B benar")


def test_bank_version_is_a_number(bank):
    assert bank.version.isdigit() and int(bank.version) >= 3


QUOTED_KEY = re.compile(r"\b(M\d-\d\d) (?:([A-E])\b|= (-?\d+(?:,\d+)?))")


def quoted_key_errors(text: str, bank) -> list[tuple]:
    """Return item ids in ``text`` that are not in the bank, and quoted keys ("M7-01 A") that differ."""
    out: list[tuple] = [(i, "?") for i in re.findall(r"\bM\d-\d\d\b", text) if i not in bank.ids]
    for item_id, letter, number in QUOTED_KEY.findall(text):
        if item_id in bank.ids:
            key = bank[item_id].key
            if (letter and letter != key) or (
                number and float(number.replace(",", ".")) != float(key)
            ):
                out.append((item_id, letter or number, key))
    return out


def test_keys_quoted_in_guides_and_answer_keys_match_the_bank(bank):
    """Answer keys printed for facilitators ("M7-01 A", "M6-03 = 6") are those of the bank."""
    found = {
        path.name: quoted_key_errors(path.read_text(encoding="utf-8"), bank)
        for path in sorted((ROOT / "curriculum").rglob("*.md"))
    }
    assert {k: v for k, v in found.items() if v} == {}
    assert quoted_key_errors("M7-01 B, M6-03 = 7, M9-99", bank) == [
        ("M9-99", "?"),
        ("M7-01", "B", bank["M7-01"].key),
        ("M6-03", "7", 6),
    ]
