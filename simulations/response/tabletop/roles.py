"""The roles of the tabletop exercise: who holds which levers, with what budget, seeing what.

Eight actors of the district (the red team plays the spreaders so that the others can practise).
Authority follows the legal facts the notebooks teach: Kesbangpol coordinates and watches
(Permendagri 11/2019; Permendagri 2/2018 jo. 46/2019) but cannot block content; a report to the
ministry goes through Diskominfo and the ministry's civil-servant investigators (PPNS) order any
access cut (UU ITE as amended by UU 1/2024, Pasal 40A and 43; PP 71/2019); FKDM gathers and passes
on early warnings; FKUB and religious and customary leaders speak to their communities (UU 7/2012
involves them in stopping conflict).

Budgets are points per round standing for staff hours, volunteers' time, attention or money; they
do not carry over. What a role observes (``sees``) decides what it can act on: a narrative can
only be clarified once the role knows it.
"""

from __future__ import annotations

from dataclasses import dataclass

from simulations.core.tables import keyed

__all__ = ["ROLES", "ROLE_ORDER", "Role"]


@dataclass(frozen=True)
class Role:
    """One actor of the district.

    Args:
        key: Identifier (in moves, logs and URLs).
        label: Indonesian name.
        description: Indonesian description of the actor and what it may do.
        basis: Legal or institutional basis of its levers (Indonesian, with the source).
        budget: Budget points per round.
        budget_note: What the points stand for (Indonesian).
        levers: Keys of its levers (:data:`simulations.response.tabletop.levers.LEVERS`).
        sees: What it observes (Indonesian, shown to the player).
        rumour_threshold: Share of believers in one of its ``home`` kecamatan from which it hears
            the narrative itself (None: it hears no rumours directly).
        home: Its own kecamatan codes (``("semua",)`` = all kecamatan).
        district_threshold: District-wide share of believers from which it notices a narrative
            (None: never on its own).
        reports: Whether it receives the citizen report stream and its alarms.
        red: Whether it is the red team (knows the narratives it spreads; gets no shared information).
    """

    key: str
    label: str
    description: str
    basis: str
    budget: int
    budget_note: str
    levers: tuple[str, ...]
    sees: str
    rumour_threshold: float | None = None
    home: tuple[str, ...] = ()
    district_threshold: float | None = None
    reports: bool = False
    red: bool = False


ROLES: dict[str, Role] = keyed(
    (
        Role(
            "tim_merah",
            "Tim merah (penyebar hoaks)",
            "Memerankan jaringan penyebar hoaks agar peran lain berlatih. Menanam narasi, merekrut akun "
            "pendengung, dan membingkai narasi secara provokatif.",
            "Peran latihan; dalam kenyataan penyebaran hoaks dapat melanggar hukum.",
            5,
            "poin: waktu dan dana jaringan penyebar",
            ("sebar", "pendengung", "bingkai_provokatif"),
            "Semua narasi skenario yang sudah muncul, dan seberapa ramai narasi itu di kecamatan tempat Anda "
            "menanamnya.",
            red=True,
        ),
        Role(
            "kesbangpol",
            "Kesbangpol kabupaten",
            "Mata dan telinga kepala daerah untuk kewaspadaan dini; mengoordinasikan Tim Kewaspadaan Dini. "
            "Tidak berwenang memutus akses konten.",
            "Permendagri 11/2019 Pasal 6; Permendagri 2/2018 jo. 46/2019 (kewaspadaan dini, Tim Kewaspadaan Dini).",
            5,
            "poin: jam kerja staf",
            ("koordinasi", "pantau", "sosialisasi"),
            "Aliran laporan warga per kecamatan dan alarmnya, titik pantau yang Anda pasang, dan laporan dari "
            "FKDM serta kepala desa.",
            reports=True,
        ),
        Role(
            "diskominfo",
            "Diskominfo dan humas pemda",
            "Komunikasi publik pemda: klarifikasi resmi, kampanye literasi, pemantauan media sosial, laporan ke "
            "kementerian lewat aduankonten, dan pemberitahuan insiden data.",
            "Inpres 9/2015 (komunikasi publik); UU ITE Pasal 40A dan 43 serta PP 71/2019 (pemutusan akses oleh "
            "kementerian); UU 27/2022 Pasal 46.",
            5,
            "poin: jam kerja staf humas dan dana kampanye",
            ("klarifikasi", "lapor_platform", "prebunking", "pantau", "umumkan_insiden"),
            "Titik pantau yang Anda pasang, narasi yang sudah viral (≥ 5% warga kabupaten), dan informasi dari "
            "tim tanggap insiden.",
            district_threshold=0.05,
        ),
        Role(
            "fkdm",
            "FKDM",
            "Forum Kewaspadaan Dini Masyarakat: anggota dari ormas, pendidik, tokoh pemuda, adat, dan agama "
            "yang menjaring informasi dari warga.",
            "Permendagri 2/2018 jo. 46/2019, Pasal 16.",
            3,
            "poin: waktu relawan anggota forum",
            ("laporan_dini", "sosialisasi", "pantau"),
            "Desas-desus di semua kecamatan (narasi yang dipercaya ≥ 3% warga kecamatan) dan titik pantau Anda.",
            rumour_threshold=0.03,
            home=("semua",),
        ),
        Role(
            "fkub",
            "FKUB dan tokoh agama/adat",
            "Forum Kerukunan Umat Beragama bersama tokoh agama dan adat: menyerukan klarifikasi dan "
            "menyejukkan warga, mengadakan dialog.",
            "UU 7/2012 (tokoh masyarakat, agama, dan adat dalam penghentian kekerasan); Perpres 58/2023.",
            3,
            "poin: waktu dan pengaruh para tokoh",
            ("seruan_tokoh", "sosialisasi"),
            "Desas-desus di semua kecamatan yang sudah ramai (≥ 5% warga kecamatan).",
            rumour_threshold=0.05,
            home=("semua",),
        ),
        Role(
            "media",
            "Media lokal",
            "Redaksi media daring dan radio lokal: memberitakan klarifikasi yang sudah terverifikasi dan "
            "membuat liputan literasi.",
            "UU 40/1999 tentang Pers; kolaborasi CekFakta (2018).",
            3,
            "poin: waktu redaksi",
            ("berita_klarifikasi", "liputan_literasi"),
            "Narasi yang sudah viral (≥ 3% warga kabupaten) dan semua klarifikasi publik.",
            district_threshold=0.03,
        ),
        Role(
            "cek_fakta",
            "Komunitas cek fakta",
            "Komunitas pemeriksa fakta (fiktif, seperti relawan Mafindo): memeriksa klaim, menerbitkan hasil, "
            "dan menggerakkan relawan.",
            "Format cek fakta turnbackhoax.id/CekFakta; kolaborasi multipihak (notebook 06).",
            3,
            "poin: waktu relawan pemeriksa fakta",
            ("cek_fakta", "relawan", "prebunking"),
            "Aduan warga lewat kanal 'Lapor Hoaks': narasi yang dipercaya ≥ 1% warga kabupaten.",
            district_threshold=0.01,
        ),
        Role(
            "kepala_desa",
            "Forum kepala desa",
            "Para kepala desa di kecamatan perdesaan, pesisir, dan pegunungan: paling dekat dengan warga, "
            "mengumumkan lewat kanal desa dan mengadakan musyawarah.",
            "Peran latihan: kedekatan kepala desa dengan warga (kanal desa, musyawarah) sebagai saluran klarifikasi lokal.",
            3,
            "poin: waktu kepala desa dan perangkatnya",
            ("pengumuman_desa", "musyawarah_desa", "laporan_dini"),
            "Desas-desus di kecamatan wilayah Anda (narasi yang dipercaya ≥ 2% warga kecamatan).",
            rumour_threshold=0.02,
            home=("TJ03", "TJ04", "TJ05", "TJ06", "TJ07", "TJ08"),
        ),
    )
)
"""The roles by key."""

ROLE_ORDER = tuple(ROLES)
"""Order in which moves act within a round (the red team first, then the others as listed)."""
