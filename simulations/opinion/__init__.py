"""Opinion dynamics, polarisation, echo chambers and rumours (Module 2).

Models share the engine of :mod:`simulations.opinion.base` (Mesa agents on a network, opinions in
one NumPy array, ``engine="vectorized"`` or ``"agents"``, one parameter table per model).
"""

from .base import (
    COMPLETE,
    ENGINES,
    OpinionAgent,
    OpinionModel,
    PopulationModel,
    conflict_free_rounds,
    max_opinion,
    mean_opinion,
    min_opinion,
    opinion_std,
)

__all__ = [
    "COMPLETE",
    "ENGINES",
    "OpinionAgent",
    "OpinionModel",
    "PopulationModel",
    "conflict_free_rounds",
    "max_opinion",
    "mean_opinion",
    "min_opinion",
    "opinion_std",
]
