"""Models in which every person is in one of a few discrete states (hoax, rumour, SIS, …).

A :class:`DiscreteStateModel` is the template (:class:`~simulations.models.base.PopulationModel`)
plus what discrete states share: ``state_enum`` (an :class:`~enum.IntEnum` starting at 0, whose
lower-case names are the results columns), an ``int8`` state array, the initial placement
(:meth:`DiscreteStateModel.place`), the counts per state (``counts``, updated every step) and the
results: ``step``, one count column per state (what the DataCollector records, under the same
names), then the ``share_<state>`` columns (count / N, derived when the table is built).

A tip for vectorised rules that run millions of times: compare the state array with a plain int
(``state == 1`` or ``int(State.INFECTED)``); NumPy compares an ``IntEnum`` member about seven times
slower (measured: 9.2 µs against 1.3 µs for 10,000 people).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import IntEnum
from typing import Any, ClassVar

import numpy as np
import pandas as pd

from simulations.core.errors import ParameterError
from simulations.models.base import PopulationModel

__all__ = ["DiscreteStateModel", "place_initial", "state_count"]


def state_count(state: IntEnum) -> Callable[[DiscreteStateModel], int]:
    """Return a Mesa model reporter counting the people in ``state``."""
    index = int(state)

    def count(model: DiscreteStateModel) -> int:
        return int(model.counts[index])

    count.__name__ = f"count_{state.name.lower()}"
    count.__doc__ = f"Number of people in state {state.name.lower()}."
    return count


class DiscreteStateModel(PopulationModel):
    """The template for models with a few discrete states per person.

    Declare ``state_enum``; write :meth:`initial_state` with :meth:`place`; the template does the
    rest (counts, reporters, results, the agents' ``state`` as enum members).

    Attributes:
        state: ``int8`` array of state values, one per person (index = ``agent.index``).
        counts: Current number of people per state (``counts[State.X]``).
    """

    state_enum: ClassVar[type[IntEnum]]
    keeps_previous: ClassVar[bool] = False  # the stopping conditions read the counts only
    bytes_per_step: ClassVar[float] = 1024.0

    @classmethod
    def state_columns(cls) -> tuple[str, ...]:
        """The results column of each state: its lower-case name, in state order."""
        return tuple(s.name.lower() for s in cls.state_enum)

    def observe(self) -> None:
        """Count the people per state (before convergence is tested and the row recorded)."""
        # one comparison per state with a plain int: several times faster than np.bincount on
        # int8 states (and than comparing with an IntEnum member, which NumPy handles slowly)
        state = self.state
        counts = [int(np.count_nonzero(state == s)) for s in range(1, len(self.state_enum))]
        self.counts = np.array([self.num_people - sum(counts), *counts], dtype=np.int64)

    def reporters(self) -> dict[str, Callable[[Any], Any]]:
        """One count column per state (the shares are derived from them in :meth:`results`)."""
        return {s.name.lower(): state_count(s) for s in self.state_enum}

    def results(self) -> pd.DataFrame:
        """Return ``step``, the count per state (the DataCollector's columns), then the shares."""
        frame = super().results()
        for column in self.state_columns():
            frame[f"share_{column}"] = frame[column] / self.num_people
        return frame

    def place(self, *groups: tuple[IntEnum, str, Any, str]) -> np.ndarray:
        """Return the initial ``int8`` states: given people first, the others drawn at random.

        Every group is ``(state, count_parameter, nodes, nodes_argument)``: the ``nodes`` (graph
        labels, or None) start in ``state``; without nodes, ``parameters[count_parameter]`` people
        do, drawn at random with the model's generator. Everyone else is in state 0.

        Example:
            ``self.place((State.INFECTED, "initial_infected", None, "infected_nodes"))``
        """
        spec = []
        for state, count_name, nodes, nodes_name in groups:
            given = None if nodes is None else self.indices_of(nodes, nodes_name)
            spec.append((int(state), given, self.parameters[count_name], nodes_name, count_name))
        return place_initial(self.rng, self.num_people, spec)

    def states_by_node(self) -> dict[Any, IntEnum]:
        """Return ``{node: state}`` for drawing the network coloured by state."""
        enum = self.state_enum
        return {node: enum(int(s)) for node, s in zip(self.nodes, self.state, strict=True)}

    @classmethod
    def summarise(cls, frame: pd.DataFrame) -> dict[str, float]:
        """Summarise one run: final share of every state; peak share and its step for the others.

        The first state (value 0, e.g. susceptible) is the baseline: its peak is its start.
        """
        out = {f"final_share_{c}": float(frame[f"share_{c}"].iloc[-1]) for c in cls.state_columns()}
        for c in cls.state_columns()[1:]:
            share = frame[f"share_{c}"].to_numpy()
            out[f"peak_share_{c}"] = float(share.max())
            out[f"peak_step_{c}"] = float(frame["step"].iloc[int(np.argmax(share))])
        return out


def place_initial(
    rng: np.random.Generator,
    size: int,
    groups: Sequence[tuple[int, np.ndarray | None, int, str, str]],
) -> np.ndarray:
    """Return the initial ``int8`` state array: given people first, the rest drawn at random.

    Every group is ``(state, given, count, nodes_name, count_name)``: the people in ``given``
    (array indices, or None) start in ``state``; without ``given``, ``count`` people do, drawn
    uniformly without replacement from those not given to any group — all groups' draws in one
    ``rng.choice`` call, in group order. Everyone else is in state 0.

    Raises:
        ParameterError: a person given to two groups (naming the later group's ``nodes_name``),
            or more people asked for than there are (naming the first ``count_name``).
    """
    taken = np.zeros(size, dtype=bool)
    extras = []
    for _, given, count, nodes_name, _ in groups:
        if given is None:
            extras.append(int(count))
            continue
        if taken[given].any():
            raise ParameterError(
                f"{nodes_name}: a person cannot start in two states",
                f"{nodes_name}: satu orang tidak bisa memulai dalam dua keadaan sekaligus.",
                field=nodes_name,
            )
        taken[given] = True
        extras.append(0)
    wanted = int(taken.sum()) + sum(extras)
    if wanted > size:
        names = " + ".join(g[4] for g in groups)
        # name the first group whose people no longer fit
        running = int(taken.sum())
        culprit = groups[-1][4]
        for (_, given, _, _, count_name), extra in zip(groups, extras, strict=True):
            running += extra
            if given is None and running > size:
                culprit = count_name
                break
        raise ParameterError(
            f"{names} = {wanted} exceeds the {size} people in the network ({culprit} is too large)",
            f"Jumlah orang pada keadaan awal ({wanted}) melebihi jumlah orang di jaringan ({size}).",
            field=culprit,
        )
    state = np.zeros(size, dtype=np.int8)
    draw = rng.choice(np.flatnonzero(~taken), size=sum(extras), replace=False)
    start = 0
    for (value, given, _, _, _), extra in zip(groups, extras, strict=True):
        picked = draw[start : start + extra]
        start += extra
        state[given if given is not None else picked] = value
    return state
