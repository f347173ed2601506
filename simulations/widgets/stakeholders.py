"""Notebook editor of the stakeholder map (Module 6): two text boxes, a button, the map and its summary."""

from __future__ import annotations

from typing import Any

import pandas as pd

from simulations.core.errors import SimulationInputError
from simulations.plots.stakeholders import plot_map
from simulations.response.stakeholders import (
    SECTORS,
    actors_from_text,
    brokerage,
    build_map,
    summarise_brokerage,
    ties_from_text,
    to_text,
)

__all__ = ["map_editor"]


def map_editor(actors: pd.DataFrame | None = None, ties: pd.DataFrame | None = None) -> Any:
    """Return a notebook editor: two text boxes (actors, ties), a ▶ button, the map and its summary.

    The text boxes start with the given tables (default: the SYNTHETIC map). Participants replace the
    lines with their own region's institutions and ties and press **Hitung**. Errors are shown in
    Indonesian. The latest graph and table are kept on the returned box as ``.graph`` and ``.table``.
    """
    import ipywidgets as w
    import matplotlib.pyplot as plt
    from IPython.display import display

    from simulations.widgets.base import error_html, result_output, run_button

    a_text, t_text = to_text(actors, ties)
    style = {"description_width": "initial"}
    box_a = w.Textarea(
        value=a_text,
        description="Pihak (id, nama, sektor):",
        tooltip="Satu baris per lembaga: id, nama, sektor. Sektor: " + ", ".join(SECTORS),
        layout=w.Layout(width="48%", height="260px"),
        style=style,
    )
    box_t = w.Textarea(
        value=t_text,
        description="Hubungan (id1, id2):",
        tooltip="Satu baris per hubungan kerja yang benar-benar berjalan: id1, id2",
        layout=w.Layout(width="48%", height="260px"),
        style=style,
    )
    out = result_output("620px")
    ui = w.VBox()

    def compute(_=None):
        with out:
            out.clear_output(wait=True)
            try:
                g = build_map(actors_from_text(box_a.value), ties_from_text(box_t.value))
                table = brokerage(g)
            except SimulationInputError as exc:
                display(w.HTML(error_html(exc)))
                return
            ui.graph, ui.table = g, table
            print(summarise_brokerage(table))
            fig = plot_map(g, table)
            display(fig)
            plt.close(fig)

    button = run_button(
        compute, description="Hitung", tooltip="Hitung keantaraan dan titik putus peta ini."
    )
    ui.children = (w.HBox([box_a, box_t]), button, out)
    ui.graph, ui.table = None, None
    ui.compute = compute
    ui.actors_box, ui.ties_box, ui.output = box_a, box_t, out
    return ui
