"""The exercise form: every *Latihan* is answered with choices, sliders, number fields and text areas.

A notebook's participant cell shows the form, its check cell reads it::

    from simulations.widgets.exercise import Latihan, periksa

    Latihan("3.1")                                   # participant cell: the form
    periksa("3.1", ambang=eradication_threshold(alpha=0.8, p_forget=0.1))   # check cell

* :class:`ExerciseForm` (alias :data:`Latihan`) builds the form from the exercise's definition in
  ``curriculum/latihan.yaml`` (:mod:`simulations.course.exercises`): radio buttons or a dropdown,
  checkboxes, sliders, number fields that accept a decimal comma and echo the value they read,
  short texts, text areas with a live word counter, small number tables. A participant code (not a
  name) and **Simpan jawaban** save the answers like quiz answers: to ``jawaban_latihan.csv`` next to
  the notebook, to the classroom drop box on the hub, and — for short answers — as an answer code
  with a copy button and a QR code (:mod:`simulations.course.exercise_codes`), plus an
  "unduh jawaban" link.
* :func:`periksa` returns a :class:`CheckPanel`: a **Periksa** button and the feedback. It compares
  fields with the values the check cell computed (each field's tolerance from the definition), or
  calls a function with the answers (e.g. to run a simulation with the chosen parameters). Empty or
  unreadable input gives an Indonesian sentence, never a traceback. The panel reads the latest form
  of that exercise, so re-running the participant cell keeps working.
* :class:`ExerciseInbox` is the trainer's side: paste the class chat, read every exercise code.

Everything is plain ipywidgets (no network); tests drive the form by setting ``.value`` or calling
:meth:`ExerciseForm.set`, then :meth:`CheckPanel.check` and :meth:`ExerciseForm.save`.
"""

from __future__ import annotations

import base64
import contextlib
import html
import io
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import ipywidgets as w

from simulations.core.errors import SimulationInputError
from simulations.core.formatting import general_id
from simulations.course.exercise_answers import (
    Feedback,
    check_field,
    count_words,
    empty_fields,
    is_thousands_text,
    read_answer,
    save_exercise_answers,
)
from simulations.course.exercise_codes import make_exercise_code, read_exercise_codes
from simulations.course.exercises import Exercise, ExerciseField, ExerciseSet, load_exercises
from simulations.course.quiz import normalise_code
from simulations.widgets.base import (
    Action,
    Explorer,
    add_buttons,
    code_box,
    guarded,
    paste_box,
    short_message,
)
from simulations.widgets.quiz import answer_code_html, download_link_html

__all__ = ["CheckPanel", "ExerciseForm", "ExerciseInbox", "Latihan", "periksa"]

ANSWERS_FILE = "jawaban_latihan.csv"
"""Default answers file, next to the notebook."""

_OK, _NO, _INFO = "#009E73", "#D55E00", "#555"
LONG_CHOICE = 80
"""Longest choice shown as a radio label (characters); longer choices are listed and picked by letter."""
_WIDE = w.Layout(width="95%", max_width="760px")

_FORMS: dict[str, ExerciseForm] = {}
"""The latest form of each exercise in this kernel (what :func:`periksa` reads)."""

_PANELS: dict[str, CheckPanel] = {}
"""The latest check panel of each exercise in this kernel (tests read their feedback)."""

_PARTICIPANT = {"code": ""}
"""The participant code typed in any form of this kernel (filled into the other forms)."""


def _label_html(f: ExerciseField) -> str:
    hint = f"<br><small style='color:{_INFO}'>{html.escape(f.help)}</small>" if f.help else ""
    return f"<b>{html.escape(f.label)}</b>{hint}"


_FORM_BUTTONS = (
    Action(
        "save_button",
        "Simpan jawaban",
        "save",
        "Simpan jawaban latihan ini di komputer ini (dan kirim salinan ke fasilitator di server kelas)",
        "save",
        "primary",
    ),
)
"""An exercise form's button: save the answers (and send a copy on the classroom server)."""

_INBOX_BUTTONS = (
    Action(
        "read_button",
        "Baca kode latihan",
        "search",
        "Baca semua kode latihan di kotak teks",
        "read",
        "primary",
    ),
)
"""The exercise-code inbox's button: read every code pasted in the text box."""


class ExerciseForm(Explorer):
    """The form of one exercise, built from its definition; answers saved like quiz answers.

    Args:
        exercise_id: ``"N.M"`` (e.g. ``"3.1"``), as in the notebook heading.
        exercises: The definitions; ``curriculum/latihan.yaml`` when None.
        save_to: CSV file the answers are appended to.

    Raises:
        DataError: for an unknown exercise id (the Indonesian message lists the known ones).

    Attributes:
        exercise: The :class:`~simulations.course.exercises.Exercise`.
        controls: ``{field id: widget}`` (a ``centang`` field: a VBox of checkboxes; a ``tabel``:
            a GridBox of text cells, see :attr:`cells`).
        cells: ``{field id: {(row, column): Text}}`` for table fields.
        echo: ``{field id: HTML}`` under number fields and text areas (value read / word count).
        code: Text box for the participant code.
        status: HTML with the result of the last save.
        code_box: HTML with the answer code and the download link after a save.
        widget: The top-level container.
    """

    def __init__(
        self,
        exercise_id: str,
        *,
        exercises: ExerciseSet | None = None,
        save_to: str | Path = ANSWERS_FILE,
    ) -> None:
        self.exercise: Exercise = (exercises or load_exercises())[exercise_id]
        self.save_to = Path(save_to)
        self.controls: dict[str, w.Widget] = {}
        self.cells: dict[str, dict[tuple[str, str], w.Text]] = {}
        self.echo: dict[str, w.HTML] = {}
        self.answer_code: str | None = None
        rows: list[w.Widget] = [
            w.HTML(
                f"<h4 style='margin:.2rem 0'>{html.escape(self.exercise.heading)}</h4>"
                + (
                    f"<span style='color:{_INFO}'>{html.escape(self.exercise.instructions)}</span>"
                    if self.exercise.instructions
                    else ""
                )
            )
        ]
        for f in self.exercise.fields:
            rows.append(self._field_box(f))
        self.total_words = w.HTML()
        if self.exercise.word_limit is not None:
            rows.append(self.total_words)
            self._update_total()
        self.code = code_box("Kode dari fasilitator; jangan menulis nama.")
        self.code.value = _PARTICIPANT["code"]
        self.code.observe(self._on_code, names="value")
        add_buttons(self, _FORM_BUTTONS)
        self.status = w.HTML()
        self.code_box = w.HTML()
        rows += [w.HBox([self.code, self.save_button]), self.status, self.code_box]
        self.widget = w.VBox(
            rows, layout=w.Layout(border="1px solid #0072B2", padding="6px 10px", max_width="800px")
        )
        previous = _FORMS.get(self.exercise.id)
        if previous is not None:  # a re-run participant cell keeps what was typed
            self.set_raw(previous.raw)
        _FORMS[self.exercise.id] = self

    # ------------------------------------------------------------------ building
    def _field_box(self, f: ExerciseField) -> w.Widget:
        label = w.HTML(_label_html(f))
        common = {"tooltip": f.help or f.label}
        parts: list[w.Widget] = [label]
        if f.kind == "pilihan":
            options = [(o.label, o.id) for o in f.options]
            if f.display == "daftar":
                control: w.Widget = w.Dropdown(
                    options=options, value=f.default, layout=_WIDE, **common
                )
            elif max(len(o.label) for o in f.options) > LONG_CHOICE:
                # a radio label does not wrap: long choices are listed as text, picked by letter
                letters = [chr(ord("A") + i) for i in range(len(f.options))]
                parts.append(
                    w.HTML(
                        "<ol type='A' style='margin:.2rem 0 .2rem 1.2rem;padding-left:.6rem'>"
                        + "".join(f"<li>{html.escape(o.label)}</li>" for o in f.options)
                        + "</ol>"
                    )
                )
                control = w.RadioButtons(
                    options=list(zip(letters, (o.id for o in f.options), strict=True)),
                    value=f.default,
                    orientation="horizontal",
                    **common,
                )
            else:
                control = w.RadioButtons(options=options, value=f.default, layout=_WIDE, **common)
        elif f.kind == "centang":
            boxes = [
                w.Checkbox(
                    value=False, description=o.label, indent=False, layout=_WIDE, tooltip=o.label
                )
                for o in f.options
            ]
            control = w.VBox(boxes)
        elif f.kind == "geser":
            kind = w.IntSlider if f.integer else w.FloatSlider
            extra = (
                {} if f.integer else {"readout_format": ".2f" if (f.step or 0.01) < 0.1 else ".1f"}
            )
            control = kind(
                value=f.default,
                min=f.min,
                max=f.max,
                step=f.step or (1 if f.integer else 0.01),
                continuous_update=False,
                layout=w.Layout(width="420px"),
                **common,
                **extra,
            )
        elif f.kind == "angka":
            control = w.Text(
                value="",
                placeholder="angka, mis. 0,25" + (f" ({f.unit})" if f.unit else ""),
                layout=w.Layout(width="220px"),
                continuous_update=True,
                **common,
            )
            self.echo[f.id] = w.HTML()
            control.observe(lambda _c, f=f: self._on_number(f), names="value")
        elif f.kind == "teks":
            control = w.Text(
                value=f.default or "", placeholder="tulis di sini", layout=_WIDE, **common
            )
        elif f.kind == "uraian":
            lines = max(3, min(8, (f.max_words or 60) // 18))
            control = w.Textarea(
                value=f.default or "",
                placeholder="tulis di sini (tanda kutip, apostrof, dan baris baru boleh)",
                layout=w.Layout(
                    width="95%",
                    max_width="760px",
                    height=f"{lines * 1.6 + 1:.1f}em",  # notation: english (CSS length)
                ),
                continuous_update=True,
                **common,
            )
            self.echo[f.id] = w.HTML()
            control.observe(lambda _c, f=f: self._on_words(f), names="value")
            self._on_words(f, control)
        else:  # tabel
            cells = {
                (r.id, c.id): w.Text(
                    value="",
                    placeholder="angka",
                    layout=w.Layout(width="120px"),
                    tooltip=f"{r.label} · {c.label}",
                )
                for r in f.rows
                for c in f.columns
            }
            self.cells[f.id] = cells
            grid: list[w.Widget] = [w.HTML("")] + [
                w.HTML(f"<b>{html.escape(c.label)}</b>") for c in f.columns
            ]
            for r in f.rows:
                grid.append(w.HTML(html.escape(r.label)))
                grid += [cells[(r.id, c.id)] for c in f.columns]
            control = w.GridBox(
                grid,
                layout=w.Layout(
                    grid_template_columns=f"minmax(120px, 260px) repeat({len(f.columns)}, 130px)"
                ),
            )
            self.echo[f.id] = w.HTML()
            for cell in cells.values():
                cell.observe(lambda _c, f=f: self._on_table(f), names="value")
        self.controls[f.id] = control
        parts.append(control)
        if f.unit and f.kind in ("angka", "geser"):
            parts[-1] = w.HBox([control, w.HTML(html.escape(f.unit))])
        if f.id in self.echo:
            parts.append(self.echo[f.id])
        return w.VBox(parts, layout=w.Layout(margin="4px 0"))

    # ------------------------------------------------------------------ live feedback
    def _on_code(self, _change: Any = None) -> None:
        text = self.code.value.strip()
        _PARTICIPANT["code"] = text
        for form in _FORMS.values():
            if form is not self and not form.code.value.strip():
                form.code.value = text

    def _on_number(self, f: ExerciseField) -> None:
        try:
            value = read_answer(f, self.controls[f.id].value)
        except SimulationInputError as exc:
            self.echo[f.id].value = f"<small style='color:{_NO}'>{html.escape(exc.pesan)}</small>"
            return
        hint = ""
        if is_thousands_text(self.controls[f.id].value):
            hint = " (titik dibaca sebagai pemisah ribuan; untuk desimal pakai koma, mis. 1,5)"
        self.echo[f.id].value = (
            ""
            if value is None
            else f"<small style='color:{_INFO}'>terbaca: {html.escape(general_id(value))}"
            + (f" {html.escape(f.unit)}" if f.unit else "")
            + html.escape(hint)
            + "</small>"
        )

    def _on_table(self, f: ExerciseField) -> None:
        try:
            read_answer(f, self._raw_of(f))
        except SimulationInputError as exc:
            self.echo[f.id].value = f"<small style='color:{_NO}'>{html.escape(exc.pesan)}</small>"
            return
        self.echo[f.id].value = ""

    def _on_words(self, f: ExerciseField, control: w.Textarea | None = None) -> None:
        control = control or self.controls[f.id]
        n = count_words(control.value)
        limit = []
        if f.min_words is not None:
            limit.append(f"minimal {f.min_words}")
        if f.max_words is not None:
            limit.append(f"paling banyak {f.max_words}")
        over = (f.max_words is not None and n > f.max_words) or len(control.value) > f.max_chars
        colour = _NO if over else _INFO
        text = f"{n} kata" + (f" ({', '.join(limit)})" if limit else "")
        if len(control.value) > f.max_chars:
            text += (
                f" — terlalu panjang ({len(control.value)} karakter; paling banyak {f.max_chars})"
            )
        self.echo[
            f.id
        ].value = f"<small class='td-kata' style='color:{colour}'>{html.escape(text)}</small>"
        if self.exercise.word_limit is not None and hasattr(self, "total_words"):
            self._update_total()

    def _update_total(self) -> None:
        limit = self.exercise.word_limit
        assert limit is not None
        n = sum(count_words(self.controls[i].value) for i in limit.fields if i in self.controls)
        labels = limit.label
        over = limit.max is not None and n > limit.max
        bound = f" dari paling banyak {limit.max}" if limit.max is not None else ""
        self.total_words.value = (
            f"<div class='td-kata-total' style='color:{_NO if over else _INFO}'>Jumlah kata ({html.escape(labels)}): "
            f"<b>{n}</b>{bound}.</div>"
        )

    # ------------------------------------------------------------------ values
    def _raw_of(self, f: ExerciseField) -> Any:
        control = self.controls[f.id]
        if f.kind == "centang":
            return tuple(
                o.id for o, box in zip(f.options, control.children, strict=True) if box.value
            )
        if f.kind == "tabel":
            return {k: cell.value for k, cell in self.cells[f.id].items()}
        return control.value

    @property
    def raw(self) -> dict[str, Any]:
        """The controls' values as they are (text as typed), by field id."""
        return {f.id: self._raw_of(f) for f in self.exercise.fields}

    def set_raw(self, values: Mapping[str, Any]) -> None:
        """Put raw values (as returned by :attr:`raw`) back into the controls; unknown ids are ignored."""
        for f in self.exercise.fields:
            if f.id not in values:
                continue
            value = values[f.id]
            try:
                if f.kind == "centang":
                    for o, box in zip(f.options, self.controls[f.id].children, strict=True):
                        box.value = o.id in set(value or ())
                elif f.kind == "tabel":
                    for k, cell in self.cells[f.id].items():
                        cell.value = str((value or {}).get(k, "") or "")
                else:
                    self.controls[f.id].value = value
            except Exception:  # noqa: BLE001 - a stale value from an older form is dropped
                continue

    def set(self, **values: Any) -> ExerciseForm:
        """Fill fields from Python values (tests, demonstrations): ids, numbers, texts, tables.

        Numbers for ``angka`` and table cells are written as a participant would type them (with
        a decimal comma). Returns the form, so ``form.set(ambang=0.25).save()`` works.

        Raises:
            DataError: for an unknown field id.
        """
        for name, value in values.items():
            f = self.exercise.field(name)
            if f.kind == "angka" and isinstance(value, int | float) and not isinstance(value, bool):
                value = general_id(value)
            if f.kind == "tabel":
                value = {
                    k: (general_id(v) if isinstance(v, int | float) else v)
                    for k, v in value.items()
                }
            self.set_raw({name: value})
        return self

    def read(self) -> tuple[dict[str, Any], list[str]]:
        """Return ``(answers, problems)``: every field's answer (None when empty or unreadable) and
        the Indonesian messages of the fields that could not be read."""
        answers: dict[str, Any] = {}
        problems: list[str] = []
        for f in self.exercise.fields:
            try:
                answers[f.id] = read_answer(f, self._raw_of(f))
            except SimulationInputError as exc:
                answers[f.id] = None
                problems.append(exc.pesan)
        return answers, problems

    @property
    def answers(self) -> dict[str, Any]:
        """The answers (None for empty fields).

        Raises:
            SimulationInputError: when a field cannot be read (its Indonesian message).
        """
        answers, problems = self.read()
        if problems:
            raise SimulationInputError(
                "form has unreadable fields: " + "; ".join(problems), " ".join(problems)
            )
        return answers

    # ------------------------------------------------------------------ saving
    @guarded("status")
    def save(self) -> Path | None:
        """Save the answers (CSV, drop box, answer code); show the result; None on bad input."""
        answers = self.answers  # unreadable fields stop the save with their message
        code = normalise_code(self.code.value)
        path = save_exercise_answers(self.save_to, code, self.exercise, answers)
        self.answer_code = make_exercise_code(code, self.exercise, answers)
        filled = sum(v is not None for v in answers.values())
        note = ""
        if any(not f.codable for f in self.exercise.fields):
            note = (
                " Jawaban teks tidak masuk kode jawaban: unduh berkasnya di bawah"
                " (di server kelas, salinannya sudah sampai ke fasilitator)."
            )
        self.status.value = (
            f"<span style='color:{_OK}'>Tersimpan</span>: {filled} dari {len(answers)} isian untuk kode "
            f"<b>{html.escape(code)}</b> di <code>{html.escape(str(path))}</code>.{html.escape(note)}"
        )
        self.code_box.value = (
            answer_code_html(self.answer_code) if self.answer_code else ""
        ) + download_link_html(path, code)
        return path


Latihan = ExerciseForm
"""Indonesian name used in the notebooks: ``Latihan("3.1")``."""


def _figure_html(fig: Any) -> str:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=90, bbox_inches="tight")
    try:
        import matplotlib.pyplot as plt

        plt.close(fig)
    except Exception:  # noqa: BLE001 - a Figure built without pyplot needs no closing
        pass
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return f'<img src="data:image/png;base64,{data}" style="max-width:100%;height:auto" alt="gambar hasil">'


def _result_html(result: Any) -> tuple[str, str]:
    """Return ``(html, text)`` for what a check function returned (text, table, figure, or a list)."""
    if result is None:
        return "", ""
    if isinstance(result, str):
        paras = [p for p in result.split("\n") if p.strip()]
        return "".join(f"<p style='margin:.2rem 0'>{html.escape(p)}</p>" for p in paras), result
    if isinstance(result, list | tuple):
        parts = [_result_html(r) for r in result]
        return "".join(h for h, _ in parts), "\n".join(t for _, t in parts if t)
    if hasattr(result, "savefig"):
        return _figure_html(result), ""
    if hasattr(result, "to_html"):
        return result.to_html(border=0, classes="td-tabel"), ""
    return f"<p>{html.escape(str(result))}</p>", str(result)


class CheckPanel(Explorer):
    """The check cell's output: a button and the feedback for one exercise's form.

    Args:
        exercise_id: The exercise.
        function: Optional ``function(answers) -> text | figure | table | list`` run when the
            required fields are filled (e.g. a simulation with the chosen parameters).
        expected: ``{field id: value or zero-argument callable}`` to compare fields with; a callable
            is evaluated at each check (e.g. the explorer's latest result).
        exercises: The definitions (default: ``curriculum/latihan.yaml``).

    Attributes:
        button: The check button (label from the definition, usually "Periksa").
        feedback: HTML with the feedback.
        text: The feedback as plain text (what tests read).
        results: The per-field :class:`~simulations.course.exercise_answers.Feedback` of the last check.
    """

    def __init__(
        self,
        exercise_id: str,
        function: Callable[[dict[str, Any]], Any] | None = None,
        *,
        expected: Mapping[str, Any] | None = None,
        exercises: ExerciseSet | None = None,
    ) -> None:
        self.exercise = (exercises or load_exercises())[exercise_id]
        self.function = function
        self.expected = dict(expected or {})
        for name in self.expected:
            self.exercise.field(name)  # unknown field -> DataError (a notebook author's mistake)
        check = Action(
            "button",
            self.exercise.check_label,
            "check",
            "Baca isian form di atas dan beri umpan balik",
            "check",
            "success",
        )
        add_buttons(self, [check])
        self.feedback = w.HTML()
        self.status = w.HTML()
        self.text = ""
        self.results: list[Feedback] = []
        self.widget = w.VBox([w.HBox([self.button, self.status]), self.feedback])
        _PANELS[self.exercise.id] = self
        self.check()

    def _form(self) -> ExerciseForm | None:
        return _FORMS.get(self.exercise.id)

    @guarded("feedback")
    def check(self) -> str:
        """Read the latest form of the exercise and show the feedback; return it as text."""
        self.status.value = ""
        form = self._form()
        if form is None:
            return self._show_lines(
                [
                    (
                        None,
                        f'Form Latihan {self.exercise.id} belum tampil: jalankan dulu sel Latihan("{self.exercise.id}") di atas.',
                    )
                ]
            )
        answers, problems = form.read()
        if problems:
            return self._show_lines([(False, p) for p in problems])
        lines: list[tuple[bool | None, str]] = []
        self.results = []
        for f in self.exercise.fields:
            if f.id in self.expected and answers[f.id] is None:
                # the expected value is not evaluated: an empty answer needs no simulation
                fb = check_field(f, None, None)
            elif f.id in self.expected:
                target = self.expected[f.id]
                try:
                    target = target() if callable(target) else target
                except Exception as exc:  # noqa: BLE001 - feedback, never a traceback
                    lines.append((None, f"{f.label}: {short_message(exc)}"))
                    continue
                fb = check_field(f, answers[f.id], target)
            elif f.bank_item:  # a practice item of the question bank: its key and explanation
                from simulations.course.quiz import load_bank

                item = load_bank()[f.bank_item]
                fb = check_field(f, answers[f.id], item.key)
                self.results.append(fb)
                lines.append((fb.ok, fb.text))
                if answers[f.id] is not None:
                    lines.append((None, f"Pembahasan: {item.explanation}"))
                continue
            elif self.function is None or f.kind in ("teks", "uraian"):
                fb = check_field(f, answers[f.id])
            else:
                continue
            self.results.append(fb)
            lines.append((fb.ok, fb.text))
        limit = self.exercise.word_limit
        if limit is not None:
            n = sum(count_words(answers.get(i)) for i in limit.fields)
            if limit.max is not None and n > limit.max:
                lines.append(
                    (
                        False,
                        f"Jumlah kata {limit.label}: {n} — lebih dari batas {limit.max}. Ringkas lagi.",
                    )
                )
            elif limit.min is not None and n < limit.min:
                lines.append((False, f"Jumlah kata {limit.label}: {n} — kurang dari {limit.min}."))
            else:
                lines.append(
                    (
                        True,
                        f"Jumlah kata {limit.label}: {n}"
                        + (f" (batas {limit.max})." if limit.max else "."),
                    )
                )
        extra_html, extra_text = "", ""
        if self.function is not None:
            missing = empty_fields(self.exercise, answers)
            if missing:
                lines.append(
                    (
                        False,
                        "Belum diisi: "
                        + ", ".join(missing)
                        + ". Isi di form di atas, lalu tekan tombol ini lagi.",
                    )
                )
            else:
                self.status.value = "<i>Menjalankan…</i>"
                printed = io.StringIO()
                try:
                    with contextlib.redirect_stdout(printed):  # helpers that print (evaluate_plan)
                        result = self.function(dict(answers))
                    extra_html, extra_text = _result_html(
                        result if result is not None else printed.getvalue()
                    )
                except Exception as exc:  # noqa: BLE001 - feedback, never a traceback
                    lines.append((None, short_message(exc)))
                self.status.value = ""
        return self._show_lines(lines, extra_html, extra_text)

    def _show_lines(
        self, lines: list[tuple[bool | None, str]], extra_html: str = "", extra_text: str = ""
    ) -> str:
        marks = {True: ("✔", _OK), False: ("✘", _NO), None: ("•", _INFO)}
        items = "".join(
            f"<div><span style='color:{marks[ok][1]};font-weight:bold'>{marks[ok][0]}</span> {html.escape(t)}</div>"
            for ok, t in lines
        )
        self.feedback.value = f"<div class='td-umpan-balik'>{items}{extra_html}</div>"
        self.text = "\n".join([t for _, t in lines] + ([extra_text] if extra_text else []))
        return self.text


def periksa(
    exercise_id: str,
    function: Callable[[dict[str, Any]], Any] | None = None,
    /,
    **expected: Any,
) -> CheckPanel:
    """Check cell of an exercise: compare the form with expected values, or run a function on it.

    Args:
        exercise_id: ``"N.M"``.
        function: Optional ``function(answers) -> text | figure | table | list`` (answers by field
            id: option ids, numbers, texts), run when the required fields are filled.
        **expected: ``field id = value`` (or a zero-argument callable evaluated at each check).

    Returns:
        The :class:`CheckPanel` (shown by the notebook); it has already checked once.

    Example:
        >>> periksa("3.1", ambang=0.25)    # doctest: +SKIP
    """
    return CheckPanel(exercise_id, function, expected=expected)


class ExerciseInbox(Explorer):
    """The trainer's reader of exercise codes: paste the chat, see every short answer in a table.

    Attributes:
        text: The Textarea to paste into.
        status: HTML with what was read and rejected.
        table: HTML with the accepted answers (participant, exercise, field, answer).
        batch: The last :class:`~simulations.course.exercise_codes.ExerciseCodeBatch`, or None.
    """

    def __init__(self, *, exercises: ExerciseSet | None = None) -> None:
        self.exercises = exercises or load_exercises()
        self.batch = None
        self.text = paste_box(
            "Kode latihan:",
            "Tempel pesan grup yang berisi kode jawaban latihan (TDX1....).",
            "160px",
        )
        add_buttons(self, _INBOX_BUTTONS)
        self.status = w.HTML()
        self.table = w.HTML()
        self.widget = w.VBox([self.text, self.read_button, self.status, self.table])

    @guarded("status")
    def read(self):
        """Read the pasted text; show the summary, the rejected lines and the answers table."""
        self.batch = read_exercise_codes(self.text.value, self.exercises)
        rejected = "".join(
            f"<li>baris {n}: <code>{html.escape(t)}</code> — {html.escape(p)}</li>"
            for n, t, p in self.batch.rejected
        )
        self.status.value = f"<p>{html.escape(self.batch.summary())}</p>" + (
            f"<p><b>Ditolak</b> — minta peserta mengirim ulang:</p><ul>{rejected}</ul>"
            if rejected
            else ""
        )
        frame = self.batch.frame(self.exercises)
        self.table.value = frame.to_html(index=False, border=0) if len(frame) else ""
        return self.batch
