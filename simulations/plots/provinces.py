"""Province views: a tile-grid map of the 38 provinces, dot charts, and the rank-shift plot.

A tile-grid map gives every province the same square, placed roughly where it lies (Sumatra to the
west, Papua to the east), so small provinces are as visible as large ones and no boundary file
(with its licence) is needed. Tables on the 34-province scheme are drawn honestly: the old
Papua/Papua Barat value is spread over the tiles of the provinces it covers, hatched, with a note.

Colours: the perceptually uniform, colour-blind-safe ``cividis`` map; missing values are light grey
with a dash; every function returns the figure and the callers print a text summary next to it.
"""

from __future__ import annotations

from collections.abc import Mapping

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.cm import ScalarMappable
from matplotlib.colors import Normalize
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle

from simulations.core.formatting import format_id, general_id
from simulations.plots.figure import figure_and_axes
from simulations.plots.style import OKABE_ITO

__all__ = [
    "TILE_GRID",
    "TILE_LABELS",
    "dot_chart",
    "rank_shift_plot",
    "summarise_values",
    "tile_map",
    "tile_values",
]

TILE_GRID: dict[str, tuple[int, int]] = {
    # code: (column, row); row 0 at the top
    "11": (0, 0),
    "12": (1, 1),
    "13": (1, 2),
    "14": (2, 2),
    "21": (3, 2),
    "15": (2, 3),
    "17": (1, 3),
    "16": (2, 4),
    "19": (3, 3),
    "18": (3, 5),
    "36": (4, 6),
    "31": (5, 5),
    "32": (5, 6),
    "33": (6, 6),
    "34": (6, 7),
    "35": (7, 6),
    "51": (8, 6),
    "52": (9, 6),
    "53": (10, 6),
    "61": (5, 2),
    "62": (6, 2),
    "63": (6, 3),
    "64": (7, 2),
    "65": (7, 1),
    "76": (8, 2),
    "73": (8, 3),
    "72": (9, 2),
    "74": (9, 3),
    "75": (9, 1),
    "71": (10, 1),
    "82": (11, 2),
    "81": (11, 3),
    "96": (12, 2),
    "92": (13, 2),
    "91": (14, 2),
    "94": (13, 3),
    "95": (14, 3),
    "93": (14, 4),
}
"""Tile position of each of the 38 provinces (Kemendagri code → column, row)."""

TILE_LABELS: dict[str, str] = {
    "11": "ACE",
    "12": "SUT",
    "13": "SBR",
    "14": "RIA",
    "15": "JMB",
    "16": "SSL",
    "17": "BKL",
    "18": "LPG",
    "19": "BBL",
    "21": "KRI",
    "31": "DKI",
    "32": "JBR",
    "33": "JTG",
    "34": "DIY",
    "35": "JTM",
    "36": "BTN",
    "51": "BAL",
    "52": "NTB",
    "53": "NTT",
    "61": "KBR",
    "62": "KTG",
    "63": "KSL",
    "64": "KTM",
    "65": "KTR",
    "71": "SLU",
    "72": "STG",
    "73": "SSN",
    "74": "SGR",
    "75": "GOR",
    "76": "SLB",
    "81": "MAL",
    "82": "MLU",
    "91": "PAP",
    "92": "PBR",
    "93": "PSL",
    "94": "PTG",
    "95": "PPG",
    "96": "PBD",
}
"""Three-letter tile labels."""

_OLD_PAPUA_COVER = {"91": ("91", "93", "94", "95"), "92": ("92", "96")}


def tile_values(
    values: Mapping[str, float] | pd.Series, scheme: str = "38"
) -> tuple[dict[str, float], set[str]]:
    """Spread values onto the 38 tiles.

    Args:
        values: Value per Kemendagri code.
        scheme: ``"38"`` (one value per tile) or ``"34"`` (codes 91/92 are the pre-2022 Papua and
            Papua Barat; their value is drawn on every tile of the provinces they cover).

    Returns:
        ``(value per tile code, set of tiles that show an old-Papua value)``.
    """
    values = {
        str(k): float(v) if v is not None and not pd.isna(v) else np.nan
        for k, v in dict(values).items()
    }
    out = {code: values.get(code, np.nan) for code in TILE_GRID}
    shared: set[str] = set()
    if scheme == "34":
        for old, cover in _OLD_PAPUA_COVER.items():
            for code in cover:
                out[code] = values.get(old, np.nan)
                shared.add(code)
    return out, shared


def tile_map(
    values: Mapping[str, float] | pd.Series,
    *,
    scheme: str = "38",
    title: str = "",
    label: str = "",
    ax: Axes | None = None,
    cmap: str = "cividis",
    digits: int = 1,
) -> Figure:
    """Draw a tile-grid map of the 38 provinces coloured by ``values``.

    Args:
        values: Value per Kemendagri code (e.g. a Series indexed by ``kode_kemendagri``).
        scheme: ``"38"`` or ``"34"`` (see :func:`tile_values`): for the 34-province scheme the
            six Papua tiles are hatched and share the old rows' values.
        title: Figure title.
        label: Colour-bar label (indicator and unit).
        ax: Axes to draw on (a new figure if None).
        cmap: Matplotlib colour map (default colour-blind-safe ``cividis``).
        digits: Decimals of the value printed under each label (Indonesian notation).

    Returns:
        The figure.
    """
    tiles, shared = tile_values(values, scheme)
    fig, ax = figure_and_axes(ax, (10, 4.6))
    finite = [v for v in tiles.values() if np.isfinite(v)]
    lo, hi = (min(finite), max(finite)) if finite else (0.0, 1.0)
    if hi <= lo:
        hi = lo + 1
    colours = matplotlib.colormaps[cmap]
    for code, (col, row) in TILE_GRID.items():
        v = tiles[code]
        face = colours((v - lo) / (hi - lo)) if np.isfinite(v) else "#eeeeee"
        ax.add_patch(
            Rectangle(
                (col, -row),
                0.94,
                0.94,
                facecolor=face,
                edgecolor="white",
                hatch="///" if code in shared else None,
                linewidth=1.0,
            )
        )
        rgb = face if isinstance(face, tuple) else (0.93, 0.93, 0.93, 1)
        light = (0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2]) > 0.55
        ink = "black" if light else "white"
        text = format_id(v, digits) if np.isfinite(v) else "–"
        ax.text(
            col + 0.47,
            -row + 0.6,
            TILE_LABELS[code],
            ha="center",
            va="center",
            fontsize=7,
            color=ink,
            weight="bold",
        )
        ax.text(col + 0.47, -row + 0.3, text, ha="center", va="center", fontsize=6.5, color=ink)
    ax.set_xlim(-0.2, 15.2)
    ax.set_ylim(-7.3, 1.1)
    ax.set_aspect("equal")
    ax.axis("off")
    sm = ScalarMappable(cmap=colours, norm=Normalize(lo, hi))
    fig.colorbar(sm, ax=ax, shrink=0.6, label=label)
    handles = [Patch(facecolor="#eeeeee", edgecolor="grey", label="tidak ada data")]
    if shared:
        handles.append(
            Patch(
                facecolor="white",
                edgecolor="grey",
                hatch="///",
                label="nilai Papua/Papua Barat lama (34 provinsi)",
            )
        )
    ax.legend(handles=handles, loc="lower left", fontsize=7, frameon=False)
    if title:
        ax.set_title(title)
    return fig


def dot_chart(
    table: pd.DataFrame,
    value: str = "indeks",
    label: str = "provinsi",
    *,
    title: str = "",
    xlabel: str = "",
    highlight: Mapping[str, str] | None = None,
    ax: Axes | None = None,
) -> Figure:
    """Draw a sorted horizontal dot chart (Cleveland) of one value per unit; NaN rows are skipped.

    Args:
        table: One row per unit.
        value: Column to plot.
        label: Column naming units.
        title, xlabel: Texts.
        highlight: ``{unit label: note}`` drawn in vermillion with a square marker.
        ax: Axes to draw on.
    """
    data = table[[label, value]].dropna().sort_values(value)
    fig, ax = figure_and_axes(ax, (7, max(3, 0.22 * len(data) + 1)))
    y = np.arange(len(data))
    ax.hlines(y, data[value].min(), data[value], color=OKABE_ITO["grey"], linewidth=0.8)
    ax.plot(data[value], y, "o", color=OKABE_ITO["blue"], markersize=5)
    if highlight:
        mask = data[label].isin(list(highlight))
        ax.plot(
            data[value][mask], y[mask.to_numpy()], "s", color=OKABE_ITO["vermillion"], markersize=6
        )
    ax.set_yticks(y, data[label], fontsize=7)
    ax.set_xlabel(xlabel or value)
    if title:
        ax.set_title(title)
    return fig


def rank_shift_plot(sens: pd.DataFrame, *, title: str = "", ax: Axes | None = None) -> Figure:
    """Plot each unit's base rank and its 90% rank range under weight perturbations.

    Args:
        sens: Output of :func:`simulations.analysis.resilience_index.weight_sensitivity`.
        title: Figure title.
        ax: Axes to draw on.
    """
    data = sens.sort_values("peringkat_dasar", ascending=False).reset_index(drop=True)
    fig, ax = figure_and_axes(ax, (7, max(3, 0.22 * len(data) + 1)))
    y = np.arange(len(data))
    ax.hlines(
        y,
        data["p05"],
        data["p95"],
        color=OKABE_ITO["sky_blue"],
        linewidth=3,
        label="rentang 90% peringkat",
    )
    ax.plot(
        data["peringkat_dasar"],
        y,
        "o",
        color=OKABE_ITO["blue"],
        label="peringkat dengan bobot pilihan",
    )
    ax.plot(data["median"], y, "|", color=OKABE_ITO["vermillion"], markersize=10, label="median")
    ax.set_yticks(y, data["unit"], fontsize=7)
    ax.set_xlabel("peringkat (1 = indeks tertinggi)")
    ax.invert_xaxis()
    ax.legend(fontsize=7, loc="lower right")
    if title:
        ax.set_title(title)
    return fig


def summarise_values(values: pd.Series, names: pd.Series, *, unit: str = "", top: int = 3) -> str:
    """Return an Indonesian sentence: highest and lowest provinces, and how many have no data.

    Args:
        values: Value per province (index aligned with ``names``).
        names: Province name per row.
        unit: Unit appended to numbers.
        top: How many to name at each end.
    """
    data = (
        pd.DataFrame({"v": values, "nama": names})
        .dropna(subset=["v"])
        .sort_values("v", ascending=False)
    )
    missing = int(values.isna().sum())
    hi = ", ".join(f"{r.nama} ({general_id(r.v)}{unit})" for r in data.head(top).itertuples())
    lo = ", ".join(f"{r.nama} ({general_id(r.v)}{unit})" for r in data.tail(top)[::-1].itertuples())
    text = f"Tertinggi: {hi}. Terendah: {lo}."
    if missing:
        text += f" {missing} provinsi tanpa data (abu-abu)."
    return text
