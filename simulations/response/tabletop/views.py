"""What each role can see: observation at the end of a round, role views, the facilitator's view.

A role sees only what that actor could know (all numbers aggregate, no person is ever named):

* **citizen reports** (Kesbangpol): reports per kecamatan and round, a SYNTHETIC Poisson stream
  whose rate rises with the residents talking about any narrative (believers and fact-checkers),
  watched by the one-sided EWMA chart of :func:`simulations.response.alarms.ewma` (Roberts 1959)
  with the known baseline — alarms say *where*, not *what*;
* **issue monitors** the role placed (:func:`monitor_people`): how many of them carry each
  narrative — a monitor that carries a narrative reveals it;
* **rumours** in the role's own kecamatan: a narrative believed by at least the role's threshold
  is heard; the level (sepi, mulai ramai, ramai, sangat ramai) is shown;
* **virality**: a narrative believed by at least the role's district-wide threshold is noticed;
* **public clarifications**: once anyone publishes a clarification, everyone knows the narrative;
* **shared information**: early-warning reports and coordination meetings pass on narratives and
  signals (the sender's knowledge at the end of the round).

The facilitator sees everything (:func:`facilitator_view`).
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from simulations.core.formatting import fmt_id, pct_id
from simulations.models.hoax.rule import BELIEVER, FACT_CHECKER
from simulations.response.alarms import ewma
from simulations.response.interventions import select_nodes
from simulations.response.tabletop.district import District, derive_seed
from simulations.response.tabletop.levers import LEVERS
from simulations.response.tabletop.roles import ROLE_ORDER, ROLES

if TYPE_CHECKING:
    from simulations.response.tabletop.game import Game

__all__ = [
    "BASE_REPORTS_PER_10K",
    "REPORTS_PER_TALKER",
    "choices",
    "facilitator_view",
    "monitor_people",
    "observe",
    "role_view",
    "rumour_level",
    "timeline",
]

BASE_REPORTS_PER_10K = 0.18
"""Citizen reports about hoaxes per 10,000 residents per half-day round without any narrative
(the SYNTHETIC rate of ``datasets/synthetic``: 0.36 per 10,000 residents per day)."""

REPORTS_PER_TALKER = 0.001
"""Extra reports per resident who believes or fact-checks a narrative, per round (assumption)."""

LEVELS = ((0.15, "sangat ramai"), (0.05, "ramai"), (0.01, "mulai ramai"), (0.0, "sepi"))


def rumour_level(share: float) -> str:
    """Return the Indonesian rumour level of a believer share: sepi, mulai ramai, ramai, sangat ramai."""
    return next(label for bound, label in LEVELS if share >= bound)


def monitor_people(district: District, group: int, k: int) -> np.ndarray:
    """Return the ``k`` issue monitors of a kecamatan: its best-connected people (degree strategy)."""
    return select_nodes(district, k, "degree", group=group)


def _kec_label(district: District, g: int) -> str:
    return f"{district.codes[g]} {district.kecamatan[g].name}"


def choices(game: Game, role: str) -> dict[tuple[str, str], list[dict[str, str]]]:
    """Return the options of every parameter of the role's levers: ``{(lever, param): [{value, label}]}``."""
    d = game.district
    spec = ROLES[role]
    state = game._roles[role]
    known = [key for key in d.layers if key in state.known]
    kec = [{"value": code, "label": _kec_label(d, g)} for g, code in enumerate(d.codes)]
    home = kec if "semua" in spec.home else [o for o in kec if o["value"] in spec.home]
    out = {}
    for key in spec.levers:
        for p in LEVERS[key].params:
            if p.source == "narrative":
                opts = [{"value": k, "label": d.layers[k].narrative.title} for k in known]
            elif p.source == "kecamatan":
                opts = kec
            elif p.source == "kecamatan_semua":
                opts = [*kec, {"value": "semua", "label": "Semua kecamatan"}]
            elif p.source == "home":
                opts = home
            else:
                opts = [{"value": o.value, "label": o.label} for o in p.options]
            out[(key, p.name)] = opts
    return out


# ------------------------------------------------------------------ observation
def observe(game: Game) -> None:
    """Let every role observe the district at the end of the round (updates knowledge and signals)."""
    d = game.district
    r = game.round
    k = len(d.codes)
    talkers = np.zeros(k)
    shares: dict[str, np.ndarray] = {}
    for key, layer in d.layers.items():
        by = layer.history[-1]
        talkers += by[:, BELIEVER] + by[:, FACT_CHECKER]
        shares[key] = by[:, BELIEVER] / d.sizes
    population = np.array([kc.population for kc in d.kecamatan], dtype=np.float64)
    base = BASE_REPORTS_PER_10K * population / 10_000
    rate = base + REPORTS_PER_TALKER * talkers * d.residents_per_person
    reports = np.random.default_rng(derive_seed(game.seed, 6, r)).poisson(rate)
    district_share = {
        key: float(layer.counts[BELIEVER] / d.num_people) for key, layer in d.layers.items()
    }

    for role in ROLE_ORDER:
        spec = ROLES[role]
        st = game._roles[role]
        signals: dict[str, Any] = {}
        if spec.reports:
            st.reports.append([int(x) for x in reports])
            series = np.asarray(st.reports, dtype=np.float64)
            rows = []
            for g in range(k):
                res = ewma(
                    series[:, g],
                    lam=0.3,
                    L=3.0,
                    mu0=float(base[g]),
                    sigma0=float(np.sqrt(max(base[g], 0.25))),
                )
                rows.append(
                    {
                        "kecamatan": d.codes[g],
                        "nama": d.kecamatan[g].name,
                        "jumlah": int(series[-1, g]),
                        "acuan": round(float(base[g]), 2),
                        "alarm": bool(res.alarms[-1]),
                    }
                )
            signals["laporan"] = rows
        if st.monitors:
            rows = []
            for g, people in sorted(st.monitors.items()):
                seen = {}
                for key, layer in d.layers.items():
                    carrying = int((layer.state[people] == BELIEVER).sum())
                    if carrying:
                        seen[key] = carrying
                        st.known.setdefault(key, r)
                rows.append(
                    {
                        "kecamatan": d.codes[g],
                        "nama": d.kecamatan[g].name,
                        "titik": int(len(people)),
                        "narasi": seen,
                    }
                )
            signals["pantau"] = rows
        if spec.rumour_threshold is not None:
            groups = range(k) if "semua" in spec.home else [d.codes.index(c) for c in spec.home]
            rows = []
            for g in groups:
                heard = [key for key in d.layers if shares[key][g] >= spec.rumour_threshold]
                for key in heard:
                    st.known.setdefault(key, r)
                top = max((float(shares[key][g]) for key in d.layers), default=0.0)
                rows.append(
                    {
                        "kecamatan": d.codes[g],
                        "nama": d.kecamatan[g].name,
                        "tingkat": rumour_level(top),
                        "narasi": heard,
                    }
                )
            signals["desas_desus"] = rows
        if spec.district_threshold is not None:
            for key, share in district_share.items():
                if share >= spec.district_threshold:
                    st.known.setdefault(key, r)
        if spec.red:
            rows = []
            for key, code in sorted(game._red_places):
                if key in shares:
                    g = d.codes.index(code)
                    rows.append(
                        {
                            "narasi": key,
                            "kecamatan": code,
                            "percaya": round(float(shares[key][g]), 4),
                        }
                    )
            signals["jangkauan"] = rows
        for key in game.public:
            st.known.setdefault(key, r)
        st.signals = signals


def share(game: Game, sender: str, to: tuple[str, ...]) -> None:
    """Pass the sender's known narratives and a summary of its signals to other roles."""
    targets = (
        [r for r in ROLE_ORDER if not ROLES[r].red and r != sender] if to == ("*",) else list(to)
    )
    st = game._roles[sender]
    text = _signal_text(game, sender) or "Belum ada sinyal menonjol."
    titles = [
        game.district.layers[k].narrative.title for k in st.known if k in game.district.layers
    ]
    for role in targets:
        if role == sender:
            continue
        target = game._roles[role]
        for key in st.known:
            target.known.setdefault(key, game.round)
        target.inbox.append(
            {
                "round": game.round,
                "from": ROLES[sender].label,
                "title": "Rapat Tim Kewaspadaan Dini"
                if to == ("*",)
                else "Laporan peringatan dini",
                "text": (f"Narasi yang diketahui: {'; '.join(titles)}. " if titles else "") + text,
            }
        )


def tell_decision(game: Game, decision: dict[str, Any], intervention: Any) -> None:
    """Tell the reporting role the ministry's decision on its report."""
    layer = game.district.layers[decision["narrative"]]
    if decision["cut"]:
        count = int(len(getattr(intervention, "cut", ())))
        decision["accounts"] = count
        text = (
            f"Tim Aduan Konten menilai konten “{layer.narrative.title}” melanggar hukum; PPNS kementerian "
            f"memerintahkan platform memutus akses {count} akun penyebar utamanya. {layer.narrative.legal_note}"
        )
    else:
        decision["accounts"] = 0
        text = (
            f"Laporan tentang “{layer.narrative.title}” tidak ditindaklanjuti dengan pemutusan akses. "
            f"{layer.narrative.legal_note}"
        )
    game._roles[decision["from"]].inbox.append(
        {
            "round": game.round,
            "from": "Kementerian (aduankonten)",
            "title": "Keputusan atas laporan",
            "text": text,
        }
    )


# ------------------------------------------------------------------ views
def _signal_text(game: Game, role: str) -> str:
    st = game._roles[role]
    parts = []
    alarms = [
        f"{x['nama']} ({x['kecamatan']})" for x in st.signals.get("laporan", []) if x["alarm"]
    ]
    if alarms:
        parts.append("Alarm laporan warga di " + ", ".join(alarms) + ".")
    for row in st.signals.get("pantau", []):
        if row["narasi"]:
            parts.append(
                f"Titik pantau {row['nama']}: "
                + ", ".join(
                    f"{v} dari {row['titik']} membawa “{_title(game, k)}”"
                    for k, v in row["narasi"].items()
                )
                + "."
            )
    loud = [x for x in st.signals.get("desas_desus", []) if x["tingkat"] != "sepi"]
    if loud:
        parts.append("Desas-desus: " + ", ".join(f"{x['nama']} {x['tingkat']}" for x in loud) + ".")
    return " ".join(parts)


def _title(game: Game, key: str) -> str:
    return game.district.layers[key].narrative.title


def _lever_spec(game: Game, role: str) -> list[dict[str, Any]]:
    opts = choices(game, role)
    out = []
    for key in ROLES[role].levers:
        lever = LEVERS[key]
        out.append(
            {
                "key": key,
                "label": lever.label,
                "help": lever.help,
                "basis": lever.basis,
                "cost": lever.cost,
                "extra": {name: dict(values) for name, values in lever.extra.items()},
                "needs_verified": lever.needs_verified,
                "needs_breach": lever.needs_breach,
                "params": [
                    {
                        "name": p.name,
                        "label": p.label,
                        "help": p.help,
                        "options": copy.deepcopy(opts[(key, p.name)]),
                    }
                    for p in lever.params
                ],
            }
        )
    return out


def role_view(game: Game, role: str) -> dict[str, Any]:
    """Return what ``role`` can see now, as plain JSON data.

    Keys: ``role``, ``label``, ``description``, ``basis``, ``sees``, ``round``, ``rounds``,
    ``round_label``, ``phase``, ``budget``, ``budget_note``, ``submitted`` (the role's move
    pending in the open round, or None), ``levers`` (each with ``params`` and their ``options``
    for this role now), ``narratives`` (the ones the role knows), ``signals`` (``laporan``,
    ``pantau``, ``desas_desus``, ``jangkauan`` as the role has them), ``inbox``, ``history``
    (the role's resolved moves), ``summary`` (Indonesian text) and ``truth`` (the facilitator's
    truth once revealed, else None).
    """
    spec = ROLES[role]
    st = game._roles[role]
    d = game.district
    pending = game._pending.get(role) if game.phase == "terbuka" else None
    narratives = [
        {
            "key": key,
            "title": d.layers[key].narrative.title,
            "text": d.layers[key].narrative.text,
            "category": d.layers[key].narrative.category,
            "since": int(st.known[key]),
            "public": key in game.public,
            "verified": key in game.verified,
        }
        for key in d.layers
        if key in st.known
    ]
    view = {
        "role": role,
        "label": spec.label,
        "description": spec.description,
        "basis": spec.basis,
        "sees": spec.sees,
        "round": game.round,
        "rounds": game.scenario.rounds,
        "round_label": game.scenario.label(game.round) if game.round else "",
        "phase": game.phase,
        "budget": spec.budget,
        "budget_note": spec.budget_note,
        "submitted": None
        if pending is None
        else {
            "seq": pending["seq"],
            "participant": pending["participant"],
            "actions": copy.deepcopy(pending["actions"]),
            "cost": pending["cost"],
        },
        "levers": _lever_spec(game, role),
        "narratives": narratives,
        "signals": copy.deepcopy(st.signals),
        "inbox": copy.deepcopy(st.inbox),
        "history": copy.deepcopy(st.history),
        "truth": _truth(game) if game.revealed else None,
    }
    view["summary"] = _role_summary(game, role, view)
    return view


def _role_summary(game: Game, role: str, view: dict[str, Any]) -> str:
    spec = ROLES[role]
    if game.round == 0:
        head = f"Permainan belum dimulai. Anda memerankan {spec.label}."
    elif game.phase == "selesai":
        head = f"Permainan selesai ({game.scenario.rounds} ronde). Anda memerankan {spec.label}."
    else:
        state = (
            "terbuka: kirim langkah Anda"
            if game.phase == "terbuka"
            else "ditutup: tunggu ronde berikutnya"
        )
        head = (
            f"{view['round_label']} (ronde {game.round} dari {game.scenario.rounds}), ronde {state}. "
            f"Anggaran {spec.label}: {spec.budget} poin per ronde."
        )
    if view["narratives"]:
        known = "; ".join(f"“{n['title']}”" for n in view["narratives"])
        body = f"Anda mengetahui {len(view['narratives'])} narasi: {known}."
    else:
        body = "Anda belum mengetahui narasi apa pun yang beredar."
    signals = _signal_text(game, role)
    return " ".join(x for x in (head, body, signals) if x)


def _truth(game: Game) -> list[dict[str, Any]]:
    d = game.district
    out = []
    for key, layer in d.layers.items():
        s = d.shares(key)
        out.append(
            {
                "key": key,
                "title": layer.narrative.title,
                "since_step": int(layer.start_step),
                "believer": round(s["believer"], 6),
                "fact_checker": round(s["fact_checker"], 6),
                "ever": round(float(layer.ever_believed.mean()), 6),
                "by_kecamatan": {
                    code: {k: round(v, 6) for k, v in vals.items()}
                    for code, vals in s["by_kecamatan"].items()
                },
            }
        )
    return out


def facilitator_view(game: Game) -> dict[str, Any]:
    """Return everything the facilitator sees, as plain JSON data.

    Keys: ``status`` (:meth:`Game.status`), ``truth`` (every narrative's believer, fact-checker and
    ever-believed shares, district-wide and by kecamatan), ``knowledge`` ``{role: [narratives]}``,
    ``submissions`` (the moves pending in the open round), ``public``, ``verified``
    (``{narrative: round}``), ``results`` (every resolved round), ``next_injects`` and
    ``summary`` (Indonesian).
    """
    d = game.district
    truth = _truth(game)
    next_round = game.round + 1 if game.phase != "terbuka" else game.round
    view = {
        "status": game.status(),
        "truth": truth,
        "knowledge": {
            role: [k for k in d.layers if k in game._roles[role].known] for role in ROLE_ORDER
        },
        "submissions": {
            role: {
                k: copy.deepcopy(v)
                for k, v in m.items()
                if k in ("participant", "seq", "actions", "cost")
            }
            for role, m in game._pending.items()
        }
        if game.phase == "terbuka"
        else {},
        "public": dict(game.public),
        "verified": dict(game.verified),
        "results": copy.deepcopy(game.results),
        "next_injects": [
            {"round": i.round, "kind": i.kind, "title": i.title}
            for i in game.scenario.injects
            if i.round == next_round
        ],
    }
    parts = [f"Ronde {game.round} dari {game.scenario.rounds}, fase {game.phase}."]
    for t in truth:
        parts.append(
            f"“{t['title']}”: {pct_id(t['believer'])} warga percaya, {pct_id(t['fact_checker'])} pemeriksa fakta, "
            f"{pct_id(t['ever'])} pernah percaya."
        )
    moved = [ROLES[r].label for r, who in view["status"]["moved"].items() if who]
    if game.phase == "terbuka":
        parts.append(f"Sudah mengirim langkah: {', '.join(moved) if moved else 'belum ada'}.")
    parts.append(
        f"Satu orang simulasi mewakili ± {fmt_id(d.residents_per_person, 1)} warga (data sintetis)."
    )
    view["summary"] = " ".join(parts)
    return view


def timeline(game: Game, *, by_kecamatan: bool = False) -> pd.DataFrame:
    """Return the history of every narrative, one row per step (and kecamatan); see :meth:`Game.timeline`."""
    d = game.district
    spr = game.scenario.steps_per_round
    frames = []
    for key, layer in d.layers.items():
        hist = np.asarray(layer.history, dtype=np.int64)  # (steps, kecamatan, 3)
        steps = layer.start_step + np.arange(len(hist))
        if by_kecamatan:
            for g, code in enumerate(d.codes):
                frames.append(
                    _frame(key, steps, hist[:, g, :], int(d.sizes[g]), spr, kecamatan=code)
                )
        else:
            frames.append(_frame(key, steps, hist.sum(axis=1), d.num_people, spr))
    columns = ["step", "round", "narrative", *(["kecamatan"] if by_kecamatan else [])]
    columns += ["susceptible", "believer", "fact_checker", "share_believer", "share_fact_checker"]
    if not frames:
        return pd.DataFrame(columns=columns)
    return pd.concat(frames, ignore_index=True)[columns]


def _frame(
    key: str,
    steps: np.ndarray,
    counts: np.ndarray,
    size: int,
    spr: int,
    kecamatan: str | None = None,
) -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "step": steps,
            "round": (steps + spr - 1) // spr,
            "narrative": key,
            "susceptible": counts[:, 0],
            "believer": counts[:, BELIEVER],
            "fact_checker": counts[:, FACT_CHECKER],
            "share_believer": counts[:, BELIEVER] / size,
            "share_fact_checker": counts[:, FACT_CHECKER] / size,
        }
    )
    if kecamatan is not None:
        frame.insert(3, "kecamatan", kecamatan)
    return frame
