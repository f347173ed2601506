"""The levers of the tabletop exercise: what an actor can do in a round, what it costs, what it does.

A :class:`Lever` is declared once (key, Indonesian label and help, parameters with their choices,
cost in budget points, the source it rests on) and :func:`plan` turns one chosen lever with its
parameters into :class:`Effect` objects the round resolution carries out. The model effects are the
package's interventions (:mod:`simulations.response.interventions`,
:mod:`simulations.response.communication`) or the tabletop's own built on them
(:mod:`simulations.response.tabletop.actions`); monitors are placed by the degree strategy of
:func:`~simulations.response.interventions.select_nodes` (the baseline strategy of Leskovec et al.
2007; notebook 03 shows CELF doing better).

Every lever parameter is a choice (a dropdown in the widgets, a string in JSON). Choices named by
``source`` are filled per role at view time: ``"narrative"`` (the narratives the role knows),
``"kecamatan"`` (all kecamatan), ``"kecamatan_semua"`` (all, or ``"semua"``), ``"home"`` (the
role's own kecamatan).

Sizes scale with the district, so a game of 1,000 or 100,000 simulated people plays alike: numbers
of carriers, monitors and accounts are rates per 10,000 people (or per 1,000 of a kecamatan).
Effect sizes are teaching assumptions, stated next to each lever; they are not measured in any
region.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from simulations.core.tables import keyed
from simulations.response.communication import Clarification
from simulations.response.interventions import (
    CommunityLeaders,
    FactCheckCapacity,
    Intervention,
    Prebunking,
)
from simulations.response.tabletop.actions import (
    Buzzers,
    Framing,
    LocalClarification,
    Seeding,
    TrustRepair,
)
from simulations.response.tabletop.district import District, per_people

__all__ = ["LEVERS", "Effect", "Lever", "LeverParam", "Option", "plan"]


@dataclass(frozen=True)
class Option:
    """One choice of a lever parameter: the value sent in JSON and its Indonesian label."""

    value: str
    label: str


@dataclass(frozen=True)
class LeverParam:
    """A parameter of a lever: a choice among fixed options or among options filled per role.

    Args:
        name: Key in the move's ``params``.
        label: Indonesian label.
        help: One Indonesian sentence.
        options: Fixed options (empty when ``source`` fills them).
        source: ``""``, ``"narrative"``, ``"kecamatan"``, ``"kecamatan_semua"`` or ``"home"``.
    """

    name: str
    label: str
    help: str
    options: tuple[Option, ...] = ()
    source: str = ""


@dataclass(frozen=True)
class Lever:
    """One lever.

    Args:
        key: Identifier (in moves and logs).
        label: Indonesian label.
        help: What it does, in Indonesian (shown beside the lever).
        kind: Effect kind implemented by :func:`plan`.
        params: Its parameters.
        cost: Base cost in budget points.
        extra: Extra cost by parameter value: ``{param: {value: points}}``.
        basis: The paper or legal basis it rests on (shown to players).
        needs_verified: The narrative must have been verified (fact-check or official clarification
            published in an earlier round).
        needs_breach: Only after a data breach the role knows of.
    """

    key: str
    label: str
    help: str
    kind: str
    params: tuple[LeverParam, ...] = ()
    cost: int = 1
    extra: Mapping[str, Mapping[str, int]] = field(default_factory=dict)
    basis: str = ""
    needs_verified: bool = False
    needs_breach: bool = False

    def price(self, params: Mapping[str, str]) -> int:
        """Return the cost in budget points of this lever with these (checked) parameters."""
        return self.cost + sum(
            int(self.extra.get(name, {}).get(str(value), 0)) for name, value in params.items()
        )


# ------------------------------------------------------------------ parameters
_NARRATIVE = LeverParam(
    "narasi",
    "Narasi",
    "Narasi (hoaks) yang Anda tanggapi; hanya yang sudah Anda ketahui.",
    source="narrative",
)
_KECAMATAN = LeverParam(
    "kecamatan", "Kecamatan", "Di kecamatan mana langkah ini dilakukan.", source="kecamatan"
)
_KECAMATAN_SEMUA = LeverParam(
    "kecamatan",
    "Kecamatan",
    "Satu kecamatan, atau 'semua' (lebih mahal).",
    source="kecamatan_semua",
)
_HOME = LeverParam("kecamatan", "Kecamatan", "Kecamatan wilayah Anda.", source="home")
_CARRIER = LeverParam(
    "pembawa",
    "Pembawa pesan",
    "Siapa yang menyampaikan: akun resmi (jangkauan luas, sedikit orang), tokoh tepercaya di tiap "
    "kecamatan, atau banyak suara lokal.",
    (
        Option("official", "Akun resmi pemda"),
        Option("trusted", "Tokoh tepercaya tiap kecamatan"),
        Option("local", "Banyak suara lokal"),
    ),
)
_TIMING = LeverParam(
    "waktu",
    "Waktu",
    "Segera (awal ronde, data belum lengkap) atau setelah verifikasi (pertengahan ronde, pesan lebih kuat).",
    (Option("segera", "Segera"), Option("setelah_verifikasi", "Setelah verifikasi")),
)
_COVERAGE = LeverParam(
    "cakupan",
    "Cakupan",
    "Berapa banyak warga yang dijangkau kampanye.",
    (Option("kecil", "Kecil (10% warga)"), Option("luas", "Luas (25% warga)")),
)

_BASIS_CLARIFY = (
    "Klarifikasi resmi (notebook 03): pembawa pesan menjadi pemeriksa fakta tetap dan pendengarnya lebih "
    "sering memverifikasi (asumsi model di atas Tambuscio dkk. 2015); Inpres 9/2015 tentang komunikasi publik."
)
_BASIS_PREBUNK = (
    "Prebunking/literasi digital: kredibilitas hoaks turun bagi warga yang dijangkau (Roozenbeek dkk. 2022, "
    "Science Advances 8:eabo6254)."
)
_BASIS_MONITOR = (
    "Titik pantau isu di grup dan kanal publik yang paling banyak terhubung (strategi derajat; Leskovec dkk. 2007). "
    "Yang dipantau isu, bukan orang (UU 27/2022 Pasal 34: DPIA)."
)
_BASIS_REPORT = (
    "Aduan lewat aduankonten.id; Tim Aduan Konten menilai terhadap UU ITE, pemutusan akses diperintahkan PPNS "
    "kementerian (UU ITE sebagaimana diubah UU 1/2024, Pasal 40A dan 43; PP 71/2019), bukan oleh pemda, "
    "Kesbangpol, atau Polri."
)

LEVERS: dict[str, Lever] = keyed(
    (
        Lever(
            "klarifikasi",
            "Klarifikasi resmi",
            "Menerbitkan klarifikasi resmi tentang satu narasi lewat pembawa pesan pilihan Anda.",
            "clarify",
            (_NARRATIVE, _CARRIER, _TIMING),
            cost=2,
            extra={"waktu": {"segera": 1}, "pembawa": {"trusted": 1, "local": 1}},
            basis=_BASIS_CLARIFY,
        ),
        Lever(
            "lapor_platform",
            "Laporkan ke kementerian (aduankonten)",
            "Melaporkan konten ke kementerian. Bila konten melanggar hukum, akses akun penyebar utamanya diputus "
            "pada ronde berikutnya; bila tidak, laporan ditolak.",
            "report",
            (_NARRATIVE,),
            cost=1,
            basis=_BASIS_REPORT,
        ),
        Lever(
            "prebunking",
            "Kampanye prebunking",
            "Membekali warga mengenali teknik manipulasi sebelum hoaks datang; berlaku juga untuk narasi "
            "yang muncul kemudian.",
            "prebunk",
            (_COVERAGE,),
            cost=2,
            extra={"cakupan": {"luas": 1}},
            basis=_BASIS_PREBUNK,
        ),
        Lever(
            "pantau",
            "Pasang titik pantau isu",
            "Memantau grup dan kanal publik yang paling banyak terhubung di satu kecamatan; mulai ronde ini "
            "Anda melihat narasi yang beredar di sana.",
            "monitor",
            (_KECAMATAN,),
            cost=1,
            basis=_BASIS_MONITOR,
        ),
        Lever(
            "umumkan_insiden",
            "Pemberitahuan insiden data",
            "Memberi tahu warga terdampak dan lembaga secara tertulis dan jujur tentang kebocoran data; "
            "memulihkan sebagian kepercayaan (lebih banyak bila dalam 24 jam pertama).",
            "notify",
            (),
            cost=2,
            basis=(
                "UU 27/2022 Pasal 46: pemberitahuan tertulis paling lambat 3 × 24 jam. Pulihnya kepercayaan "
                "adalah asumsi model, bukan hasil survei."
            ),
            needs_breach=True,
        ),
        Lever(
            "koordinasi",
            "Rapat Tim Kewaspadaan Dini",
            "Mengumpulkan Tim Kewaspadaan Dini dan mitra: semua narasi dan sinyal yang Anda ketahui dibagikan "
            "ke semua peran (kecuali tim merah) di akhir ronde.",
            "share_all",
            (),
            cost=2,
            basis=(
                "Permendagri 2/2018 jo. 46/2019 (Tim Kewaspadaan Dini; Kesbangpol mengoordinasikan); "
                "pemantauan bersama pada notebook 06."
            ),
        ),
        Lever(
            "laporan_dini",
            "Laporan peringatan dini",
            "Meneruskan narasi dan sinyal yang Anda ketahui ke Kesbangpol dan FKDM di akhir ronde.",
            "share_up",
            (),
            cost=1,
            basis=(
                "FKDM menjaring dan mengomunikasikan informasi potensi ancaman kepada Tim Kewaspadaan Dini "
                "(Permendagri 2/2018 jo. 46/2019, Pasal 16)."
            ),
        ),
        Lever(
            "sosialisasi",
            "Sosialisasi dan dialog warga",
            "Pertemuan warga di satu kecamatan tentang cara mengenali hoaks: 30% warganya lebih kebal "
            "terhadap narasi sekarang dan nanti.",
            "prebunk_local",
            (_KECAMATAN,),
            cost=2,
            basis=_BASIS_PREBUNK,
        ),
        Lever(
            "musyawarah_desa",
            "Musyawarah desa",
            "Musyawarah di desa-desa satu kecamatan wilayah Anda: 30% warganya lebih kebal terhadap narasi.",
            "prebunk_local",
            (_HOME,),
            cost=2,
            basis=_BASIS_PREBUNK,
        ),
        Lever(
            "seruan_tokoh",
            "Seruan tokoh agama dan adat",
            "Tokoh paling berpengaruh di kecamatan (atau di semua kecamatan) menyerukan klarifikasi dan "
            "menyejukkan suasana.",
            "leaders",
            (_NARRATIVE, _KECAMATAN_SEMUA),
            cost=1,
            extra={"kecamatan": {"semua": 2}},
            basis=(
                "Kontra-narasi tokoh masyarakat (notebook 03/06); UU 7/2012 melibatkan tokoh masyarakat, agama, "
                "dan adat; FKUB."
            ),
        ),
        Lever(
            "berita_klarifikasi",
            "Berita klarifikasi",
            "Media lokal memberitakan klarifikasi yang sudah terverifikasi lewat akun-akunnya yang paling "
            "banyak diikuti.",
            "news",
            (_NARRATIVE,),
            cost=2,
            basis="Kode etik jurnalistik: berita berdasar verifikasi; kolaborasi CekFakta (notebook 06).",
            needs_verified=True,
        ),
        Lever(
            "liputan_literasi",
            "Liputan literasi digital",
            "Seri liputan tentang cara kerja hoaks: prebunking bagi 10% warga.",
            "prebunk_small",
            (),
            cost=2,
            basis=_BASIS_PREBUNK,
        ),
        Lever(
            "cek_fakta",
            "Terbitkan cek fakta",
            "Menerbitkan hasil cek fakta (format: klaim, hasil, rujukan). Semua orang lebih mudah memverifikasi "
            "narasi ini, dan media boleh memberitakannya mulai ronde berikutnya.",
            "factcheck",
            (_NARRATIVE,),
            cost=2,
            basis="Format cek fakta turnbackhoax.id/CekFakta (notebook 03); kapasitas cek fakta (Tambuscio dkk. 2015).",
        ),
        Lever(
            "relawan",
            "Relawan cek fakta lokal",
            "Relawan menyebarkan hasil cek fakta di grup-grup warga satu kecamatan.",
            "local_voices",
            (_NARRATIVE, _KECAMATAN),
            cost=1,
            basis=_BASIS_CLARIFY,
        ),
        Lever(
            "pengumuman_desa",
            "Pengumuman lewat kanal desa",
            "Kepala desa mengumumkan klarifikasi lewat grup desa, pengeras suara, dan RT/RW di satu kecamatan "
            "wilayah Anda.",
            "local_voices",
            (_NARRATIVE, _HOME),
            cost=1,
            basis=_BASIS_CLARIFY,
        ),
        Lever(
            "sebar",
            "Sebar narasi",
            "Menanam narasi di grup-grup satu kecamatan: sejumlah warga langsung percaya.",
            "seed",
            (_NARRATIVE, _KECAMATAN),
            cost=2,
            basis="Tim merah memerankan penyebar hoaks agar peserta berlatih menghadapinya.",
        ),
        Lever(
            "pendengung",
            "Akun pendengung",
            "Merekrut akun-akun paling berpengaruh di satu kecamatan untuk terus menyebarkan narasi.",
            "buzzers",
            (_NARRATIVE, _KECAMATAN),
            cost=3,
            basis="Penguatan oleh akun terkoordinasi (Shao dkk. 2018, Nature Communications 9:4787).",
        ),
        Lever(
            "bingkai_provokatif",
            "Bingkai provokatif",
            "Membungkus narasi dengan bahasa emosional dan mencari kambing hitam: separuh warga satu kecamatan "
            "lebih mudah percaya.",
            "framing",
            (_NARRATIVE, _KECAMATAN),
            cost=2,
            basis="Teknik manipulasi (bahasa emosional, kambing hitam) dalam Roozenbeek dkk. 2022.",
        ),
    )
)
"""Every lever by key (roles list which ones they hold)."""


# ------------------------------------------------------------------ effects
@dataclass
class Effect:
    """One thing a round's resolution carries out for an action.

    Attributes:
        kind: ``"intervention"`` (apply ``intervention`` at step ``at``), ``"monitor"``,
            ``"share"``, ``"report"``, ``"verify"``, ``"public"`` or ``"notify"``.
        at: Absolute district step before which it acts (``intervention``/``notify``).
        narrative: Narrative key it concerns (None: every narrative).
        intervention: The intervention, for ``kind="intervention"``/``"notify"``.
        persistent: Also acts on narratives that appear later.
        seed: Seed of the intervention's own draws.
        group: Kecamatan index, for ``kind="monitor"``.
        to: Roles told, for ``kind="share"`` (``("*",)`` = everyone but the red team).
        role: The role whose action it is (None for the ministry's decisions).
    """

    kind: str
    at: int = 0
    narrative: str | None = None
    intervention: Intervention | None = None
    persistent: bool = False
    seed: int = 0
    group: int = -1
    to: tuple[str, ...] = ()
    role: str | None = None


@dataclass
class PlanContext:
    """What :func:`plan` needs to know about the game at the moment of resolution."""

    district: District
    round_start: int
    steps_per_round: int
    seed: int
    breach_people: np.ndarray | None = None
    breach_loss: float = 0.0
    breach_round: int | None = None
    round_no: int = 1


CARRIER_PER_10K = {"official": 1.0, "trusted": 8.0, "local": 50.0}
"""Carriers of a district-wide clarification per 10,000 simulated people."""

CARRIER_MIN = {"official": 1, "trusted": 8, "local": 8}
"""At least this many carriers (trusted voices: one per kecamatan)."""

BOOST = {"segera": 0.15, "setelah_verifikasi": 0.25}
"""Added verification probability for a clarification's audience, by timing (assumption)."""


def _group(ctx: PlanContext, code: str) -> int:
    return ctx.district.group_of(code)


def _kec_people(ctx: PlanContext, group: int) -> int:
    return int(ctx.district.sizes[group])


def _acting(
    iv: Intervention, at: int, narrative: str | None, seed: int, *also: str
) -> list[Effect]:
    """Return the effects of an intervention on one narrative, then the effects it marks.

    ``iv`` acts before step ``at``; each kind in ``also`` follows: ``"verify"`` (the narrative is
    verified from this round on) or ``"public"`` (it has been answered publicly this round).
    """
    return [
        Effect("intervention", at, narrative, iv, seed=seed),
        *(Effect(kind, narrative=narrative) for kind in also),
    ]


def plan(lever: Lever, params: Mapping[str, str], ctx: PlanContext) -> list[Effect]:
    """Turn one lever with checked parameters into the effects of the round.

    Args:
        lever: The lever.
        params: Its parameters (already checked against the role's choices).
        ctx: The district and the round's timing.

    Returns:
        The effects, in the order they are carried out.
    """
    d = ctx.district
    n = d.num_people
    start = ctx.round_start
    mid = start + ctx.steps_per_round // 2
    seed = ctx.seed
    narrative = params.get("narasi")
    kind = lever.kind
    if kind == "clarify":
        carrier = params["pembawa"]
        at = start if params["waktu"] == "segera" else mid
        k = per_people(CARRIER_PER_10K[carrier] / 10_000, n, CARRIER_MIN[carrier])
        iv = Clarification(start=at, carrier=carrier, k=k, boost=BOOST[params["waktu"]])
        return _acting(iv, at, narrative, seed, "verify", "public")
    if kind == "report":
        return [Effect("report", narrative=narrative)]
    if kind in ("prebunk", "prebunk_small"):
        coverage = 0.25 if params.get("cakupan") == "luas" else 0.10
        iv = Prebunking(start=start, coverage=coverage, efficacy=0.4)
        return [Effect("intervention", start, None, iv, persistent=True, seed=seed)]
    if kind == "prebunk_local":
        g = _group(ctx, params["kecamatan"])
        iv = Prebunking(start=start, coverage=0.3, efficacy=0.4, group=g)
        return [Effect("intervention", start, None, iv, persistent=True, seed=seed)]
    if kind == "monitor":
        return [Effect("monitor", group=_group(ctx, params["kecamatan"]))]
    if kind == "notify":
        early = ctx.breach_round is not None and ctx.round_no <= ctx.breach_round + 1
        repair = ctx.breach_loss * (0.6 if early else 0.3)
        people = ctx.breach_people if ctx.breach_people is not None else np.zeros(0, dtype=np.int64)
        iv = TrustRepair(start=start, people=people, repair=repair)
        return [Effect("notify", start, None, iv, persistent=True, seed=seed)]
    if kind == "share_all":
        return [Effect("share", to=("*",))]
    if kind == "share_up":
        return [Effect("share", to=("kesbangpol", "fkdm"))]
    if kind == "leaders":
        if params["kecamatan"] == "semua":
            per_group = per_people(3.0 / 10_000, n)
            iv = CommunityLeaders(start=start, per_group=per_group)
        else:
            g = _group(ctx, params["kecamatan"])
            k = per_people(3.0 / 1_000, _kec_people(ctx, g))
            iv = LocalClarification(start=start, carrier="trusted", k=k, boost=0.2, group=g)
        return _acting(iv, start, narrative, seed, "public")
    if kind == "news":
        k = per_people(3.0 / 10_000, n)
        iv = Clarification(start=start, carrier="official", k=k, boost=0.2)
        return _acting(iv, start, narrative, seed, "public")
    if kind == "factcheck":
        iv = FactCheckCapacity(start=mid, boost=0.05)
        return _acting(iv, mid, narrative, seed, "verify", "public")
    if kind == "local_voices":
        g = _group(ctx, params["kecamatan"])
        k = per_people(10.0 / 1_000, _kec_people(ctx, g))
        iv = LocalClarification(start=start, carrier="local", k=k, boost=0.2, group=g)
        return _acting(iv, start, narrative, seed, "public")
    if kind == "seed":
        g = _group(ctx, params["kecamatan"])
        iv = Seeding(start=start, group=g, k=per_people(5.0 / 10_000, n))
        return _acting(iv, start, narrative, seed)
    if kind == "buzzers":
        g = _group(ctx, params["kecamatan"])
        iv = Buzzers(start=start, group=g, k=per_people(2.0 / 10_000, n))
        return _acting(iv, start, narrative, seed)
    if kind == "framing":
        g = _group(ctx, params["kecamatan"])
        iv = Framing(start=start, group=g, share=0.5, trust_loss=0.15)
        return _acting(iv, start, narrative, seed)
    raise KeyError(kind)  # pragma: no cover - every lever's kind is handled above
