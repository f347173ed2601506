"""The tabletop exercise on the classroom server: the participant's panel and the facilitator's console.

Both connect to the hub's service ``latihan-meja`` through
:class:`~simulations.course.tabletop_hub.HubBackend` when the notebook runs on the classroom server
(the hub sets ``$TANGGUH_LATIHAN_MEJA_URL`` and ``$JUPYTERHUB_API_TOKEN``); elsewhere (Binder, a
laptop, nbval) they only say so, and the notebook's solo mode is the exercise. No network call is
made outside the classroom server.

* :class:`ClassPanel` — who am I (the hub login is the participant code), which role the
  facilitator gave me; then the :class:`~simulations.widgets.tabletop.ParticipantPanel` over the
  service. **Cek peran saya** asks again (before the facilitator has given roles).
* :class:`ClassConsole` — for the trainer's account only (the service checks the facilitator
  scope): start the class game (scenario, seed, district size), then the
  :class:`~simulations.widgets.tabletop.FacilitatorConsole` over the service.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

import ipywidgets as w

from simulations.course.tabletop_hub import HubBackend, classroom_backend
from simulations.widgets.base import (
    Action,
    Explorer,
    add_buttons,
    checkbox,
    dropdown,
    guarded,
    run_button,
    seed_box,
)
from simulations.widgets.tabletop import FacilitatorConsole, ParticipantPanel, scenario_dropdown

__all__ = ["OUTSIDE_CLASS", "ClassConsole", "ClassPanel"]

OUTSIDE_CLASS = (
    "<div style='padding:6px;border-left:4px solid #888'>Notebook ini tidak berjalan di "
    "<b>server kelas</b>, jadi tidak ada permainan bersama untuk diikuti. Mainkan latihan meja "
    "dalam <b>mode sendiri</b> (bagian 4).</div>"
)
"""What both widgets show outside the classroom server."""


def _e(text: Any) -> str:
    return html.escape(str(text))


def _open(
    explorer: ClassPanel | ClassConsole, controls: w.Widget, box: w.Widget, first: Callable[[], Any]
) -> None:
    """Lay out status, controls and box; call ``first()`` in class, else hide the controls and say so."""
    explorer.widget = w.VBox([explorer.status, controls, box])
    if explorer.backend is None:
        explorer.status.value = OUTSIDE_CLASS
        controls.layout.display = "none"
    else:
        first()


_CHECK_BUTTONS = (
    Action(
        "check_button",
        "Cek peran saya",
        "user",
        "Tanyakan ke permainan kelas peran apa yang diberikan fasilitator kepada Anda.",
        "check",
    ),
)
"""The class panel's one button: ask the service for this participant's role."""


class ClassPanel(Explorer):
    """The participant's panel of the class game (classroom server).

    Args:
        backend: The service client (default: :func:`classroom_backend`, None outside class).

    Attributes:
        widget: ``status`` (HTML), ``check_button``, ``panel_box``; ``panel`` (the
            :class:`ParticipantPanel`) once the facilitator has given a role; ``me`` after a check.
    """

    def __init__(self, backend: HubBackend | None = None) -> None:
        self.backend = backend if backend is not None else classroom_backend()
        self.panel: ParticipantPanel | None = None
        self.me: dict[str, Any] | None = None
        self.status = w.HTML()
        add_buttons(self, _CHECK_BUTTONS)
        self.panel_box = w.VBox()
        _open(self, self.check_button, self.panel_box, self.check)

    @guarded("status")
    def check(self) -> ParticipantPanel | None:
        """Ask the service for this participant's role; show the role's panel once there is one."""
        self.me = me = self.backend.me()
        if me["game"] is None:
            self.status.value = (
                f"<div>Kode Anda: <b>{_e(me['participant'])}</b>. Fasilitator belum memulai "
                "permainan kelas; tekan <b>Cek peran saya</b> setelah aba-aba.</div>"
            )
            return None
        if me["role"] is None:
            self.status.value = (
                f"<div>Kode Anda: <b>{_e(me['participant'])}</b>. Anda belum mendapat peran; minta "
                "fasilitator memberi peran untuk kode ini, lalu tekan <b>Cek peran saya</b>.</div>"
            )
            return None
        if self.panel is None or self.panel.role != me["role"]:
            self.panel = ParticipantPanel(self.backend, me["participant"], me["role"])
            self.panel_box.children = (self.panel.widget,)
        else:
            self.panel.refresh()
        self.status.value = (
            f"<div>Permainan kelas: Anda (<b>{_e(me['participant'])}</b>) memerankan "
            f"<b>{_e(me['label'])}</b>. Kirim langkah sebelum fasilitator menutup ronde; tekan "
            "<b>Muat ulang</b> setelah ronde ditutup untuk melihat keadaan baru.</div>"
        )
        return self.panel


class ClassConsole(Explorer):
    """The facilitator's console of the class game (classroom server, the trainer's account).

    Args:
        backend: The service client (default: :func:`classroom_backend`).
        export_dir: Folder of the debrief's HTML file.

    Attributes:
        widget: ``scenario``, ``seed``, ``n`` and ``keep_roles`` (controls of a new game),
            ``new_button``, ``status``, ``console_box``; ``console`` (the
            :class:`FacilitatorConsole`) once a game exists.
    """

    def __init__(
        self, backend: HubBackend | None = None, *, export_dir: str = "latihan_meja"
    ) -> None:
        self.backend = backend if backend is not None else classroom_backend()
        self.export_dir = export_dir
        self.console: FacilitatorConsole | None = None
        self.scenario = scenario_dropdown("Krisis yang dimainkan seluruh kelas.")
        self.seed = seed_box(
            2024, "Seed:", "Seed yang sama + langkah yang sama = permainan yang sama."
        )
        self.n = dropdown(
            [("5.000 warga", 5_000), ("10.000 warga", 10_000), ("50.000 warga", 50_000),
             ("100.000 warga", 100_000)],
            "Penduduk simulasi:",
            "Lebih besar = lebih halus, ronde sedikit lebih lama (< 1 detik).",
            value=10_000,
            layout=None,
        )  # fmt: skip
        self.keep_roles = checkbox(
            True,
            "Pertahankan peran dari permainan sebelumnya",
            "Setiap kode peserta memegang peran yang sama di permainan baru.",
        )
        self.new_button = run_button(
            lambda _b: self.new_game(),
            "Mulai permainan kelas",
            "Buat permainan baru untuk seluruh kelas (permainan lama tetap tersimpan).",
        )
        self.status = w.HTML()
        self.console_box = w.VBox()
        self.controls = w.VBox(
            [w.HBox([self.scenario, self.seed]), w.HBox([self.n, self.keep_roles]), self.new_button]
        )
        _open(self, self.controls, self.console_box, self.connect)

    @guarded("status")
    def connect(self) -> FacilitatorConsole | None:
        """Check the facilitator's rights and attach the console to the current game, if any."""
        me = self.backend.me()
        if not me["facilitator"]:
            self.status.value = (
                "<div>Konsol ini untuk akun fasilitator. Peserta memakai panel peran di atas.</div>"
            )
            self.controls.layout.display = "none"
            return None
        if me["game"] is None:
            self.status.value = "<div>Belum ada permainan kelas: pilih skenario lalu mulai.</div>"
            return None
        return self._attach()

    def _attach(self) -> FacilitatorConsole:
        self.console = FacilitatorConsole(self.backend, export_dir=self.export_dir)
        self.console_box.children = (self.console.widget,)
        st = self.backend.status()
        self.status.value = (
            f"<div>Permainan kelas nomor {st['game']}: {_e(st['title'])}. Beri peran, lalu "
            "<b>Buka ronde</b>.</div>"
        )
        return self.console

    @guarded("status")
    def new_game(self) -> FacilitatorConsole:
        """Start a new class game with the chosen scenario, seed and size."""
        self.backend.new_game(
            self.scenario.value, int(self.seed.value), n=int(self.n.value),
            keep_roles=bool(self.keep_roles.value),
        )  # fmt: skip
        return self._attach()
