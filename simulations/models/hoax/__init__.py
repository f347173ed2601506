"""The hoax / fact-checking model (Tambuscio et al. 2015) on two engines, with its mean field."""

from simulations.models.hoax.agents import STATE_LABELS_ID, Person, State
from simulations.models.hoax.meanfield import eradication_threshold, mean_field
from simulations.models.hoax.model import (
    HoaxModel,
    count_believers,
    count_fact_checkers,
    count_susceptible,
    share_believers,
)
from simulations.models.hoax.params import HOAX_PARAMS
from simulations.models.hoax.rule import hoax_step, neighbour_counts

__all__ = [
    "HOAX_PARAMS",
    "STATE_LABELS_ID",
    "HoaxModel",
    "Person",
    "State",
    "count_believers",
    "count_fact_checkers",
    "count_susceptible",
    "eradication_threshold",
    "hoax_step",
    "mean_field",
    "neighbour_counts",
    "share_believers",
]
