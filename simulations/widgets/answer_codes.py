"""Widgets around answer codes: the trainer's inbox (notebook 08) and the reaction form (notebook 07).

* :class:`CodeInbox` — paste a whole chat (WhatsApp/Telegram export or copied messages); every
  answer code is read, accepted or rejected with its line and reason, repeats resolved (the first
  pre/post-test code counts; different codes for one participant are shown as conflicts), and the
  evaluation report (Kirkpatrick level 2) and the reaction summary (level 1) are built from what
  is pasted *now* — every button reads the text box again.
* :class:`ReactionForm` — the Kirkpatrick level-1 questionnaire (Likert 1–5) with a participant
  code; saving writes a CSV row and shows an answer code (``REA``) with copy button and QR code.

Logic lives in :mod:`simulations.course.answer_codes` and :mod:`simulations.course.evaluation`;
these classes only wire controls to it, so tests drive them by setting ``.value``.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
from pathlib import Path

import ipywidgets as w

from simulations.core.errors import DataError
from simulations.course.answer_codes import CodeBatch, make_code, read_codes
from simulations.course.quiz import QuestionBank, load_bank, neutralise_cell, normalise_code
from simulations.widgets.base import Action, Explorer, add_buttons, code_box, guarded, paste_box
from simulations.widgets.quiz import save_button, show_saved

__all__ = ["CodeInbox", "ReactionForm", "batch_html"]

AUTH_NOTE = (
    "Kode dari obrolan tidak dapat diautentikasi: siapa pun dapat mengetik kode peserta orang "
    "lain. Cocokkan setiap kode dengan pengirimnya di grup (nama pengirim ↔ kode di daftar Anda)."
)


def batch_html(batch: CodeBatch) -> str:
    """Return the reading report of a batch as HTML (every text escaped)."""
    parts = [
        f"<p class='td-ringkasan'>{html.escape(batch.summary().split(' Konflik:')[0].split(' Ditolak:')[0])}</p>"
    ]
    if batch.conflicts:
        parts.append(
            "<p class='td-konflik-judul' style='color:#D55E00'><b>Konflik</b> — dua kode berbeda untuk "
            f"peserta dan bentuk yang sama. {html.escape(AUTH_NOTE)}</p><ul class='td-konflik'>"
            + "".join(f"<li>{html.escape(r.pesan)}</li>" for r in batch.conflicts)
            + "</ul>"
        )
    if batch.rejected:
        rows = "".join(
            f"<tr><td>{r.line}</td><td><code>{html.escape(r.text)}</code></td><td>{html.escape(r.pesan)}</td></tr>"
            for r in batch.rejected
        )
        parts.append(
            "<p><b>Kode yang ditolak</b> — minta peserta mengirim ulang kodenya:</p>"
            f"<table class='td-ditolak'><tr><th>baris</th><th>kode</th><th>alasan</th></tr>{rows}</table>"
        )
    same = [r for r in batch.repeats if r.same]
    if same:
        parts.append(
            "<p><b>Kiriman ulang yang sama</b> (dihitung sekali):</p><ul>"
            + "".join(f"<li>{html.escape(r.pesan)}</li>" for r in same)
            + "</ul>"
        )
    if batch.notes:
        parts.append(
            "<p><b>Catatan pembacaan</b>:</p><ul>"
            + "".join(f"<li>{html.escape(n)}</li>" for n in batch.notes)
            + "</ul>"
        )
    return "".join(parts)


_INBOX_BUTTONS = (
    Action(
        "read_button",
        "Baca kode",
        "search",
        "Baca semua kode jawaban di kotak teks",
        "read",
        "primary",
    ),
    Action(
        "report_button",
        "Buat laporan",
        "file",
        "Baca ulang kotak teks, lalu buat laporan evaluasi dari kode PRE dan POST",
        "make_report",
    ),
    Action(
        "reaction_button",
        "Ringkas reaksi",
        "comments",
        "Baca ulang kotak teks, lalu ringkas kuesioner reaksi (kode REA, Kirkpatrick level 1)",
        "make_reaction",
    ),
)
"""The inbox's buttons: read, report (PRE/POST), reaction summary (REA)."""


class CodeInbox(Explorer):
    """Paste answer codes from the class chat, read them, and build the evaluation report.

    Args:
        bank: The question bank; loaded when None.
        report_path: Where "Buat laporan" writes the HTML report.

    Attributes:
        text: The Textarea to paste into.
        status: HTML with the reading report (counts, conflicts, rejected lines and why, repeats).
        batch: The last :class:`~simulations.course.answer_codes.CodeBatch` read (None before).
        report: The last :class:`~simulations.course.evaluation.EvaluationReport` (None before).
        reaction: The last reaction summary (:func:`~simulations.course.evaluation.reaction_summary`).
    """

    def __init__(
        self,
        *,
        bank: QuestionBank | None = None,
        report_path: str | Path = "evaluasi/laporan_dari_kode.html",
    ) -> None:
        self.bank = bank or load_bank()
        self.report_path = Path(report_path)
        self.batch: CodeBatch | None = None
        self.report = None
        self.reaction = None
        self.text = paste_box(
            "Kode jawaban:",
            "Tempel di sini pesan-pesan grup yang berisi kode jawaban (TD2....), satu kode per baris.",
        )
        buttons = add_buttons(self, _INBOX_BUTTONS)
        self.status = w.HTML()
        self.reaction_box = w.HTML()
        self.widget = w.VBox(
            [
                self.text,
                w.HBox(buttons),
                self.status,
                self.reaction_box,
            ]
        )

    @guarded("status")
    def read(self) -> CodeBatch | None:
        """Read the pasted text; show counts, conflicts, rejections and repeats; return the batch."""
        self.batch = None
        self.batch = read_codes(self.text.value, self.bank)
        self.status.value = batch_html(self.batch)
        return self.batch

    @guarded("status")
    def make_report(self):
        """Read the text box again, build the report from its PRE and POST codes, write the HTML."""
        from simulations.course.evaluation import evaluate, report_html

        self.report = None
        if self.read() is None:  # always what is pasted now, never an earlier reading
            return None
        try:
            self.report = evaluate(
                self.batch.sheet("pre"), self.batch.sheet("post"), bank=self.bank
            )
            self.report_path.parent.mkdir(parents=True, exist_ok=True)
            report_html(self.report, self.report_path)
        except Exception as exc:  # noqa: BLE001 - the one error path, with the reading report kept
            self.report = None
            self.show_error(exc, "status")
            self.status.value = batch_html(self.batch) + self.status.value
            return None
        self.status.value = (
            batch_html(self.batch)
            + f"<p class='td-laporan'><b>Laporan:</b> {html.escape(self.report.summary())}</p>"
            + "<p class='td-langkah'><b>Langkah berikutnya:</b></p><ol>"
            + "".join(f"<li>{html.escape(s)}</li>" for s in self.report.next_steps())
            + "</ol>"
            + f"<p>Tersimpan di <code>{html.escape(str(self.report_path))}</code>.</p>"
        )
        return self.report

    @guarded("reaction_box")
    def make_reaction(self):
        """Read the text box again and summarise the reaction questionnaire (``REA`` codes)."""
        from simulations.course.evaluation import reaction_summary, reaction_table, reaction_text

        self.reaction = None
        self.reaction_box.value = ""
        if self.read() is None:
            return None
        summary = reaction_summary(self.batch.reaction_frame(), self.bank)
        table = reaction_table(summary)
        self.reaction = summary
        self.reaction_box.value = (
            f"<p class='td-reaksi'>{html.escape(reaction_text(summary))}</p>"
            + table.to_html(classes="td-reaksi-tabel", escape=True)
        )
        return summary


class ReactionForm(Explorer):
    """The reaction questionnaire (Kirkpatrick level 1) as a form that yields an answer code.

    Args:
        bank: The question bank (its ``kuesioner_reaksi``); loaded when None.
        save_to: CSV the answers are appended to (``kode_peserta``, ``waktu``, ``R01`` …).
    """

    def __init__(
        self, *, bank: QuestionBank | None = None, save_to: str | Path = "reaksi.csv"
    ) -> None:
        self.bank = bank or load_bank()
        self.save_to = Path(save_to)
        self.items = [(str(b["id"]), str(b["teks"])) for b in self.bank.reaction.get("butir", [])]
        self.code = code_box("Kode dari fasilitator; jangan menulis nama.")
        self.inputs = [
            w.ToggleButtons(
                options=[("1", "1"), ("2", "2"), ("3", "3"), ("4", "4"), ("5", "5")],
                value=None,
                description=f"{i}. {html.escape(t)}",
                tooltips=[
                    "sangat tidak setuju",
                    "tidak setuju",
                    "ragu-ragu",
                    "setuju",
                    "sangat setuju",
                ],
                style={"description_width": "initial", "button_width": "36px"},
            )
            for i, t in self.items
        ]
        self.save_button = save_button(self.save_to, lambda _b: self.save())
        self.status = w.HTML()
        self.code_box = w.HTML()
        self.answer_code = ""
        head = w.HTML(
            f"<b>{html.escape(str(self.bank.reaction.get('judul', 'Kuesioner reaksi')))}</b> — "
            "1 = sangat tidak setuju … 5 = sangat setuju."
        )
        self.widget = w.VBox(
            [head, self.code, *self.inputs, self.save_button, self.status, self.code_box]
        )

    @property
    def answers(self) -> dict[str, str | None]:
        """Current answers ``{R01: "1"…"5" or None}``."""
        return {i: inp.value for (i, _t), inp in zip(self.items, self.inputs, strict=True)}

    @guarded("status")
    def save(self) -> Path | None:
        """Append one CSV row, show the answer code (REA); return the path, or None on bad input."""
        code = normalise_code(self.code.value)
        self.answer_code = make_code(code, "reaksi", "reaksi", self.answers, self.bank)
        header = ["kode_peserta", "waktu", *[i for i, _t in self.items]]
        new = not self.save_to.exists() or self.save_to.stat().st_size == 0
        if not new:
            with self.save_to.open(newline="", encoding="utf-8") as fh:
                if next(csv.reader(fh), []) != header:
                    raise DataError(
                        f"{self.save_to.name}: header differs from the questionnaire",
                        f"{self.save_to.name}: kolomnya berbeda dengan kuesioner; simpan ke berkas baru.",
                        file=self.save_to.name,
                        row=1,
                    )
        self.save_to.parent.mkdir(parents=True, exist_ok=True)
        with self.save_to.open("a", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            if new:
                writer.writerow(header)
            stamp = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
            writer.writerow(
                [code, stamp, *(neutralise_cell(v or "") for v in self.answers.values())]
            )
        show_saved(self, code, self.save_to)
        return self.save_to
