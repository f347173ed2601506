"""Explorer of public communication (Module 3): when, through whom, and how trusted a clarification is.

The notebook's table compares carriers with the same trust; this explorer lets participants change
what that comparison holds fixed — the audience's trust in each carrier (``boost``, the rise of its
verification probability), how many carriers there are (reach) and when the fast and the late
clarification go out — and see the peak and the share ever reached, with 95 % intervals over seeds.
Controls come from :data:`simulations.response.communication.CLARIFICATION_PARAMS` and the hoax
model's table; the run is :func:`~simulations.response.communication.compare_clarifications`
(Tambuscio et al. 2015, with the carrier assumption stated in that module).

Example (in a notebook)::

    from simulations.widgets.communication import ClarificationExplorer
    ClarificationExplorer(graph=jaringan_klarifikasi, seed=SEED)
"""

from __future__ import annotations

import html
import time
from typing import Any, ClassVar

import ipywidgets as w
import networkx as nx

from simulations.core.formatting import format_id
from simulations.models.hoax import HOAX_PARAMS
from simulations.plots.communication import plot_clarifications
from simulations.plots.labels import tabel_id
from simulations.response.communication import (
    CARRIERS,
    CLARIFICATION_PARAMS,
    Comparison,
    clarification_table,
    compare_clarifications,
    summarise_clarifications,
)
from simulations.widgets.base import (
    LAYOUT,
    STYLE,
    ControlExplorer,
    control_for,
    guarded,
)

__all__ = ["ClarificationExplorer", "run_clarifications"]


def run_clarifications(
    settings: dict[str, Any],
    *,
    graph: nx.Graph | None = None,
    seed: int = 0,
    seeds: int = 10,
    n: int = 1000,
    steps: int = 60,
) -> Comparison:
    """Run the clarification comparison for the explorer's settings (pure; tests call it).

    Args:
        settings: Values of :data:`CLARIFICATION_PARAMS` plus hoax parameters (``alpha``,
            ``p_verify``, ``p_forget``, ``beta``); missing ones take their defaults.
        graph: The network (the notebook's), or None for a scale-free network of ``n`` people.
        seed: Root seed of the replicates.
        seeds: Number of replicates (the same seeds for every scenario).
        n: Number of people when no graph is given.
        steps: Steps per run.
    """
    clar = CLARIFICATION_PARAMS.validate(
        {k: v for k, v in settings.items() if k in CLARIFICATION_PARAMS.names}
    )
    hoax = HOAX_PARAMS.validate(
        {k: v for k, v in settings.items() if k in ("alpha", "p_verify", "p_forget", "beta")}
    )
    extra = {} if graph is not None else {"network": "scale_free", "n": n}
    return compare_clarifications(
        starts=(clar["start_fast"], clar["start_late"]),
        boost={c: clar[f"boost_{c}"] for c in CARRIERS},
        k={c: clar[f"k_{c}"] for c in CARRIERS},
        seeds=seeds,
        root_seed=seed,
        steps=steps,
        graph=graph,
        **extra,
        **{k: hoax[k] for k in ("beta", "alpha", "p_verify", "p_forget")},
    )


class ClarificationExplorer(ControlExplorer):
    """Sliders for the trust in and number of each carrier, and the two clarification times.

    Args:
        graph: The network to simulate on (default: scale-free, 1.000 people, built from ``seed``).
        seed: Root seed.
        hoax_params: Initial hoax parameters (default: the notebook's slow hoax β 0,1, α 0,6,
            p_verify 0,1, p_forget 0,1).
        seeds: Initial number of seeds.
        height: Height of the figure area (CSS).

    Attributes:
        controls: ``{name: widget}`` (the clarification table's rows, ``alpha``, ``p_verify``,
            ``p_forget``, ``seeds``).
        last_result: The last :class:`~simulations.response.interventions.Comparison`, or None.
        table_widget: HTML with the Indonesian table of the share ever reached.
    """

    run_tip: ClassVar[str] = "Bandingkan pembawa dan waktu klarifikasi."
    hint: ClassVar[str] = "Tekan <b>Jalankan</b> untuk membandingkan."

    def __init__(
        self,
        *,
        graph: nx.Graph | None = None,
        seed: int = 0,
        hoax_params: dict[str, Any] | None = None,
        seeds: int = 10,
        height: str = "430px",
    ) -> None:
        self.graph = graph
        self.seed = seed
        hoax = HOAX_PARAMS.validate(
            {"beta": 0.1, "alpha": 0.6, "p_verify": 0.1, "p_forget": 0.1, **(hoax_params or {})}
        )
        self.beta = hoax["beta"]
        self.controls: dict[str, w.ValueWidget] = {
            p.name: control_for(p) for p in CLARIFICATION_PARAMS
        }
        for name in ("alpha", "p_verify", "p_forget"):
            self.controls[name] = control_for(HOAX_PARAMS[name], value=hoax[name])
        self.controls["seeds"] = w.IntSlider(
            value=seeds,
            min=3,
            max=30,
            step=1,
            continuous_update=False,
            description="Jumlah ulangan (seed)",
            tooltip="Setiap skenario memakai seed yang SAMA; lebih banyak = selang lebih sempit, lebih lambat.",
            style=STYLE,
            layout=LAYOUT,
        )
        self.table_widget = w.HTML()
        self.last_result: Comparison | None = None
        c = self.controls
        trust = w.VBox(
            [w.HTML("<b>Kepercayaan warga pada pembawa</b>")]
            + [c[f"boost_{k}"] for k in CARRIERS]
            + [w.HTML("<b>Jangkauan: jumlah pembawa</b>")]
            + [c[f"k_{k}"] for k in CARRIERS]
        )
        timing = w.VBox(
            [w.HTML("<b>Waktu dan hoaks</b>")]
            + [c[k] for k in ("start_fast", "start_late", "alpha", "p_verify", "p_forget", "seeds")]
        )
        self._build([trust, timing], height, below=(self.table_widget,))

    @property
    def values(self) -> dict[str, Any]:
        """Current settings ``{name: value}`` (without ``seeds``)."""
        return {k: c.value for k, c in self.controls.items() if k != "seeds"}

    @guarded
    def run(self, _button: Any = None) -> Comparison | None:
        """Run the comparison with the current controls; never raises (errors in Indonesian)."""
        self.status.value = "<i>Menjalankan…</i>"
        self.table_widget.value = ""
        t0 = time.perf_counter()
        cmp = run_clarifications(
            {**self.values, "beta": self.beta},
            graph=self.graph,
            seed=self.seed,
            seeds=int(self.controls["seeds"].value),
        )
        fig = plot_clarifications(cmp)
        self.last_result = cmp
        self._show(fig)
        text = summarise_clarifications(cmp)
        self.summary_widget.value = f"<p><b>Ringkasan.</b> {html.escape(text)}</p>"
        table = tabel_id(
            clarification_table(cmp, "ever_reached"), persen=["mean", "ci_low", "ci_high"]
        )
        self.table_widget.value = "<p><b>Pernah percaya hoaks</b></p>" + table.to_html(border=0)
        self.status.value = (
            f"<small>selesai dalam {format_id(time.perf_counter() - t0, 1)} detik</small>"
        )
        return cmp

    update = run
