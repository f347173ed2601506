"""Mean-field companion of the hoax model and its eradication threshold (Tambuscio et al. 2015).

In the homogeneous mean-field approximation every susceptible person has some active neighbour
and sees believers and fact-checkers in proportion to their densities ``b`` and ``f``. The
densities then follow the discrete-time map (``s = 1 - b - f``)::

    b(t+1) = b + β·s·b(1+α)/D − (p_verify + p_forget)·b
    f(t+1) = f + β·s·f(1−α)/D + p_verify·b − p_forget·f
    D      = b(1+α) + f(1−α)

At a fixed point with ``b > 0`` one needs ``p_verify < 2·α·p_forget/(1−α)``; hence the hoax is
eradicated (``b → 0``) when ``p_verify ≥ 2·α·p_forget/(1−α)``, a condition that does not depend
on the spreading rate β.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from simulations.core.params import as_float_array, check_range, check_steps
from simulations.models.hoax.params import HOAX_PARAMS


def eradication_threshold(alpha: float, p_forget: float) -> float:
    """Return the smallest ``p_verify`` that eradicates the hoax in mean field.

    Args:
        alpha: Credibility α in [0, 1].
        p_forget: Forgetting probability per step in [0, 1].

    Returns:
        ``2·α·p_forget/(1−α)``; ``inf`` when α = 1 (the hoax can never be eradicated) and 0 when
        α = 0 or ``p_forget`` = 0.
    """
    values = HOAX_PARAMS.validate(alpha=alpha, p_forget=p_forget, p_verify=0.0)
    a, pf = values["alpha"], values["p_forget"]
    if a * pf == 0:
        return 0.0
    if a >= 1.0:
        return math.inf
    return 2.0 * a * pf / (1.0 - a)


def check_share(value: Any, name: str, upper: float) -> float:
    """Return ``value`` as a float if it is a real number in ``[0, upper]`` (an initial share)."""
    arr = as_float_array([value], name)
    check_range(arr, name, 0.0, upper)
    return float(arr[0])


def mean_field(
    steps: int = 100,
    *,
    beta: float = HOAX_PARAMS["beta"].default,
    alpha: float = HOAX_PARAMS["alpha"].default,
    p_verify: float = HOAX_PARAMS["p_verify"].default,
    p_forget: float = HOAX_PARAMS["p_forget"].default,
    believers0: float = 0.01,
    fact_checkers0: float = 0.0,
) -> pd.DataFrame:
    """Iterate the mean-field map and return the shares per step.

    Args:
        steps: Number of steps.
        beta, alpha, p_verify, p_forget: Model parameters, as in :class:`HoaxModel`.
        believers0: Initial share of believers, [0, 1].
        fact_checkers0: Initial share of fact-checkers, [0, 1 - believers0].

    Returns:
        DataFrame with columns ``step``, ``share_susceptible``, ``share_believer``,
        ``share_fact_checker``.
    """
    v = HOAX_PARAMS.validate(beta=beta, alpha=alpha, p_verify=p_verify, p_forget=p_forget)
    steps = check_steps(steps, bytes_each=24)
    b = check_share(believers0, "believers0", 1.0)
    f = check_share(fact_checkers0, "fact_checkers0", 1.0 - b)
    a, bt, pv, pf = v["alpha"], v["beta"], v["p_verify"], v["p_forget"]
    out = np.empty((steps + 1, 3))
    out[0] = (1 - b - f, b, f)
    for t in range(1, steps + 1):
        s = 1.0 - b - f
        d = b * (1 + a) + f * (1 - a)
        to_b = bt * s * b * (1 + a) / d if d > 0 else 0.0
        to_f = bt * s * f * (1 - a) / d if d > 0 else 0.0
        b, f = b + to_b - (pv + pf) * b, f + to_f + pv * b - pf * f
        out[t] = (1 - b - f, b, f)
    df = pd.DataFrame(out, columns=["share_susceptible", "share_believer", "share_fact_checker"])
    df.insert(0, "step", np.arange(steps + 1))
    return df
