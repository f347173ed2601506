"""A matplotlib Figure that shows itself in Jupyter whatever backend is (or is not) active.

Figures built without pyplot (``Figure()``) are never shown twice and need no ``plt.close``, but
Jupyter only draws them when the inline backend has registered its PNG formatter, which happens
only once pyplot has been imported. :class:`NotebookFigure` adds ``_repr_png_`` so a figure
returned at the end of a cell is drawn in any case (when the inline formatter is active it takes
precedence; there is only ever one PNG).
"""

from __future__ import annotations

import io

from matplotlib.axes import Axes
from matplotlib.figure import Figure


class NotebookFigure(Figure):
    """A :class:`~matplotlib.figure.Figure` with a PNG representation for Jupyter."""

    def _repr_png_(self) -> bytes:
        buffer = io.BytesIO()
        self.savefig(buffer, format="png", bbox_inches="tight")
        return buffer.getvalue()


def figure_and_axes(ax: Axes | None, figsize: tuple[float, float]) -> tuple[Figure, Axes]:
    """Return ``(figure, axes)``: ``ax`` and its figure, or a new one-panel figure of ``figsize``.

    For plotting functions that draw on a caller's axes when given one (a panel of a larger
    figure) and on their own figure otherwise.
    """
    if ax is not None:
        return ax.figure, ax
    fig = new_figure(figsize)
    return fig, fig.add_subplot()


def new_figure(
    figsize: tuple[float, float] = (7.0, 4.0),
    *,
    dpi: int = 100,
    layout: str | None = "constrained",
) -> NotebookFigure:
    """Return an empty :class:`NotebookFigure` with constrained layout (no pyplot involved).

    Args:
        figsize: Width and height in inches.
        dpi: Resolution of the PNG shown in notebooks.
        layout: Layout engine; None for a figure whose axes are placed by hand (e.g. with
            ``subplots_adjust``), which is faster to save because no text is measured first.
            None means no engine at all, whatever ``rcParams["figure.autolayout"]`` says
            (the notebooks' ``setup()`` turns it on; matplotlib's own None would then pick the
            tight layout and warn on stderr that hand-placed axes are not compatible with it).
    """
    return NotebookFigure(figsize=figsize, dpi=dpi, layout="none" if layout is None else layout)
