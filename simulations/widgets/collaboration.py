"""Module 6 explorer: coordinated vs uncoordinated response, with sliders instead of code."""

from __future__ import annotations

import html

import ipywidgets as w

from simulations.plots.collaboration import plot_response_curves
from simulations.response.collaboration import (
    COMMUNITIES,
    STAKEHOLDERS,
    compare_responses,
    stakeholder_network,
    summarise_comparison,
)
from simulations.widgets.base import (
    Explorer,
    dropdown,
    guarded,
    run_button,
    slider,
)

__all__ = ["CoordinationExplorer"]


class CoordinationExplorer(Explorer):
    """Sliders for alert speed, response lag and an absent stakeholder; Run compares three scenarios.

    Attributes:
        widget: Top-level container. Controls: ``hop_delay``, ``lag``, ``detect_share``,
        ``origin``, ``absent``, ``seeds``; ``run_button``, ``out`` (figure), ``summary`` (text).
        ``runs`` holds the last per-seed outcomes (DataFrame).
    """

    def __init__(self, seed: int = 2024) -> None:
        self.seed = seed
        self.runs = None
        self.hop_delay = slider(
            0,
            0,
            5,
            1,
            "Jeda peringatan per tautan:",
            "Langkah waktu sampai peringatan berpindah ke mitra berikutnya",
        )
        self.lag = slider(
            2,
            0,
            6,
            1,
            "Jeda peringatan → pesan:",
            "Langkah waktu untuk menyusun dan menyetujui pesan klarifikasi",
        )
        self.detect_share = slider(
            0.05,
            0.01,
            0.3,
            0.01,
            "Ambang deteksi:",
            "Porsi warga percaya hoaks di komunitas yang dipantau agar terdeteksi",
        )
        self.origin = dropdown(
            [(c, i) for i, c in enumerate(COMMUNITIES)],
            "Hoaks mulai di:",
            "Komunitas tempat hoaks pertama muncul",
            value=3,
        )
        self.absent = dropdown(
            [("(semua hadir)", "")] + [(s[1], s[0]) for s in STAKEHOLDERS],
            "Pihak yang absen:",
            "Uji titik putus: jalankan tanpa satu pihak",
            value="",
        )
        self.seeds = slider(
            5, 3, 10, 1, "Jumlah seed:", "Berapa kali diulang dengan keacakan berbeda"
        )
        self.run_button = run_button(
            lambda _b: self.run(),
            tooltip="Bandingkan tanpa respons, tidak terkoordinasi, dan terkoordinasi",
        )
        self.out = w.Output(layout=w.Layout(height="360px"))
        self.summary = w.HTML()
        self.widget = w.VBox(
            [
                w.HBox(
                    [
                        w.VBox([self.hop_delay, self.lag, self.detect_share]),
                        w.VBox([self.origin, self.absent, self.seeds]),
                    ]
                ),
                self.run_button,
                self.out,
                self.summary,
            ]
        )

    @guarded
    def run(self):
        """Run the three scenarios on the same seeds; show curves and a summary. Returns the runs."""
        removed = [self.absent.value] if self.absent.value else []
        runs, curves = compare_responses(
            self.seeds.value,
            root_seed=self.seed,
            stakeholders=stakeholder_network(remove=removed),
            origin=self.origin.value,
            hop_delay=self.hop_delay.value,
            lag=self.lag.value,
            detect_share=self.detect_share.value,
        )
        self.runs = runs
        self._show(plot_response_curves(curves))
        import matplotlib.pyplot as plt

        plt.close("all")
        text = summarise_comparison(runs)
        self.summary.value = "<br>".join(html.escape(line) for line in text.splitlines())
        return runs
