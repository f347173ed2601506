"""Answers to the exercise forms: reading what was typed, checking it, and saving it.

The form widget (:class:`simulations.widgets.exercise.ExerciseForm`) only wires controls to these
pure functions, so every rule is tested without a browser:

* :func:`parse_number_text` reads a number the way participants type it — ``0,25``, ``0.25``,
  ``1.234,5``, ``71,8 %`` — and refuses anything else with an Indonesian message;
* :func:`count_words` counts the words of a text area (what the live counter shows);
* :func:`read_answer` turns one field's raw control value into its answer (or None when empty);
* :func:`check_field` compares an answer with the value the notebook's check cell computed, with
  the field's tolerance, and words the feedback without giving the answer away;
* :func:`save_exercise_answers` appends the answers to the participant's CSV file (participant
  *code*, never a name), the same way quiz answers are saved, and copies the file to the classroom
  drop box when there is one (:func:`simulations.course.dropbox.submit`).

The answers file has one row per field and save (long format, so text and numbers sit in one
column): ``kode_peserta, waktu, latihan, isian, jawaban``. Several choices are written as ids
joined by ``;``; a table cell's field is ``<isian>[<baris>,<kolom>]``.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from simulations.core.errors import DataError, SimulationInputError
from simulations.core.formatting import general_id, parse_id
from simulations.course import dropbox
from simulations.course.exercises import Exercise, ExerciseField, ExerciseSet, load_exercises
from simulations.course.quiz import neutralise_cell, normalise_code, unneutralise_cell

__all__ = [
    "ANSWER_COLUMNS",
    "DROPBOX_KIND",
    "Feedback",
    "check_field",
    "count_words",
    "empty_fields",
    "exercise_answers_from_dropbox",
    "format_answer",
    "is_thousands_text",
    "parse_number_text",
    "prediction_feedback",
    "read_answer",
    "read_exercise_answers",
    "save_exercise_answers",
    "summarise_exercise_answers",
    "word_feedback",
]

ANSWER_COLUMNS = ("kode_peserta", "waktu", "latihan", "isian", "jawaban")
"""Columns of the exercise answers CSV (one row per field and save)."""

DROPBOX_KIND = "latihan"
"""Kind of the drop-box copy of the answers file (:func:`simulations.course.dropbox.submit`)."""

_WORD = re.compile(r"\w", re.UNICODE)
_PLAIN = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_THOUSANDS = re.compile(r"^-?[1-9]\d{0,2}\.\d{3}$")
_MINUS = str.maketrans({"\u2212": "-", "\u2013": "-", "\u00a0": " ", "\u202f": " "})


def count_words(text: Any) -> int:
    """Return the number of words in ``text``: runs of non-space holding a letter or digit.

    Punctuation standing alone (``—``, ``-``, ``…``) is not a word; ``15.00`` and ``PDAM`` are one
    word each. None counts as zero.

    Example:
        >>> count_words("Air PDAM aman — hasil uji 10.00 WIB.")
        7
    """
    if text is None:
        return 0
    return sum(1 for token in str(text).split() if _WORD.search(token))


def parse_number_text(text: Any, *, label: str = "angka") -> float:
    """Read a number as a participant types it; Indonesian decimal comma accepted.

    Rules, in order: spaces, a trailing ``%`` and a leading ``+`` are ignored; text with a comma is
    Indonesian notation (dots group thousands: ``1.234,5``; :func:`simulations.core.formatting.parse_id`);
    text with two or more dots is Indonesian thousands (``1.234.567``), and so is one dot after 1–3
    digits (not a lone 0) followed by exactly three digits (``1.136`` is 1136, as the notebooks
    print it; :func:`is_thousands_text` tells the form to say so); otherwise one dot is a decimal
    point (``0.25``, ``0.267``, ``71.8``, as on most phones). The form echoes the value it read.

    Args:
        text: What was typed (a number passes through when finite).
        label: The field's label, named in the error.

    Raises:
        SimulationInputError: for empty text, text that is not a number, or a non-finite value;
            ``.pesan`` says how to write it.
    """
    if isinstance(text, int | float) and not isinstance(text, bool):
        value = float(text)
    else:
        raw = "" if text is None else str(text).translate(_MINUS)
        s = "".join(raw.split())
        s = s[:-1] if s.endswith("%") else s
        s = s[1:] if s.startswith("+") else s
        if not s:
            raise SimulationInputError(f"{label}: empty", f"{label}: belum diisi.", field=label)
        try:
            if "," in s or s.count(".") > 1 or _THOUSANDS.match(s):
                value = parse_id(s)
            elif _PLAIN.match(s):
                value = float(s)
            else:
                raise ValueError(s)
        except (SimulationInputError, ValueError):
            shown = raw.strip()[:30]
            raise SimulationInputError(
                f"{label}: {shown!r} is not a number",
                f"{label}: '{shown}' bukan angka. Tulis angka saja, mis. 0,25 atau 0.25 "
                "(koma atau titik sebagai tanda desimal).",
                field=label,
            ) from None
    if not math.isfinite(value):
        raise SimulationInputError(
            f"{label}: {value!r} is not a finite number",
            f"{label}: harus angka biasa (bukan tak hingga).",
            field=label,
        )
    return value


def is_thousands_text(text: Any) -> bool:
    """True when ``text`` has one dot read as a thousands separator (``1.136`` → 1136), which a
    participant might have meant as a decimal point: the form then says how it was read."""
    if not isinstance(text, str):
        return False
    s = "".join(text.translate(_MINUS).split()).rstrip("%").lstrip("+")
    return bool(_THOUSANDS.match(s))


def _range_error(f: ExerciseField, value: float) -> SimulationInputError:
    lo = "" if f.min is None else general_id(f.min)
    hi = "" if f.max is None else general_id(f.max)
    span = (
        f"antara {lo} dan {hi}"
        if lo and hi
        else (f"paling kecil {lo}" if lo else f"paling besar {hi}")
    )
    return SimulationInputError(
        f"{f.id}: {value!r} outside [{f.min}, {f.max}]",
        f"{f.label}: {general_id(value)} di luar rentang; isi {span}"
        + (f" {f.unit}" if f.unit else "")
        + ".",
        field=f.id,
    )


def _number(f: ExerciseField, raw: Any, label: str) -> float | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    value = parse_number_text(raw, label=label)
    if (f.min is not None and value < f.min) or (f.max is not None and value > f.max):
        raise _range_error(f, value)
    if f.integer and value != int(value):
        raise SimulationInputError(
            f"{f.id}: {value!r} must be a whole number",
            f"{label}: harus bilangan bulat, bukan {general_id(value)}.",
            field=f.id,
        )
    return float(int(value)) if f.integer else value


def read_answer(f: ExerciseField, raw: Any) -> Any:
    """Return one field's answer from its raw control value; None when nothing was given.

    Returns:
        ``pilihan``: the option id; ``centang``: a tuple of option ids (None when none ticked);
        ``geser``/``angka``: a float (whole for ``bulat``); ``teks``/``uraian``: the text, with
        surrounding space removed; ``tabel``: ``{(row id, column id): float or None}`` (None when
        every cell is empty).

    Raises:
        SimulationInputError: for a number that cannot be read or is out of range, an unknown
            choice, too many or too few ticks, or a text longer than allowed — each message names
            the field's label, in Indonesian.
    """
    if f.kind == "pilihan":
        if raw is None or raw == "":
            return None
        ids = [o.id for o in f.options]
        if raw not in ids:
            raise SimulationInputError(
                f"{f.id}: unknown choice {str(raw)[:40]!r}",
                f"{f.label}: pilihan '{str(raw)[:40]}' tidak dikenal.",
                field=f.id,
            )
        return raw
    if f.kind == "centang":
        chosen = tuple(raw or ())
        unknown = [c for c in chosen if c not in {o.id for o in f.options}]
        if unknown:
            raise SimulationInputError(
                f"{f.id}: unknown choices {unknown[:3]}",
                f"{f.label}: pilihan tidak dikenal: {', '.join(map(str, unknown[:3]))}.",
                field=f.id,
            )
        if not chosen:
            return None
        if len(chosen) < f.min_choices or (
            f.max_choices is not None and len(chosen) > f.max_choices
        ):
            want = (
                f"tepat {f.min_choices}"
                if f.max_choices == f.min_choices
                else f"{f.min_choices}–{f.max_choices}"
                if f.max_choices is not None
                else f"minimal {f.min_choices}"
            )
            raise SimulationInputError(
                f"{f.id}: {len(chosen)} ticked, allowed {f.min_choices}..{f.max_choices}",
                f"{f.label}: centang {want} pilihan (sekarang {len(chosen)}).",
                field=f.id,
            )
        order = [o.id for o in f.options]
        return tuple(sorted(set(chosen), key=order.index))
    if f.kind in ("geser", "angka"):
        return _number(f, raw, f.label)
    if f.kind in ("teks", "uraian"):
        text = "" if raw is None else str(raw).strip()
        if len(text) > f.max_chars:
            raise SimulationInputError(
                f"{f.id}: {len(text)} characters (at most {f.max_chars})",
                f"{f.label}: terlalu panjang ({len(text)} karakter; paling banyak {f.max_chars}).",
                field=f.id,
            )
        return text or None
    # tabel
    raw = raw or {}
    cells: dict[tuple[str, str], float | None] = {}
    for r in f.rows:
        for c in f.columns:
            cells[(r.id, c.id)] = _number(
                f, raw.get((r.id, c.id)), f"{f.label} ({r.label}, {c.label})"
            )
    return cells if any(v is not None for v in cells.values()) else None


def empty_fields(
    exercise: Exercise,
    answers: Mapping[str, Any],
    *,
    required_only: bool = True,
    kinds: tuple[str, ...] | None = None,
) -> list[str]:
    """Return the labels of the fields that are still empty.

    Args:
        exercise: The exercise.
        answers: ``{field id: answer}`` (:func:`read_answer`).
        required_only: Only fields marked required (``wajib``, the default for every field).
        kinds: Only fields of these kinds (e.g. the short answers a simulation needs).
    """
    out = []
    for f in exercise.fields:
        if kinds is not None and f.kind not in kinds:
            continue
        value = answers.get(f.id)
        empty = value is None or (f.kind == "tabel" and any(v is None for v in value.values()))
        if empty and (f.required or not required_only):
            out.append(f.label)
    return out


def format_answer(f: ExerciseField, value: Any) -> str:
    """Return an answer as an Indonesian participant reads it (``0,25``, option labels)."""
    if value is None:
        return "(kosong)"
    if f.kind == "pilihan":
        return f.option_label(value)
    if f.kind == "centang":
        return "; ".join(f.option_label(v) for v in value)
    if f.kind in ("geser", "angka"):
        return general_id(value) + (f" {f.unit}" if f.unit else "")
    if f.kind == "tabel":
        return "; ".join(
            f"{r}/{c}: {'(kosong)' if v is None else general_id(v)}" for (r, c), v in value.items()
        )
    return str(value)


# ------------------------------------------------------------------------------------- checking
@dataclass(frozen=True)
class Feedback:
    """The outcome of checking one field: ``ok`` is True/False, or None when not judged."""

    field: str
    ok: bool | None
    text: str


def check_field(
    f: ExerciseField, value: Any, expected: Any = ..., *, tolerance: float | None = None
) -> Feedback:
    """Compare one answer with the expected value the notebook computed; Indonesian feedback.

    Args:
        f: The field.
        value: Its answer (:func:`read_answer`).
        expected: The value to compare with: a number (``geser``/``angka``, within the field's
            tolerance), an option id (``pilihan``), a collection of ids (``centang``), or
            ``{(row, col): number}`` (``tabel``). ``...`` (the default) means no value is given:
            the answer is only recorded (text fields: word count and limits). None means the value
            does not exist yet (e.g. the simulation has not been run).
        tolerance: Overrides the field's tolerance.

    Returns:
        A :class:`Feedback`; never raises (a check cell must not fail).
    """
    tol = f.tolerance if tolerance is None else float(tolerance)
    if value is None:
        if not f.required:
            return Feedback(f.id, None, f"{f.label}: belum diisi (boleh dilewati).")
        return Feedback(
            f.id, False if expected is not ... or f.required else None, f"{f.label}: belum diisi."
        )
    if f.kind in ("teks", "uraian"):
        return word_feedback(f, value)
    if expected is ...:
        return Feedback(f.id, None, f"{f.label}: tercatat ({format_answer(f, value)}).")
    if expected is None:
        return Feedback(
            f.id,
            None,
            f"{f.label}: belum ada hasil untuk dibandingkan — jalankan dulu simulasinya (tombol Jalankan), "
            "lalu periksa lagi.",
        )
    try:
        if f.kind in ("geser", "angka"):
            target = float(expected)
            if abs(value - target) <= tol + 1e-9:
                return Feedback(f.id, True, f"{f.label}: tepat!")
            way = "terlalu besar" if value > target else "terlalu kecil"
            return Feedback(
                f.id,
                False,
                f"{f.label}: belum tepat — {format_answer(f, value)} masih {way}. Periksa lagi langkah Anda.",
            )
        if f.kind == "pilihan":
            ok = value == expected
            return Feedback(
                f.id, ok, f"{f.label}: " + ("tepat!" if ok else "belum tepat — coba lagi.")
            )
        if f.kind == "centang":
            want = {expected} if isinstance(expected, str) else set(expected)
            got = set(value)
            if got == want:
                return Feedback(f.id, True, f"{f.label}: tepat!")
            return Feedback(
                f.id,
                False,
                f"{f.label}: belum tepat — {len(got & want)} dari {len(want)} pilihan yang benar tercentang.",
            )
        wrong = [
            (r, c)
            for (r, c), target in dict(expected).items()
            if value.get((r, c)) is None or abs(value[(r, c)] - float(target)) > tol + 1e-9
        ]
        if not wrong:
            return Feedback(f.id, True, f"{f.label}: semua sel tepat!")
        return Feedback(f.id, False, f"{f.label}: {len(wrong)} sel belum tepat.")
    except (TypeError, ValueError, KeyError):
        return Feedback(
            f.id, None, f"{f.label}: tidak bisa dibandingkan (nilai pembanding tidak terbaca)."
        )


def prediction_feedback(guess: Any, actual: Any, unit: str = "") -> str:
    """Feedback on a prediction made before running a simulation: the result is shown, then the gap.

    Unlike :func:`check_field`, the simulated value is told: the exercise is "predict, then
    observe and explain".

    Example:
        >>> prediction_feedback(3, 4, "kubu")[:52]
        'Simulasi menghasilkan 4 kubu; tebakan Anda 3 (selisih'
    """
    g, a = float(guess), float(actual)
    shown = f" {unit}" if unit else ""
    head = f"Simulasi menghasilkan {general_id(a)}{shown}; tebakan Anda {general_id(g)}"
    if abs(g - a) < 1e-9:
        return head + ". Tepat sekali! Jelaskan alasannya kepada kelompok Anda."
    gap = abs(g - a)
    return (
        head + f" (selisih {general_id(gap)}). "
        "Jelaskan kepada kelompok Anda mengapa hasilnya berbeda dari tebakan."
    )


def word_feedback(f: ExerciseField, text: str | None) -> Feedback:
    """Feedback on a text answer: filled, its word count, and the field's word limits."""
    words = count_words(text)
    if not words:
        return Feedback(f.id, False, f"{f.label}: belum diisi.")
    if f.min_words is not None and words < f.min_words:
        return Feedback(
            f.id, False, f"{f.label}: baru {words} kata — tulis minimal {f.min_words} kata."
        )
    if f.max_words is not None and words > f.max_words:
        return Feedback(
            f.id, False, f"{f.label}: {words} kata — lebih dari batas {f.max_words}. Ringkas lagi."
        )
    return Feedback(f.id, True, f"{f.label}: terisi ({words} kata).")


# --------------------------------------------------------------------------------------- saving
def _rows(exercise: Exercise, answers: Mapping[str, Any]) -> Iterable[tuple[str, str]]:
    for f in exercise.fields:
        value = answers.get(f.id)
        if f.kind == "tabel":
            cells = value or {}
            for r in f.rows:
                for c in f.columns:
                    v = cells.get((r.id, c.id))
                    yield f"{f.id}[{r.id},{c.id}]", "" if v is None else repr(float(v))
        elif value is None:
            yield f.id, ""
        elif f.kind == "centang":
            yield f.id, ";".join(value)
        elif f.kind in ("geser", "angka"):
            yield f.id, repr(float(value))
        else:
            yield f.id, str(value)


def save_exercise_answers(
    path: str | Path,
    participant: Any,
    exercise: Exercise,
    answers: Mapping[str, Any],
    *,
    when: dt.datetime | None = None,
) -> Path:
    """Append one exercise's answers to the participant's CSV and copy it to the drop box.

    Args:
        path: CSV file next to the notebook (created with a header when new).
        participant: Participant code (:func:`simulations.course.quiz.normalise_code`), not a name.
        exercise: The exercise.
        answers: ``{field id: answer}`` as read by :func:`read_answer` (missing ids are empty).
        when: Timestamp (default now, UTC).

    Returns:
        The path written.

    Raises:
        DataError: for an invalid participant code, an answer to an unknown field, or an existing
            file whose header is not :data:`ANSWER_COLUMNS`.
    """
    code = normalise_code(participant)
    unknown = sorted(set(answers) - {f.id for f in exercise.fields})
    if unknown:
        raise DataError(
            f"exercise {exercise.id} has no fields {unknown[:3]}",
            f"Latihan {exercise.id} tidak punya isian {', '.join(unknown[:3])}.",
            column=unknown[0],
        )
    path = Path(path)
    new = not path.exists() or path.stat().st_size == 0
    if not new:
        with path.open(newline="", encoding="utf-8") as fh:
            if next(csv.reader(fh), []) != list(ANSWER_COLUMNS):
                raise DataError(
                    f"{path.name}: header is not {list(ANSWER_COLUMNS)}",
                    f"{path.name}: kolomnya bukan kolom jawaban latihan; simpan ke berkas lain.",
                    file=path.name,
                    row=1,
                )
    path.parent.mkdir(parents=True, exist_ok=True)
    stamp = (when or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds")
    with path.open("a", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        if new:
            writer.writerow(ANSWER_COLUMNS)
        for name, text in _rows(exercise, answers):
            writer.writerow([code, stamp, exercise.id, name, neutralise_cell(text)])
    # classroom server: a copy for the trainer's drop box (no-op outside the hub)
    dropbox.submit(path, kind=DROPBOX_KIND)
    return path


def read_exercise_answers(
    paths: Iterable[str | Path] | str | Path, exercises: ExerciseSet | None = None
) -> Any:
    """Read answers files into one table (the trainer's side), latest save per participant and exercise.

    Args:
        paths: One file or several (e.g. the drop box's ``latihan`` copies).
        exercises: The definitions, to drop rows of exercises that no longer exist; loaded when None.

    Returns:
        A DataFrame with :data:`ANSWER_COLUMNS`, one row per participant, exercise and field, from
        each participant's latest save of that exercise.

    Raises:
        DataError: naming the file for one that is unreadable or lacks the columns.
    """
    import pandas as pd

    exercises = exercises or load_exercises()
    paths = [paths] if isinstance(paths, str | Path) else list(paths)
    frames = []
    for p in paths:
        p = Path(p)
        try:
            frame = pd.read_csv(p, dtype=str, keep_default_na=False, encoding="utf-8")
        except (OSError, UnicodeDecodeError, pd.errors.ParserError) as exc:
            raise DataError(
                f"cannot read {p.name}: {type(exc).__name__}",
                f"Berkas {p.name} tidak dapat dibaca sebagai CSV jawaban latihan.",
                file=p.name,
            ) from None
        if list(frame.columns) != list(ANSWER_COLUMNS):
            raise DataError(
                f"{p.name}: columns {list(frame.columns)[:6]} are not {list(ANSWER_COLUMNS)}",
                f"{p.name}: kolomnya bukan kolom jawaban latihan ({', '.join(ANSWER_COLUMNS)}).",
                file=p.name,
                row=1,
            )
        frames.append(frame)
    if not frames:
        return pd.DataFrame(columns=list(ANSWER_COLUMNS))
    table = pd.concat(frames, ignore_index=True)
    table["jawaban"] = table["jawaban"].map(unneutralise_cell)
    table = table[table["latihan"].isin(list(exercises.exercises))]
    latest = table.groupby(["kode_peserta", "latihan"])["waktu"].transform("max")
    return (
        table[table["waktu"] == latest]
        .drop_duplicates(["kode_peserta", "latihan", "isian"], keep="last")
        .reset_index(drop=True)
    )


def exercise_answers_from_dropbox(
    folder: str | Path | None = None, exercises: ExerciseSet | None = None
) -> Any:
    """Read every participant's exercise answers from the classroom drop box (the trainer's side).

    Each copy the workbook submitted (kind :data:`DROPBOX_KIND`) is read; the column ``akun`` is
    the hub account that wrote it (the drop box checks it against the file's owner), which is the
    identity to trust — the participant code in a file is typed by the participant. The latest
    save of each account and exercise is kept.

    Args:
        folder: The drop box; ``$TANGGUH_DROPBOX`` when None.
        exercises: The definitions; loaded when None.

    Returns:
        A DataFrame (``akun`` + :data:`ANSWER_COLUMNS`), or None outside the classroom server
        (no folder given and ``$TANGGUH_DROPBOX`` unset).

    Raises:
        DataError: when the drop box cannot be read (e.g. opened with a participant's account).
    """
    import pandas as pd

    if folder is None and dropbox.dropbox_dir() is None:
        return None
    frames = []
    for sub in dropbox.read_submissions(folder, kind=DROPBOX_KIND):
        try:
            table = read_exercise_answers(sub.path, exercises)
        except DataError:
            continue  # a file that is not an answers CSV is skipped, never fatal for the class
        frames.append(table.assign(akun=sub.user))
    if not frames:
        return pd.DataFrame(columns=["akun", *ANSWER_COLUMNS])
    table = pd.concat(frames, ignore_index=True)[["akun", *ANSWER_COLUMNS]]
    latest = table.groupby(["akun", "latihan"])["waktu"].transform("max")
    return (
        table[table["waktu"] == latest]
        .drop_duplicates(["akun", "latihan", "isian"], keep="last")
        .reset_index(drop=True)
    )


def summarise_exercise_answers(table: Any) -> str:
    """One Indonesian sentence on an answers table: how many participants per exercise."""
    if table is None:
        return (
            "Notebook ini tidak berjalan di server kelas: jawaban latihan dibaca dari kode jawaban (kotak di atas) "
            "atau dari berkas jawaban_latihan.csv yang diunduh peserta (read_exercise_answers)."
        )
    if len(table) == 0:
        return "Belum ada jawaban latihan di kotak kumpul."
    who = "akun" if "akun" in table.columns else "kode_peserta"
    per = table.groupby("latihan")[who].nunique()
    order = sorted(per.index, key=lambda x: [int(p) for p in x.split(".")])
    shown = ", ".join(f"{k}: {per[k]}" for k in order)
    return f"Jawaban latihan dari {table[who].nunique()} peserta. Peserta per latihan — {shown}."
