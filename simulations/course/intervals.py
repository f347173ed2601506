"""95 % intervals for the numbers the evaluation report shows a trainer.

A class of 20–40 participants gives noisy item statistics and gains; every number the report shows
comes with an interval, and every flag ("periksa kunci", "perlu direvisi") fires only when the
interval — not the point estimate — lies outside the acceptable range.

* Proportions (item difficulty ``p``, share of participants who mastered a module): Wilson score
  interval (Wilson 1927, *JASA* 22:209), via :meth:`scipy.stats.binomtest` ``proportion_ci``.
* Difference of two independent proportions (discrimination ``D = p_upper − p_lower``): Newcombe's
  hybrid score interval, method 10 in Newcombe (1998), *Statistics in Medicine* 17:873–890.
* Correlations (corrected point-biserial ``r_pb``): Fisher's z transformation, as
  :meth:`scipy.stats.pearsonr` ``confidence_interval``.
* KR-20 / Cronbach's alpha: Feldt's F-based interval (Feldt 1965, *Psychometrika* 30:357;
  Feldt, Woodruff & Salih 1987, *Applied Psychological Measurement* 11:93).
* Means (scores in percent): Student-t interval.
* Hake's class gain ``<g> = (mean post − mean pre)/(100 − mean pre)``: a ratio of paired means;
  first-order Taylor (delta-method) linearisation with a Student-t quantile: the influence of
  participant ``i`` is ``z_i = (post_i − pre_i) + <g>·pre_i`` and
  ``SE(<g>) = sd(z)/(√n·(100 − mean pre))`` (e.g. Cochran 1977, *Sampling Techniques*, §6.4, for
  the ratio estimator). ``tests/test_recovery.py`` checks its coverage by simulation.

Every function returns ``(nan, nan)`` when the interval is undefined (too few participants, no
variance); the report prints such a value as "tidak terdefinisi", never ``nan``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
from scipy import stats

__all__ = [
    "LEVEL",
    "class_gain_interval",
    "feldt_interval",
    "mean_interval",
    "newcombe_difference",
    "pearson_interval",
    "wilson_interval",
]

LEVEL = 0.95
"""Confidence level of every interval in the report."""

NAN2 = (math.nan, math.nan)


def wilson_interval(successes: int, n: int, level: float = LEVEL) -> tuple[float, float]:
    """Return the Wilson score interval of a proportion ``successes / n``.

    Closed form ``(k + z²/2)/(n + z²) ± z/(n + z²)·√(k(n − k)/n + z²/4)``; the same numbers as
    ``scipy.stats.binomtest(k, n).proportion_ci(level, method="wilson")`` (checked in the tests),
    without computing a p-value for each of the report's hundreds of proportions.

    Args:
        successes: Number of successes, 0 ≤ successes ≤ n.
        n: Number of trials; ``(nan, nan)`` when 0.
        level: Confidence level in (0, 1).
    """
    if n <= 0:
        return NAN2
    # float(n) gives the same bits as the int in every operation below; one cache for both
    return _wilson(float(successes), float(n), level)


@lru_cache(maxsize=8192)
def _wilson(k: float, n: float, level: float) -> tuple[float, float]:
    # cached: a class of n has only n + 1 possible counts, and the report asks for hundreds
    z = _z(level)
    denom = n + z * z
    centre = (k + z * z / 2) / denom
    half = z / denom * math.sqrt(k * (n - k) / n + z * z / 4)
    return max(0.0, centre - half), min(1.0, centre + half)


@lru_cache(maxsize=8)
def _z(level: float) -> float:
    return float(stats.norm.ppf(0.5 + level / 2))


@lru_cache(maxsize=1024)
def _t(level: float, df: int) -> float:
    """Two-sided Student-t quantile (cached: scipy's ``ppf`` costs about 0.1 ms a call)."""
    return float(stats.t.ppf(0.5 + level / 2, df))


@lru_cache(maxsize=1024)
def _f(q: float, df1: int, df2: int) -> float:
    """Quantile ``q`` of the F distribution (cached, as :func:`_t`)."""
    return float(stats.f.ppf(q, df1, df2))


def newcombe_difference(
    k1: int, n1: int, k2: int, n2: int, level: float = LEVEL
) -> tuple[float, float]:
    """Return Newcombe's (1998, method 10) interval for ``k1/n1 − k2/n2`` (independent groups).

    ``L = d − √((p1 − l1)² + (u2 − p2)²)``, ``U = d + √((u1 − p1)² + (p2 − l2)²)`` with ``(l, u)``
    the Wilson intervals of each proportion.
    """
    if n1 <= 0 or n2 <= 0:
        return NAN2
    # whole counts as floats: the same quotients as with ints, and one cache (groups of a class
    # give few distinct tables: with 11 people in each group, 144)
    return _newcombe(float(k1), float(n1), float(k2), float(n2), level)


@lru_cache(maxsize=8192)
def _newcombe(k1: float, n1: float, k2: float, n2: float, level: float) -> tuple[float, float]:
    p1, p2 = k1 / n1, k2 / n2
    l1, u1 = _wilson(k1, n1, level)
    l2, u2 = _wilson(k2, n2, level)
    d = p1 - p2
    return (
        max(-1.0, d - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)),
        min(1.0, d + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)),
    )


def pearson_interval(
    x: Sequence[float], y: Sequence[float], level: float = LEVEL
) -> tuple[float, float]:
    """Return the Fisher-z interval of the Pearson (here point-biserial) correlation of ``x`` and ``y``.

    ``(nan, nan)`` with fewer than 4 pairs or when either variable has no variance.
    """
    a, b = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if len(a) < 4 or a.std() == 0 or b.std() == 0:
        return NAN2
    return correlation_interval(float(np.clip(np.corrcoef(a, b)[0, 1], -1.0, 1.0)), len(a), level)


def correlation_interval(r: float, n: int, level: float = LEVEL) -> tuple[float, float]:
    """Return the Fisher-z interval of a Pearson correlation ``r`` in [-1, 1] of ``n`` pairs.

    ``(nan, nan)`` with fewer than 4 pairs or a NaN ``r``; ``(r, r)`` when ``|r| = 1``.
    """
    if n < 4 or math.isnan(r):
        return NAN2
    if abs(r) == 1.0:
        return r, r
    # Fisher's z, exactly what scipy.stats.pearsonr(...).confidence_interval() computes (checked
    # in the tests) but without a p-value per item
    z, se = math.atanh(r), 1 / math.sqrt(n - 3)
    return math.tanh(z - _z(level) * se), math.tanh(z + _z(level) * se)


def feldt_interval(alpha: float, n: int, k: int, level: float = LEVEL) -> tuple[float, float]:
    """Return Feldt's interval for KR-20 / Cronbach's alpha of ``k`` items on ``n`` participants.

    ``[1 − (1 − α)·F_{1−γ/2}(n−1, (n−1)(k−1)),  1 − (1 − α)·F_{γ/2}(n−1, (n−1)(k−1))]``.
    """
    if not math.isfinite(alpha) or n < 3 or k < 2:
        return NAN2
    df1, df2 = n - 1, (n - 1) * (k - 1)
    tail = (1 - level) / 2
    return (
        1 - (1 - alpha) * _f(1 - tail, df1, df2),
        min(1.0, 1 - (1 - alpha) * _f(tail, df1, df2)),
    )


def mean_interval(
    x: Sequence[float],
    level: float = LEVEL,
    bounds: tuple[float, float] = (-math.inf, math.inf),
) -> tuple[float, float]:
    """Return the Student-t interval of the mean of ``x`` (``(nan, nan)`` with fewer than 2 values).

    Args:
        x: The values (NaN values are left out).
        level: Confidence level.
        bounds: The range the mean can take (e.g. ``(0, 100)`` for percent scores); the interval
            is cut to it, so a class of three never reads "−27 % to 133 %".
    """
    a = np.asarray(x, dtype=float)
    a = a[~np.isnan(a)]
    if len(a) < 2:
        return NAN2
    m, se = float(a.mean()), float(a.std(ddof=1)) / math.sqrt(len(a))
    if se == 0:
        return m, m
    half = _t(level, len(a) - 1) * se
    return max(bounds[0], m - half), min(bounds[1], m + half)


def class_gain_interval(
    pre_percent: Sequence[float], post_percent: Sequence[float], level: float = LEVEL
) -> tuple[float, float]:
    """Return the delta-method interval of Hake's class gain from paired percent scores.

    Args:
        pre_percent: Pre-test scores (0–100) of the matched participants.
        post_percent: Their post-test scores, same order.
        level: Confidence level.

    Returns:
        ``(low, high)``; ``(nan, nan)`` with fewer than 2 participants or a mean pre-test of 100 %.
    """
    x, y = np.asarray(pre_percent, dtype=float), np.asarray(post_percent, dtype=float)
    n = len(x)
    if n < 2 or len(y) != n:
        return NAN2
    room = 100.0 - x.mean()
    if room <= 0:
        return NAN2
    g = (y.mean() - x.mean()) / room
    z = (y - x) + g * x
    se = float(z.std(ddof=1)) / (math.sqrt(n) * room)
    half = _t(level, n - 1) * se
    return g - half, min(1.0, g + half)  # <g> cannot exceed 1 (post = 100 %)
