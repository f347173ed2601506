"""Building blocks shared by every explorer: the :class:`Explorer` base, its one error path, and
controls built from parameter tables.

Every explorer (hoax, opinion, interventions, monitor placement, index, coordination, action plan,
quiz, answer-code inbox, reaction form) derives from :class:`Explorer`; its callbacks are wrapped with :func:`guarded`, so bad input
shows the package error's Indonesian ``.pesan`` and any other failure a short Indonesian sentence
— never a traceback. Text a participant or a data file supplies is passed through
:func:`html.escape` before it enters an ``HTML`` widget.
"""

from __future__ import annotations

import functools
import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, TypeVar

import ipywidgets as w

from simulations.core.errors import SimulationInputError
from simulations.core.networks import NETWORKS
from simulations.core.params import Param

F = TypeVar("F", bound=Callable[..., Any])

MAX_MESSAGE_CHARS = 400
"""Longest error message an explorer shows (longer ones are cut with …)."""

STYLE = {"description_width": "initial"}
LAYOUT = w.Layout(width="420px")


SEED_MAX = 2**31 - 1
"""Largest seed a seed box accepts (NumPy seeds are unsigned; this keeps them 32-bit everywhere)."""

SEED_TIP = "Angka yang sama memberi hasil yang sama; ganti untuk keacakan lain."


def slider(
    value: float, lo: float, hi: float, step: float, label: str, tip: str
) -> w.IntSlider | w.FloatSlider:
    """Return an explorer's slider: no update while dragging (a run follows), label as text.

    Whole numbers (``value``, ``lo``, ``hi`` and ``step`` all ``int``) give an ``IntSlider``;
    otherwise a ``FloatSlider`` showing two decimals. The label is never read as HTML (labels
    may come from a data file).
    """
    whole = all(isinstance(x, int) and not isinstance(x, bool) for x in (value, lo, hi, step))
    kind, extra = (w.IntSlider, {}) if whole else (w.FloatSlider, {"readout_format": ".2f"})
    return kind(
        value=value,
        min=lo,
        max=hi,
        step=step,
        continuous_update=False,
        description=label,
        description_allow_html=False,
        tooltip=tip,
        style=STYLE,
        layout=LAYOUT,
        **extra,
    )


def dropdown(
    options: Any, label: str, tip: str, *, value: Any = None, layout: w.Layout | None = LAYOUT
) -> w.Dropdown:
    """Return a labelled dropdown; ``value`` None selects the first option.

    Args:
        options: Values, or ``(label, value)`` pairs.
        label: Indonesian description shown before it.
        tip: Tooltip.
        value: Initial value (the first option when None).
        layout: Its layout; None for the default width.
    """
    extra: dict[str, Any] = {} if value is None else {"value": value}
    if layout is not None:
        extra["layout"] = layout
    return w.Dropdown(options=options, description=label, tooltip=tip, style=STYLE, **extra)


def checkbox(value: bool, label: str, tip: str, *, layout: w.Layout = LAYOUT) -> w.Checkbox:
    """Return a labelled checkbox without the indent ipywidgets adds by default."""
    return w.Checkbox(
        value=value, indent=False, description=label, tooltip=tip, style=STYLE, layout=layout
    )


def seed_box(value: int, label: str = "Seed (keacakan)", tip: str = SEED_TIP) -> w.BoundedIntText:
    """Return the box for a seed: a whole number in ``[0, SEED_MAX]``."""
    return w.BoundedIntText(
        value=value,
        min=0,
        max=SEED_MAX,
        description=label,
        tooltip=tip,
        style=STYLE,
        layout=w.Layout(width="220px"),
    )


def network_dropdown(value: str, label: str, tip: str) -> w.Dropdown:
    """Return a dropdown of the network kinds (:data:`~simulations.core.networks.NETWORKS`)."""
    return dropdown([(spec.label, key) for key, spec in NETWORKS.items()], label, tip, value=value)


def code_box(tip: str, *, placeholder: str = "mis. P07 (bukan nama)") -> w.Text:
    """Return the box for a participant code (a code from the facilitator, never a name)."""
    return w.Text(description="Kode peserta:", placeholder=placeholder, style=STYLE, tooltip=tip)


def paste_box(description: str, placeholder: str, height: str = "180px") -> w.Textarea:
    """Return the wide text area a facilitator pastes the group chat's answer codes into."""
    return w.Textarea(
        placeholder=placeholder,
        description=description,
        style=STYLE,
        layout=w.Layout(width="95%", height=height),
    )


def button(
    description: str,
    icon: str,
    tooltip: str = "",
    *,
    style: str = "",
    on_click: Callable[[Any], Any] | None = None,
) -> w.Button:
    """Return a button, wired to ``on_click(button)`` when given.

    Args:
        description: Indonesian text on the button.
        icon: Font Awesome icon name (``"play"``, ``"save"``, …).
        tooltip: Indonesian tooltip.
        style: ``""``, ``"primary"``, ``"success"``, ``"warning"`` …
        on_click: Callback.
    """
    b = w.Button(description=description, icon=icon, tooltip=tooltip, button_style=style)
    if on_click is not None:
        b.on_click(on_click)
    return b


@dataclass(frozen=True)
class Action:
    """One button of a widget, as data: :func:`add_buttons` builds it.

    Attributes:
        attr: Attribute of the widget that holds the button (``"send_button"``).
        label: Indonesian text on the button.
        icon: Font Awesome icon name.
        tooltip: Indonesian tooltip.
        method: Name of the widget's method a click calls, without arguments.
        style: ``""``, ``"primary"``, ``"success"``, ``"warning"`` …
    """

    attr: str
    label: str
    icon: str
    tooltip: str
    method: str
    style: str = ""


def add_buttons(owner: object, actions: Sequence[Action]) -> list[w.Button]:
    """Build the buttons of ``actions`` on ``owner``: each is stored as ``owner.<attr>`` and a
    click calls ``owner.<method>()`` (looked up at click time).

    Returns:
        The buttons, in the order of ``actions`` (to lay out in a row).
    """
    built = []
    for a in actions:
        b = button(
            a.label,
            a.icon,
            a.tooltip,
            style=a.style,
            on_click=lambda _b, m=a.method: getattr(owner, m)(),
        )
        setattr(owner, a.attr, b)
        built.append(b)
    return built


def control_for(
    param: Param, *, value: Any = None, max_value: float | None = None
) -> w.ValueWidget:
    """Return an ipywidgets control for one parameter (slider, checkbox or dropdown).

    Args:
        param: The parameter row (label, help, range, step, default).
        value: Initial value; the parameter's default if None.
        max_value: Upper bound for the slider when the parameter has none (e.g. counts).
    """
    value = param.default if value is None else value
    if param.kind == "choice":
        return dropdown(list(param.choices), param.label, param.help, value=value)
    if param.kind == "bool":
        return checkbox(bool(value), param.label, param.help)
    hi = param.max if param.max is not None else max_value
    lo = param.min if param.min is not None else 0
    if hi is None:
        hi = max(10 * (value or 1), 1)
    if param.kind == "int":
        return slider(int(value), int(lo), int(hi), int(param.step or 1), param.label, param.help)
    step = float(param.step or 0.01)
    return slider(float(value), float(lo), float(hi), step, param.label, param.help)


def short_message(exc: BaseException) -> str:
    """Return the Indonesian message a participant sees for ``exc``, at most :data:`MAX_MESSAGE_CHARS`.

    Package errors (``SimulationInputError``, ``ParameterError``, ``DataError``, …) give their
    ``.pesan``, which names the field and its range; anything else gives a short sentence with the
    error's type, never its traceback.
    """
    if isinstance(exc, SimulationInputError):
        text = str(exc.pesan)
    else:
        detail = " ".join(str(exc).split())
        detail = detail if len(detail) <= 120 else detail[:119] + "…"
        text = (
            f"Terjadi kesalahan tak terduga ({type(exc).__name__}{': ' + detail if detail else ''}). "
            "Periksa pilihan Anda lalu coba lagi; jika berulang, beri tahu fasilitator."
        )
    return text if len(text) <= MAX_MESSAGE_CHARS else text[: MAX_MESSAGE_CHARS - 1] + "…"


def error_html(exc: BaseException) -> str:
    """Return an Indonesian error box for ``exc`` (escaped, no traceback)."""
    return (
        '<div style="color:#b00020;border-left:4px solid #b00020;padding:4px 8px">'
        f"<b>Tidak bisa dijalankan.</b> {html.escape(short_message(exc))}</div>"
    )


class Explorer:
    """Base class of every explorer: the top-level ``widget``, display, and one error path.

    Subclasses build ``self.widget`` and may have any of these widgets, which the error path
    uses when present:

    * ``summary_widget`` or ``summary`` (``HTML``): receives the Indonesian error box;
    * ``output`` or ``out`` (``Output``): cleared and shows the error box (inside IPython only);
    * ``status`` (``HTML``): cleared, or receives the box for callbacks guarded with
      ``@guarded("status")``.

    Attributes:
        last_error: The Indonesian message of the last failed callback, None after a success.
    """

    widget: w.Widget
    last_error: str | None = None

    def _ipython_display_(self) -> None:  # pragma: no cover - needs a front end
        from IPython.display import display

        display(self.widget)

    def _show(self, *objs: Any) -> None:
        """Replace the output area's content (only inside IPython; headless runs keep state only)."""
        from IPython import get_ipython
        from IPython.display import clear_output, display

        output = getattr(self, "output", None) or getattr(self, "out", None)
        if get_ipython() is None or not isinstance(output, w.Output):
            return
        with output:
            clear_output(wait=True)
            for obj in objs:
                display(obj)

    def show_error(self, exc: BaseException, target: str | None = None) -> None:
        """Show ``exc`` in Indonesian (see :func:`short_message`) and remember it in ``last_error``.

        Args:
            exc: The exception raised by a callback.
            target: Name of the ``HTML`` widget for the error box; by default ``summary_widget``
                (or ``summary``), and the output area too.
        """
        from IPython.display import HTML

        self.last_error = short_message(exc)
        box = error_html(exc)
        if target is None:
            self._show(HTML(box))
            target = "summary_widget" if hasattr(self, "summary_widget") else "summary"
        widget = getattr(self, target, None)
        if isinstance(widget, w.HTML):
            widget.value = box
        status = getattr(self, "status", None)
        if target != "status" and isinstance(status, w.HTML):
            status.value = ""


class ControlExplorer(Explorer):
    """An explorer with named ``controls``, a Run button, a status line, a figure area and a summary.

    Subclasses fill :attr:`controls`, call :meth:`_build` with their boxes of controls and define
    ``run``; :meth:`set` and :attr:`values` then work by control name.

    Attributes:
        controls: ``{name: widget}`` of the settings a participant can change.
    """

    controls: dict[str, w.ValueWidget]
    run: Callable[..., Any]
    run_label: ClassVar[str] = "Jalankan"
    """Indonesian text on the Run button."""
    run_tip: ClassVar[str] = "Jalankan simulasi dengan pengaturan di atas."
    """Indonesian tooltip of the Run button."""
    hint: ClassVar[str] = "Tekan <b>Jalankan</b> untuk memulai simulasi."
    """Indonesian HTML shown in the summary before the first run."""

    def _build(
        self, boxes: list[w.Widget], height: str, *, below: tuple[w.Widget, ...] = ()
    ) -> None:
        """Make the Run button, status, output and summary, and lay them out under ``boxes``.

        Args:
            boxes: The boxes of controls, shown side by side at the top.
            height: Height of the output area (CSS).
            below: Widgets shown under the summary (e.g. a table).
        """
        self.run_button = run_button(self.run, self.run_label, self.run_tip)
        self.status = w.HTML()
        self.output = result_output(height)
        self.summary_widget = w.HTML(value=f"<i>{self.hint}</i>")
        self.widget = w.VBox(
            [
                w.HBox(boxes),
                w.HBox([self.run_button, self.status]),
                self.output,
                self.summary_widget,
                *below,
            ]
        )

    @property
    def summary(self) -> str:
        """The HTML shown under the figure: the text summary, or the Indonesian error."""
        return self.summary_widget.value

    @property
    def values(self) -> dict[str, Any]:
        """Current settings, ``{control name: value}``."""
        return {k: c.value for k, c in self.controls.items()}

    def _settable(self) -> dict[str, w.ValueWidget]:
        """The controls :meth:`set` can reach by name (by default :attr:`controls`)."""
        return self.controls

    def set(self, **values: Any) -> Any:
        """Set controls by name, refusing unknown names and values the control would not take.

        Returns:
            The explorer, so ``explorer.set(...).run()`` works.
        """
        for name, value in values.items():
            known = self._settable()
            if name not in known:
                raise unknown_control(name, sorted(known))
            set_control(known[name], name, value)
        return self


def set_control(control: w.ValueWidget, name: str, value: Any) -> None:
    """Set one control's value from code, refusing what the control would clamp or reject.

    Sliders silently clamp a value outside their range and dropdowns raise a traitlets error;
    here both are a :class:`SimulationInputError` naming the control and what it accepts.
    """
    lo, hi = getattr(control, "min", None), getattr(control, "max", None)
    if isinstance(control, w.Checkbox) and not isinstance(value, bool):
        raise SimulationInputError(
            f"{name} must be True or False, got {value!r:.60}",
            f"'{name}' harus True atau False.",
            field=name,
        )
    if lo is not None and hi is not None:
        number = not isinstance(value, bool) and isinstance(value, (int, float))
        if not number or not lo <= value <= hi:
            raise SimulationInputError(
                f"{name}={value!r:.60} must be a number in [{lo}, {hi}]",
                f"'{name}' harus angka antara {lo} dan {hi}.",
                field=name,
            )
    try:
        control.value = value
    except Exception as exc:  # noqa: BLE001 - traitlets.TraitError and friends
        allowed = getattr(control, "options", None)
        shown = (
            ", ".join(str(o[1] if isinstance(o, tuple) else o) for o in allowed)
            if allowed
            else type(exc).__name__
        )
        raise SimulationInputError(
            f"{name}={value!r:.60} is not allowed (allowed: {shown[:200]})",
            f"Nilai '{str(value)[:60]}' tidak bisa dipakai untuk '{name}' (pilihan: {shown[:200]}).",
            field=name,
        ) from None


def unknown_control(name: Any, known: list[str]) -> SimulationInputError:
    """Return the error for a control name the explorer does not have."""
    return SimulationInputError(
        f"unknown control {str(name)[:60]!r}; known: {', '.join(known)}",
        f"Pengaturan '{str(name)[:60]}' tidak dikenal. Yang ada: {', '.join(known)}.",
        field=str(name)[:60],
    )


def guarded(method: F | str | None = None) -> Any:
    """Wrap an explorer callback so that no exception escapes to the participant.

    Use as ``@guarded`` (error shown in the summary and output) or ``@guarded("status")`` (error
    shown in that ``HTML`` widget). The wrapper clears ``last_error``, calls the method, and on
    an exception calls :meth:`Explorer.show_error` and returns None.
    """

    def wrap(fn: F, target: str | None) -> F:
        @functools.wraps(fn)
        def wrapper(self: Explorer, *args: Any, **kwargs: Any) -> Any:
            self.last_error = None  # cleared first, so a failure in a nested guarded call stays
            try:
                return fn(self, *args, **kwargs)
            except Exception as exc:  # noqa: BLE001 - shown to the participant, in Indonesian
                self.show_error(exc, target)
                return None

        return wrapper  # type: ignore[return-value]

    if callable(method):
        return wrap(method, None)
    return lambda fn: wrap(fn, method)


def run_button(
    on_click: Callable[[Any], Any],
    description: str = "Jalankan",
    tooltip: str = "Jalankan simulasi dengan pengaturan di atas.",
) -> w.Button:
    """Return the explorers' primary ▶ button, already wired to ``on_click(button)``."""
    return button(description, "play", tooltip, style="primary", on_click=on_click)


def result_output(height: str) -> w.Output:
    """Return a fixed-height, scrolling output area for an explorer's figures."""
    return w.Output(layout=w.Layout(height=height, overflow="auto", border="1px solid #ddd"))
