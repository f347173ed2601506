"""Scenarios of the tabletop exercise: a sequence of injects over rounds, each grounded in a real type of incident.

A :class:`Scenario` is FICTIONAL: Kabupaten Tangguh Jaya (fiktif), no real persons, invented
content. Every scenario and every inject names the *real type* of incident it is modelled on, with
the public sources the notebooks already cite (``sources``); numbers quoted there are the sources'
own, with their dates.

An :class:`Inject` happens at the start of its round:

* ``kind="narasi"`` — a new :class:`Narrative` (a hoax) appears: its believers are placed in its
  origin kecamatan and it spreads by the hoax model of Tambuscio et al. (2015) with its own
  ``beta``, ``alpha``, ``p_verify``, ``p_forget``;
* ``kind="kebocoran"`` — a breach of a regional data service: trust drops, i.e. the hoax
  credibility α rises by ``trust_loss`` for a ``share`` of people
  (:class:`~simulations.response.communication.Breach`), for every narrative now and later;
* ``kind="info"`` — a briefing message only.

``visible_to`` lists the roles told at once (e.g. the incident-response team informs Diskominfo
and Kesbangpol of a breach); everyone else learns of an inject only through what their role can
observe.

The built-in scenarios are data, not code: their texts, parameters and sources are in
``skenario.yaml`` next to this module, read and checked by :func:`load_scenarios` (which reads a
trainer's own scenario file the same way).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any, TypeVar

from simulations.core.errors import ParameterError, check_known
from simulations.core.params import check_fraction, check_integer
from simulations.data.messages import show
from simulations.data.yaml_file import read_yaml, yaml_error

__all__ = [
    "SCENARIOS",
    "SCENARIO_FILE",
    "Inject",
    "Narrative",
    "Scenario",
    "get_scenario",
    "load_scenarios",
]

KINDS = ("narasi", "kebocoran", "info")

T = TypeVar("T")


@dataclass(frozen=True)
class Narrative:
    """One fictional hoax and the hoax-model parameters it spreads with (Tambuscio et al. 2015).

    Args:
        key: Short identifier (``snake_case``), unique in the scenario.
        title: Indonesian title shown to roles that know the narrative.
        text: Indonesian description of the (fictional) content.
        category: Kominfo/Komdigi hoax category it belongs to (e.g. ``"Kebencanaan"``).
        origin: Kecamatan code where it starts (``"TJ01"`` … ``"TJ08"``).
        initial_per_10k: Initial believers per 10,000 people of the district, all in ``origin``.
        beta: Spreading rate β per step, [0, 1].
        alpha: Credibility α, [0, 1].
        p_verify: Verification probability per step, [0, 1].
        p_forget: Forgetting probability per step, [0, 1], ``p_verify + p_forget <= 1``.
        unlawful: Whether the content breaks the law, so that an access cut ordered through the
            ministry can follow a report (otherwise the report is declined: clarify instead).
        legal_note: Indonesian sentence: why it is or is not unlawful (the basis the ministry uses).
    """

    key: str
    title: str
    text: str
    category: str
    origin: str
    initial_per_10k: float = 3.0
    beta: float = 0.3
    alpha: float = 0.6
    p_verify: float = 0.05
    p_forget: float = 0.1
    unlawful: bool = False
    legal_note: str = ""


@dataclass(frozen=True)
class Inject:
    """An event at the start of a round.

    Args:
        round: Round number (1-based) at whose start it happens.
        kind: ``"narasi"``, ``"kebocoran"`` or ``"info"``.
        title: Indonesian headline.
        text: Indonesian briefing text.
        visible_to: Roles told at once (``("semua",)`` for everyone).
        narrative: The narrative, for ``kind="narasi"``.
        share: Share of people whose trust drops, for ``kind="kebocoran"``.
        trust_loss: Rise of α for them, for ``kind="kebocoran"``.
        grounding: Indonesian sentence naming the real type of incident it is modelled on.
        sources: Public sources of that grounding (URLs or references).
    """

    round: int
    kind: str
    title: str
    text: str
    visible_to: tuple[str, ...] = ()
    narrative: Narrative | None = None
    share: float = 0.0
    trust_loss: float = 0.0
    grounding: str = ""
    sources: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        check_integer(self.round, "round", "Ronde inject", 1)
        check_known(self.kind, KINDS, "inject kind", "Jenis inject", field="kind")
        if (self.kind == "narasi") != (self.narrative is not None):
            raise ParameterError(
                "an inject has a narrative exactly when kind='narasi'",
                "Inject berjenis 'narasi' harus membawa narasi (dan hanya jenis itu).",
                field="narrative",
            )
        check_fraction(self.share, "share", "Porsi warga terdampak")
        check_fraction(self.trust_loss, "trust_loss", "Penurunan kepercayaan")


@dataclass(frozen=True)
class Scenario:
    """A fictional crisis played over rounds.

    Args:
        key: Identifier.
        title: Indonesian title.
        summary: Indonesian briefing read to everyone before round 1.
        rounds: Number of rounds, >= 1.
        steps_per_round: Model steps per round, >= 1 (a round is half a day; one step about three
            hours of online life with ``4``).
        injects: The injects, in round order.
        sources: Public sources of the scenario's grounding.
        round_labels: Indonesian label of each round (``"Hari 1 pagi"`` …); default ``Ronde r``.
    """

    key: str
    title: str
    summary: str
    rounds: int
    steps_per_round: int
    injects: tuple[Inject, ...]
    sources: tuple[str, ...] = ()
    round_labels: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        check_integer(self.rounds, "rounds", "Jumlah ronde", 1)
        check_integer(self.steps_per_round, "steps_per_round", "Langkah per ronde", 1)
        keys = [i.narrative.key for i in self.injects if i.narrative is not None]
        if len(set(keys)) != len(keys):
            raise ParameterError(
                f"scenario {self.key!r}: narrative keys must be unique, got {keys}",
                f"Skenario {self.key}: setiap narasi harus punya kunci yang berbeda.",
                field="injects",
            )
        late = [i.round for i in self.injects if i.round > self.rounds]
        if late:
            raise ParameterError(
                f"scenario {self.key!r}: inject in round {late[0]} after the last round {self.rounds}",
                f"Skenario {self.key}: inject pada ronde {late[0]} melewati ronde terakhir ({self.rounds}).",
                field="injects",
            )

    @property
    def narratives(self) -> tuple[Narrative, ...]:
        """The narratives of the scenario, in the order they appear."""
        return tuple(i.narrative for i in self.injects if i.narrative is not None)

    def label(self, round_no: int) -> str:
        """Return the Indonesian label of round ``round_no`` (1-based)."""
        if 1 <= round_no <= len(self.round_labels):
            return self.round_labels[round_no - 1]
        return f"Ronde {round_no}"

    def to_dict(self) -> dict[str, Any]:
        """Return the scenario as plain JSON data (for a service's briefing page)."""
        return asdict(self)


SCENARIO_FILE = Path(__file__).with_name("skenario.yaml")
"""The built-in scenarios: their texts, parameters and sources, read by :func:`load_scenarios`."""


def _mapping(raw: Any, file: str, where: str) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise yaml_error(file, where, "must be a mapping", "harus berupa pasangan kunci: nilai.")
    return dict(raw)


def _texts(raw: Any, file: str, where: str, known: Mapping[str, str] | None = None) -> tuple:
    """Return a YAML list as a tuple; with ``known``, the texts its keys name (``sumber``)."""
    ok = isinstance(raw, list) and (
        known is None or all(isinstance(k, str) and k in known for k in raw)
    )
    if not ok:
        allowed = (
            f" of keys of 'sumber' ({', '.join(map(str, known))})" if known is not None else ""
        )
        raise yaml_error(
            file,
            where,
            f"must be a list{allowed}, got {show(raw)}",
            f"harus berupa daftar{' kunci dari sumber' if known is not None else ''}, bukan {show(raw)}.",
        )
    return tuple(raw) if known is None else tuple(known[k] for k in raw)


def _make(cls: type[T], raw: dict[str, Any], file: str, where: str) -> T:
    """Return ``cls(**raw)``, naming the entry when a field is unknown, missing or invalid."""
    unknown = sorted(set(raw) - {f.name for f in fields(cls)})  # type: ignore[arg-type]
    if unknown:
        raise yaml_error(
            file, where, f"unknown fields {unknown}", f"kolom tidak dikenal: {', '.join(unknown)}."
        )
    try:
        return cls(**raw)
    except TypeError as exc:  # a required field is missing
        raise yaml_error(file, where, str(exc), f"kolom wajib tidak lengkap ({exc}).") from None
    except ParameterError as exc:
        raise yaml_error(file, where, str(exc), exc.pesan) from None


def _inject(raw: Any, known: Mapping[str, str], file: str, where: str) -> Inject:
    raw = _mapping(raw, file, where)
    if raw.get("narrative") is not None:
        at = f"{where}.narrative"
        raw["narrative"] = _make(Narrative, _mapping(raw["narrative"], file, at), file, at)
    raw["sources"] = _texts(raw.get("sources", []), file, f"{where}.sources", known)
    raw["visible_to"] = _texts(raw.get("visible_to", []), file, f"{where}.visible_to")
    return _make(Inject, raw, file, where)


def load_scenarios(path: str | Path = SCENARIO_FILE) -> dict[str, Scenario]:
    """Read scenarios from a YAML file (the built-in ones from :data:`SCENARIO_FILE`).

    The file holds ``sumber`` (source texts by key), ``fiksi`` (the sentence that ends every
    summary: the scenario is fictional) and ``skenario`` (the scenarios, with the fields of
    :class:`Scenario`, :class:`Inject` and :class:`Narrative`; ``sources`` name keys of
    ``sumber``). Other top-level keys (``label``) only hold YAML anchors the scenarios share.

    Args:
        path: The YAML file.

    Returns:
        The scenarios by key, in the file's order.

    Raises:
        DataError: naming the file and the entry (``skenario[1].injects[2]``) when a field is
            unknown, missing or invalid, a source key is unknown, or two scenarios share a key.
    """
    path = Path(path)
    file = path.name
    raw = _mapping(read_yaml(path, "scenario file", "skenario"), file, "(root)")
    known = _mapping(raw.get("sumber") or {}, file, "sumber")
    fiction = str(raw.get("fiksi") or "")
    scenarios: dict[str, Scenario] = {}
    for i, entry in enumerate(_texts(raw.get("skenario"), file, "skenario")):
        where = f"skenario[{i}]"
        s = _mapping(entry, file, where)
        s["injects"] = tuple(
            _inject(inj, known, file, f"{where}.injects[{j}]")
            for j, inj in enumerate(_texts(s.get("injects", []), file, f"{where}.injects"))
        )
        s["sources"] = _texts(s.get("sources", []), file, f"{where}.sources", known)
        s["summary"] = " ".join(filter(None, (str(s.get("summary", "")), fiction)))
        s["round_labels"] = _texts(s.get("round_labels", []), file, f"{where}.round_labels")
        scenario = _make(Scenario, s, file, where)
        if scenario.key in scenarios:
            raise yaml_error(
                file, where, f"duplicate key {scenario.key!r}", f"kunci ganda {scenario.key!r}."
            )
        scenarios[scenario.key] = scenario
    return scenarios


SCENARIOS: dict[str, Scenario] = load_scenarios()
"""The built-in scenarios by key."""


def get_scenario(scenario: str | Scenario) -> Scenario:
    """Return a :class:`Scenario` from its key (or the scenario itself).

    Raises:
        ParameterError: for an unknown key, naming the keys there are.
    """
    if isinstance(scenario, Scenario):
        return scenario
    return SCENARIOS[check_known(scenario, SCENARIOS, "scenario", "Skenario")]
