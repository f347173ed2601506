"""Opinion dynamics, polarisation, echo chambers and rumours (Module 2).

Models share the engine of :mod:`simulations.models.opinion.base` (Mesa agents on a network, opinions in
one NumPy array, ``engine="vectorized"`` or ``"agents"``, one parameter table per model).
"""

from simulations.models.opinion.base import (
    COMPLETE,
    ENGINES,
    OpinionAgent,
    OpinionModel,
    PopulationAgent,
    PopulationModel,
    conflict_free_rounds,
    conflict_free_schedule,
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
from simulations.models.rumour import (
    RUMOUR_PARAMS,
    RUMOUR_STATE_LABELS_ID,
    VARIANTS,
    RumourAgent,
    RumourModel,
    RumourState,
    count_ignorant,
    count_spreaders,
    count_stiflers,
    final_ignorant_share,
)

__all__ = [
    "COEVOLVING_PARAMS",
    "CoevolvingModel",
    "ECHO_CHAMBER_PARAMS",
    "PAPER_REGIMES",
    "EchoChamberModel",
    "classify_regime",
    "critical_controversy",
    "ALGORITHMIC_BIAS_PARAMS",
    "DEFFUANT_PARAMS",
    "HEGSELMANN_KRAUSE_PARAMS",
    "AlgorithmicBiasModel",
    "BoundedConfidenceAgent",
    "DeffuantModel",
    "HegselmannKrauseModel",
    "frozen_pairs_converged",
    "RUMOUR_PARAMS",
    "RUMOUR_STATE_LABELS_ID",
    "VARIANTS",
    "RumourAgent",
    "RumourModel",
    "RumourState",
    "count_ignorant",
    "count_spreaders",
    "count_stiflers",
    "final_ignorant_share",
    "DEGROOT_PARAMS",
    "FRIEDKIN_JOHNSEN_PARAMS",
    "DeGrootModel",
    "FriedkinJohnsenAgent",
    "FriedkinJohnsenModel",
    "COMPLETE",
    "ENGINES",
    "OpinionAgent",
    "OpinionModel",
    "PopulationAgent",
    "PopulationModel",
    "conflict_free_rounds",
    "conflict_free_schedule",
    "max_opinion",
    "mean_opinion",
    "min_opinion",
    "opinion_std",
]
