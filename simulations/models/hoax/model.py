"""The hoax / fact-checking model of Tambuscio, Ruffo, Flammini & Menczer (2015) as a Mesa model.

Reference:
    M. Tambuscio, G. Ruffo, A. Flammini, F. Menczer (2015). *Fact-checking effect on viral hoaxes:
    a model of misinformation spread in social networks.* Proc. WWW '15 Companion, 977–982.
    doi:10.1145/2740908.2742572. Per-person credibility and gullible/sceptic groups follow
    M. Tambuscio, D. F. M. Oliveira, G. L. Ciampaglia, G. Ruffo (2018). *Network segregation in a
    model of misinformation and fact-checking.* J. Comput. Soc. Sci. 1:261–275.

The rule, as the authors' reference code (``tambu85/misinfo_spread``) runs it — synchronous: every
person reads the states at step ``t`` and all move together to ``t+1``; each person draws one
uniform number ``u`` per step:

* Susceptible (S) with ``n_B`` believer and ``n_F`` fact-checker neighbours: if ``n_B + n_F = 0``
  nothing happens. Otherwise, with weights ``w_B = n_B(1+α)`` and ``w_F = n_F(1−α)``,

  - S → B with probability ``f = β·w_B/(w_B+w_F)`` (``u < f``),
  - S → F with probability ``g = β·w_F/(w_B+w_F)`` (``f ≤ u < β``),

  so the number of active neighbours decides only *which* side, and β is the chance of taking one.
* Believer (B): → S with ``p_forget``; → F with ``p_verify`` (``p_verify + p_forget ≤ 1``).
* Fact-checker (F): → S with ``p_forget``.

Mean-field analysis gives the eradication threshold ``p_verify ≥ 2·α·p_forget/(1−α)``, independent
of β (:func:`simulations.models.hoax.meanfield.eradication_threshold`).

The model is a :class:`~simulations.models.discrete.DiscreteStateModel` on the one template of
:mod:`simulations.models.base` (network, Mesa agents, per-person arrays, engines, fixed people,
seeding, recording); it provides only its hooks: the per-person arrays (:meth:`HoaxModel.setup`),
the initial placement, the vectorised rule (:func:`~simulations.models.hoax.rule.hoax_step`), the
per-agent rule (:meth:`Person.decide`) and the absorbing state.

Stopping: the state with no believer and no fact-checker is absorbing (nobody is left to spread
anything); ``converged`` is True there and ``run(steps, until_converged=True)`` stops.

Engines:
    ``engine="vectorized"`` (default) updates everyone at once: one sparse product of the CSR
    adjacency with the (believer, fact-checker) indicator columns, then array comparisons.
    ``engine="agents"`` calls :meth:`Person.decide` then :meth:`Person.advance` on every agent in
    index order. Both draw ``u`` for person ``i`` as the ``i``-th number of the step from
    ``model.rng``, so with the same seed they give the *same* trajectory
    (``engine_agreement = "identical"``); the tests check this and, separately, that their mean
    trajectories agree statistically.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

import numpy as np
import pandas as pd

from simulations.models.base import PopulationAgent
from simulations.models.discrete import DiscreteStateModel, state_count
from simulations.models.hoax.agents import Person, State
from simulations.models.hoax.params import HOAX_PARAMS, check_p_sum
from simulations.models.hoax.rule import MAX_DEGREE_INT32, hoax_step

__all__ = [
    "HoaxModel",
    "count_believers",
    "count_fact_checkers",
    "count_susceptible",
    "hoax_summary",
    "share_believers",
]

_B = int(State.BELIEVER)

count_susceptible = state_count(State.SUSCEPTIBLE)
count_believers = state_count(State.BELIEVER)
count_fact_checkers = state_count(State.FACT_CHECKER)


def share_believers(model: HoaxModel) -> float:
    """Share of believers in the population, in [0, 1]."""
    return model.counts[State.BELIEVER] / model.num_people


def hoax_summary(frame: pd.DataFrame) -> dict[str, float]:
    """Summarise one hoax-model run.

    Returns:
        ``final_share_*`` for the three states; ``peak_share_believer`` and ``peak_step_believer``
        (first step at the peak); ``mean_share_believer`` (average over steps 1 … T, the
        time-averaged prevalence); ``believers_extinct`` (1.0 when no believer is left at the end,
        so its mean over seeds estimates the probability the hoax dies out).
    """
    share_b = frame["share_believer"].to_numpy()
    tail = share_b[1:] if len(share_b) > 1 else share_b
    return {
        "final_share_susceptible": float(frame["share_susceptible"].iloc[-1]),
        "final_share_believer": float(share_b[-1]),
        "final_share_fact_checker": float(frame["share_fact_checker"].iloc[-1]),
        "peak_share_believer": float(share_b.max()),
        "peak_step_believer": float(frame["step"].iloc[int(np.argmax(share_b))]),
        "mean_share_believer": float(tail.mean()),
        "believers_extinct": float(frame["believer"].iloc[-1] == 0),
    }


class HoaxModel(DiscreteStateModel):
    """Hoax and fact-checking spread on a social network (Tambuscio et al. 2015).

    Args:
        network: The social network (see :mod:`simulations.core.network_choice`): None for the
            default scale-free network, a kind such as ``"small_world"``, a ``NetworkChoice`` /
            ``{"kind": …, "n": …, <builder parameters>}``, or a ready networkx graph. Built with
            the model's seed. Complete mixing is not offered (the rule counts neighbours).
        n: Number of people (default 1000; must agree with a ready graph).
        beta: Spreading rate β, probability per step, [0, 1].
        alpha: Credibility of the hoax α, [0, 1]; used for everyone unless ``alpha_by_node``.
        p_verify: Probability per step that a believer fact-checks, [0, 1].
        p_forget: Probability per step that a believer or fact-checker forgets, [0, 1];
            ``p_verify + p_forget <= 1``.
        initial_believers: Number of initial believers placed at random (ignored when
            ``believer_nodes`` is given).
        initial_fact_checkers: Number of initial fact-checkers placed at random (ignored when
            ``fact_checker_nodes`` is given).
        believer_nodes: Nodes (graph labels) that start as believers: a list, tuple or NumPy
            array, each node once.
        fact_checker_nodes: Nodes that start as fact-checkers.
        alpha_by_node: Per-person credibility, a mapping ``node -> α`` or a sequence in node order
            (e.g. gullible and sceptic groups, Tambuscio et al. 2018).
        p_verify_by_node: Per-person verification probability, same forms.
        fixed_nodes: Nodes whose state never changes (e.g. permanent fact-checkers).
        engine: ``"vectorized"`` (default) or ``"agents"``.
        agent_class: The agent class used by the agents engine (a subclass of :class:`Person`).
        seed: Random seed, None or a whole number >= 0; the same seed gives identical results.

    Attributes:
        state: ``int8`` array of :class:`State` values, one per person (index = agent.index).
        alpha, beta, p_verify, p_forget: ``float64`` arrays, one value per person.
        active: ``bool`` array; False silences a person (their state no longer reaches others).
        fixed: ``bool`` array; True keeps a person's state (e.g. permanent fact-checkers).
        ever_believed: ``bool`` array; True once a person has believed the hoax.
        counts: current number of people per state, ``[S, B, F]``.
        datacollector: Mesa DataCollector with the counts and shares per step (the results).

    Example:
        >>> from simulations.models.hoax import HoaxModel
        >>> model = HoaxModel(n=200, seed=42)
        >>> df = model.run(50)
        >>> int(df.iloc[-1][["susceptible", "believer", "fact_checker"]].sum())
        200
    """

    params = HOAX_PARAMS
    complete_ok = False  # the rule counts network neighbours
    state_enum = State
    agent_class = Person
    snapshot_arrays: ClassVar[tuple[str, ...]] = (
        "state",
        "alpha",
        "beta",
        "p_verify",
        "p_forget",
        "active",
        "fixed",
        "ever_believed",
    )

    def __init__(
        self,
        network: Any = None,
        *,
        n: int | None = None,
        beta: float = HOAX_PARAMS["beta"].default,
        alpha: float = HOAX_PARAMS["alpha"].default,
        p_verify: float = HOAX_PARAMS["p_verify"].default,
        p_forget: float = HOAX_PARAMS["p_forget"].default,
        initial_believers: int = HOAX_PARAMS["initial_believers"].default,
        initial_fact_checkers: int = HOAX_PARAMS["initial_fact_checkers"].default,
        believer_nodes: Sequence[Any] | None = None,
        fact_checker_nodes: Sequence[Any] | None = None,
        alpha_by_node: Any = None,
        p_verify_by_node: Any = None,
        fixed_nodes: Sequence[Any] | None = None,
        engine: str = "vectorized",
        agent_class: type[PopulationAgent] | None = None,
        seed: int | None = None,
    ) -> None:
        self.believer_nodes, self.fact_checker_nodes = believer_nodes, fact_checker_nodes
        self.alpha_by_node, self.p_verify_by_node = alpha_by_node, p_verify_by_node
        values = {
            "beta": beta,
            "alpha": alpha,
            "p_verify": p_verify,
            "p_forget": p_forget,
            "initial_believers": initial_believers,
            "initial_fact_checkers": initial_fact_checkers,
        }
        super().__init__(values, network, n, fixed_nodes, engine, agent_class, seed)

    # ------------------------------------------------------------------ hooks
    def setup(self) -> None:
        """Per-person arrays: α, β, p_verify, p_forget, who is heard, who ever believed."""
        values, size = self.parameters, self.num_people
        self.beta = np.full(size, values["beta"])
        self.alpha = self.per_person(self.alpha_by_node, values["alpha"], "alpha_by_node", 0.0, 1.0)
        self.p_verify = self.per_person(
            self.p_verify_by_node, values["p_verify"], "p_verify_by_node", 0.0, 1.0
        )
        self.p_forget = np.full(size, values["p_forget"])
        check_p_sum(self.p_verify, values["p_forget"])
        self.active = np.ones(size, dtype=bool)
        self.ever_believed = np.zeros(size, dtype=bool)
        # hoax_step counts neighbours in one integer product (int32 while that is exact)
        small = int(self.degree.max(initial=0)) <= MAX_DEGREE_INT32
        self._counting = self.adjacency.astype(np.int32 if small else np.int64)

    def initial_state(self) -> np.ndarray:
        """Believers and fact-checkers at the given nodes, or drawn at random."""
        return self.place(
            (State.BELIEVER, "initial_believers", self.believer_nodes, "believer_nodes"),
            (
                State.FACT_CHECKER,
                "initial_fact_checkers",
                self.fact_checker_nodes,
                "fact_checker_nodes",
            ),
        )

    def vectorized_step(self) -> None:
        """Everyone at once: :func:`~simulations.models.hoax.rule.hoax_step` (synchronous)."""
        u = self.rng.random(self.num_people)
        self.state = hoax_step(
            self.state,
            self._counting,
            u,
            alpha=self.alpha,
            beta=self.beta,
            p_verify=self.p_verify,
            p_forget=self.p_forget,
            active=self.active,
        )

    def observe(self) -> None:
        """Count the states and remember who ever believed."""
        super().observe()
        self.ever_believed |= self.state == _B  # a plain int: NumPy compares an IntEnum 7x slower

    def is_converged(self) -> bool:
        """Absorbing state: nobody believes and nobody fact-checks (nothing can spread)."""
        return bool(self.counts[State.BELIEVER] == 0 and self.counts[State.FACT_CHECKER] == 0)

    summarise = staticmethod(hoax_summary)
