"""The sequential sweep of the algorithmic-bias model: one kernel, run by Python or compiled by Numba.

The algorithmic-bias model (Sîrbu et al. 2019) is asynchronous: each of the N meetings of a sweep
sees the opinions left by the previous one, and the partner weights ``max(|x_i − x_j|, floor)^(−γ)``
depend on those opinions, so the meetings of a sweep cannot be split into independent rounds the
way Deffuant's can. :func:`biased_sweep_py` is that sweep, written once with the very arithmetic of
:meth:`~simulations.models.opinion.BoundedConfidenceAgent.choose_partner` and
:meth:`~simulations.models.opinion.BoundedConfidenceAgent.interact` (weights in partner order, a
running sum, the first partner whose running sum exceeds ``u·Σw``):

* ``engine="vectorized"`` runs it in plain Python on lists (about 50 ms per sweep at 10,000 people
  on a network; under complete mixing every meeting weighs everyone with :func:`biased_pick`, the
  NumPy form that the agents engine calls too);
* ``engine="compiled"`` (with Numba installed: ``pip install -e ".[fast]"``) runs the same function
  compiled to machine code on arrays (about 0.7 ms per sweep at 10,000 people, networks only).

Both give the agents engine's opinions bit for bit (the same IEEE operations in the same order).
The compiled engine is used only when asked for: no model switches to it by itself, so a seed
gives the same numbers on a machine with Numba as on one without.
"""

from __future__ import annotations

from typing import Any

import numpy as np

try:  # pragma: no cover - exercised only where numba is installed
    import numba
except ImportError:  # pragma: no cover
    numba = None

HAVE_NUMBA = numba is not None
"""Whether the compiled kernel is available."""


def biased_sweep_py(
    x: Any,
    fixed: Any,
    indptr: Any,
    indices: Any,
    initiators: Any,
    u: Any,
    epsilon: float,
    mu: float,
    gamma: float,
    floor: float,
    weights: Any,
) -> None:
    """One sweep of biased meetings on a network, in order, modifying ``x`` in place.

    Args:
        x: Opinions (a list or a float64 array), modified in place.
        fixed: Per person, whether the opinion never changes.
        indptr, indices: The CSR adjacency (partners in row order).
        initiators, u: The sweep's initiators and one uniform number each.
        epsilon, mu, gamma, floor: The model's ε, μ, γ and ``min_distance``.
        weights: Scratch space of at least the largest degree.
    """
    one, two = gamma == 1.0, gamma == 2.0
    for k in range(len(initiators)):
        i = initiators[k]
        start = indptr[i]
        deg = indptr[i + 1] - start
        if deg == 0:
            continue
        xi = x[i]
        total = 0.0
        for p in range(deg):
            d = abs(x[indices[start + p]] - xi)
            if d < floor:
                d = floor
            w = 1.0 / d if one else 1.0 / (d * d) if two else d ** (-gamma)
            weights[p] = w
            total += w
        target = u[k] * total
        running = 0.0
        q = deg - 1  # rounding may leave no running sum above the target: the last partner
        for p in range(deg):
            running += weights[p]
            if running > target:
                q = p
                break
        j = indices[start + q]
        xj = x[j]
        d = xj - xi
        if abs(d) < epsilon:
            if not fixed[i]:
                x[i] = xi + mu * d
            if not fixed[j]:
                x[j] = xj - mu * d


def biased_pick(partner_x: np.ndarray, mine: float, u: float, gamma: float, floor: float) -> int:
    """Return the index of the partner chosen by inversion of ``u`` (NumPy, for complete mixing).

    Weights ``max(|x_j − x_i|, floor)^(−γ)`` over ``partner_x`` in order, their running sum
    (``np.cumsum``, sequential), the first partner whose running sum exceeds ``u·Σw``. Both engines
    call this one function under complete mixing, so they agree bit for bit.
    """
    d = np.abs(partner_x - mine)
    np.maximum(d, floor, out=d)
    if gamma == 1.0:
        w = np.reciprocal(d, out=d)
    elif gamma == 2.0:
        d *= d
        w = np.reciprocal(d, out=d)
    else:
        w = np.power(d, -gamma, out=d)
    running = np.cumsum(w, out=w)
    k = int(np.searchsorted(running, u * running[-1], side="right"))
    return min(k, len(running) - 1)


biased_sweep = numba.njit(cache=True, nogil=True)(biased_sweep_py) if HAVE_NUMBA else None
"""The compiled sweep (arrays only), or None without Numba."""
