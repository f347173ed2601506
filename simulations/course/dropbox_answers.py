"""Answers from the classroom drop box, for the trainer's report (notebook 08).

:mod:`simulations.course.dropbox` writes the participants' copies and scans the folder (who
submitted what, what is refused); this module reads the accepted answer files — each on its own,
through a size cap — keeps the rows of one phase that carry the submitter's own participant code,
and hands them to :func:`simulations.course.evaluation.evaluate` with every refusal as a note for
the report. It sits above :mod:`~simulations.course.evaluation` and :mod:`~simulations.course.quiz`
(which imports the drop box to submit copies), so the imports run one way.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from simulations.core.errors import DataError
from simulations.core.params import check_choice
from simulations.course.dropbox import (
    MAX_SUBMISSION_BYTES,
    Refusal,
    Submission,
    dropbox_dir,
    is_pathlike,
    read_submission,
    scan_dropbox,
    shown_name,
)
from simulations.course.evaluation import parse_rows, read_answers, read_many
from simulations.course.quiz import load_bank, neutralise_cell, normalise_code

__all__ = ["PHASES", "Collected", "answer_files", "answers_from_dropbox", "collect_answers"]

PHASES = ("pre", "post", "latihan")
"""Phases :func:`collect_answers` gathers (the ``fase`` column of an answers file)."""


@dataclass
class Collected:
    """Answer rows of one phase gathered from the drop box (see :func:`collect_answers`)."""

    paths: list[Path] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)

    def notes(self) -> list[str]:
        """Indonesian lines for the report: every refused file or row with its reason."""
        return [f"Kotak kumpul: {r.pesan}" for r in self.refused]


def collect_answers(
    phase: str,
    folder: str | Path | None = None,
    *,
    into: str | Path = "kotak_kumpul",
    layout: str | None = None,
    bank: Any = None,
) -> Collected:
    """Gather the answer rows of one phase from the drop box into files the evaluation can read.

    For every participant and submitted file name, all copies are read in the order they were
    submitted (each through a size cap, :data:`MAX_SUBMISSION_BYTES`); their rows are joined
    without repeats, filtered to the rows whose ``fase`` is ``phase`` and whose participant code
    is the submitter's own, and written to one file in ``into/<phase>/`` (the trainer's copy). A file
    that cannot be read (binary, undecodable, malformed CSV, a cell over the CSV limit, too large)
    and every row carrying another participant's code are refused with the reason; the rest of
    the class is read.

    Args:
        phase: ``"pre"``, ``"post"`` or ``"latihan"``.
        folder: The drop box; ``$TANGGUH_DROPBOX`` when None.
        into: Folder for the filtered copies (created; its old ``.csv`` files are replaced).
        layout: See :func:`scan_dropbox`.
        bank: The question bank for checking the files (loaded when None).

    Raises:
        DataError: for an unknown phase, arguments of the wrong type, or an unreadable drop box.
    """
    phase = check_choice(phase, "phase", "Fase", PHASES)
    if not is_pathlike(into):
        raise DataError(
            f"into must be a folder path, got {type(into).__name__}",
            "Folder salinan (into) harus berupa path folder.",
            column="into",
        )
    scan = scan_dropbox(folder, kind="jawaban-", layout=layout)
    bank = bank or load_bank()
    target = Path(into) / phase
    target.mkdir(parents=True, exist_ok=True)
    for old in target.glob("*.csv"):
        old.unlink()
    out = Collected(refused=list(scan.refused))
    groups: dict[tuple[str, str, str], list[Submission]] = {}
    for sub in scan.submissions:
        groups.setdefault((sub.user, sub.kind, sub.name), []).append(sub)
    for (user, kind, name), copies in groups.items():
        shown = f"{user}/{kind}/{name}"
        header: list[str] | None = None
        seen: set[tuple[str, ...]] = set()
        keep: list[list[str]] = []
        for sub in copies:
            try:
                rows, _notes = parse_rows(read_submission(sub, MAX_SUBMISSION_BYTES), shown)
            except DataError as exc:
                out.refused.append(
                    Refusal(
                        shown,
                        str(exc),
                        f"{shown} ({shown_name(sub.path.name)}): {exc.pesan}",
                        sub.owner,
                    )
                )
                continue
            if not rows or "kode_peserta" not in rows[0] or "fase" not in rows[0]:
                out.refused.append(
                    Refusal(
                        shown,
                        f"{shown}: no kode_peserta/fase header",
                        f"{shown}: bukan berkas jawaban buku kerja (tidak ada kolom kode_peserta dan fase).",
                        sub.owner,
                    )
                )
                continue
            if header is None:
                header = rows[0]
            elif rows[0] != header:
                out.refused.append(
                    Refusal(
                        shown,
                        f"{shown}: a copy with another header",
                        f"{shown}: salinan dengan kolom berbeda dari salinan sebelumnya — tidak dibaca.",
                        sub.owner,
                    )
                )
                continue
            col_code, col_phase = header.index("kode_peserta"), header.index("fase")
            for r, row in enumerate(rows[1:], start=2):
                key = tuple(row)
                if key in seen or len(row) != len(header) or row[col_phase] != phase:
                    continue  # an earlier copy's row, a ragged row (read_answers reports it), another phase
                seen.add(key)
                try:
                    code = normalise_code(row[col_code])
                except DataError:
                    code = ""
                if code != user.upper():
                    out.refused.append(
                        Refusal(
                            shown,
                            f"{shown} row {r}: participant code {row[col_code][:24]!r} is not the "
                            f"submitter's ({user.upper()})",
                            f"{shown} baris {r}: kode peserta {row[col_code][:24]!r} bukan milik "
                            f"pengirim berkas ({user.upper()}) — baris ditolak.",
                            sub.owner,
                        )
                    )
                    continue
                keep.append(row)
        if header is None or not keep:
            continue
        path = target / f"{user}__{kind}__{name}"
        with path.open("w", newline="", encoding="utf-8") as fh:
            # cells were un-guarded when parsed: guard them again (the trainer may open the copy
            # in a spreadsheet, where "=..." would run as a formula)
            csv.writer(fh).writerows([header, *([neutralise_cell(c) for c in row] for row in keep)])
        try:
            read_answers(path, bank, phase=phase if phase != "latihan" else None)
        except DataError as exc:
            path.unlink()
            out.refused.append(Refusal(shown, str(exc), f"{shown}: {exc.pesan}", copies[-1].owner))
            continue
        out.paths.append(path)
    out.paths.sort()
    return out


def answer_files(
    phase: str,
    folder: str | Path | None = None,
    *,
    into: str | Path = "kotak_kumpul",
    layout: str | None = None,
) -> list[Path]:
    """Return the paths :func:`collect_answers` writes (refusals: use :func:`collect_answers`).

    Raises:
        DataError: as :func:`collect_answers` (e.g. ``answer_files("final")``).
    """
    return collect_answers(phase, folder, into=into, layout=layout).paths


def answers_from_dropbox(pre: Any, post: Any, folder: str | Path | None = None) -> tuple[Any, Any]:
    """Return the drop box's pre/post answers on the classroom server, else ``(pre, post)``.

    For notebook 08: on the hub (``$TANGGUH_DROPBOX`` set and the drop box holds answers of both
    phases) the result is two :class:`~simulations.course.evaluation.AnswerSheet` objects whose
    notes list everything refused (forged rows, links, foreign sub-folders, unreadable files), so
    :func:`~simulations.course.evaluation.evaluate` puts it in the report; elsewhere the notebook
    keeps the files it was given.
    """
    if folder is None and dropbox_dir() is None:
        return pre, post
    got = {phase: collect_answers(phase, folder) for phase in ("pre", "post")}
    if not (got["pre"].paths and got["post"].paths):
        return pre, post
    sheets = []
    for phase in ("pre", "post"):
        sheet = read_many(got[phase].paths, phase=phase)
        sheet.notes = got[phase].notes() + sheet.notes
        sheets.append(sheet)
    # a refusal found while scanning appears in both phases' lists: keep one
    sheets[1].notes = [n for n in sheets[1].notes if n not in set(sheets[0].notes)]
    return sheets[0], sheets[1]
