"""Question bank, quiz widget and answer CSVs."""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

import nbformat
import pytest
import yaml

from simulations.core.errors import DataError
from simulations.course.curriculum import load_syllabus
from simulations.course.quiz import (
    check_answer,
    feedback,
    forms_markdown,
    load_bank,
    normalise_code,
    save_answers,
)
from simulations.models.hoax import eradication_threshold
from simulations.widgets.quiz import QuizWidget

ROOT = Path(__file__).resolve().parent.parent
BANK = ROOT / "curriculum" / "bank_soal.yaml"


@pytest.fixture(scope="module")
def bank():
    return load_bank(syllabus=load_syllabus())


def test_at_least_five_items_per_module(bank):
    counts = Counter(it.module for it in bank.items)
    for module in ("01", "02", "03", "04", "05", "06"):
        assert counts[module] >= 5, module


def test_every_item_has_exactly_one_valid_key(bank):
    for it in bank.items:
        if it.kind == "pilihan_ganda":
            assert isinstance(it.key, str) and it.key in it.options
            assert sum(check_answer(it, letter) for letter in it.options) == 1, it.id
            assert len(set(it.options.values())) == len(it.options) >= 3
        else:
            assert isinstance(it.key, int | float) and it.tolerance >= 0
            assert check_answer(it, it.key) and not check_answer(it, it.key + it.tolerance + 1)
        assert it.explanation and it.objective in load_syllabus().objectives_by_code


def test_numeric_items_come_from_the_simulations(bank):
    numeric = [it for it in bank.items if it.kind == "numerik"]
    assert len(numeric) >= 3
    assert bank["M3-01"].key == pytest.approx(eradication_threshold(0.6, 0.1))
    assert bank["M3-02"].key == pytest.approx(eradication_threshold(0.5, 0.2))
    import networkx as nx

    assert bank["M6-03"].key == nx.betweenness_centrality(nx.star_graph(4), normalized=False)[0]


def test_prepost_covers_every_module(bank):
    assert {it.module for it in bank.for_module("prepost")} >= {"01", "02", "03", "04", "05", "06"}


def test_numeric_answers_accept_comma_decimal(bank):
    it = bank["M3-01"]
    assert check_answer(it, "0,3") and check_answer(it, " 0.302 ") and not check_answer(it, "0,4")
    assert not check_answer(it, "") and not check_answer(it, "tiga")
    assert feedback(it, "abc").startswith("Jawaban 'abc' tidak terbaca")


def _write_bank(tmp_path, edit):
    raw = yaml.safe_load(BANK.read_text(encoding="utf-8"))
    edit(raw)
    p = tmp_path / "bank.yaml"
    p.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return p


@pytest.mark.parametrize(
    ("edit", "column"),
    [
        (lambda r: r["soal"][0].update(kunci="E"), "kunci"),
        (lambda r: r["soal"][0].update(kunci=["A", "B"]), "kunci"),
        (lambda r: r["soal"][0].pop("kunci"), "kunci"),
        (lambda r: r["soal"][0]["pilihan"].update(D=r["soal"][0]["pilihan"]["A"]), "pilihan"),
        (lambda r: r["soal"][1].update(id=r["soal"][0]["id"]), "soal"),
        (lambda r: r["soal"][0].update(tujuan="1.9"), "tujuan"),
        (lambda r: r["soal"][0].update(jenis="esai"), "jenis"),
        (lambda r: r["soal"][0].update(modul="02"), "modul"),
    ],
)
def test_broken_bank_is_rejected(tmp_path, edit, column):
    with pytest.raises(DataError) as info:
        load_bank(_write_bank(tmp_path, edit), syllabus=load_syllabus())
    assert column in info.value.column


def test_every_quiz_shown_in_a_notebook_exists_in_the_bank(bank):
    pattern = re.compile(r"QuizWidget\(\s*(?:module\s*=\s*)?[\"'](\w+)[\"']")
    found = []
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                found += [(path.name, m) for m in pattern.findall(cell.source)]
    assert ("06_kolaborasi_multipihak.ipynb", "06") in found
    for name, module in found:
        assert bank.for_module(module), (name, module)


def test_participant_code_not_name():
    assert normalise_code(" p07 ") == "P07"
    for bad in ("Budi Santoso", "", "x", None, "a" * 30):
        with pytest.raises(DataError):
            normalise_code(bad)


def test_save_answers_appends_rows(tmp_path, bank):
    path = tmp_path / "jawaban.csv"
    save_answers(path, "P01", "03", {"M3-01": "0,3", "M3-03": "C"}, bank=bank)
    save_answers(path, "P02", "03", {"M3-01": "0.4"}, bank=bank, phase="pre")
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert [r["kode_peserta"] for r in rows] == ["P01", "P02"]
    assert rows[0]["M3-01"] == "0,3" and rows[1]["fase"] == "pre" and rows[1]["M3-03"] == ""
    with pytest.raises(DataError):
        save_answers(path, "P03", "03", {"M9-99": "A"}, bank=bank)
    with pytest.raises(DataError):
        save_answers(path, "P03", "03", {}, bank=bank, phase="ujian")


def test_quiz_widget_headless(tmp_path, bank):
    q = QuizWidget("03", bank=bank, save_to=tmp_path / "k.csv")
    assert len(q.inputs) == len(bank.for_module("03"))
    q.inputs[0].value = "0,3"  # M3-01 numeric
    q.inputs[2].value = "A"  # M3-03: wrong (key C)
    assert q.check(0) is True and "Benar" in q.feedbacks[0].value
    assert q.check(2) is False and "Kunci: C" in q.feedbacks[2].value
    assert q.check_all() == 1 and "1 dari 6" in q.status.value
    q.code.value = "Nama Lengkap"
    assert q.save() is None and "Kode peserta" in q.status.value
    q.code.value = "P09"
    assert q.save() == tmp_path / "k.csv"
    assert "P09" in (tmp_path / "k.csv").read_text(encoding="utf-8")


def test_quiz_widget_pretest_hides_key(bank):
    q = QuizWidget("prepost", bank=bank, phase="pre", show_feedback=False)
    q.inputs[0].value = next(iter(bank.for_module("prepost")[0].options))
    q.check(0)
    assert "Kunci" not in q.feedbacks[0].value and "Benar" not in q.feedbacks[0].value


def test_unknown_module_has_clear_message(bank):
    with pytest.raises(DataError) as info:
        QuizWidget("09", bank=bank)
    assert "Modul yang tersedia" in info.value.pesan


def test_forms_have_level1_and_level3(bank):
    text = forms_markdown(bank)
    assert (
        "Kirkpatrick Level 1" in text
        and "Kirkpatrick Level 3" in text
        and "R08" in text
        and "T09" in text
    )
