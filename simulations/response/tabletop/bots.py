"""Simple bots for roles nobody plays: rules of thumb that read only the role's own view.

A bot sees exactly what a player of the role would see (:func:`~simulations.response.tabletop.views.role_view`)
and picks options offered there, so its moves are valid by construction (the engine still checks
them like any move). The rules are deliberately plain — a reasonable official following the
routine, not an optimiser — so that players can beat them and the "bots only" counterfactual of
the debrief is a fair benchmark. They draw no random numbers: the same view gives the same move.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from simulations.response.tabletop.levers import LEVERS

__all__ = ["BOTS", "bot_move"]


class _Move:
    """Collects actions while they fit in the budget."""

    def __init__(self, view: dict[str, Any]) -> None:
        self.view = view
        self.left = int(view["budget"])
        self.actions: list[dict[str, Any]] = []

    def add(self, lever: str, **params: str) -> bool:
        cost = LEVERS[lever].price(params)
        if cost > self.left:
            return False
        self.actions.append({"lever": lever, "params": dict(params)})
        self.left -= cost
        return True

    def done(self) -> dict[str, Any]:
        return {"actions": self.actions}


def _options(view: dict[str, Any], lever: str, param: str) -> list[str]:
    for spec in view["levers"]:
        if spec["key"] == lever:
            for p in spec["params"]:
                if p["name"] == param:
                    return [o["value"] for o in p["options"]]
    return []


def _used(view: dict[str, Any], lever: str, **params: str) -> bool:
    """Whether the role already used ``lever`` (with these parameters) in an earlier round."""
    for past in view["history"]:
        for action in past["actions"]:
            if action["lever"] == lever and all(
                action["params"].get(k) == v for k, v in params.items()
            ):
                return True
    return False


def _last_round(view: dict[str, Any], lever: str) -> int:
    rounds = [p["round"] for p in view["history"] for a in p["actions"] if a["lever"] == lever]
    return max(rounds, default=0)


def _new_knowledge(view: dict[str, Any], lever: str) -> bool:
    """Whether the role learned a narrative since it last used ``lever``."""
    return any(n["since"] >= _last_round(view, lever) for n in view["narratives"])


def _loudest(view: dict[str, Any], allowed: list[str]) -> list[str]:
    """Kecamatan codes ordered by rumour level, then by report count, then by the order given."""
    rank = {"sangat ramai": 3, "ramai": 2, "mulai ramai": 1, "sepi": 0}
    score = {code: 0.0 for code in allowed}
    for row in view["signals"].get("desas_desus", []):
        if row["kecamatan"] in score:
            score[row["kecamatan"]] += 10 * rank[row["tingkat"]]
    for row in view["signals"].get("laporan", []):
        if row["kecamatan"] in score:
            score[row["kecamatan"]] += (100 if row["alarm"] else 0) + row["jumlah"]
    return sorted(allowed, key=lambda c: (-score[c], allowed.index(c)))


def _red(view: dict[str, Any]) -> dict[str, Any]:
    move = _Move(view)
    narratives = _options(view, "sebar", "narasi")
    if not narratives:
        return move.done()
    target = narratives[-1]  # push the newest narrative
    places = _options(view, "sebar", "kecamatan")
    turn = len(view["history"])
    place = places[turn % len(places)]
    if turn % 2:
        move.add("pendengung", narasi=target, kecamatan=place)
    else:
        move.add("bingkai_provokatif", narasi=target, kecamatan=place)
    move.add("sebar", narasi=target, kecamatan=place)
    return move.done()


def _kesbangpol(view: dict[str, Any]) -> dict[str, Any]:
    move = _Move(view)
    places = _options(view, "pantau", "kecamatan")
    watched = {row["kecamatan"] for row in view["signals"].get("pantau", [])}
    alarms = [row["kecamatan"] for row in view["signals"].get("laporan", []) if row["alarm"]]
    if view["narratives"] and _new_knowledge(view, "koordinasi"):
        move.add("koordinasi")
    for code in alarms:
        if code not in watched:
            move.add("pantau", kecamatan=code)
    if not view["history"]:
        for code in places[:2]:
            move.add("pantau", kecamatan=code)
    if alarms:
        move.add("sosialisasi", kecamatan=alarms[0])
    return move.done()


def _diskominfo(view: dict[str, Any]) -> dict[str, Any]:
    move = _Move(view)
    if any(spec["key"] == "umumkan_insiden" for spec in view["levers"]) and not _used(
        view, "umumkan_insiden"
    ):
        inbox = " ".join(m["text"] for m in view["inbox"])
        if "bocor" in inbox:
            move.add("umumkan_insiden")
    for n in view["narratives"]:
        if not _used(view, "klarifikasi", narasi=n["key"]):
            move.add("klarifikasi", narasi=n["key"], pembawa="official", waktu="setelah_verifikasi")
        if n["category"] in ("Penipuan", "Keagamaan") and not _used(
            view, "lapor_platform", narasi=n["key"]
        ):
            move.add("lapor_platform", narasi=n["key"])
    if not view["history"]:
        move.add("pantau", kecamatan=_options(view, "pantau", "kecamatan")[0])
        move.add("prebunking", cakupan="kecil")
    return move.done()


def _fkdm(view: dict[str, Any]) -> dict[str, Any]:
    move = _Move(view)
    if view["narratives"] and _new_knowledge(view, "laporan_dini"):
        move.add("laporan_dini")
    loud = [
        r["kecamatan"] for r in view["signals"].get("desas_desus", []) if r["tingkat"] != "sepi"
    ]
    if loud:
        move.add("sosialisasi", kecamatan=_loudest(view, loud)[0])
    return move.done()


def _fkub(view: dict[str, Any]) -> dict[str, Any]:
    move = _Move(view)
    places = [c for c in _options(view, "seruan_tokoh", "kecamatan") if c != "semua"]
    order = _loudest(view, places)
    for n in view["narratives"]:
        for code in order[:2]:
            if not _used(view, "seruan_tokoh", narasi=n["key"], kecamatan=code):
                move.add("seruan_tokoh", narasi=n["key"], kecamatan=code)
    if not move.actions and any(
        r["tingkat"] != "sepi" for r in view["signals"].get("desas_desus", [])
    ):
        move.add("sosialisasi", kecamatan=order[0])
    return move.done()


def _media(view: dict[str, Any]) -> dict[str, Any]:
    move = _Move(view)
    for n in view["narratives"]:
        if n["key"] in _options(view, "berita_klarifikasi", "narasi") and n["verified"]:
            if not _used(view, "berita_klarifikasi", narasi=n["key"]):
                move.add("berita_klarifikasi", narasi=n["key"])
    if not view["history"]:
        move.add("liputan_literasi")
    return move.done()


def _cek_fakta(view: dict[str, Any]) -> dict[str, Any]:
    move = _Move(view)
    places = _options(view, "relawan", "kecamatan")
    for n in view["narratives"]:
        if not _used(view, "cek_fakta", narasi=n["key"]):
            move.add("cek_fakta", narasi=n["key"])
        elif places:
            move.add("relawan", narasi=n["key"], kecamatan=places[0])
    return move.done()


def _kepala_desa(view: dict[str, Any]) -> dict[str, Any]:
    move = _Move(view)
    home = _options(view, "pengumuman_desa", "kecamatan")
    loud = [
        r["kecamatan"] for r in view["signals"].get("desas_desus", []) if r["tingkat"] != "sepi"
    ]
    order = _loudest(view, home)
    for n in view["narratives"]:
        move.add("pengumuman_desa", narasi=n["key"], kecamatan=order[0])
    if view["narratives"] and _new_knowledge(view, "laporan_dini"):
        move.add("laporan_dini")
    home_loud = [c for c in home if c in loud]
    if home_loud:
        move.add("musyawarah_desa", kecamatan=_loudest(view, home_loud)[0])
    return move.done()


BOTS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "tim_merah": _red,
    "kesbangpol": _kesbangpol,
    "diskominfo": _diskominfo,
    "fkdm": _fkdm,
    "fkub": _fkub,
    "media": _media,
    "cek_fakta": _cek_fakta,
    "kepala_desa": _kepala_desa,
}
"""The bot of every role."""


def bot_move(role: str, view: dict[str, Any]) -> dict[str, Any]:
    """Return the bot's move for ``role`` from the role's view: ``{"actions": [...]}``."""
    return BOTS[role](view)
