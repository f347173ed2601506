"""The hoax model's parameter table (one declaration drives validation, widgets, CLI and docs)."""

from __future__ import annotations

from typing import Any

import numpy as np

from simulations.core.errors import ParameterError
from simulations.core.formatting import general_id
from simulations.core.params import Param, ParamTable


def _verify_plus_forget(values: dict[str, Any]) -> None:
    total = values["p_verify"] + values["p_forget"]
    if total > 1 + 1e-12:
        raise ParameterError(
            f"p_verify + p_forget = {total:g} must not exceed 1 (a believer verifies or forgets in one step, not both)",
            f"Peluang verifikasi + peluang lupa = {general_id(total)}; jumlahnya tidak boleh lebih "
            "dari 1 "
            "(dalam satu langkah seorang percaya-hoaks hanya bisa memeriksa fakta ATAU lupa).",
            field="p_verify",
        )


def check_p_sum(p_verify: Any, p_forget: float) -> None:
    """Check ``p_verify + p_forget <= 1`` for everyone (``p_verify`` may be per person)."""
    _verify_plus_forget({"p_verify": float(np.max(p_verify)), "p_forget": float(p_forget)})


STATE_COLUMNS = ("susceptible", "believer", "fact_checker")
"""Names of the states in results tables (English snake_case, in :class:`State` order)."""

HOAX_PARAMS = ParamTable(
    (
        Param(
            "beta",
            "Laju penyebaran (β)",
            "Peluang per langkah seseorang yang belum tahu ikut terpapar bila ada teman yang membagikan hoaks atau klarifikasinya.",
            0.5,
            0.0,
            1.0,
            0.01,
            unit="probability per step",
            description="Spreading rate: probability per step that a susceptible with at least one believer or fact-checker neighbour adopts a side.",
        ),
        Param(
            "alpha",
            "Kredibilitas hoaks (α)",
            "Seberapa meyakinkan hoaks dibanding klarifikasinya (0 = tidak meyakinkan, 1 = sangat meyakinkan).",
            0.6,
            0.0,
            1.0,
            0.01,
            unit="dimensionless, [0, 1]",
            description="Credibility of the hoax: believer vs fact-checker odds n_B(1+α) : n_F(1−α).",
        ),
        Param(
            "p_verify",
            "Peluang verifikasi",
            "Peluang per langkah seorang yang percaya hoaks memeriksa fakta lalu berbalik menjadi pemeriksa fakta.",
            0.05,
            0.0,
            1.0,
            0.01,
            unit="probability per step",
            description="Probability per step that a believer checks the facts and becomes a fact-checker.",
        ),
        Param(
            "p_forget",
            "Peluang lupa",
            "Peluang per langkah seseorang melupakan hoaks maupun klarifikasinya dan kembali 'belum tahu'.",
            0.1,
            0.0,
            1.0,
            0.01,
            unit="probability per step",
            description="Probability per step that a believer or fact-checker forgets and becomes susceptible again.",
        ),
        Param(
            "initial_believers",
            "Penyebar awal",
            "Jumlah orang yang sudah percaya hoaks di awal.",
            10,
            0,
            None,
            1,
            kind="int",
            unit="people",
            description="Number of initial believers (placed at random unless nodes are given).",
        ),
        Param(
            "initial_fact_checkers",
            "Pemeriksa fakta awal",
            "Jumlah pemeriksa fakta di awal.",
            0,
            0,
            None,
            1,
            kind="int",
            unit="people",
            description="Number of initial fact-checkers (placed at random unless nodes are given).",
        ),
    ),
    checks=(_verify_plus_forget,),
)
"""Parameters of :class:`~simulations.models.hoax.HoaxModel` (Tambuscio et al. 2015)."""
