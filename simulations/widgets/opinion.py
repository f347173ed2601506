"""Explorers for Module 2: bounded confidence / algorithmic bias, and echo chambers.

Example (in a notebook)::

    from simulations.widgets.opinion import BoundedConfidenceExplorer, EchoChamberExplorer
    BoundedConfidenceExplorer()        # sliders + "Jalankan"
    EchoChamberExplorer()              # the network's communities growing (or not)

Design (see :mod:`simulations.widgets`): controls from the models' parameter tables,
``continuous_update=False``, a Run button, an ``Output`` of fixed height cleared with
``clear_output(wait=True)``, the figure rendered to PNG, an Indonesian text summary with the
metrics next to it, and errors in Indonesian (never a traceback). The logic lives in the pure
functions :func:`run_bounded_confidence`, :func:`summarise_bounded_confidence`,
:func:`run_echo_chamber` and :func:`summarise_echo_chamber`, so tests drive the explorers
headlessly (``explorer.set(epsilon=0.1).run()``).
"""

from __future__ import annotations

import html
import io
import time
from dataclasses import dataclass, field
from typing import Any

import ipywidgets as w
import networkx as nx
import numpy as np
import pandas as pd
from IPython.display import Image
from matplotlib.figure import Figure

from simulations.analysis import metrics as M
from simulations.analysis.opinion import BOUNDED_CONFIDENCE_MODELS
from simulations.core.errors import ParameterError
from simulations.core.formatting import format_id
from simulations.core.networks import NETWORKS
from simulations.core.params import check_choice, check_integer
from simulations.models.opinion import ALGORITHMIC_BIAS_PARAMS
from simulations.models.opinion.coevolving import COEVOLVING_PARAMS
from simulations.models.opinion.echo_chamber import (
    ECHO_CHAMBER_PARAMS,
    PAPER_REGIMES,
    REGIME_LABELS_ID,
    classify_regime,
)
from simulations.models.registry import MODELS
from simulations.plots.opinion import plot_community_snapshots, plot_opinion_dashboard
from simulations.widgets.base import (
    ControlExplorer,
    control_for,
    dropdown,
    guarded,
    network_dropdown,
    seed_box,
    slider,
)

__all__ = [
    "BC_MODELS",
    "BoundedConfidenceExplorer",
    "EchoChamberExplorer",
    "EchoRun",
    "OpinionRun",
    "run_bounded_confidence",
    "run_echo_chamber",
    "summarise_bounded_confidence",
    "summarise_echo_chamber",
]

BC_MODELS = BOUNDED_CONFIDENCE_MODELS
"""Bounded-confidence models the explorer offers: keys of the model registry (its labels too)."""

BC_SETTINGS = ("model", "network", "n", "steps", "seed")
"""Settings of :func:`run_bounded_confidence` besides the models' parameters."""

NETWORK_CHOICES = [("Semua bisa bertemu semua (tanpa jaringan)", "complete")] + [
    (spec.label, key) for key, spec in NETWORKS.items()
]


def _fmt(x: float, digits: int = 2) -> str:
    return format_id(x, digits)


def _png(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return buffer.getvalue()


# ============================================================================ bounded confidence
@dataclass
class OpinionRun:
    """The result of one bounded-confidence run.

    Attributes:
        model: The model after the run.
        df: Results per step (``model.results()``).
        metrics: :func:`simulations.analysis.metrics.opinion_metrics` of the final opinions.
        settings: The settings used (model, network, n, steps, seed and the parameters).
    """

    model: Any
    df: pd.DataFrame
    metrics: dict[str, float]
    settings: dict[str, Any]


def run_bounded_confidence(settings: dict[str, Any]) -> OpinionRun:
    """Run a bounded-confidence model and measure the final opinions.

    Args:
        settings: ``model`` (a key of :data:`BC_MODELS`), ``network`` (``"complete"`` or a key of
            :data:`simulations.core.networks.NETWORKS`), ``n``, ``steps``, ``seed``, and the model's
            parameters (``epsilon``, ``mu``, ``gamma``; those of another model are ignored). Every
            value is checked (by the model's parameter table), never truncated.

    Returns:
        An :class:`OpinionRun`. Stops early when the opinions have converged.

    Raises:
        ParameterError: for an unknown setting or a value out of range, naming it.
    """
    s = _checked_settings(settings, BC_SETTINGS, BC_MODELS)
    key = check_choice(s.get("model", "deffuant"), "model", "Model", BC_MODELS)
    spec = MODELS[key]
    params = {k: s[k] for k in spec.params.names if k in s}
    model = spec.model(
        network=s.get("network", "complete"), n=s.get("n", 500), seed=s.get("seed", 42), **params
    )
    df = model.run(s.get("steps", 100), until_converged=True)
    network = model.graph if model.graph is not None else None
    metrics = M.opinion_metrics(model.opinions, network)
    return OpinionRun(model=model, df=df, metrics=metrics, settings=s)


def summarise_bounded_confidence(run: OpinionRun) -> str:
    """Return an Indonesian summary of a bounded-confidence run (what happened + the metrics)."""
    model, df = run.model, run.df
    steps = int(df["step"].iloc[-1])
    if model.converged:
        when = f"Opini berhenti berubah setelah {model.convergence_step} langkah."
    else:
        when = f"Setelah {steps} langkah opini masih bergerak (belum konvergen)."
    eps = run.settings.get("epsilon")
    guide = ""
    if eps:
        guide = (
            f" Sebagai pembanding, teori untuk campuran sempurna memperkirakan sekitar "
            f"{max(1, int(1 / (2 * eps)))} kelompok bila toleransi ε = {_fmt(eps)}."
        )
    return f"{when} {M.summarise_metrics_id(run.metrics)}{guide}"


# ============================================================================ echo chambers
@dataclass
class EchoRun:
    """The result of one echo-chamber run.

    Attributes:
        model: The model after the run.
        df: Results per step.
        snapshots: ``(label, graph, opinions)`` at the start, middle and end.
        metrics: :func:`simulations.analysis.metrics.opinion_metrics` of the final state on its network.
        regime: For the Baumann model, :func:`classify_regime` of the final opinions, else "".
        settings: The settings used.
    """

    model: Any
    df: pd.DataFrame
    snapshots: list[tuple[str, nx.Graph, np.ndarray]]
    metrics: dict[str, float]
    regime: str
    settings: dict[str, Any] = field(default_factory=dict)


ECHO_KINDS = ("echo_chamber", "coevolving")
"""Echo-chamber models the explorer offers: keys of the model registry (its labels too)."""

ECHO_SETTINGS = ("kind", "network", "n", "steps", "seed")
"""Settings of :func:`run_echo_chamber` besides the models' parameters."""


def _checked_settings(
    settings: dict[str, Any], names: tuple[str, ...], models: tuple[str, ...]
) -> dict[str, Any]:
    """Return ``settings`` as a dict after refusing names that no offered model knows."""
    if not isinstance(settings, dict):
        raise ParameterError(
            f"settings must be a dict, not {type(settings).__name__}",
            "Pengaturan harus berupa kamus {nama: nilai}.",
            field="settings",
        )
    known = set(names).union(*(MODELS[key].params.names for key in models))
    unknown = sorted(str(k) for k in settings if k not in known)
    if unknown:
        raise ParameterError(
            f"unknown setting(s) {unknown}; known settings: {sorted(known)}",
            f"Pengaturan tidak dikenal: {', '.join(unknown)}.",
            field=unknown[0],
        )
    return dict(settings)


def run_echo_chamber(settings: dict[str, Any]) -> EchoRun:
    """Run an echo-chamber model and keep three snapshots of its network.

    Args:
        settings: ``kind`` (a key of :data:`ECHO_KINDS`: ``"echo_chamber"``, Baumann et al. 2020,
            or ``"coevolving"``, unfollow and rewire), ``n``, ``steps`` (>= 3), ``seed`` and the
            model's parameters (:data:`ECHO_CHAMBER_PARAMS` or :data:`COEVOLVING_PARAMS`; for
            ``"coevolving"`` also ``network``); every value is checked, never truncated. For
            ``"echo_chamber"`` the snapshot networks are the interactions of the preceding
            ``steps // 3`` steps.
    """
    s = _checked_settings(settings, ECHO_SETTINGS, ECHO_KINDS)
    kind = check_choice(s.get("kind", "echo_chamber"), "kind", "Model", ECHO_KINDS)
    steps = check_integer(s.get("steps", 600), "steps", "Jumlah langkah", minimum=3)
    n, seed = s.get("n", 300), s.get("seed", 42)
    chunks = [steps // 3, steps // 3, steps - 2 * (steps // 3)]
    snaps: list[tuple[str, nx.Graph, np.ndarray]] = []
    spec = MODELS[kind]
    params = {k: s[k] for k in spec.params.names if k in s}
    if kind == "echo_chamber":
        model = spec.model(n=n, seed=seed, window=chunks[0], record_every=5, **params)
        for c in chunks:
            model.run(c)
            label = f"t = {_fmt(model.time, 1)}"
            snaps.append((label, model.interaction_graph(), model.opinions.copy()))
        df = model.results()
        final_graph = snaps[-1][1]
        regime = classify_regime(model.opinions)
    else:
        model = spec.model(
            network=s.get("network", "random"), n=n, seed=seed, record_opinions=True, **params
        )
        snaps.append(("awal", model.current_graph(), model.opinions.copy()))
        model.run(chunks[0] + chunks[1])
        snaps.append((f"langkah {model.steps}", model.current_graph(), model.opinions.copy()))
        model.run(chunks[2])
        snaps.append((f"langkah {model.steps}", model.current_graph(), model.opinions.copy()))
        df = model.results()
        final_graph = snaps[-1][1]
        regime = ""
    if kind == "echo_chamber":
        # convictions are unbounded; measure the opinions people express, tanh(x) in (-1, 1),
        # and split the camps by side
        metrics = M.opinion_metrics(np.tanh(model.opinions), final_graph, labels=model.opinions > 0)
    else:
        metrics = M.opinion_metrics(
            model.opinions, final_graph, labels=model.opinions > np.median(model.opinions)
        )
    return EchoRun(model=model, df=df, snapshots=snaps, metrics=metrics, regime=regime, settings=s)


def summarise_echo_chamber(run: EchoRun) -> str:
    """Return an Indonesian summary of an echo-chamber run.

    For the Baumann model the measures use the expressed opinions ``tanh(x)`` (convictions are
    unbounded) and skip cluster counts (continuous convictions never collapse onto points).
    """
    parts = []
    baumann = bool(run.regime)
    if baumann:
        x = run.model.opinions
        parts.append(f"Hasil: {REGIME_LABELS_ID[run.regime].lower()}.")
        parts.append(
            f"{_fmt(100 * float(np.mean(x > 0)), 0)}% orang berada di sisi positif, rata-rata "
            f"keyakinan |x| = {_fmt(float(np.mean(np.abs(x))))}."
        )
        if run.regime == "consensus":
            parts.append(
                "Hampir tidak ada lagi perbedaan pendapat, jadi korelasi dan modularitas yang "
                "tersisa tidak bermakna: tidak ada ruang gema."
            )
            return " ".join(parts)
    else:
        parts.append(
            f"{run.model.rewires} kali orang berhenti mengikuti lalu mengikuti orang lain; "
            f"jumlah ikatan tetap {run.model.num_edges}."
        )
    first_label, first_graph, first_x = run.snapshots[0]
    if baumann:
        first_x = np.tanh(first_x)
    rho0 = (
        M.neighbour_opinion_correlation(first_x, first_graph)
        if first_graph.number_of_edges()
        else float("nan")
    )
    rho1 = run.metrics.get("neighbour_correlation", float("nan"))
    if not np.isnan(rho0) and not np.isnan(rho1):
        verdict = (
            "ada ruang gema"
            if M.is_echo_chamber(run.metrics) or (baumann and rho1 > 0.5)
            else "bukan ruang gema"
        )
        if not baumann and run.metrics.get("clusters", 2) < 2:
            verdict += ", karena semua sudah sepakat"
        parts.append(
            f"Korelasi opini dengan tetangga: {_fmt(rho0)} pada potret pertama ({first_label}), "
            f"{_fmt(rho1)} di akhir ({verdict})."
        )
    skip = {"neighbour_correlation"}
    if baumann:
        skip |= {"clusters", "effective_clusters", "variance", "range"}
        parts.append("Ukuran berikut dihitung pada opini yang dinyatakan, tanh(x).")
    parts.append(M.summarise_metrics_id({k: v for k, v in run.metrics.items() if k not in skip}))
    return " ".join(parts)


# ============================================================================ explorers
class _Explorer(ControlExplorer):
    """Shared plumbing: a run computes a result, a figure and a summary text (:meth:`_compute`)."""

    last_result: Any = None
    png: bytes = b""

    def _compute(self, settings: dict[str, Any]) -> tuple[Any, Figure, str]:  # pragma: no cover
        raise NotImplementedError

    @guarded
    def run(self, _button: Any = None) -> Any:
        """Run with the current controls, redraw and summarise; never raises.

        Returns:
            The run's result object, or None when the input was invalid (the Indonesian message
            is then in :attr:`last_error` and in the summary).
        """
        self.status.value = "<i>Menjalankan…</i>"
        start = time.perf_counter()
        result, fig, text = self._compute(self.values)
        png = _png(fig)
        self.last_result = result
        self.png = png
        self.figure = fig
        self._show(Image(data=png, format="png"))
        self.summary_widget.value = f"<p><b>Ringkasan.</b> {html.escape(text)}</p>"
        self.status.value = (
            f"<small>selesai dalam {format_id(time.perf_counter() - start, 1)} detik</small>"
        )
        return result

    update = run


class BoundedConfidenceExplorer(_Explorer):
    """Explore tolerance, fragmentation and algorithmic bias (Deffuant, Sîrbu et al., HK).

    Shows the opinion histogram over time, opinion trajectories and the network coloured by
    final opinion (or the final histogram under complete mixing), with the metrics as text.

    Args:
        model: Initial model key (:data:`BC_MODELS`).
        network: Initial network (``"complete"`` or a :data:`NETWORKS` key).
        n: Number of people.
        steps: Largest number of steps (the run stops once opinions have converged).
        seed: Seed.
        height: Height of the output area (CSS).
        **params: Initial ``epsilon``, ``mu``, ``gamma``.
    """

    def __init__(
        self,
        *,
        model: str = "deffuant",
        network: str = "complete",
        n: int = 500,
        steps: int = 100,
        seed: int = 42,
        height: str = "420px",
        **params: Any,
    ) -> None:
        initial = ALGORITHMIC_BIAS_PARAMS.validate(
            {k: v for k, v in params.items() if k in ALGORITHMIC_BIAS_PARAMS.names}
        )
        self.controls = {
            "model": dropdown(
                [(MODELS[key].label, key) for key in BC_MODELS],
                "Model",
                "Aturan bagaimana orang saling memengaruhi.",
                value=model,
            ),
            "epsilon": control_for(ALGORITHMIC_BIAS_PARAMS["epsilon"], value=initial["epsilon"]),
            "mu": control_for(ALGORITHMIC_BIAS_PARAMS["mu"], value=initial["mu"]),
            "gamma": control_for(ALGORITHMIC_BIAS_PARAMS["gamma"], value=initial["gamma"]),
            "network": dropdown(
                NETWORK_CHOICES, "Jaringan", "Siapa bisa bertemu siapa.", value=network
            ),
            "n": slider(n, 20, 2000, 10, "Jumlah orang", "Banyaknya orang yang disimulasikan."),
            "steps": slider(
                steps,
                5,
                500,
                5,
                "Langkah maksimum",
                "Satu langkah = setiap orang rata-rata berdiskusi sekali.",
            ),
            "seed": seed_box(seed),
        }
        self.controls["model"].observe(self._on_model_change, names="value")
        self._on_model_change()
        self._build(
            [
                w.VBox(
                    [
                        w.HTML("<b>Model</b>"),
                        self.controls["model"],
                        self.controls["epsilon"],
                        self.controls["mu"],
                        self.controls["gamma"],
                    ]
                ),
                w.VBox(
                    [
                        w.HTML("<b>Simulasi</b>"),
                        self.controls["network"],
                        self.controls["n"],
                        self.controls["steps"],
                        self.controls["seed"],
                    ]
                ),
            ],
            height,
        )

    def _on_model_change(self, _change: Any = None) -> None:
        key = self.controls["model"].value
        self.controls["gamma"].disabled = "gamma" not in MODELS[key].params.names
        self.controls["mu"].disabled = "mu" not in MODELS[key].params.names

    def _compute(self, settings: dict[str, Any]) -> tuple[OpinionRun, Figure, str]:
        result = run_bounded_confidence(settings)
        model = result.model
        fig = plot_opinion_dashboard(
            model.opinion_history(), graph=model.graph, seed=settings["seed"]
        )
        return result, fig, summarise_bounded_confidence(result)


class EchoChamberExplorer(_Explorer):
    """Explore how echo chambers form: the network's communities at the start, middle and end.

    Two models: radicalisation with homophily on a temporal network (Baumann et al. 2020, with
    presets for its three regimes) and unfollow-and-rewire on a friendship network.

    Args:
        kind: ``"echo_chamber"`` (Baumann et al. 2020) or ``"coevolving"`` (unfollow and rewire).
        n: Number of people.
        steps: Number of steps (echo chamber: steps of dt; coevolving: sweeps).
        seed: Seed.
        height: Height of the output area (CSS).
    """

    def __init__(
        self,
        *,
        kind: str = "echo_chamber",
        n: int = 300,
        steps: int = 600,
        seed: int = 42,
        height: str = "440px",
    ) -> None:
        self.controls = {
            "kind": dropdown(
                [(MODELS[key].label, key) for key in ECHO_KINDS],
                "Model",
                "Mekanisme pembentuk ruang gema.",
                value=kind,
            ),
            "preset": dropdown(
                [("(atur sendiri)", "")] + [(REGIME_LABELS_ID[k], k) for k in PAPER_REGIMES],
                "Skenario makalah",
                "Parameter Gambar 1 Baumann dkk. (2020).",
                value="",
            ),
        }
        for p in ECHO_CHAMBER_PARAMS:
            if p.name in ("social_influence", "controversy", "homophily", "reciprocity"):
                self.controls[p.name] = control_for(p)
        for p in COEVOLVING_PARAMS:
            self.controls[p.name] = control_for(p)
        self.controls["network"] = network_dropdown(
            "random", "Jaringan awal", "Jaringan pertemanan sebelum ada unfollow."
        )
        self.controls["n"] = slider(n, 50, 1000, 10, "Jumlah orang", "Banyaknya orang.")
        self.controls["steps"] = slider(
            steps, 3, 2000, 1, "Jumlah langkah", "Lama simulasi (dibagi tiga potret)."
        )
        self.controls["seed"] = seed_box(seed)
        self.baumann_box = w.VBox(
            [
                self.controls[k]
                for k in ("preset", "social_influence", "controversy", "homophily", "reciprocity")
            ]
        )
        self.unfollow_box = w.VBox(
            [self.controls[k] for k in ("epsilon", "mu", "p_unfollow", "rewire_to", "network")]
        )
        self.model_box = w.VBox()
        self.controls["kind"].observe(self._on_kind_change, names="value")
        self.controls["preset"].observe(self._on_preset, names="value")
        self._on_kind_change()
        self._build(
            [
                w.VBox([w.HTML("<b>Model</b>"), self.controls["kind"], self.model_box]),
                w.VBox(
                    [
                        w.HTML("<b>Simulasi</b>"),
                        self.controls["n"],
                        self.controls["steps"],
                        self.controls["seed"],
                    ]
                ),
            ],
            height,
        )

    def _on_kind_change(self, _change: Any = None) -> None:
        baumann = self.controls["kind"].value == "echo_chamber"
        self.model_box.children = (self.baumann_box if baumann else self.unfollow_box,)

    def _on_preset(self, _change: Any = None) -> None:
        key = self.controls["preset"].value
        for name, value in PAPER_REGIMES.get(key, {}).items():
            self.controls[name].value = value

    def _compute(self, settings: dict[str, Any]) -> tuple[EchoRun, Figure, str]:
        # the preset menu only fills the sliders; it is not a setting of the run
        result = run_echo_chamber({k: v for k, v in settings.items() if k != "preset"})
        domain = None if settings["kind"] == "echo_chamber" else (0.0, 1.0)
        fig = plot_community_snapshots(result.snapshots, domain=domain, seed=settings["seed"])
        return result, fig, summarise_echo_chamber(result)
