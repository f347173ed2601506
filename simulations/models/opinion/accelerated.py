"""Optional compiled kernel (Numba) for the sequential sweep of the algorithmic-bias model.

The algorithmic-bias model (Sîrbu et al. 2019) is asynchronous: each of the N meetings of a sweep
sees the opinions left by the previous one, and the partner weights ``max(|x_i − x_j|, floor)^(−γ)``
depend on those opinions. The NumPy engine keeps that meaning with rounds of disjoint meetings
and re-picks (see :class:`~simulations.models.opinion.AlgorithmicBiasModel`); with Numba installed
(``pip install -e ".[fast]"``), ``AlgorithmicBiasModel(..., engine="compiled")`` instead runs the
plain sequential loop compiled to machine code — the very rule of
:meth:`BoundedConfidenceAgent.choose_partner` and :meth:`BoundedConfidenceAgent.interact`, in the
same order, on the same random numbers, so it equals ``engine="agents"`` bit for bit.

The compiled engine is used only when asked for: no model switches to it by itself, so a seed
gives the same numbers on a machine with Numba as on one without.
"""

from __future__ import annotations

import numpy as np

try:  # pragma: no cover - exercised only where numba is installed
    import numba
except ImportError:  # pragma: no cover
    numba = None

HAVE_NUMBA = numba is not None
"""Whether the compiled kernel is available."""


def _biased_sweep_py(
    x: np.ndarray,
    fixed: np.ndarray,
    indptr: np.ndarray,
    indices: np.ndarray,
    initiators: np.ndarray,
    u: np.ndarray,
    epsilon: float,
    mu: float,
    gamma: float,
    floor: float,
) -> None:
    """One sweep of biased meetings, in order, modifying ``x`` in place.

    Same arithmetic as the agents engine: weights ``max(|x_j − x_i|, floor)^(−γ)`` in CSR row
    order, the partner is the first whose running sum exceeds ``u·Σw`` (the last one if rounding
    leaves none), then a Deffuant meeting. γ = 1 and γ = 2 use a division instead of ``pow``.
    """
    max_degree = 0
    for r in range(indptr.shape[0] - 1):
        max_degree = max(max_degree, indptr[r + 1] - indptr[r])
    weights = np.empty(max_degree)
    for k in range(initiators.shape[0]):
        i = initiators[k]
        start, end = indptr[i], indptr[i + 1]
        if start == end:
            continue
        xi = x[i]
        total = 0.0
        for p in range(start, end):
            d = max(abs(x[indices[p]] - xi), floor)
            if gamma == 1.0:
                w = 1.0 / d
            elif gamma == 2.0:
                w = 1.0 / (d * d)
            else:
                w = d ** (-gamma)
            weights[p - start] = w
            total += w
        target = u[k] * total
        running = 0.0
        j = indices[end - 1]
        for p in range(start, end):
            running += weights[p - start]
            if running > target:
                j = indices[p]
                break
        xj = x[j]
        d = xj - xi
        if abs(d) < epsilon:
            if not fixed[i]:
                x[i] = xi + mu * d
            if not fixed[j]:
                x[j] = xj - mu * d


biased_sweep = numba.njit(cache=True, nogil=True)(_biased_sweep_py) if HAVE_NUMBA else None
"""The compiled sweep, or None without Numba."""
