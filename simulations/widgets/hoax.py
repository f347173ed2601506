"""The hoax explorer: sliders, network choice and a Run button around :func:`run_hoax`.

Example (in a notebook)::

    from simulations.widgets.hoax import HoaxExplorer
    explorer = HoaxExplorer()
    explorer          # shows the controls; press "Jalankan"
    explorer.run()    # or run from code (tests do this headlessly)

Design (see :mod:`simulations.widgets`): controls built from :data:`HOAX_PARAMS` and the network
tables, ``continuous_update=False``, a Run button, an ``Output`` of fixed height cleared with
``clear_output(wait=True)``, the figure rendered to PNG (so it shows whatever matplotlib backend is
active), a text summary below it, and errors in Indonesian (never a traceback). The network comes
from a cache (:func:`~simulations.analysis.hoax.get_network`) and its drawing layout is cached per
graph, so changing only model parameters re-runs the model and redraws, nothing more.
"""

from __future__ import annotations

import base64
import html
import io
import time
from dataclasses import dataclass, field
from typing import Any

import ipywidgets as w
import pandas as pd
from IPython.display import HTML
from matplotlib.figure import Figure

from simulations.analysis.hoax import run_hoax, run_hoax_seeds, summarise_hoax
from simulations.core.formatting import format_id
from simulations.core.networks import NETWORKS
from simulations.models.hoax import HOAX_PARAMS, HoaxModel
from simulations.plots.hoax import plot_hoax_dashboard
from simulations.widgets.base import (
    ControlExplorer,
    checkbox,
    control_for,
    guarded,
    network_dropdown,
    seed_box,
    slider,
)

__all__ = ["HoaxExplorer", "HoaxRun"]

COUNT_SLIDER_MAX = 100
"""Upper end of the sliders for initial believers and fact-checkers (the table has no maximum)."""

BAND_SEEDS = 5
"""Number of extra seeds run when the band option is on."""


@dataclass
class HoaxRun:
    """The result of one explorer run.

    Attributes:
        df: Results per step (:meth:`HoaxModel.results`).
        model: The model after the run.
        params: Validated hoax parameters.
        network: Network kind; ``n``, ``seed``, ``steps`` and ``network_params`` as used.
        summary: Indonesian text summary (:func:`summarise_hoax`).
        figure: The dashboard figure.
        seconds: Wall time of model + figure + PNG rendering, in seconds.
        runs: Runs over extra seeds when bands were requested, else None.
    """

    df: pd.DataFrame
    model: HoaxModel
    params: dict[str, Any]
    network: str
    n: int
    seed: int
    steps: int
    network_params: dict[str, Any]
    summary: str
    figure: Figure
    seconds: float
    runs: pd.DataFrame | None = None
    png: bytes = field(default=b"", repr=False)


def _img_html(png: bytes, alt: str) -> str:
    """Return an <img> that shrinks to the output's width, with the text summary as alt text."""
    data = base64.b64encode(png).decode("ascii")
    return (
        f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt, quote=True)}" '
        'style="max-width:100%;height:auto">'
    )


class HoaxExplorer(ControlExplorer):
    """Interactive explorer of the hoax model (Tambuscio et al. 2015) for the notebooks.

    Args:
        network: Initial network kind (a key of :data:`simulations.core.networks.NETWORKS`).
        n: Initial number of people.
        steps: Initial number of steps.
        seed: Initial seed.
        params: Initial hoax parameters (defaults from :data:`HOAX_PARAMS`).
        meanfield: Whether the mean-field overlay starts switched on.
        height: Height of the output area (CSS), fixed so the page does not jump.

    Attributes:
        controls: ``{name: widget}`` for every hoax parameter plus ``network``, ``n``, ``steps``,
            ``seed``, ``meanfield`` and ``bands``.
        network_controls: ``{network kind: {parameter: widget}}``; only the chosen kind's are shown.
        run_button: The Run button ("Jalankan").
        output: The fixed-height output area (figure, or the error message).
        last_result: The last successful :class:`HoaxRun`, or None.
        last_error: The Indonesian message of the last failed run, or None.
        widget: The top-level container.
    """

    def __init__(
        self,
        *,
        network: str = "scale_free",
        n: int = 1000,
        steps: int = 100,
        seed: int = 42,
        params: dict[str, Any] | None = None,
        meanfield: bool = True,
        height: str = "470px",
    ) -> None:
        initial = HOAX_PARAMS.validate(params or {})
        self.controls: dict[str, w.ValueWidget] = {
            p.name: control_for(p, value=initial[p.name], max_value=COUNT_SLIDER_MAX)
            for p in HOAX_PARAMS
        }
        self.controls["network"] = network_dropdown(
            network, "Jenis jaringan", "Bentuk jaringan pertemanan tempat hoaks menyebar."
        )
        self.controls["n"] = slider(
            n, 50, 5000, 50, "Jumlah orang", "Banyaknya orang (simpul) di jaringan."
        )
        self.controls["steps"] = slider(
            steps, 10, 500, 10, "Jumlah langkah", "Berapa langkah waktu yang disimulasikan."
        )
        self.controls["seed"] = seed_box(seed)
        self.controls["meanfield"] = checkbox(
            meanfield,
            "Tampilkan teori (medan rata-rata)",
            "Garis putus-putus: perkiraan teori dengan parameter yang sama.",
        )
        self.controls["bands"] = checkbox(
            False,
            f"Pita ketidakpastian ({BAND_SEEDS} seed, lebih lambat)",
            "Ulangi dengan beberapa seed lalu gambarkan rentang 10–90%.",
        )
        self.network_controls: dict[str, dict[str, w.ValueWidget]] = {
            key: {p.name: control_for(p) for p in spec.params} for key, spec in NETWORKS.items()
        }
        self.network_description = w.HTML()
        self.network_box = w.VBox()
        self.controls["network"].observe(self._on_network_change, names="value")
        self._on_network_change()

        self.last_result: HoaxRun | None = None
        self.last_error: str | None = None

        model_box = w.VBox(
            [w.HTML("<b>Hoaks dan klarifikasi</b>")] + [self.controls[p.name] for p in HOAX_PARAMS]
        )
        setup_box = w.VBox(
            [
                w.HTML("<b>Jaringan dan simulasi</b>"),
                self.controls["network"],
                self.network_description,
                self.network_box,
                self.controls["n"],
                self.controls["steps"],
                self.controls["seed"],
                self.controls["meanfield"],
                self.controls["bands"],
            ]
        )
        self._build([model_box, setup_box], height)

    # ------------------------------------------------------------------ controls
    def _on_network_change(self, _change: Any = None) -> None:
        key = self.controls["network"].value
        spec = NETWORKS[key]
        self.network_description.value = f"<small><i>{html.escape(spec.description)}</i></small>"
        self.network_box.children = tuple(self.network_controls[key].values())

    @property
    def values(self) -> dict[str, Any]:
        """Current settings: ``params`` (hoax), ``network``, ``n``, ``steps``, ``seed``, ``network_params``."""
        key = self.controls["network"].value
        return {
            "params": {p.name: self.controls[p.name].value for p in HOAX_PARAMS},
            "network": key,
            "n": int(self.controls["n"].value),
            "steps": int(self.controls["steps"].value),
            "seed": int(self.controls["seed"].value),
            "network_params": {k: c.value for k, c in self.network_controls[key].items()},
        }

    def _settable(self) -> dict[str, w.ValueWidget]:
        """The controls and the chosen network's parameters (e.g. ``m``), by name."""
        return {**self.controls, **self.network_controls[self.controls["network"].value]}

    def set(self, **values: Any) -> HoaxExplorer:
        """Set controls by name (hoax parameters, ``network``, ``n``, ``steps``, ``seed``, …).

        ``network`` is set first, then the other values; network parameters are set by their name
        for the chosen network (e.g. ``m=2``). Returns the explorer, so
        ``explorer.set(alpha=0.8).run()`` works.
        """
        if "network" in values:
            super().set(network=values.pop("network"))
        return super().set(**values)

    # ------------------------------------------------------------------ running
    @guarded
    def run(self, _button: Any = None) -> HoaxRun | None:
        """Run the model with the current controls, redraw, and update the summary.

        Never raises: an error is shown in Indonesian in the output area and the summary, and
        stored in :attr:`last_error`.

        Returns:
            The new :class:`HoaxRun`, or None when the input was invalid.
        """
        self.status.value = "<i>Menjalankan…</i>"
        start = time.perf_counter()
        v = self.values
        df, model = run_hoax(
            v["params"], v["network"], v["n"], v["seed"], v["steps"], v["network_params"]
        )
        runs = None
        if self.controls["bands"].value:
            runs = run_hoax_seeds(
                model.parameters,
                v["network"],
                v["n"],
                BAND_SEEDS,
                v["steps"],
                v["network_params"],
                root_seed=v["seed"],
                graph_seed=v["seed"],
            )
        fig = plot_hoax_dashboard(
            df, model, model.parameters, meanfield=self.controls["meanfield"].value, runs=runs
        )
        buffer = io.BytesIO()
        # Fast compression: the PNG is shown once and thrown away, so speed beats size.
        fig.savefig(buffer, format="png", pil_kwargs={"compress_level": 1})
        text = summarise_hoax(df, model.parameters)
        seconds = time.perf_counter() - start
        self.last_result = HoaxRun(
            df=df,
            model=model,
            params=dict(model.parameters),
            network=v["network"],
            n=v["n"],
            seed=v["seed"],
            steps=v["steps"],
            network_params=v["network_params"],
            summary=text,
            figure=fig,
            seconds=seconds,
            runs=runs,
            png=buffer.getvalue(),
        )
        self._show(HTML(_img_html(self.last_result.png, text)))
        self.summary_widget.value = f"<p><b>Ringkasan.</b> {html.escape(text)}</p>"
        self.status.value = f"<small>selesai dalam {format_id(seconds, 2)} detik</small>"
        return self.last_result

    update = run
    """Alias of :meth:`run` (the common explorer interface)."""
