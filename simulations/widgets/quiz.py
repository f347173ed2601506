"""Self-check quiz widget: a module's questions from the bank, immediate feedback, local CSV save.

Works offline in JupyterLab and on Binder (plain ipywidgets, no network). Answers are saved with a
participant *code* (not a name) to a CSV file next to the notebook, in the format
:mod:`simulations.course.evaluation` reads.

Example:
    >>> from simulations.widgets.quiz import QuizWidget
    >>> kuis = QuizWidget("06")          # doctest: +SKIP
    >>> kuis                             # doctest: +SKIP
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import ipywidgets as w

from simulations.course.quiz import (
    Item,
    QuestionBank,
    check_answer,
    feedback,
    is_valid_answer,
    load_bank,
    save_answers,
)
from simulations.widgets.base import STYLE, Explorer, guarded

__all__ = ["QuizWidget"]

_OK = "#009E73"
_NO = "#D55E00"


class QuizWidget(Explorer):
    """Show the questions of one module with a "Periksa" (check) button each and a save button.

    Args:
        module: Session code (``"01"`` … ``"07"``) or ``"prepost"`` for the pre/post-test.
        bank: The question bank; ``curriculum/bank_soal.yaml`` when None.
        save_to: CSV file the answers are appended to.
        phase: ``"latihan"`` (self-check), ``"pre"`` or ``"post"``.
        show_feedback: Show right/wrong and the explanation when checking. Trainers set False for
            the pre-test so that the key is not revealed.

    Attributes:
        widget: The top-level container.
        inputs: One input widget per item (RadioButtons or Text).
        feedbacks: One HTML widget per item with the feedback.
        code: Text box for the participant code.
        status: HTML line with the result of the last action.
    """

    def __init__(
        self,
        module: str = "01",
        *,
        bank: QuestionBank | None = None,
        save_to: str | Path = "jawaban_kuis.csv",
        phase: str = "latihan",
        show_feedback: bool = True,
    ) -> None:
        self.bank = bank or load_bank()
        self.module = str(module)
        self.items: tuple[Item, ...] = self.bank.for_module(self.module)
        self.save_to = Path(save_to)
        self.phase = phase
        self.show_feedback = show_feedback
        self.inputs: list[w.ValueWidget] = []
        self.feedbacks: list[w.HTML] = []
        rows: list[w.Widget] = []
        title = (
            "Pre-test / post-test"
            if self.module == "prepost"
            else f"Kuis mandiri Modul {self.module}"
        )
        rows.append(w.HTML(f"<h4>{html.escape(title)} ({len(self.items)} soal)</h4>"))
        for n, item in enumerate(self.items, start=1):
            q = w.HTML(
                f"<b>{n}. </b>{html.escape(item.question)} <span style='color:#666'>[{html.escape(item.id)}]</span>"
            )
            if item.kind == "pilihan_ganda":
                inp = w.RadioButtons(
                    options=[(f"{k}. {v}", k) for k, v in item.options.items()],
                    value=None,
                    layout=w.Layout(width="auto"),
                    style=STYLE,
                )
            else:
                inp = w.Text(
                    placeholder="angka, mis. 0.25",
                    description="Jawaban:",
                    style=STYLE,
                    tooltip="Tulis angka; koma atau titik desimal boleh.",
                )
            btn = w.Button(
                description="Periksa",
                tooltip="Periksa jawaban soal ini",
                icon="check",
                layout=w.Layout(width="110px"),
            )
            fb = w.HTML()
            btn.on_click(lambda _b, i=n - 1: self.check(i))
            self.inputs.append(inp)
            self.feedbacks.append(fb)
            rows.append(w.VBox([q, inp, w.HBox([btn, fb])], layout=w.Layout(margin="0 0 10px 0")))
        self.code = w.Text(
            description="Kode peserta:",
            placeholder="mis. P07 (bukan nama)",
            style=STYLE,
            tooltip="Kode dari fasilitator; jangan menulis nama (UU 27/2022 PDP).",
        )
        self.check_all_button = w.Button(
            description="Periksa semua",
            icon="check-double",
            tooltip="Periksa semua jawaban sekaligus",
        )
        self.save_button = w.Button(
            description="Simpan jawaban",
            icon="save",
            button_style="primary",
            tooltip=f"Tambahkan jawaban ke {self.save_to.name} di komputer ini",
        )
        self.check_all_button.on_click(lambda _b: self.check_all())
        self.save_button.on_click(lambda _b: self.save())
        self.status = w.HTML()
        rows.append(w.HBox([self.code, self.check_all_button, self.save_button]))
        rows.append(self.status)
        self.widget = w.VBox(rows)

    # ------------------------------------------------------------------ logic (headless-testable)
    @property
    def answers(self) -> dict[str, Any]:
        """Current answers ``{item_id: letter/number text or None}``."""
        out = {}
        for item, inp in zip(self.items, self.inputs, strict=True):
            v = inp.value
            out[item.id] = v if v not in ("", None) else None
        return out

    @guarded("status")
    def check(self, i: int) -> bool:
        """Check item ``i`` (0-based), show its feedback and return whether it is correct."""
        item, value = self.items[i], self.inputs[i].value
        ok = check_answer(item, value)
        if not self.show_feedback:
            text = (
                "Jawaban tercatat."
                if is_valid_answer(item, value)
                else "Belum dijawab atau tidak terbaca."
            )
            self.feedbacks[i].value = html.escape(text)
            return ok
        colour = _OK if ok else _NO
        mark = "✔" if ok else "✘"
        self.feedbacks[i].value = (
            f"<span style='color:{colour};font-weight:bold'>{mark}</span> "
            f"{html.escape(feedback(item, value))}"
        )
        return ok

    @guarded("status")
    def check_all(self) -> int:
        """Check every item; return the number correct and show the score."""
        correct = sum(self.check(i) for i in range(len(self.items)))
        if self.show_feedback:
            self.status.value = f"Skor: <b>{correct} dari {len(self.items)}</b> benar."
        else:
            answered = sum(v is not None for v in self.answers.values())
            self.status.value = f"{answered} dari {len(self.items)} soal dijawab."
        return correct

    @guarded("status")
    def save(self) -> Path | None:
        """Append the answers as one CSV row; show a message (Indonesian) and return the path, or None."""
        path = save_answers(
            self.save_to,
            self.code.value,
            self.module,
            self.answers,
            phase=self.phase,
            bank=self.bank,
        )
        answered = sum(v is not None for v in self.answers.values())
        self.status.value = (
            f"Tersimpan: {answered} jawaban untuk kode <b>{html.escape(self.code.value.strip().upper())}</b>"
            f" di <code>{html.escape(str(path))}</code> (hanya di komputer ini)."
        )
        return path
