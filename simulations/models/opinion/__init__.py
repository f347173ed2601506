"""Opinion dynamics, polarisation and echo chambers (Module 2).

Every model here is an :class:`~simulations.models.opinion.base.OpinionModel` on the one template
of :mod:`simulations.models.base`: Mesa agents on a network, opinions in one NumPy array,
``engine="vectorized"`` or ``"agents"``, one parameter table per model and one results schema
(:data:`~simulations.models.opinion.base.OPINION_COLUMNS`). The rumour models are in
:mod:`simulations.models.rumour`.
"""

from simulations.models.opinion.base import (
    OPINION_COLUMNS,
    OpinionAgent,
    OpinionModel,
    max_opinion,
    mean_opinion,
    min_opinion,
    std_opinion,
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
    "OPINION_COLUMNS",
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
    "std_opinion",
]
