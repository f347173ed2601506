"""Answer codes of the exercise forms: the short answers of one *Latihan* as one chat line.

Like the quiz codes (:mod:`simulations.course.answer_codes`), a saved exercise shows a code the
participant copies (or scans as a QR code) into the class chat, so a trainer gets the short
answers of a whole class — also from Binder sessions whose files are gone. Only short answers go
into the code (choices, numbers, sliders, number tables); text answers (e.g. the clarification of
Latihan 6.5) go to the participant's file and the classroom drop box only.

Format (upper case apart from the participant code's own letters, no spaces, chat-safe)::

    TDX1.<participant code>.<exercise>.<form fingerprint>.<answers>.<checksum>
    TDX1.P07.3-1.K4QM.(0,25).Q7KM

* ``TDX1`` — format version. It does not start with ``TD`` + digit, so the quiz-code reader
  counts these lines as chat and never rejects them as broken quiz codes.
* exercise — the id with ``-`` for ``.`` (``3-1``).
* form fingerprint — :attr:`simulations.course.exercises.Exercise.fingerprint`: a code made with
  another version of the form is reported, never read against the wrong fields.
* answers — one token per short-answer field, in form order: a choice is the letter of its position
  (``A`` = first choice; in a list longer than 26, the position in parentheses, ``(12)``), several
  choices ``(ACD)``, a number ``(0,25)`` with a decimal comma, a
  table one number token per cell (row by row); ``-`` is an empty answer.
* checksum — 4 base-32 characters of SHA-256 over everything before it.

Nothing here uses the network.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from simulations.core.errors import DataError
from simulations.course.answer_codes import checksum, code_error, code_parts, payload_tokens
from simulations.course.exercises import Exercise, ExerciseSet, load_exercises
from simulations.course.quiz import normalise_code

__all__ = [
    "EXERCISE_CODE_VERSION",
    "ExerciseCodeBatch",
    "ExerciseSubmission",
    "make_exercise_code",
    "parse_exercise_code",
    "read_exercise_codes",
]

EXERCISE_CODE_VERSION = "TDX1"
MAX_CODE = 400
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_TOKEN = re.compile(r"\(([^()]*)\)|[A-Z]|-")
_NUMBER = re.compile(r"^-?\d{1,9}(,\d{1,6})?$")
_CANDIDATE = re.compile(r"(?<![A-Za-z0-9])TDX\d\S*", re.IGNORECASE)


def _number_token(value: float | None) -> str:
    if value is None:
        return "-"
    # the code's own notation (decimal comma, chat-safe), read back by _number: not prose
    text = f"{float(value):.6f}".rstrip("0").rstrip(".").replace(".", ",")  # notation: english
    return f"({'0' if text in ('-0', '') else text})"


def make_exercise_code(
    participant: Any, exercise: Exercise, answers: Mapping[str, Any]
) -> str | None:
    """Return the answer code of one exercise's short answers, or None when it has none.

    Args:
        participant: Participant code (not a name).
        exercise: The exercise.
        answers: ``{field id: answer}`` as read by :func:`simulations.course.exercise_answers.read_answer`.

    Raises:
        DataError: for an invalid participant code.
    """
    code = normalise_code(participant)
    fields = exercise.codable_fields
    if not fields:
        return None
    tokens = []
    for f in fields:
        value = answers.get(f.id)
        if f.kind == "pilihan":
            ids = [o.id for o in f.options]
            if value not in ids:
                tokens.append("-")
            elif len(ids) <= len(_LETTERS):
                tokens.append(_LETTERS[ids.index(value)])
            else:  # long lists (38 provinces): the 1-based position in parentheses
                tokens.append(f"({ids.index(value) + 1})")
        elif f.kind == "centang":
            ids = [o.id for o in f.options]
            picked = [_LETTERS[ids.index(v)] for v in (value or ()) if v in ids]
            tokens.append(f"({''.join(picked)})" if picked else "-")
        elif f.kind == "tabel":
            cells = value or {}
            tokens += [_number_token(cells.get((r.id, c.id))) for r in f.rows for c in f.columns]
        else:
            tokens.append(_number_token(value))
    body = f"{EXERCISE_CODE_VERSION}.{code}.{exercise.id.replace('.', '-')}.{exercise.fingerprint}.{''.join(tokens)}"
    return f"{body}.{checksum(body)}"


@dataclass(frozen=True)
class ExerciseSubmission:
    """One decoded exercise code: participant, exercise and ``{field: answer}`` (chat line number)."""

    participant: str
    exercise: str
    answers: dict[str, Any]
    code: str
    line: int = 0


def _number(token: str) -> float:
    inner = token[1:-1]
    if not (token.startswith("(") and _NUMBER.match(inner)):
        raise ValueError(token)
    return float(inner.replace(",", "."))


def parse_exercise_code(text: str, exercises: ExerciseSet | None = None) -> ExerciseSubmission:
    """Decode one exercise answer code.

    Raises:
        DataError: with ``column="kode_jawaban"``, an Indonesian ``.pesan`` and a ``kind``
            (``"kosong"``, ``"versi"``, ``"terpotong"``, ``"bagian_lebih"``, ``"kode_peserta"``, ``"latihan"``,
            ``"versi_form"``, ``"checksum"``, ``"simbol"``, ``"jumlah_jawaban"``).
    """
    exercises = exercises or load_exercises()
    raw = text.strip() if isinstance(text, str) else ""
    if not raw:
        raise code_error("kosong", "empty code", "Kode jawaban latihan kosong.")
    if len(raw) > MAX_CODE:
        raise code_error(
            "terpotong", f"code has {len(raw)} characters", "Kode jawaban latihan terlalu panjang."
        )
    parts = code_parts(raw.split("."), EXERCISE_CODE_VERSION, "Kode jawaban latihan")
    _, code, ex_part, fingerprint, payload, check = parts
    body = ".".join(parts[:5])
    if checksum(f"{EXERCISE_CODE_VERSION}{body[len(parts[0]) :]}") != check.upper():
        raise code_error(
            "checksum",
            "checksum does not match (typing error or altered answers)",
            "Checksum tidak cocok: kode salah ketik atau diubah. Salin ulang seluruh kode.",
        )
    ex_id = ex_part.replace("-", ".")
    if ex_id not in exercises:
        raise code_error(
            "latihan", f"unknown exercise {ex_id[:8]!r}", f"Latihan {ex_id[:8]} tidak dikenal."
        )
    exercise = exercises[ex_id]
    if fingerprint.upper() != exercise.fingerprint:
        raise code_error(
            "versi_form",
            f"code made with another version of exercise {ex_id}'s form",
            f"Kode dibuat dengan versi lain form Latihan {ex_id}; jawaban tidak dibaca.",
        )
    tokens = payload_tokens(payload, _TOKEN)
    fields = exercise.codable_fields
    expected = sum(len(f.rows) * len(f.columns) if f.kind == "tabel" else 1 for f in fields)
    if len(tokens) != expected:
        raise code_error(
            "jumlah_jawaban",
            f"{len(tokens)} answers, exercise {ex_id} has {expected}",
            f"Kode berisi {len(tokens)} jawaban, padahal Latihan {ex_id} punya {expected}.",
        )
    answers: dict[str, Any] = {}
    it = iter(tokens)
    try:
        for f in fields:
            if f.kind == "tabel":
                answers[f.id] = {
                    (r.id, c.id): (None if (t := next(it)) == "-" else _number(t))
                    for r in f.rows
                    for c in f.columns
                }
                continue
            token = next(it)
            if token == "-":
                answers[f.id] = None
            elif f.kind == "pilihan" and token.startswith("("):
                position = int(token[1:-1])
                if not 1 <= position <= len(f.options):
                    raise ValueError(token)
                answers[f.id] = f.options[position - 1].id
            elif f.kind == "pilihan":
                answers[f.id] = f.options[_LETTERS.index(token)].id
            elif f.kind == "centang":
                letters = token[1:-1]
                answers[f.id] = tuple(f.options[_LETTERS.index(x)].id for x in letters)
            else:
                answers[f.id] = _number(token)
    except (ValueError, IndexError):
        raise code_error(
            "simbol",
            "an answer does not fit its field",
            "Ada jawaban yang tidak cocok dengan isiannya.",
        ) from None
    return ExerciseSubmission(code.upper(), ex_id, answers, raw)


@dataclass
class ExerciseCodeBatch:
    """Exercise codes read from a pasted chat: accepted (latest per participant and exercise), rejected."""

    submissions: list[ExerciseSubmission] = field(default_factory=list)
    rejected: list[tuple[int, str, str]] = field(default_factory=list)
    replaced: int = 0
    lines_read: int = 0

    def summary(self) -> str:
        """Indonesian one-line summary of what was read."""
        per = {}
        for s in self.submissions:
            per[s.exercise] = per.get(s.exercise, 0) + 1
        shown = ", ".join(
            f"{k}: {v}"
            for k, v in sorted(per.items(), key=lambda kv: [int(x) for x in kv[0].split(".")])
        )
        return (
            f"Dibaca {self.lines_read} baris; {len(self.submissions)} kode latihan diterima"
            f" ({shown or '-'}), {len(self.rejected)} ditolak, {self.replaced} kiriman ulang diganti yang terakhir."
        )

    def frame(self, exercises: ExerciseSet | None = None) -> Any:
        """The accepted answers as a table: participant, exercise, field label, answer (Indonesian)."""
        import pandas as pd

        from simulations.course.exercise_answers import format_answer

        exercises = exercises or load_exercises()
        rows = []
        for s in self.submissions:
            ex = exercises[s.exercise]
            for f in ex.codable_fields:
                rows.append(
                    {
                        "kode peserta": s.participant,
                        "latihan": s.exercise,
                        "isian": f.label,
                        "jawaban": format_answer(f, s.answers.get(f.id)),
                    }
                )
        return pd.DataFrame(rows, columns=["kode peserta", "latihan", "isian", "jawaban"])


def read_exercise_codes(text: str, exercises: ExerciseSet | None = None) -> ExerciseCodeBatch:
    """Read every exercise code (``TDX…``) in a pasted chat; quiz codes and chat lines are skipped.

    Each rejected code is listed with its line and the Indonesian reason. When a participant sent
    the same exercise more than once, the later line counts (an exercise may be redone).

    Raises:
        DataError: when ``text`` is not text.
    """
    exercises = exercises or load_exercises()
    if not isinstance(text, str):
        raise DataError(
            f"pasted codes must be text, got {type(text).__name__}",
            "Tempelkan kode jawaban sebagai teks.",
            column="kode_jawaban",
        )
    batch = ExerciseCodeBatch()
    latest: dict[tuple[str, str], ExerciseSubmission] = {}
    for n, line in enumerate(text.splitlines(), start=1):
        batch.lines_read += 1
        for cand in _CANDIDATE.findall(line):
            token = cand.rstrip(".,;:!?]}\"'»”’*_~")
            try:
                sub = parse_exercise_code(token, exercises)
            except DataError as exc:
                batch.rejected.append((n, token[:60], exc.pesan))
                continue
            key = (sub.participant, sub.exercise)
            batch.replaced += key in latest
            latest[key] = ExerciseSubmission(
                sub.participant, sub.exercise, sub.answers, sub.code, n
            )
    batch.submissions = sorted(latest.values(), key=lambda s: (s.exercise, s.participant))
    return batch
