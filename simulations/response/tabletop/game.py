"""The tabletop game: rounds, moves, validation, resolution, views and replay (see the package docstring)."""

from __future__ import annotations

import copy
import re
import types
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from simulations.core.errors import ParameterError
from simulations.core.params import check_flag, check_seed
from simulations.response.communication import Breach
from simulations.response.tabletop import views
from simulations.response.tabletop.actions import AccessCut
from simulations.response.tabletop.district import District, per_people
from simulations.response.tabletop.errors import GameStateError, MoveRefused
from simulations.response.tabletop.levers import LEVERS, Effect, PlanContext, plan
from simulations.response.tabletop.roles import ROLE_ORDER, ROLES
from simulations.response.tabletop.scenario import Scenario, get_scenario

__all__ = ["MAX_ACTIONS", "PHASES", "Game", "check_code"]

MAX_ACTIONS = 6
"""Most actions in one move."""

MAX_TEXT = 40
"""Longest string accepted in a move (lever keys and parameter values are short codes)."""

PHASES = ("menunggu", "terbuka", "selesai")
"""Game phases: waiting for the facilitator to open a round, a round open for moves, finished."""

_CODE = re.compile(r"^[A-Za-z0-9_-]{2,20}$")


def check_code(code: Any) -> str:
    """Return a participant code in upper case, or refuse it (``bad_code``).

    Codes are 2–20 letters, digits, ``-`` or ``_`` with no spaces (``P07``, ``MEJA-3``): players
    are known by code, never by name (the same rule as the course's quizzes).
    """
    text = code.strip() if isinstance(code, str) else ""
    if not _CODE.match(text):
        raise MoveRefused(
            "bad_code",
            f"participant code {str(code)[:MAX_TEXT]!r} must be 2-20 letters, digits, - or _ (a code, not a name)",
            f"Kode peserta '{str(code)[:MAX_TEXT]}' tidak valid: pakai 2–20 huruf/angka tanpa spasi "
            "(mis. P07). Jangan menulis nama.",
            field="participant",
        )
    return text.upper()


@dataclass
class RoleState:
    """What one role knows and has done (internal; :meth:`Game.view` is its public form)."""

    known: dict[str, int] = field(default_factory=dict)
    monitors: dict[int, np.ndarray] = field(default_factory=dict)
    inbox: list[dict[str, Any]] = field(default_factory=list)
    history: list[dict[str, Any]] = field(default_factory=list)
    reports: list[list[int]] = field(default_factory=list)
    signals: dict[str, Any] = field(default_factory=dict)
    knows_breach: bool = False
    acted_in: set[int] = field(default_factory=set)


class Game:
    """One tabletop exercise: a scenario played in rounds on the simulated district.

    Args:
        scenario: A :class:`~simulations.response.tabletop.scenario.Scenario` or the key of a
            built-in one (:data:`~simulations.response.tabletop.scenario.SCENARIOS`).
        seed: Seed of the whole game (network, narratives, dynamics, observations), a whole
            number >= 0. Same scenario, seed, options and event log: the same game, bit for bit.
        n: Simulated people (500 … 2,000,000).
        bots: Whether roles nobody plays are played by their bot (True) or do nothing.

    Attributes:
        scenario: The scenario.
        seed: The seed.
        district: The simulated :class:`~simulations.response.tabletop.district.District`.
        round: Current round (0 before the first one is opened).
        phase: One of :data:`PHASES`.
        results: One :class:`dict` per resolved round (see :meth:`close_round`).
    """

    def __init__(
        self,
        scenario: str | Scenario = "banjir_bansos",
        seed: int = 0,
        *,
        n: int = 10_000,
        bots: bool = True,
    ) -> None:
        self.scenario = get_scenario(scenario)
        checked = check_seed(seed)
        if checked is None:
            raise ParameterError(
                "seed must be a whole number >= 0 (a game is replayed from its seed)",
                "Seed harus bilangan bulat minimal 0 (permainan diulang dari seed-nya).",
                field="seed",
            )
        self.seed = checked
        self.bots = check_flag(bots, "bots", "Bot untuk peran kosong")
        self.district = District(n, self.seed)
        self.n = self.district.num_people
        self.round = 0
        self.phase = "menunggu"
        self.results: list[dict[str, Any]] = []
        self.assignments: dict[str, str] = {}
        self.revealed = False
        self.public: dict[str, int] = {}
        self.verified: dict[str, int] = {}
        self.breach_people: np.ndarray | None = None
        self.breach_loss = 0.0
        self.breach_round: int | None = None
        self._roles = {key: RoleState() for key in ROLE_ORDER}
        self._pending: dict[str, dict[str, Any]] = {}
        self._reports: list[tuple[int, str, str]] = []
        self._red_places: set[tuple[str, str]] = set()
        self._log: list[dict[str, Any]] = []

    # ================================================================== options and replay
    def options(self) -> dict[str, Any]:
        """Return the constructor options (JSON): scenario key, seed, n, bots."""
        return {"scenario": self.scenario.key, "seed": self.seed, "n": self.n, "bots": self.bots}

    @classmethod
    def replay(
        cls,
        scenario: str | Scenario,
        seed: int,
        log: Sequence[Mapping[str, Any]],
        **options: Any,
    ) -> Game:
        """Rebuild a game from its seed and event log (:meth:`moves_log`), bit for bit.

        Every event goes through the same public method as when it was first made (``assign``,
        ``open_round``, ``submit``, ``close_round``, ``reveal``), so the rebuilt game is in the
        same phase with the same pending moves, views and timeline.

        Args:
            scenario: The scenario (or its key).
            seed: The game's seed.
            log: The events, in order.
            **options: The other constructor options (``n``, ``bots``).

        Raises:
            GameStateError: ``bad_log`` for an event that is not an event of this engine.
            TabletopError: when an event is refused (the log does not belong to this game).
        """
        game = cls(scenario, seed, **options)
        if isinstance(log, str | bytes | Mapping) or not isinstance(log, Sequence):
            raise GameStateError(
                "bad_log",
                "the event log must be a list of events",
                "Log permainan harus berupa daftar kejadian.",
                field="log",
            )
        for i, event in enumerate(log):
            kind = event.get("event") if isinstance(event, Mapping) else None
            if kind == "assign":
                game.assign(event.get("participant"), event.get("role"))
            elif kind == "open":
                game.open_round()
            elif kind == "move":
                game.submit(
                    event.get("participant"), event.get("role"), {"actions": event.get("actions")}
                )
            elif kind == "close":
                game.close_round()
            elif kind == "reveal":
                game.reveal()
            else:
                raise GameStateError(
                    "bad_log",
                    f"event {i} is not an event of this engine: {str(event)[:80]}",
                    f"Kejadian ke-{i} di log tidak dikenal.",
                    field=f"log[{i}]",
                )
        return game

    def moves_log(self) -> list[dict[str, Any]]:
        """Return the event log: every input that changed the game, in order (JSON).

        Events: ``{"seq", "event": "assign", "participant", "role"}``, ``{"seq", "event": "open",
        "round"}``, ``{"seq", "event": "move", "round", "participant", "role", "actions", "cost"}``
        (actions normalised), ``{"seq", "event": "close", "round"}``, ``{"seq", "event":
        "reveal"}``. :meth:`replay` rebuilds the game from it; bots' moves are not inputs (they
        follow from the game) and appear in :attr:`results` instead.
        """
        return copy.deepcopy(self._log)

    def _record(self, event: dict[str, Any]) -> dict[str, Any]:
        event = {"seq": len(self._log) + 1, **event}
        self._log.append(event)
        return event

    # ================================================================== facilitator actions
    def assign(self, participant: str, role: str | None) -> dict[str, Any]:
        """Give a participant a role (several participants may share one role: a team).

        Args:
            participant: Participant code (``P07``); never a name.
            role: A role key, or None to take the participant's role away.

        Returns:
            ``{"participant", "role", "players": {role: [codes]}}``.

        Raises:
            MoveRefused: ``bad_code`` or ``unknown_role``.
        """
        code = check_code(participant)
        if role is not None:
            self._check_role(role)
            self.assignments[code] = role
        else:
            self.assignments.pop(code, None)
        self._record({"event": "assign", "participant": code, "role": role})
        return {"participant": code, "role": role, "players": self.players()}

    def players(self) -> dict[str, list[str]]:
        """Return ``{role: [participant codes]}`` for every role (empty list: played by a bot)."""
        out: dict[str, list[str]] = {key: [] for key in ROLE_ORDER}
        for code, role in sorted(self.assignments.items()):
            out[role].append(code)
        return out

    def open_round(self) -> dict[str, Any]:
        """Open the next round: its injects happen and players may submit moves.

        Returns:
            :meth:`status` after opening.

        Raises:
            GameStateError: ``round_already_open`` or ``game_over``.
        """
        if self.phase == "terbuka":
            raise GameStateError(
                "round_already_open",
                f"round {self.round} is already open",
                f"Ronde {self.round} sudah dibuka; tutup dulu sebelum membuka ronde berikutnya.",
            )
        if self.phase == "selesai":
            raise GameStateError(
                "game_over",
                "every round has been played",
                "Semua ronde sudah dimainkan. Lanjutkan ke pembahasan (debrief).",
            )
        self.round += 1
        self.phase = "terbuka"
        self._pending = {}
        self._record({"event": "open", "round": self.round})
        self._injects()
        return self.status()

    def _injects(self) -> None:
        r = self.round
        for i, inject in enumerate(self.scenario.injects):
            if inject.round != r:
                continue
            told = ROLE_ORDER if "semua" in inject.visible_to else inject.visible_to
            if inject.kind == "narasi":
                narrative = inject.narrative
                self.district.add_narrative(narrative, salt=i)
                self._roles["tim_merah"].known.setdefault(narrative.key, r)
                for role in told:
                    self._roles[role].known.setdefault(narrative.key, r)
            elif inject.kind == "kebocoran":
                breach = Breach(
                    start=self.district.steps, share=inject.share, trust_loss=inject.trust_loss
                )
                seed = self.district.seed_for(r, 99, i)
                self.breach_people = breach.affected(
                    types.SimpleNamespace(num_people=self.n, seed=seed)
                )
                self.breach_loss = inject.trust_loss
                self.breach_round = r
                self.district.apply(breach, seed, persistent=True)
                for role in told:
                    self._roles[role].knows_breach = True
            for role in told:
                self._roles[role].inbox.append(
                    {"round": r, "from": "Skenario", "title": inject.title, "text": inject.text}
                )

    def close_round(self) -> dict[str, Any]:
        """Close the open round and resolve it: bots move, actions act, the model advances, roles observe.

        Roles with players and no move this round do nothing; roles without players are played by
        their bot (when ``bots`` is True). Actions act in :data:`ROLE_ORDER` order, each role's in
        the order given; reports to the ministry filed in the previous round are decided first.

        Returns:
            The round result (JSON): ``round``, ``label``, ``steps`` ``[first, last]``, ``moves``
            ``{role: {"by": code | "bot" | None, "actions": [...], "cost"}}``, ``decisions``
            (the ministry's answers), ``district`` ``{narrative: {"believer", "fact_checker"}}``.

        Raises:
            GameStateError: ``round_not_open`` or ``game_over``.
        """
        if self.phase != "terbuka":
            reason = "game_over" if self.phase == "selesai" else "round_not_open"
            raise GameStateError(
                reason,
                "no round is open",
                "Belum ada ronde yang dibuka."
                if reason == "round_not_open"
                else "Semua ronde sudah dimainkan.",
            )
        result = self._resolve()
        self._record({"event": "close", "round": self.round})
        self.results.append(result)
        self.phase = "selesai" if self.round >= self.scenario.rounds else "menunggu"
        return copy.deepcopy(result)

    def reveal(self) -> dict[str, Any]:
        """Show every role the whole district (for the debrief); returns :meth:`status`."""
        self.revealed = True
        self._record({"event": "reveal"})
        return self.status()

    # ================================================================== players' moves
    def check(self, participant: str, role: str, move: Any) -> dict[str, Any]:
        """Validate a move without changing the game (a dry run of :meth:`submit`).

        Returns:
            ``{"actions": [...normalised...], "cost": points}``.

        Raises:
            MoveRefused / GameStateError: with the reason codes of
                :data:`~simulations.response.tabletop.errors.REASONS`.
        """
        code = check_code(participant)
        self._check_role(role)
        if self.phase == "selesai":
            raise MoveRefused(
                "game_over", "every round has been played", "Semua ronde sudah dimainkan."
            )
        if self.phase != "terbuka":
            raise MoveRefused(
                "round_not_open",
                "no round is open for moves",
                "Ronde belum dibuka atau sudah ditutup; tunggu fasilitator membuka ronde berikutnya.",
            )
        mine = self._role_of(code)
        if mine != role:
            raise MoveRefused(
                "not_your_role",
                f"participant {code} plays {mine}, not {role}",
                f"Anda memerankan {ROLES[mine].label}, bukan {ROLES[role].label}; kirim langkah hanya untuk "
                "peran Anda.",
                field="role",
            )
        return self._check_actions(role, move)

    def submit(self, participant: str, role: str, move: Any) -> dict[str, Any]:
        """Submit (or replace) a role's move for the open round.

        One move per role and round counts: a later submission by any player of the role replaces
        the earlier one until the round closes.

        Args:
            participant: The player's code.
            role: The role the move is for (must be the player's own).
            move: ``{"actions": [{"lever": key, "params": {name: value}}, ...]}``; an empty list
                is an explicit "no action".

        Returns:
            The receipt (JSON): ``accepted`` True, ``round``, ``role``, ``participant``, ``seq``,
            ``cost``, ``budget``, ``remaining``, ``replaced`` (seq of the move it replaces, or None),
            ``actions`` (normalised).

        Raises:
            MoveRefused / GameStateError: nothing changed; ``err.reason``, ``err.status``,
                ``err.pesan`` say why.
        """
        checked = self.check(participant, role, move)
        code = check_code(participant)
        previous = self._pending.get(role)
        event = self._record(
            {
                "event": "move",
                "round": self.round,
                "participant": code,
                "role": role,
                "actions": checked["actions"],
                "cost": checked["cost"],
            }
        )
        self._pending[role] = event
        budget = ROLES[role].budget
        return {
            "accepted": True,
            "round": self.round,
            "role": role,
            "participant": code,
            "seq": event["seq"],
            "cost": checked["cost"],
            "budget": budget,
            "remaining": budget - checked["cost"],
            "replaced": None if previous is None else previous["seq"],
            "actions": copy.deepcopy(checked["actions"]),
        }

    def _role_of(self, code: str) -> str:
        """Return the role assigned to the (checked) participant ``code``; refused when none is."""
        role = self.assignments.get(code)
        if role is None:
            raise MoveRefused(
                "not_assigned",
                f"participant {code} has no role in this game",
                f"Kode {code} belum mendapat peran. Minta fasilitator memberi Anda peran.",
                field="participant",
            )
        return role

    def _check_role(self, role: Any) -> str:
        if not isinstance(role, str) or role not in ROLES:
            raise MoveRefused(
                "unknown_role",
                f"unknown role {str(role)[:MAX_TEXT]!r}; roles: {list(ROLE_ORDER)}",
                f"Peran '{str(role)[:MAX_TEXT]}' tidak ada dalam permainan ini.",
                field="role",
            )
        return role

    def _check_actions(self, role: str, move: Any) -> dict[str, Any]:
        """Check a move's shape, levers, parameters, knowledge and budget; return it normalised."""
        if not isinstance(move, Mapping) or set(move) - {"actions"} or "actions" not in move:
            raise MoveRefused(
                "bad_move",
                "a move must be {'actions': [...]} and nothing else",
                "Langkah harus berbentuk {'actions': [...]} (daftar tindakan).",
                field="actions",
            )
        actions = move["actions"]
        if not isinstance(actions, list) or len(actions) > MAX_ACTIONS:
            raise MoveRefused(
                "bad_move",
                f"actions must be a list of at most {MAX_ACTIONS} actions",
                f"Daftar tindakan harus berupa daftar berisi paling banyak {MAX_ACTIONS} tindakan.",
                field="actions",
            )
        choices = views.choices(self, role)
        out, total = [], 0
        for i, action in enumerate(actions):
            where = f"actions[{i}]"
            if (
                not isinstance(action, Mapping)
                or set(action) - {"lever", "params"}
                or not isinstance(action.get("lever"), str)
                or not isinstance(action.get("params", {}), Mapping)
            ):
                raise MoveRefused(
                    "bad_move",
                    f"{where} must be {{'lever': key, 'params': {{...}}}}",
                    f"Tindakan ke-{i + 1} harus berisi 'lever' dan 'params'.",
                    field=where,
                )
            key = action["lever"][: MAX_TEXT + 1]
            lever = LEVERS.get(key)
            if lever is None:
                raise MoveRefused(
                    "unknown_lever",
                    f"{where}: unknown lever {key[:MAX_TEXT]!r}",
                    f"Tindakan ke-{i + 1}: tuas '{key[:MAX_TEXT]}' tidak dikenal.",
                    field=f"{where}.lever",
                )
            if key not in ROLES[role].levers:
                holders = [ROLES[r].label for r in ROLE_ORDER if key in ROLES[r].levers]
                raise MoveRefused(
                    "no_authority",
                    f"{where}: lever {key!r} belongs to {holders}, not to {role}",
                    f"Tindakan ke-{i + 1}: '{lever.label}' bukan kewenangan {ROLES[role].label}, melainkan "
                    f"{', '.join(holders)}. {lever.basis}",
                    field=f"{where}.lever",
                )
            params = dict(action.get("params", {}))
            names = [p.name for p in lever.params]
            extra = sorted(set(map(str, params)) - set(names))
            if extra:
                raise MoveRefused(
                    "bad_param",
                    f"{where}: lever {key!r} has no parameter {extra[0][:MAX_TEXT]!r} (it has {names})",
                    f"Tindakan ke-{i + 1}: '{lever.label}' tidak punya pilihan '{extra[0][:MAX_TEXT]}'.",
                    field=f"{where}.params",
                )
            clean = {}
            for p in lever.params:
                value = params.get(p.name)
                allowed = [o["value"] for o in choices[(key, p.name)]]
                if p.source == "narrative" and isinstance(value, str) and value not in allowed:
                    raise MoveRefused(
                        "unknown_narrative",
                        f"{where}: {role} does not know narrative {value[:MAX_TEXT]!r} yet",
                        f"Tindakan ke-{i + 1}: Anda belum mengetahui narasi '{value[:MAX_TEXT]}'. "
                        "Anda hanya bisa menanggapi narasi yang sudah sampai kepada peran Anda.",
                        field=f"{where}.params.{p.name}",
                    )
                if not isinstance(value, str) or value not in allowed:
                    shown = ", ".join(allowed) if allowed else "(belum ada pilihan)"
                    raise MoveRefused(
                        "bad_param",
                        f"{where}: {p.name}={str(value)[:MAX_TEXT]!r} must be one of {allowed}",
                        f"Tindakan ke-{i + 1}: pilihan '{p.label}' = '{str(value)[:MAX_TEXT]}' tidak bisa dipakai; "
                        f"pilihan yang ada: {shown}.",
                        field=f"{where}.params.{p.name}",
                    )
                clean[p.name] = value
            if lever.needs_verified and not (
                clean.get("narasi") in self.verified and self.verified[clean["narasi"]] < self.round
            ):
                raise MoveRefused(
                    "not_verified",
                    f"{where}: narrative {clean.get('narasi')!r} has not been verified in an earlier round",
                    f"Tindakan ke-{i + 1}: narasi ini belum terverifikasi. Tunggu cek fakta atau klarifikasi "
                    "resmi diterbitkan (ronde sebelumnya) sebelum memberitakannya.",
                    field=f"{where}.params.narasi",
                )
            if lever.needs_breach and not self._roles[role].knows_breach:
                raise MoveRefused(
                    "not_available",
                    f"{where}: there is no data incident {role} knows of",
                    f"Tindakan ke-{i + 1}: belum ada insiden data yang Anda ketahui untuk diberitahukan.",
                    field=f"{where}.lever",
                )
            total += lever.price(clean)
            out.append({"lever": key, "params": clean})
        budget = ROLES[role].budget
        if total > budget:
            raise MoveRefused(
                "over_budget",
                f"the move costs {total} points; {role}'s budget is {budget} per round",
                f"Langkah ini butuh {total} poin, padahal anggaran {ROLES[role].label} {budget} poin per ronde. "
                "Kurangi atau ganti tindakan.",
                field="actions",
            )
        return {"actions": out, "cost": total}

    # ================================================================== resolution
    def _resolve(self) -> dict[str, Any]:
        from simulations.response.tabletop.bots import bot_move

        r = self.round
        d = self.district
        spr = self.scenario.steps_per_round
        start = d.steps
        players = self.players()
        moves: dict[str, dict[str, Any]] = {}
        for role in ROLE_ORDER:
            if players[role]:
                pending = self._pending.get(role)
                if pending is None:
                    moves[role] = {"by": None, "actions": [], "cost": 0}
                else:
                    moves[role] = {
                        "by": pending["participant"],
                        "actions": pending["actions"],
                        "cost": pending["cost"],
                    }
            elif self.bots:
                try:
                    checked = self._check_actions(role, bot_move(role, views.role_view(self, role)))
                except MoveRefused:  # a bot never blocks the class: it sits the round out
                    checked = {"actions": [], "cost": 0}
                moves[role] = {"by": "bot", **checked}
            else:
                moves[role] = {"by": None, "actions": [], "cost": 0}

        # the ministry decides on last round's reports first
        effects: list[Effect] = []
        decisions = []
        for filed, role, key in [x for x in self._reports if x[0] == r - 1]:
            unlawful = d.layers[key].narrative.unlawful
            decision = {"round": r, "from": role, "narrative": key, "cut": unlawful}
            if unlawful:
                iv = AccessCut(start=start, k=per_people(5.0 / 10_000, self.n))
                effects.append(
                    Effect("intervention", start, key, iv, seed=d.seed_for(r, 98, filed))
                )
                decision["intervention"] = iv
            decisions.append(decision)
        for i, role in enumerate(ROLE_ORDER):
            for j, action in enumerate(moves[role]["actions"]):
                ctx = PlanContext(
                    district=d,
                    round_start=start,
                    steps_per_round=spr,
                    seed=d.seed_for(r, i, j),
                    breach_people=self.breach_people,
                    breach_loss=self.breach_loss,
                    breach_round=self.breach_round,
                    round_no=r,
                )
                for effect in plan(LEVERS[action["lever"]], action["params"], ctx):
                    effect.role = role
                    effects.append(effect)

        # the model: interventions before the step they act at, then the step
        for step in range(start, start + spr):
            for effect in effects:
                if effect.kind in ("intervention", "notify") and effect.at == step:
                    if effect.narrative is not None and effect.narrative not in d.layers:
                        continue
                    d.apply(
                        effect.intervention,
                        effect.seed,
                        effect.narrative,
                        persistent=effect.persistent,
                    )
            d.step()

        # what became public, verified, reported; monitors placed
        for effect in effects:
            role = effect.role
            if effect.kind == "public" and effect.narrative is not None:
                self.public.setdefault(effect.narrative, r)
            elif effect.kind == "verify" and effect.narrative is not None:
                self.verified.setdefault(effect.narrative, r)
            elif effect.kind == "report" and role is not None:
                self._reports.append((r, role, effect.narrative))
            elif effect.kind == "monitor" and role is not None:
                k = per_people(4.0 / 1_000, int(d.sizes[effect.group]), minimum=3)
                self._roles[role].monitors[effect.group] = views.monitor_people(d, effect.group, k)
        for role in ROLE_ORDER:
            if moves[role]["actions"]:
                self._roles[role].acted_in.add(r)
                self._roles[role].history.append({"round": r, **copy.deepcopy(moves[role])})
            if ROLES[role].red:
                for action in moves[role]["actions"]:
                    p = action["params"]
                    if "narasi" in p and "kecamatan" in p:
                        self._red_places.add((p["narasi"], p["kecamatan"]))
        for dec in decisions:
            iv = dec.pop("intervention", None)
            views.tell_decision(self, dec, iv)

        # observation, then sharing (early-warning reports feed the coordination meeting)
        views.observe(self)
        for kind in (("kesbangpol", "fkdm"), ("*",)):
            for effect in effects:
                if effect.kind == "share" and effect.to == kind and effect.role is not None:
                    views.share(self, effect.role, effect.to)

        out_moves = {
            role: {
                "by": m["by"],
                "actions": copy.deepcopy(m["actions"]),
                "cost": m["cost"],
            }
            for role, m in moves.items()
        }
        return {
            "round": r,
            "label": self.scenario.label(r),
            "steps": [start, d.steps],
            "moves": out_moves,
            "decisions": decisions,
            "district": {key: _rounded(d.shares(key)) for key in d.layers},
        }

    # ================================================================== what everyone sees
    def status(self) -> dict[str, Any]:
        """Return the game's public status (JSON): round, phase, who has a role, which roles moved."""
        return {
            "scenario": self.scenario.key,
            "title": self.scenario.title,
            "round": self.round,
            "rounds": self.scenario.rounds,
            "label": self.scenario.label(self.round) if self.round else "",
            "phase": self.phase,
            "players": self.players(),
            "moved": {
                role: (self._pending[role]["participant"] if role in self._pending else None)
                for role in ROLE_ORDER
            }
            if self.phase == "terbuka"
            else {role: None for role in ROLE_ORDER},
            "revealed": self.revealed,
        }

    def view(self, role: str) -> dict[str, Any]:
        """Return what ``role`` can see now (JSON; see :func:`simulations.response.tabletop.views.role_view`)."""
        return views.role_view(self, self._check_role(role))

    def view_for(self, participant: str) -> dict[str, Any]:
        """Return the view of the participant's own role (refused when the participant has no role)."""
        role = self._role_of(check_code(participant))
        return self.view(role)

    def facilitator_view(self) -> dict[str, Any]:
        """Return everything (JSON): the true state of every narrative, all moves, who knows what."""
        return views.facilitator_view(self)

    # ================================================================== timeline and debrief
    def timeline(self, *, by_kecamatan: bool = False) -> pd.DataFrame:
        """Return the district's history: one row per step and narrative (and kecamatan).

        Columns: ``step``, ``round`` (the round the step belongs to; 0 = before round 1),
        ``narrative``, (``kecamatan``), ``susceptible``, ``believer``, ``fact_checker`` (counts
        of simulated people), ``share_believer``, ``share_fact_checker``. Narratives are listed
        from the step they appeared.
        """
        return views.timeline(self, by_kecamatan=by_kecamatan)

    def debrief(self, counterfactuals: Sequence[str] | None = None) -> Any:
        """Return the debrief: the played timeline, its counterfactuals and an Indonesian summary.

        See :func:`simulations.response.tabletop.debrief.make_debrief`.
        """
        from simulations.response.tabletop.debrief import COUNTERFACTUALS, make_debrief

        return make_debrief(self, COUNTERFACTUALS if counterfactuals is None else counterfactuals)


def _rounded(shares: dict[str, Any]) -> dict[str, Any]:
    return {
        "believer": round(shares["believer"], 6),
        "fact_checker": round(shares["fact_checker"], 6),
    }
