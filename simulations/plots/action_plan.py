"""Figure of the capstone action plan (notebook 07): believers over time without and with the plan.

Returns a :class:`matplotlib.figure.Figure` built without pyplot (see :mod:`simulations.plots.figure`);
the same figure is embedded in the exported HTML/DOCX plan
(:mod:`simulations.response.action_plan`). Pair it with ``ActionPlan.summary_text()``.
"""

from __future__ import annotations

from typing import Any

from matplotlib.figure import Figure

from simulations.plots.figure import new_figure
from simulations.plots.interventions import draw_mean_band
from simulations.plots.style import OKABE_ITO

__all__ = ["PLAN_STYLES", "plan_figure"]

PLAN_STYLES = {
    "Tanpa rencana": {"color": OKABE_ITO["vermillion"], "marker": "o", "linestyle": "--"},
    "Dengan rencana": {"color": OKABE_ITO["blue"], "marker": "s", "linestyle": "-"},
}
"""Baseline dashed vermillion with circles, the plan solid blue with squares."""


def plan_figure(plan: Any) -> Figure:
    """Return the figure: share of believers over time, mean line and 10–90% band per scenario.

    Args:
        plan: An :class:`~simulations.response.action_plan.ActionPlan` (its ``sim`` table, the
            output of :func:`~simulations.response.action_plan.simulate_plan`).
    """
    fig = new_figure((6.5, 3.2))
    ax = fig.add_subplot()
    draw_mean_band(ax, plan.sim, "share_believer", by="scenario", styles=PLAN_STYLES)
    ax.set_xlabel("langkah waktu")
    ax.set_ylabel("porsi warga percaya hoaks")
    ax.set_ylim(0, 1)
    ax.set_title("Simulasi ilustratif: rata-rata dan rentang 10–90% antar-seed")
    ax.legend()
    return fig
