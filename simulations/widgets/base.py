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
from collections.abc import Callable
from typing import Any, TypeVar

import ipywidgets as w

from simulations.core.errors import SimulationInputError
from simulations.core.params import Param

F = TypeVar("F", bound=Callable[..., Any])

MAX_MESSAGE_CHARS = 400
"""Longest error message an explorer shows (longer ones are cut with …)."""

STYLE = {"description_width": "initial"}
LAYOUT = w.Layout(width="420px")


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
    common = {"description": param.label, "tooltip": param.help, "style": STYLE, "layout": LAYOUT}
    if param.kind == "choice":
        return w.Dropdown(options=list(param.choices), value=value, **common)
    if param.kind == "bool":
        return w.Checkbox(value=bool(value), indent=False, **common)
    hi = param.max if param.max is not None else max_value
    lo = param.min if param.min is not None else 0
    if hi is None:
        hi = max(10 * (value or 1), 1)
    if param.kind == "int":
        return w.IntSlider(
            value=int(value),
            min=int(lo),
            max=int(hi),
            step=int(param.step or 1),
            continuous_update=False,
            **common,
        )
    return w.FloatSlider(
        value=float(value),
        min=float(lo),
        max=float(hi),
        step=float(param.step or 0.01),
        continuous_update=False,
        readout_format=".2f",
        **common,
    )


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
    button = w.Button(description=description, button_style="primary", icon="play", tooltip=tooltip)
    button.on_click(on_click)
    return button


def result_output(height: str) -> w.Output:
    """Return a fixed-height, scrolling output area for an explorer's figures."""
    return w.Output(layout=w.Layout(height=height, overflow="auto", border="1px solid #ddd"))
