"""Participatory district: a tabletop exercise (latihan meja) in which the class plays one simulated kabupaten.

The engine is pure and deterministic: no clock, no network, no files. The same scenario, seed,
options and event log give the same game bit for bit, so a web service can store the log and
rebuild the game after a restart (:meth:`Game.replay`).

Modules: :mod:`.scenario` (scenarios and injects, with sources), :mod:`.roles` (actors, budgets,
what they see), :mod:`.levers` (levers, costs, effects), :mod:`.district` (the population on a
network, one hoax-model layer per narrative), :mod:`.actions` (interventions built on the
package's), :mod:`.views` (observation, role and facilitator views), :mod:`.bots`, :mod:`.game`,
:mod:`.debrief`, :mod:`.errors`.

API for a service (everything in and out is JSON-serialisable plain data)
-------------------------------------------------------------------------

Lifecycle (the facilitator's endpoints; the service checks the caller is admin)::

    game = Game("banjir_bansos", seed=7, n=10_000)   # options(): {"scenario","seed","n","bots"}
    game.assign("P07", "kesbangpol")   # participant code -> role; several codes may share a role;
                                       # assign(code, None) removes it; roles nobody plays are bots
    game.open_round()                  # -> status(); the round's injects happen now
    game.close_round()                 # -> round result; bots move, actions act, model advances,
                                       #    roles observe; after the last round phase == "selesai"
    game.reveal()                      # every role's view then carries the truth (debrief)
    game.status()                      # {"round","rounds","label","phase","players","moved",...}
    game.facilitator_view()            # the whole truth, every pending move, who knows what
    game.debrief()                     # Debrief; .to_dict() for JSON, Debrief.from_dict() back

Players (the service takes the participant code from the hub user, never from the request)::

    game.view("kesbangpol")            # RoleView dict: budget, levers with their options *for this
                                       # role now*, known narratives, signals, inbox, history, summary
    game.view_for("P07")               # the view of P07's own role (refused if P07 has none)
    game.check("P07", "kesbangpol", move)    # dry run: normalised move + cost, or raises
    game.submit("P07", "kesbangpol", move)   # -> receipt; a later submit for the role replaces it

A **move** is ``{"actions": [{"lever": "pantau", "params": {"kecamatan": "TJ03"}}, ...]}``
(at most :data:`~.game.MAX_ACTIONS` actions; ``[]`` is an explicit "no action"; an unsent move
is no action too). Parameter values are the ``options[].value`` strings of the role view.

The **receipt**: ``{"accepted": True, "round", "role", "participant", "seq", "cost", "budget",
"remaining", "replaced", "actions"}``.

A **refusal** raises :class:`TabletopError` (a ``SimulationInputError``): ``err.reason`` is a
stable code, ``err.status`` the HTTP status to answer with, ``err.pesan`` the Indonesian message,
``err.to_dict()`` the JSON body (``TabletopError.from_dict`` rebuilds it on the client). Codes
(:data:`REASONS`): ``bad_code`` 400, ``unknown_role`` 404, ``not_assigned`` 403,
``not_your_role`` 403, ``round_not_open`` 409, ``game_over`` 409, ``bad_move`` 400,
``unknown_lever`` 400, ``no_authority`` 403 (the lever is another actor's, e.g. Kesbangpol asking
for an access cut), ``bad_param`` 400, ``unknown_narrative`` 409, ``not_verified`` 409,
``not_available`` 409, ``over_budget`` 400, ``round_already_open`` 409, ``bad_log`` 400. A refused
call changes nothing.

**Persistence.** :meth:`Game.moves_log` is the event log (``assign``, ``open``, ``move``,
``close``, ``reveal``, each with a ``seq``): write each event when the call that made it
returns, before acknowledging; to restore, ``Game.replay(scenario, seed, log, n=..., bots=...)``
with :meth:`Game.options`. Bots' moves are not inputs: they follow from the log.

**Widgets.** :mod:`simulations.widgets.tabletop` talks to a game only through its ``GameBackend``
protocol (``status``, ``view(participant, role)``, ``submit``, ``assign``, ``open_round``,
``close_round``, ``reveal``, ``facilitator_view``, ``debrief`` → ``Debrief.to_dict()``), with
``LocalBackend`` over an in-kernel game; a web backend implements the same calls over HTTP and raises
``TabletopError.from_dict(body)`` on a refusal.

**Concurrency.** A ``Game`` is not thread-safe: call it from one thread (tornado's IOLoop) or
behind a lock. ``close_round`` takes about ``steps_per_round`` model steps (measured in
``benchmarks/bench_tabletop.py``); ``view`` and ``submit`` do no model work.

Example:
    >>> game = Game("banjir_bansos", seed=1, n=1000)
    >>> _ = game.assign("P01", "diskominfo")
    >>> _ = game.open_round()
    >>> game.submit("P01", "diskominfo", {"actions": [{"lever": "pantau", "params": {"kecamatan": "TJ03"}}]})["cost"]
    1
    >>> game.close_round()["round"]
    1
"""

from simulations.response.tabletop.bots import BOTS, bot_move
from simulations.response.tabletop.debrief import COUNTERFACTUALS, RUN_LABELS, Debrief, make_debrief
from simulations.response.tabletop.district import District, NarrativeLayer, district_network
from simulations.response.tabletop.errors import REASONS, GameStateError, MoveRefused, TabletopError
from simulations.response.tabletop.game import MAX_ACTIONS, PHASES, Game, check_code
from simulations.response.tabletop.levers import LEVERS, Lever
from simulations.response.tabletop.roles import ROLE_ORDER, ROLES, Role
from simulations.response.tabletop.scenario import (
    SCENARIOS,
    Inject,
    Narrative,
    Scenario,
    get_scenario,
)

__all__ = [
    "BOTS",
    "COUNTERFACTUALS",
    "LEVERS",
    "MAX_ACTIONS",
    "PHASES",
    "REASONS",
    "ROLES",
    "ROLE_ORDER",
    "RUN_LABELS",
    "SCENARIOS",
    "Debrief",
    "District",
    "Game",
    "GameStateError",
    "Inject",
    "Lever",
    "MoveRefused",
    "Narrative",
    "NarrativeLayer",
    "Role",
    "Scenario",
    "TabletopError",
    "bot_move",
    "check_code",
    "district_network",
    "get_scenario",
    "make_debrief",
]
