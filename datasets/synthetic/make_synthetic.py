"""Make the SYNTHETIC data of the fictional regency "Kabupaten Tangguh Jaya (fiktif)".

Everything written by this script is invented: the regency, its sub-districts (kecamatan), villages
(desa), people (numbered nodes, no names), social ties and citizen reports. Nothing describes a real
place or a real person, and no personal data of any kind is produced (no names, no NIK, no phone
numbers, no addresses, no free text).

Run from the repository root (the ``simulations`` package must be importable)::

    python datasets/synthetic/make_synthetic.py

The output is byte-identical on every run for the same ``SEED`` (NumPy ``default_rng`` and the
seeded networkx stochastic block model, fixed number formats, ``\\n`` line endings); a test checks it.

Files (all in this folder):
    kecamatan.csv              8 kecamatan: code, name, character, population, area, internet access
    desa.csv                   40 desa: code, kecamatan, name, type, population, area, FKDM present
    jaringan_orang.csv         400 people as numbered nodes: desa, community, role (warga/tokoh)
    jaringan_ikatan.csv        edge list (source, target) readable by
                               simulations.core.networks.load_edgelist_csv
    laporan_warga.csv          one row per citizen report, 2024-01-01 … 2024-12-31: date, kecamatan,
                               issue category, channel (no content, no reporter)
    insiden_disisipkan.csv     the injected incidents (change points) with start, end and factor:
                               the answer key of the early-warning exercise
"""

from __future__ import annotations

import csv
import datetime as dt
import sys
from pathlib import Path

import numpy as np

if __package__ in (None, ""):  # run as a script from anywhere: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

SEED = 2024
"""Seed of every random draw in this script."""

HERE = Path(__file__).resolve().parent
KABUPATEN = "Kabupaten Tangguh Jaya (fiktif)"

KECAMATAN = [
    # code, name, character, population, area km2, % internet access (all invented)
    ("TJ01", "Kota Tangguh", "perkotaan", 68_000, 42.5, 84.0),
    ("TJ02", "Sukamaju Hilir", "perkotaan", 41_000, 58.0, 78.5),
    ("TJ03", "Pantai Harapan", "pesisir", 33_000, 96.0, 66.0),
    ("TJ04", "Mekar Sari", "perdesaan", 27_000, 120.0, 61.5),
    ("TJ05", "Bukit Damai", "perdesaan", 22_000, 185.0, 55.0),
    ("TJ06", "Sumber Rejeki", "perdesaan", 25_000, 140.0, 58.5),
    ("TJ07", "Lembah Hijau", "pegunungan", 14_000, 260.0, 44.0),
    ("TJ08", "Tanjung Baru", "pesisir", 19_000, 110.0, 52.0),
]

DESA_PREFIX = ["Suka", "Mekar", "Karya", "Tunas", "Sido", "Bina", "Tirta", "Giri", "Wana", "Sri"]
DESA_SUFFIX = [
    "Makmur",
    "Jaya",
    "Mulya",
    "Asri",
    "Rahayu",
    "Lestari",
    "Harja",
    "Bakti",
    "Indah",
    "Sejati",
]

CATEGORIES = {
    # category: base reports per 10,000 residents per day (invented)
    "hoaks_disinformasi": 0.36,
    "ujaran_kebencian": 0.18,
    "konflik_antarwarga": 0.12,
    "layanan_publik": 0.48,
    "bencana_lingkungan": 0.15,
}
CHANNELS = {
    # channel: share of reports (invented)
    "aplikasi_lapor": 0.40,
    "pesan_singkat_wa": 0.30,
    "media_sosial": 0.15,
    "datang_langsung": 0.10,
    "forum_fkdm": 0.05,
}
START, END = dt.date(2024, 1, 1), dt.date(2024, 12, 31)

INCIDENTS = [
    # id, kind, kecamatan ("SEMUA" = all), category ("SEMUA" = all), channel ("SEMUA" = all),
    # start, end (inclusive), factor, description (Indonesian)
    (
        "INS1",
        "lonjakan",
        "TJ03",
        "hoaks_disinformasi",
        "SEMUA",
        "2024-02-05",
        "2024-02-16",
        4.0,
        "Lonjakan laporan hoaks menjelang dan sesudah hari pemungutan suara (fiktif).",
    ),
    (
        "INS2",
        "pergeseran_level",
        "TJ05",
        "konflik_antarwarga",
        "SEMUA",
        "2024-06-10",
        "2024-07-07",
        6.0,
        "Sengketa lahan fiktif: tingkat laporan konflik naik enam kali selama empat minggu.",
    ),
    (
        "INS3",
        "tren_naik",
        "SEMUA",
        "ujaran_kebencian",
        "SEMUA",
        "2024-08-15",
        "2024-09-30",
        2.5,
        "Kenaikan bertahap ujaran kebencian di seluruh kabupaten (faktor naik linear 1 → 2,5).",
    ),
    (
        "INS4",
        "artefak_data",
        "SEMUA",
        "SEMUA",
        "aplikasi_lapor",
        "2024-04-08",
        "2024-04-14",
        0.0,
        "BUKAN insiden: aplikasi pelaporan mati seminggu (pemeliharaan fiktif); laporan via aplikasi = 0.",
    ),
    (
        "INS5",
        "lonjakan",
        "TJ07",
        "bencana_lingkungan",
        "SEMUA",
        "2024-11-20",
        "2024-11-26",
        10.0,
        "Banjir bandang fiktif: laporan bencana sepuluh kali lipat selama seminggu.",
    ),
]


def _write(path: Path, header: list[str], rows: list[list]) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def make_regency(rng: np.random.Generator, out: Path = HERE) -> list[list]:
    """Return the desa rows (5 per kecamatan) and write kecamatan.csv and desa.csv."""
    _write(
        out / "kecamatan.csv",
        [
            "kode_kecamatan",
            "nama_kecamatan",
            "kabupaten",
            "karakter",
            "penduduk_jiwa",
            "luas_km2",
            "akses_internet_persen",
            "jumlah_desa",
            "jenis_data",
        ],
        [
            [k, n, KABUPATEN, c, p, f"{a:.1f}", f"{i:.1f}", 5, "sintetis"]
            for k, n, c, p, a, i in KECAMATAN
        ],
    )
    names = [f"{a} {b}" for a in DESA_PREFIX for b in DESA_SUFFIX]
    order = rng.permutation(len(names))
    desa = []
    for ki, (kode, _n, character, pop, area, _i) in enumerate(KECAMATAN):
        shares = rng.dirichlet(np.full(5, 4.0))
        pops = np.floor(shares * pop).astype(int)
        pops[0] += pop - pops.sum()  # desa populations add up to the kecamatan's
        areas = rng.dirichlet(np.full(5, 3.0)) * area
        for j in range(5):
            jenis = "kelurahan" if character == "perkotaan" and j < 3 else "desa"
            desa.append(
                [
                    f"{kode}-{j + 1:02d}",
                    kode,
                    names[order[ki * 5 + j]],
                    jenis,
                    int(pops[j]),
                    f"{areas[j]:.1f}",
                    "ya" if rng.random() < 0.6 else "tidak",
                    "sintetis",
                ]
            )
    _write(
        out / "desa.csv",
        [
            "kode_desa",
            "kode_kecamatan",
            "nama_desa",
            "jenis",
            "penduduk_jiwa",
            "luas_km2",
            "ada_fkdm",
            "jenis_data",
        ],
        desa,
    )
    return desa


def make_network(rng: np.random.Generator, desa: list[list], out: Path = HERE) -> None:
    """Write a 400-person community network: 8 communities (one per kecamatan), numbered nodes."""
    from simulations.core.networks import community_network

    sizes = [70, 60, 50, 45, 40, 45, 40, 50]
    graph = community_network(sizes, mean_degree=8.0, homophily=0.9, seed=SEED)
    people = []
    for node in range(graph.number_of_nodes()):
        group = graph.nodes[node]["group"]
        kec = KECAMATAN[group][0]
        people.append([f"W{node + 1:04d}", kec, f"{kec}-{int(rng.integers(1, 6)):02d}", group])
    degree = dict(graph.degree())
    leaders = set()
    for g in range(len(sizes)):
        members = [v for v in graph.nodes if graph.nodes[v]["group"] == g]
        members.sort(key=lambda v: (-degree[v], v))
        leaders.update(members[:3])  # the three best-connected people of each community
    _write(
        out / "jaringan_orang.csv",
        ["id_orang", "kode_kecamatan", "kode_desa", "komunitas", "peran", "derajat", "jenis_data"],
        [
            p + ["tokoh" if i in leaders else "warga", degree[i], "sintetis"]
            for i, p in enumerate(people)
        ],
    )
    edges = sorted((min(u, v), max(u, v)) for u, v in graph.edges())
    _write(
        out / "jaringan_ikatan.csv",
        ["source", "target"],
        [[f"W{u + 1:04d}", f"W{v + 1:04d}"] for u, v in edges],
    )


def _factor(day: dt.date, kec: str, cat: str, chan: str) -> float:
    factor = 1.0
    for _id, kind, k, c, ch, s, e, f, _d in INCIDENTS:
        s, e = dt.date.fromisoformat(s), dt.date.fromisoformat(e)
        if (
            not (s <= day <= e)
            or k not in ("SEMUA", kec)
            or c not in ("SEMUA", cat)
            or ch not in ("SEMUA", chan)
        ):
            continue
        if kind == "tren_naik":
            factor *= 1 + (f - 1) * (day - s).days / max((e - s).days, 1)
        else:
            factor *= f
    return factor


def make_reports(rng: np.random.Generator, out: Path = HERE) -> None:
    """Write one row per report: Poisson counts per day × kecamatan × category × channel."""
    rows = []
    days = [START + dt.timedelta(days=i) for i in range((END - START).days + 1)]
    chans = list(CHANNELS)
    for day in days:
        weekday = 0.7 if day.weekday() >= 5 else 1.0  # fewer reports at weekends
        for kec, _n, _c, pop, _a, access in KECAMATAN:
            for cat, rate in CATEGORIES.items():
                for chan in chans:
                    share = CHANNELS[chan]
                    online = chan in ("aplikasi_lapor", "pesan_singkat_wa", "media_sosial")
                    reach = access / 70 if online else 1.0  # online channels follow internet access
                    lam = (
                        pop / 10_000 * rate * share * weekday * reach * _factor(day, kec, cat, chan)
                    )
                    for _ in range(int(rng.poisson(lam))):
                        rows.append([day.isoformat(), kec, cat, chan])
    numbered = [[f"L{i + 1:06d}"] + r + ["sintetis"] for i, r in enumerate(rows)]
    _write(
        out / "laporan_warga.csv",
        ["id_laporan", "tanggal", "kode_kecamatan", "kategori", "kanal", "jenis_data"],
        numbered,
    )
    _write(
        out / "insiden_disisipkan.csv",
        [
            "id_insiden",
            "jenis",
            "kode_kecamatan",
            "kategori",
            "kanal",
            "mulai",
            "selesai",
            "faktor",
            "keterangan",
        ],
        [[i, k, kc, c, ch, s, e, f"{f:.1f}", d] for i, k, kc, c, ch, s, e, f, d in INCIDENTS],
    )


def main(out: Path = HERE) -> None:
    """Write every synthetic file into ``out`` (same bytes on every run)."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(SEED)
    desa = make_regency(rng, out)
    make_network(rng, desa, out)
    make_reports(rng, out)


if __name__ == "__main__":
    main()
