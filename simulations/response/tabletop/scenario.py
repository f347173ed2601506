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
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from simulations.core.errors import ParameterError
from simulations.core.params import check_fraction, check_integer

__all__ = ["SCENARIOS", "Inject", "Narrative", "Scenario", "get_scenario"]

KINDS = ("narasi", "kebocoran", "info")


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
        if self.kind not in KINDS:
            raise ParameterError(
                f"inject kind={self.kind!r} must be one of {KINDS}",
                f"Jenis inject '{self.kind}' tidak dikenal; pilih salah satu dari {', '.join(KINDS)}.",
                field="kind",
            )
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


def _labels(rounds: int) -> tuple[str, ...]:
    return tuple(f"Hari {r // 2 + 1} {'pagi' if r % 2 == 0 else 'sore'}" for r in range(rounds))


# Sources quoted in the notebooks (03, 05, 06) and datasets/SOURCES.md.
_KOMINFO_KATEGORI = (
    "Kominfo (Tim AIS Ditjen Aptika): 12.547 konten hoaks Agustus 2018–Desember 2023, antara lain "
    "kategori Penipuan 2.210, Kebencanaan 554, Keagamaan 348 (datasets/indonesia/hoaks_kominfo_kategori.csv; "
    "https://databoks.katadata.co.id/datapublish/2024/01/05/ada-12547-konten-hoaks-selama-5-tahun-terakhir-terbanyak-isu-kesehatan)"
)
_MAFINDO_BANTUAN = (
    "Mafindo: 1.593 hoaks 21 Oktober 2024–17 Oktober 2025, di antaranya isu bantuan 100 (6,3%) "
    "(datasets/indonesia/hoaks_mafindo.csv; https://wartanett.com/threads/mafindo-ada-1-593-kasus-hoaks-beredar-setahun-terakhir.12312/latest)"
)
_ADUANKONTEN = (
    "aduankonten.id: aduan diperiksa Tim Aduan Konten terhadap UU ITE, pelanggaran yang terkonfirmasi "
    "diteruskan ke platform (https://nasional.kompas.com/read/2018/10/18/09583391/laporkan-hoaks-ke-aduankontenid-kemenkominfo-begini-caranya)"
)
_PEMILU = (
    "Kominfo: sepanjang 2023 ada 203 isu hoaks pemilu yang menyebar menjadi 2.882 konten "
    "(datasets/indonesia/hoaks_pemilu_2024_kominfo.csv; "
    "https://bloombergtechnoz.com/detail-news/26644/kominfo-hapus-51-hoaks-pemilu-2024-selama-masa-kampanye/2)"
)
_MAFINDO_PILKADA = (
    "Mafindo: rata-rata 58 hoaks per bulan pada 2017, tahun Pilkada DKI (datasets/indonesia/hoaks_mafindo.csv; "
    "https://m.tribunnews.com/amp/regional/2019/11/10/mafindo-sebut-sebaran-hoaks-terus-meningkat-kini-capai-100-hoaks-per-bulan)"
)
_UU_ITE_28 = (
    "UU ITE sebagaimana diubah UU 1/2024: Pasal 28 ayat (2) (kebencian berdasarkan identitas kelompok) tetap "
    "melindungi kelompok menurut Putusan MK 105/PUU-XXII/2024 "
    "(https://www.idntimes.com/news/indonesia/respons-istana-soal-mk-larang-pemerintah-lapor-pencemaran-nama-baik-00-rgfwk-108150)"
)
_PDNS = (
    "Serangan ransomware PDNS 2 Surabaya, Juni 2024: layanan publik terganggu sejak 20 Juni; BSSN menyebut "
    "Brain Cipher (https://nasional.kompas.com/read/2024/06/24/15295861/bssn-ransomware-bikin-data-dalam-pdn-terkunci)"
)
_BSSN_2023 = (
    "BSSN, Lanskap Keamanan Siber Indonesia 2023: 71 dari 103 dugaan kebocoran data (69%) di sektor "
    "administrasi pemerintahan (https://databoks.katadata.co.id/datapublish/2024/06/26/kebocoran-data-ri-terbanyak-dari-sektor-pemerintahan)"
)
_UU_PDP_46 = (
    "UU 27/2022 Pasal 46: pemberitahuan tertulis paling lambat 3 × 24 jam kepada subjek data dan lembaga "
    "(https://nasional.kompas.com/read/2022/09/20/14335911/uu-pdp-atur-protokol-kebocoran-data-begini-langkahnya)"
)

_FICTION = (
    "Semua nama tempat, lembaga daerah, dan isi pesan dalam skenario ini FIKTIF (Kabupaten Tangguh Jaya); "
    "tidak ada orang sungguhan."
)

BANJIR_BANSOS = Scenario(
    key="banjir_bansos",
    title="Banjir dan hoaks dana bantuan",
    summary=(
        "Banjir melanda Kecamatan Pantai Harapan (TJ03) dan Tanjung Baru (TJ08). Pemerintah kabupaten "
        "menyalurkan bantuan tunai darurat. Dalam tiga hari (enam ronde, pagi dan sore), pesan berantai tentang "
        "bantuan itu mulai beredar. " + _FICTION
    ),
    rounds=6,
    steps_per_round=4,
    round_labels=_labels(6),
    injects=(
        Inject(
            round=1,
            kind="info",
            title="Banjir dan bantuan tunai darurat",
            text=(
                "Bupati menetapkan tanggap darurat banjir di Pantai Harapan dan Tanjung Baru. Dinas Sosial "
                "menyalurkan bantuan tunai darurat lewat rekening warga terdampak, sesuai data desa."
            ),
            visible_to=("semua",),
            grounding="Hoaks kebencanaan dan bantuan adalah jenis yang tercatat resmi setiap tahun.",
            sources=(_KOMINFO_KATEGORI, _MAFINDO_BANTUAN),
        ),
        Inject(
            round=1,
            kind="narasi",
            title="Pesan berantai: bantuan banjir dipotong",
            text="Narasi baru mulai beredar di grup-grup percakapan warga Pantai Harapan.",
            narrative=Narrative(
                key="bantuan_dipotong",
                title="Bantuan banjir dipotong 50% oleh aparat kecamatan",
                text=(
                    "Pesan berantai (fiktif): 'Dana bantuan banjir dipotong separuh oleh aparat kecamatan. "
                    "Sebarkan supaya warga tahu!' disertai foto kuitansi yang disunting."
                ),
                category="Kebencanaan",
                origin="TJ03",
                initial_per_10k=10.0,
                beta=0.13,
                alpha=0.65,
                p_verify=0.04,
                p_forget=0.08,
                unlawful=False,
                legal_note=(
                    "Informasi keliru tentang program pemerintah, tanpa ajakan kekerasan atau kebencian "
                    "terhadap kelompok: bukan dasar pemutusan akses. Jawabannya klarifikasi dengan data."
                ),
            ),
            grounding="Jenis insiden: hoaks kebencanaan/bantuan sosial (kategori Kebencanaan Kominfo).",
            sources=(_KOMINFO_KATEGORI, _MAFINDO_BANTUAN),
        ),
        Inject(
            round=3,
            kind="narasi",
            title="Tautan 'daftar ulang bantuan'",
            text="Muncul tautan yang meminta warga 'mendaftar ulang' untuk bantuan banjir.",
            narrative=Narrative(
                key="tautan_daftar_ulang",
                title="Tautan palsu 'daftar ulang bantuan banjir'",
                text=(
                    "Pesan (fiktif): 'Yang tidak daftar ulang hari ini dicoret dari penerima bantuan. "
                    "Isi NIK dan nomor rekening di tautan ini.' Tautannya situs penipuan (phishing)."
                ),
                category="Penipuan",
                origin="TJ08",
                initial_per_10k=8.0,
                beta=0.15,
                alpha=0.6,
                p_verify=0.05,
                p_forget=0.1,
                unlawful=True,
                legal_note=(
                    "Situs penipuan yang mengumpulkan data pribadi: konten negatif yang dapat dilaporkan lewat "
                    "aduankonten.id; Tim Aduan Konten menilainya terhadap UU ITE lalu meneruskannya ke platform."
                ),
            ),
            grounding="Jenis insiden: penipuan daring yang menumpang isu bantuan (kategori Penipuan Kominfo).",
            sources=(_KOMINFO_KATEGORI, _ADUANKONTEN),
        ),
        Inject(
            round=4,
            kind="info",
            title="Dinas Sosial: penyaluran sesuai data",
            text=(
                "Dinas Sosial menyatakan bantuan disalurkan utuh ke rekening penerima dan tidak ada pendaftaran "
                "ulang lewat tautan. Data penyaluran per desa siap dipakai untuk klarifikasi."
            ),
            visible_to=("diskominfo", "kesbangpol"),
        ),
    ),
    sources=(_KOMINFO_KATEGORI, _MAFINDO_BANTUAN, _ADUANKONTEN),
)

PILKADA_SARA = Scenario(
    key="pilkada_sara",
    title="Provokasi SARA menjelang pilkada",
    summary=(
        "Dua pekan sebelum pemungutan suara pilkada, suasana di Kabupaten Tangguh Jaya memanas. Dalam tiga hari "
        "(enam ronde), sebuah video lama dengan keterangan baru memancing kecurigaan antarkelompok, lalu muncul "
        "informasi keliru tentang tempat pemungutan suara. " + _FICTION
    ),
    rounds=6,
    steps_per_round=4,
    round_labels=_labels(6),
    injects=(
        Inject(
            round=1,
            kind="info",
            title="Masa tenang mendekat",
            text=(
                "Tim Kewaspadaan Dini daerah diminta siaga menjelang pilkada. Belum ada laporan menonjol."
            ),
            visible_to=("semua",),
            grounding="Hoaks politik dan pemilu meningkat menjelang pemungutan suara.",
            sources=(_PEMILU, _MAFINDO_PILKADA),
        ),
        Inject(
            round=2,
            kind="narasi",
            title="Video lama, keterangan baru",
            text="Video lama beredar dengan keterangan yang menyudutkan satu kelompok agama.",
            narrative=Narrative(
                key="video_provokasi",
                title="Video provokasi: 'kelompok X akan menyerang rumah ibadah'",
                text=(
                    "Video lama dari daerah lain (fiktif) diberi keterangan baru: warga kelompok agama tertentu "
                    "dari Sukamaju Hilir disebut akan menyerang rumah ibadah di kecamatan tetangga."
                ),
                category="Keagamaan",
                origin="TJ02",
                initial_per_10k=10.0,
                beta=0.13,
                alpha=0.7,
                p_verify=0.04,
                p_forget=0.08,
                unlawful=True,
                legal_note=(
                    "Ajakan kebencian terhadap kelompok berdasarkan agama: UU ITE Pasal 28 ayat (2). "
                    "Pemutusan akses diperintahkan PPNS kementerian, bukan Kesbangpol atau pemda."
                ),
            ),
            grounding="Jenis insiden: provokasi SARA menjelang pemilihan (kategori Keagamaan dan Politik).",
            sources=(_KOMINFO_KATEGORI, _MAFINDO_PILKADA, _UU_ITE_28),
        ),
        Inject(
            round=4,
            kind="narasi",
            title="'TPS dipindah'",
            text="Pesan tentang pemindahan TPS beredar di desa-desa Bukit Damai.",
            narrative=Narrative(
                key="tps_dipindah",
                title="TPS dipindah dan pemilih dari desa tertentu tidak boleh memilih",
                text=(
                    "Pesan berantai (fiktif): 'TPS di Bukit Damai dipindah ke kecamatan lain dan warga pendatang "
                    "tidak boleh memilih.' Tidak ada keputusan seperti itu."
                ),
                category="Politik",
                origin="TJ05",
                initial_per_10k=8.0,
                beta=0.15,
                alpha=0.6,
                p_verify=0.05,
                p_forget=0.1,
                unlawful=False,
                legal_note=(
                    "Informasi keliru tentang penyelenggaraan pemilihan: dijawab dengan klarifikasi penyelenggara "
                    "dan pemda, bukan pemutusan akses."
                ),
            ),
            grounding="Jenis insiden: hoaks penyelenggaraan pemilu (isu hoaks pemilu Kominfo).",
            sources=(_PEMILU,),
        ),
    ),
    sources=(_PEMILU, _MAFINDO_PILKADA, _KOMINFO_KATEGORI, _UU_ITE_28),
)

KEBOCORAN_DATA = Scenario(
    key="kebocoran_data",
    title="Kebocoran layanan data daerah",
    summary=(
        "Aplikasi layanan bantuan sosial milik pemerintah kabupaten diretas; sebagian data warga bocor. "
        "Dalam tiga hari (enam ronde), kepercayaan warga turun dan dua narasi menumpang insiden itu. "
        + _FICTION
    ),
    rounds=6,
    steps_per_round=4,
    round_labels=_labels(6),
    injects=(
        Inject(
            round=1,
            kind="kebocoran",
            title="Insiden siber pada aplikasi layanan bantuan sosial",
            text=(
                "Tim tanggap insiden siber memberi tahu: aplikasi layanan bantuan sosial kabupaten (fiktif) "
                "diretas dan sebagian data warga bocor. Kewajiban pemberitahuan 3 × 24 jam (UU PDP Pasal 46) berlaku."
            ),
            visible_to=("diskominfo", "kesbangpol"),
            share=0.6,
            trust_loss=0.12,
            grounding="Jenis insiden: kebocoran data di layanan pemerintah (PDNS 2, 2024; data BSSN 2023).",
            sources=(_PDNS, _BSSN_2023, _UU_PDP_46),
        ),
        Inject(
            round=2,
            kind="narasi",
            title="'Data warga dijual'",
            text="Klaim bahwa seluruh data warga dijual dan pemda menutupinya mulai beredar.",
            narrative=Narrative(
                key="data_dijual",
                title="Data seluruh warga dijual dan pemda menutupinya",
                text=(
                    "Unggahan (fiktif): 'Data NIK seluruh warga Tangguh Jaya dijual murah, pemda diam saja.' "
                    "Faktanya sebagian data memang bocor, tetapi tidak seluruhnya."
                ),
                category="Pemerintahan",
                origin="TJ01",
                initial_per_10k=10.0,
                beta=0.13,
                alpha=0.55,
                p_verify=0.05,
                p_forget=0.1,
                unlawful=False,
                legal_note=(
                    "Kritik dan klaim yang dibesar-besarkan tentang kinerja pemda bukan dasar pemutusan akses "
                    "(UUD 1945 Pasal 28E, 28F; Putusan MK 105/PUU-XXII/2024). Jawabannya pemberitahuan jujur."
                ),
            ),
            grounding="Jenis insiden: klaim berlebihan setelah kebocoran data pemerintah.",
            sources=(_PDNS, _BSSN_2023),
        ),
        Inject(
            round=3,
            kind="narasi",
            title="Penipuan 'verifikasi ulang data bantuan'",
            text="Pesan dan telepon yang memakai data bocor meminta warga 'memverifikasi ulang' data bantuan.",
            narrative=Narrative(
                key="verifikasi_palsu",
                title="Penipuan 'verifikasi ulang data bantuan'",
                text=(
                    "Pesan (fiktif) menyebut nama dan NIK warga, lalu meminta kode OTP untuk 'verifikasi ulang "
                    "data bantuan'. Itu penipuan yang memakai data bocor."
                ),
                category="Penipuan",
                origin="TJ04",
                initial_per_10k=8.0,
                beta=0.15,
                alpha=0.6,
                p_verify=0.05,
                p_forget=0.1,
                unlawful=True,
                legal_note=(
                    "Penipuan daring yang memakai data pribadi: dapat dilaporkan lewat aduankonten.id; Tim Aduan "
                    "Konten menilainya terhadap UU ITE lalu meneruskannya ke platform."
                ),
            ),
            grounding="Jenis insiden: penipuan yang memanfaatkan data bocor (kategori Penipuan Kominfo).",
            sources=(_KOMINFO_KATEGORI, _ADUANKONTEN),
        ),
    ),
    sources=(_PDNS, _BSSN_2023, _UU_PDP_46, _KOMINFO_KATEGORI),
)

SCENARIOS: dict[str, Scenario] = {s.key: s for s in (BANJIR_BANSOS, PILKADA_SARA, KEBOCORAN_DATA)}
"""The built-in scenarios by key."""


def get_scenario(scenario: str | Scenario) -> Scenario:
    """Return a :class:`Scenario` from its key (or the scenario itself).

    Raises:
        ParameterError: for an unknown key, naming the keys there are.
    """
    if isinstance(scenario, Scenario):
        return scenario
    if not isinstance(scenario, str) or scenario not in SCENARIOS:
        raise ParameterError(
            f"unknown scenario {scenario!r}; choose one of {list(SCENARIOS)}",
            f"Skenario '{scenario}' tidak dikenal; pilih salah satu dari {', '.join(SCENARIOS)}.",
            field="scenario",
        )
    return SCENARIOS[scenario]
