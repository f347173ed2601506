"""Refusals of the tabletop exercise: one error class, a stable reason code and an Indonesian message.

Every refusal the engine gives (a move for someone else's role, a closed round, a lever the role
does not have, a move over budget, …) is a :class:`TabletopError`, a
:class:`~simulations.core.errors.SimulationInputError`: ``str(err)`` is English, ``err.pesan`` is
Indonesian, and ``err.reason`` is one of the stable codes in :data:`REASONS`, which also gives the
HTTP status a web service should answer with (``err.status``). :meth:`TabletopError.to_dict` is the
JSON body of a refusal and :meth:`TabletopError.from_dict` turns such a body back into the error,
so a widget talking to the service over HTTP shows the same message as one talking to an
in-kernel game.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from simulations.core.errors import SimulationInputError

__all__ = ["REASONS", "GameStateError", "MoveRefused", "TabletopError"]

REASONS: dict[str, tuple[int, str]] = {
    "bad_code": (400, "the participant code is not a code (2-20 letters, digits, - or _)"),
    "unknown_role": (404, "no such role in this game"),
    "not_assigned": (403, "the participant has no role in this game"),
    "not_your_role": (403, "the participant plays another role"),
    "round_not_open": (409, "no round is open for moves"),
    "game_over": (409, "every round has been played"),
    "bad_move": (400, "the move is not of the form {'actions': [...]}"),
    "unknown_lever": (400, "no such lever"),
    "no_authority": (403, "the lever belongs to another actor's authority"),
    "bad_param": (400, "a lever parameter is missing or not one of its choices"),
    "unknown_narrative": (409, "the role does not know this narrative yet"),
    "not_verified": (
        409,
        "the narrative has not been verified by a fact-check or an official clarification",
    ),
    "not_available": (409, "the lever has nothing to act on yet (e.g. no data incident to notify)"),
    "over_budget": (400, "the move costs more than the role's budget for this round"),
    "round_already_open": (409, "a round is already open"),
    "bad_log": (400, "the event log cannot be replayed"),
}
"""Stable reason code -> (HTTP status a service should use, English meaning)."""


class TabletopError(SimulationInputError):
    """A refusal of the tabletop engine, with a stable machine-readable reason.

    Args:
        reason: One of :data:`REASONS`.
        message: English message naming what is wrong.
        pesan: Indonesian message for the participant.
        field: The offending field (``"role"``, ``"actions[0].params.narrative"``, …), if any.

    Attributes:
        reason: The reason code.
        status: The HTTP status from :data:`REASONS`.
    """

    def __init__(self, reason: str, message: str, pesan: str, *, field: str | None = None):
        if reason not in REASONS:  # pragma: no cover - programming error inside the package
            raise KeyError(reason)
        super().__init__(message, pesan, field=field)
        self.reason = reason
        self.status = REASONS[reason][0]

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON body of this refusal: ``accepted`` False, reason, status, messages, field."""
        return {
            "accepted": False,
            "reason": self.reason,
            "status": self.status,
            "message": str(self),
            "pesan": self.pesan,
            "field": self.field,
        }

    @classmethod
    def from_dict(cls, body: Mapping[str, Any]) -> TabletopError:
        """Rebuild the error from :meth:`to_dict` output (e.g. an HTTP error body)."""
        reason = str(body.get("reason", "bad_move"))
        if reason not in REASONS:
            reason = "bad_move"
        kind = GameStateError if reason in _STATE_REASONS else MoveRefused
        return kind(
            reason,
            str(body.get("message", reason)),
            str(body.get("pesan", body.get("message", reason))),
            field=body.get("field"),
        )


class MoveRefused(TabletopError):
    """A participant's move (or role request) is refused; nothing in the game changed."""


class GameStateError(TabletopError):
    """A facilitator action does not fit the game's phase (e.g. closing a round that is not open)."""


_STATE_REASONS = {"round_already_open", "bad_log"}
