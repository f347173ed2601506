"""Echo chambers through radicalisation and homophily on a temporal network (Baumann et al. 2020).

Reference:
    F. Baumann, P. Lorenz-Spreen, I. M. Sokolov, M. Starnini (2020). *Modeling echo chambers and
    polarization dynamics in social networks.* Phys. Rev. Lett. 124:048301.
    doi:10.1103/PhysRevLett.124.048301 (arXiv:1906.12325).

The model. Every person ``i`` holds an opinion ``x_i`` (any real number: its sign is the side,
its size the conviction) and follows

    dx_i/dt = −x_i + K · Σ_j A_ij(t) · tanh(α · x_j)

* ``K`` > 0 is the strength of social influence, ``α`` > 0 the *controversialness* of the topic
  (how strongly a voice pushes at a given conviction); ``tanh`` means that very convinced people
  do not push without bound. Like-minded contacts reinforce each other: this is the
  radicalisation mechanism (group polarisation).
* ``A(t)`` is an *activity-driven* temporal network, drawn anew at every time step: person ``i``
  has an activity ``a_i`` in ``[ε, 1]`` drawn from ``F(a) ∝ a^(−γ)``; at each step it is active
  with probability ``a_i`` and then contacts ``m`` distinct others. Contacts are chosen with
  *homophily*: ``p_ij ∝ |x_i − x_j|^(−β)`` (β = 0: anybody; large β: only the like-minded).
  The active person ``i`` is influenced by the ``j`` it contacts (``A_ij = 1``); with probability
  ``r`` (reciprocity) ``j`` is influenced by ``i`` as well (``A_ji = 1``).

Regimes at the paper's parameters (N = 1000, m = 10, ε = 0.01, γ = 2.1, r = 0.5, dt = 0.01,
initial opinions uniform in [−1, 1], Fig. 1): ``K = 3, α = 0.05, β = 2`` — neutral consensus
(everyone ends near 0); ``K = 3, α = 3, β = 0`` — one-sided radicalisation (everyone drifts to
the same side); ``K = 3, α = 3, β = 3`` — polarisation (two opposite camps that mostly talk
among themselves: echo chambers). :data:`PAPER_REGIMES` holds these sets and the tests check
them with :func:`classify_regime` (N = 400, t = 10). Provenance note: these values follow the
paper's Fig. 1 as we read it; the full text was not available to re-check the caption when this
was written, so the tests — not the citation — are the evidence that the three regimes appear.

Update scheme. Time advances in steps of ``dt``. At the start of a step the contacts ``A`` are
drawn from the opinions at time ``t``; then the ODE is integrated over ``dt`` with ``A`` fixed,
by the classical fourth-order Runge–Kutta method (``integrator="rk4"``, the default) or by
explicit Euler (``integrator="euler"``). Everyone is updated synchronously.

Randomness, identical on both engines: per step one uniform number per person for activation
(``u < a_i``), then, for every active person in index order, ``N + m`` uniform numbers: the
first ``N`` choose the ``m`` contacts by weighted sampling without replacement (exponential
clocks, Efraimidis & Spirakis 2006: the ``m`` smallest ``−log(u_j)/w_j``), the last ``m`` decide
reciprocity for the chosen contacts in increasing index order.

Engines:
    ``engine="vectorized"`` (default) draws all contacts with one array operation, builds the
    sparse ``A`` and integrates with sparse products. ``engine="agents"`` lets each
    :class:`EchoPerson` choose its contacts and compute its own rate of change; with the same
    seed both engines give the same trajectory up to floating-point summation order
    (``engine_agreement = "rounding"``). Fixed people's rate of change is 0 at every
    Runge–Kutta stage on both engines.

Results: the opinion family's columns (:data:`~simulations.models.opinion.base.OPINION_COLUMNS`),
then the model ``time`` (``steps · dt``, also Mesa's ``model.time``), ``mean_conviction``
(``mean |x_i|``), ``share_positive`` and ``links`` (directed influence links drawn in the step).
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Callable, Sequence
from typing import Any, ClassVar

import networkx as nx
import numpy as np
import scipy.sparse as sp

from simulations.core.errors import ParameterError, check_known
from simulations.core.network_choice import COMPLETE, NetworkChoice
from simulations.core.params import (
    Param,
    ParamTable,
    check_per_person,
    check_range,
    size_limit,
)
from simulations.models.base import PopulationAgent
from simulations.models.opinion.base import OpinionAgent, OpinionModel

__all__ = [
    "ECHO_CHAMBER_PARAMS",
    "INTEGRATORS",
    "PAPER_REGIMES",
    "REGIME_LABELS_ID",
    "EchoChamberModel",
    "EchoPerson",
    "activity_moment",
    "classify_regime",
    "critical_controversy",
    "draw_activities",
    "mean_abs_opinion",
    "share_positive",
]

INTEGRATORS = ("rk4", "euler")
DISTANCE_FLOOR = 1e-6
"""Smallest opinion distance used in ``|x_i − x_j|^(−β)``, so equal opinions get a finite weight."""

ECHO_CHAMBER_PARAMS = ParamTable(
    (
        Param(
            "social_influence",
            "Kekuatan pengaruh sosial (K)",
            "Seberapa kuat orang terpengaruh oleh teman yang diajak berinteraksi.",
            3.0,
            0.0,
            10.0,
            0.1,
            unit="1/time",
            description="Social influence strength K in dx_i/dt = -x_i + K sum_j A_ij tanh(alpha x_j).",
        ),
        Param(
            "controversy",
            "Kontroversi topik (α)",
            "Seberapa memancing emosi topiknya: topik panas membuat keyakinan kecil pun cepat mengeras.",
            3.0,
            0.0,
            5.0,
            0.05,
            unit="dimensionless",
            description="Controversialness alpha of the topic (slope of tanh).",
        ),
        Param(
            "homophily",
            "Homofili (β)",
            "Seberapa kuat orang (atau algoritma) memilih lawan bicara yang sependapat; 0 = siapa saja.",
            3.0,
            0.0,
            5.0,
            0.1,
            unit="dimensionless",
            description="Homophily beta: contact probability proportional to |x_i - x_j|^(-beta).",
        ),
        Param(
            "contacts",
            "Jumlah kontak per aktivasi (m)",
            "Berapa orang yang dihubungi seseorang setiap kali ia aktif di media sosial.",
            10,
            1,
            50,
            1,
            kind="int",
            unit="people",
            description="Number m of distinct people an active person contacts.",
        ),
        Param(
            "min_activity",
            "Aktivitas minimum (ε)",
            "Peluang aktif per langkah bagi orang yang paling jarang bermedia sosial.",
            0.01,
            0.001,
            1.0,
            0.001,
            unit="probability per step",
            description="Lower bound epsilon of the activity distribution on [epsilon, 1].",
        ),
        Param(
            "activity_exponent",
            "Eksponen sebaran aktivitas (γ)",
            "Makin besar, makin sedikit orang yang sangat aktif (sebaran pangkat a^(−γ)).",
            2.1,
            1.1,
            4.0,
            0.1,
            unit="dimensionless",
            description="Exponent gamma of the activity distribution F(a) ~ a^(-gamma).",
        ),
        Param(
            "reciprocity",
            "Timbal balik (r)",
            "Peluang orang yang dihubungi ikut terpengaruh balik oleh yang menghubungi.",
            0.5,
            0.0,
            1.0,
            0.05,
            unit="probability",
            description="Reciprocity r: probability that a contact also influences the active person.",
        ),
        Param(
            "dt",
            "Langkah waktu (dt)",
            "Panjang satu langkah waktu simulasi; makin kecil makin teliti tetapi makin lambat.",
            0.01,
            0.001,
            0.1,
            0.001,
            unit="time",
            description="Integration time step dt (the network is redrawn every step).",
        ),
    )
)
"""Parameters of :class:`EchoChamberModel` (Baumann et al. 2020)."""

PAPER_REGIMES: dict[str, dict[str, float]] = {
    "consensus": {"social_influence": 3.0, "controversy": 0.05, "homophily": 2.0},
    "radicalisation": {"social_influence": 3.0, "controversy": 3.0, "homophily": 0.0},
    "polarisation": {"social_influence": 3.0, "controversy": 3.0, "homophily": 3.0},
}
"""The three regimes of Fig. 1 of Baumann et al. (2020); other parameters at their defaults."""

REGIME_LABELS_ID = {
    "consensus": "Konsensus netral",
    "radicalisation": "Radikalisasi satu sisi",
    "polarisation": "Polarisasi (dua kubu)",
}
"""Indonesian names of the regimes."""


def draw_activities(
    rng: np.random.Generator, n: int, min_activity: float = 0.01, exponent: float = 2.1
) -> np.ndarray:
    """Draw ``n`` activities from ``F(a) ∝ a^(−γ)`` on ``[ε, 1]`` by inverting the CDF.

    ``a = (ε^(1−γ) + u·(1 − ε^(1−γ)))^(1/(1−γ))`` with ``u`` uniform in [0, 1).

    Args:
        rng: NumPy random generator.
        n: Number of people.
        min_activity: ε in (0, 1].
        exponent: γ > 1 (γ = 1 is excluded: the CDF then is logarithmic).
    """
    g = 1.0 - exponent
    lo = min_activity**g
    return (lo + rng.random(n) * (1.0 - lo)) ** (1.0 / g)


def activity_moment(k: int, min_activity: float = 0.01, exponent: float = 2.1) -> float:
    """Return ``⟨a^k⟩`` for ``F(a) ∝ a^(−γ)`` on ``[ε, 1]`` (γ > 1).

    ``⟨a^k⟩ = (γ−1)/(k+1−γ) · (1 − ε^(k+1−γ)) / (ε^(1−γ) − 1)`` (with the ``k+1 = γ`` case as
    a logarithm). For ε = 0.01, γ = 2.1: ``⟨a⟩ ≈ 0.0409``, ``⟨a²⟩ ≈ 0.00764``.

    Args:
        k: Order of the moment, >= 0.
        min_activity: ε in (0, 1].
        exponent: γ > 1.
    """
    g, eps = exponent, min_activity
    norm = (eps ** (1.0 - g) - 1.0) / (g - 1.0)
    p = k + 1.0 - g
    num = -np.log(eps) if abs(p) < 1e-12 else (1.0 - eps**p) / p
    return float(num / norm)


def critical_controversy(
    social_influence: float = 3.0,
    contacts: int = 10,
    min_activity: float = 0.01,
    activity_exponent: float = 2.1,
    reciprocity: float = 0.5,
) -> float:
    """Return the controversy α above which the neutral consensus is unstable (no homophily).

    Linear stability of ``x = 0`` in a mean field with activity classes (the approach of
    Baumann et al. 2020; derived here for this implementation). Near 0, ``tanh(αx) ≈ αx`` and
    person ``i`` is influenced, per unit time, by the ``m`` people it contacts when active
    (probability ``a_i``) and, with reciprocity, by those who contacted it (``m·r·a_j/N`` each).
    The averages ``X = ⟨x⟩`` and ``Y = ⟨a x⟩`` then follow ``d(X, Y)/dt = (Kαm·J − I)(X, Y)``
    with ``J = [[⟨a⟩, r], [⟨a²⟩, r⟨a⟩]]``, so consensus is lost when ``Kαm·λ_max(J) > 1``:

        α_c = 1 / (K·m·λ),  λ = ((1+r)⟨a⟩ + √((1−r)²⟨a⟩² + 4r⟨a²⟩)) / 2.

    At the paper's parameters (K = 3, m = 10, ε = 0.01, γ = 2.1, r = 0.5) α_c ≈ 0.36; the
    tests check consensus well below it and radicalisation well above it.

    Args:
        social_influence: K > 0.
        contacts: m >= 1.
        min_activity: ε.
        activity_exponent: γ > 1.
        reciprocity: r in [0, 1].
    """
    a1 = activity_moment(1, min_activity, activity_exponent)
    a2 = activity_moment(2, min_activity, activity_exponent)
    r = reciprocity
    lam = ((1 + r) * a1 + np.sqrt((1 - r) ** 2 * a1**2 + 4 * r * a2)) / 2.0
    return float(1.0 / (social_influence * contacts * lam))


def mean_abs_opinion(model: EchoChamberModel) -> float:
    """Average conviction ``mean |x_i|`` (0 = neutral consensus)."""
    return float(np.abs(model.opinions).mean())


def share_positive(model: EchoChamberModel) -> float:
    """Share of people on the positive side, in [0, 1]."""
    return float(np.mean(model.opinions > 0))


def classify_regime(opinions: Any, neutral: float = 0.1, minority: float = 0.1) -> str:
    """Name the regime of a final opinion state: consensus, radicalisation or polarisation.

    * ``"consensus"`` — neutral consensus: the average conviction ``mean |x|`` is below
      ``neutral``;
    * ``"radicalisation"`` — people are convinced and (almost) all on one side: the smaller side
      holds less than ``minority`` of the people;
    * ``"polarisation"`` — convinced people on both sides, each side at least ``minority``.

    Args:
        opinions: Opinions at the end of a run.
        neutral: Threshold on the mean conviction, > 0.
        minority: Smallest share of the minority side that counts as a camp, in (0, 0.5].
    """
    x = np.asarray(opinions, dtype=np.float64)
    if np.mean(np.abs(x)) < neutral:
        return "consensus"
    pos = float(np.mean(x > 0))
    return "radicalisation" if min(pos, 1.0 - pos) < minority else "polarisation"


class EchoPerson(OpinionAgent):
    """A person of the echo-chamber model: reads and writes its slot ``index`` in the model's arrays.

    Contacts are temporal, so the person sits on no fixed network cell (complete mixing in
    :mod:`simulations.models.base`: ``cell is None``); the contacts of the current step are in
    :attr:`contacts`. Subclass it and pass ``agent_class=`` with ``engine="agents"`` to change how
    a person picks contacts (:meth:`choose_contacts`) or reacts to them (:meth:`rate`).

    Args:
        model: The model.
        cell: Always None here (no fixed ties).
        index: Slot in the model's arrays.
    """

    def __init__(self, model: EchoChamberModel, cell: Any, index: int) -> None:
        super().__init__(model, cell, index)
        self.contacts: np.ndarray = np.empty(0, dtype=np.int64)
        self.reciprocal: np.ndarray = np.empty(0, dtype=bool)

    @property
    def activity(self) -> float:
        """Activity ``a_i`` (probability to be active in a step)."""
        return float(self.model.activity[self.index])

    def choose_contacts(self) -> None:
        """Pick ``m`` distinct contacts with probability ∝ ``|x_i − x_j|^(−β)`` (called when active).

        Draws ``N + m`` uniform numbers, exactly as the vectorised engine does for this person.
        """
        model = self.model
        n, m = model.num_people, model.parameters["contacts"]
        u = model.rng.random(n + m)
        keys = _contact_keys(
            model.opinions[self.index], model.opinions, u[:n], model.parameters["homophily"]
        )
        keys[self.index] = np.inf
        self.contacts = np.sort(np.argpartition(keys, m - 1)[:m])
        self.reciprocal = u[n:] < model.parameters["reciprocity"]

    def rate(self, state: np.ndarray, influencers: list[int]) -> float:
        """Return ``dx_i/dt = −x_i + K Σ_j tanh(α x_j)`` over the people who influence ``i``.

        Args:
            state: Everybody's opinions at the current Runge–Kutta stage.
            influencers: Indices ``j`` with ``A_ij = 1`` in this step.
        """
        p = self.model.parameters
        if self.fixed:
            return 0.0  # a fixed person never moves, not even within a Runge–Kutta step
        push = sum(np.tanh(p["controversy"] * state[j]) for j in influencers)
        return float(-state[self.index] + p["social_influence"] * push)


def _contact_keys(xi: float, x: np.ndarray, u: np.ndarray, beta: float) -> np.ndarray:
    """Exponential-clock keys ``log(−log u) + β·log(max(|x_i − x_j|, floor))``; smallest m win.

    Equivalent to ``−log(u)/w`` with ``w = d^(−β)`` but without overflow. Works row-wise for
    a 2-D ``xi[:, None]``.
    """
    dist = np.maximum(np.abs(x - xi), DISTANCE_FLOOR)
    with np.errstate(divide="ignore"):
        return np.log(-np.log(u)) + beta * np.log(dist)


def _time(model: EchoChamberModel) -> float:
    return model.time


def _links(model: EchoChamberModel) -> int:
    return model.links


class EchoChamberModel(OpinionModel):
    """Radicalisation dynamics on an activity-driven network with homophily (Baumann et al. 2020).

    Contacts are drawn anew every step (an activity-driven temporal network), so there is no
    fixed graph: the only network is ``"complete"`` (anyone may contact anyone; the default).

    Args:
        network: None or ``"complete"`` (kept so that every model has the same constructor).
        n: Number of people, ``n > contacts`` (default 1000).
        social_influence: K, see :data:`ECHO_CHAMBER_PARAMS` (all parameters are validated
            against that table).
        controversy: α.
        homophily: β.
        contacts: m.
        min_activity: ε.
        activity_exponent: γ.
        reciprocity: r.
        dt: Time step (Mesa's ``step_duration``: ``model.time = steps · dt``).
        initial_opinions: One opinion per person; default uniform in [−1, 1].
        activities: One activity in (0, 1] per person; default drawn from ``a^(−γ)``.
        fixed_nodes: People (indices) whose opinion never changes (e.g. a committed moderate
            voice at 0); they still take part in contacts.
        integrator: ``"rk4"`` (default) or ``"euler"``.
        window: Number of recent steps whose contacts are kept for :meth:`interaction_graph`.
        record_every: Keep the opinions every this many steps (and the last step) for
            :meth:`opinion_history`.
        tol: Convergence tolerance: converged when a step moved no opinion by more than this
            (with activity-driven contacts this happens only when nobody influences anybody,
            e.g. ``K = 0`` after the opinions have decayed).
        engine: ``"vectorized"`` (default) or ``"agents"``.
        agent_class: Agent class for the agents engine (subclass of :class:`EchoPerson`).
        seed: Random seed, None or a whole number >= 0.

    Attributes:
        opinions: float64 array of opinions (index = agent.index).
        activity: float64 array of activities.
        last_adjacency: CSR matrix ``A`` of the last step (row i = who influenced i).
        time: Model time reached, ``steps · dt`` (time units of Baumann et al. 2020).

    Example:
        >>> from simulations.models.opinion.echo_chamber import EchoChamberModel
        >>> model = EchoChamberModel(n=200, seed=1)
        >>> df = model.run(50)
        >>> list(df.columns[:3])
        ['step', 'mean_opinion', 'std_opinion']
    """

    params = ECHO_CHAMBER_PARAMS
    domain: ClassVar[tuple[float, float]] = (-np.inf, np.inf)
    default_network: ClassVar[NetworkChoice] = NetworkChoice(COMPLETE, 1000)
    only_networks: ClassVar[tuple[str, ...] | None] = (COMPLETE,)
    agent_class: ClassVar[type[PopulationAgent]] = EchoPerson
    engine_agreement: ClassVar[str] = "rounding"

    def __init__(
        self,
        network: Any = None,
        *,
        n: int | None = None,
        social_influence: float = ECHO_CHAMBER_PARAMS["social_influence"].default,
        controversy: float = ECHO_CHAMBER_PARAMS["controversy"].default,
        homophily: float = ECHO_CHAMBER_PARAMS["homophily"].default,
        contacts: int = ECHO_CHAMBER_PARAMS["contacts"].default,
        min_activity: float = ECHO_CHAMBER_PARAMS["min_activity"].default,
        activity_exponent: float = ECHO_CHAMBER_PARAMS["activity_exponent"].default,
        reciprocity: float = ECHO_CHAMBER_PARAMS["reciprocity"].default,
        dt: float = ECHO_CHAMBER_PARAMS["dt"].default,
        initial_opinions: Any = None,
        activities: Any = None,
        fixed_nodes: Sequence[Any] | None = None,
        integrator: str = "rk4",
        window: int = 100,
        record_every: int = 1,
        tol: float = 1e-6,
        engine: str = "vectorized",
        agent_class: type[PopulationAgent] | None = None,
        seed: int | None = None,
    ) -> None:
        check_known(integrator, INTEGRATORS, "integrator", "Metode integrasi")
        for name, val in (("window", window), ("record_every", record_every)):
            if isinstance(val, bool) or not isinstance(val, int | np.integer) or val < 1:
                raise ParameterError(
                    f"{name}={val!r} must be a whole number >= 1",
                    f"{name} harus bilangan bulat minimal 1.",
                    field=name,
                )
        self.integrator = integrator
        self.record_every = int(record_every)
        self._window: deque[tuple[np.ndarray, np.ndarray]] = deque(maxlen=int(window))
        self.given_activities = activities
        values = {
            "social_influence": social_influence,
            "controversy": controversy,
            "homophily": homophily,
            "contacts": contacts,
            "min_activity": min_activity,
            "activity_exponent": activity_exponent,
            "reciprocity": reciprocity,
            "dt": dt,
        }
        super().__init__(
            values, network, n, initial_opinions, fixed_nodes, engine, agent_class, False, tol,
            seed,
        )  # fmt: skip

    # ------------------------------------------------------------------ hooks
    def setup(self) -> None:
        """Check ``n`` against the contacts and memory; no contacts yet; model time runs at dt."""
        values, n = self.parameters, self.num_people
        if n <= values["contacts"]:
            raise ParameterError(
                f"n={n!r} must be a whole number larger than contacts={values['contacts']}",
                f"Jumlah orang (n={n!r}) harus bilangan bulat lebih besar dari jumlah kontak "
                f"per aktivasi ({values['contacts']}).",
                field="n",
            )
        # every step draws uniform numbers per (active person, person) pair: memory grows
        # with n² times the mean activity, so the limit on n is a square root
        mean_activity = activity_moment(1, values["min_activity"], values["activity_exponent"])
        limit = math.isqrt(size_limit(24.0 * max(mean_activity, 1e-3)))  # u, keys, partition
        if n > limit:
            raise ParameterError(
                f"n={n!r} must be at most {limit} (one step draws n × (active people) numbers; "
                "the limit is what fits in the memory budget, half of this machine's memory by "
                "default; set TANGGUH_MEMORY_BUDGET to allow more on purpose)",
                f"Jumlah orang (n={n!r}) paling banyak {limit} (batas memori komputer ini).",
                field="n",
            )
        self.step_duration = values["dt"]
        self.links = 0
        self.last_adjacency = sp.csr_matrix((n, n))
        self._records: list[tuple[int, float, np.ndarray]] = []

    def initial_state(self) -> np.ndarray:
        """Opinions uniform in [−1, 1] (or given), then the activities (in this draw order)."""
        values = self.parameters
        if self.initial_opinions is None:
            x = self.rng.uniform(-1.0, 1.0, self.num_people)
        else:
            x = check_per_person(
                self.initial_opinions, self.num_people, "initial_opinions", -np.inf, np.inf
            ).copy()
            check_range(x, "initial_opinions", -1e300, 1e300)  # finite
        if self.given_activities is None:
            self.activity = draw_activities(
                self.rng, self.num_people, values["min_activity"], values["activity_exponent"]
            )
        else:
            self.activity = check_per_person(
                self.given_activities, self.num_people, "activities"
            ).copy()
            if not np.all(self.activity > 0):
                raise ParameterError(
                    f"activities must hold {self.num_people} numbers in (0, 1]",
                    f"Aktivitas harus berisi {self.num_people} angka antara 0 dan 1.",
                    field="activities",
                )
        self.initial = x.copy()
        return x

    def observe(self) -> None:
        """Measure the step's largest change; keep the opinions every ``record_every`` steps."""
        super().observe()
        if self.steps % self.record_every == 0:
            self._records.append((self.steps, self.time, self.opinions.copy()))

    def reporters(self) -> dict[str, Callable[[Any], Any]]:
        """The opinion columns, then ``time``, ``mean_conviction``, ``share_positive``, ``links``."""
        return {
            **super().reporters(),
            "time": _time,
            "mean_conviction": mean_abs_opinion,
            "share_positive": share_positive,
            "links": _links,
        }

    def vectorized_step(self) -> None:
        """Draw all contacts with one array operation, then integrate with sparse products."""
        rows, cols = self._draw_contacts_vectorized()
        adj = self._contact_matrix(rows, cols)
        p, fixed = self.parameters, self.fixed

        def rate(s: np.ndarray) -> np.ndarray:
            r = -s + p["social_influence"] * (adj @ np.tanh(p["controversy"] * s))
            r[fixed] = 0.0
            return r

        self._integrate(rate)

    def agents_step(self) -> None:
        """Every active person chooses contacts; every person computes its own rate of change."""
        rows, cols = self._draw_contacts_agents()
        adj = self._contact_matrix(rows, cols)
        influencers = [
            adj.indices[adj.indptr[i] : adj.indptr[i + 1]].tolist() for i in range(self.num_people)
        ]

        def rate(s: np.ndarray) -> np.ndarray:
            return np.array([person.rate(s, influencers[person.index]) for person in self.people])

        self._integrate(rate)

    # ------------------------------------------------------------------ contacts
    def _draw_contacts_vectorized(self) -> tuple[np.ndarray, np.ndarray]:
        n, m = self.num_people, self.parameters["contacts"]
        active = np.flatnonzero(self.rng.random(n) < self.activity)
        if active.size == 0:
            return np.empty(0, np.int64), np.empty(0, np.int64)
        u = self.rng.random((active.size, n + m))
        keys = _contact_keys(
            self.opinions[active][:, None],
            self.opinions[None, :],
            u[:, :n],
            self.parameters["homophily"],
        )
        keys[np.arange(active.size), active] = np.inf
        chosen = np.sort(np.argpartition(keys, m - 1, axis=1)[:, :m], axis=1)
        recip = u[:, n:] < self.parameters["reciprocity"]
        src = np.repeat(active, m)
        dst = chosen.ravel()
        back = recip.ravel()
        rows = np.concatenate([src, dst[back]])
        cols = np.concatenate([dst, src[back]])
        return rows, cols

    def _draw_contacts_agents(self) -> tuple[np.ndarray, np.ndarray]:
        n = self.num_people
        active = np.flatnonzero(self.rng.random(n) < self.activity)
        rows: list[int] = []
        cols: list[int] = []
        back_rows: list[int] = []
        back_cols: list[int] = []
        for i in active:
            person = self.people[i]
            person.choose_contacts()
            for j, rec in zip(person.contacts, person.reciprocal, strict=True):
                rows.append(i)
                cols.append(int(j))
                if rec:
                    back_rows.append(int(j))
                    back_cols.append(i)
        return (
            np.array(rows + back_rows, dtype=np.int64),
            np.array(cols + back_cols, dtype=np.int64),
        )

    def _contact_matrix(self, rows: np.ndarray, cols: np.ndarray) -> sp.csr_matrix:
        """This step's influence matrix ``A`` (a contact counts once); kept for the window."""
        n = self.num_people
        adj = sp.csr_matrix((np.ones(rows.size), (rows, cols)), shape=(n, n))
        adj.sum_duplicates()
        adj.data[:] = 1.0  # a contact counts once even if both chose each other
        self.last_adjacency = adj
        self._window.append((rows, cols))
        self.links = int(rows.size)
        return adj

    def _integrate(self, rate: Callable[[np.ndarray], np.ndarray]) -> None:
        """Integrate the ODE over ``dt`` with the contacts fixed (RK4 or Euler), synchronously."""
        h = self.parameters["dt"]
        x = self.opinions
        if self.integrator == "euler":
            new = x + h * rate(x)
        else:
            k1 = rate(x)
            k2 = rate(x + 0.5 * h * k1)
            k3 = rate(x + 0.5 * h * k2)
            k4 = rate(x + h * k3)
            new = x + (h / 6.0) * (k1 + 2.0 * k2 + 2.0 * k3 + k4)
        self.opinions[:] = new

    def bytes_per_record(self) -> float:
        """Memory one recorded step needs; every ``record_every`` steps keep N opinions."""
        return self.bytes_per_step + 8.0 * self.num_people / self.record_every

    def restore(self, snapshot: dict[str, Any]) -> None:
        """Start over from a :meth:`snapshot` (the kept opinions and contacts too)."""
        self._records = []
        self._window.clear()
        self.links = 0
        super().restore(snapshot)

    # ------------------------------------------------------------------ outputs
    def _history(self) -> list[tuple[int, float, np.ndarray]]:
        """The kept opinions, the current ones always included (the last step of a run)."""
        if self._records[-1][0] != self.steps:
            self._records.append((self.steps, self.time, self.opinions.copy()))
        return self._records

    def opinion_history(self) -> np.ndarray:
        """Return the recorded opinions, an array of shape (records, N); see :meth:`history_times`."""
        return np.vstack([x for _, _, x in self._history()])

    def history_times(self) -> np.ndarray:
        """Return the model time (``step·dt``) of each row of :meth:`opinion_history`."""
        return np.array([t for _, t, _ in self._history()])

    def history_steps(self) -> np.ndarray:
        """Return the step number of each row of :meth:`opinion_history`."""
        return np.array([k for k, _, _ in self._history()])

    def interaction_matrix(self) -> sp.csr_matrix:
        """Return the symmetric count of contacts between each pair over the last ``window`` steps."""
        n = self.num_people
        if not self._window:
            return sp.csr_matrix((n, n))
        rows = np.concatenate([r for r, _ in self._window])
        cols = np.concatenate([c for _, c in self._window])
        mat = sp.csr_matrix((np.ones(rows.size), (rows, cols)), shape=(n, n))
        return (mat + mat.T).tocsr()

    def interaction_graph(self, min_contacts: int = 1) -> nx.Graph:
        """Return the aggregated interaction network of the last ``window`` steps.

        Nodes 0 … n−1 carry the attribute ``"opinion"``; edges joined at least ``min_contacts``
        times carry ``"weight"`` (number of contacts). This is the network on which Baumann et
        al. (2020) and Cinelli et al. (2021) look for echo chambers.

        Args:
            min_contacts: Smallest number of contacts for a tie to be kept, >= 1.
        """
        mat = sp.triu(self.interaction_matrix(), k=1).tocoo()
        keep = mat.data >= min_contacts
        graph = nx.Graph()
        graph.add_nodes_from((i, {"opinion": float(v)}) for i, v in enumerate(self.opinions))
        graph.add_weighted_edges_from(
            zip(
                mat.row[keep].tolist(), mat.col[keep].tolist(), mat.data[keep].tolist(), strict=True
            )
        )
        return graph

    def regime(self) -> str:
        """Return :func:`classify_regime` of the current opinions."""
        return classify_regime(self.opinions)
