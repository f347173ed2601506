"""Capstone (notebook 07): a regional action plan — region profile, interventions within a budget,
simulations over several seeds, and export to a self-contained HTML page and a DOCX file.

* :func:`region_profile` — a province with real, sourced statistics (validated tables of
  ``datasets/``, :mod:`simulations.data`) or the fictional regency ``Kabupaten Tangguh Jaya
  (fiktif)`` (synthetic).
* :data:`MENU` — interventions with illustrative package costs in *budget units* (not rupiah); the
  mechanics are those of :mod:`simulations.response.interventions` (fact-checking capacity, prebunking,
  community leaders, moderation, accuracy nudges).
* :func:`simulate_plan` — baseline vs the chosen package on the same seeds (common random numbers).
* :class:`ActionPlan` — everything the exported plan shows. Building one for a participant and
  exporting it (HTML, DOCX, drop box) is :mod:`simulations.course.action_plan`; its figure is
  :func:`simulations.plots.action_plan.plan_figure`.

The simulation is an illustration on a synthetic network; the plan says so in print.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from simulations.core.errors import DataError, ParameterError, check_known
from simulations.core.formatting import format_id, general_id, pct_id
from simulations.core.limits import check_work
from simulations.core.networks import check_graph, community_network
from simulations.core.params import (
    check_integer,
    check_list,
    check_nonnegative,
    check_seed,
    check_size,
)
from simulations.models.hoax import HoaxModel
from simulations.response.interventions import (
    AccuracyNudge,
    CommunityLeaders,
    FactCheckCapacity,
    Intervention,
    Moderation,
    Prebunking,
    run_with_interventions,
)

__all__ = [
    "BASE_INDICATOR",
    "FICTIONAL_REGION",
    "MENU",
    "PLAN_MODEL_DEFAULTS",
    "PLAN_SCENARIOS",
    "ActionPlan",
    "Option",
    "build_interventions",
    "check_choices",
    "follow_up_date",
    "plan_cost",
    "province_choices",
    "region_profile",
    "simulate_plan",
    "summarise_plan",
]

FICTIONAL_REGION = "Kabupaten Tangguh Jaya (fiktif)"


# ------------------------------------------------------------------------------------ data
def province_choices() -> list[tuple[str, str]]:
    """Return ``[(label, code)]`` with the fictional regency first, then the 38 provinces."""
    from simulations.data import provinces

    rows = provinces()
    return [(FICTIONAL_REGION, "fiktif")] + list(
        zip(rows["nama_provinsi_kemendagri"], rows["kode_kemendagri"], strict=True)
    )


def _pick_source(text: str, year: str) -> str:
    """Return the URL in a ``source`` cell that belongs to ``year`` (cells may list several)."""
    parts = [p.strip() for p in str(text).split(";") if p.strip()]
    for p in parts:
        if f"({year}" in p:
            return p.split(" (")[0].strip()
    return parts[0].split(" (")[0].strip() if parts else ""


def _value(table: str, code: str, column: str, year: str) -> tuple[float | None, str]:
    """Return (value, source URL) for one province from a validated table of ``datasets/``."""
    from simulations.data import load_table

    t = load_table(table)
    row = t[t["kode_kemendagri"] == code]
    if row.empty or pd.isna(row.iloc[0][column]):
        return None, f"datasets: {table} (nilai tidak ada di sumber)"
    return float(row.iloc[0][column]), _pick_source(row.iloc[0]["source"], year)


# (table, column, label, unit, year) shown in the profile of a real province
PROFILE_INDICATORS = (
    (
        "penduduk_provinsi_kemendagri_2025",
        "total_jiwa",
        "Penduduk (angka Kemendagri 2025, transkripsi pihak ketiga)",
        "jiwa",
        "2025",
    ),
    (
        "akses_internet_bps_provinsi_2023",
        "persen_penduduk_5plus_akses_internet_3bln_terakhir_2023",
        "Penduduk 5+ yang mengakses internet 3 bulan terakhir (BPS)",
        "%",
        "2023",
    ),
    (
        "iptik_provinsi_2022_2024",
        "iptik_2024",
        "Indeks Pembangunan TIK (BPS)",
        "skala 0–10",
        "2024",
    ),
    (
        "literasi_digital_provinsi_2021_2022",
        "indeks_2022",
        "Indeks Literasi Digital (Kominfo-KIC)",
        "skala 1–5",
        "2022",
    ),
    (
        "literasi_digital_provinsi_2021_2022",
        "indeks_2021",
        "Indeks Literasi Digital (Kominfo-KIC)",
        "skala 1–5",
        "2021",
    ),
)


def region_profile(code: str = "fiktif") -> dict[str, Any]:
    """Return the region's name, sourced indicators and caveats.

    Real provinces read the validated tables of ``datasets/`` (:func:`simulations.data.load_table`);
    the fictional regency reads the SYNTHETIC kecamatan table.

    Args:
        code: Two-digit Kemendagri province code (e.g. ``"32"``) or ``"fiktif"``.

    Returns:
        ``{"nama", "kode", "jenis" ("nyata"/"fiktif"), "indikator": [{"indikator", "nilai",
        "satuan", "tahun", "sumber"}], "catatan": [..]}``. Missing values are reported as
        "tidak tersedia", never filled in.

    Raises:
        DataError: for an unknown province code.
    """
    from simulations.data import load_regency, provinces

    if code == "fiktif":
        kec = load_regency()["kecamatan"]
        pop = float(kec["penduduk_jiwa"].sum())
        net = float((kec["akses_internet_persen"] * kec["penduduk_jiwa"]).sum() / pop)
        src = "datasets/synthetic/kecamatan.csv (SINTETIS)"
        return {
            "nama": FICTIONAL_REGION,
            "kode": "fiktif",
            "jenis": "fiktif",
            "indikator": [
                {
                    "indikator": "Penduduk (sintetis)",
                    "nilai": format_id(pop, 0),
                    "satuan": "jiwa",
                    "tahun": "-",
                    "sumber": src,
                },
                {
                    "indikator": "Akses internet (sintetis, rata-rata tertimbang penduduk)",
                    "nilai": format_id(net, 1),
                    "satuan": "%",
                    "tahun": "-",
                    "sumber": src,
                },
                {
                    "indikator": "Jumlah kecamatan (sintetis)",
                    "nilai": str(len(kec)),
                    "satuan": "kecamatan",
                    "tahun": "-",
                    "sumber": src,
                },
            ],
            "catatan": [
                "Wilayah dan datanya FIKTIF/SINTETIS, dibuat untuk latihan; simulasi memakai jaringan "
                "sosial sintetis kabupaten ini (datasets/synthetic)."
            ],
        }
    ref = provinces()
    names = dict(zip(ref["kode_kemendagri"], ref["nama_provinsi_kemendagri"], strict=True))
    if not isinstance(code, str) or code not in names:  # a list would raise TypeError
        raise DataError(
            f"unknown province code {code!r} (kode_kemendagri): use a two-digit code such as "
            "'32' or 'fiktif'",
            f"Kode provinsi {code!r} tidak dikenal; pakai kode dua angka (mis. '32') atau 'fiktif'.",
            file="ref_provinsi_kode.csv",
            column="kode_kemendagri",
        )
    indicators, notes = [], []
    for table, col, label, unit, year in PROFILE_INDICATORS:
        value, src = _value(table, code, col, year)
        if value is None:
            text = "tidak tersedia"
            notes.append(
                f"{label} {year}: tidak tersedia untuk provinsi ini di sumber yang dipakai (tidak diisi)."
            )
        elif unit == "jiwa":
            text = format_id(value, 0)
        else:
            text = general_id(value)
        indicators.append(
            {"indikator": label, "nilai": text, "satuan": unit, "tahun": year, "sumber": src}
        )
    if code in {"91", "92", "93", "94", "95", "96"}:
        notes.append(
            "Papua: banyak indeks masih melaporkan 34 provinsi (Papua/Papua Barat wilayah sebelum 2022); "
            "angkanya tidak berlaku langsung untuk provinsi hasil pemekaran."
        )
    notes.append(
        "Definisi akses internet BPS (5+, 3 bulan terakhir) berbeda dari APJII; jangan dicampur."
    )
    return {
        "nama": names[code],
        "kode": code,
        "jenis": "nyata",
        "indikator": indicators,
        "catatan": notes,
    }


# ------------------------------------------------------------------------------------ interventions
def _factcheck(start: int) -> Intervention:
    return FactCheckCapacity(start=start, boost=0.1)


def _prebunk(start: int) -> Intervention:
    return Prebunking(start=0, coverage=0.4, efficacy=0.5)


def _leaders(start: int) -> Intervention:
    return CommunityLeaders(start=start, per_group=4)


def _moderate(start: int) -> Intervention:
    return Moderation(start=start, k=10, target="degree", mode="silence")


def _nudge(start: int) -> Intervention:
    return AccuracyNudge(start=0, factor=0.8, coverage=1.0)


@dataclass(frozen=True)
class Option:
    """One intervention on the menu.

    Attributes:
        label: Indonesian name.
        description: What it does in the model and in reality (one or two sentences).
        cost: Illustrative budget units (not rupiah).
        timing: ``"awal"`` (before the hoax: step 0) or ``"respons"`` (when the response starts).
        make: ``make(start) -> Intervention`` from :mod:`simulations.response.interventions`, or None for
            options that change *when* the others start (shared monitoring).
        indicator: Suggested indicator to monitor (aggregate, no personal data).
        responsible: Suggested lead unit(s).
        caution: Rights caveat, if any.
    """

    label: str
    description: str
    cost: int
    timing: str
    make: Callable[[int], Intervention] | None
    indicator: str
    responsible: str
    caution: str = ""


MENU: dict[str, Option] = {
    "pemantauan": Option(
        "Pemantauan bersama (deteksi dini)",
        "Satu ruang pemantauan isu lintas lembaga; respons dimulai lebih cepat (langkah 2, bukan 8).",
        2,
        "respons",
        None,
        "Waktu dari isu terdeteksi sampai klarifikasi terbit (jam), per isu — agregat, bukan per orang",
        "Kesbangpol (koordinator Tim Kewaspadaan Dini) bersama Diskominfo dan FKDM",
    ),
    "cek_fakta": Option(
        "Kapasitas cek fakta daerah",
        "Pelatihan dan jejaring cek fakta (mis. dengan Mafindo/CekFakta, kampus): peluang verifikasi +0,1.",
        3,
        "respons",
        _factcheck,
        "Jumlah isu hoaks lokal yang diklarifikasi per bulan dan waktu klarifikasinya",
        "Diskominfo bersama pemeriksa fakta dan perguruan tinggi",
    ),
    "prebunking": Option(
        "Kampanye prebunking / literasi digital",
        "Kampanye sebelum isu muncul; 40% warga terjangkau, kredibilitas hoaks bagi mereka turun separuh.",
        4,
        "awal",
        _prebunk,
        "Jumlah peserta kampanye dan skor pre/post tes literasi mereka",
        "Diskominfo, Dinas Pendidikan, Kemenag, ormas",
    ),
    "tokoh": Option(
        "Tokoh agama & adat menyampaikan klarifikasi",
        "Empat tokoh paling berpengaruh di tiap komunitas menjadi penyampai klarifikasi tetap.",
        2,
        "respons",
        _leaders,
        "Jumlah tokoh aktif dan forum dialog (FKUB/FKDM) yang digelar",
        "FKUB, FKDM, tokoh agama dan adat",
    ),
    "nudge": Option(
        "Ajakan cek akurasi sebelum berbagi",
        "Pesan pengingat di kanal resmi dan mitra platform: semua orang 20% lebih jarang berbagi.",
        2,
        "awal",
        _nudge,
        "Jangkauan pesan pengingat (tayangan) di kanal resmi",
        "Diskominfo bersama mitra platform",
    ),
    "moderasi": Option(
        "Penanganan akun penyebar utama",
        "10 akun paling terhubung dinonaktifkan (active=False) saat respons dimulai; di dunia nyata ini pemutusan akses oleh kementerian (UU ITE), bukan kewenangan Kesbangpol.",
        3,
        "respons",
        _moderate,
        "Jumlah permintaan penurunan konten yang jelas melanggar hukum dan hasilnya",
        "Diskominfo/Komdigi melalui prosedur resmi; Polres bila ada tindak pidana",
        caution="Hanya untuk konten yang jelas melanggar hukum; hormati UUD 1945 Pasal 28E/28F/28J dan "
        "Putusan MK 105/PUU-XXII/2024 (instansi tidak bisa mengadu pencemaran nama baik).",
    ),
}
"""Interventions of the capstone, with illustrative costs in budget units."""

PLAN_MODEL_DEFAULTS = {
    "alpha": 0.4,
    "beta": 0.3,
    "p_verify": 0.05,
    "p_forget": 0.1,
    "initial_believers": 5,
}
"""Hoax parameters of the capstone: the hoax persists without action (p_verify < 2·0.4·0.1/0.6)."""

BASE_INDICATOR = (
    "Laporan warga per kategori isu per bulan (agregat, tanpa data pribadi)",
    "Kesbangpol (sekretariat Tim Kewaspadaan Dini)",
)


def plan_cost(choices: Iterable[str]) -> int:
    """Return the total cost of the chosen options; unknown keys raise ParameterError."""
    total = 0
    for c in choices:
        total += MENU[check_known(c, MENU, "intervention", "Intervensi", field="choices")].cost
    return total


def build_interventions(choices: Sequence[str]) -> list[Intervention]:
    """Return the :mod:`simulations.response.interventions` objects of a package.

    Response options start at step 8, or at step 2 when shared monitoring ("pemantauan") is in the
    package; "awal" options (prebunking, nudges) act before the hoax (step 0).
    """
    plan_cost(choices)
    start = 2 if "pemantauan" in choices else 8
    return [MENU[c].make(start) for c in choices if MENU[c].make is not None]


PLAN_SCENARIOS = ("Tanpa rencana", "Dengan rencana")
"""Display names of the baseline and the plan (values of the ``scenario`` column)."""


def check_choices(choices: Any) -> list[str]:
    """Return the chosen keys of :data:`MENU` without repeats; refuse anything else (ParameterError)."""
    choices = check_list(
        choices,
        "choices",
        f"keys of MENU {list(MENU)}",
        f"Pilihan intervensi harus berupa daftar, misalnya ['pemantauan', 'tokoh'], bukan {choices!r}.",
    )
    choices = list(dict.fromkeys(choices))
    plan_cost(choices)
    return choices


def simulate_plan(
    choices: Sequence[str],
    *,
    seeds: int | Iterable[int] = 10,
    root_seed: int = 0,
    steps: int = 60,
    n: int | None = None,
    budget: float | None = None,
    graph_seed: int = 0,
    graph: Any = None,
    max_work: float | None = None,
    **model_kwargs: Any,
) -> pd.DataFrame:
    """Run the baseline ("Tanpa rencana") and the plan on the same replicate seeds.

    Runs through :func:`simulations.analysis.experiments.compare`: replicate ``r`` uses the seed
    ``run_seed(root_seed, r)`` with and without the plan (common random numbers).

    Args:
        choices: Keys of :data:`MENU`.
        seeds: Number of replicates (or a list of replicate indices), several to show uncertainty.
        root_seed: Root seed of the replicates' seeds.
        steps: Steps per run, >= 1.
        n: People in the synthetic community network (5 communities, homophily 0.85); None means
            1,000. At least 5, at most what fits in half of the machine's memory. Not allowed
            together with ``graph`` (it would be ignored).
        budget: If given, the plan's cost must not exceed it (a finite number >= 0).
        graph_seed: Seed of the network, a whole number >= 0.
        graph: A network to use instead (e.g. the fictional regency's
            :func:`simulations.data.load_regency_network`).
        max_work: Most person-steps (people × steps × 2 scenarios × replicates); None means
            10^10 (:data:`simulations.core.limits.DEFAULT_MAX_WORK`). Pass more on purpose.
        **model_kwargs: Hoax parameters; defaults :data:`PLAN_MODEL_DEFAULTS`.

    Returns:
        One row per (scenario, replicate, step): ``scenario`` (one of :data:`PLAN_SCENARIOS`),
        ``replicate``, ``seed``, ``step``, ``share_believer`` and ``ever_believed`` (final share
        who ever believed, repeated per row).

    Raises:
        ParameterError: for an unknown option, a plan over budget, bad seeds, steps, budget,
            ``n`` or ``graph_seed``, ``n`` given with ``graph``, or more work than ``max_work`` —
            before the network is built.
        NetworkError: for a ``graph`` that is not a non-empty undirected networkx graph.
    """
    from simulations.analysis.experiments import check_replicates, compare

    choices = check_choices(choices)
    cost = plan_cost(choices)
    if budget is not None:
        budget = check_nonnegative(budget, "budget", "Anggaran")
        if cost > budget:
            raise ParameterError(
                f"plan costs {cost} budget units, more than the budget {budget:g}",
                f"Biaya rencana {cost} unit melebihi anggaran {general_id(budget)} unit. Kurangi pilihan intervensi.",
                field="choices",
            )
    steps = check_integer(steps, "steps", "Jumlah langkah", minimum=1)
    reps = check_replicates(seeds)
    if graph is None:
        n = check_size(
            1000 if n is None else n, "n", "Jumlah orang", minimum=5,
            bytes_each=HoaxModel.bytes_per_person,
        )  # fmt: skip
        graph_seed = check_seed(graph_seed, "graph_seed")
        people = n
    else:
        if n is not None:
            raise ParameterError(
                "n is ignored when graph is given (the network's size is the number of people); "
                "pass one of them",
                "Jumlah orang (n) tidak dipakai bila jaringan (graph) diberikan; isi salah satunya.",
                field="n",
            )
        people = check_graph(graph).number_of_nodes()
    check_work([people, people], steps, len(reps), max_work)  # baseline and plan
    if graph is None:
        graph = community_network(n=n, k=5, homophily=0.85, seed=graph_seed)
    params = {**PLAN_MODEL_DEFAULTS, **model_kwargs}

    def run(acts: list[str], seed: int) -> tuple[dict[str, float], pd.DataFrame]:
        model = HoaxModel(graph, seed=seed, **params)
        df = run_with_interventions(model, build_interventions(acts), steps)
        ever = float(model.ever_believed.mean())
        curve = df[["step", "share_believer"]].assign(ever_believed=ever)
        return {"peak_believers": float(df["share_believer"].max()), "ever_believed": ever}, curve

    res = compare(
        dict(zip(PLAN_SCENARIOS, ([], choices), strict=True)),
        run,
        seeds=reps,
        root_seed=root_seed,
    )
    return res.curves


def summarise_plan(sim: pd.DataFrame, level: float = 0.95) -> dict[str, dict[str, float]]:
    """Return per scenario the mean, confidence interval and 10th/90th percentiles of the outcomes.

    Args:
        sim: Output of :func:`simulate_plan`.
        level: Confidence level of the interval
            (:func:`simulations.analysis.experiments.mean_ci`, SciPy Student t).

    Returns:
        ``{scenario: {"peak", "peak_ci_low", "peak_ci_high", "peak_p10", "peak_p90", "ever",
        "ever_ci_low", "ever_ci_high", "ever_p10", "ever_p90", "n_runs"}}``: ``peak`` is the
        highest share of believers in a run, ``ever`` the share who ever believed; the percentiles
        describe the spread between runs, the interval the uncertainty of the mean.
    """
    from simulations.analysis.experiments import mean_ci

    # one grouping for every scenario and run (a named aggregation per scenario cost ~0.1 s a
    # call, and every export of a plan prints this summary)
    grouped = sim.groupby(["scenario", "replicate"], sort=False)
    per_run = pd.DataFrame(
        {"peak": grouped["share_believer"].max(), "ever": grouped["ever_believed"].first()}
    )
    out = {}
    for sc, d in per_run.groupby(level="scenario", sort=False):
        row: dict[str, float] = {}
        for key in ("peak", "ever"):
            values = d[key].to_numpy(dtype=np.float64)
            ci = mean_ci(values, level)
            row[key] = ci["mean"]
            row[f"{key}_ci_low"], row[f"{key}_ci_high"] = ci["ci_low"], ci["ci_high"]
            # as pandas' Series.quantile: linear interpolation, NaN skipped
            row[f"{key}_p10"], row[f"{key}_p90"] = (float(q) for q in _quantiles(values))
        row["n_runs"] = len(d)
        out[sc] = row
    return out


def _quantiles(values: np.ndarray) -> np.ndarray:
    """10th and 90th percentiles of ``values`` (NaN skipped; NaN when nothing is left)."""
    kept = values[~np.isnan(values)]
    return np.quantile(kept, [0.1, 0.9]) if kept.size else np.full(2, np.nan)


def follow_up_date(start: dt.date, months: int = 3) -> dt.date:
    """Return ``start`` plus ``months`` calendar months (day clipped to the month's length)."""
    import calendar

    m = start.month - 1 + months
    y, m = start.year + m // 12, m % 12 + 1
    return dt.date(y, m, min(start.day, calendar.monthrange(y, m)[1]))


# ------------------------------------------------------------------------------------ the plan
@dataclass
class ActionPlan:
    """Everything the exported plan shows."""

    region: dict[str, Any]
    choices: list[str]
    budget: int
    participant: str
    sim: pd.DataFrame
    date: dt.date
    follow_up: dt.date
    responsibilities: list[tuple[str, str]] = field(default_factory=list)
    indicators: list[tuple[str, str]] = field(default_factory=list)
    notes: str = ""

    @property
    def cost(self) -> int:
        """Total cost in budget units."""
        return plan_cost(self.choices)

    def summary_text(self) -> str:
        """Indonesian summary of the simulated effect, with ranges."""
        s = summarise_plan(self.sim)
        a, b = (s[k] for k in PLAN_SCENARIOS)
        return (
            f"Simulasi ilustratif ({a['n_runs']} seed, jaringan sintetis): puncak warga yang percaya hoaks "
            f"{pct_id(a['peak'], 0)} (rentang 10–90%: {pct_id(a['peak_p10'], 0)}–{pct_id(a['peak_p90'], 0)}) "
            f"tanpa rencana, {pct_id(b['peak'], 0)} ({pct_id(b['peak_p10'], 0)}–{pct_id(b['peak_p90'], 0)}) "
            f"dengan rencana; yang pernah percaya {pct_id(a['ever'], 0)} vs {pct_id(b['ever'], 0)}."
        )
