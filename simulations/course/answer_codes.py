"""Answer codes (*kode jawaban*): one submission as a short text a participant pastes into a chat.

On Binder each participant's answers live in a temporary session; gathering forty CSV files from
forty computers loses some. Every submission (pre-test, post-test, module quiz, reaction
questionnaire) therefore also yields a one-line code that the participant copies (or scans as a QR
code) into the class chat; the trainer pastes the whole chat into notebook 08, which reads every
code and reports what it read, accepted and rejected.

Format (all upper case, no spaces, safe in WhatsApp/Telegram — no ``*``, ``_``, ``~`` or backticks)::

    TD1.<participant code>.<form>.<answers>.<checksum>
    TD1.P07.PRE.BCXA(0,3)DA.Q7KM

* ``TD1`` — format version.
* participant code — the same 2–20 letters/digits/``-``/``_`` as in the CSVs (a code, never a name).
* form — ``PRE``, ``POST`` (the pre/post-test), ``L01`` … ``L07`` (module self-check quiz, phase
  ``latihan``) or ``REA`` (reaction questionnaire, Kirkpatrick level 1).
* answers — one token per item of the form, in bank order: an option *id* ``A``–``E`` (never a
  display position), ``(number)`` with a decimal comma for numeric items, ``1``–``5`` for Likert
  items, ``X`` for unanswered and ``?`` for an answer that could not be read (scored wrong).
* checksum — 4 base-32 characters of SHA-256 over the code *and the item ids of the form*, so a
  typing error, a truncated code, or a code made with a different question bank is detected
  (a random change passes with probability 32⁻⁴ ≈ 1 in a million).

Nothing here uses the network.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from simulations.core.errors import DataError
from simulations.course.quiz import (
    CODE,
    Item,
    QuestionBank,
    is_valid_answer,
    load_bank,
    parse_number,
)

__all__ = [
    "CodeBatch",
    "Rejection",
    "Submission",
    "codes_from_csv",
    "form_items",
    "form_of",
    "make_code",
    "parse_code",
    "qr_svg",
    "read_codes",
    "synthetic_chat",
]

VERSION = "TD1"
MAX_TEXT = 2_000_000
"""Largest pasted block read (characters); a chat export of a class is far smaller."""
MAX_TOKEN = 400
"""Longest token considered a code (a 64-item form with numeric answers stays well below)."""

_FORM = re.compile(r"^(PRE|POST|REA|L0[1-7])$")
_NUMBER = re.compile(r"^-?\d{1,7}(,\d{1,6})?$")
_TOKEN = re.compile(r"\(([^()]*)\)|[A-Z0-9?]", re.ASCII)
_CANDIDATE = re.compile(r"(?<![A-Za-z0-9])TD\d\S*", re.IGNORECASE)


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
    """A code that could not be accepted: where, what and why (English and Indonesian)."""

    line: int
    text: str
    reason: str
    pesan: str
    kind: str


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
        f"Tidak ada bentuk kode jawaban untuk fase {phase!r} modul {module!r}.",
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
    if form == "REA":
        return [str(b["id"]) for b in bank.reaction.get("butir", [])]
    _, module = _phase_module(form)
    return [it.id for it in bank.for_module(module)]


def _checksum(body: str, item_ids: list[str]) -> str:
    digest = hashlib.sha256(f"{body}|{','.join(item_ids)}".encode()).digest()
    return base64.b32encode(digest).decode("ascii")[:4]


def _encode_answer(item: Item | None, value: Any) -> str:
    if value is None or (isinstance(value, str) and not value.strip()):
        return "X"
    if item is None:  # Likert
        text = str(value).strip()
        return text if text in {"1", "2", "3", "4", "5"} else "?"
    if item.kind == "pilihan_ganda":
        return str(value).strip().upper() if is_valid_answer(item, value) else "?"
    number = parse_number(value)
    if number is None or abs(number) >= 1e7:
        return "?"
    text = f"{number:.6f}".rstrip("0").rstrip(".").replace(".", ",")
    return f"({'0' if text in ('-0', '') else text})"


def make_code(
    participant: str,
    phase: str,
    module: str,
    answers: dict[str, Any],
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
        DataError: for an invalid participant code, a phase/module without a form, or an item id
            that is not part of the form.
    """
    from simulations.course.quiz import normalise_code

    bank = bank or load_bank()
    code = normalise_code(participant)
    form = form_of(phase, module)
    ids = form_items(form, bank)
    unknown = sorted(set(answers) - set(ids))
    if unknown:
        raise DataError(
            f"item ids {unknown} are not part of form {form}",
            f"Id soal {', '.join(unknown)} bukan bagian dari {form}.",
            column=unknown[0],
        )
    tokens = [_encode_answer(None if form == "REA" else bank[i], answers.get(i)) for i in ids]
    body = f"{VERSION}.{code}.{form}.{''.join(tokens)}"
    return f"{body}.{_checksum(body, ids)}"


def _reject(kind: str, reason: str, pesan: str) -> DataError:
    err = DataError(reason, pesan, column="kode_jawaban")
    err.kind = kind  # type: ignore[attr-defined]
    return err


def parse_code(text: str, bank: QuestionBank | None = None) -> Submission:
    """Decode one answer code.

    Raises:
        DataError: with ``column="kode_jawaban"``, an Indonesian ``.pesan`` saying why, and a
            ``kind`` attribute (``"versi"``, ``"terpotong"``, ``"bagian_lebih"``, ``"kode_peserta"``,
            ``"fase"``, ``"jumlah_jawaban"``, ``"simbol"``, ``"angka"``, ``"checksum"``,
            ``"terlalu_panjang"``, ``"kosong"``).
    """
    bank = bank or load_bank()
    if not isinstance(text, str):
        raise _reject(
            "kosong", f"code must be text, got {type(text).__name__}", "Kode jawaban harus teks."
        )
    raw = text.strip()
    if not raw:
        raise _reject("kosong", "empty code", "Kode jawaban kosong.")
    if len(raw) > MAX_TOKEN:
        raise _reject(
            "terlalu_panjang",
            f"code has {len(raw)} characters (at most {MAX_TOKEN})",
            f"Kode jawaban terlalu panjang ({len(raw)} karakter, paling banyak {MAX_TOKEN}).",
        )
    up = raw.upper()
    parts = up.split(".")
    if parts[0] != VERSION:
        raise _reject(
            "versi",
            f"code must start with {VERSION}. (got {parts[0][:10]!r})",
            f"Kode jawaban harus diawali {VERSION}. — periksa apakah kode tersalin utuh.",
        )
    if len(parts) < 5:
        raise _reject(
            "terpotong",
            f"code has {len(parts)} of 5 parts (truncated?)",
            f"Kode terpotong: hanya {len(parts)} dari 5 bagian yang dipisah titik. Salin ulang seluruh kode.",
        )
    if len(parts) > 5:
        raise _reject(
            "bagian_lebih",
            f"code has {len(parts)} parts, expected 5",
            f"Kode berisi {len(parts)} bagian, seharusnya 5 — mungkin dua kode tertempel jadi satu.",
        )
    _, code, form, payload, check = parts
    if not CODE.match(code):
        raise _reject(
            "kode_peserta",
            f"participant code {code[:24]!r} is not 2-20 letters/digits/-/_",
            "Kode peserta di dalam kode jawaban tidak valid (2–20 huruf/angka, bukan nama).",
        )
    if not _FORM.match(form):
        raise _reject(
            "fase",
            f"form {form[:8]!r} must be PRE, POST, L01-L07 or REA",
            f"Bagian fase {form[:8]!r} tidak dikenal (harus PRE, POST, L01–L07, atau REA).",
        )
    if not re.fullmatch(r"[A-Z2-7]{4}", check):
        raise _reject(
            "checksum",
            f"checksum {check[:8]!r} must be 4 characters A-Z/2-7",
            "Bagian akhir (checksum) kode rusak atau terpotong — salin ulang seluruh kode.",
        )
    try:
        ids = form_items(form, bank)
    except DataError:
        raise _reject(
            "fase",
            f"form {form} has no items in this bank",
            f"Bentuk {form} tidak punya soal di bank soal ini.",
        ) from None
    body = f"{VERSION}.{code}.{form}.{payload}"
    if _checksum(body, ids) != check:
        raise _reject(
            "checksum",
            "checksum does not match (typing error, altered answers or a different question bank)",
            "Checksum tidak cocok: kode salah ketik, diubah, atau dibuat dengan bank soal lain.",
        )
    tokens: list[str] = []
    pos = 0
    while pos < len(payload):
        m = _TOKEN.match(payload, pos)
        if not m:
            raise _reject(
                "simbol",
                f"unreadable answer symbol at position {pos + 1}",
                f"Simbol jawaban ke-{pos + 1} tidak terbaca.",
            )
        tokens.append(m.group(0))
        pos = m.end()
    if len(tokens) != len(ids):
        raise _reject(
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
            raise _reject(
                "simbol" if not tok.startswith("(") else "angka",
                f"answer {n} ({item_id}) {tok[:12]!r} is not valid for this item",
                f"Jawaban ke-{n} ({item_id}) {tok[:12]!r} tidak sah untuk soal itu.",
            )
        answers[item_id] = tok
    phase, module = _phase_module(form)
    return Submission(code, phase, module, answers, f"{body}.{check}")


@dataclass
class CodeBatch:
    """The result of reading a pasted block of codes: accepted, rejected, replaced, ignored."""

    submissions: list[Submission] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    lines_read: int = 0
    lines_without_code: int = 0
    codes_found: int = 0

    @property
    def accepted(self) -> int:
        """Number of codes accepted (before resolving duplicates)."""
        return self.codes_found - len(self.rejected)

    def of_phase(self, phase: str, module: str | None = None) -> list[Submission]:
        """Return the (deduplicated) submissions of one phase (and module)."""
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
        text = (
            f"Dibaca {self.lines_read} baris; {self.codes_found} kode ditemukan, "
            f"{self.accepted} diterima, {len(self.rejected)} ditolak; "
            f"{len(self.replaced)} kiriman ganda diganti kiriman terakhir; "
            f"{self.lines_without_code} baris tanpa kode (obrolan) dilewati. "
            f"Kiriman dipakai per bentuk: {per_form}."
        )
        if self.rejected:
            text += " Ditolak: " + "; ".join(f"baris {r.line}: {r.pesan}" for r in self.rejected)
        return text

    def sheet(self, phase: str) -> Any:
        """Return the pre- or post-test submissions as an evaluation ``AnswerSheet``.

        Raises:
            DataError: when no code of that phase was accepted.
        """
        import pandas as pd

        from simulations.course.evaluation import AnswerSheet

        subs = self.of_phase(phase, "prepost")
        if not subs:
            raise DataError(
                f"no accepted {phase} codes",
                f"Belum ada kode {phase.upper()} yang diterima.",
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
        notes = [n for n in self.replaced if f" {phase.upper()} " in n]
        return AnswerSheet(frame, f"kode jawaban {phase.upper()}", len(subs), notes)

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


def read_codes(
    text: str,
    bank: QuestionBank | None = None,
    *,
    phases: tuple[str, ...] | None = None,
) -> CodeBatch:
    """Read a pasted block of answer codes (one per line, chat noise around them allowed).

    Every token that starts with ``TD`` + digit is treated as a code and is either accepted or
    rejected with its line number and reason; lines without such a token (timestamps, names,
    greetings) are counted, never echoed. When the same participant sent the same form twice, the
    later line wins and the replacement is listed.

    Args:
        text: The pasted text (at most :data:`MAX_TEXT` characters).
        bank: The question bank; loaded when None.
        phases: If given, codes of other phases are rejected ("fase salah"), e.g. ``("pre",)``.

    Raises:
        DataError: if ``text`` is not text or is longer than :data:`MAX_TEXT`.
    """
    bank = bank or load_bank()
    if not isinstance(text, str):
        raise DataError(
            f"pasted codes must be text, got {type(text).__name__}",
            "Tempelkan kode jawaban sebagai teks.",
            column="kode_jawaban",
        )
    if len(text) > MAX_TEXT:
        raise DataError(
            f"pasted text has {len(text)} characters (at most {MAX_TEXT})",
            f"Teks yang ditempel terlalu panjang ({len(text):,} karakter; paling banyak {MAX_TEXT:,}).".replace(
                ",", "."
            ),
            column="kode_jawaban",
        )
    batch = CodeBatch()
    latest: dict[tuple[str, str], Submission] = {}
    for n, line in enumerate(text.splitlines(), start=1):
        batch.lines_read += 1
        candidates = _CANDIDATE.findall(line)
        if not candidates:
            batch.lines_without_code += 1
            continue
        for cand in candidates:
            token = cand.rstrip(".,;:!?)]}\"'»”’")  # punctuation a chat message adds after it
            batch.codes_found += 1
            shown = token if len(token) <= 60 else token[:57] + "…"
            try:
                sub = parse_code(token, bank)
            except DataError as exc:
                batch.rejected.append(
                    Rejection(n, shown, str(exc), exc.pesan, getattr(exc, "kind", "lain"))
                )
                continue
            if phases is not None and sub.phase not in phases:
                batch.rejected.append(
                    Rejection(
                        n,
                        shown,
                        f"phase {sub.phase} not expected here ({', '.join(phases)})",
                        f"Fase salah: kode {sub.form} bukan {'/'.join(p.upper() for p in phases)}.",
                        "fase_salah",
                    )
                )
                continue
            sub = Submission(sub.participant, sub.phase, sub.module, sub.answers, sub.code, n)
            key = (sub.participant, sub.form)
            if key in latest:
                old = latest[key]
                same = "sama" if old.answers == sub.answers else "berbeda"
                batch.replaced.append(
                    f"{sub.participant} {sub.form} : baris {old.line} diganti baris {n} (jawaban {same})."
                )
            latest[key] = sub
    batch.submissions = sorted(latest.values(), key=lambda s: (s.form, s.participant))
    return batch


def qr_svg(code: str, *, scale: int = 3) -> str:
    """Return an inline SVG QR code of ``code`` (pure Python, ``segno``), error correction M."""
    import segno

    if not isinstance(code, str) or not code or len(code) > MAX_TOKEN:
        raise DataError(
            "QR content must be a non-empty code",
            "Isi kode QR harus kode jawaban yang tidak kosong.",
            column="kode_jawaban",
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


def synthetic_chat(codes: list[str], *, seed: int = 2024, broken: int = 2) -> str:
    """Return a SYNTHETIC chat export holding ``codes``, with the noise a real group chat has.

    Lines look like WhatsApp exports (``[08.31, 06/01/2025] Peserta 07: …``); some messages are
    greetings without a code, one participant sends the code twice, and ``broken`` codes are
    truncated or mistyped so the rejection messages can be practised. No real person is involved.
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
        lines.append(f"[08.{minute:02d}, 06/01/2025] {who}: {code}")
        if n == 3:  # sends the same code again a minute later
            lines.append(f"[08.{minute + 1:02d}, 06/01/2025] {who}: kirim ulang {code}")
    for k in range(broken):
        code = codes[k % len(codes)]
        bad = (
            code[: len(code) // 2] if k % 2 == 0 else code[:-1] + ("A" if code[-1] != "A" else "B")
        )
        lines.append(f"[09.{k:02d}, 06/01/2025] Peserta {k + 1:02d}: {bad}")
    return "\n".join(lines)
