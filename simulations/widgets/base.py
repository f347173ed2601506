"""Building blocks shared by every explorer: sliders from parameter tables and safe callbacks."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

import ipywidgets as w

from simulations.core.errors import friendly_message
from simulations.core.params import Param

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


def error_html(exc: BaseException) -> str:
    """Return an Indonesian error box for ``exc`` (no traceback)."""
    return (
        '<div style="color:#b00020;border-left:4px solid #b00020;padding:4px 8px">'
        f"<b>Tidak bisa dijalankan.</b> {html.escape(friendly_message(exc))}</div>"
    )


def safe_call(fn: Callable[[], Any], on_error: Callable[[str], None]) -> Any:
    """Call ``fn``; on any exception pass an Indonesian error box to ``on_error`` and return None."""
    try:
        return fn()
    except Exception as exc:  # noqa: BLE001 - shown to the participant instead of a traceback
        on_error(error_html(exc))
        return None


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
