"""Texts name JupyterLab's menus as participants see them: in the Indonesian language pack's words.

JupyterLab is Indonesian by default (``jupyter/overrides.json``, language pack
``jupyterlab-language-pack-id-ID``). A text that says *Kernel → Restart Kernel and Run All Cells*
sends a participant looking for a menu item that is not there: the pack shows
*Demulai Lagi Kernel dan Jalankan Semua Sel…*. This test fails when participant-facing text names
an English menu item **that the installed pack translates**; the list is the pack's own catalogue
(:func:`lab_i18n.translated_labels`), not a hand list, so it follows the pack when it is updated.
Strings the pack leaves in English (at 4.5.post3 every menu-bar title — *File*, *Run*, *Kernel*,
*Settings* — and items such as *Language*) are what participants see, so they may stay.

What counts as naming a menu item:

* the **last step of a menu path** (``A → B``, ``A -> B``): an item label, the pack's plain msgid;
* an **earlier step** of a path (a menu or sub-menu title): the pack's ``menu`` context;
* a **multi-word item label in emphasis or quotes** (``*Run All Cells*``, ``"Restart Kernel…"``),
  the way the texts cite a menu item without a path.

Texts checked: every notebook's markdown cells and the timing notes of its sections
(``metadata.tangguh.catatan``, printed in the guides), the facilitator guides, the answer keys,
the exercise forms, the question bank, the glossary (the worksheets are built from these) and the
README.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
import yaml
from lab_i18n import catalogue, label, translated_labels

REPO = Path(__file__).resolve().parents[1]
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
ARROW = r"(?:→|->|&rarr;)"
OPEN = r"[*_\"'“‘`]*"  # emphasis or quotes around a label
CLOSE = r"[*_\"'”’`]*"


@cache
def _labels() -> dict[str, str]:
    """English label -> the pack's Indonesian label, for every label the pack translates.

    A label ending in an ellipsis (``Restart Kernel…``) is also matched without it, unless that
    shorter string is a msgid of its own.
    """
    try:
        labels = translated_labels()
        msgids = set(catalogue())
    except ModuleNotFoundError:
        message = "jupyterlab-language-pack-id-ID is not installed (the 'lab' extra)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    out = dict(labels)
    for english, indonesian in labels.items():
        short = english.removesuffix("…")
        if short != english and short.strip() and short not in msgids:
            out.setdefault(short, indonesian)
    return out


def _alternation(words: list[str]) -> str:
    escaped = (
        re.escape(w).replace("…", r"(?:…|\.\.\.)") for w in sorted(words, key=len, reverse=True)
    )
    return "|".join(escaped)


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    labels = _labels()
    # the last step of a path: after an arrow, not followed by another arrow
    last = re.compile(
        rf"{ARROW}\s*{OPEN}(?P<m>{_alternation(list(labels))})(?!\w)(?!{CLOSE}\s*{ARROW})"
    )
    multi = _alternation([k for k in labels if " " in k])
    emphasised = re.compile(rf"(?<![\w])[*_\"“‘]+(?P<m>{multi})[*_\"”’]+")
    return last, emphasised


def english_menu_items(text: str) -> list[tuple[str, str]]:
    """Return (English label, Indonesian label) for every translated menu item ``text`` names."""
    labels = _labels()
    found: list[tuple[str, str]] = []
    for pattern in _patterns():
        for m in pattern.finditer(text):
            english = m["m"].replace("...", "…")
            found.append((english, labels[english]))
    # earlier steps of a path: menu and sub-menu titles, in the pack's 'menu' context
    for m in re.finditer(rf"((?:[\w…]+ ){{0,5}}[\w…]+){CLOSE}\s*{ARROW}", text):
        words = m[1].split()
        for start in range(len(words)):
            title = " ".join(words[start:])
            if label(title, "menu") != title:
                found.append((title, label(title, "menu")))
                break
    return sorted(set(found))


def _yaml_strings(data: object) -> Iterator[str]:
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from _yaml_strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from _yaml_strings(value)


def participant_texts() -> Iterator[tuple[str, str]]:
    """Yield (where, text) for every participant-facing text of the workbook."""
    for path in sorted((REPO / "notebooks").glob("*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        for cell in cells:
            where = f"{path.name} cell {cell.get('id')}"
            if cell["cell_type"] == "markdown":
                source = cell["source"]
                yield where, source if isinstance(source, str) else "".join(source)
            note = (cell.get("metadata", {}).get("tangguh") or {}).get("catatan")
            if note:
                yield f"{where} (catatan)", note
    curriculum = REPO / "curriculum"
    for folder in ("panduan_fasilitator", "kunci"):
        for path in sorted((curriculum / folder).glob("*.md")):
            yield str(path.relative_to(REPO)), path.read_text(encoding="utf-8")
    for name in ("latihan.yaml", "bank_soal.yaml", "glosarium.yaml"):
        data = yaml.safe_load((curriculum / name).read_text(encoding="utf-8"))
        yield f"curriculum/{name}", "\n".join(_yaml_strings(data))
    yield "README.md", (REPO / "README.md").read_text(encoding="utf-8")


def test_the_pack_translates_the_items_the_texts_cite() -> None:
    """The derived list holds the items the texts cite (else the test below checks nothing)."""
    labels = _labels()
    for item in (
        "Run All Cells",
        "Restart Kernel and Run All Cells…",
        "Interrupt Kernel",
        "Download",
    ):
        assert item in labels, item


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "pakai menu **Kernel → Restart Kernel and Run All Cells…**",
            "Restart Kernel and Run All Cells…",
        ),
        ("unduh dulu (*File → Download*) |", "Download"),
        ("*Kernel → Interrupt Kernel*, kurangi", "Interrupt Kernel"),
        ("klik kanan → *Open in New Browser Tab*), lalu", "Open in New Browser Tab"),
        ("bila macet: *Restart Kernel and Run All Cells*.", "Restart Kernel and Run All Cells"),
        ('klik "Run All Cells" di menu', "Run All Cells"),
        ("Kernel -> Restart Kernel...", "Restart Kernel…"),
    ],
)
def test_detector_finds_english_items(text: str, expected: str) -> None:
    assert expected in [english for english, _ in english_menu_items(text)]


@pytest.mark.parametrize(
    "text",
    [
        "pakai menu **Kernel → Demulai Lagi Kernel dan Jalankan Semua Sel…**",
        "unduh dulu (*File → Mengunduh*)",
        "pilih bahasa di menu **Settings → Language**.",  # both stay English in the pack
        "Run larger batches in parts",  # prose, not a menu item
        "Tekan **Shift+Enter** lalu tombol **Jalankan**.",
        "kohesi 0,3 → 0,5 → 0,7 (naik), lihat Run → tombol",  # arrows in prose
    ],
)
def test_detector_passes_what_participants_see(text: str) -> None:
    assert english_menu_items(text) == []


def test_no_text_names_an_english_menu_item_the_pack_translates() -> None:
    problems = [
        f"{where}: '{english}' — JupyterLab shows '{indonesian}'"
        for where, text in participant_texts()
        for english, indonesian in english_menu_items(text)
    ]
    assert not problems, "English menu items in participant texts:\n" + "\n".join(problems)
