"""Self-check quiz widget: a module's questions from the bank, immediate feedback, local CSV save.

Works offline in JupyterLab and on Binder (plain ipywidgets, no network). Answers are saved with a
participant *code* (not a name) to a CSV file next to the notebook, in the format
:mod:`simulations.course.evaluation` reads. Options are shown in an order shuffled per participant
code (:func:`simulations.course.quiz.option_order`) and stored as option ids. Every save also shows
an answer code (:mod:`simulations.course.answer_codes`) with a copy button and a QR code, and an
"unduh jawaban" link to download the participant's own rows (Binder forgets its files when the
session ends).

Example:
    >>> from simulations.widgets.quiz import QuizWidget
    >>> kuis = QuizWidget("06")          # doctest: +SKIP
    >>> kuis                             # doctest: +SKIP
"""

from __future__ import annotations

import base64
import csv
import html
import io
import json
from pathlib import Path
from typing import Any

import ipywidgets as w

from simulations.core.errors import DataError
from simulations.course.answer_codes import make_code, qr_svg
from simulations.course.quiz import (
    Item,
    QuestionBank,
    check_answer,
    feedback,
    is_valid_answer,
    load_bank,
    normalise_code,
    option_order,
    save_answers,
)
from simulations.widgets.base import STYLE, Explorer, button, code_box, guarded

__all__ = ["QuizWidget", "answer_code_html", "download_link_html", "save_button", "show_saved"]

SECONDS_PER_ITEM = (45, 60)
"""Time a participant needs per item (reading and answering), low and high; shown on the pre/post form."""

_OK = "#009E73"
_NO = "#D55E00"


class QuizWidget(Explorer):
    """Show the questions of one module with a "Periksa" (check) button each and a save button.

    A module quiz shows that module's *practice* items only (:meth:`QuestionBank.for_module`); the
    pre/post-test items appear only in the ``"prepost"`` form, in phase ``"pre"`` or ``"post"``, and
    never with their key, so the post-test cannot be passed by remembering the practice quiz.

    Args:
        module: Session code (``"01"`` … ``"07"``) for the practice quiz, or ``"prepost"`` for the
            pre/post-test.
        bank: The question bank; ``curriculum/bank_soal.yaml`` when None.
        save_to: CSV file the answers are appended to.
        phase: ``"latihan"`` (self-check, with a module code), ``"pre"`` or ``"post"`` (with
            ``"prepost"``).
        show_feedback: Show right/wrong and the explanation when checking. None (default) shows it
            in practice and hides it in the pre/post-test; True is refused for the pre/post-test.

    Raises:
        DataError: for a pre/post form in phase ``"latihan"`` or with feedback, or a module quiz
            in phase ``"pre"``/``"post"`` (the Indonesian message says which form to use).

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
        show_feedback: bool | None = None,
    ) -> None:
        self.bank = bank or load_bank()
        self.module = str(module)
        _check_form(self.module, phase, show_feedback)
        self.items: tuple[Item, ...] = self.bank.for_module(self.module)
        self.save_to = Path(save_to)
        self.phase = phase
        self.show_feedback = self.module != "prepost" if show_feedback is None else show_feedback
        self.inputs: list[w.ValueWidget] = []
        self.feedbacks: list[w.HTML] = []
        rows: list[w.Widget] = []
        n = len(self.items)
        if self.module == "prepost":
            low, high = (round(n * s / 60) for s in SECONDS_PER_ITEM)
            title = f"Pre-test / post-test ({n} soal, ± {low}–{high} menit)"
            note = "Kunci tidak ditampilkan. Jawab sendiri; tidak apa-apa bila belum tahu."
        else:
            title = f"Kuis mandiri Modul {self.module} ({n} soal latihan)"
            note = "Soal latihan, berbeda dari soal tes awal dan tes akhir."
        rows.append(
            w.HTML(
                f"<h4>{html.escape(title)}</h4><span style='color:#555'>{html.escape(note)}</span>"
            )
        )
        self.code = code_box("Kode dari fasilitator; jangan menulis nama (UU 27/2022 PDP).")
        self.code.continuous_update = False  # reorder the options once the code is typed
        self.code.observe(lambda _c: self.reorder(), names="value")
        rows.append(
            w.HBox(
                [
                    self.code,
                    w.HTML(
                        "<span style='color:#555'>Isi kode dulu: urutan pilihan diacak per kode peserta.</span>"
                    ),
                ]
            )
        )
        for n, item in enumerate(self.items, start=1):
            q = w.HTML(
                f"<b>{n}. </b>{html.escape(item.question)} <span style='color:#666'>[{html.escape(item.id)}]</span>"
            )
            if item.kind == "pilihan_ganda":
                inp = w.RadioButtons(
                    options=[(item.options[k], k) for k in option_order(item, "")],
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
            btn = button(
                "Periksa",
                "check",
                "Periksa jawaban soal ini",
                on_click=lambda _b, i=n - 1: self.check(i),
            )
            btn.layout.width = "110px"
            fb = w.HTML()
            self.inputs.append(inp)
            self.feedbacks.append(fb)
            rows.append(w.VBox([q, inp, w.HBox([btn, fb])], layout=w.Layout(margin="0 0 10px 0")))
        self.check_all_button = button(
            "Periksa semua",
            "check-double",
            "Periksa semua jawaban sekaligus",
            on_click=lambda _b: self.check_all(),
        )
        self.save_button = save_button(self.save_to, lambda _b: self.save())
        self.status = w.HTML()
        self.answer_code = ""
        self.code_box = w.HTML()
        rows.append(w.HBox([self.check_all_button, self.save_button]))
        rows.append(self.status)
        rows.append(self.code_box)
        self.widget = w.VBox(rows)

    # ------------------------------------------------------------------ logic (headless-testable)
    def option_ids(self, i: int) -> list[str]:
        """Option ids of item ``i`` in the order currently shown (empty for numeric items)."""
        inp = self.inputs[i]
        return [v for _label, v in inp.options] if isinstance(inp, w.RadioButtons) else []

    @guarded("status")
    def reorder(self) -> None:
        """Show every multiple-choice item's options in the order of the current participant code.

        A selected answer is kept (it is an option id, not a position).
        """
        code = self.code.value.strip().upper()
        for item, inp in zip(self.items, self.inputs, strict=True):
            if item.kind != "pilihan_ganda":
                continue
            chosen = inp.value
            inp.options = [(item.options[k], k) for k in option_order(item, code)]
            inp.value = chosen

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
        # the code first: a phase/module without a code form fails before anything is written
        answer_code = make_code(self.code.value, self.phase, self.module, self.answers, self.bank)
        path = save_answers(
            self.save_to,
            self.code.value,
            self.module,
            self.answers,
            phase=self.phase,
            bank=self.bank,
        )
        self.answer_code = answer_code
        where = f" di <code>{html.escape(str(path))}</code> (hanya di komputer ini)"
        show_saved(self, normalise_code(self.code.value), path, where)
        return path


def _check_form(module: str, phase: str, show_feedback: bool | None) -> None:
    """Refuse a quiz that would show pre/post items as practice, or a module quiz as a test."""
    if module == "prepost" and phase not in ("pre", "post"):
        raise DataError(
            f"the pre/post-test form needs phase 'pre' or 'post', not {phase!r}",
            "Soal pre/post-test hanya untuk tes awal atau tes akhir (phase='pre' atau 'post'), "
            'bukan untuk latihan. Untuk latihan, pakai kuis modul, mis. QuizWidget("03").',
            column="fase",
        )
    if module == "prepost" and show_feedback:
        raise DataError(
            "the pre/post-test never shows its key (show_feedback must be False or None)",
            "Kunci pre/post-test tidak pernah ditampilkan kepada peserta; hapus show_feedback=True.",
            column="show_feedback",
        )
    if module != "prepost" and phase in ("pre", "post"):
        raise DataError(
            f"phase {phase!r} belongs to the pre/post-test form, not to the quiz of module {module!r}",
            f'Tes awal/akhir memakai QuizWidget("prepost", phase={phase!r}); kuis modul {module} '
            "hanya untuk latihan.",
            column="fase",
        )


def save_button(save_to: Path, on_click: Any) -> w.Button:
    """Return an answer form's "Simpan jawaban" button (the answers go to ``save_to``)."""
    return button(
        "Simpan jawaban",
        "save",
        f"Tambahkan jawaban ke {save_to.name} di komputer ini",
        style="primary",
        on_click=on_click,
    )


def show_saved(form: Any, code: str, path: Path, where: str = "") -> None:
    """Show that ``form``'s answers were saved: the count in ``form.status``, then the answer code.

    Args:
        form: The form (its ``answers``, ``answer_code``, ``status`` and ``code_box``).
        code: The participant code, normalised.
        path: The CSV written (for the download link).
        where: HTML added after the count (e.g. where the file is).
    """
    answered = sum(v is not None for v in form.answers.values())
    form.status.value = (
        f"Tersimpan: {answered} jawaban untuk kode <b>{html.escape(code)}</b>{where}."
    )
    form.code_box.value = answer_code_html(form.answer_code) + download_link_html(path, code)


def answer_code_html(code: str) -> str:
    """Return the HTML block that shows an answer code: text to select, a copy button, a QR code."""
    safe = html.escape(code)
    js = html.escape(f"navigator.clipboard.writeText({json.dumps(code)})")
    return (
        "<div class='td-kode' style='border:1px solid #0072B2;padding:.4rem .6rem;margin:.3rem 0'>"
        "<b>Kode jawaban</b> — salin dan kirim ke grup pelatihan (satu baris, tanpa nama):<br>"
        f"<input class='td-kode-teks' readonly value=\"{safe}\" size='{min(len(code) + 2, 80)}' "
        "style='font-family:monospace' onclick='this.select()'> "
        f"<button class='td-salin' onclick=\"{js}\">Salin kode</button>"
        f"<div style='margin-top:.3rem'>{qr_svg(code)}</div>"
        "<span style='color:#555'>Atau pindai kode QR ini dengan ponsel lalu kirim teksnya.</span></div>"
    )


def download_link_html(path: str | Path, participant: str) -> str:
    """Return an "unduh jawaban" link: a data-URI download of this participant's rows of ``path``.

    Works on Binder (no file server path needed). The rows are those of ``participant`` only, so a
    shared computer never hands one participant another's answers.

    Raises:
        DataError: if the file cannot be read.
    """
    path = Path(path)
    try:
        with path.open(newline="", encoding="utf-8") as fh:
            rows = list(csv.reader(fh))
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(
            f"cannot read {path.name}: {type(exc).__name__}",
            f"Berkas {path.name} tidak dapat dibaca.",
            file=path.name,
        ) from None
    mine = rows[:1] + [r for r in rows[1:] if r and r[0] == participant]
    buf = io.StringIO()
    csv.writer(buf).writerows(mine)
    data = base64.b64encode(buf.getvalue().encode("utf-8")).decode("ascii")
    name = html.escape(f"jawaban_{participant}_{path.stem}.csv")
    return (
        f'<p><a class=\'td-unduh\' download="{name}" href="data:text/csv;base64,{data}" '
        "style='font-weight:bold'>⬇ unduh jawaban</a> — simpan berkas ini sebelum sesi berakhir: "
        "Binder menghapus semua berkas ketika sesi ditutup atau lama tidak dipakai.</p>"
    )
