"""Opinion dynamics, polarisation and echo chambers (Module 2).

Every model here is an :class:`~simulations.models.opinion.base.OpinionModel` (or, for the echo
chamber, directly a :class:`~simulations.models.base.PopulationModel`) on the shared population base
of :mod:`simulations.models.base`: Mesa agents on a network, opinions in one NumPy array,
``engine="vectorized"`` or ``"agents"``, one parameter table per model. The rumour models are in
:mod:`simulations.models.rumour`.
"""

from simulations.models.opinion.base import (
    OpinionAgent,
    OpinionModel,
    max_opinion,
    mean_opinion,
    min_opinion,
    opinion_std,
)
from simulations.models.opinion.bounded_confidence import (
    ALGORITHMIC_BIAS_PARAMS,
    DEFFUANT_PARAMS,
    HEGSELMANN_KRAUSE_PARAMS,
    AlgorithmicBiasModel,
    BoundedConfidenceAgent,
    DeffuantModel,
    HegselmannKrauseModel,
    frozen_pairs_converged,
)
from simulations.models.opinion.coevolving import COEVOLVING_PARAMS, CoevolvingModel
from simulations.models.opinion.echo_chamber import (
    ECHO_CHAMBER_PARAMS,
    PAPER_REGIMES,
    EchoChamberModel,
    classify_regime,
    critical_controversy,
)
from simulations.models.opinion.stubborn import (
    DEGROOT_PARAMS,
    FRIEDKIN_JOHNSEN_PARAMS,
    DeGrootModel,
    FriedkinJohnsenAgent,
    FriedkinJohnsenModel,
)

__all__ = [
    "ALGORITHMIC_BIAS_PARAMS",
    "COEVOLVING_PARAMS",
    "DEFFUANT_PARAMS",
    "DEGROOT_PARAMS",
    "ECHO_CHAMBER_PARAMS",
    "FRIEDKIN_JOHNSEN_PARAMS",
    "HEGSELMANN_KRAUSE_PARAMS",
    "PAPER_REGIMES",
    "AlgorithmicBiasModel",
    "BoundedConfidenceAgent",
    "CoevolvingModel",
    "DeGrootModel",
    "DeffuantModel",
    "EchoChamberModel",
    "FriedkinJohnsenAgent",
    "FriedkinJohnsenModel",
    "HegselmannKrauseModel",
    "OpinionAgent",
    "OpinionModel",
    "classify_regime",
    "critical_controversy",
    "frozen_pairs_converged",
    "max_opinion",
    "mean_opinion",
    "min_opinion",
    "opinion_std",
]
