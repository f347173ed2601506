"""Weights widget for the composite resilience index: sliders, choices, a figure and a summary.

The logic lives in pure functions (:func:`run_index`, :func:`summarise_change`), so tests drive the
widget headlessly: set ``.value`` on the controls, call :meth:`IndexExplorer.update`, read
``.result`` and ``.summary.value``.

Example (in a notebook)::

    from simulations import data
    from simulations.widgets.index import IndexExplorer
    IndexExplorer(data.province_indicators())
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

import ipywidgets as w
import pandas as pd

from simulations.analysis.resilience_index import (
    AGGREGATIONS,
    MISSING_RULES,
    NORMALISATIONS,
    compute_index,
    summarise_index,
)
from simulations.core.errors import SimulationInputError
from simulations.widgets.base import Explorer, dropdown, guarded, short_message, slider

MAX_INDICATORS = 40
"""Most indicators (sliders) the explorer shows."""
MAX_LABEL_CHARS = 80
"""Longest slider label; longer labels are cut with …"""

__all__ = [
    "IndexExplorer",
    "check_explorer_inputs",
    "check_weights",
    "run_index",
    "summarise_change",
]


def run_index(
    table: pd.DataFrame,
    directions: Mapping[str, str],
    weights: Mapping[str, float],
    normalisation: str = "minmax",
    aggregation: str = "arithmetic",
    missing: str = "reweight",
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Compute the index with the user's weights and with equal weights (for comparison).

    Min–max uses the scale 1–100 so that geometric aggregation is always possible.

    Returns:
        ``(result, equal)``: both from :func:`simulations.analysis.resilience_index.compute_index`.
    """
    active = {c: d for c, d in directions.items() if weights.get(c, 0) > 0}
    if not active:
        raise SimulationInputError(
            "all weights are zero", "Semua bobot nol: beri bobot pada minimal satu indikator."
        )
    kwargs = {
        "normalisation": normalisation,
        "aggregation": aggregation,
        "missing": missing,
        "scale": (1.0, 100.0),
    }
    result = compute_index(table, active, {c: weights[c] for c in active}, **kwargs)
    equal = compute_index(table, directions, None, **kwargs)
    return result, equal


def summarise_change(
    result: pd.DataFrame, equal: pd.DataFrame, label_col: str = "provinsi", top: int = 3
) -> str:
    """Return an Indonesian sentence on which units moved most against equal weights."""
    other = equal[["peringkat"]].rename(columns={"peringkat": "peringkat_setara"})
    joined = result[[label_col, "peringkat"]].join(other, how="inner").dropna()
    if joined.empty:
        return ""
    joined["geser"] = joined["peringkat_setara"].astype(int) - joined["peringkat"].astype(int)
    moved = joined.reindex(joined["geser"].abs().sort_values(ascending=False).index).head(top)
    moved = moved[moved["geser"] != 0]
    if moved.empty:
        return "Dibandingkan bobot setara, tidak ada peringkat yang berubah."
    parts = [
        f"{getattr(r, label_col)} {'naik' if r.geser > 0 else 'turun'} {abs(r.geser)} peringkat "
        f"({r.peringkat_setara}→{r.peringkat})"
        for r in moved.itertuples()
    ]
    n = int((joined["geser"] != 0).sum())
    return (
        f"Dibandingkan bobot setara, {n} unit berpindah peringkat; terbesar: "
        + "; ".join(parts)
        + "."
    )


def _bad(message: str, pesan: str, field: str) -> SimulationInputError:
    return SimulationInputError(message, pesan, field=field)


def _name(value: Any) -> str:
    """Return a column name as short, single-line text for messages (the caller escapes it for HTML)."""
    text = " ".join(str(value).split())
    return text if len(text) <= 60 else text[:59] + "…"


def check_explorer_inputs(
    table: Any,
    indicators: Mapping[str, str] | None,
    labels: Mapping[str, str] | None,
    label_col: str,
) -> tuple[dict[str, str], dict[str, str]]:
    """Check the index explorer's inputs; return ``(indicators, labels)`` as plain dicts.

    Raises:
        SimulationInputError: naming the argument (``table``, ``label_col``, ``indicators``,
            ``labels``) and, where there is one, the column.
    """
    if not isinstance(table, pd.DataFrame) or table.empty:
        raise _bad(
            "table must be a non-empty pandas DataFrame (one row per unit)",
            "Tabel harus berupa DataFrame yang berisi minimal satu baris (satu baris per wilayah).",
            "table",
        )
    if not isinstance(label_col, str) or label_col not in table.columns:
        raise _bad(
            f"label_col {_name(label_col)!r} is not a column of the table",
            f"Kolom nama wilayah '{_name(label_col)}' tidak ada di tabel.",
            "label_col",
        )
    if indicators is None:
        indicators = {
            c: "+"
            for c in table.columns
            if c != label_col and pd.api.types.is_numeric_dtype(table[c])
        }
    if not isinstance(indicators, Mapping) or not indicators:
        raise _bad(
            "indicators must be a non-empty mapping {column: '+' or '-'}",
            "Indikator harus berupa pasangan {kolom: '+' atau '-'} dan tidak boleh kosong.",
            "indicators",
        )
    if len(indicators) > MAX_INDICATORS:
        raise _bad(
            f"at most {MAX_INDICATORS} indicators, got {len(indicators)}",
            f"Paling banyak {MAX_INDICATORS} indikator; yang diberikan {len(indicators)}.",
            "indicators",
        )
    for column, direction in indicators.items():
        if column not in table.columns:
            raise _bad(
                f"indicator column {_name(column)!r} is not in the table",
                f"Kolom indikator '{_name(column)}' tidak ada di tabel.",
                "indicators",
            )
        if not pd.api.types.is_numeric_dtype(table[column]) or pd.api.types.is_bool_dtype(
            table[column]
        ):
            raise _bad(
                f"indicator column {_name(column)!r} is not numeric",
                f"Kolom indikator '{_name(column)}' tidak berisi angka.",
                "indicators",
            )
        if direction not in ("+", "-"):
            raise _bad(
                f"direction of {_name(column)!r} must be '+' or '-', got {_name(direction)!r}",
                f"Arah indikator '{_name(column)}' harus '+' (makin tinggi makin baik) atau '-'.",
                "indicators",
            )
    if labels is not None and not isinstance(labels, Mapping):
        raise _bad(
            "labels must be a mapping {column: label}",
            "Label harus berupa pasangan {kolom: label}.",
            "labels",
        )
    clean = {}
    for column in indicators:
        label = (labels or {}).get(column, column)
        if not isinstance(label, str):
            raise _bad(
                f"label of {_name(column)!r} must be text",
                f"Label kolom '{_name(column)}' harus berupa teks.",
                "labels",
            )
        label = " ".join(label.split()) or str(column)
        clean[column] = (
            label if len(label) <= MAX_LABEL_CHARS else label[: MAX_LABEL_CHARS - 1] + "…"
        )
    return dict(indicators), clean


class IndexExplorer(Explorer):
    """Sliders for the weight of each indicator plus normalisation, aggregation and missing rule.

    Args:
        table: One row per province (e.g. :func:`simulations.data.province_indicators`).
        indicators: ``{column: "+"|"-"}``; default every numeric column except codes, all ``"+"``.
        labels: ``{column: Indonesian label}`` for the sliders.
        label_col: Column naming units.

    Attributes:
        widget: The top-level container.
        result: The last index table (None before the first update or after an error).
        summary: HTML with the text summary (or the Indonesian error).
    """

    def __init__(
        self,
        table: pd.DataFrame,
        indicators: Mapping[str, str] | None = None,
        labels: Mapping[str, str] | None = None,
        label_col: str = "provinsi",
    ) -> None:
        self.indicators, labels = check_explorer_inputs(table, indicators, labels, label_col)
        self.table = table
        self.label_col = label_col
        # Labels come from the data: slider() shows them as text, never as HTML.
        self.sliders = {
            c: slider(1, 0, 5, 1, labels[c], "Bobot indikator (0 = tidak dipakai)")
            for c in self.indicators
        }
        self.normalisation = dropdown(
            [(v, k) for k, v in NORMALISATIONS.items()],
            "Normalisasi",
            "Cara menyamakan satuan indikator",
            value="minmax",
        )
        self.aggregation = dropdown(
            [(v, k) for k, v in AGGREGATIONS.items()],
            "Agregasi",
            "Aritmetika: nilai tinggi menutup nilai rendah; geometrik: kurang saling menutup",
            value="arithmetic",
        )
        self.missing = dropdown(
            [(v, k) for k, v in MISSING_RULES.items()],
            "Data kosong",
            "Cara menangani provinsi yang datanya tidak lengkap",
            value="reweight",
        )
        self.summary = w.HTML()
        self.out = w.Output(layout=w.Layout(height="620px", overflow="auto"))
        self.result: pd.DataFrame | None = None
        for control in [*self.sliders.values(), self.normalisation, self.aggregation, self.missing]:
            control.observe(lambda _change: self.update(), names="value")
        controls = w.VBox(
            [
                w.HTML("<b>Bobot indikator</b> (0–5)"),
                *self.sliders.values(),
                self.normalisation,
                self.aggregation,
                self.missing,
            ]
        )
        self.widget = w.VBox([controls, self.summary, self.out])
        self.update()

    def weights(self) -> dict[str, float]:
        """Return the current slider weights."""
        return {c: float(s.value) for c, s in self.sliders.items()}

    @guarded
    def update(self) -> None:
        """Recompute the index and redraw (errors are shown in Indonesian, never a traceback).

        Unit names and column names come from the table, so every text is escaped before it is
        written into the summary's HTML.
        """
        self.result = None
        result, equal = run_index(
            self.table,
            self.indicators,
            self.weights(),
            self.normalisation.value,
            self.aggregation.value,
            self.missing.value,
        )
        self.result = result
        text = (
            summarise_index(result, self.label_col)
            + " "
            + summarise_change(result, equal, self.label_col)
        )
        self.summary.value = f"<p style='max-width:720px'>{html.escape(text)}</p>"
        from simulations.plots.provinces import dot_chart

        fig = dot_chart(
            result,
            "indeks",
            self.label_col,
            title="Indeks ketahanan (bobot pilihan Anda)",
            xlabel="indeks (min–maks 1–100)"
            if self.normalisation.value == "minmax"
            else "indeks (skor-z)",
        )
        self.figure = fig
        self._show(fig)


def check_weights(explorer: IndexExplorer) -> str:
    """Feedback for exercise 1.1: did the participant change the weights, and what moved?"""
    weights = explorer.weights()
    if explorer.result is None:
        return "Indeks belum bisa dihitung dengan pilihan sekarang — baca pesan merah di atas, lalu ubah pilihan."
    if len(set(weights.values())) == 1:
        return "Bobot masih sama semua. Geser minimal satu slider (mis. beri bobot 5 pada indikator yang menurut Anda paling penting)."
    top = max(weights, key=weights.get)
    try:
        result, equal = run_index(
            explorer.table,
            explorer.indicators,
            weights,
            explorer.normalisation.value,
            explorer.aggregation.value,
            explorer.missing.value,
        )
    except Exception as exc:  # noqa: BLE001 - feedback, never a traceback
        return short_message(exc)
    return (
        f"Bobot terbesar Anda: {top}. "
        + summarise_change(result, equal, explorer.label_col)
        + " Tanyakan: apakah perubahan peringkat ini mencerminkan kenyataan di lapangan, atau hanya pilihan bobot?"
    )
