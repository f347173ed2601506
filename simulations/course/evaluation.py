"""Bimtek evaluation (Kirkpatrick level 2): pre/post-test CSVs → item analysis, mastery, N-gain, HTML.

Input: the answers CSVs that :func:`simulations.course.quiz.save_answers` writes (``kode_peserta``,
``fase``, ``modul``, ``waktu`` and one column per item id holding the option id or number given),
or the answer codes read by :func:`simulations.course.answer_codes.read_codes` (``CodeBatch.sheet``). A
participant may have several rows in one file (one per quiz); they are merged, and a later answer to
the same item replaces an earlier one — each such replacement is *listed* in the report, never
silent. Empty cells are unanswered (scored wrong).

Measures:
    * Item difficulty index ``p`` = share of participants answering correctly (classical test
      theory; "sukar" p < 0.30, "sedang" 0.30–0.70, "mudah" p > 0.70).
    * Item discrimination ``D = p_upper − p_lower`` with the upper and lower 27 % of participants
      by total score (Kelley 1939); categories after Ebel & Frisbie (1991): ≥ 0.40 "sangat baik",
      0.30–0.39 "baik", 0.20–0.29 "cukup", < 0.20 "perlu direvisi".
    * Per-module mastery: mean score per module and the share of participants at or above a
      mastery threshold (default 75 %).
    * Hake's normalised gain (Hake 1998, *Am. J. Phys.* 66:64): per participant
      ``g = (post − pre) / (100 − pre)`` with scores in percent, and the class gain
      ``<g> = (mean post − mean pre) / (100 − mean pre)`` over matched participants.
      Categories: high ``g ≥ 0.7``, medium ``0.3 ≤ g < 0.7``, low ``g < 0.3``. ``g`` is undefined
      for a pre-test score of 100 % (reported, not dropped silently).

    * Marx & Cummings' normalised change (Marx & Cummings 2007, *Am. J. Phys.* 75:87): ``c = (post −
      pre)/(100 − pre)`` when the score rose, ``(post − pre)/pre`` when it fell, 0 when unchanged,
      undefined when both are 0 % or both 100 %. Unlike ``g`` it stays within [−1, 1] for
      participants whose score fell, so it is shown for them next to ``g``; the mean of individual
      ``g`` is shown next to the class gain ``<g>`` (they differ when pre-test scores vary).
    * KR-20 reliability of each form (Kuder & Richardson 1937):
      ``KR20 = k/(k−1) · (1 − Σ p_i q_i / σ²_X)`` with population variances (ddof = 0).
    * Point-biserial discrimination: the Pearson correlation (``scipy.stats.pointbiserialr``) of each
      item with the *rest* score (total minus that item, so an item does not correlate with itself).
      A negative value is flagged: stronger participants got it wrong more often — check the key.
    * Distractor analysis: for every multiple-choice option, how many participants (all, upper 27 %,
      lower 27 %) chose it — aggregated counts only, never who. A wrong option that nobody picks does
      not work as a distractor; one that draws the upper group more than the lower group is flagged.

Participants present in only one of the two files are reported as unmatched; they count in the
item analysis of their own test but not in the gain.
"""

from __future__ import annotations

import base64
import csv
import datetime as dt
import html
import io
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from simulations.core.errors import DataError
from simulations.core.formatting import format_id
from simulations.core.tables import repeated
from simulations.course.item_labels import (
    KEY_FLAG,
    MASTERED,
    NOBODY,
    REVISE,
    REVISE_FLAG,
    UNSURE,
    gain_category,
)
from simulations.course.quiz import (
    META_COLUMNS,
    QuestionBank,
    check_answer,
    is_valid_answer,
    load_bank,
    normalise_code,
    unneutralise_cell,
)

__all__ = [
    "EvaluationReport",
    "distractor_analysis",
    "evaluate",
    "gain_category",
    "item_analysis",
    "kr20",
    "normalised_change",
    "normalised_gain",
    "parse_rows",
    "point_biserial",
    "read_answers",
    "read_many",
    "reaction_summary",
    "reaction_table",
    "read_reaction_rows",
    "reaction_text",
    "report_html",
    "synthetic_class",
    "synthetic_reaction",
]

GAIN_LABELS = {
    "tinggi": "tinggi (g ≥ 0,7)",
    "sedang": "sedang (0,3 ≤ g < 0,7)",
    "rendah": "rendah (g < 0,3)",
}


MAX_FILE_BYTES = 20_000_000
"""Largest answers/reaction CSV read (bytes); a class of hundreds is a few hundred kB."""
MAX_CELL = 200
"""Longest cell accepted in an answers/reaction CSV (characters)."""
MAX_ROWS = 100_000
"""Most data rows read from one file."""


def _decode(data: bytes, name: str) -> tuple[str, str | None]:
    """Decode a CSV's bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252/latin-1.

    Returns:
        The text and an Indonesian note when a legacy encoding was used (None for UTF-8).

    Raises:
        DataError: for a binary file (NUL bytes in a file that is not UTF-16).
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError:
            raise DataError(
                f"{name}: UTF-16 file with invalid bytes",
                f"{name}: berkas UTF-16 berisi byte yang rusak; simpan ulang sebagai CSV UTF-8.",
                file=name,
                row=1,
            ) from None
    if b"\x00" in data:
        raise DataError(
            f"{name}: not a text CSV (contains NUL bytes)",
            f"{name}: bukan berkas CSV teks (berisi byte biner). Simpan ulang sebagai CSV UTF-8.",
            file=name,
            row=1,
        )
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    for enc in ("cp1252", "latin-1"):
        try:
            return data.decode(enc), (
                f"{name}: bukan UTF-8; dibaca sebagai {enc} (mis. disimpan Excel Windows)."
            )
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes every byte")  # pragma: no cover


def _read_rows(path: Path) -> tuple[list[list[str]], list[str]]:
    """Read a small CSV file safely: size cap, then :func:`parse_rows`.

    Raises:
        DataError: naming the file (and row/column) for a missing, oversized, binary or malformed
            file, too many rows, or a cell longer than :data:`MAX_CELL` characters.
    """
    name = path.name
    if not path.is_file():
        raise DataError(f"file not found: {path}", f"Berkas tidak ditemukan: {path}", file=name)
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise DataError(
            f"{name}: {size} bytes is larger than the {MAX_FILE_BYTES} bytes an answers file can be",
            f"{name}: berkas terlalu besar ({format_id(size, 0)} byte; paling besar "
            f"{format_id(MAX_FILE_BYTES, 0)}).",
            file=name,
        )
    return parse_rows(path.read_bytes(), name)


def parse_rows(data: bytes, name: str) -> tuple[list[list[str]], list[str]]:
    """Parse the bytes of a small CSV: encoding detection, delimiter sniffing, cell-size cap.

    Used for files on disk (:func:`read_answers`) and for drop-box submissions read through a
    size-capped file descriptor (:mod:`simulations.course.dropbox`).

    Args:
        data: The file's bytes.
        name: The name to use in messages.

    Returns:
        The rows (lists of cells, surrounding spaces and formula-guard apostrophes removed) and
        notes about the reading.

    Raises:
        DataError: naming the file (and row/column) for a binary or malformed file, too many rows,
            or a cell longer than :data:`MAX_CELL` characters.
    """
    text, note = _decode(data, name)
    notes = [note] if note else []
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t") if sample.strip() else csv.excel
    except csv.Error:
        dialect = csv.excel
    rows: list[list[str]] = []
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    r = 0
    # csv's field limit is process-wide state that other libraries raise (frictionless does on
    # import); fix it for this read, above the file cap, so a long cell is always found by the check
    # below, which names its row and column, whatever was imported before.
    previous_limit = csv.field_size_limit(MAX_FILE_BYTES + 1)
    try:
        for r, cells in enumerate(reader, start=1):
            if r > MAX_ROWS + 1:
                raise DataError(
                    f"{name}: more than {MAX_ROWS} rows",
                    f"{name}: lebih dari {MAX_ROWS} baris; bagi berkasnya.",
                    file=name,
                    row=r,
                )
            for c, cell in enumerate(cells, start=1):
                if len(cell) > MAX_CELL:
                    raise DataError(
                        f"{name}: row {r}, column {c}: cell has {len(cell)} characters (at most {MAX_CELL})",
                        f"{name}: baris {r}, kolom ke-{c}: isi sel terlalu panjang ({len(cell)} karakter, "
                        f"paling banyak {MAX_CELL}).",
                        file=name,
                        row=r,
                        column=str(c),
                    )
            rows.append([unneutralise_cell(x.strip()) for x in cells])
    except csv.Error as exc:
        too_long = "field larger" in str(exc)
        raise DataError(
            f"{name}: row {r + 1}: "
            + (
                f"a cell is longer than {MAX_CELL} characters"
                if too_long
                else f"not valid CSV ({exc})"
            ),
            f"{name}: baris {r + 1}: "
            + (
                f"isi sel terlalu panjang (paling banyak {MAX_CELL} karakter)."
                if too_long
                else "format CSV tidak valid."
            ),
            file=name,
            row=r + 1,
        ) from None
    finally:
        csv.field_size_limit(previous_limit)
    return rows, notes


@dataclass
class AnswerSheet:
    """Answers of one test (pre or post), one row per participant, plus what was found while reading."""

    answers: pd.DataFrame  # index kode_peserta, columns item ids, values str ("" = unanswered)
    file: str
    rows_read: int
    notes: list[str] = field(default_factory=list)
    spellings: dict[str, set[str]] = field(default_factory=dict)  # code -> codes as written


def _record(name: str, r: int, header: list[str], cells: list[str]) -> tuple[dict[str, str], str]:
    """One data row as ``{column: stripped cell}`` and its normalised participant code.

    Raises:
        DataError: naming file and row for a row whose length differs from the header's, or an
            empty or name-like participant code (column ``kode_peserta``).
    """
    if len(cells) != len(header):
        raise DataError(
            f"{name}: row {r} has {len(cells)} cells but the header has {len(header)}",
            f"{name}: baris {r} berisi {len(cells)} sel, padahal baris judul {len(header)} kolom.",
            file=name,
            row=r,
        )
    rec = dict(zip(header, (c.strip() for c in cells), strict=True))
    try:
        code = normalise_code(rec.get("kode_peserta"))
    except DataError as exc:
        raise DataError(
            f"{name}: row {r}: {exc}",
            f"{name}: baris {r}: {exc.pesan}",
            file=name,
            row=r,
            column="kode_peserta",
        ) from None
    return rec, code


def _check_header(name: str, header: list[str]) -> list[str]:
    """Return the stripped header of an answers file; DataError for no ``kode_peserta`` or a repeated column."""
    header = [c.strip() for c in header]
    if "kode_peserta" not in header:
        raise DataError(
            f"{name}: missing column 'kode_peserta' (header: {header[:20]})",
            f"{name}: kolom 'kode_peserta' tidak ada di baris judul (baris 1).",
            file=name,
            row=1,
            column="kode_peserta",
        )
    dup_cols = repeated(header)
    if dup_cols:
        raise DataError(
            f"{name}: duplicate columns {dup_cols}",
            f"{name}: kolom ganda: {', '.join(dup_cols)}.",
            file=name,
            row=1,
            column=dup_cols[0],
        )
    return header


def read_answers(
    path: str | Path, bank: QuestionBank | None = None, *, phase: str | None = None
) -> AnswerSheet:
    """Read one answers CSV and merge it to one row per participant.

    Args:
        path: The CSV file.
        bank: The question bank (loaded when None); item columns must be bank ids.
        phase: If given (``"pre"``/``"post"``), rows whose ``fase`` column holds another phase raise
            a DataError (a post-test row in the pre-test file is a mix-up, not data to drop).

    Raises:
        DataError: naming the file, row and column for a missing file, an empty file, a missing
            ``kode_peserta`` column, an unknown item column, an empty or name-like participant code,
            or a row of the wrong phase.
    """
    bank = bank or load_bank()
    path = Path(path)
    name = path.name
    rows, read_notes = _read_rows(path)
    if not rows or not any(c.strip() for c in rows[0]):
        raise DataError(
            f"{name}: the file is empty", f"{name}: berkasnya kosong.", file=name, row=1
        )
    header = _check_header(name, rows[0])
    item_cols = [c for c in header if c not in META_COLUMNS]
    unknown = [c for c in item_cols if c not in bank.ids]
    if unknown:
        raise DataError(
            f"{name}: column(s) {unknown} are not item ids of the question bank",
            f"{name}: kolom {', '.join(unknown)} bukan id soal di bank soal (baris 1).",
            file=name,
            row=1,
            column=unknown[0],
        )
    if not item_cols:
        raise DataError(
            f"{name}: no item columns", f"{name}: tidak ada kolom jawaban soal.", file=name, row=1
        )
    merged: dict[str, dict[str, str]] = {}
    notes: list[str] = list(read_notes)
    data_rows = 0
    spellings: dict[str, set[str]] = {}
    first_pre: dict[str, tuple[int, dict[str, str]]] = {}
    for r, cells in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in cells):
            notes.append(f"{name} baris {r}: baris kosong dilewati.")
            continue
        data_rows += 1
        rec, code = _record(name, r, header, cells)
        if phase and rec.get("fase") and rec["fase"] != phase:
            raise DataError(
                f"{name}: row {r}: fase={rec['fase']!r} but this file is the {phase}-test",
                f"{name}: baris {r}: fase {rec['fase']!r}, padahal berkas ini untuk {phase}-test.",
                file=name,
                row=r,
                column="fase",
            )
        spellings.setdefault(code, set()).add(rec["kode_peserta"])
        if (rec.get("fase") or phase) == "pre":
            # one row is one submitted pre-test: the first counts, a later one (e.g. sent again
            # after the course) is reported, never merged into the real pre-test
            given = {c: rec[c] for c in item_cols if rec[c]}
            if code in first_pre:
                r0, given0 = first_pre[code]
                same = "sama" if given == given0 else "berbeda"
                notes.append(
                    f"{name} baris {r}: {code} mengirim pre-test lagi (jawaban {same} dengan baris "
                    f"{r0}); pre-test pertama (baris {r0}) yang dipakai."
                )
                continue
            first_pre[code] = (r, given)
        target = merged.setdefault(code, {})
        for c in item_cols:
            value = rec[c]
            if not value:
                continue
            if c in target and target[c] != value:
                notes.append(
                    f"{name} baris {r}: {code} menjawab {c} lagi ({target[c]!r} → {value!r}); "
                    "jawaban terakhir dipakai."
                )
            if not is_valid_answer(bank[c], value):
                shown = value if len(value) <= 30 else value[:27] + "…"
                notes.append(
                    f"{name} baris {r}: jawaban {shown!r} untuk {c} tidak terbaca; dinilai salah."
                )
            target[c] = value
    if not merged:
        raise DataError(
            f"{name}: no participant rows", f"{name}: tidak ada baris peserta.", file=name, row=2
        )
    frame = pd.DataFrame(
        [[ans.get(c, "") for c in item_cols] for ans in merged.values()],
        index=list(merged),
        columns=item_cols,
        dtype=object,
    )
    frame.index.name = "kode_peserta"
    notes += _spelling_notes(name, spellings)
    return AnswerSheet(frame.sort_index(), name, data_rows, notes, spellings)


def _spelling_notes(where: str, spellings: dict[str, set[str]]) -> list[str]:
    """Notes for participant codes written in more than one way (``p01`` and ``P01``)."""
    return [
        f"{where}: kode {', '.join(sorted(written))} dianggap peserta yang sama ({code}); "
        "huruf besar dan kecil tidak dibedakan."
        for code, written in sorted(spellings.items())
        if len(written) > 1
    ]


def read_many(
    source: str | Path | Sequence[str | Path],
    bank: QuestionBank | None = None,
    *,
    phase: str | None = None,
) -> AnswerSheet:
    """Read one CSV, a list of CSVs, or every ``*.csv`` in a folder, and merge them per participant.

    A participant found in several files keeps every answer; when two files answer the same item
    differently, the file read later wins and the replacement is listed in ``notes``.

    Raises:
        DataError: for an empty folder or list, or any malformed file (see :func:`read_answers`).
    """
    bank = bank or load_bank()
    if isinstance(source, str | Path) and Path(source).is_dir():
        paths = sorted(Path(source).glob("*.csv"))
        if not paths:
            raise DataError(
                f"no CSV files in folder {source}",
                f"Tidak ada berkas CSV di folder {source}.",
                file=str(source),
            )
    elif isinstance(source, str | Path):
        return read_answers(source, bank, phase=phase)
    else:
        paths = [Path(p) for p in source]
        if not paths:
            raise DataError("no answer files given", "Belum ada berkas jawaban yang dipilih.")
    sheets = [read_answers(p, bank, phase=phase) for p in paths]
    columns = list(dict.fromkeys(c for sh in sheets for c in sh.answers.columns))
    merged: dict[str, dict[str, str]] = {}
    notes: list[str] = []
    spellings: dict[str, set[str]] = {}
    for sh in sheets:
        notes += sh.notes
        for code, written in sh.spellings.items():
            spellings.setdefault(code, set()).update(written)
        for code, row in sh.answers.iterrows():
            target = merged.setdefault(str(code), {})
            for c, v in row.items():
                if not v:
                    continue
                if c in target and target[c] != v:
                    if phase == "pre":  # the pre-test read first counts (see read_answers)
                        notes.append(
                            f"{sh.file}: {code} menjawab {c} juga di berkas lain ({target[c]!r} → "
                            f"{v!r}); untuk pre-test jawaban dari berkas yang dibaca lebih dulu dipakai."
                        )
                        continue
                    notes.append(
                        f"{sh.file}: {code} menjawab {c} juga di berkas lain ({target[c]!r} → {v!r}); "
                        "jawaban dari berkas ini dipakai."
                    )
                target[c] = v
    across = {
        code: written
        for code, written in spellings.items()
        if not any(sh.spellings.get(code, set()) >= written for sh in sheets)
    }  # spellings that differ between files (those within one file are noted by read_answers)
    notes += _spelling_notes("berkas-berkas", across)
    frame = pd.DataFrame(
        [[ans.get(c, "") for c in columns] for ans in merged.values()],
        index=list(merged),
        columns=columns,
        dtype=object,
    ).sort_index()
    frame.index.name = "kode_peserta"
    name = f"{len(paths)} berkas ({', '.join(p.name for p in paths[:3])}{', …' if len(paths) > 3 else ''})"
    return AnswerSheet(frame, name, sum(sh.rows_read for sh in sheets), notes, spellings)


def score(sheet: AnswerSheet, bank: QuestionBank, items: list[str]) -> pd.DataFrame:
    """Return a 0/1 matrix (participants × items) of correct answers."""
    matrix = np.zeros((len(sheet.answers.index), len(items)), dtype=int)
    values = sheet.answers.to_numpy(dtype=object)  # one conversion, not a Series per item
    where = {c: j for j, c in enumerate(sheet.answers.columns)}
    for j, c in enumerate(items):  # one frame at the end: a column assignment each is 50× slower
        if c in where:
            matrix[:, j] = _checked(bank[c], values[:, where[c]])
    return pd.DataFrame(matrix, index=sheet.answers.index, columns=items)


def _checked(item: Any, answers: np.ndarray) -> list[bool]:
    """Return :func:`check_answer` of every answer, computed once per distinct answer."""
    return _per_distinct_answer(answers, lambda v: check_answer(item, v))


def _per_distinct_answer(answers: np.ndarray, read: Any) -> list[Any]:
    """Return ``[read(v) for v in answers]``, calling ``read`` once per distinct answer.

    A class of 40 gives an item a handful of distinct answers. The type is part of the key:
    ``True == 1`` but only the number 1 is a numeric answer. An unhashable cell is read on its own.
    """
    seen: dict[Any, Any] = {}
    out = []
    for v in answers:
        try:
            key = (type(v), v)
            result = seen[key]
        except KeyError:
            result = seen[key] = read(v)
        except TypeError:
            result = read(v)
        out.append(result)
    return out


def _difficulty_label(p: float) -> str:
    return "sukar" if p < 0.3 else ("sedang" if p <= 0.7 else "mudah")


def _discrimination_label(
    d: float, p: float = math.nan, d_high: float = math.nan, phase: str = "post"
) -> str:
    """Ebel & Frisbie's category of ``D`` — but "perlu direvisi" only with evidence.

    An item is labelled "perlu direvisi" only when the whole 95 % interval of ``D`` lies below
    0.20; a low point estimate whose interval reaches 0.20 is "rendah, belum pasti". An item that
    every participant answered correctly (``p = 1``) cannot discriminate and is labelled as mastered.
    """
    if math.isnan(d):
        return "tidak dapat dihitung"
    if p == 1:
        return MASTERED.get(phase, MASTERED["post"])
    if p == 0:
        return NOBODY
    if d >= 0.4:
        return "sangat baik"
    if d >= 0.3:
        return "baik"
    if d >= 0.2:
        return "cukup"
    if not math.isnan(d_high) and d_high < 0.2:
        return REVISE
    return UNSURE


def _groups(total: pd.Series, group_share: float) -> tuple[pd.Index, pd.Index]:
    """Return (lower, upper) participant groups: Kelley's share by total score (ties: file order)."""
    n = len(total)
    k = max(1, int(round(group_share * n)))
    order = total.sort_values(kind="mergesort").index  # stable: ties keep participant order
    return order[:k], order[-k:]


def kr20(scores: pd.DataFrame) -> float:
    """Return the KR-20 reliability of a 0/1 score matrix (participants × items).

    ``KR20 = k/(k−1) · (1 − Σ p_i q_i / σ²_X)`` (Kuder & Richardson 1937), with ``p_i`` the share
    correct on item ``i``, ``q_i = 1 − p_i`` and ``σ²_X`` the population variance (ddof = 0) of the
    total scores. Range: at most 1; it can be negative when items disagree.

    Returns:
        The coefficient, or NaN with fewer than 2 items, fewer than 2 participants, or no variance
        in the total scores (everyone scored the same).
    """
    n, k = scores.shape
    if k < 2 or n < 2:
        return math.nan
    total = scores.sum(axis=1).to_numpy(dtype=float)
    var = float(total.var(ddof=0))
    if var == 0:
        return math.nan
    p = scores.mean(axis=0).to_numpy(dtype=float)
    return float(k / (k - 1) * (1 - float((p * (1 - p)).sum()) / var))


def point_biserial(scores: pd.DataFrame) -> pd.Series:
    """Return each item's corrected point-biserial correlation with the rest score.

    The rest score is the total minus the item itself. Computed with
    :func:`scipy.stats.pointbiserialr`; NaN when the item or the rest score has no variance.
    """
    from scipy import stats

    total = scores.sum(axis=1)
    out = {}
    for c in scores.columns:
        item = scores[c].to_numpy(dtype=float)
        rest = (total - scores[c]).to_numpy(dtype=float)
        if len(item) < 3 or item.std() == 0 or rest.std() == 0:
            out[c] = math.nan
        else:
            out[c] = float(stats.pointbiserialr(item, rest).statistic)
    return pd.Series(out, index=scores.columns, dtype=float)


_ITEM_COLUMNS = [
    "p",
    "p_bawah",
    "p_atas",
    "D",
    "D_bawah",
    "D_atas",
    "r_pb",
    "r_pb_bawah",
    "r_pb_atas",
]


def item_analysis(
    scores: pd.DataFrame, *, group_share: float = 0.27, phase: str = "post"
) -> pd.DataFrame:
    """Return difficulty ``p``, discrimination ``D`` and point-biserial ``r_pb`` per item, with 95 % intervals.

    Args:
        scores: 0/1 matrix, participants × items.
        group_share: Share of participants in the upper and lower groups (Kelley's 27 %); each
            group has at least one participant. With fewer than 2 participants D is NaN.
        phase: ``"pre"`` or ``"post"`` — only changes the label of items everyone answered
            correctly ("sudah dikuasai semua sebelum pelatihan" / "dikuasai semua peserta").

    Returns:
        DataFrame indexed by item with ``p`` (and its Wilson interval ``p_bawah``, ``p_atas``),
        ``tingkat_kesukaran``, ``D`` (Newcombe interval ``D_bawah``, ``D_atas``), ``daya_pembeda``,
        ``r_pb`` (corrected point-biserial, Fisher-z interval ``r_pb_bawah``, ``r_pb_atas``) and
        ``tanda``: "periksa kunci …" when the whole interval of ``r_pb`` is below 0, "tulis ulang
        soal …" when the whole interval of ``D`` is below 0.20, else "". A point estimate alone
        never raises a flag (see :mod:`simulations.course.intervals`).
    """
    from simulations.course.intervals import (
        correlation_interval,
        newcombe_difference,
        wilson_interval,
    )

    n = len(scores)
    total = scores.sum(axis=1)
    p = scores.mean(axis=0) if n else pd.Series(np.nan, index=scores.columns)
    matrix = scores.to_numpy(dtype=float)
    totals = matrix.sum(axis=1)
    # corrected point-biserial of every item at once: the Pearson r of the item and the rest
    # score (NaN where either has no variance), as scipy.stats.pearsonr without a p-value each
    r_all = np.full(matrix.shape[1], np.nan)
    if n >= 3:
        rest = totals[:, None] - matrix
        varies = (matrix.std(axis=0) > 0) & (rest.std(axis=0) > 0)
        xc, rc = matrix - matrix.mean(axis=0), rest - rest.mean(axis=0)
        with np.errstate(invalid="ignore", divide="ignore"):
            r = (xc * rc).sum(axis=0) / np.sqrt((xc * xc).sum(axis=0) * (rc * rc).sum(axis=0))
        r_all[varies] = np.clip(r[varies], -1.0, 1.0)
    k_all = matrix.sum(axis=0)  # 0/1 scores: whole numbers, exact in float
    k_up = k_low = None
    if n >= 2:
        lower, upper = _groups(total, group_share)
        up, low = scores.index.isin(upper), scores.index.isin(lower)
        nu, nl = int(up.sum()), int(low.sum())
        k_up, k_low = matrix[up].sum(axis=0), matrix[low].sum(axis=0)
    p_values = p.to_numpy(dtype=float)
    rows = []
    for j in range(matrix.shape[1]):
        p_lo, p_hi = wilson_interval(int(k_all[j]), n)
        if k_up is not None:
            ku, kl = int(k_up[j]), int(k_low[j])
            d = ku / nu - kl / nl
            d_lo, d_hi = newcombe_difference(ku, nu, kl, nl)
        else:
            d, d_lo, d_hi = math.nan, math.nan, math.nan
        if not math.isnan(r_all[j]):  # as point_biserial
            r_c = float(r_all[j])
            r_lo, r_hi = correlation_interval(r_c, n)
        else:
            r_c, r_lo, r_hi = math.nan, math.nan, math.nan
        rows.append((float(p_values[j]), p_lo, p_hi, d, d_lo, d_hi, r_c, r_lo, r_hi))
    # no items: an empty table of object columns, as pandas builds it from no rows
    out = pd.DataFrame(
        rows, index=scores.columns, columns=_ITEM_COLUMNS, dtype=float if rows else object
    )
    out["tingkat_kesukaran"] = [
        _difficulty_label(x) if not math.isnan(x) else "-" for x in p_values
    ]
    out["daya_pembeda"] = [
        _discrimination_label(d, pp, hi, phase)
        for d, pp, hi in zip(out["D"], p_values, out["D_atas"], strict=True)
    ]
    out["tanda"] = [
        KEY_FLAG if not math.isnan(r_hi) and r_hi < 0 else (REVISE_FLAG if label == REVISE else "")
        for r_hi, label in zip(out["r_pb_atas"], out["daya_pembeda"], strict=True)
    ]
    out.index.name = "soal"
    return out[
        [
            "p",
            "p_bawah",
            "p_atas",
            "tingkat_kesukaran",
            "D",
            "D_bawah",
            "D_atas",
            "daya_pembeda",
            "r_pb",
            "r_pb_bawah",
            "r_pb_atas",
            "tanda",
        ]
    ]


NONFUNCTIONAL = 0.05
"""A distractor chosen by fewer than 5 % of test takers does not work (Haladyna & Downing 1993)."""


_DISTRACTOR_COLUMNS = [
    "soal",
    "pilihan",
    "kunci",
    "teks",
    "n",
    "persen",
    "atas",
    "bawah",
    "keterangan",
    "tanda",
]


def distractor_analysis(
    sheet: AnswerSheet,
    bank: QuestionBank,
    items: list[str],
    scores: pd.DataFrame,
    *,
    group_share: float = 0.27,
) -> pd.DataFrame:
    """Count, for every option of every multiple-choice item, who chose it — in aggregate only.

    Args:
        sheet: The answers (option ids) of one test.
        bank: The question bank.
        items: Items of the test.
        scores: The 0/1 matrix of the same test (defines the upper/lower 27 % groups).
        group_share: Share of participants in each group.

    Returns:
        One row per (item, option) plus one ``(kosong)`` row per item for unanswered/unreadable:
        ``soal``, ``pilihan`` (option id), ``kunci`` (bool), ``teks`` (first 60 characters),
        ``n``, ``persen``, ``atas`` (count in the upper group), ``bawah`` (lower group),
        ``keterangan`` (what the counts show: "tidak dipilih siapa pun", "lebih sering dipilih
        kelompok atas") and ``tanda`` — a flag only with statistical support: "tidak berfungsi"
        when the upper end of the Wilson 95 % interval of the share choosing a wrong option is
        below :data:`NONFUNCTIONAL` (needs about 75 participants when nobody chose it), "menarik
        kelompok atas" when a one-sided Fisher exact test (:func:`scipy.stats.fisher_exact`)
        finds the upper group choosing it more often than the lower group at p < 0.05.
    """
    from simulations.course.intervals import wilson_interval

    n = len(scores)
    if n == 0:
        return pd.DataFrame(columns=_DISTRACTOR_COLUMNS)
    lower, upper = _groups(scores.sum(axis=1), group_share)
    up, low = scores.index.isin(upper), scores.index.isin(lower)
    nu, nl = int(up.sum()), int(low.sum())
    mc = [i for i in items if bank[i].kind == "pilihan_ganda"]
    where = {c: j for j, c in enumerate(sheet.answers.columns)}
    values = None
    if any(i in where for i in mc):  # the answers in the order of the score matrix, "" for NA
        values = sheet.answers.reindex(scores.index).to_numpy(dtype=object, copy=True)
        values[pd.isna(values)] = ""
    rows = []
    for item_id in mc:
        item = bank[item_id]
        options = [*item.options, "(kosong)"]
        if item_id in where:
            chosen = _option_numbers(item, values[:, where[item_id]])
        else:  # nobody answered it: every participant in the "(kosong)" row
            chosen = np.full(n, len(options) - 1)
        counts = np.bincount(chosen, minlength=len(options))
        tops = np.bincount(chosen[up], minlength=len(options))
        bottoms = np.bincount(chosen[low], minlength=len(options))
        for opt, count, top, bottom in zip(
            options, counts.tolist(), tops.tolist(), bottoms.tolist(), strict=True
        ):
            is_key = opt == item.key
            note = flag = ""
            if opt != "(kosong)" and not is_key:
                if count == 0:
                    note = "tidak dipilih siapa pun"
                elif top > bottom:
                    note = "lebih sering dipilih kelompok atas"
                if wilson_interval(count, n)[1] < NONFUNCTIONAL:
                    flag = "tidak berfungsi (dipilih < 5 % peserta, IK 95 %)"
                elif top > bottom and _fisher_greater(top, nu - top, bottom, nl - bottom) < 0.05:
                    flag = "menarik kelompok atas (uji Fisher, p < 0,05)"
            rows.append(
                (
                    item_id,
                    opt,
                    is_key,
                    item.options.get(opt, "tidak dijawab / tidak terbaca")[:60],
                    count,
                    100.0 * count / n,
                    top,
                    bottom,
                    note,
                    flag,
                )
            )
    return pd.DataFrame(rows, columns=_DISTRACTOR_COLUMNS)


def _option_numbers(item: Any, answers: np.ndarray) -> np.ndarray:
    """Return, per answer, the position in ``item.options`` of the option it chose.

    An answer is an option when ``str(answer).strip().upper()`` is an option id; an empty or
    unreadable answer gets the position after the last option (the "(kosong)" row). Each distinct
    answer is read once.
    """
    number = {opt: k for k, opt in enumerate(item.options)}
    blank = len(number)
    return np.array(
        _per_distinct_answer(answers, lambda v: number.get(str(v).strip().upper(), blank)),
        dtype=np.intp,
    )


@lru_cache(maxsize=4096)
def _fisher_greater(a: int, b: int, c: int, d: int) -> float:
    """Return the one-sided (greater) p-value of Fisher's exact test on ``[[a, b], [c, d]]``.

    Cached: the upper and lower groups of a class give the same few tables again and again.
    """
    from scipy import stats

    return float(stats.fisher_exact([[a, b], [c, d]], alternative="greater").pvalue)


def _with_mapping(table: pd.DataFrame, bank: QuestionBank) -> pd.DataFrame:
    """Add the module and objective of every item (so a weak item points at a session to revisit)."""
    table = table.copy()
    table.insert(0, "tujuan", [bank[i].objective for i in table.index])
    table.insert(0, "modul", [bank[i].module for i in table.index])
    return table


def normalised_gain(pre_percent: float, post_percent: float) -> float:
    """Return Hake's normalised gain ``(post − pre)/(100 − pre)``; NaN when ``pre`` is 100 %."""
    if pre_percent >= 100:
        return math.nan
    return (post_percent - pre_percent) / (100.0 - pre_percent)


def normalised_change(pre_percent: float, post_percent: float) -> float:
    """Return Marx & Cummings' (2007) normalised change ``c`` for one participant (percent scores).

    ``c = (post − pre)/(100 − pre)`` if post > pre; ``(post − pre)/pre`` if post < pre; ``0`` if
    equal; NaN when pre and post are both 0 % or both 100 % (the participant is dropped from the
    mean, as the paper recommends). ``c`` lies in [−1, 1].
    """
    if pre_percent == post_percent:
        return math.nan if pre_percent in (0, 100) else 0.0
    if post_percent > pre_percent:
        return (post_percent - pre_percent) / (100.0 - pre_percent)
    return (post_percent - pre_percent) / pre_percent


NAN2 = (math.nan, math.nan)
PERCENT = (0.0, 100.0)


@dataclass
class EvaluationReport:
    """Everything the evaluation report shows; tables are pandas DataFrames.

    The DataFrames keep short programmatic column names for researchers; what a trainer reads
    (:meth:`table`, :meth:`summary`, :meth:`next_steps`, :func:`report_html`) has Indonesian
    headers, Indonesian number formats, a 95 % interval next to every estimate, and no ``nan``.
    """

    participants: (
        pd.DataFrame
    )  # per matched participant: pre %, post %, g, category, c (Marx-Cummings)
    items_pre: pd.DataFrame
    items_post: pd.DataFrame
    mastery: pd.DataFrame  # per module: mean pre/post %, share mastered pre/post, with intervals
    class_gain: float
    mean_individual_gain: float
    unmatched_pre: list[str]
    unmatched_post: list[str]
    notes: list[str]
    items: list[str]
    mastery_threshold: float
    kr20_pre: float = math.nan
    kr20_post: float = math.nan
    mean_normalised_change: float = math.nan
    distractors_pre: pd.DataFrame = field(default_factory=pd.DataFrame)
    distractors_post: pd.DataFrame = field(default_factory=pd.DataFrame)
    title: str = "Laporan Evaluasi Bimtek"
    class_gain_ci: tuple[float, float] = NAN2
    mean_individual_gain_ci: tuple[float, float] = NAN2
    mean_normalised_change_ci: tuple[float, float] = NAN2
    pre_mean_ci: tuple[float, float] = NAN2
    post_mean_ci: tuple[float, float] = NAN2
    kr20_pre_ci: tuple[float, float] = NAN2
    kr20_post_ci: tuple[float, float] = NAN2
    sem_pre: float = math.nan  # standard error of measurement of one participant's score, points
    sem_post: float = math.nan
    objectives: pd.DataFrame = field(default_factory=pd.DataFrame)  # per objective, post-test

    @property
    def fell(self) -> pd.DataFrame:
        """Participants whose score fell, with Hake's g and Marx & Cummings' c side by side."""
        p = self.participants
        return p.loc[p["post_persen"] < p["pre_persen"]]

    @property
    def negative_items(self) -> list[str]:
        """Items whose corrected point-biserial is negative (point estimate) on either test."""
        out = []
        for table in (self.items_post, self.items_pre):
            out += [i for i, r in table["r_pb"].items() if not math.isnan(r) and r < 0]
        return sorted(set(out))

    @property
    def key_check_items(self) -> list[str]:
        """Items whose whole 95 % interval of ``r_pb`` is below 0 on either test: check the key."""
        out = []
        for table in (self.items_post, self.items_pre):
            out += [i for i, t in table["tanda"].items() if t == KEY_FLAG]
        return sorted(set(out))

    @property
    def gain_counts(self) -> dict[str, int]:
        """Number of matched participants per gain category."""
        cats = self.participants["kategori"].value_counts()
        return {k: int(cats.get(k, 0)) for k in ("tinggi", "sedang", "rendah", "-")}

    def table(self, name: str) -> pd.DataFrame:
        """Return a table as the trainer reads it (Indonesian headers and numbers, intervals).

        Args:
            name: ``"peserta"``, ``"modul"``, ``"tujuan"``, ``"butir_post"``, ``"butir_pre"``,
                ``"pengecoh_post"`` or ``"pengecoh_pre"``.
        """
        from simulations.course.report_tables import report_table

        return report_table(self, name)

    def summary(self) -> str:
        """Return a short Indonesian summary of the report, every estimate with its 95 % interval."""
        from simulations.course.report_tables import summary_text

        return summary_text(self)

    def next_steps(self) -> list[str]:
        """Return what to do next, in Indonesian: objectives to revisit, items to rewrite, …"""
        from simulations.course.report_tables import next_steps

        return next_steps(self)


def _check_threshold(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise DataError(
            f"mastery_threshold={value!r} must be a number in (0, 100]",
            f"Ambang ketuntasan (mastery_threshold) = {str(value)[:20]!r} harus angka di antara 0 dan "
            "100, mis. 75.",
            column="mastery_threshold",
        )
    if not 0 < value <= 100:
        raise DataError(
            f"mastery_threshold={value} must be in (0, 100]",
            f"Ambang ketuntasan {value} harus di antara 0 dan 100.",
            column="mastery_threshold",
        )
    return float(value)


def _check_items(items: Any, bank: QuestionBank) -> list[str]:
    if isinstance(items, str) or not isinstance(items, Sequence):
        raise DataError(
            f"items must be a list of item ids, got {type(items).__name__}",
            "Daftar soal (items) harus berupa daftar id soal, mis. ['M1-01', 'M1-02'].",
            column="items",
        )
    items = list(items)
    if not items:
        raise DataError(
            "items is empty: the test needs at least one item",
            "Daftar soal (items) kosong; tes perlu paling sedikit satu soal.",
            column="items",
        )
    unknown = [str(i)[:20] for i in items if not isinstance(i, str) or i not in bank.ids]
    if unknown:
        raise DataError(
            f"items {unknown} are not item ids of the question bank",
            f"Soal {', '.join(unknown)} tidak ada di bank soal.",
            column="items",
        )
    dupes = repeated(items)
    if dupes:
        raise DataError(
            f"items listed twice: {dupes}",
            f"Soal tercantum dua kali di daftar soal: {', '.join(dupes)}.",
            column="items",
        )
    return items


def _sem(percent: pd.Series, reliability: float) -> float:
    """Standard error of measurement of one score: ``SD · √(1 − reliability)`` (points)."""
    if len(percent) < 2 or not math.isfinite(reliability):
        return math.nan
    return float(percent.std(ddof=1)) * math.sqrt(max(0.0, 1.0 - reliability))


def _objectives(
    pre_sc: pd.DataFrame,
    post_sc: pd.DataFrame,
    both: list[str],
    items: list[str],
    bank: QuestionBank,
    threshold: float,
) -> pd.DataFrame:
    """Mean pre/post score per objective (percent) with Student-t intervals over participants."""
    from simulations.course.intervals import mean_interval

    rows = []
    pre_b = pre_sc.loc[both, items].to_numpy(dtype=float)
    post_b = post_sc.loc[both, items].to_numpy(dtype=float)
    columns: dict[str, list[int]] = {}  # objective -> its items' positions, in test order
    for j, i in enumerate(items):
        columns.setdefault(bank[i].objective, []).append(j)
    for objective in sorted(columns, key=_objective_key):
        cols = columns[objective]
        oi = [items[j] for j in cols]
        # scores of 0/1 items: no NaN, so ndarray.mean is what pandas' Series.mean computes
        pre_o = pre_b[:, cols].mean(axis=1) * 100
        post_o = post_b[:, cols].mean(axis=1) * 100
        lo, hi = mean_interval(post_o, bounds=PERCENT)
        plo, phi = mean_interval(pre_o, bounds=PERCENT)
        rows.append(
            {
                "tujuan": objective,
                "modul": bank[oi[0]].module,
                "soal": ", ".join(oi),
                "jumlah_soal": len(oi),
                "rerata_pre": float(pre_o.mean()),
                "rerata_pre_bawah": plo,
                "rerata_pre_atas": phi,
                "rerata_post": float(post_o.mean()),
                "rerata_post_bawah": lo,
                "rerata_post_atas": hi,
                "di_bawah_ambang": float(post_o.mean()) < threshold,
                "jelas_di_bawah_ambang": (not math.isnan(hi)) and hi < threshold,
            }
        )
    return pd.DataFrame(rows).set_index("tujuan") if rows else pd.DataFrame()


def _objective_key(code: str) -> tuple:
    return tuple(int(x) if x.isdigit() else x for x in str(code).split("."))


def evaluate(
    pre: str | Path | Sequence[str | Path] | AnswerSheet,
    post: str | Path | Sequence[str | Path] | AnswerSheet,
    *,
    bank: QuestionBank | None = None,
    items: list[str] | None = None,
    mastery_threshold: float = 75.0,
) -> EvaluationReport:
    """Build the evaluation report from pre-test and post-test answers.

    Args:
        pre: Pre-test answers: one CSV, a list of CSVs or a folder of CSVs (one file per computer
            is normal in class), or an :class:`AnswerSheet`.
        post: Post-test answers, same forms.
        bank: The question bank; loaded when None.
        items: Items that form the test; by default every item that appears in either file.
        mastery_threshold: Percent score in a module counted as mastery, (0, 100].

    Returns:
        The :class:`EvaluationReport`; every estimate has a 95 % interval
        (:mod:`simulations.course.intervals`).

    Raises:
        DataError: on malformed files (see :func:`read_answers`), an invalid ``items`` list or
            ``mastery_threshold``, answers with no item answered at all, or when no participant
            appears in both files.
    """
    from simulations.course.intervals import (
        class_gain_interval,
        feldt_interval,
        mean_interval,
        wilson_interval,
    )

    bank = bank or load_bank()
    mastery_threshold = _check_threshold(mastery_threshold)
    if items is not None:
        items = _check_items(items, bank)
    pre_s = pre if isinstance(pre, AnswerSheet) else read_many(pre, bank, phase="pre")
    post_s = post if isinstance(post, AnswerSheet) else read_many(post, bank, phase="post")
    if items is None:
        # columns that someone answered (a quiz CSV has a column for every bank item)
        present = {
            c
            for s in (pre_s, post_s)
            for c, filled in zip(
                s.answers.columns, (s.answers.to_numpy(dtype=object) != "").any(axis=0), strict=True
            )
            if filled
        }
        items = [i for i in bank.ids if i in present]
        if not items:
            raise DataError(
                f"no item is answered in {pre_s.file} or {post_s.file}",
                f"Tidak ada satu soal pun yang dijawab di {pre_s.file} maupun {post_s.file}; "
                "periksa apakah berkas yang benar dipilih.",
                file=pre_s.file,
                column="items",
            )
    pre_sc, post_sc = score(pre_s, bank, items), score(post_s, bank, items)
    both = sorted(set(pre_sc.index) & set(post_sc.index))
    only_pre = sorted(set(pre_sc.index) - set(post_sc.index))
    only_post = sorted(set(post_sc.index) - set(pre_sc.index))
    if not both:
        raise DataError(
            f"no participant code appears in both {pre_s.file} and {post_s.file}",
            f"Tidak ada kode peserta yang sama di {pre_s.file} dan {post_s.file}; periksa penulisan kode peserta.",
            file=post_s.file,
            column="kode_peserta",
        )
    k = len(items)
    pre_pct = pre_sc.loc[both].sum(axis=1) / k * 100
    post_pct = post_sc.loc[both].sum(axis=1) / k * 100
    gains = [normalised_gain(a, b) for a, b in zip(pre_pct, post_pct, strict=True)]
    changes = [normalised_change(a, b) for a, b in zip(pre_pct, post_pct, strict=True)]
    participants = pd.DataFrame({"pre_persen": pre_pct, "post_persen": post_pct, "n_gain": gains})
    participants["kategori"] = [gain_category(g) for g in participants["n_gain"]]
    participants["c_marx"] = changes
    participants.index.name = "kode_peserta"
    mpre, mpost = float(pre_pct.mean()), float(post_pct.mean())
    class_gain = normalised_gain(mpre, mpost)
    mean_ind = float(np.nanmean(gains)) if not all(math.isnan(g) for g in gains) else math.nan
    mean_c = float(np.nanmean(changes)) if not all(math.isnan(c) for c in changes) else math.nan
    n_both = len(both)
    rows = []
    # 0/1 scores of the matched participants: a module's mean per participant is a whole number
    # of items divided by the module's items, as pandas' DataFrame.mean computes it, without
    # a frame per module
    pre_b = pre_sc.loc[both].to_numpy(dtype=float)
    post_b = post_sc.loc[both].to_numpy(dtype=float)
    modules: dict[str, list[int]] = {}  # module -> its items' positions, in test order
    for j, i in enumerate(items):
        modules.setdefault(bank[i].module, []).append(j)
    for module in sorted(modules):
        mi = modules[module]
        pre_m = pre_b[:, mi].sum(axis=1) / len(mi) * 100
        post_m = post_b[:, mi].sum(axis=1) / len(mi) * 100
        k_pre = int((pre_m >= mastery_threshold - 1e-9).sum())
        k_post = int((post_m >= mastery_threshold - 1e-9).sum())
        row = {
            "modul": module,
            "jumlah_soal": len(mi),
            "rerata_pre": pre_m.mean(),
            "rerata_post": post_m.mean(),
            "tuntas_pre": 100.0 * k_pre / n_both,
            "tuntas_post": 100.0 * k_post / n_both,
        }
        for key, series in (("rerata_pre", pre_m), ("rerata_post", post_m)):
            row[f"{key}_bawah"], row[f"{key}_atas"] = mean_interval(series, bounds=PERCENT)
        for key, kk in (("tuntas_pre", k_pre), ("tuntas_post", k_post)):
            lo, hi = wilson_interval(kk, n_both)
            row[f"{key}_bawah"], row[f"{key}_atas"] = 100 * lo, 100 * hi
        rows.append(row)
    notes = list(pre_s.notes) + list(post_s.notes)
    notes.append(
        f"Dibaca: {pre_s.file} {pre_s.rows_read} baris → {len(pre_sc)} peserta; "
        f"{post_s.file} {post_s.rows_read} baris → {len(post_sc)} peserta."
    )
    undefined = [c for c, g in zip(both, gains, strict=True) if math.isnan(g)]
    if undefined:
        notes.append(f"N-gain tidak terdefinisi (skor pre-test 100%): {', '.join(undefined)}.")
    kr_pre, kr_post = kr20(pre_sc), kr20(post_sc)
    return EvaluationReport(
        participants=participants,
        items_pre=_with_mapping(item_analysis(pre_sc, phase="pre"), bank),
        items_post=_with_mapping(item_analysis(post_sc, phase="post"), bank),
        mastery=pd.DataFrame(rows).set_index("modul"),
        class_gain=class_gain,
        mean_individual_gain=mean_ind,
        unmatched_pre=only_pre,
        unmatched_post=only_post,
        notes=notes,
        items=items,
        mastery_threshold=mastery_threshold,
        kr20_pre=kr_pre,
        kr20_post=kr_post,
        mean_normalised_change=mean_c,
        distractors_pre=distractor_analysis(pre_s, bank, items, pre_sc),
        distractors_post=distractor_analysis(post_s, bank, items, post_sc),
        class_gain_ci=class_gain_interval(pre_pct, post_pct),
        mean_individual_gain_ci=mean_interval(gains, bounds=(-math.inf, 1.0)),
        mean_normalised_change_ci=mean_interval(changes, bounds=(-1.0, 1.0)),
        pre_mean_ci=mean_interval(pre_pct, bounds=PERCENT),
        post_mean_ci=mean_interval(post_pct, bounds=PERCENT),
        kr20_pre_ci=feldt_interval(kr_pre, len(pre_sc), k),
        kr20_post_ci=feldt_interval(kr_post, len(post_sc), k),
        sem_pre=_sem(pre_sc.sum(axis=1) / k * 100, kr_pre),
        sem_post=_sem(post_sc.sum(axis=1) / k * 100, kr_post),
        objectives=_objectives(pre_sc, post_sc, both, items, bank, mastery_threshold),
    )


# ---------------------------------------------------------------------------------------------
# figures and HTML
def _png(fig: Any) -> str:
    import matplotlib.pyplot as plt

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    plt.close(fig)
    return base64.b64encode(buf.getvalue()).decode("ascii")


def _table(df: pd.DataFrame) -> str:
    """Render a display table (every cell already text) as escaped HTML."""
    head = "".join(
        f"<th>{html.escape(str(c))}</th>" for c in [df.index.name or ""] + list(df.columns)
    )
    body = []
    for idx, row in df.iterrows():
        cells = [f"<td>{html.escape(str(idx))}</td>"]
        cells += [f"<td>{html.escape(str(v))}</td>" for v in row]
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def report_html(report: EvaluationReport, path: str | Path | None = None) -> str:
    """Render the report as one self-contained HTML page (figures embedded as base64 PNG).

    Everything is in Indonesian with Indonesian number formats; every estimate carries its 95 %
    interval; the page ends with what to do next (:meth:`EvaluationReport.next_steps`).

    Args:
        report: The evaluation report.
        path: If given, the HTML is also written there.

    Returns:
        The HTML text.
    """
    from simulations.course.report_tables import interval_text
    from simulations.plots.evaluation import figures

    figs = {k: _png(f) for k, f in figures(report).items()}
    alt = {
        "peserta": "Skor pre-test (lingkaran) dan post-test (kotak) untuk setiap kode peserta.",
        "ngain": "Histogram N-gain peserta dengan batas 0,3 dan 0,7.",
        "modul": "Rerata skor pre-test dan post-test per modul (garis: IK 95 %) dibanding ambang tuntas.",
        "butir": "Sebaran tingkat kesukaran dan daya pembeda setiap soal post-test.",
    }
    img = {
        k: f'<img alt="{html.escape(alt[k])}" src="data:image/png;base64,{v}"><p class="cap">{html.escape(alt[k])}</p>'
        for k, v in figs.items()
    }
    c = report.gain_counts
    esc = html.escape
    unmatched = ""
    if report.unmatched_pre or report.unmatched_post:
        unmatched = (
            "<h2>Peserta yang tidak cocok</h2><p>Peserta berikut hanya ada di salah satu tes. Mereka dihitung dalam "
            "analisis butir tes tersebut, tetapi tidak dalam N-gain.</p><ul>"
            f"<li>Hanya pre-test: {esc(', '.join(report.unmatched_pre) or '-')}</li>"
            f"<li>Hanya post-test: {esc(', '.join(report.unmatched_post) or '-')}</li></ul>"
        )
    notes = "".join(f"<li>{esc(n)}</li>" for n in report.notes)
    people = report.table("peserta")
    fell = report.fell
    fell_html = (
        "<p>Tidak ada peserta yang skornya turun.</p>"
        if fell.empty
        else "<p>Untuk peserta yang skornya <b>turun</b>, g Hake tidak terbatas ke bawah (mis. pre 90 %, post 50 % → "
        "g = −4); perubahan ternormalisasi Marx &amp; Cummings (2007) c = (post − pre)/pre tetap di antara −1 dan 1.</p>"
        + _table(people.loc[[str(i) for i in fell.index]])
    )
    distractors = report.table("pengecoh_post")
    flagged = distractors[distractors["Tanda"] != ""] if len(distractors) else distractors
    steps = "".join(f"<li>{esc(s)}</li>" for s in report.next_steps())
    css = (
        "body{font-family:system-ui,sans-serif;max-width:64rem;margin:2rem auto;line-height:1.45;color:#111}"
        "table{border-collapse:collapse;margin:.5rem 0;font-size:.9rem}th,td{border:1px solid #999;padding:.2rem .5rem;text-align:right}"
        "th{background:#eee}td:first-child{text-align:left}img{max-width:100%}.cap{font-size:.85rem;color:#444}"
        ".box{border-left:4px solid #0072B2;background:#eef6fb;padding:.5rem .75rem}"
        ".langkah{border-left:4px solid #009E73;background:#eefaf5;padding:.5rem .75rem .5rem 2rem}"
    )
    sem = (
        f"Galat baku pengukuran skor satu peserta: ± {format_id(report.sem_pre, 1)} poin (pre-test), "
        f"± {format_id(report.sem_post, 1)} poin (post-test) — selisih kecil antarpeserta bukan perbedaan nyata."
    )
    doc = f"""<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8"><title>{esc(report.title)}</title><style>{css}</style></head><body>
<h1>{esc(report.title)}</h1>
<p class="box">{esc(report.summary())}</p>
<p class="cap">Angka dalam kurung siku [a; b] adalah interval kepercayaan (IK) 95 %: rentang nilai yang sesuai dengan data
kelas ini. "—" berarti interval tidak dapat dihitung (terlalu sedikit peserta atau tidak ada variasi).</p>
<h2>N-gain (Hake 1998)</h2>
<p>g = (post − pre) / (100 − pre), skor dalam persen. Kategori: tinggi g ≥ 0,7; sedang 0,3 ≤ g &lt; 0,7; rendah g &lt; 0,3.
<br>N-gain kelas &lt;g&gt; = {esc(interval_text(report.class_gain, report.class_gain_ci))}, kategori {esc(gain_category(report.class_gain).replace("-", "tidak terdefinisi"))};
rata-rata g individu = {esc(interval_text(report.mean_individual_gain, report.mean_individual_gain_ci))} (berbeda dari &lt;g&gt; bila skor pre-test peserta beragam).
Tinggi {c["tinggi"]} · sedang {c["sedang"]} · rendah {c["rendah"]} · tidak terdefinisi {c["-"]}.
Rata-rata perubahan ternormalisasi c (Marx &amp; Cummings 2007) = {esc(interval_text(report.mean_normalised_change, report.mean_normalised_change_ci))}.</p>
{img["peserta"]}{img["ngain"]}
<p>{esc(sem)}</p>
{_table(people)}
<h3>Peserta yang skornya turun</h3>
{fell_html}
<h2>Reliabilitas</h2>
<p>KR-20 (Kuder &amp; Richardson 1937; interval menurut Feldt 1965): pre-test {esc(interval_text(report.kr20_pre, report.kr20_pre_ci))},
post-test {esc(interval_text(report.kr20_post, report.kr20_post_ci))} ({len(report.items)} soal). Untuk keputusan tentang kelas,
≥ 0,70 lazim dianggap memadai; tes pendek pada kelas kecil biasanya lebih rendah — jangan memakai skor satu peserta untuk
keputusan penting.</p>
<h2>Penguasaan per modul dan per tujuan</h2>
<p>Tuntas = skor modul ≥ {format_id(report.mastery_threshold, 0)} % (persentase peserta yang tuntas).</p>
{img["modul"]}
{_table(report.table("modul"))}
{_table(report.table("tujuan"))}
<h2>Analisis butir</h2>
<p>p = proporsi peserta yang menjawab benar (sukar &lt; 0,30; sedang 0,30–0,70; mudah &gt; 0,70).
D = p kelompok atas − p kelompok bawah (27 % peserta dengan skor total tertinggi/terendah, Kelley 1939);
≥ 0,40 sangat baik, 0,30–0,39 baik, 0,20–0,29 cukup (Ebel &amp; Frisbie 1991). Soal diberi label
<b>perlu direvisi</b> hanya bila <i>seluruh</i> interval D di bawah 0,20; D rendah dengan interval yang masih mencapai 0,20
diberi label "rendah, belum pasti". Soal yang dijawab benar oleh semua peserta diberi label "dikuasai".</p>
<p>r = korelasi point-biserial soal dengan skor sisa (skor total tanpa soal itu). "Periksa kunci" hanya muncul bila
<i>seluruh</i> interval r di bawah 0: peserta yang lebih kuat justru lebih sering salah.</p>
{img["butir"]}
<h3>Post-test</h3>{_table(report.table("butir_post"))}
<h3>Pre-test</h3>{_table(report.table("butir_pre"))}
<h2>Analisis pengecoh (post-test)</h2>
<p>Berapa peserta (semua, kelompok atas 27 %, kelompok bawah 27 %) memilih setiap pilihan — hanya jumlah, tidak
pernah siapa. Tanda hanya diberikan bila didukung uji statistik: pengecoh "tidak berfungsi" bila batas atas IK 95 %
porsi pemilihnya di bawah 5 %; "menarik kelompok atas" bila uji eksak Fisher satu sisi p &lt; 0,05. Pilihan yang ditandai:</p>
{_table(flagged) if len(flagged) else "<p>Tidak ada pengecoh yang ditandai.</p>"}
<details><summary>Semua pilihan</summary>{_table(distractors) if len(distractors) else ""}</details>
{unmatched}
<h2>Catatan pembacaan data</h2><ul>{notes}</ul>
<h2>Langkah berikutnya</h2>
<ol class="langkah">{steps}</ol>
<p class="cap">Dibuat dengan simulations.course.evaluation (Tangguh Digital). Data memakai kode peserta, bukan nama.</p>
</body></html>
"""
    if path is not None:
        Path(path).write_text(doc, encoding="utf-8")
    return doc


def synthetic_class(
    n: int = 24,
    *,
    seed: int = 2024,
    bank: QuestionBank | None = None,
    folder: str | Path = ".",
    p_pre: float = 0.45,
    p_post: float = 0.75,
    dropouts: int = 1,
    late_joiners: int = 1,
) -> tuple[Path, Path]:
    """Write SYNTHETIC pre/post answer files for a practice class (no real participant).

    Each synthetic participant has an ability drawn at random; the chance of a correct answer
    rises from about ``p_pre`` to about ``p_post``. ``dropouts`` participants miss the post-test and
    ``late_joiners`` miss the pre-test, so the report shows unmatched participants.

    Returns:
        Paths of ``pretest_sintetis.csv`` and ``posttest_sintetis.csv``.
    """
    from simulations.course.quiz import save_answers

    bank = bank or load_bank()
    rng = np.random.default_rng(seed)
    items = bank.for_module("prepost")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    pre_path, post_path = folder / "pretest_sintetis.csv", folder / "posttest_sintetis.csv"
    for p in (pre_path, post_path):
        p.unlink(missing_ok=True)
    codes = [f"SIN{i:02d}" for i in range(1, n + 1)]
    ability = rng.normal(0, 1, n)

    def answer(item: Any, prob: float) -> str:
        if rng.random() < prob:
            # synthetic answers typed as a participant would (parse_number reads both)
            if item.kind == "pilihan_ganda":
                return str(item.key)
            return f"{item.key:g}"  # notation: english
        if item.kind == "pilihan_ganda":
            wrong = [k for k in item.options if k != item.key]
            return str(rng.choice(wrong))
        return f"{float(item.key) * 2 + 1:g}"  # notation: english

    def prob(base: float, a: float) -> float:
        logit = math.log(base / (1 - base)) + 0.9 * a
        return 1 / (1 + math.exp(-logit))

    pre_at = dt.datetime(2025, 1, 6, 8, 30, tzinfo=dt.UTC)
    post_at = dt.datetime(2025, 1, 8, 15, 0, tzinfo=dt.UTC)
    tests = (  # phase, file, base chance, when, who sat it (by participant index)
        ("pre", pre_path, p_pre, pre_at, lambda i: i < n - late_joiners),
        ("post", post_path, p_post, post_at, lambda i: i >= dropouts),
    )
    for i, code in enumerate(codes):  # pre then post per participant: the draws keep their order
        for phase, path, base, when, sat in tests:
            if sat(i):
                answers = {it.id: answer(it, prob(base, ability[i])) for it in items}
                save_answers(path, code, "prepost", answers, phase=phase, bank=bank, when=when)
    return pre_path, post_path


# ---------------------------------------------------------------------------------------------
# Kirkpatrick level 1: the reaction questionnaire
def read_reaction_rows(
    path: str | Path | pd.DataFrame, bank: QuestionBank | None = None
) -> tuple[dict[str, dict[str, int]], list[str]]:
    """Read reaction answers (a CSV or :meth:`CodeBatch.reaction_frame`): ``{code: {R01: 1–5}}`` and notes.

    Each participant counts once: the last row of a code is used and the replacement is noted.

    Raises:
        DataError: as :func:`reaction_summary`.
    """
    bank = bank or load_bank()
    likert = {b["id"]: b["teks"] for b in bank.reaction.get("butir", [])}
    open_items = {b["id"] for b in bank.reaction.get("terbuka", [])}
    if isinstance(path, pd.DataFrame):  # from answer codes: index kode_peserta, columns R01…
        frame = path
        rows = [["kode_peserta", *map(str, frame.columns)]] + [
            [str(code), *("" if pd.isna(v) else str(int(v)) for v in row)]
            for code, row in frame.iterrows()
        ]
        name, notes = "kode jawaban REA", []
        if frame.empty:
            raise DataError(
                "no reaction questionnaire (REA) codes",
                "Belum ada kode kuesioner reaksi (REA) yang diterima.",
                file=name,
                column="kode_jawaban",
            )
    elif isinstance(path, str | Path):
        path = Path(path)
        name = path.name
        rows, notes = _read_rows(path)
    else:
        raise DataError(
            f"path must be a CSV path or a DataFrame, got {type(path).__name__}",
            "Masukan ringkasan reaksi harus berkas CSV atau tabel dari kode jawaban REA.",
            column="path",
        )
    header = _check_header(name, rows[0] if rows else [])
    for c in header:
        if c not in likert and c not in open_items and c not in META_COLUMNS:
            raise DataError(
                f"{name}: unknown column {c!r}",
                f"{name}: kolom {c[:40]!r} bukan butir kuesioner reaksi.",
                file=name,
                row=1,
                column=c[:40],
            )
    latest: dict[str, tuple[int, dict[str, int]]] = {}
    for r, cells in enumerate(rows[1:], start=2):
        if not any(cells):
            continue
        rec, code = _record(name, r, header, cells)
        answers: dict[str, int] = {}
        for k in likert:
            v = rec.get(k, "")
            if not v:
                continue
            if v not in {"1", "2", "3", "4", "5"}:
                raise DataError(
                    f"{name}: row {r}, column {k}: {v[:20]!r} is not a whole number 1-5",
                    f"{name}: baris {r}, kolom {k}: {v[:20]!r} bukan angka bulat 1–5.",
                    file=name,
                    row=r,
                    column=k,
                )
            answers[k] = int(v)
        if code in latest:
            notes.append(
                f"{name}: {code} mengisi lagi di baris {r} (sebelumnya baris {latest[code][0]}); "
                "isian terakhir dipakai, setiap peserta dihitung sekali."
            )
        latest[code] = (r, answers)
    return {code: answers for code, (_r, answers) in latest.items()}, notes


def reaction_summary(
    path: str | Path | pd.DataFrame, bank: QuestionBank | None = None
) -> pd.DataFrame:
    """Summarise the reaction questionnaire (Kirkpatrick level 1) from a CSV or from answer codes.

    Each participant counts once: when a code appears on several rows, the last row is used and
    the replacement is listed in ``out.attrs["catatan"]`` (``out.attrs["peserta"]`` = participants).
    ``path`` may also be :meth:`CodeBatch.reaction_frame` (answer codes ``REA``).

    The CSV has ``kode_peserta`` and one column per Likert item of the bank's ``kuesioner_reaksi``
    (``R01`` …), values 1–5 or empty; open questions (``R09``, ``R10``) may be present and are
    counted, not scored.

    Returns:
        One row per Likert item: ``pernyataan``, ``n`` (answers), ``rerata`` (mean, 1–5) with its
        Student-t interval ``rerata_bawah``/``rerata_atas``, ``setuju_persen`` (share answering 4
        or 5) with its Wilson interval ``setuju_bawah``/``setuju_atas`` (percent). Undefined values
        (no answer) are NaN here and "tidak terdefinisi" in :func:`reaction_table`.

    Raises:
        DataError: naming file, row and column for a missing ``kode_peserta`` column, an unknown
            column, a name instead of a code, or a value that is not a whole number 1–5; or when
            ``path`` is neither a file path nor a DataFrame.
    """
    from simulations.course.intervals import mean_interval, wilson_interval

    bank = bank or load_bank()
    likert = {b["id"]: b["teks"] for b in bank.reaction.get("butir", [])}
    latest, notes = read_reaction_rows(path, bank)
    values: dict[str, list[int]] = {k: [] for k in likert}
    for answers in latest.values():
        for k, v in answers.items():
            values[k].append(v)
    records = []
    for k, v in values.items():
        agree = sum(x >= 4 for x in v)
        lo, hi = mean_interval(v, bounds=(1.0, 5.0))
        alo, ahi = wilson_interval(agree, len(v))
        records.append(
            {
                "butir": k,
                "pernyataan": likert[k],
                "n": len(v),
                "rerata": float(np.mean(v)) if v else math.nan,
                "rerata_bawah": lo,
                "rerata_atas": hi,
                "setuju_persen": 100.0 * agree / len(v) if v else math.nan,
                "setuju_bawah": 100.0 * alo,
                "setuju_atas": 100.0 * ahi,
            }
        )
    out = pd.DataFrame(records).set_index("butir")
    out.attrs["catatan"] = notes
    out.attrs["peserta"] = len(latest)
    return out


def reaction_table(summary: pd.DataFrame) -> pd.DataFrame:
    """Return a :func:`reaction_summary` as the trainer reads it (Indonesian, intervals, no ``nan``)."""
    from simulations.course.report_tables import with_ci

    out = pd.DataFrame(index=pd.Index([str(i) for i in summary.index], name="Butir"))
    out["Pernyataan"] = list(summary["pernyataan"])
    out["Jumlah jawaban"] = [str(int(n)) for n in summary["n"]]
    out["Rerata 1–5 [IK 95 %]"] = [
        with_ci(x, (a, b), 1)
        for x, a, b in zip(
            summary["rerata"], summary["rerata_bawah"], summary["rerata_atas"], strict=True
        )
    ]
    out["Setuju, 4–5 (%) [IK 95 %]"] = [
        with_ci(x, (a, b), 0)
        for x, a, b in zip(
            summary["setuju_persen"], summary["setuju_bawah"], summary["setuju_atas"], strict=True
        )
    ]
    return out


def reaction_text(summary: pd.DataFrame) -> str:
    """Return one Indonesian paragraph on the reaction questionnaire: respondents, lowest and highest item."""
    from simulations.course.report_tables import interval_text

    answered = summary[summary["n"] > 0]
    people = summary.attrs.get("peserta", int(summary["n"].max()) if len(summary) else 0)
    if answered.empty:
        return f"Kuesioner reaksi: {people} peserta, belum ada jawaban skala 1–5."
    low = answered.sort_values("rerata").iloc[0]
    high = answered.sort_values("rerata").iloc[-1]

    def item(row: pd.Series) -> str:
        return (
            f"{row.name} “{str(row['pernyataan']).rstrip('.')}”, rerata "
            f"{interval_text(row['rerata'], (row['rerata_bawah'], row['rerata_atas']), 1)}"
        )

    return (
        f"Kuesioner reaksi (Kirkpatrick level 1): {people} peserta. Rerata terendah: {item(low)}. "
        f"Rerata tertinggi: {item(high)}. Skala 1 = sangat tidak setuju … 5 = sangat setuju."
    )


def synthetic_reaction(
    n: int = 24, *, seed: int = 2024, folder: str | Path = ".", bank: QuestionBank | None = None
) -> Path:
    """Write a SYNTHETIC reaction-questionnaire CSV (``reaksi_sintetis.csv``) for practice."""
    bank = bank or load_bank()
    rng = np.random.default_rng(seed)
    items = [b["id"] for b in bank.reaction.get("butir", [])]
    path = Path(folder) / "reaksi_sintetis.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["kode_peserta", *items])
        for i in range(n):
            w.writerow([f"SIN{i + 1:02d}", *(int(rng.choice([2, 3, 4, 4, 5, 5])) for _ in items)])
    return path
