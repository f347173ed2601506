"""Widgets for Module 3–4: the intervention comparison panel and the monitor-placement view.

Example (in a notebook)::

    from simulations.widgets.interventions import InterventionPanel, MonitorPlacementView
    panel = InterventionPanel()
    panel            # choose interventions, press "Bandingkan"
    panel.run()      # or run from code (tests do this headlessly)

Logic lives in pure functions (:func:`build_scenarios`, :func:`run_comparison`,
:func:`run_monitor_placement`) so tests drive the widgets by setting ``.value`` and calling
``.run()``. Errors are shown in Indonesian inside the widget, never as a traceback.
"""

from __future__ import annotations

import html
import io
import time
from dataclasses import dataclass
from typing import Any, ClassVar

import ipywidgets as w
import pandas as pd
from IPython.display import Image

from simulations.core.errors import ParameterError, check_all_known
from simulations.core.formatting import fmt_id, format_id
from simulations.core.networks import build_network
from simulations.models.hoax import HOAX_PARAMS
from simulations.plots.interventions import plot_comparison, plot_detection_histogram, plot_monitors
from simulations.response.interventions import (
    AccuracyNudge,
    CommunityLeaders,
    Comparison,
    FactCheckCapacity,
    FactCheckers,
    Intervention,
    Moderation,
    Prebunking,
    compare_interventions,
    summarise_comparison,
)
from simulations.response.monitoring import (
    OBJECTIVES,
    STRATEGY_LABELS_ID,
    Cascades,
    evaluate_monitors,
    place_monitors,
    simulate_cascades,
    summarise_detection,
)
from simulations.widgets.base import (
    ControlExplorer,
    checkbox,
    control_for,
    dropdown,
    guarded,
    network_dropdown,
    seed_box,
    short_message,
    slider,
)

__all__ = [
    "SCENARIO_CHOICES",
    "InterventionPanel",
    "MonitorPlacementView",
    "build_scenarios",
    "evaluate_plan",
    "run_comparison",
    "run_monitor_placement",
]

BASELINE = "Tanpa intervensi"

SCENARIO_CHOICES = {
    "moderation_degree": "Pemutusan akses: akun paling banyak koneksi",
    "moderation_random": "Pemutusan akses: akun acak (pembanding)",
    "fact_checkers_degree": "Pemeriksa fakta tetap di akun paling banyak koneksi",
    "fact_checkers_frontier": "Pemeriksa fakta tetap di perbatasan antarkelompok",
    "prebunking": "Prebunking / literasi digital",
    "nudge": "Dorongan akurasi (accuracy nudge)",
    "capacity": "Tambah kapasitas cek fakta (p_verify)",
    "leaders": "Kontra-narasi tokoh masyarakat",
}
"""Scenario keys → Indonesian labels shown in the panel."""


def build_scenarios(
    choices: list[str] | tuple[str, ...],
    *,
    k: int = 20,
    coverage: float = 0.3,
    efficacy: float = 0.5,
    factor: float = 0.8,
    boost: float = 0.05,
    start: int = 0,
    baseline: bool = True,
) -> dict[str, list[Intervention]]:
    """Turn the panel's choices into named intervention sets.

    Args:
        choices: Keys of :data:`SCENARIO_CHOICES`.
        k: Accounts / fact-checkers for moderation and fact-checker scenarios; leaders per group
            is ``max(1, k // 10)``.
        coverage: Share reached by prebunking.
        efficacy: Relative drop of α under prebunking.
        factor: β multiplier of the accuracy nudge.
        boost: Added p_verify for more fact-checking capacity.
        start: Start step of every intervention (prebunking works before the hoax: it always
            starts at 0).
        baseline: Add the "Tanpa intervensi" scenario first.
    """
    check_all_known(choices, SCENARIO_CHOICES, "scenario", "Skenario", field="choices")
    make = {
        "moderation_degree": lambda: [Moderation(start=start, k=k, target="degree")],
        "moderation_random": lambda: [Moderation(start=start, k=k, target="random")],
        "fact_checkers_degree": lambda: [FactCheckers(start=start, k=k, placement="degree")],
        "fact_checkers_frontier": lambda: [FactCheckers(start=start, k=k, placement="frontier")],
        "prebunking": lambda: [Prebunking(start=0, coverage=coverage, efficacy=efficacy)],
        "nudge": lambda: [AccuracyNudge(start=start, factor=factor)],
        "capacity": lambda: [FactCheckCapacity(start=start, boost=boost)],
        "leaders": lambda: [CommunityLeaders(start=start, per_group=max(1, k // 10))],
    }
    scenarios: dict[str, list[Intervention]] = {BASELINE: []} if baseline else {}
    for key in choices:
        scenarios[SCENARIO_CHOICES[key]] = make[key]()
    return scenarios


def run_comparison(
    choices: list[str] | tuple[str, ...],
    *,
    network: str = "scale_free",
    n: int = 1000,
    seeds: int = 10,
    steps: int = 60,
    seed: int = 0,
    hoax_params: dict[str, Any] | None = None,
    **scenario_params: Any,
) -> Comparison:
    """Build the scenarios and run them on seeds ``seed … seed+seeds-1`` (pure; used by the panel).

    Args:
        choices: Keys of :data:`SCENARIO_CHOICES`.
        network: Network kind.
        n: Number of people.
        seeds: Number of replicates.
        steps: Steps per run.
        seed: Root seed of the replicates (also the network's seed).
        hoax_params: Hoax model parameters (beta, alpha, p_verify, p_forget, initial_believers).
        **scenario_params: Passed to :func:`build_scenarios`.
    """
    if not choices:
        raise ParameterError(
            "choose at least one intervention",
            "Pilih minimal satu intervensi untuk dibandingkan.",
            field="choices",
        )
    scenarios = build_scenarios(choices, **scenario_params)
    params = HOAX_PARAMS.validate(hoax_params or {})
    if network == "communities":
        network_params: dict[str, Any] = {"k": 4, "homophily": 0.9}
    else:
        network_params = {}
    graph = build_network(network, n=n, seed=seed, **network_params)
    return compare_interventions(
        scenarios, seeds=seeds, root_seed=seed, steps=steps, graph=graph, **params
    )


def _png(fig: Any) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return buffer.getvalue()


class InterventionPanel(ControlExplorer):
    """Compare interventions on the same seeds: curves with bands and a cost/effect table.

    Args:
        choices: Scenario keys ticked at start (:data:`SCENARIO_CHOICES`).
        network: Initial network kind.
        n: Initial number of people.
        seeds: Initial number of seeds.
        steps: Initial steps per run.
        height: Height of the output area (CSS).

    Attributes:
        controls: ``{name: widget}``.
        scenario_boxes: ``{key: Checkbox}`` for every scenario.
        run_button: The "Bandingkan" button.
        last_result: The last :class:`~simulations.response.interventions.Comparison`, or None.
        widget: The top-level container.
    """

    run_label: ClassVar[str] = "Bandingkan"
    run_tip: ClassVar[str] = "Jalankan semua skenario yang dicentang."
    hint: ClassVar[str] = "Tekan tombol untuk menjalankan."

    def __init__(
        self,
        *,
        choices: tuple[str, ...] = (
            "moderation_degree",
            "moderation_random",
            "fact_checkers_degree",
            "prebunking",
            "nudge",
        ),
        network: str = "scale_free",
        n: int = 1000,
        seeds: int = 10,
        steps: int = 60,
        height: str = "560px",
    ) -> None:
        c: dict[str, w.Widget] = {}
        c["network"] = network_dropdown(network, "Jenis jaringan", "Bentuk jaringan pertemanan.")
        c["n"] = slider(n, 200, 3000, 100, "Jumlah orang", "Banyaknya orang di jaringan.")
        c["seeds"] = slider(
            seeds,
            3,
            30,
            1,
            "Jumlah ulangan (seed)",
            "Setiap skenario dijalankan dengan seed yang SAMA agar adil.",
        )
        c["steps"] = slider(steps, 20, 150, 10, "Jumlah langkah", "Lama simulasi.")
        c["seed"] = seed_box(
            0,
            "Seed akar",
            "Seed akar: seed setiap ulangan diturunkan darinya (sama untuk semua skenario); "
            "juga seed jaringan.",
        )
        c["start"] = slider(
            0,
            0,
            30,
            1,
            "Waktu mulai intervensi (langkah)",
            "0 = sebelum hoaks menyebar; makin besar = makin terlambat (prebunking selalu sebelum hoaks).",
        )
        c["k"] = slider(
            20,
            0,
            200,
            5,
            "Jumlah akun / pemeriksa fakta",
            "Berapa akun dihapus atau berapa pemeriksa fakta ditempatkan.",
        )
        c["coverage"] = slider(
            0.3,
            0.0,
            1.0,
            0.05,
            "Cakupan prebunking",
            "Bagian penduduk yang ikut kampanye literasi/prebunking.",
        )
        c["factor"] = slider(
            0.8,
            0.0,
            1.0,
            0.05,
            "Faktor berbagi (nudge)",
            "0,8 = peluang ikut berbagi turun 20%.",
        )
        for name in ("alpha", "p_verify", "p_forget"):
            c[name] = control_for(HOAX_PARAMS[name])
        self.controls = c
        self.scenario_boxes = {
            key: checkbox(key in choices, label, label) for key, label in SCENARIO_CHOICES.items()
        }
        self.table_widget = w.HTML()
        self.last_result: Comparison | None = None
        left = w.VBox(
            [
                w.HTML("<b>Intervensi</b>"),
                *self.scenario_boxes.values(),
                c["start"],
                c["k"],
                c["coverage"],
                c["factor"],
            ]
        )
        right = w.VBox(
            [
                w.HTML("<b>Jaringan dan hoaks</b>"),
                c["network"],
                c["n"],
                c["seeds"],
                c["steps"],
                c["seed"],
                c["alpha"],
                c["p_verify"],
                c["p_forget"],
            ]
        )
        self._build([left, right], height, below=(self.table_widget,))

    @property
    def choices(self) -> list[str]:
        """Keys of the ticked scenarios."""
        return [k for k, box in self.scenario_boxes.items() if box.value]

    @guarded
    def run(self, _button: Any = None) -> Comparison | None:
        """Run the comparison with the current controls; never raises (errors shown in Indonesian)."""
        self.status.value = "<i>Menjalankan…</i>"
        self.table_widget.value = ""
        t0 = time.perf_counter()
        c = self.controls
        cmp = run_comparison(
            self.choices,
            network=c["network"].value,
            n=int(c["n"].value),
            seeds=int(c["seeds"].value),
            steps=int(c["steps"].value),
            seed=int(c["seed"].value),
            hoax_params={k: c[k].value for k in ("alpha", "p_verify", "p_forget")},
            k=int(c["k"].value),
            coverage=float(c["coverage"].value),
            factor=float(c["factor"].value),
            start=int(c["start"].value),
        )
        png = _png(plot_comparison(cmp))
        text = summarise_comparison(cmp, BASELINE)
        self.last_result = cmp
        self._show(Image(data=png, format="png"))
        self.summary_widget.value = f"<p><b>Ringkasan.</b> {html.escape(text)}</p>"
        self.table_widget.value = cmp.table().to_html(classes="table", border=0)
        self.status.value = (
            f"<small>selesai dalam {format_id(time.perf_counter() - t0, 1)} detik</small>"
        )
        return cmp

    update = run


@dataclass
class MonitorRun:
    """Result of :func:`run_monitor_placement`."""

    train: Cascades
    test: Cascades
    placements: dict[str, list[int]]
    evaluations: dict[str, pd.DataFrame]
    summary: str


def run_monitor_placement(
    *,
    network: str = "scale_free",
    n: int = 300,
    k: int = 10,
    strategies: tuple[str, ...] = ("random", "degree", "celf"),
    objective: str = "reach",
    n_cascades: int = 60,
    steps: int = 30,
    seed: int = 0,
    hoax_params: dict[str, Any] | None = None,
) -> MonitorRun:
    """Simulate training and test cascades, place monitors by each strategy, evaluate on test.

    Placement is learned on training cascades and judged on *different* test cascades, as it
    would be in practice (the next hoax is never the same as the last).
    """
    if not strategies:
        raise ParameterError(
            "choose at least one strategy", "Pilih minimal satu strategi.", field="strategies"
        )
    params = HOAX_PARAMS.validate(hoax_params or {})
    model_params = {key: params[key] for key in ("beta", "alpha", "p_verify", "p_forget")}
    network_params = {"k": 4, "homophily": 0.9} if network == "communities" else {}
    graph = build_network(network, n=n, seed=seed, **network_params)
    train = simulate_cascades(graph, n_cascades, steps=steps, seed=seed, **model_params)
    test = simulate_cascades(graph, n_cascades, steps=steps, seed=seed + 1, **model_params)
    placements, evaluations = {}, {}
    for strategy in strategies:
        placements[strategy] = place_monitors(
            train, k, strategy, objective=objective, seed=seed
        ).monitors
        evaluations[strategy] = evaluate_monitors(test, placements[strategy])
    text = " ".join(summarise_detection(df, k, s) for s, df in evaluations.items())
    return MonitorRun(train, test, placements, evaluations, text)


class MonitorPlacementView(ControlExplorer):
    """Choose where a detection team watches: network with monitors and detection-time histogram.

    Args:
        n: Initial number of people.
        k: Initial number of monitors.
        height: Height of the output area (CSS).
    """

    run_label: ClassVar[str] = "Tempatkan pemantau"
    run_tip: ClassVar[str] = "Pilih pemantau lalu uji pada hoaks baru."
    hint: ClassVar[str] = "Tekan tombol untuk menjalankan."

    def __init__(self, *, n: int = 300, k: int = 10, height: str = "520px") -> None:
        c: dict[str, w.Widget] = {}
        c["network"] = network_dropdown(
            "scale_free", "Jenis jaringan", "Bentuk jaringan pertemanan."
        )
        c["n"] = slider(n, 50, 1000, 50, "Jumlah orang", "Banyaknya orang di jaringan.")
        c["k"] = slider(
            k,
            1,
            50,
            1,
            "Jumlah pemantau",
            "Berapa titik pantau (relawan/FKDM) yang tersedia.",
        )
        c["objective"] = dropdown(
            [
                ("Sesedikit mungkin orang terpapar sebelum terdeteksi", "reach"),
                ("Deteksi secepat mungkin", "time"),
                ("Sebanyak mungkin hoaks terdeteksi", "detection"),
            ],
            "Tujuan CELF",
            "Apa yang dioptimalkan CELF.",
            value="reach",
        )
        c["n_cascades"] = slider(
            60,
            10,
            200,
            10,
            "Jumlah kaskade latihan",
            "Berapa hoaks tiruan dipakai untuk memilih pemantau.",
        )
        c["show"] = dropdown(
            [(STRATEGY_LABELS_ID[s], s) for s in ("celf", "degree", "random")],
            "Tampilkan jaringan untuk",
            "Strategi yang pemantaunya digambar.",
            value="celf",
        )
        c["p_forget"] = control_for(HOAX_PARAMS["p_forget"])
        c["seed"] = seed_box(0, "Seed", "Angka yang sama memberi hasil yang sama.")
        self.controls = c
        self.last_result: MonitorRun | None = None
        self._build(
            [
                w.VBox([c["network"], c["n"], c["k"], c["seed"]]),
                w.VBox([c["objective"], c["n_cascades"], c["p_forget"], c["show"]]),
            ],
            height,
        )

    @guarded
    def run(self, _button: Any = None) -> MonitorRun | None:
        """Place monitors with all three strategies and show the chosen one; never raises."""
        self.status.value = "<i>Menjalankan…</i>"
        t0 = time.perf_counter()
        c = self.controls
        if c["objective"].value not in OBJECTIVES:
            raise ParameterError("bad objective", "Tujuan tidak dikenal.", field="objective")
        result = run_monitor_placement(
            network=c["network"].value,
            n=int(c["n"].value),
            k=int(c["k"].value),
            objective=c["objective"].value,
            n_cascades=int(c["n_cascades"].value),
            seed=int(c["seed"].value),
            hoax_params={"p_forget": c["p_forget"].value},
        )
        shown = c["show"].value
        fig_net = plot_monitors(
            result.train.graph,
            result.placements[shown],
            title=f"Pemantau: {STRATEGY_LABELS_ID[shown]}",
        )
        fig_hist = plot_detection_histogram(result.evaluations)
        pngs = [_png(fig_net), _png(fig_hist)]
        self.last_result = result
        self._show(
            w.HBox([w.Image(value=p, format="png", layout=w.Layout(max_width="49%")) for p in pngs])
        )
        self.summary_widget.value = f"<p><b>Ringkasan.</b> {html.escape(result.summary)}</p>"
        self.status.value = (
            f"<small>selesai dalam {format_id(time.perf_counter() - t0, 1)} detik</small>"
        )
        return result

    update = run


def evaluate_plan(
    plan: list[str] | tuple[str, ...] | None,
    budget: float,
    *,
    n: int = 1000,
    seeds: int = 5,
    steps: int = 60,
    seed: int = 0,
    hoax_params: dict[str, Any] | None = None,
    **scenario_params: Any,
) -> str:
    """Check a participant's response plan: within budget? how much does it help? (Indonesian).

    The plan's interventions act *together* (one combined scenario) and are compared with doing
    nothing on the same seeds. Never raises: bad input gives an Indonesian message.

    Args:
        plan: Keys of :data:`SCENARIO_CHOICES`, or None when not filled in yet.
        budget: Budget in units.
        n, seeds, steps, seed, hoax_params: As in :func:`run_comparison`.
        **scenario_params: Passed to :func:`build_scenarios` (k, coverage, factor, start, …).

    Returns:
        The feedback (also printed).
    """
    if plan is None:
        text = "Belum diisi: ganti None dengan daftar intervensi Anda, lalu jalankan sel ini lagi."
        print(text)
        return text
    try:
        parts = build_scenarios(list(plan), baseline=False, **scenario_params)
        combined = [iv for ivs in parts.values() for iv in ivs]
        params = HOAX_PARAMS.validate(hoax_params or {})
        graph = build_network("scale_free", n=n, seed=seed)
        cmp = compare_interventions(
            {BASELINE: [], "Rencana Anda": combined},
            seeds=seeds,
            root_seed=seed,
            steps=steps,
            graph=graph,
            **params,
        )
    except Exception as exc:  # noqa: BLE001 - feedback, never a traceback
        text = short_message(exc)
        print(text)
        return text
    s = cmp.summary.set_index(["scenario", "metric"])["mean"]
    cost = float(s[("Rencana Anda", "cost")])
    drop = s[(BASELINE, "ever_reached")] - s[("Rencana Anda", "ever_reached")]
    peak_drop = s[(BASELINE, "peak_believers")] - s[("Rencana Anda", "peak_believers")]
    verdict = (
        f"Biaya rencana {fmt_id(cost, 1)} unit — DI ATAS anggaran {fmt_id(float(budget), 1)} unit; "
        "kurangi atau ganti intervensinya."
        if cost > budget
        else f"Biaya rencana {fmt_id(cost, 1)} unit — dalam anggaran {fmt_id(float(budget), 1)} unit."
    )
    text = (
        f"{verdict} Dibanding tanpa intervensi ({seeds} seed yang sama): yang pernah percaya "
        f"turun {fmt_id(100 * drop, 1)} poin persen, puncak turun {fmt_id(100 * peak_drop, 1)} "
        "poin persen."
    )
    print(text)
    return text
