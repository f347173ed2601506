"""Figures of Indonesia's digital-literacy indicators (Module 4), from the shipped datasets.

Every figure names its source in a footnote; numbers come only from the data package
(:func:`simulations.data.load_table`), never typed in.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure

from simulations.core.formatting import format_id
from simulations.plots.figure import new_figure
from simulations.plots.style import series_style

__all__ = ["plot_imdi", "plot_literacy_pillars", "summarise_literacy"]

PILLARS_ID = {
    "digital_skills_kecakapan": "Cakap digital",
    "digital_ethics_etika": "Etika digital",
    "digital_safety_keamanan": "Aman digital",
    "digital_culture_budaya": "Budaya digital",
    "indeks_literasi_digital": "Indeks keseluruhan",
}
"""Columns of ``literasi_digital_nasional_2020_2022`` → Indonesian labels."""

IMDI_ID = {
    "imdi_nasional": "IMDI nasional",
    "pilar_infrastruktur_ekosistem": "Infrastruktur & ekosistem",
    "pilar_keterampilan_atau_literasi_digital": "Keterampilan / literasi digital",
    "pilar_pemberdayaan": "Pemberdayaan",
    "pilar_pekerjaan": "Pekerjaan",
}
"""Columns of ``imdi_nasional_pilar_2022_2025`` → Indonesian labels."""


def _footnote(fig: Figure, text: str) -> None:
    fig.text(0.01, 0.005, text, fontsize=7, ha="left", va="bottom", color="#555555")


def _plot_index_and_pillars(
    df: pd.DataFrame,
    columns: dict[str, str],
    headline: str,
    *,
    ylabel: str,
    title: str,
    source: str,
    figsize: tuple[float, float],
) -> Figure:
    """One line per column (the headline index drawn thicker), years on x, source as footnote."""
    fig = new_figure(figsize)
    ax = fig.add_subplot()
    for i, (col, label) in enumerate(columns.items()):
        style = series_style(i)
        ax.plot(
            df["tahun"],
            df[col],
            color=style["color"],
            marker=style["marker"],
            linewidth=3.0 if col == headline else 1.8,
            label=label,
        )
    ax.set_xticks(list(df["tahun"]))
    ax.set_ylabel(ylabel)
    ax.set_title(title, fontsize=10)
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0), framealpha=0.9)
    _footnote(fig, source)
    return fig


def plot_literacy_pillars(df: pd.DataFrame, *, figsize: tuple[float, float] = (8.0, 4.0)) -> Figure:
    """Plot the national digital-literacy index and its four pillars, 2020–2022 (scale 1–5).

    Args:
        df: The table ``literasi_digital_nasional_2020_2022``.
        figsize: Size in inches.
    """
    return _plot_index_and_pillars(
        df,
        PILLARS_ID,
        "indeks_literasi_digital",
        ylabel="Skor (skala 1–5)",
        title="Status Literasi Digital Indonesia: indeks dan empat pilar",
        source="Sumber: survei Kominfo & Katadata Insight Center (lewat katadata.co.id, tribunnews); "
        "lihat kolom 'source'.",
        figsize=figsize,
    )


def plot_imdi(df: pd.DataFrame, *, figsize: tuple[float, float] = (8.0, 4.0)) -> Figure:
    """Plot the Indeks Masyarakat Digital Indonesia (IMDI) and its pillars (scale 0–100).

    Missing pillar values (2023) are left as gaps, not filled.
    """
    return _plot_index_and_pillars(
        df,
        IMDI_ID,
        "imdi_nasional",
        ylabel="Skor (skala 0–100)",
        title="Indeks Masyarakat Digital Indonesia (IMDI) dan pilarnya",
        source="Sumber: pemberitaan voi.id, itworks.id, infopublik.id, databoks (kolom 'source'); "
        "pilar 2023 tidak ditemukan.",
        figsize=figsize,
    )


def summarise_literacy(df: pd.DataFrame) -> str:
    """One Indonesian paragraph on the literacy table: change of the index, weakest pillar."""
    first, last = df.iloc[0], df.iloc[-1]
    pillars = {k: v for k, v in PILLARS_ID.items() if k != "indeks_literasi_digital"}
    weakest = min(pillars, key=lambda c: last[c])
    strongest = max(pillars, key=lambda c: last[c])
    fmt = lambda v: format_id(v, 2)  # noqa: E731
    return (
        f"Indeks literasi digital nasional naik dari {fmt(first['indeks_literasi_digital'])} "
        f"({int(first['tahun'])}) menjadi {fmt(last['indeks_literasi_digital'])} ({int(last['tahun'])}) "
        f"pada skala 1–5. Pilar terlemah {int(last['tahun'])}: {pillars[weakest]} "
        f"({fmt(last[weakest])}); terkuat: {pillars[strongest]} ({fmt(last[strongest])})."
    )
