"""The people of the hoax model: one Mesa agent per node, its state stored in the model's arrays.

The per-agent rule in :meth:`Person.decide` is the readable version of the model for class and the
hook researchers override (subclass :class:`Person`, pass ``agent_class=`` to the model and use
``engine="agents"``). The vectorised engine in :mod:`simulations.models.hoax.model` runs the same rule
for everyone at once.
"""

from __future__ import annotations

from enum import IntEnum
from typing import TYPE_CHECKING

from simulations.models.base import PopulationAgent

if TYPE_CHECKING:
    from simulations.models.hoax.model import HoaxModel


class State(IntEnum):
    """The three states of Tambuscio et al. (2015)."""

    SUSCEPTIBLE = 0
    """Has not taken a side (Indonesian: *belum tahu*)."""
    BELIEVER = 1
    """Believes and spreads the hoax (*percaya hoaks*)."""
    FACT_CHECKER = 2
    """Knows the debunking and spreads it (*pemeriksa fakta*)."""


STATE_LABELS_ID = {
    State.SUSCEPTIBLE: "Belum tahu",
    State.BELIEVER: "Percaya hoaks",
    State.FACT_CHECKER: "Pemeriksa fakta",
}
"""Indonesian names of the states, for plots and summaries."""


class Person(PopulationAgent):
    """A person on the social network.

    The agent owns no state of its own: ``state`` (a :class:`State`), ``alpha`` and the
    probabilities read the person's slot ``index`` in the model's NumPy arrays, so both engines see
    the same world.

    Args:
        model: The model the person belongs to.
        cell: The network cell (node) the person sits on.
        index: The person's slot in the model's arrays (0 … N-1).
    """

    model: HoaxModel

    @property
    def alpha(self) -> float:
        """This person's view of the hoax's credibility α (per person, Tambuscio et al. 2018)."""
        return float(self.model.alpha[self.index])

    @property
    def influential(self) -> bool:
        """Whether this person's state reaches the neighbours (False when silenced)."""
        return bool(self.model.active[self.index])

    # --- the rule -----------------------------------------------------------------------------
    def count_neighbours(self) -> tuple[int, int]:
        """Return (believers, fact-checkers) among the neighbours whose voice is heard."""
        n_believers = n_fact_checkers = 0
        for other in self.cell.neighborhood.agents:
            if not other.influential:
                continue
            state = other.state
            if state is State.BELIEVER:
                n_believers += 1
            elif state is State.FACT_CHECKER:
                n_fact_checkers += 1
        return n_believers, n_fact_checkers

    def decide(self) -> None:
        """Choose the next state from the current states (synchronous update: read t, write t+1).

        Draws exactly one uniform number per person per step, as the vectorised engine does.
        """
        model = self.model
        i = self.index
        u = model.rng.random()
        state = self.state
        if state is State.SUSCEPTIBLE:
            n_b, n_f = self.count_neighbours()
            alpha = self.alpha
            w_b = n_b * (1.0 + alpha)
            w_f = n_f * (1.0 - alpha)
            beta = float(model.beta[i])
            if w_b + w_f <= 0.0:
                self.next_state = State.SUSCEPTIBLE
            elif u < beta * w_b / (w_b + w_f):
                self.next_state = State.BELIEVER
            elif u < beta:
                self.next_state = State.FACT_CHECKER
            else:
                self.next_state = State.SUSCEPTIBLE
        elif state is State.BELIEVER:
            p_forget = float(model.p_forget[i])
            if u < p_forget:
                self.next_state = State.SUSCEPTIBLE
            elif u < p_forget + float(model.p_verify[i]):
                self.next_state = State.FACT_CHECKER
            else:
                self.next_state = State.BELIEVER
        else:
            self.next_state = (
                State.SUSCEPTIBLE if u < float(model.p_forget[i]) else State.FACT_CHECKER
            )
