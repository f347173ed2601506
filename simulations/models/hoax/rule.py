"""The hoax model's transition rule on arrays: one function shared by every vectorised path.

:class:`~simulations.models.hoax.HoaxModel` (``engine="vectorized"``) and the array-only mode for very
large networks both call :func:`hoax_step`, so there is one implementation of the rule besides the
readable per-agent version in :meth:`simulations.models.hoax.Person.decide`.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

SUSCEPTIBLE, BELIEVER, FACT_CHECKER = 0, 1, 2
_BITS = 20
_SHIFT = float(2**_BITS)
_MASK = 2**_BITS - 1
MAX_DEGREE_INT32 = 2**11 - 1
"""Largest degree for which an ``int32`` adjacency counts neighbours exactly (b + f·2^20 < 2^31)."""
_TINY = 1e-300


def neighbour_counts(
    state: np.ndarray, adjacency: sp.csr_array, active: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Count believer and fact-checker neighbours of everyone in one sparse product.

    The pair is encoded as ``b + f·2^20`` and decoded after the product, halving the passes over
    the adjacency. With integer data (what :class:`~simulations.models.hoax.HoaxModel` uses) the
    counts are exact integers and decode with a shift and a mask; ``int32`` data is exact while
    every degree is at most :data:`MAX_DEGREE_INT32` (2,047), ``int64`` data up to 2^20 − 1; with
    float64 data the counts are exact floats (fewer than 2^20 neighbours).

    Args:
        state: ``int8`` states (0 S, 1 B, 2 F), shape (N,).
        adjacency: CSR adjacency (0/1 entries; int32, int64 or float64 data), shape (N, N).
        active: Optional ``bool`` mask; people with False are not heard by their neighbours.

    Returns:
        ``(n_b, n_f)``: arrays of shape (N,), of the adjacency's kind (integers or floats).
    """
    return _counts(state == BELIEVER, state == FACT_CHECKER, adjacency, active)


def _counts(
    is_b: np.ndarray, is_f: np.ndarray, adjacency: sp.csr_array, active: np.ndarray | None
) -> tuple[np.ndarray, np.ndarray]:
    if active is not None:
        is_b, is_f = is_b & active, is_f & active
    if adjacency.dtype.kind == "i":
        # integer product: reads less than float64 (int32) and decodes without division
        code = is_f.astype(adjacency.dtype)
        code <<= _BITS
        code |= is_b
        total = adjacency @ code
        return total & _MASK, total >> _BITS
    code = is_f * _SHIFT
    code += is_b
    total = adjacency @ code
    n_f = np.floor(total * (1.0 / _SHIFT))
    total -= n_f * _SHIFT
    return total, n_f


def hoax_step(
    state: np.ndarray,
    adjacency: sp.csr_array,
    u: np.ndarray,
    *,
    alpha: np.ndarray | float,
    beta: np.ndarray | float,
    p_verify: np.ndarray | float,
    p_forget: np.ndarray | float,
    active: np.ndarray | None = None,
    fixed: np.ndarray | None = None,
) -> np.ndarray:
    """Return the states at ``t+1`` from the states at ``t`` (synchronous update).

    Rule of Tambuscio et al. (2015), with one uniform ``u[i]`` per person: a susceptible with
    weights ``w_B = n_B(1+α)``, ``w_F = n_F(1−α)`` (``w_B + w_F > 0``) becomes a believer if
    ``u < β·w_B/(w_B+w_F)``, a fact-checker if not but ``u < β``; a believer forgets if
    ``u < p_forget``, else verifies if ``u < p_forget + p_verify``; a fact-checker forgets if
    ``u < p_forget``. People with ``fixed`` True keep their state.

    The comparisons are exactly those of :meth:`simulations.models.hoax.Person.decide`, so both
    engines turn the same ``u`` into the same states; the masks are written in the order that
    lets later assignments override earlier ones (fewer array passes than one mask per outcome).

    Args:
        state: ``int8`` states at ``t``, shape (N,); not modified.
        adjacency: CSR adjacency as for :func:`neighbour_counts`.
        u: Uniform numbers in [0, 1), shape (N,).
        alpha, beta, p_verify, p_forget: Per-person arrays of shape (N,) or scalars.
        active: Optional mask of people whose state reaches their neighbours.
        fixed: Optional mask of people whose state never changes.

    Returns:
        A new ``int8`` array of states at ``t+1``.
    """
    is_b = state == BELIEVER
    is_f = state == FACT_CHECKER
    n_b, n_f = _counts(is_b, is_f, adjacency, active)
    w_b = n_b * (1.0 + alpha)
    w_f = n_f * (1.0 - alpha)
    total = w_b + w_f
    exposed = total > 0.0
    exposed &= state == SUSCEPTIBLE
    # For exposed people total > 0, so dividing by max(total, tiny) is dividing by total; the
    # others' value is never used (and no division by zero has to be silenced).
    p_believe = beta * w_b
    p_believe /= np.maximum(total, _TINY)
    new = state.copy()
    # susceptible: F if u < β, overridden by B if u < β·w_B/(w_B+w_F) (the agent's if/elif)
    new[exposed & (u < beta)] = FACT_CHECKER
    new[exposed & (u < p_believe)] = BELIEVER
    # believer: F if u < p_forget + p_verify; believer or fact-checker: S if u < p_forget
    new[is_b & (u < p_forget + p_verify)] = FACT_CHECKER
    new[(is_b | is_f) & (u < p_forget)] = SUSCEPTIBLE
    if fixed is not None and fixed.any():
        new[fixed] = state[fixed]
    return new
