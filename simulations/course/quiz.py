"""The question bank (``curriculum/bank_soal.yaml``): load, validate, score, and save answers.

Items are multiple choice (``pilihan_ganda``, exactly one key among the options) or numeric
(``numerik``, a number with a tolerance). Each item maps to a module and a learning objective of
the syllabus. Every item belongs to exactly one of two sets:

* the **pre/post-test** (``prepost: true``): the proof of learning (Kirkpatrick level 2), shown only
  in the pre-test and the post-test and never with its key;
* the **practice** items (all others): parallel items — same objective, different content — shown
  in each module's self-check quiz (:class:`simulations.widgets.quiz.QuizWidget`) with key and
  explanation.

:meth:`QuestionBank.for_module` returns the items of one *form*: ``"prepost"`` gives the
pre/post-test, a module code gives that module's practice quiz, so no practice quiz can show a
pre/post item before the post-test. The evaluation report reads the same bank
(:mod:`simulations.course.evaluation`).

Answers are saved locally as one CSV row per submission — participant *code*, never a name
(UU 27/2022 on personal data) — with columns ``kode_peserta, fase, modul, waktu`` and one column
per item id. Nothing goes over the network.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import math
import os
import random
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from simulations.core.errors import DataError, check_known
from simulations.core.formatting import general_id
from simulations.core.tables import repeated
from simulations.course import dropbox
from simulations.course.coverage import ITEM_IDS
from simulations.data.yaml_file import read_yaml, yaml_error

__all__ = [
    "COVERAGE_IDS",
    "PHASES",
    "Item",
    "QuestionBank",
    "check_answer",
    "default_bank_path",
    "load_bank",
    "neutralise_cell",
    "normalise_code",
    "option_order",
    "save_answers",
    "unneutralise_cell",
]

PHASES = ("latihan", "pre", "post")
"""Allowed values of the ``fase`` column: self-check practice, pre-test, post-test."""

META_COLUMNS = ("kode_peserta", "fase", "modul", "waktu")
"""The non-item columns of an answers CSV."""

COVERAGE_IDS = ITEM_IDS
"""The fixed coverage item ids of the Bimtek brief (one list: :data:`simulations.course.coverage.ITEM_IDS`)."""

ITEM_ID = re.compile(r"^M\d-\d\d$")
SECTION = re.compile(r"^(\d\d_[a-z0-9_]+\.ipynb)#([A-Za-z0-9_-]{1,64})$")
MAX_ANSWER = 100
"""Longest answer text saved (characters): an option id or a number is a few characters."""
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CODE = re.compile(r"^[A-Za-z0-9_-]{2,20}$")


def default_bank_path() -> Path:
    """Return the path of ``curriculum/bank_soal.yaml`` in the repository."""
    return Path(__file__).resolve().parents[2] / "curriculum" / "bank_soal.yaml"


@dataclass(frozen=True)
class Item:
    """One question of the bank.

    Attributes:
        id: Unique id, e.g. ``"M6-02"`` (module digit, item number).
        module: Session code, e.g. ``"06"``.
        objective: Objective code in the syllabus, e.g. ``"6.2"``.
        kind: ``"pilihan_ganda"`` (multiple choice) or ``"numerik"``.
        question: Question text (Bahasa Indonesia).
        options: ``{option_id: text}`` for multiple choice (ids ``A``–``E`` are stable ids, not
            display positions: the widget shows options in a per-participant shuffled order, see
            :func:`option_order`); empty for numeric.
        key: The correct option id, or the correct number.
        tolerance: Accepted absolute error for numeric items.
        explanation: Why the key is right (shown as feedback).
        prepost: True if the item belongs to the pre/post-test.
        source: Source URL or note for facts, if any.
        coverage: Coverage item ids (:data:`COVERAGE_IDS`) the item assesses.
        section: ``"NN_name.ipynb#cell-id"`` — the notebook section that teaches the content.
    """

    id: str
    module: str
    objective: str
    kind: str
    question: str
    options: dict[str, str]
    key: Any
    tolerance: float
    explanation: str
    prepost: bool = False
    source: str = ""
    coverage: tuple[str, ...] = ()
    section: str = ""


@dataclass(frozen=True)
class QuestionBank:
    """The validated bank plus the Level-1 questionnaire and Level-3 follow-up form."""

    items: tuple[Item, ...]
    reaction: dict[str, Any] = field(default_factory=dict)
    follow_up: dict[str, Any] = field(default_factory=dict)
    source: str = ""
    version: str = ""
    """The bank's ``versi`` (bumped whenever items, keys or options change)."""

    def __getitem__(self, item_id: str) -> Item:
        try:
            return self._by_id[item_id]
        except (KeyError, TypeError):  # TypeError: an unhashable id is no item's id either
            raise KeyError(item_id) from None

    @cached_property
    def _by_id(self) -> dict[str, Item]:
        """Items by id (the first of a repeated id, as a scan in bank order finds it).

        Built once per bank: scoring a class of 40 looks items up hundreds of thousands of times.
        """
        index: dict[str, Item] = {}
        for it in self.items:
            index.setdefault(it.id, it)
        return index

    @cached_property
    def memo(self) -> dict[Any, Any]:
        """Cache for values derived from the items only (a form's ids, its fingerprint).

        The bank is frozen and its items are frozen: what is derived from them never changes for
        this bank object (:func:`dataclasses.replace` makes a new bank with an empty cache).
        """
        return {}

    @property
    def ids(self) -> tuple[str, ...]:
        """All item ids, in bank order."""
        return tuple(it.id for it in self.items)

    @property
    def modules(self) -> tuple[str, ...]:
        """Module codes that have items, sorted."""
        return tuple(sorted({it.module for it in self.items}))

    @property
    def prepost(self) -> tuple[Item, ...]:
        """The pre/post-test items, in bank order."""
        return tuple(it for it in self.items if it.prepost)

    @property
    def practice(self) -> tuple[Item, ...]:
        """The practice items (every item not in the pre/post-test), in bank order."""
        return tuple(it for it in self.items if not it.prepost)

    def for_module(self, module: str) -> tuple[Item, ...]:
        """Return the items of one form: a module's practice quiz, or the pre/post-test.

        Args:
            module: A module code (``"06"`` or ``6``) for that module's *practice* items — the
                self-check quiz, which never contains a pre/post item — or ``"prepost"`` for the
                pre/post-test.

        Raises:
            DataError: when the form has no items (the Indonesian message lists the modules).
        """
        module = str(module).zfill(2) if str(module).isdigit() else str(module)
        if module == "prepost":
            chosen = self.prepost
        else:
            chosen = tuple(it for it in self.practice if it.module == module)
        if not chosen:
            modules = sorted({it.module for it in self.practice})
            raise DataError(
                f"no questions for module {module!r}; modules in the bank: {modules} or 'prepost'",
                f"Tidak ada soal untuk modul {module!r}. Modul yang tersedia: {', '.join(modules)} atau 'prepost'.",
                file=Path(self.source).name or None,
                column="modul",
            )
        return chosen


def _parse_item(raw: Any, i: int, file: str) -> Item:
    where = f"soal[{i}]"
    if not isinstance(raw, dict):
        raise yaml_error(file, where, "must be a mapping", "harus berupa pasangan kunci: nilai.")
    for key in ("id", "modul", "tujuan", "jenis", "pertanyaan", "kunci", "pembahasan", "materi"):
        if (
            key not in raw
            or raw[key] is None
            or (isinstance(raw[key], str) and not raw[key].strip())
        ):
            raise yaml_error(
                file,
                f"{where}.{key}",
                "is missing or empty",
                "wajib diisi tetapi tidak ada atau kosong.",
            )
    item_id = str(raw["id"])
    where = f"soal[{i}] ({item_id})"
    if not ITEM_ID.match(item_id):
        raise yaml_error(
            file,
            f"{where}.id",
            f"{item_id!r} must look like 'M6-02'",
            f"{item_id!r} harus berbentuk 'M6-02'.",
        )
    module = str(raw["modul"])
    if item_id[1] != module[-1] or len(module) != 2:
        raise yaml_error(
            file,
            f"{where}.modul",
            f"module {module!r} does not match id {item_id!r}",
            f"modul {module!r} tidak cocok dengan id {item_id!r}.",
        )
    objective = str(raw["tujuan"])
    if not objective.startswith(f"{int(module)}."):
        raise yaml_error(
            file,
            f"{where}.tujuan",
            f"objective {objective!r} is not an objective of module {module}",
            f"tujuan {objective!r} bukan tujuan modul {module}.",
        )
    coverage = raw.get("cakupan")
    if (
        not isinstance(coverage, list)
        or not coverage
        or any(c not in COVERAGE_IDS for c in coverage)
    ):
        bad = (
            [c for c in coverage or [] if c not in COVERAGE_IDS]
            if isinstance(coverage, list)
            else coverage
        )
        raise yaml_error(
            file,
            f"{where}.cakupan",
            f"must be a non-empty list of coverage ids; unknown: {bad!r}",
            f"harus daftar id cakupan yang dikenal (lihat cakupan.yaml); tidak dikenal: {bad!r}.",
        )
    section = str(raw["materi"]).strip()
    if not SECTION.match(section) or section[:2] != module:
        raise yaml_error(
            file,
            f"{where}.materi",
            f"{section!r} must be 'NN_notebook.ipynb#cell-id' of module {module}",
            f"{section!r} harus berbentuk 'NN_notebook.ipynb#id-sel' notebook modul {module}.",
        )
    kind = raw["jenis"]
    key = raw["kunci"]
    options: dict[str, str] = {}
    tolerance = 0.0
    if kind == "pilihan_ganda":
        opts = raw.get("pilihan")
        if not isinstance(opts, dict) or len(opts) < 3:
            raise yaml_error(
                file,
                f"{where}.pilihan",
                "a multiple-choice item needs at least 3 options",
                "soal pilihan ganda perlu minimal 3 pilihan.",
            )
        options = {str(k): str(v).strip() for k, v in opts.items()}
        if any(not re.fullmatch(r"[A-E]", k) for k in options):
            raise yaml_error(
                file,
                f"{where}.pilihan",
                f"option letters must be A-E, got {list(options)}",
                f"huruf pilihan harus A-E, bukan {', '.join(options)}.",
            )
        if len(set(options.values())) != len(options) or not all(options.values()):
            raise yaml_error(
                file,
                f"{where}.pilihan",
                "options must be non-empty and all different",
                "setiap pilihan harus terisi dan berbeda satu sama lain.",
            )
        if not isinstance(key, str) or key not in options:
            raise yaml_error(
                file,
                f"{where}.kunci",
                f"key {key!r} must be exactly one of the option letters {list(options)}",
                f"kunci {key!r} harus tepat satu huruf dari pilihan {', '.join(options)}.",
            )
    elif kind == "numerik":
        if isinstance(key, bool) or not isinstance(key, int | float) or not math.isfinite(key):
            raise yaml_error(
                file,
                f"{where}.kunci",
                f"numeric key must be one finite number, got {key!r}",
                f"kunci soal numerik harus satu angka, bukan {key!r}.",
            )
        tolerance = raw.get("toleransi", 0)
        if isinstance(tolerance, bool) or not isinstance(tolerance, int | float) or tolerance < 0:
            raise yaml_error(
                file,
                f"{where}.toleransi",
                f"tolerance must be a number >= 0, got {tolerance!r}",
                f"toleransi harus angka >= 0, bukan {tolerance!r}.",
            )
        tolerance = float(tolerance)
    else:
        raise yaml_error(
            file,
            f"{where}.jenis",
            f"kind {kind!r} must be 'pilihan_ganda' or 'numerik'",
            f"jenis {kind!r} harus 'pilihan_ganda' atau 'numerik'.",
        )
    return Item(
        id=item_id,
        module=module,
        objective=objective,
        kind=kind,
        question=str(raw["pertanyaan"]).strip(),
        options=options,
        key=key,
        tolerance=tolerance,
        explanation=str(raw["pembahasan"]).strip(),
        prepost=bool(raw.get("prepost", False)),
        source=str(raw.get("sumber", "")),
        coverage=tuple(coverage),
        section=section,
    )


def load_bank(path: str | Path | None = None, *, syllabus: Any = None) -> QuestionBank:
    """Load and validate the question bank.

    Args:
        path: The YAML file; ``curriculum/bank_soal.yaml`` when None.
        syllabus: Optional :class:`~simulations.course.curriculum.Syllabus`; when given, every item's
            objective must exist in it.

    Raises:
        DataError: naming the file and the item when an id is duplicated, a key is missing or not
            exactly one valid option, an option is duplicated, or an objective is unknown.
    """
    path = Path(path) if path is not None else default_bank_path()
    file = path.name
    raw = read_yaml(path, "question bank", "bank soal")
    if not isinstance(raw, dict) or not isinstance(raw.get("soal"), list) or not raw["soal"]:
        raise yaml_error(
            file, "soal", "must be a non-empty list", "harus berupa daftar soal yang tidak kosong."
        )
    items = tuple(_parse_item(r, i, file) for i, r in enumerate(raw["soal"]))
    ids = [it.id for it in items]
    dupes = repeated(ids)
    if dupes:
        raise yaml_error(
            file, "soal", f"duplicate ids {dupes}", f"id soal ganda: {', '.join(dupes)}."
        )
    if syllabus is not None:
        known = set(syllabus.objectives_by_code)
        for it in items:
            if it.objective not in known:
                raise yaml_error(
                    file,
                    f"{it.id}.tujuan",
                    f"objective {it.objective!r} is not in the syllabus",
                    f"tujuan {it.objective!r} tidak ada di silabus.",
                )
    return QuestionBank(
        items=items,
        reaction=raw.get("kuesioner_reaksi") or {},
        follow_up=raw.get("tindak_lanjut") or {},
        source=str(path),
        version=str(raw.get("versi", "")),
    )


def parse_number(text: Any) -> float | None:
    """Parse a participant's numeric answer; accepts ``0,3`` as well as ``0.3``. None if empty/invalid."""
    if text is None:
        return None
    if isinstance(text, int | float) and not isinstance(text, bool):
        return float(text) if math.isfinite(float(text)) else None
    s = str(text).strip().replace(" ", "")
    if not s:
        return None
    if s.count(",") == 1 and "." not in s:
        s = s.replace(",", ".")
    try:
        value = float(s)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def check_answer(item: Item, answer: Any) -> bool:
    """Return True when ``answer`` is correct for ``item`` (empty or unreadable answers are wrong).

    Multiple choice: the option *id* (``A``–``E``, case-insensitive) — never a display position.
    Numeric: within the item's tolerance (plus a tiny float margin).
    """
    if item.kind == "pilihan_ganda":
        return isinstance(answer, str) and answer.strip().upper() == item.key
    value = parse_number(answer)
    return value is not None and abs(value - float(item.key)) <= item.tolerance + 1e-9


def is_valid_answer(item: Item, answer: Any) -> bool:
    """Return True when ``answer`` is a readable answer (an option letter or a number), right or wrong."""
    if item.kind == "pilihan_ganda":
        return isinstance(answer, str) and answer.strip().upper() in item.options
    return parse_number(answer) is not None


def feedback(item: Item, answer: Any) -> str:
    """Return the Indonesian feedback sentence for one answer (correct/incorrect + explanation)."""
    if answer is None or (isinstance(answer, str) and not answer.strip()):
        return f"Belum dijawab. Kunci: {_key_text(item)}. {item.explanation}"
    if not is_valid_answer(item, answer):
        what = "huruf pilihan" if item.kind == "pilihan_ganda" else "angka (mis. 0.3)"
        return f"Jawaban {answer!r} tidak terbaca; tulis {what}."
    if check_answer(item, answer):
        return f"Benar. {item.explanation}"
    return f"Belum tepat. Kunci: {_key_text(item)}. {item.explanation}"


def _key_text(item: Item) -> str:
    if item.kind == "pilihan_ganda":
        return f"“{item.options[item.key]}”"
    return general_id(item.key)


def option_order(item: Item, participant: Any) -> list[str]:
    """Return the option ids of a multiple-choice item in the order shown to one participant.

    The order is a permutation seeded by SHA-256 of the participant code and the item id, so the same
    participant sees the same order every time (on any computer), and different participants see
    different orders. This removes position cues (the key is no longer "usually B"); answers are
    stored as option ids, so scoring never depends on the order. An empty/invalid code gives the
    order for code ``""`` (still shuffled, still stable).

    Args:
        item: A multiple-choice item (numeric items return ``[]``).
        participant: The participant code (case and surrounding spaces are ignored).

    Returns:
        The option ids, e.g. ``["C", "A", "D", "B"]``.
    """
    if item.kind != "pilihan_ganda":
        return []
    code = "" if participant is None else str(participant).strip().upper()
    digest = hashlib.sha256(f"{code}|{item.id}".encode()).digest()
    rng = random.Random(int.from_bytes(digest[:8], "big"))
    ids = list(item.options)
    rng.shuffle(ids)
    return ids


def neutralise_cell(value: Any) -> str:
    """Return ``value`` as text that a spreadsheet will not run as a formula (CSV injection).

    A cell starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return is prefixed with an
    apostrophe (OWASP's recommendation), except plain numbers such as ``-0.3``, which stay readable
    as numbers. :func:`unneutralise_cell` undoes it on reading.
    """
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_START):
        try:
            float(text.replace(",", "."))
            return text
        except ValueError:
            return "'" + text
    return text


def unneutralise_cell(text: str) -> str:
    """Undo :func:`neutralise_cell` (a leading apostrophe before a formula character is dropped)."""
    if len(text) >= 2 and text[0] == "'" and text[1:].startswith(FORMULA_START):
        return text[1:]
    return text


def normalise_code(code: Any) -> str:
    """Return a participant code in upper case, or raise DataError if it looks like a name or is empty.

    Codes are 2–20 letters, digits, ``-`` or ``_`` with no spaces (e.g. ``P07``, ``KSB-12``): a
    space usually means a name was typed, which the training must not collect.
    """
    text = "" if code is None else str(code).strip()
    if not CODE.match(text):
        raise DataError(
            f"participant code {text!r} must be 2-20 letters/digits/-/_ without spaces (a code, not a name)",
            f"Kode peserta {text!r} tidak valid: pakai 2–20 huruf/angka tanpa spasi (mis. P07). "
            "Jangan menulis nama.",
            column="kode_peserta",
        )
    return text.upper()


def save_answers(
    path: str | Path,
    participant: str,
    module: str,
    answers: dict[str, Any],
    *,
    phase: str = "latihan",
    bank: QuestionBank | None = None,
    when: dt.datetime | None = None,
) -> Path:
    """Append one row of answers to a local CSV (creating it with a header if needed).

    Args:
        path: CSV file to append to.
        participant: Participant code (see :func:`normalise_code`), not a name.
        module: Module code or ``"prepost"``.
        answers: ``{item_id: answer}``; unknown ids raise DataError.
        phase: One of :data:`PHASES`.
        bank: The bank, to check the ids and fix the column order; loaded when None.
        when: Timestamp (defaults to now, UTC, ISO 8601).

    Returns:
        The path written.
    """
    bank = bank or load_bank()
    code = normalise_code(participant)
    check_known(phase, PHASES, "phase", "Fase", error=DataError, field="fase")
    if not isinstance(answers, dict) or not answers:
        raise DataError(
            "answers must be a non-empty {item_id: answer} mapping",
            "Tidak ada jawaban untuk disimpan.",
            column="jawaban",
        )
    module = str(module)
    check_known(
        module, ("prepost", *bank.modules), "module", "Modul", error=DataError, field="modul"
    )
    unknown = sorted(str(k)[:20] for k in set(answers) - set(bank.ids))
    if unknown:
        raise DataError(
            f"unknown item ids {unknown}",
            f"Id soal tidak dikenal: {', '.join(unknown)}.",
            column=unknown[0],
        )
    for k, v in answers.items():
        if v is not None and len(str(v)) > MAX_ANSWER:
            raise DataError(
                f"answer to {k} has {len(str(v))} characters (at most {MAX_ANSWER})",
                f"Jawaban soal {k} terlalu panjang (paling banyak {MAX_ANSWER} karakter).",
                column=k,
            )
    if not isinstance(path, str | os.PathLike):
        raise DataError(
            f"path must be a file path, got {type(path).__name__}",
            "Tempat menyimpan jawaban harus berupa nama berkas, mis. 'jawaban.csv'.",
            column="path",
        )
    path = Path(path)
    if path.is_dir():
        raise DataError(
            f"{path}: is a folder, not a file",
            f"{path.name or path}: ini folder, bukan berkas; simpan ke nama berkas, mis. "
            f"{(path / 'jawaban.csv').as_posix()}.",
            file=str(path),
            column="path",
        )
    header = list(META_COLUMNS) + list(bank.ids)
    try:
        if path.exists() and path.stat().st_size > 0:
            try:
                with path.open(newline="", encoding="utf-8") as fh:
                    existing = next(csv.reader(fh), [])
            except UnicodeDecodeError:
                raise DataError(
                    f"{path.name}: not a UTF-8 answers file (another program saved it); save to a new file",
                    f"{path.name}: bukan berkas jawaban UTF-8 (mungkin disimpan ulang oleh program lain); "
                    "simpan ke berkas baru.",
                    file=path.name,
                    row=1,
                ) from None
            if existing != header:
                raise DataError(
                    f"{path.name}: its header differs from the current bank; save to a new file",
                    f"{path.name}: kepala kolomnya berbeda dengan bank soal saat ini; simpan ke berkas baru.",
                    file=path.name,
                    row=1,
                )
            new = False
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            new = True
        stamp = (when or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds")
        row = {
            "kode_peserta": code,
            "fase": phase,
            "modul": neutralise_cell(module),
            "waktu": stamp,
        }
        row.update(
            {k: neutralise_cell("" if v is None else str(v).strip()) for k, v in answers.items()}
        )
        with path.open("a", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=header, restval="")
            if new:
                writer.writeheader()
            writer.writerow(row)
    except OSError as exc:
        raise DataError(
            f"{path}: cannot be written ({exc.strerror or type(exc).__name__})",
            f"Jawaban tidak dapat disimpan ke {path.name or path} ({exc.strerror or 'akses ditolak'}); "
            "pilih folder lain, mis. folder notebook ini.",
            file=str(path),
            column="path",
        ) from None
    # classroom server: a copy for the trainer's drop box (no-op outside the hub)
    dropbox.submit(path, kind=f"jawaban-{phase}")
    return path


def forms_markdown(bank: QuestionBank | None = None) -> str:
    """Return the Level-1 reaction questionnaire and the Level-3 follow-up form as printable Markdown."""
    bank = bank or load_bank()
    out: list[str] = []
    r = bank.reaction
    if r:
        out += [
            f"## {r.get('judul', 'Kuesioner reaksi')}",
            "",
            r.get("petunjuk", ""),
            "",
            "| No | Pernyataan | 1 | 2 | 3 | 4 | 5 |",
            "|---|---|---|---|---|---|---|",
        ]
        out += [f"| {b['id']} | {b['teks']} | ☐ | ☐ | ☐ | ☐ | ☐ |" for b in r.get("butir", [])]
        out += [""] + [
            f"- **{b['id']}** {b['teks']}  \n  ______________________________"
            for b in r.get("terbuka", [])
        ]
        out.append("")
    f = bank.follow_up
    if f:
        out += [
            f"## {f.get('judul', 'Formulir tindak lanjut')}",
            "",
            str(f.get("petunjuk", "")).strip(),
            "",
        ]
        for b in f.get("butir", []):
            extra = ""
            if b.get("jenis") == "pilihan":
                extra = " — " + " / ".join(f"☐ {p}" for p in b.get("pilihan", []))
            elif b.get("jenis") == "skala":
                extra = " — ☐1 ☐2 ☐3 ☐4 ☐5"
            out.append(f"- **{b['id']}** {b['teks']}{extra}")
        out.append("")
    return "\n".join(out)
