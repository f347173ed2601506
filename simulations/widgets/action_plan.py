"""Action-plan planner for the capstone (notebook 07): region, interventions within a budget, run, export."""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path
from typing import Any

import ipywidgets as w
from IPython import get_ipython

from simulations.course.action_plan import (
    PLAN_PNG_DPI,
    export_docx,
    export_html,
    make_plan,
    plan_png,
)
from simulations.response.action_plan import MENU, ActionPlan, plan_cost, province_choices
from simulations.widgets.base import (
    STYLE,
    Explorer,
    button,
    checkbox,
    code_box,
    dropdown,
    guarded,
    run_button,
    slider,
)

__all__ = ["ActionPlanner"]

DEFAULT_CHOICES = ("pemantauan", "tokoh")
"""Options ticked when the planner opens (a sensible start that fits the default budget)."""


class ActionPlanner(Explorer):
    """Controls to build and export a regional action plan.

    Args:
        folder: Where exported files go (created if needed).
        date: Plan date (today when None).

    Attributes:
        widget: Top-level container. ``region``, ``budget``, ``seeds``, ``options`` (dict of
        checkboxes), ``code``, ``notes``, ``run_button``, ``export_button``, ``out``, ``summary``,
        ``status``, ``plan`` (the last :class:`~simulations.response.action_plan.ActionPlan`) and
        ``figure_png`` (its figure: drawn once, shown on screen and embedded in both exports).
    """

    def __init__(self, folder: str | Path = "rencana_aksi", *, date: dt.date | None = None) -> None:
        self.folder = Path(folder)
        self.date = date
        self.plan: ActionPlan | None = None
        self.figure_png: bytes | None = None
        self.region = dropdown(
            province_choices(),
            "Wilayah:",
            "Provinsi (data nyata bersumber) atau kabupaten fiktif",
            value="fiktif",
        )
        self.budget = slider(
            10, 4, 16, 1, "Anggaran (unit):", "Unit anggaran ilustratif, bukan rupiah"
        )
        self.seeds = slider(
            10, 3, 30, 1, "Jumlah seed:", "Berapa kali simulasi diulang dengan keacakan berbeda"
        )
        wide = w.Layout(width="460px")
        self.options = {
            k: checkbox(
                k in DEFAULT_CHOICES, f"{o.label} (biaya {o.cost})", o.description, layout=wide
            )
            for k, o in MENU.items()
        }
        self.cost = w.HTML()
        for cb in self.options.values():
            cb.observe(lambda _c: self._update_cost(), names="value")
        self.budget.observe(lambda _c: self._update_cost(), names="value")
        self.code = code_box("Kode peserta, bukan nama")
        self.notes = w.Textarea(
            description="Catatan:",
            placeholder="Alasan pilihan, mitra, risiko …",
            style=STYLE,
            layout=w.Layout(width="460px", height="70px"),
            tooltip="Dicetak di rencana aksi",
        )
        self.run_button = run_button(
            lambda _b: self.run(),
            "Jalankan simulasi",
            "Bandingkan tanpa dan dengan rencana pada seed yang sama",
        )
        self.export_button = button(
            "Ekspor rencana (HTML + DOCX)",
            "download",
            "Tulis berkas yang bisa dibuka tanpa Python",
            on_click=lambda _b: self.export(),
        )
        self.export_button.layout.width = "260px"
        self.out = w.Output(layout=w.Layout(height="340px"))
        self.summary = w.HTML()
        self.status = w.HTML()
        self._update_cost()
        self.widget = w.VBox(
            [
                w.HBox(
                    [
                        w.VBox([self.region, self.budget, self.seeds]),
                        w.VBox(list(self.options.values()) + [self.cost]),
                    ]
                ),
                self.run_button,
                self.out,
                self.summary,
                w.HBox([self.code, self.export_button]),
                self.notes,
                self.status,
            ]
        )

    @property
    def choices(self) -> list[str]:
        """Keys of the ticked options."""
        return [k for k, cb in self.options.items() if cb.value]

    def _update_cost(self) -> None:
        cost = plan_cost(self.choices)
        colour = "#D55E00" if cost > self.budget.value else "#009E73"
        self.cost.value = (
            f"<span style='color:{colour}'>Biaya: <b>{cost}</b> dari {self.budget.value} unit"
            + (" — melebihi anggaran!" if cost > self.budget.value else "")
            + "</span>"
        )

    @guarded
    def run(self) -> ActionPlan | None:
        """Simulate the ticked package; show the figure and summary; return the plan (None on error)."""
        plan = make_plan(
            self.region.value,
            self.choices,
            budget=self.budget.value,
            participant=self.code.value.strip() or "P00",
            seeds=self.seeds.value,
            date=self.date,
            notes=self.notes.value,
        )
        self.plan, self.figure_png = plan, None
        if get_ipython() is not None:  # headless runs (tests) draw it only when they export
            self._show(_screen_image(self._figure()))
        self.summary.value = f"<p>{html.escape(plan.summary_text())}</p>"
        return plan

    def _figure(self) -> bytes:
        """Return the last plan's figure as PNG, drawing it on first use (about 150 ms)."""
        assert self.plan is not None
        if self.figure_png is None:
            self.figure_png = plan_png(self.plan)
        return self.figure_png

    @guarded("status")
    def export(self) -> tuple[Path, Path] | None:
        """Export the last plan (running it first if needed); return the HTML and DOCX paths."""
        self.status.value = ""
        if self.run() is None:  # always from the current controls, so the file matches the screen
            return None
        assert self.plan is not None
        stem = f"rencana_aksi_{self.plan.participant}"
        png = self._figure()
        h = export_html(self.plan, self.folder / f"{stem}.html", figure_png=png)
        d = export_docx(self.plan, self.folder / f"{stem}.docx", figure_png=png)
        self.status.value = (
            f"Tersimpan: <code>{html.escape(str(h))}</code> dan <code>{html.escape(str(d))}</code>. "
            "Buka HTML di peramban (Cetak → Simpan sebagai PDF) atau DOCX di pengolah kata."
        )
        return h, d


def _screen_image(png: bytes) -> Any:
    """Return the PNG for display at the size of a 100-dpi notebook figure (sharp on HiDPI screens)."""
    from IPython.display import Image

    width = int.from_bytes(png[16:20], "big")  # the IHDR chunk's width in pixels
    return Image(data=png, format="png", width=round(width * 100 / PLAN_PNG_DPI))
