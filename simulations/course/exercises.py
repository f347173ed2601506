"""The notebooks' exercises (*Latihan*) as data: ``curriculum/latihan.yaml``, loaded and validated.

Every ``### Latihan N.M`` of notebooks 00–07 and 09 is answered in a form
(:class:`simulations.widgets.exercise.ExerciseForm`), never by editing code. What the form shows
— its fields, their labels, ranges and choices — is defined once here, so the notebook form, the
printed worksheet (:mod:`simulations.course.worksheets`) and the trainer's reading of answer codes
(:mod:`simulations.course.exercise_codes`) cannot drift apart. Keys and model answers are **not**
part of the definitions: they stay in ``curriculum/kunci/``, and a notebook's check cell computes
the expected value from what the participant sees (the explorer's last run, a table).

File format (YAML, Indonesian keys)::

    versi: 1
    latihan:
      - id: "3.1"                      # "N.M", as in the heading "### Latihan 3.1 — …"
        judul: Hitung ambang           # the heading's verb phrase
        notebook: 03_konflik_sosial_daring.ipynb
        petunjuk: …                    # optional: one line shown above the fields
        tombol: Periksa                # optional: label of the check button
        isian:                         # the fields, in order
          - id: ambang
            jenis: angka               # see FIELD_KINDS
            label: Peluang verifikasi minimal
            min: 0
            max: 1
            toleransi: 0.01            # accepted difference when the check cell gives a value
        batas_kata: {isian: [a, b], maks: 120}   # optional: words over several text fields

Field kinds (``jenis``, :data:`FIELD_KINDS`):

* ``pilihan`` — one choice (radio buttons; ``tampilan: daftar`` for a dropdown);
* ``centang`` — several choices (checkboxes; ``min_pilih``/``maks_pilih``);
* ``geser`` — a slider (``min``, ``max``, ``langkah``, ``awal``, ``bulat``), or the range, label and
  help of a parameter with ``parameter: <table>.<name>`` (the model registry's parameter tables and
  :data:`PARAMETER_TABLES`: the budget sandbox, the clarification experiment);
* ``angka`` — a number typed as text; ``0,25``, ``0.25`` and ``1.234,5`` are all read
  (:func:`simulations.course.exercise_answers.parse_number_text`);
* ``teks`` — a short text (``maks_karakter``, default 200);
* ``uraian`` — a text area with a live word counter (``min_kata``, ``maks_kata``);
* ``tabel`` — a small table of numbers (``baris`` × ``kolom``).

Choices are ``[{id, teks}]`` (or plain strings), or come from a named source in the package with
``pilihan_dari`` (:data:`OPTION_SOURCES`: provinces, the index's province indicators, the example
stakeholder map, the capstone menu, the fictional regency's kecamatan and report categories). A
field with ``soal: <bank item id>`` shows a practice item of ``curriculum/bank_soal.yaml`` (its
question and options; the check uses the bank's key and explanation, as the quiz does). ``awal``
gives a start value (a slider's position, a pre-selected choice, a pre-filled text).

Example:
    >>> ex = load_exercises()["3.1"]
    >>> ex.title, [f.kind for f in ex.fields][:1]
    ('Hitung ambang', ['angka'])
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json
import math
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from simulations.core.errors import DataError
from simulations.core.formatting import general_id
from simulations.core.tables import repeated

__all__ = [
    "FIELD_KINDS",
    "OPTION_SOURCES",
    "PARAMETER_TABLES",
    "Exercise",
    "ExerciseField",
    "ExerciseSet",
    "Option",
    "WordLimit",
    "default_exercises_path",
    "load_exercises",
]

FIELD_KINDS = ("pilihan", "centang", "geser", "angka", "teks", "uraian", "tabel")
"""Field kinds: one choice, several choices, slider, number, short text, text area, number table."""

CODABLE_KINDS = ("pilihan", "centang", "geser", "angka", "tabel")
"""Kinds that go into an answer code (short answers); text goes to the file and the drop box only."""

EXERCISE_ID = re.compile(r"^\d{1,2}\.\d{1,2}$")
FIELD_ID = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
OPTION_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$")
NOTEBOOK = re.compile(r"^(\d\d)_[a-z0-9_]+\.ipynb$")
MAX_OPTIONS = 26
"""Most choices of one field (answer codes write a choice as one letter A–Z)."""
MAX_TABLE_CELLS = 24
MAX_TEXT_CHARS = 5_000
"""Longest text a text area accepts (characters); 120 words are about 900."""


@dataclass(frozen=True)
class Option:
    """One choice of a ``pilihan`` or ``centang`` field (or a row/column of a ``tabel``)."""

    id: str
    label: str


@dataclass(frozen=True)
class ExerciseField:
    """One field of an exercise form.

    Attributes:
        id: Name of the answer (``a-z``, digits, ``_``), unique within the exercise.
        kind: One of :data:`FIELD_KINDS`.
        label: Indonesian label shown next to the control.
        help: Indonesian tooltip / hint (may be empty).
        options: Choices of ``pilihan``/``centang``, in display order.
        display: ``"tombol"`` (radio buttons) or ``"daftar"`` (dropdown) for ``pilihan``.
        min, max: Range of ``geser``/``angka``/``tabel`` values (None: open).
        step: Slider step.
        default: Initial slider value.
        integer: Whole numbers only (``bulat``).
        unit: Unit shown after the control (e.g. ``"%"``).
        tolerance: Accepted absolute difference when the check cell gives an expected value.
        min_words, max_words: Word limits of an ``uraian`` field.
        max_chars: Longest ``teks``/``uraian`` in characters.
        min_choices, max_choices: Limits of a ``centang`` field.
        rows, columns: Rows and columns of a ``tabel`` field.
        required: Must be filled before a check runs a simulation (``wajib``, default True).
        parameter: ``"<model>.<name>"`` when range, label and help come from a parameter table.
        bank_item: Question-bank item id (``soal``) whose question and options the field shows;
            the check compares with the bank's key and shows its explanation, as the quiz does.
    """

    id: str
    kind: str
    label: str
    help: str = ""
    options: tuple[Option, ...] = ()
    display: str = "tombol"
    min: float | None = None
    max: float | None = None
    step: float | None = None
    default: Any = None
    integer: bool = False
    unit: str = ""
    tolerance: float = 0.0
    min_words: int | None = None
    max_words: int | None = None
    max_chars: int = 200
    min_choices: int = 0
    max_choices: int | None = None
    rows: tuple[Option, ...] = ()
    columns: tuple[Option, ...] = ()
    required: bool = True
    parameter: str = ""
    bank_item: str = ""

    @property
    def codable(self) -> bool:
        """True when the field's answer goes into an answer code (not free text)."""
        return self.kind in CODABLE_KINDS

    def option_label(self, option_id: str) -> str:
        """Return the label of a choice id (the id itself if unknown)."""
        for o in self.options:
            if o.id == option_id:
                return o.label
        return option_id


@dataclass(frozen=True)
class WordLimit:
    """A word limit over several text fields (e.g. the four parts of a clarification)."""

    fields: tuple[str, ...]
    max: int | None = None
    min: int | None = None
    label: str = "bagian yang dihitung"


@dataclass(frozen=True)
class Exercise:
    """One *Latihan*: its id, title, notebook and form fields.

    Attributes:
        id: ``"N.M"`` as in the notebook heading ``### Latihan N.M — <judul>``.
        title: The heading's text after the dash.
        notebook: Notebook file name, e.g. ``"03_konflik_sosial_daring.ipynb"``.
        instructions: Optional one-line hint shown above the fields.
        fields: The form's fields, in order.
        word_limit: Optional limit over several text fields.
        check_label: Label of the check button (``"Periksa"``; ``"Jalankan"`` when it simulates).
    """

    id: str
    title: str
    notebook: str
    fields: tuple[ExerciseField, ...]
    instructions: str = ""
    word_limit: WordLimit | None = None
    check_label: str = "Periksa"

    @property
    def module(self) -> str:
        """Two-digit session code of the notebook, e.g. ``"03"``."""
        return self.notebook[:2]

    @property
    def heading(self) -> str:
        """The notebook heading's text: ``"Latihan 3.1 — Hitung ambang"``."""
        return f"Latihan {self.id} — {self.title}"

    @property
    def codable_fields(self) -> tuple[ExerciseField, ...]:
        """Fields that go into the answer code, in order."""
        return tuple(f for f in self.fields if f.codable)

    def field(self, field_id: str) -> ExerciseField:
        """Return one field by id.

        Raises:
            DataError: naming the exercise and listing its fields.
        """
        for f in self.fields:
            if f.id == field_id:
                return f
        known = ", ".join(f.id for f in self.fields)
        raise DataError(
            f"exercise {self.id} has no field {str(field_id)[:40]!r}; fields: {known}",
            f"Latihan {self.id} tidak punya isian {str(field_id)[:40]!r}. Isian yang ada: {known}.",
            column=str(field_id)[:40],
        )

    @property
    def fingerprint(self) -> str:
        """Four base-32 characters over the form's shape (ids, kinds, choices, table cells).

        An answer code carries it, so a code made with another version of the form is reported
        instead of being read against the wrong fields.
        """
        shape = [
            [
                f.id,
                f.kind,
                [o.id for o in f.options],
                [r.id for r in f.rows],
                [c.id for c in f.columns],
            ]
            for f in self.codable_fields
        ]
        digest = hashlib.sha256(json.dumps([self.id, shape]).encode()).digest()
        return base64.b32encode(digest).decode("ascii")[:4]


@dataclass(frozen=True)
class ExerciseSet:
    """All exercises of the course, by id, plus the file they came from."""

    exercises: dict[str, Exercise] = field(default_factory=dict)
    version: str = ""
    source: str = ""

    def __getitem__(self, exercise_id: Any) -> Exercise:
        key = str(exercise_id).strip()
        if key in self.exercises:
            return self.exercises[key]
        shown = ", ".join(self.exercises) or "-"
        raise DataError(
            f"unknown exercise {key[:20]!r}; known: {shown}",
            f"Latihan {key[:20]!r} tidak ada di {Path(self.source).name or 'latihan.yaml'}. "
            f"Latihan yang ada: {shown}.",
            file=Path(self.source).name or None,
            column="latihan",
        )

    def __contains__(self, exercise_id: Any) -> bool:
        return str(exercise_id).strip() in self.exercises

    def __iter__(self) -> Iterator[Exercise]:
        return iter(self.exercises.values())

    def __len__(self) -> int:
        return len(self.exercises)

    def for_notebook(self, notebook: str) -> tuple[Exercise, ...]:
        """The exercises of one notebook (file name with or without ``.ipynb``), in file order."""
        name = notebook if notebook.endswith(".ipynb") else f"{notebook}.ipynb"
        return tuple(e for e in self.exercises.values() if e.notebook == name)

    def for_module(self, code: str) -> tuple[Exercise, ...]:
        """The exercises of one session code (``"03"``), in file order."""
        code = str(code).zfill(2)
        return tuple(e for e in self.exercises.values() if e.module == code)


# ---------------------------------------------------------------------------------- option sources
def _provinces() -> list[tuple[str, str]]:
    from simulations import data

    ref = data.provinces()
    return [
        (str(r.kode_kemendagri), f"{r.nama_provinsi_kemendagri} ({r.kode_kemendagri})")
        for r in ref.itertuples()
    ]


def _stakeholders() -> list[tuple[str, str]]:
    from simulations.response.stakeholders import build_map

    return [(str(n), f"{d.get('label', n)} ({n})") for n, d in build_map().nodes(data=True)]


def _action_menu() -> list[tuple[str, str]]:
    from simulations.response.action_plan import MENU

    return [(k, f"{o.label} (biaya {o.cost})") for k, o in MENU.items()]


def _kecamatan() -> list[tuple[str, str]]:
    from simulations import data

    table = data.load_table("kecamatan")
    return [
        (str(r.kode_kecamatan), f"{r.nama_kecamatan} ({r.kode_kecamatan})")
        for r in table.itertuples()
    ]


def _province_indicators() -> list[tuple[str, str]]:
    from simulations import data

    return [(k, str(v["label"])) for k, v in data.INDICATORS_34.items()]


REPORT_CATEGORIES_ID = {
    "hoaks_disinformasi": "hoaks dan disinformasi",
    "ujaran_kebencian": "ujaran kebencian",
    "konflik_antarwarga": "konflik antarwarga",
    "layanan_publik": "layanan publik",
    "bencana_lingkungan": "bencana dan lingkungan",
}
"""Indonesian labels of the synthetic report categories (``laporan_warga.kategori``)."""


def _report_categories() -> list[tuple[str, str]]:
    return list(REPORT_CATEGORIES_ID.items())


OPTION_SOURCES: dict[str, Callable[[], list[tuple[str, str]]]] = {
    "provinsi": _provinces,
    "indikator_provinsi": _province_indicators,
    "pihak_peta_contoh": _stakeholders,
    "menu_rencana_aksi": _action_menu,
    "kecamatan_tangguh_jaya": _kecamatan,
    "kategori_laporan": _report_categories,
}
"""Named sources of choices (``pilihan_dari``): ``name -> [(id, label)]`` read from the package."""


# ---------------------------------------------------------------------------------------- loading
def default_exercises_path() -> Path:
    """Return the path of ``curriculum/latihan.yaml`` in the repository."""
    return Path(__file__).resolve().parents[2] / "curriculum" / "latihan.yaml"


EXERCISE_KEYS = frozenset({"id", "judul", "notebook", "petunjuk", "tombol", "isian", "batas_kata"})
FIELD_KEYS = frozenset(
    {
        "id", "jenis", "label", "bantuan", "satuan", "min", "max", "langkah", "awal", "bulat",
        "toleransi", "wajib", "pilihan", "pilihan_dari", "tampilan", "min_pilih", "maks_pilih",
        "min_kata", "maks_kata", "maks_karakter", "baris", "kolom", "parameter", "soal",
    }
)  # fmt: skip
OPTION_KEYS = frozenset({"id", "teks"})
WORD_LIMIT_KEYS = frozenset({"isian", "maks", "min", "label"})


def _shown(value: Any, limit: int) -> str:
    """``repr(value)`` cut to ``limit`` characters, for messages about bad input."""
    return repr(value)[:limit]


class _Reader:
    """Validation helpers that name the file and the place (``latihan[3.1].isian[2].min``)."""

    def __init__(self, file: str) -> None:
        self.file = file

    def known_keys(self, raw: Mapping[str, Any], allowed: frozenset[str], where: str) -> None:
        """Refuse keys the format does not know — often a comma in an unquoted YAML text."""
        unknown = sorted(str(k)[:40] for k in raw if k not in allowed)
        if unknown:
            raise self.error(
                where,
                f"unknown keys {unknown} (a comma inside an unquoted text? quote it)",
                f"kunci tidak dikenal: {', '.join(unknown)} — bila teksnya berisi koma, beri tanda kutip.",
            )

    def entry_id(
        self, raw: Any, where: str, pattern: re.Pattern[str], limit: int, rule: str, aturan: str
    ) -> str:
        """Check that an entry is a mapping whose ``id`` matches ``pattern``; return the id.

        Args:
            raw: The entry as read from YAML.
            where: Its place in the file, e.g. ``latihan[0]``.
            pattern: The id's pattern.
            limit: Characters of a bad id shown in the message.
            rule, aturan: What the id must look like, in English and Indonesian.
        """
        if not isinstance(raw, Mapping):
            raise self.error(where, "must be a mapping", "harus berupa pasangan kunci: nilai.")
        entry_id = str(raw.get("id", "")).strip()
        if not pattern.match(entry_id):
            shown = _shown(entry_id, limit)
            raise self.error(f"{where}.id", f"{shown} {rule}", f"{shown} {aturan}")
        return entry_id

    def error(self, where: str, message: str, pesan: str) -> DataError:
        return DataError(
            f"{self.file}: {where}: {message}",
            f"{self.file}: {where}: {pesan}",
            file=self.file,
            column=where,
        )

    def text(self, raw: Mapping[str, Any], key: str, where: str, *, required: bool = True) -> str:
        value = raw.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                raise self.error(
                    f"{where}.{key}",
                    "is missing or empty",
                    "wajib diisi tetapi tidak ada atau kosong.",
                )
            return ""
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            raise self.error(f"{where}.{key}", "must be text", "harus berupa teks.")
        return " ".join(str(value).split())

    def number(
        self,
        raw: Mapping[str, Any],
        key: str,
        where: str,
        *,
        integer: bool = False,
        low: float | None = None,
    ) -> float | None:
        value = raw.get(key)
        if value is None:
            return None
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
        ):
            raise self.error(
                f"{where}.{key}",
                f"must be a number, got {_shown(value, 40)}",
                f"harus angka, bukan {_shown(value, 40)}.",
            )
        if integer and float(value) != int(value):
            raise self.error(
                f"{where}.{key}",
                f"must be a whole number, got {value!r}",
                f"harus bilangan bulat, bukan {value!r}.",
            )
        if low is not None and value < low:
            raise self.error(
                f"{where}.{key}",
                f"must be >= {general_id(low)}, got {value!r}",
                f"harus paling kecil {general_id(low)}, bukan {value!r}.",
            )
        return int(value) if integer else float(value)

    def options(self, raw: Any, where: str, *, limit: int = MAX_OPTIONS) -> tuple[Option, ...]:
        if isinstance(raw, Mapping):
            raw = [{"id": k, "teks": v} for k, v in raw.items()]
        if not isinstance(raw, list) or not raw:
            raise self.error(
                where,
                "must be a non-empty list of choices",
                "harus daftar pilihan yang tidak kosong.",
            )
        out = []
        for i, item in enumerate(raw):
            if isinstance(item, str | int) and not isinstance(item, bool):
                option_id, label = str(item), str(item)
            elif isinstance(item, Mapping):
                self.known_keys(item, OPTION_KEYS, f"{where}[{i}]")
                option_id = str(item.get("id", "")).strip()
                label = self.text(item, "teks", f"{where}[{i}]")
            else:
                raise self.error(
                    f"{where}[{i}]", "must be text or {id, teks}", "harus teks atau {id, teks}."
                )
            if not OPTION_ID.match(option_id):
                raise self.error(
                    f"{where}[{i}].id",
                    f"{_shown(option_id, 40)} must be 1-40 letters, digits, '_' or '-'",
                    f"{_shown(option_id, 40)} harus 1–40 huruf, angka, '_' atau '-'.",
                )
            out.append(Option(option_id, label))
        ids = [o.id for o in out]
        dupes = repeated(ids)
        if dupes:
            raise self.error(
                where, f"duplicate choice ids {dupes}", f"id pilihan ganda: {', '.join(dupes)}."
            )
        if len(out) > limit:
            raise self.error(
                where,
                f"at most {limit} choices, got {len(out)}",
                f"paling banyak {limit} pilihan, ada {len(out)}.",
            )
        return tuple(out)


def _from_source(reader: _Reader, name: Any, where: str) -> tuple[Option, ...]:
    if name not in OPTION_SOURCES:
        raise reader.error(
            f"{where}.pilihan_dari",
            f"unknown source {str(name)[:40]!r}; known: {sorted(OPTION_SOURCES)}",
            f"sumber pilihan {str(name)[:40]!r} tidak dikenal; yang ada: {', '.join(sorted(OPTION_SOURCES))}.",
        )
    return tuple(Option(i, label) for i, label in OPTION_SOURCES[name]())


def _policy_table() -> Any:
    from simulations.response.policy import POLICY_PARAMS

    return POLICY_PARAMS


def _clarification_table() -> Any:
    from simulations.response.communication import CLARIFICATION_PARAMS

    return CLARIFICATION_PARAMS


PARAMETER_TABLES: dict[str, Callable[[], Any]] = {
    "kebijakan_anggaran": _policy_table,
    "klarifikasi": _clarification_table,
}
"""Parameter tables outside the model registry, by the name a definition uses (``<table>.<name>``)."""


def _parameter(reader: _Reader, spec: Any, where: str) -> Any:
    """Return the :class:`~simulations.core.params.Param` named ``<table>.<name>``.

    ``<table>`` is a key of the model registry (``hoax``, ``algorithmic_bias``, ``coevolving``, …)
    or of :data:`PARAMETER_TABLES` (the budget sandbox, the clarification experiment).
    """
    from simulations.models.registry import MODELS

    text = str(spec)
    table_name, _, name = text.partition(".")
    if table_name in PARAMETER_TABLES:
        table = PARAMETER_TABLES[table_name]()
    elif table_name in MODELS:
        table = MODELS[table_name].params
    else:
        table = None
    if table is None or name not in table.names:
        raise reader.error(
            f"{where}.parameter",
            f"{text[:60]!r} is not '<table>.<parameter>' of the model registry or "
            f"{sorted(PARAMETER_TABLES)}",
            f"{text[:60]!r} bukan '<tabel>.<parameter>' dari registri model atau tabel "
            f"{', '.join(sorted(PARAMETER_TABLES))} (mis. 'hoax.alpha', 'algorithmic_bias.epsilon').",
        )
    return table[name]


def _bank_item(reader: _Reader, item_id: Any, kind: str, where: str) -> dict[str, Any]:
    """Question, options and id of a question-bank item shown as a ``pilihan`` field."""
    from simulations.course.quiz import load_bank

    if kind != "pilihan":
        raise reader.error(
            f"{where}.soal",
            "a bank item is a 'pilihan' field",
            "soal bank ditampilkan sebagai isian pilihan.",
        )
    try:
        item = load_bank()[str(item_id)]
    except KeyError:
        raise reader.error(
            f"{where}.soal",
            f"{str(item_id)[:20]!r} is not in the question bank",
            f"{str(item_id)[:20]!r} tidak ada di bank soal.",
        ) from None
    if item.kind != "pilihan_ganda" or item.prepost:
        raise reader.error(
            f"{where}.soal",
            f"{item.id} must be a multiple-choice practice item",
            f"{item.id} harus soal latihan pilihan ganda (bukan soal pre/post-test).",
        )
    return {
        "bank_item": item.id,
        "label": item.question,
        "options": tuple(Option(k, v) for k, v in item.options.items()),
        "display": "tombol",
    }


def _parse_field(reader: _Reader, raw: Any, where: str) -> ExerciseField:
    field_id = reader.entry_id(
        raw,
        where,
        FIELD_ID,
        40,
        "must start with a-z and hold a-z, 0-9, '_' (at most 40)",
        "harus diawali huruf kecil dan hanya berisi a-z, 0-9, '_'.",
    )
    where = f"{where} ({field_id})"
    reader.known_keys(raw, FIELD_KEYS, where)
    kind = raw.get("jenis")
    if kind not in FIELD_KINDS:
        raise reader.error(
            f"{where}.jenis",
            f"kind {str(kind)[:20]!r} must be one of {FIELD_KINDS}",
            f"jenis {str(kind)[:20]!r} harus salah satu dari {', '.join(FIELD_KINDS)}.",
        )
    args: dict[str, Any] = {"id": field_id, "kind": kind}
    param = _parameter(reader, raw["parameter"], where) if raw.get("parameter") else None
    if param is not None:
        if kind != "geser":
            raise reader.error(
                f"{where}.parameter",
                "only a slider (geser) takes a parameter",
                "hanya isian geser yang memakai parameter.",
            )
        args.update(
            parameter=str(raw["parameter"]),
            label=param.label,
            help=param.help,
            min=param.min,
            max=param.max,
            step=param.step,
            default=param.default,
            integer=param.kind == "int",
        )
    label = reader.text(raw, "label", where, required=param is None and not raw.get("soal"))
    if label:
        args["label"] = label
    help_text = reader.text(raw, "bantuan", where, required=False)
    if help_text:
        args["help"] = help_text
    args["unit"] = reader.text(raw, "satuan", where, required=False)
    args["required"] = bool(raw.get("wajib", True))
    for key, name in (("min", "min"), ("max", "max")):
        value = reader.number(raw, key, where)
        if value is not None:
            args[name] = value
    if "bulat" in raw:
        args["integer"] = bool(raw["bulat"])
    if args.get("min") is not None and args.get("max") is not None and args["min"] >= args["max"]:
        raise reader.error(
            f"{where}.max", "max must be larger than min", "max harus lebih besar dari min."
        )
    tolerance = reader.number(raw, "toleransi", where, low=0)
    if tolerance is not None:
        args["tolerance"] = tolerance
    if raw.get("soal"):
        args.update(_bank_item(reader, raw["soal"], kind, where))
    elif kind in ("pilihan", "centang"):
        if ("pilihan" in raw) == ("pilihan_dari" in raw):
            raise reader.error(
                f"{where}.pilihan",
                "give exactly one of 'pilihan' (a list) or 'pilihan_dari' (a source)",
                "isi tepat satu: 'pilihan' (daftar) atau 'pilihan_dari' (sumber).",
            )
        options = (
            reader.options(raw["pilihan"], f"{where}.pilihan")
            if "pilihan" in raw
            else _from_source(reader, raw["pilihan_dari"], where)
        )
        if len(options) < 2:
            raise reader.error(
                f"{where}.pilihan", "needs at least 2 choices", "perlu minimal 2 pilihan."
            )
        if kind == "centang" and len(options) > MAX_OPTIONS:
            raise reader.error(
                f"{where}.pilihan",
                f"a 'centang' field takes at most {MAX_OPTIONS} choices, got {len(options)}",
                f"isian centang paling banyak {MAX_OPTIONS} pilihan, ada {len(options)}.",
            )
        args["options"] = options
        display = raw.get("tampilan", "daftar" if len(options) > 6 else "tombol")
        if display not in ("tombol", "daftar"):
            raise reader.error(
                f"{where}.tampilan",
                f"{str(display)[:20]!r} must be 'tombol' or 'daftar'",
                "harus 'tombol' atau 'daftar'.",
            )
        args["display"] = display
    if kind in ("pilihan", "centang") and raw.get("awal") is not None:
        start = raw["awal"]
        ids = {o.id for o in args["options"]}
        chosen = [str(x) for x in start] if isinstance(start, list) else [str(start)]
        if kind == "pilihan" and isinstance(start, list) or any(c not in ids for c in chosen):
            raise reader.error(
                f"{where}.awal",
                f"start choice {_shown(start, 60)} is not among the choices",
                f"pilihan awal {_shown(start, 60)} tidak ada di daftar pilihan.",
            )
        args["default"] = tuple(chosen) if kind == "centang" else chosen[0]
    if kind in ("teks", "uraian") and raw.get("awal") is not None:
        args["default"] = str(raw["awal"]).strip()
    if kind == "centang":
        low = reader.number(raw, "min_pilih", where, integer=True, low=0)
        high = reader.number(raw, "maks_pilih", where, integer=True, low=1)
        args["min_choices"] = int(low or 0)
        args["max_choices"] = None if high is None else int(high)
        if high is not None and (low or 0) > high:
            raise reader.error(
                f"{where}.maks_pilih", "max must be >= min", "maks_pilih harus >= min_pilih."
            )
    if kind == "geser":
        step = reader.number(raw, "langkah", where, low=0)
        default = reader.number(raw, "awal", where)
        if step is not None:
            args["step"] = step
        if default is not None:
            args["default"] = default
        if args.get("min") is None or args.get("max") is None:
            raise reader.error(
                f"{where}.min", "a slider needs min and max", "isian geser perlu min dan max."
            )
        if args.get("default") is None:
            args["default"] = args["min"]
        if not args["min"] <= args["default"] <= args["max"]:
            raise reader.error(
                f"{where}.awal", "start value outside [min, max]", "nilai awal di luar [min, max]."
            )
    if kind in ("teks", "uraian"):
        limit = reader.number(raw, "maks_karakter", where, integer=True, low=1)
        args["max_chars"] = (
            int(limit) if limit is not None else (200 if kind == "teks" else MAX_TEXT_CHARS)
        )
        if args["max_chars"] > MAX_TEXT_CHARS:
            raise reader.error(
                f"{where}.maks_karakter",
                f"at most {MAX_TEXT_CHARS}",
                f"paling banyak {MAX_TEXT_CHARS}.",
            )
    if kind == "uraian":
        low = reader.number(raw, "min_kata", where, integer=True, low=0)
        high = reader.number(raw, "maks_kata", where, integer=True, low=1)
        args["min_words"] = None if low is None else int(low)
        args["max_words"] = None if high is None else int(high)
        if low is not None and high is not None and low > high:
            raise reader.error(
                f"{where}.maks_kata", "max must be >= min", "maks_kata harus >= min_kata."
            )
    if kind == "tabel":
        args["rows"] = reader.options(raw.get("baris"), f"{where}.baris")
        args["columns"] = reader.options(raw.get("kolom"), f"{where}.kolom")
        cells = len(args["rows"]) * len(args["columns"])
        if cells > MAX_TABLE_CELLS:
            raise reader.error(
                f"{where}.kolom",
                f"{cells} cells (at most {MAX_TABLE_CELLS})",
                f"{cells} sel (paling banyak {MAX_TABLE_CELLS}).",
            )
    if "label" not in args:
        raise reader.error(f"{where}.label", "is missing", "wajib diisi.")
    return ExerciseField(**args)


def _parse_exercise(reader: _Reader, raw: Any, i: int) -> Exercise:
    where = f"latihan[{i}]"
    ex_id = reader.entry_id(
        raw, where, EXERCISE_ID, 20, "must look like '3.1'", "harus berbentuk '3.1'."
    )
    where = f"latihan[{ex_id}]"
    reader.known_keys(raw, EXERCISE_KEYS, where)
    notebook = reader.text(raw, "notebook", where)
    match = NOTEBOOK.match(notebook)
    if not match or int(match.group(1)) != int(ex_id.split(".")[0]):
        raise reader.error(
            f"{where}.notebook",
            f"{_shown(notebook, 60)} must be 'NN_name.ipynb' of session {ex_id.split('.')[0]}",
            f"{_shown(notebook, 60)} harus berbentuk 'NN_nama.ipynb' untuk sesi {ex_id.split('.')[0]}.",
        )
    fields_raw = raw.get("isian")
    if not isinstance(fields_raw, list) or not fields_raw:
        raise reader.error(
            f"{where}.isian",
            "must be a non-empty list of fields",
            "harus daftar isian yang tidak kosong.",
        )
    fields = tuple(_parse_field(reader, f, f"{where}.isian[{j}]") for j, f in enumerate(fields_raw))
    ids = [f.id for f in fields]
    dupes = repeated(ids)
    if dupes:
        raise reader.error(
            f"{where}.isian", f"duplicate field ids {dupes}", f"id isian ganda: {', '.join(dupes)}."
        )
    limit = None
    if raw.get("batas_kata") is not None:
        spec = raw["batas_kata"]
        if not isinstance(spec, Mapping) or not isinstance(spec.get("isian"), list):
            raise reader.error(
                f"{where}.batas_kata",
                "must be {isian: [...], maks: n}",
                "harus berbentuk {isian: [...], maks: n}.",
            )
        reader.known_keys(spec, WORD_LIMIT_KEYS, f"{where}.batas_kata")
        names = tuple(str(x) for x in spec["isian"])
        text_ids = {f.id for f in fields if f.kind in ("teks", "uraian")}
        bad = [n for n in names if n not in text_ids]
        if bad or not names:
            raise reader.error(
                f"{where}.batas_kata.isian",
                f"must name text fields of the exercise; not text fields: {bad}",
                f"harus menyebut isian teks latihan ini; bukan isian teks: {', '.join(bad) or '-'}.",
            )
        high = reader.number(spec, "maks", f"{where}.batas_kata", integer=True, low=1)
        low = reader.number(spec, "min", f"{where}.batas_kata", integer=True, low=0)
        limit = WordLimit(
            names,
            None if high is None else int(high),
            None if low is None else int(low),
            reader.text(spec, "label", f"{where}.batas_kata", required=False)
            or "bagian yang dihitung",
        )
    return Exercise(
        id=ex_id,
        title=reader.text(raw, "judul", where),
        notebook=notebook,
        fields=fields,
        instructions=reader.text(raw, "petunjuk", where, required=False),
        word_limit=limit,
        check_label=reader.text(raw, "tombol", where, required=False) or "Periksa",
    )


def load_exercises(path: str | Path | None = None) -> ExerciseSet:
    """Load and validate the exercise definitions (cached per file and modification time).

    Args:
        path: The YAML file; ``curriculum/latihan.yaml`` when None.

    Raises:
        DataError: naming the file and the place (``latihan[3.1].isian[0].jenis``) for a missing
            file, invalid YAML, a duplicate exercise or field id, an unknown field kind, choice
            source or model parameter, a slider without a range, or a word limit over non-text
            fields.
    """
    path = Path(path) if path is not None else default_exercises_path()
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        raise DataError(
            f"exercise definitions not found: {path}",
            f"Berkas definisi latihan tidak ditemukan: {path}",
            file=str(path),
        ) from None
    return _load(str(path), stamp)


@functools.lru_cache(maxsize=8)
def _load(path: str, _stamp: int) -> ExerciseSet:
    file = Path(path).name
    reader = _Reader(file)
    try:
        raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = None if mark is None else mark.line + 1
        raise DataError(
            f"{file}: not valid YAML (line {line})",
            f"{file}: format YAML tidak valid (baris {line}).",
            file=file,
            row=line,
        ) from None
    if (
        not isinstance(raw, Mapping)
        or not isinstance(raw.get("latihan"), list)
        or not raw["latihan"]
    ):
        raise reader.error(
            "latihan", "must be a non-empty list", "harus berupa daftar latihan yang tidak kosong."
        )
    out: dict[str, Exercise] = {}
    for i, item in enumerate(raw["latihan"]):
        ex = _parse_exercise(reader, item, i)
        if ex.id in out:
            raise reader.error(
                f"latihan[{i}].id", f"duplicate exercise id {ex.id}", f"id latihan ganda: {ex.id}."
            )
        out[ex.id] = ex
    return ExerciseSet(out, str(raw.get("versi", "")), path)
