"""Widgets of the tabletop exercise: the participant panel, the facilitator console, solo mode.

Both widgets talk to the game through a :class:`GameBackend`, never to the engine directly:

* :class:`LocalBackend` wraps an in-kernel :class:`~simulations.response.tabletop.Game` (solo mode
  on Binder or a laptop; a facilitator running the game on one projected screen);
* a web backend (the classroom server's hub-managed service) implements the same nine methods
  over HTTP, with the participant code taken from the hub login. Refusals must arrive as
  :class:`~simulations.response.tabletop.TabletopError` (``TabletopError.from_dict(body)`` on the
  JSON error body), so the widgets show the same Indonesian message either way.

Every method returns plain JSON data (dicts and lists), the same in both backends.

:class:`ParticipantPanel`: role, budget, the role's own view (known narratives, signals, inbox),
up to three actions chosen with dropdowns (levers and their options come from the view), the
running cost against the budget, and **Kirim langkah**. :class:`FacilitatorConsole`: open and
close rounds, who has a role and who has moved, give roles (also to tables without a laptop, as
``MEJA-<PERAN>``), reveal the truth, and the debrief with its figures and an HTML export.
:class:`SoloExercise`: choose a role and play against the bots in one kernel.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any, Protocol

import ipywidgets as w

from simulations.core.formatting import fmt_id, pct_id
from simulations.response.tabletop import (
    LEVERS,
    ROLE_ORDER,
    ROLES,
    SCENARIOS,
    Debrief,
    Game,
    MoveRefused,
)
from simulations.widgets.base import (
    STYLE,
    Action,
    Explorer,
    add_buttons,
    code_box,
    dropdown,
    guarded,
    result_output,
    run_button,
)

__all__ = [
    "DebriefPanel",
    "FacilitatorConsole",
    "GameBackend",
    "LocalBackend",
    "ParticipantPanel",
    "SoloExercise",
    "situation_html",
]

NO_ACTION = ""


class GameBackend(Protocol):
    """What the widgets need from a game: nine calls, JSON in and out.

    Participant calls: :meth:`status`, :meth:`view`, :meth:`submit`. Facilitator calls:
    :meth:`assign`, :meth:`open_round`, :meth:`close_round`, :meth:`reveal`,
    :meth:`facilitator_view`, :meth:`debrief` (``Debrief.to_dict()``). Refusals raise
    :class:`~simulations.response.tabletop.TabletopError`.
    """

    def status(self) -> dict[str, Any]: ...

    def view(self, participant: str, role: str) -> dict[str, Any]: ...

    def submit(self, participant: str, role: str, move: dict[str, Any]) -> dict[str, Any]: ...

    def assign(self, participant: str, role: str | None) -> dict[str, Any]: ...

    def open_round(self) -> dict[str, Any]: ...

    def close_round(self) -> dict[str, Any]: ...

    def reveal(self) -> dict[str, Any]: ...

    def facilitator_view(self) -> dict[str, Any]: ...

    def debrief(self) -> dict[str, Any]: ...


class LocalBackend:
    """A :class:`GameBackend` over a game in this kernel."""

    def __init__(self, game: Game) -> None:
        self.game = game

    def status(self) -> dict[str, Any]:
        return self.game.status()

    def view(self, participant: str, role: str) -> dict[str, Any]:
        view = self.game.view_for(participant)
        if view["role"] != role:
            raise MoveRefused(
                "not_your_role",
                f"participant {participant} plays {view['role']}, not {role}",
                f"Anda memerankan {view['label']}, bukan {ROLES.get(role, ROLES[view['role']]).label}.",
                field="role",
            )
        return view

    def submit(self, participant: str, role: str, move: dict[str, Any]) -> dict[str, Any]:
        return self.game.submit(participant, role, move)

    def assign(self, participant: str, role: str | None) -> dict[str, Any]:
        return self.game.assign(participant, role)

    def open_round(self) -> dict[str, Any]:
        return self.game.open_round()

    def close_round(self) -> dict[str, Any]:
        return self.game.close_round()

    def reveal(self) -> dict[str, Any]:
        return self.game.reveal()

    def facilitator_view(self) -> dict[str, Any]:
        return self.game.facilitator_view()

    def debrief(self) -> dict[str, Any]:
        return self.game.debrief().to_dict()


# ------------------------------------------------------------------ HTML of a view
def _e(text: Any) -> str:
    return html.escape(str(text))


def scenario_dropdown(tip: str) -> w.Dropdown:
    """Return the dropdown of the built-in scenarios (:data:`~simulations.response.tabletop.SCENARIOS`)."""
    return dropdown([(s.title, key) for key, s in SCENARIOS.items()], "Skenario:", tip)


def _table(head: list[str], rows: list[list[Any]]) -> str:
    th = "".join(f"<th style='text-align:left;padding:2px 6px'>{_e(h)}</th>" for h in head)
    body = "".join(
        "<tr>" + "".join(f"<td style='padding:2px 6px'>{_e(c)}</td>" for c in row) + "</tr>"
        for row in rows
    )
    return f"<table style='border-collapse:collapse;font-size:0.9em'><tr>{th}</tr>{body}</table>"


def situation_html(view: dict[str, Any], *, inbox: int = 5) -> str:
    """Return the Indonesian HTML of a role view: summary, narratives, signals, latest messages."""
    parts = [f"<p>{_e(view['summary'])}</p>"]
    if view["narratives"]:
        items = []
        for n in view["narratives"]:
            tags = [n["category"]]
            if n["verified"]:
                tags.append("terverifikasi")
            if n["public"]:
                tags.append("sudah ada klarifikasi publik")
            items.append(
                f"<li><b>{_e(n['title'])}</b> ({_e(', '.join(tags))}). {_e(n['text'])}</li>"
            )
        parts.append("<b>Narasi yang Anda ketahui</b><ul>" + "".join(items) + "</ul>")
    signals = view["signals"]
    if signals.get("laporan"):
        rows = [
            [
                r["kecamatan"],
                r["nama"],
                r["jumlah"],
                fmt_id(r["acuan"]),
                "ALARM" if r["alarm"] else "–",
            ]
            for r in signals["laporan"]
        ]
        parts.append(
            "<b>Laporan warga ronde terakhir</b>"
            + _table(["Kode", "Kecamatan", "Laporan", "Biasanya", "Alarm"], rows)
        )
    if signals.get("pantau"):
        names = {n["key"]: n["title"] for n in view["narratives"]}
        rows = [
            [
                r["nama"],
                r["titik"],
                "; ".join(f"{names.get(k, k)}: {v}" for k, v in r["narasi"].items()) or "tidak ada",
            ]
            for r in signals["pantau"]
        ]
        parts.append("<b>Titik pantau</b>" + _table(["Kecamatan", "Titik", "Membawa narasi"], rows))
    if signals.get("desas_desus"):
        rows = [[r["nama"], r["tingkat"]] for r in signals["desas_desus"]]
        parts.append("<b>Desas-desus</b>" + _table(["Kecamatan", "Tingkat"], rows))
    if signals.get("jangkauan"):
        rows = [[r["narasi"], r["kecamatan"], pct_id(r["percaya"])] for r in signals["jangkauan"]]
        parts.append(
            "<b>Jangkauan Anda</b>" + _table(["Narasi", "Kecamatan", "Warga percaya"], rows)
        )
    if view["inbox"]:
        items = "".join(
            f"<li><b>Ronde {m['round']}, {_e(m['from'])}: {_e(m['title'])}.</b> {_e(m['text'])}</li>"
            for m in reversed(view["inbox"][-inbox:])
        )
        parts.append("<b>Pesan terbaru</b><ul>" + items + "</ul>")
    if view.get("truth"):
        rows = [
            [t["title"], pct_id(t["believer"]), pct_id(t["fact_checker"]), pct_id(t["ever"])]
            for t in view["truth"]
        ]
        parts.append(
            "<b>Keadaan sebenarnya (dibuka fasilitator)</b>"
            + _table(["Narasi", "Percaya", "Pemeriksa fakta", "Pernah percaya"], rows)
        )
    return "".join(parts)


# ------------------------------------------------------------------ participant panel
_PANEL_BUTTONS = (
    Action(
        "send_button",
        "Kirim langkah",
        "paper-plane",
        "Kirim tindakan di atas untuk ronde ini (bisa diganti sampai ronde ditutup).",
        "send",
        "primary",
    ),
    Action(
        "refresh_button",
        "Muat ulang",
        "refresh",
        "Ambil keadaan terbaru dari permainan.",
        "refresh",
    ),
)
"""A role panel's buttons: send the moves, reload the view."""

_CONSOLE_BUTTONS = (
    Action(
        "open_button",
        "Buka ronde",
        "play",
        "Buka ronde berikutnya; inject ronde itu terjadi.",
        "open_round",
        "primary",
    ),
    Action(
        "close_button",
        "Tutup ronde",
        "stop",
        "Tutup ronde: bot bergerak, langkah dijalankan, model maju.",
        "close_round",
        "warning",
    ),
    Action(
        "reveal_button",
        "Buka keadaan sebenarnya",
        "eye",
        "Tampilkan keadaan sebenarnya ke semua peran.",
        "reveal",
    ),
    Action(
        "debrief_button",
        "Pembahasan",
        "line-chart",
        "Garis waktu, pembanding, ringkasan, dan HTML.",
        "show_debrief",
        "success",
    ),
    Action("refresh_button", "Muat ulang", "refresh", "Ambil keadaan terbaru.", "refresh"),
)
"""The facilitator console's round buttons, in their row's order."""

_ROLE_BUTTONS = (
    Action(
        "assign_button",
        "Beri peran",
        "user-plus",
        "Berikan peran itu kepada kode peserta.",
        "assign",
    ),
    Action(
        "table_button",
        "Panel meja",
        "table",
        "Isi langkah meja itu di sini (kode MEJA-<PERAN>).",
        "open_table_panel",
    ),
)
"""The console's role buttons: give a role to a code, open a laptop-less table's panel."""

_DEBRIEF_BUTTONS = (
    Action(
        "show_button",
        "Tampilkan pembahasan",
        "line-chart",
        "Garis waktu dan pembanding (ronde yang belum dimainkan dijalankan tanpa langkah Anda).",
        "show",
        "primary",
    ),
    Action(
        "save_button",
        "Simpan HTML",
        "download",
        "Simpan pembahasan dan catatan sebagai HTML.",
        "save",
    ),
)
"""The debrief panel's buttons: show the debrief, save it with the team's notes as HTML."""


class _Slot:
    """One action of a move: a lever dropdown and the dropdowns of its parameters."""

    def __init__(self, panel: ParticipantPanel, index: int) -> None:
        self.panel = panel
        self.lever = dropdown(
            [("— tidak ada —", NO_ACTION)],
            f"Tindakan {index + 1}:",
            "Pilih tuas peran Anda; biayanya dalam poin tertulis di pilihan.",
            value=NO_ACTION,
        )
        self.params = w.VBox()
        self.help = w.HTML()
        self.controls: dict[str, w.Dropdown] = {}
        self._updating = False
        self.box = w.VBox([self.lever, self.params, self.help])
        self.lever.observe(self._on_lever, "value")

    def spec(self) -> dict[str, Any] | None:
        view = self.panel.view or {"levers": []}
        return next((s for s in view["levers"] if s["key"] == self.lever.value), None)

    def update(self) -> None:
        """Refill the lever options from the panel's view, keeping the choices when still possible."""
        view = self.panel.view or {"levers": []}
        saved = {k: c.value for k, c in self.controls.items()}
        options = [("— tidak ada —", NO_ACTION)] + [
            (f"{s['label']} ({s['cost']} poin)", s["key"]) for s in view["levers"]
        ]
        keep = self.lever.value if any(v == self.lever.value for _, v in options) else NO_ACTION
        self._updating = True
        try:
            self.lever.options = options
            self.lever.value = keep
        finally:
            self._updating = False
        self._build(saved)

    def _on_lever(self, _change: Any) -> None:
        if self._updating:
            return
        self._build({})
        self.panel._update_cost()

    def _build(self, old: dict[str, Any]) -> None:
        spec = self.spec()
        self.controls = {}
        if spec is None:
            self.params.children = ()
            self.help.value = ""
            return
        for p in spec["params"]:
            options = [(o["label"], o["value"]) for o in p["options"]] or [
                ("(belum ada pilihan)", "")
            ]
            values = [v for _, v in options]
            control = dropdown(
                options,
                f"{p['label']}:",
                p["help"],
                value=old.get(p["name"]) if old.get(p["name"]) in values else values[0],
            )
            control.observe(lambda _c: self.panel._update_cost(), "value")
            self.controls[p["name"]] = control
        self.params.children = tuple(self.controls.values())
        self.help.value = (
            f"<div style='font-size:0.85em;color:#444;max-width:40em'>{_e(spec['help'])} "
            f"<i>Dasar: {_e(spec['basis'])}</i></div>"
        )

    def action(self) -> dict[str, Any] | None:
        if self.lever.value == NO_ACTION:
            return None
        return {"lever": self.lever.value, "params": {k: c.value for k, c in self.controls.items()}}


class ParticipantPanel(Explorer):
    """The player's panel: their role's view, up to ``slots`` actions, and **Kirim langkah**.

    Args:
        backend: The game (:class:`LocalBackend` or a web backend).
        participant: The player's code.
        role: The player's role.
        slots: Actions a move can hold in the panel.
        auto_advance: After an accepted move, close the round and open the next (solo mode only:
            in class the facilitator does that).

    Attributes:
        widget: Top-level container; ``header``, ``situation`` (HTML), ``slots`` (each with
            ``lever`` and ``controls``), ``total`` (cost), ``send_button``, ``refresh_button``,
            ``status``. ``view`` is the last view, ``last_receipt`` the last receipt.
    """

    def __init__(
        self,
        backend: GameBackend,
        participant: str,
        role: str,
        *,
        slots: int = 3,
        auto_advance: bool = False,
    ) -> None:
        self.backend = backend
        self.participant = participant
        self.role = role
        self.auto_advance = auto_advance
        self.view: dict[str, Any] | None = None
        self.last_receipt: dict[str, Any] | None = None
        self.header = w.HTML()
        self.situation = w.HTML(
            layout=w.Layout(
                max_height="360px", overflow="auto", border="1px solid #ddd", padding="4px"
            )
        )
        self.slots = [_Slot(self, i) for i in range(slots)]
        self.total = w.HTML()
        buttons = add_buttons(self, _PANEL_BUTTONS)
        self.status = w.HTML()
        self.widget = w.VBox(
            [
                self.header,
                self.situation,
                w.HTML("<b>Langkah Anda untuk ronde ini</b>"),
                *[s.box for s in self.slots],
                self.total,
                w.HBox(buttons),
                self.status,
            ]
        )
        self.refresh()

    @guarded("status")
    def refresh(self) -> None:
        """Fetch the role's view and redraw the panel."""
        self.view = self.backend.view(self.participant, self.role)
        v = self.view
        label = v["round_label"] or "belum dimulai"
        self.header.value = (
            f"<h3 style='margin:4px 0'>{_e(v['label'])}</h3><div>Kode Anda: <b>{_e(self.participant)}</b> · "
            f"{_e(label)} (ronde {v['round']} dari {v['rounds']}, {_e(v['phase'])}) · Anggaran "
            f"<b>{v['budget']} poin</b> ({_e(v['budget_note'])})</div>"
        )
        self.situation.value = situation_html(v)
        for slot in self.slots:
            slot.update()
        self._update_cost()
        self.send_button.disabled = v["phase"] != "terbuka"

    def move(self) -> dict[str, Any]:
        """Return the move the panel holds now: ``{"actions": [...]}``."""
        return {"actions": [a for a in (s.action() for s in self.slots) if a is not None]}

    def cost(self) -> int:
        """Return the cost of the move the panel holds now, in budget points."""
        return sum(LEVERS[a["lever"]].price(a["params"]) for a in self.move()["actions"])

    def _update_cost(self) -> None:
        if self.view is None:
            return
        cost, budget = self.cost(), self.view["budget"]
        colour = "#b00020" if cost > budget else "#222"
        self.total.value = (
            f"<span style='color:{colour}'>Biaya langkah: <b>{cost}</b> dari {budget} poin.</span>"
        )

    def choose(self, slot: int, lever: str, **params: str) -> None:
        """Set one action from code (tests, demonstrations): lever and parameter values."""
        s = self.slots[slot]
        s.lever.value = lever
        for name, value in params.items():
            s.controls[name].value = value

    @guarded("status")
    def send(self) -> dict[str, Any] | None:
        """Submit the move; show the receipt (or the refusal, in Indonesian)."""
        receipt = self.backend.submit(self.participant, self.role, self.move())
        self.last_receipt = receipt
        text = (
            f"Langkah diterima (ronde {receipt['round']}, {receipt['cost']} dari {receipt['budget']} poin)."
            + (" Langkah sebelumnya diganti." if receipt["replaced"] else "")
        )
        if self.auto_advance:
            result = self.backend.close_round()
            if self.backend.status()["phase"] != "selesai":
                self.backend.open_round()
                text += f" Ronde {result['round']} selesai; ronde berikutnya dibuka."
            else:
                text += " Ronde terakhir selesai: lanjutkan ke pembahasan di bawah."
        self.refresh()
        self.status.value = f"<div style='color:#006400'>{_e(text)}</div>"
        return receipt


# ------------------------------------------------------------------ facilitator console
class FacilitatorConsole(Explorer):
    """The facilitator's console: rounds, roles, who moved, the truth, the debrief.

    Args:
        backend: The game (:class:`LocalBackend` or a web backend with the facilitator's rights).
        export_dir: Folder for the debrief's HTML file.

    Attributes:
        widget: Top-level container; ``open_button``, ``close_button``, ``reveal_button``,
            ``debrief_button``, ``refresh_button``, ``code``/``role``/``assign_button``,
            ``table_role``/``table_button`` (a panel for a table without laptop), ``board`` and
            ``truth`` (HTML), ``out`` (figures), ``status``; ``debrief_data`` after a debrief.
    """

    def __init__(self, backend: GameBackend, *, export_dir: str | Path = "latihan_meja") -> None:
        self.backend = backend
        self.export_dir = Path(export_dir)
        self.debrief_data: Debrief | None = None
        self.table_panel: ParticipantPanel | None = None

        round_buttons = add_buttons(self, _CONSOLE_BUTTONS)
        add_buttons(self, _ROLE_BUTTONS)
        self.code = code_box("Kode, bukan nama.", placeholder="P07")
        roles = [(ROLES[r].label, r) for r in ROLE_ORDER]
        self.role = dropdown(
            roles,
            "Peran:",
            "Peran untuk kode itu (satu peran boleh dimainkan satu tim).",
            layout=None,
        )
        self.table_role = dropdown(
            roles,
            "Meja tanpa laptop:",
            "Buka panel peran untuk meja yang menulis langkahnya di kartu.",
            layout=None,
        )
        self.board = w.HTML()
        self.truth = w.HTML()
        self.status = w.HTML()
        self.out = result_output("560px")
        self.table_box = w.VBox()
        self.widget = w.VBox(
            [
                w.HBox(round_buttons),
                self.status,
                self.board,
                w.HBox([self.code, self.role, self.assign_button]),
                w.HBox([self.table_role, self.table_button]),
                self.table_box,
                self.truth,
                self.out,
            ]
        )
        self.refresh()

    @guarded("status")
    def refresh(self) -> None:
        """Redraw the board (round, roles, who moved) and the truth table."""
        st = self.backend.status()
        fac = self.backend.facilitator_view()
        rows = []
        for r in ROLE_ORDER:
            players = ", ".join(st["players"][r]) or "bot"
            moved = st["moved"][r]
            rows.append([ROLES[r].label, players, f"sudah ({moved})" if moved else "belum"])
        head = f"<h3 style='margin:4px 0'>{_e(st['title'])} — {_e(st['label'] or 'belum dimulai')} (ronde {st['round']} dari {st['rounds']}, {_e(st['phase'])})</h3>"
        self.board.value = head + _table(["Peran", "Dimainkan oleh", "Langkah ronde ini"], rows)
        truth_rows = [
            [t["title"], pct_id(t["believer"]), pct_id(t["fact_checker"]), pct_id(t["ever"])]
            for t in fac["truth"]
        ]
        known = "; ".join(f"{ROLES[r].label}: {len(keys)}" for r, keys in fac["knowledge"].items())
        self.truth.value = (
            f"<p>{_e(fac['summary'])}</p>"
            + (
                _table(["Narasi", "Percaya", "Pemeriksa fakta", "Pernah percaya"], truth_rows)
                if truth_rows
                else ""
            )
            + f"<p style='font-size:0.85em'>Jumlah narasi yang diketahui tiap peran: {_e(known)}</p>"
        )
        self.open_button.disabled = st["phase"] != "menunggu"
        self.close_button.disabled = st["phase"] != "terbuka"

    @guarded("status")
    def open_round(self) -> None:
        """Open the next round."""
        st = self.backend.open_round()
        self.refresh()
        self.status.value = (
            f"<div style='color:#006400'>Ronde {st['round']} ({_e(st['label'])}) dibuka.</div>"
        )

    @guarded("status")
    def close_round(self) -> None:
        """Close and resolve the open round."""
        result = self.backend.close_round()
        self.refresh()
        bots = [ROLES[r].label for r, m in result["moves"].items() if m["by"] == "bot"]
        self.status.value = (
            f"<div style='color:#006400'>Ronde {result['round']} ditutup dan dijalankan. "
            f"Dimainkan bot: {_e(', '.join(bots) or 'tidak ada')}.</div>"
        )

    @guarded("status")
    def reveal(self) -> None:
        """Show every role the true state."""
        self.backend.reveal()
        self.refresh()
        self.status.value = "<div>Keadaan sebenarnya kini terlihat di panel semua peran.</div>"

    @guarded("status")
    def assign(self) -> None:
        """Give the typed participant code the chosen role."""
        out = self.backend.assign(self.code.value, self.role.value)
        self.refresh()
        self.status.value = (
            f"<div>{_e(out['participant'])} memerankan {_e(ROLES[out['role']].label)}.</div>"
        )

    @guarded("status")
    def open_table_panel(self) -> None:
        """Assign ``MEJA-<ROLE>`` to the chosen role and show its panel (moves written on a role card)."""
        role = self.table_role.value
        code = f"MEJA-{role.upper()}"[:20]
        self.backend.assign(code, role)
        self.table_panel = ParticipantPanel(self.backend, code, role)
        self.table_box.children = (self.table_panel.widget,)
        self.refresh()

    @guarded("status")
    def show_debrief(self) -> Debrief:
        """Build the debrief, draw it, and write its HTML page into ``export_dir``."""
        from IPython.display import HTML

        from simulations.course.tabletop import export_debrief
        from simulations.plots.tabletop import plot_debrief, plot_kecamatan

        self.debrief_data = Debrief.from_dict(self.backend.debrief())
        path = export_debrief(self.debrief_data, self.export_dir / "pembahasan_latihan_meja.html")
        self._show(
            plot_debrief(self.debrief_data),
            plot_kecamatan(self.debrief_data),
            HTML(f"<p>{_e(self.debrief_data.summary)}</p>"),
        )
        self.status.value = (
            f"<div>Pembahasan disimpan sebagai <code>{_e(path.name)}</code> (HTML).</div>"
        )
        return self.debrief_data


# ------------------------------------------------------------------ solo mode
class SoloExercise(Explorer):
    """Solo mode: choose a scenario and a role, then play every round against the bots.

    Args:
        seed: The game's seed.
        n: Simulated people.

    Attributes:
        widget: ``scenario``, ``role`` (dropdowns), ``start_button``, ``panel_box``, ``status``;
            ``game`` and ``panel`` once started.
    """

    def __init__(self, seed: int = 2024, n: int = 5_000) -> None:
        self.seed = seed
        self.n = n
        self.game: Game | None = None
        self.panel: ParticipantPanel | None = None
        self.scenario = scenario_dropdown(
            "Krisis yang akan Anda hadapi (fiktif, berdasar jenis insiden nyata)."
        )
        self.role = dropdown(
            [(ROLES[r].label, r) for r in ROLE_ORDER],
            "Peran Anda:",
            "Peran lain dimainkan bot.",
            value="diskominfo",
        )
        self.start_button = run_button(
            lambda _b: self.start(), "Mulai", "Mulai permainan dengan pilihan di atas."
        )
        self.status = w.HTML(
            "<div>Pilih skenario dan peran Anda, lalu tekan <b>Mulai</b>. Tujuh peran lain dimainkan bot.</div>"
        )
        self.panel_box = w.VBox()
        self.widget = w.VBox(
            [w.HBox([self.scenario, self.role, self.start_button]), self.status, self.panel_box]
        )

    @guarded("status")
    def start(self) -> ParticipantPanel:
        """Start a new game with the chosen scenario and role, open round 1, show the panel."""
        from simulations.course.tabletop import SOLO_CODE, solo_game

        self.game = solo_game(self.role.value, self.scenario.value, seed=self.seed, n=self.n)
        self.game.open_round()
        self.panel = ParticipantPanel(
            LocalBackend(self.game), SOLO_CODE, self.role.value, auto_advance=True
        )
        self.panel_box.children = (self.panel.widget,)
        self.status.value = (
            f"<div>Anda memerankan <b>{_e(ROLES[self.role.value].label)}</b>. Peran lain dimainkan bot. "
            "Pilih tindakan lalu tekan <b>Kirim langkah</b>; ronde berikutnya langsung dibuka.</div>"
        )
        return self.panel

    def finished_game(self) -> Game:
        """Return the game played to its end (started with the current choices if not yet started)."""
        from simulations.course.tabletop import finish

        if self.game is None:
            self.start()
        return finish(self.game)


class DebriefPanel(Explorer):
    """The debrief of one game: figures, the summary, the team's notes, and the HTML export.

    Args:
        source: A finished or running :class:`~simulations.response.tabletop.Game`, a
            :class:`SoloExercise` (its game is played to the end first) or a :class:`GameBackend`.
        folder: Folder of the HTML file.
        name: File name of the HTML file.

    Attributes:
        widget: ``show_button``, ``notes`` (Textarea), ``save_button``, ``summary``, ``out``,
            ``status``; ``debrief`` after :meth:`show`.
    """

    def __init__(
        self,
        source: Game | SoloExercise | GameBackend,
        *,
        folder: str | Path = "latihan_meja",
        name: str = "pembahasan_latihan_meja.html",
    ) -> None:
        self.source = source
        self.path = Path(folder) / name
        self.debrief: Debrief | None = None
        add_buttons(self, _DEBRIEF_BUTTONS)
        self.notes = w.Textarea(
            description="Catatan tim:",
            placeholder="Satu perbaikan koordinasi di daerah kami: siapa, apa, lewat saluran apa, dalam berapa jam.",
            tooltip="Tidak ada nama orang; catatan ini ikut tersimpan di halaman HTML.",
            style=STYLE,
            layout=w.Layout(width="640px", height="90px"),
        )
        self.summary = w.HTML()
        self.status = w.HTML()
        self.out = result_output("900px")
        self.widget = w.VBox(
            [self.show_button, self.out, self.summary, self.notes, self.save_button, self.status]
        )

    def _make(self) -> Debrief:
        source = self.source
        if isinstance(source, SoloExercise):
            return source.finished_game().debrief()
        if isinstance(source, Game):
            return source.debrief()
        return Debrief.from_dict(source.debrief())

    @guarded
    def show(self) -> Debrief:
        """Compute the debrief and draw it."""
        from simulations.plots.tabletop import plot_debrief, plot_kecamatan

        self.debrief = self._make()
        self._show(plot_debrief(self.debrief), plot_kecamatan(self.debrief))
        self.summary.value = f"<p>{_e(self.debrief.summary)}</p>"
        return self.debrief

    @guarded("status")
    def save(self) -> Path:
        """Write the debrief with the team's notes as one HTML page."""
        from simulations.course.tabletop import export_debrief

        if self.debrief is None:
            self.show()
        path = export_debrief(self.debrief, self.path, notes=self.notes.value)
        self.status.value = f"<div style='color:#006400'>Tersimpan: <code>{_e(path)}</code></div>"
        return path
