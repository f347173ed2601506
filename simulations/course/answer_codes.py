"""Answer codes (*kode jawaban*): one submission as a short text a participant pastes into a chat.

On Binder each participant's answers live in a temporary session; gathering forty CSV files from
forty computers loses some. Every submission (pre-test, post-test, module quiz, reaction
questionnaire) therefore also yields a one-line code that the participant copies (or scans as a QR
code) into the class chat; the trainer pastes the whole chat into notebook 08, which reads every
code and reports what it read, accepted and rejected.

Format (all upper case, no spaces, safe in WhatsApp/Telegram — no ``*``, ``_``, ``~`` or backticks)::

    TD2.<participant code>.<form>.<bank fingerprint>.<answers>.<checksum>
    TD2.P07.PRE.K4QM.BCXA(0,3)DA.Q7KM

* ``TD2`` — format version (``TD1`` codes, without the fingerprint, are refused with a clear reason).
* participant code — the same 2–20 letters/digits/``-``/``_`` as in the CSVs (a code, never a name).
* form — ``PRE``, ``POST`` (the pre/post-test), ``L01`` … ``L07`` (module self-check quiz, phase
  ``latihan``) or ``REA`` (reaction questionnaire, Kirkpatrick level 1).
* bank fingerprint — 4 base-32 characters of SHA-256 over the form's items as the bank defines them
  (id, kind, option ids, key, tolerance; for ``REA`` the statement ids), see
  :func:`bank_fingerprint`. A code made with another version of the question bank is *reported*
  ("versi bank soal lain"), never re-scored against the current keys.
* answers — one token per item of the form, in bank order: an option *id* ``A``–``E`` (never a
  display position), ``(number)`` with a decimal comma for numeric items, ``1``–``5`` for Likert
  items, ``X`` for unanswered and ``?`` for an answer that could not be read (scored wrong).
* checksum — 4 base-32 characters of SHA-256 over everything before it, so a typing error or a
  truncated code is detected (a random change passes with probability 32⁻⁴ ≈ 1 in a million).

Reading a pasted chat (:func:`read_codes`): each line is first cleaned of what chat apps add
(:func:`simulations.course.chat_text.clean_text`: formatting, emoji, invisible characters,
full-width and look-alike letters). Every token that starts with ``TD`` + digit is accepted or
rejected with its line and reason, and a line that *looks* like a code without being one (``TD``
lost, spaces inside the prefix) is listed too: nothing that resembles a code vanishes as chat.
When one participant sent the same form more than once, identical codes count once; *different*
codes are a **conflict** shown to the trainer. For the pre- and post-test the **first** code counts
(a pre-test sent again after the course must not replace the real one); for module quizzes and the
reaction questionnaire the last one counts (a quiz may be retaken). A code pasted from a chat cannot
be authenticated — anyone can type any participant code — so the trainer matches each code with
its sender (see the trainer's guide, session 00).

Nothing here uses the network.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from simulations.core.errors import DataError
from simulations.core.formatting import format_id
from simulations.course.chat_text import CONFUSABLES, clean_text
from simulations.course.quiz import (
    CODE,
    Item,
    QuestionBank,
    load_bank,
    parse_number,
)

__all__ = [
    "CodeBatch",
    "Rejection",
    "Repeat",
    "Submission",
    "bank_fingerprint",
    "checksum",
    "code_error",
    "code_parts",
    "payload_tokens",
    "codes_from_csv",
    "form_items",
    "form_of",
    "make_code",
    "parse_code",
    "qr_svg",
    "reaction_codes",
    "read_codes",
    "synthetic_chat",
]

VERSION = "TD2"
OLD_VERSIONS = ("TD1",)
MAX_TEXT = 2_000_000
"""Largest pasted block read (characters); a chat export of a class is far smaller."""
MAX_TOKEN = 400
"""Longest token considered a code (a 64-item form with numeric answers stays well below)."""
MAX_QR_SCALE = 20
"""Largest QR module size in pixels (3 is the default; 20 already fills a screen)."""
PHASE_NAMES = ("pre", "post", "latihan", "reaksi")
FIRST_COUNTS = ("PRE", "POST")
"""Forms where the first code of a participant counts and later different codes are conflicts."""

_ASCII_IS_CLEAN = not any(ch.isascii() for ch in CONFUSABLES)
"""True while no look-alike key of :mod:`~simulations.course.chat_text` is ASCII (then
``clean_text`` returns ASCII text unchanged)."""
_FORM = re.compile(r"^(PRE|POST|REA|L0[1-7])$")
_NUMBER = re.compile(r"^-?\d{1,7}(,\d{1,6})?$")
_TOKEN = re.compile(r"\(([^()]*)\)|[A-Z0-9?]", re.ASCII)
_B32 = re.compile(r"^[A-Z2-7]{4}$")
_CANDIDATE = re.compile(r"(?<![A-Za-z0-9])TD\d\S*", re.IGNORECASE)
_TRAILING = re.compile(r"[^A-Za-z0-9]+$")
# a line that looks like a code although no token starts with TD<digit>: the prefix lost or split
# by spaces, or a participant code followed by a form tag and answers
_LOOKS_LIKE = re.compile(
    r"(?<![A-Za-z0-9])(?:T\s+D\s*\d|TD\s+\d|T\s*D\s*\d\s+\.)\S*"
    r"|(?<![A-Za-z0-9])[A-Za-z0-9_-]{2,20}\.(?:PRE|POST|REA|L0[1-7])\.[A-Za-z0-9]{4}\.\S+",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Submission:
    """One decoded answer code."""

    participant: str
    phase: str  # "pre", "post", "latihan" or "reaksi"
    module: str  # "prepost", "01" … "07" or "reaksi"
    answers: dict[str, str]  # item id -> answer text as a CSV would hold it ("" = unanswered)
    code: str
    line: int = 0

    @property
    def form(self) -> str:
        """The form tag (``PRE``, ``POST``, ``L06``, ``REA``)."""
        return form_of(self.phase, self.module)


@dataclass(frozen=True)
class Rejection:
    """A code (or a line that looks like one) that was not accepted: where, what and why."""

    line: int
    text: str
    reason: str
    pesan: str
    kind: str
    form: str = ""  # the form tag when it could be read (PRE, POST, ...), else ""


@dataclass(frozen=True)
class Repeat:
    """A participant sent the same form more than once.

    Attributes:
        participant: Participant code.
        form: Form tag.
        kept_line: Line of the code that counts.
        other_line: Line of the code that does not count.
        same: True when both codes carry the same answers (a harmless resend).
        rule: ``"pertama"`` (the first code counts: PRE, POST) or ``"terakhir"`` (the last one).
    """

    participant: str
    form: str
    kept_line: int
    other_line: int
    same: bool
    rule: str

    @property
    def conflict(self) -> bool:
        """True when the two codes differ: the trainer must check who sent which."""
        return not self.same

    @property
    def pesan(self) -> str:
        """Indonesian sentence for the trainer."""
        if self.same:
            return (
                f"{self.participant} {self.form}: baris {self.other_line} sama dengan baris "
                f"{self.kept_line} (kiriman ulang, dihitung sekali)."
            )
        if self.rule == "pertama":
            return (
                f"KONFLIK {self.participant} {self.form}: baris {self.kept_line} dan baris "
                f"{self.other_line} berisi jawaban berbeda. Kiriman pertama (baris {self.kept_line}) "
                "dipakai. Cocokkan pengirim kedua pesan; bila baris "
                f"{self.kept_line} bukan dari peserta ini, hapus baris itu lalu baca ulang."
            )
        return (
            f"KONFLIK {self.participant} {self.form}: baris {self.other_line} diganti baris "
            f"{self.kept_line} (jawaban berbeda; untuk kuis latihan dan kuesioner reaksi kiriman "
            "terakhir dipakai). Cocokkan pengirimnya."
        )


def form_of(phase: str, module: str) -> str:
    """Return the form tag for a phase and module, e.g. ``("latihan", "06") -> "L06"``.

    Raises:
        DataError: for a combination that has no form (e.g. a pre-test of one module).
    """
    module = str(module)
    if phase in ("pre", "post") and module == "prepost":
        return phase.upper()
    if phase == "latihan" and re.fullmatch(r"0[1-7]", module):
        return f"L{module}"
    if phase == "reaksi":
        return "REA"
    raise DataError(
        f"no answer-code form for phase={phase!r}, module={module!r}",
        f"Tidak ada bentuk kode jawaban untuk fase {str(phase)[:20]!r} modul {module[:20]!r}.",
        column="fase",
    )


def _phase_module(form: str) -> tuple[str, str]:
    if form in ("PRE", "POST"):
        return form.lower(), "prepost"
    if form == "REA":
        return "reaksi", "reaksi"
    return "latihan", form[1:]


def form_items(form: str, bank: QuestionBank) -> list[str]:
    """Return the item ids a form encodes, in order (Likert ids ``R01``… for ``REA``)."""
    if form == "REA":  # the reaction dict is not frozen: read it every time
        return [str(b["id"]) for b in bank.reaction.get("butir", [])]
    key = ("form_items", form)
    if key not in bank.memo:
        _, module = _phase_module(form)
        bank.memo[key] = tuple(it.id for it in bank.for_module(module))
    return list(bank.memo[key])


def _b32(text: str) -> str:
    return base64.b32encode(hashlib.sha256(text.encode()).digest()).decode("ascii")[:4]


def bank_fingerprint(form: str, bank: QuestionBank) -> str:
    """Return the 4-character fingerprint of a form in this version of the question bank.

    It covers what scoring depends on — the items of the form in order, their kind, option ids,
    key and tolerance (for ``REA`` the statement ids) — and not the wording, so correcting a typo
    in a question keeps old codes valid while changing a key, adding an option or moving an item
    in or out of the pre/post-test does not.

    Raises:
        DataError: for a form that has no items in this bank.
    """
    if form == "REA":
        parts: list[Any] = [["R", i] for i in form_items(form, bank)]
        return _b32(json.dumps([form, parts], ensure_ascii=True, separators=(",", ":")))
    key = ("fingerprint", form)  # every code made or read needs it: once per bank and form
    if key not in bank.memo:
        parts = [
            [
                it.id,
                it.kind,
                sorted(it.options),
                str(it.key) if it.kind == "pilihan_ganda" else repr(float(it.key)),
                repr(float(it.tolerance)),
            ]
            for it in (bank[i] for i in form_items(form, bank))
        ]
        bank.memo[key] = _b32(json.dumps([form, parts], ensure_ascii=True, separators=(",", ":")))
    return bank.memo[key]


def checksum(body: str) -> str:
    """Return the 4 base-32 characters of SHA-256 over ``body`` that end every code (``TD2``, ``TDX1``)."""
    return _b32(body)


def _encode_answer(item: Item | None, value: Any) -> str:
    if value is None or (isinstance(value, str) and not value.strip()):
        return "X"
    if item is None:  # Likert
        text = str(value).strip()
        return text if text in {"1", "2", "3", "4", "5"} else "?"
    if item.kind == "pilihan_ganda":  # is_valid_answer, inlined: called for every answer
        text = value.strip().upper() if isinstance(value, str) else ""
        return text if text in item.options else "?"
    number = parse_number(value)
    if number is None or abs(number) >= 1e7:
        return "?"
    # the code's own number encoding (decimal comma, no grouping), not a display format
    text = f"{number:.6f}".rstrip("0").rstrip(".").replace(".", ",")  # notation: english
    return f"({'0' if text in ('-0', '') else text})"


def make_code(
    participant: str,
    phase: str,
    module: str,
    answers: Mapping[str, Any],
    bank: QuestionBank | None = None,
) -> str:
    """Return the answer code of one submission.

    Args:
        participant: Participant code (not a name); normalised to upper case.
        phase: ``"pre"``, ``"post"``, ``"latihan"`` or ``"reaksi"``.
        module: ``"prepost"`` for pre/post, ``"01"``…``"07"`` for a module quiz, anything for reaksi.
        answers: ``{item_id: answer}``; ids must belong to the form (others raise DataError).
        bank: The question bank; loaded when None.

    Raises:
        DataError: for an invalid participant code, a phase/module without a form, answers that
            are not an ``{item_id: answer}`` mapping, or an item id that is not part of the form.
    """
    from simulations.course.quiz import normalise_code

    bank = bank or load_bank()
    code = normalise_code(participant)
    if not isinstance(answers, Mapping):
        raise DataError(
            f"answers must be a mapping {{item_id: answer}}, got {type(answers).__name__}",
            "Jawaban harus berupa pasangan id soal → jawaban (bukan daftar).",
            column="jawaban",
        )
    form = form_of(phase, module)
    ids = form_items(form, bank)
    known = set(ids)  # a set: a list made this quadratic in the length of the form
    unknown = sorted(str(k)[:20] for k in answers if k not in known)
    if unknown:
        raise DataError(
            f"item ids {unknown} are not part of form {form}",
            f"Id soal {', '.join(unknown)} bukan bagian dari {form}.",
            column=unknown[0],
        )
    tokens = [_encode_answer(None if form == "REA" else bank[i], answers.get(i)) for i in ids]
    body = f"{VERSION}.{code}.{form}.{bank_fingerprint(form, bank)}.{''.join(tokens)}"
    return f"{body}.{checksum(body)}"


def code_error(kind: str, reason: str, pesan: str) -> DataError:
    """Return the error refusing one pasted code: ``column="kode_jawaban"`` and a ``kind`` (why)."""
    err = DataError(reason, pesan, column="kode_jawaban")
    err.kind = kind  # type: ignore[attr-defined]
    return err


def payload_tokens(payload: str, token: re.Pattern[str]) -> list[str]:
    """Split a code's answer part into its symbols (one per answer, as ``token`` reads them).

    Raises:
        DataError: of kind ``"simbol"``, naming the position of the first unreadable symbol.
    """
    tokens = [m.group(0) for m in token.finditer(payload)]
    if sum(map(len, tokens)) == len(payload):  # the matches cover the payload: no gap between them
        return tokens
    tokens = []
    pos = 0
    while pos < len(payload):
        m = token.match(payload, pos)
        if not m:
            raise code_error(
                "simbol",
                f"unreadable answer symbol at position {pos + 1}",
                f"Simbol jawaban ke-{pos + 1} tidak terbaca.",
            )
        tokens.append(m.group(0))
        pos = m.end()
    return tokens


def code_parts(parts: list[str], version: str, what: str) -> list[str]:
    """Check the envelope that answer codes and exercise codes share and return its six parts.

    The envelope is ``VERSION.participant.form.fingerprint.payload.checksum``; what the form,
    fingerprint, payload and checksum mean is the caller's.

    Args:
        parts: The code split at its dots.
        version: The expected first part (compared in upper case).
        what: Indonesian name of the code for the messages (``"Kode jawaban"``).

    Raises:
        DataError: with ``column="kode_jawaban"`` and a ``kind``: ``"versi"``, ``"terpotong"``
            (fewer than 6 parts), ``"bagian_lebih"`` (more: two codes pasted as one) or
            ``"kode_peserta"`` (not 2-20 letters/digits/-/_).
    """
    if parts[0].upper() != version:
        raise code_error(
            "versi",
            f"code must start with {version}. (got {parts[0][:10]!r})",
            f"{what} harus diawali {version}. — periksa apakah kode tersalin utuh.",
        )
    if len(parts) < 6:
        raise code_error(
            "terpotong",
            f"code has {len(parts)} of 6 parts (truncated?)",
            f"Kode terpotong: hanya {len(parts)} dari 6 bagian yang dipisah titik. Salin ulang seluruh kode.",
        )
    if len(parts) > 6:
        raise code_error(
            "bagian_lebih",
            f"code has {len(parts)} parts, expected 6",
            f"Kode berisi {len(parts)} bagian, seharusnya 6 — mungkin dua kode tertempel jadi satu.",
        )
    if not CODE.match(parts[1]):
        raise code_error(
            "kode_peserta",
            f"participant code {parts[1][:24]!r} is not 2-20 letters/digits/-/_",
            f"Kode peserta di dalam {what.lower()} tidak valid (2–20 huruf/angka, bukan nama).",
        )
    return parts


def _char_name(ch: str) -> str:
    return f"U+{ord(ch):04X} {unicodedata.name(ch, '')}".strip()


def parse_code(text: str, bank: QuestionBank | None = None) -> Submission:
    """Decode one answer code.

    The text is cleaned first (:func:`~simulations.course.chat_text.clean_text`: invisible
    characters, full-width and look-alike letters); what remains must be ASCII — a letter such as
    the dotless ``ı`` is refused and named, never folded into ``I``.

    Raises:
        DataError: with ``column="kode_jawaban"``, an Indonesian ``.pesan`` saying why, and a
            ``kind`` attribute (``"versi"``, ``"terpotong"``, ``"bagian_lebih"``, ``"kode_peserta"``,
            ``"fase"``, ``"jumlah_jawaban"``, ``"simbol"``, ``"angka"``, ``"checksum"``,
            ``"versi_bank"``, ``"huruf_asing"``, ``"terlalu_panjang"``, ``"kosong"``).
    """
    bank = bank or load_bank()
    if not isinstance(text, str):
        raise code_error(
            "kosong", f"code must be text, got {type(text).__name__}", "Kode jawaban harus teks."
        )
    if len(text) > 4 * MAX_TOKEN:
        raise code_error(
            "terlalu_panjang",
            f"code has {len(text)} characters (at most {MAX_TOKEN})",
            f"Kode jawaban terlalu panjang ({len(text)} karakter, paling banyak {MAX_TOKEN}).",
        )
    # clean_text leaves ASCII as it is (no ASCII character is invisible, changed by NFKC or a
    # look-alike key): a code read from a cleaned chat line is not cleaned a second time
    raw = (text if text.isascii() and _ASCII_IS_CLEAN else clean_text(text)[0]).strip()
    if not raw:
        raise code_error("kosong", "empty code", "Kode jawaban kosong.")
    if len(raw) > MAX_TOKEN:
        raise code_error(
            "terlalu_panjang",
            f"code has {len(raw)} characters (at most {MAX_TOKEN})",
            f"Kode jawaban terlalu panjang ({len(raw)} karakter, paling banyak {MAX_TOKEN}).",
        )
    foreign = None if raw.isascii() else next(ch for ch in raw if not ch.isascii())
    if foreign is not None:
        raise code_error(
            "huruf_asing",
            f"character {_char_name(foreign)} is not part of an answer code",
            f"Kode berisi karakter {foreign!r} ({_char_name(foreign)}) yang bukan huruf/angka Latin; "
            "kode tidak dibaca. Minta peserta menyalin ulang kodenya dari buku kerja.",
        )
    up = raw.upper()
    parts = up.split(".")
    if parts[0] in OLD_VERSIONS:
        raise code_error(
            "versi",
            f"code format {parts[0]} (without the question-bank fingerprint) is no longer read",
            f"Kode format lama {parts[0]} (tanpa sidik jari bank soal) tidak dibaca lagi; minta "
            "peserta menekan Simpan jawaban sekali lagi dan mengirim kode TD2 yang baru.",
        )
    _, code, form, fingerprint, payload, check = code_parts(parts, VERSION, "Kode jawaban")
    if not _FORM.match(form):
        raise code_error(
            "fase",
            f"form {form[:8]!r} must be PRE, POST, L01-L07 or REA",
            f"Bagian fase {form[:8]!r} tidak dikenal (harus PRE, POST, L01–L07, atau REA).",
        )
    if not _B32.match(check) or not _B32.match(fingerprint):
        raise code_error(
            "checksum",
            "fingerprint and checksum must be 4 characters A-Z/2-7 each",
            "Bagian sidik jari atau checksum kode rusak atau terpotong — salin ulang seluruh kode.",
        )
    body = f"{VERSION}.{code}.{form}.{fingerprint}.{payload}"
    if checksum(body) != check:
        raise code_error(
            "checksum",
            "checksum does not match (typing error or altered answers)",
            "Checksum tidak cocok: kode salah ketik, terpotong di tengah, atau diubah.",
        )
    try:
        ids = form_items(form, bank)
        current = bank_fingerprint(form, bank)
    except DataError:
        ids, current = [], ""
    if fingerprint != current:
        raise code_error(
            "versi_bank",
            f"code made with another version of the question bank (fingerprint {fingerprint}, "
            f"this bank {current or '-'}): reported, not re-scored",
            f"Kode {code} {form} dibuat dengan versi bank soal lain (sidik jari {fingerprint}, bank "
            f"ini {current or '-'}); tidak dinilai ulang dengan kunci sekarang. Minta peserta "
            "mengerjakan ulang dengan buku kerja versi kelas ini.",
        )
    tokens = payload_tokens(payload, _TOKEN)
    if len(tokens) != len(ids):
        raise code_error(
            "jumlah_jawaban",
            f"{len(tokens)} answers but form {form} has {len(ids)} items",
            f"Kode berisi {len(tokens)} jawaban, padahal {form} punya {len(ids)} soal.",
        )
    answers: dict[str, str] = {}
    for n, (item_id, tok) in enumerate(zip(ids, tokens, strict=True), start=1):
        if tok == "X":
            answers[item_id] = ""
            continue
        if tok == "?":
            answers[item_id] = "?"
            continue
        if form == "REA":
            ok = tok in {"1", "2", "3", "4", "5"}
        else:
            item = bank[item_id]
            if item.kind == "pilihan_ganda":
                ok = tok in item.options
            else:
                ok = tok.startswith("(") and bool(_NUMBER.match(tok[1:-1]))
                tok = tok[1:-1] if ok else tok
        if not ok:
            raise code_error(
                "simbol" if not tok.startswith("(") else "angka",
                f"answer {n} ({item_id}) {tok[:12]!r} is not valid for this item",
                f"Jawaban ke-{n} ({item_id}) {tok[:12]!r} tidak sah untuk soal itu.",
            )
        answers[item_id] = tok
    phase, module = _phase_module(form)
    return Submission(code, phase, module, answers, f"{body}.{check}")


@dataclass
class CodeBatch:
    """The result of reading a pasted block of codes: accepted, rejected, repeated, cleaned.

    Attributes:
        submissions: The codes that count, one per participant and form.
        rejected: Codes (and code-like lines) not accepted, with line and reason.
        repeats: Every second (third, …) code of a participant for a form; ``conflict`` when the
            answers differ.
        notes: Indonesian notes on lines whose look-alike letters were read as Latin letters.
        lines_read: Lines in the pasted text.
        lines_without_code: Lines with nothing that looks like a code (chat), counted only.
        codes_found: Codes and code-like tokens found (= accepted + rejected).
    """

    submissions: list[Submission] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    repeats: list[Repeat] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    lines_read: int = 0
    lines_without_code: int = 0
    codes_found: int = 0

    @property
    def accepted(self) -> int:
        """Number of codes accepted (before resolving repeats)."""
        return self.codes_found - len(self.rejected)

    @property
    def conflicts(self) -> list[Repeat]:
        """Repeats whose answers differ: the trainer must check who sent which."""
        return [r for r in self.repeats if r.conflict]

    @property
    def replaced(self) -> list[str]:
        """Every repeat as an Indonesian sentence (kept for callers of the first version)."""
        return [r.pesan for r in self.repeats]

    def of_phase(self, phase: str, module: str | None = None) -> list[Submission]:
        """Return the submissions that count for one phase (and module)."""
        return [
            s
            for s in self.submissions
            if s.phase == phase and (module is None or s.module == module)
        ]

    def summary(self) -> str:
        """Return the Indonesian summary: how many lines/codes were read, accepted, rejected."""
        forms: dict[str, int] = {}
        for s in self.submissions:
            forms[s.form] = forms.get(s.form, 0) + 1
        per_form = ", ".join(f"{k} {v}" for k, v in sorted(forms.items())) or "-"
        same = sum(r.same for r in self.repeats)
        text = (
            f"Dibaca {self.lines_read} baris; {self.codes_found} kode ditemukan, "
            f"{self.accepted} diterima, {len(self.rejected)} ditolak; "
            f"{same} kiriman ulang yang sama dihitung sekali; "
            f"{len(self.conflicts)} konflik (kode berbeda untuk peserta dan bentuk yang sama); "
            f"{self.lines_without_code} baris tanpa kode (obrolan) dilewati. "
            f"Kiriman dipakai per bentuk: {per_form}."
        )
        if self.conflicts:
            text += " Konflik: " + " ".join(r.pesan for r in self.conflicts)
        if self.rejected:
            text += " Ditolak: " + "; ".join(f"baris {r.line}: {r.pesan}" for r in self.rejected)
        return text

    def sheet(self, phase: str) -> Any:
        """Return the pre- or post-test submissions as an evaluation ``AnswerSheet``.

        Its notes list the repeats and conflicts of that form and the codes of that form that
        were rejected, so the report says what was left out and why.

        Raises:
            DataError: when no code of that phase was accepted.
        """
        import pandas as pd

        from simulations.course.evaluation import AnswerSheet

        subs = self.of_phase(phase, "prepost")
        form = phase.upper()
        if not subs:
            raise DataError(
                f"no accepted {phase} codes",
                f"Belum ada kode {form} yang diterima.",
                column="kode_jawaban",
            )
        cols = list(subs[0].answers)
        frame = pd.DataFrame(
            [[s.answers.get(c, "") for c in cols] for s in subs],
            index=[s.participant for s in subs],
            columns=cols,
            dtype=object,
        ).sort_index()
        frame.index.name = "kode_peserta"
        notes = [r.pesan for r in self.repeats if r.form == form]
        notes += [
            f"kode jawaban baris {r.line} ditolak: {r.pesan}"
            for r in self.rejected
            if r.form == form
        ]
        return AnswerSheet(frame, f"kode jawaban {form}", len(subs), notes)

    def reaction_frame(self) -> Any:
        """Return reaction submissions as a DataFrame (index participant, columns R01…, ints or NaN)."""
        import numpy as np
        import pandas as pd

        subs = self.of_phase("reaksi")
        rows = {
            s.participant: {
                k: (int(v) if v in {"1", "2", "3", "4", "5"} else np.nan)
                for k, v in s.answers.items()
            }
            for s in subs
        }
        frame = pd.DataFrame.from_dict(rows, orient="index")
        frame.index.name = "kode_peserta"
        return frame


def _check_phases(phases: Any) -> tuple[str, ...] | None:
    if phases is None:
        return None
    if isinstance(phases, str):
        phases = (phases,)
    if not isinstance(phases, Iterable) or isinstance(phases, bytes | Mapping):
        raise DataError(
            f"phases must be a phase name or a list of them, got {type(phases).__name__}",
            "Pilihan fase harus nama fase (pre, post, latihan, reaksi) atau daftar nama fase.",
            column="phases",
        )
    out = tuple(phases)
    bad = [p for p in out if p not in PHASE_NAMES]
    if bad or not out:
        shown = ", ".join(repr(str(p)[:20]) for p in bad) or "(kosong)"
        raise DataError(
            f"phases {bad or out!r} must be among {PHASE_NAMES}",
            f"Fase {shown} tidak dikenal; pilih dari pre, post, latihan, reaksi.",
            column="phases",
        )
    return out


def _form_in(token: str) -> str:
    # TD2.<code>.<form>… or, with the prefix lost, <code>.<form>…
    return next((p for p in token.upper().split(".")[1:3] if _FORM.match(p)), "")


def _shown(token: str) -> str:
    return token if len(token) <= 60 else token[:57] + "…"


def read_codes(
    text: str,
    bank: QuestionBank | None = None,
    *,
    phases: str | Iterable[str] | None = None,
) -> CodeBatch:
    """Read a pasted block of answer codes (one per line, chat noise around them allowed).

    Each line is cleaned of chat formatting, invisible characters, full-width and look-alike
    letters (:func:`~simulations.course.chat_text.clean_text`). Every token that starts with ``TD``
    + digit is accepted or rejected with its line number and reason; a line that looks like a code
    without such a token is rejected as ``"mirip_kode"``; other lines (timestamps, names,
    greetings) are counted, never echoed. Repeats: see the module docstring (first code counts for
    PRE/POST, last for quizzes and REA; different codes are conflicts).

    Args:
        text: The pasted text (at most :data:`MAX_TEXT` characters).
        bank: The question bank; loaded when None.
        phases: If given (a phase or a list of phases among ``pre``, ``post``, ``latihan``,
            ``reaksi``), codes of other phases are rejected ("fase salah"), e.g. ``("pre",)``.

    Raises:
        DataError: if ``text`` is not text or is longer than :data:`MAX_TEXT`, or ``phases`` names
            an unknown phase.
    """
    bank = bank or load_bank()
    wanted = _check_phases(phases)
    if not isinstance(text, str):
        raise DataError(
            f"pasted codes must be text, got {type(text).__name__}",
            "Tempelkan kode jawaban sebagai teks.",
            column="kode_jawaban",
        )
    if len(text) > MAX_TEXT:
        raise DataError(
            f"pasted text has {len(text)} characters (at most {MAX_TEXT})",
            f"Teks yang ditempel terlalu panjang ({format_id(len(text), 0)} karakter; paling banyak "
            f"{format_id(MAX_TEXT, 0)}).",
            column="kode_jawaban",
        )
    batch = CodeBatch()
    kept: dict[tuple[str, str], Submission] = {}
    for n, raw_line in enumerate(text.splitlines(), start=1):
        batch.lines_read += 1
        line, changes = clean_text(raw_line)
        candidates = [_TRAILING.sub("", c) for c in _CANDIDATE.findall(line)]
        if not candidates:
            look = _LOOKS_LIKE.search(line)
            if look is None:
                batch.lines_without_code += 1
                continue
            batch.codes_found += 1
            batch.rejected.append(
                Rejection(
                    n,
                    _shown(look.group(0)),
                    f"looks like an answer code but does not start with {VERSION}.",
                    f"Baris ini mirip kode jawaban tetapi tidak diawali {VERSION}. (awal kode "
                    "hilang atau berspasi) — minta peserta menyalin ulang seluruh kode.",
                    "mirip_kode",
                    _form_in(look.group(0)),
                )
            )
            continue
        for token in candidates:
            batch.codes_found += 1
            try:
                sub = parse_code(token, bank)
            except DataError as exc:
                batch.rejected.append(
                    Rejection(
                        n,
                        _shown(token),
                        str(exc),
                        exc.pesan,
                        getattr(exc, "kind", "lain"),
                        _form_in(token),
                    )
                )
                continue
            if wanted is not None and sub.phase not in wanted:
                batch.rejected.append(
                    Rejection(
                        n,
                        _shown(token),
                        f"phase {sub.phase} not expected here ({', '.join(wanted)})",
                        f"Fase salah: kode {sub.form} bukan {'/'.join(p.upper() for p in wanted)}.",
                        "fase_salah",
                        sub.form,
                    )
                )
                continue
            if "mirip" in changes:
                batch.notes.append(
                    f"baris {n}: kode {sub.participant} {sub.form} berisi huruf Kiril/Yunani atau "
                    "tanda hubung lain yang mirip huruf Latin; dibaca sebagai huruf Latin."
                )
            sub = Submission(sub.participant, sub.phase, sub.module, sub.answers, sub.code, n)
            key = (sub.participant, sub.form)
            old = kept.get(key)
            if old is None:
                kept[key] = sub
                continue
            same = old.answers == sub.answers
            if sub.form in FIRST_COUNTS:
                batch.repeats.append(
                    Repeat(sub.participant, sub.form, old.line, n, same, "pertama")
                )
            else:
                batch.repeats.append(
                    Repeat(sub.participant, sub.form, n, old.line, same, "terakhir")
                )
                kept[key] = sub
    batch.submissions = sorted(kept.values(), key=lambda s: (s.form, s.participant))
    return batch


def qr_svg(code: str, *, scale: int = 3) -> str:
    """Return an inline SVG QR code of ``code`` (pure Python, ``segno``), error correction M.

    Args:
        code: The answer code (1–:data:`MAX_TOKEN` characters).
        scale: Size of one QR module in pixels, a whole number 1–:data:`MAX_QR_SCALE`.

    Raises:
        DataError: for empty or over-long content, or a scale that is not a whole number in range.
    """
    import segno

    if not isinstance(code, str) or not code or len(code) > MAX_TOKEN:
        raise DataError(
            "QR content must be a non-empty code",
            "Isi kode QR harus kode jawaban yang tidak kosong.",
            column="kode_jawaban",
        )
    if isinstance(scale, bool) or not isinstance(scale, int) or not 1 <= scale <= MAX_QR_SCALE:
        raise DataError(
            f"scale={scale!r} must be a whole number from 1 to {MAX_QR_SCALE}",
            f"Ukuran kode QR (scale) = {str(scale)[:20]} harus bilangan bulat 1 sampai {MAX_QR_SCALE}.",
            column="scale",
        )
    return segno.make(code, error="m", micro=False).svg_inline(scale=scale)


def codes_from_csv(path: str | Path, bank: QuestionBank | None = None) -> list[str]:
    """Return the answer codes of every row of an answers CSV (as written by ``save_answers``).

    Useful to turn files gathered the old way into codes, and to make practice material.

    Raises:
        DataError: for a malformed file (see :func:`simulations.course.evaluation.read_answers`).
    """
    from simulations.course.evaluation import read_answers

    bank = bank or load_bank()
    sheet = read_answers(path, bank)
    text = Path(path).read_text(encoding="utf-8-sig")
    phases = {}
    for row in csv.DictReader(io.StringIO(text)):
        code = (row.get("kode_peserta") or "").strip().upper()
        phases[code] = ((row.get("fase") or "").strip(), (row.get("modul") or "").strip())
    out = []
    for code, answers in sheet.answers.iterrows():
        phase, module = phases.get(str(code), ("", ""))
        form = form_of(phase, module)
        ids = form_items(form, bank)
        out.append(
            make_code(
                str(code),
                phase,
                module,
                {i: answers.get(i, "") for i in ids if i in answers.index},
                bank,
            )
        )
    return out


def reaction_codes(path: str | Path, bank: QuestionBank | None = None) -> list[str]:
    """Return the ``REA`` answer codes of a reaction-questionnaire CSV (one per participant).

    For practice material and for turning paper forms typed into a CSV into codes; the file is
    read (and checked) by :func:`simulations.course.evaluation.read_reaction_rows`, the reader of
    :func:`~simulations.course.evaluation.reaction_summary`.

    Raises:
        DataError: for a malformed file (naming file, row and column).
    """
    from simulations.course.evaluation import read_reaction_rows

    bank = bank or load_bank()
    return [
        make_code(code, "reaksi", "reaksi", {k: str(v) for k, v in answers.items()}, bank)
        for code, answers in read_reaction_rows(path, bank)[0].items()
    ]


def synthetic_chat(codes: list[str], *, seed: int = 2024, broken: int = 2) -> str:
    """Return a SYNTHETIC chat export holding ``codes``, with the noise a real group chat has.

    Lines look like WhatsApp exports (``[08.31, 06/01/2025] Peserta 07: …``); some messages are
    greetings without a code, one participant sends the code twice, a few codes arrive the way
    chat apps deliver them (``*bold*``, in triple backquotes for monospace, an emoji right after
    the code, a zero-width space in front) and are still read, and ``broken`` codes are truncated
    or mistyped so the rejection messages can be practised. No real person is involved.
    """
    import numpy as np

    rng = np.random.default_rng(seed)
    lines = ["[08.00, 06/01/2025] Fasilitator: Silakan kirim kode jawaban pre-test di sini ya 🙏"]
    chatter = ["Siap, Bu", "sudah kirim", "Kode saya di bawah", "Maaf terlambat 🙏", "ok"]
    for n, code in enumerate(codes, start=1):
        minute = 5 + n // 3
        who = f"Peserta {n:02d}"
        if rng.random() < 0.25:
            lines.append(f"[08.{minute:02d}, 06/01/2025] {who}: {rng.choice(chatter)}")
        shown = {2: f"*{code}*", 5: f"```{code}```", 6: f"{code}🙏", 7: f"\u200b{code}"}
        lines.append(f"[08.{minute:02d}, 06/01/2025] {who}: {shown.get(n, code)}")
        if n == 3:  # sends the same code again a minute later
            lines.append(f"[08.{minute + 1:02d}, 06/01/2025] {who}: kirim ulang {code}")
    for k in range(broken):
        code = codes[k % len(codes)]
        bad = (
            code[: len(code) // 2] if k % 2 == 0 else code[:-1] + ("A" if code[-1] != "A" else "B")
        )
        lines.append(f"[09.{k:02d}, 06/01/2025] Peserta {k + 1:02d}: {bad}")
    return "\n".join(lines)
