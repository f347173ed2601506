"""What a trainer reads from the evaluation report: Indonesian tables, summary and next steps.

The :class:`~simulations.course.evaluation.EvaluationReport` keeps DataFrames with short column
names for researchers (``pre_persen``, ``r_pb`` …). Everything here turns them into what a trainer
reads: Indonesian headers, Indonesian number formats (:func:`simulations.core.formatting.format_id`:
decimal comma), every estimate followed by its 95 % interval in brackets (``62,5 [55,1; 69,9]``),
``ya``/empty instead of ``True``/``False``, "tidak terdefinisi" instead of ``nan``, and a closing
list of what to do next.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import pandas as pd

from simulations.core.errors import DataError, check_known
from simulations.core.formatting import format_id
from simulations.course.item_labels import KEY_FLAG, MASTERED, UNSURE, gain_category

if TYPE_CHECKING:  # pragma: no cover
    from simulations.course.evaluation import EvaluationReport

__all__ = ["TABLES", "interval_text", "next_steps", "report_table", "summary_text", "with_ci"]

SMALL_CLASS = 10
"""Below this many matched participants the summary warns that the intervals are very wide."""

NO_INTERVAL = "—"
"""Shown in place of an interval that cannot be computed (too few participants, no variance)."""

CATEGORY = {"tinggi": "tinggi", "sedang": "sedang", "rendah": "rendah", "-": "tidak terdefinisi"}

TABLES = (
    "peserta",
    "modul",
    "tujuan",
    "butir_post",
    "butir_pre",
    "pengecoh_post",
    "pengecoh_pre",
)


def _nan(x: float) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def with_ci(x: float, ci: tuple[float, float], digits: int = 2) -> str:
    """Return ``"x [low; high]"`` in Indonesian format, ``"x [—]"`` without an interval."""
    lo, hi = ci
    if _nan(lo) or _nan(hi):
        return f"{format_id(x, digits)} [{NO_INTERVAL}]"
    return f"{format_id(x, digits)} [{format_id(lo, digits)}; {format_id(hi, digits)}]"


def interval_text(x: float, ci: tuple[float, float], digits: int = 2, unit: str = "") -> str:
    """Return ``"x (IK 95 % low sampai high)"`` for prose; the interval is omitted when undefined."""
    lo, hi = ci
    value = f"{format_id(x, digits)}{unit}"
    if _nan(x) or _nan(lo) or _nan(hi):
        return value
    return f"{value} (IK 95 % {format_id(lo, digits)}{unit} sampai {format_id(hi, digits)}{unit})"


def _participants(r: EvaluationReport) -> pd.DataFrame:
    p = r.participants
    out = pd.DataFrame(
        {
            "Pre-test (%)": [format_id(x, 1) for x in p["pre_persen"]],
            "Post-test (%)": [format_id(x, 1) for x in p["post_persen"]],
            "N-gain g": [format_id(x, 2) for x in p["n_gain"]],
            "Kategori g": [CATEGORY.get(c, c) for c in p["kategori"]],
            "Perubahan c (Marx & Cummings)": [format_id(x, 2) for x in p["c_marx"]],
        },
        index=pd.Index([str(i) for i in p.index], name="Kode peserta"),
    )
    return out


def _ci_cols(df: pd.DataFrame, key: str) -> tuple[pd.Series, pd.Series]:
    return df[f"{key}_bawah"], df[f"{key}_atas"]


def _modules(r: EvaluationReport) -> pd.DataFrame:
    m = r.mastery
    out = pd.DataFrame(index=pd.Index([f"Modul {i}" for i in m.index], name="Modul"))
    out["Jumlah soal"] = [str(int(x)) for x in m["jumlah_soal"]]
    for key, label in (
        ("rerata_pre", "Rerata pre-test (%) [IK 95 %]"),
        ("rerata_post", "Rerata post-test (%) [IK 95 %]"),
        ("tuntas_pre", "Tuntas pre-test (% peserta) [IK 95 %]"),
        ("tuntas_post", "Tuntas post-test (% peserta) [IK 95 %]"),
    ):
        lo, hi = _ci_cols(m, key)
        out[label] = [with_ci(x, (a, b), 1) for x, a, b in zip(m[key], lo, hi, strict=True)]
    return out


def _objective_status(row: pd.Series, threshold: float) -> str:
    if row["jelas_di_bawah_ambang"]:
        return "perlu diulang (seluruh IK di bawah ambang)"
    if row["di_bawah_ambang"]:
        return "mungkin perlu diulang (IK mencakup ambang)"
    return f"rerata ≥ ambang {format_id(threshold, 0)} %"


def _objectives(r: EvaluationReport) -> pd.DataFrame:
    o = r.objectives
    if o.empty:
        return pd.DataFrame(index=pd.Index([], name="Tujuan"))
    out = pd.DataFrame(index=pd.Index([str(i) for i in o.index], name="Tujuan"))
    out["Modul"] = list(o["modul"])
    out["Soal"] = list(o["soal"])
    for key, label in (
        ("rerata_pre", "Rerata pre-test (%) [IK 95 %]"),
        ("rerata_post", "Rerata post-test (%) [IK 95 %]"),
    ):
        lo, hi = _ci_cols(o, key)
        out[label] = [with_ci(x, (a, b), 1) for x, a, b in zip(o[key], lo, hi, strict=True)]
    out["Status"] = [_objective_status(row, r.mastery_threshold) for _, row in o.iterrows()]
    return out


def _items(table: pd.DataFrame) -> pd.DataFrame:
    out = pd.DataFrame(index=pd.Index([str(i) for i in table.index], name="Soal"))
    out["Modul"] = list(table["modul"])
    out["Tujuan"] = list(table["tujuan"])
    out["Kesukaran p [IK 95 %]"] = [
        with_ci(x, (a, b)) for x, a, b in zip(table["p"], *_ci_cols(table, "p"), strict=True)
    ]
    out["Tingkat kesukaran"] = [
        t if t != "-" else "tidak terdefinisi" for t in table["tingkat_kesukaran"]
    ]
    out["Daya pembeda D [IK 95 %]"] = [
        with_ci(x, (a, b)) for x, a, b in zip(table["D"], *_ci_cols(table, "D"), strict=True)
    ]
    out["Kategori daya pembeda"] = list(table["daya_pembeda"])
    out["Korelasi dengan skor sisa r [IK 95 %]"] = [
        with_ci(x, (a, b)) for x, a, b in zip(table["r_pb"], *_ci_cols(table, "r_pb"), strict=True)
    ]
    out["Tanda"] = list(table["tanda"])
    return out


def _distractors(table: pd.DataFrame) -> pd.DataFrame:
    if table.empty:
        return pd.DataFrame(index=pd.Index([], name="Soal"))
    out = pd.DataFrame(index=pd.Index(list(table["soal"]), name="Soal"))
    out["Pilihan"] = list(table["pilihan"])
    out["Kunci"] = ["kunci" if bool(k) else "" for k in table["kunci"]]
    out["Teks pilihan"] = list(table["teks"])
    out["Jumlah peserta"] = [str(int(x)) for x in table["n"]]
    out["Persen"] = [format_id(x, 0) for x in table["persen"]]
    out["Kelompok atas"] = [str(int(x)) for x in table["atas"]]
    out["Kelompok bawah"] = [str(int(x)) for x in table["bawah"]]
    out["Keterangan"] = list(table["keterangan"]) if "keterangan" in table else ""
    out["Tanda"] = list(table["tanda"])
    return out


def report_table(report: EvaluationReport, name: str) -> pd.DataFrame:
    """Return one table of the report as the trainer reads it (all cells are text).

    Args:
        report: The evaluation report.
        name: One of :data:`TABLES`.

    Raises:
        DataError: for an unknown table name.
    """
    builders = {
        "peserta": lambda: _participants(report),
        "modul": lambda: _modules(report),
        "tujuan": lambda: _objectives(report),
        "butir_post": lambda: _items(report.items_post),
        "butir_pre": lambda: _items(report.items_pre),
        "pengecoh_post": lambda: _distractors(report.distractors_post),
        "pengecoh_pre": lambda: _distractors(report.distractors_pre),
    }
    return builders[check_known(name, TABLES, "table", "Tabel", error=DataError, field="name")]()


def summary_text(r: EvaluationReport) -> str:
    """Return the Indonesian summary: matched participants, scores, class gain, reliability — with intervals."""
    n = len(r.participants)
    c = r.gain_counts
    p = r.participants
    lines = [
        f"{n} peserta cocok di pre-test dan post-test; rata-rata pre-test "
        f"{interval_text(p['pre_persen'].mean(), r.pre_mean_ci, 1, ' %')}, post-test "
        f"{interval_text(p['post_persen'].mean(), r.post_mean_ci, 1, ' %')}.",
        f"N-gain kelas <g> = {interval_text(r.class_gain, r.class_gain_ci)}, kategori "
        f"{CATEGORY[gain_category(r.class_gain)]}; rata-rata g individu = "
        f"{interval_text(r.mean_individual_gain, r.mean_individual_gain_ci)}. Tinggi {c['tinggi']}, "
        f"sedang {c['sedang']}, rendah {c['rendah']}"
        + (f", tidak terdefinisi (pre 100 %) {c['-']}" if c["-"] else "")
        + ".",
        f"Reliabilitas KR-20: pre-test {interval_text(r.kr20_pre, r.kr20_pre_ci)}, post-test "
        f"{interval_text(r.kr20_post, r.kr20_post_ci)}.",
    ]
    if n < SMALL_CLASS:
        lines.append(
            f"Kelas sangat kecil ({n} peserta cocok): interval sangat lebar — baca angka sebagai "
            "petunjuk, bukan bukti."
        )
    if not _nan(r.sem_post):
        lines.append(
            f"Skor satu peserta tidak tepat: galat baku pengukuran ± {format_id(r.sem_pre, 1)} poin "
            f"(pre-test) dan ± {format_id(r.sem_post, 1)} poin (post-test)."
        )
    fell = r.fell
    if len(fell):
        lines.append(
            f"Skor turun pada {len(fell)} peserta; perubahan ternormalisasi Marx & Cummings c: "
            + ", ".join(f"{k} {format_id(v, 2)}" for k, v in fell["c_marx"].items())
            + "; rata-rata c semua peserta "
            f"{interval_text(r.mean_normalised_change, r.mean_normalised_change_ci)}."
        )
    flagged = r.key_check_items
    if flagged:
        lines.append(f"Soal dengan bukti kunci bermasalah (periksa kunci): {', '.join(flagged)}.")
    if r.unmatched_pre or r.unmatched_post:
        lines.append(
            f"Tidak cocok: hanya di pre-test {len(r.unmatched_pre)} ({', '.join(r.unmatched_pre) or '-'}), "
            f"hanya di post-test {len(r.unmatched_post)} ({', '.join(r.unmatched_post) or '-'})."
        )
    return " ".join(lines)


def _item_line(item: str, row: pd.Series, test: str) -> str:
    if row["tanda"] == KEY_FLAG:
        return (
            f"Periksa kunci soal {item} ({test}; tujuan {row['tujuan']}): korelasi dengan skor sisa "
            f"r = {interval_text(row['r_pb'], (row['r_pb_bawah'], row['r_pb_atas']))} — peserta yang "
            "lebih kuat justru lebih sering salah."
        )
    return (
        f"Tulis ulang soal {item} ({test}; tujuan {row['tujuan']}): daya pembeda D = "
        f"{interval_text(row['D'], (row['D_bawah'], row['D_atas']))}, seluruh interval di bawah 0,20."
    )


def next_steps(r: EvaluationReport) -> list[str]:
    """Return what the trainer does next, in Indonesian: objectives to revisit, items to rewrite, …"""
    steps: list[str] = []
    threshold = format_id(r.mastery_threshold, 0)
    o = r.objectives
    below = o[o["di_bawah_ambang"]].sort_values("rerata_post") if not o.empty else o
    clear = below[below["jelas_di_bawah_ambang"]] if len(below) else below
    unsure = below[~below["jelas_di_bawah_ambang"].astype(bool)] if len(below) else below
    for objective, row in clear.iterrows():
        steps.append(
            f"Ulangi tujuan {objective} (Modul {row['modul']}; soal {row['soal']}): rerata post-test "
            + interval_text(
                row["rerata_post"], (row["rerata_post_bawah"], row["rerata_post_atas"]), 1, " %"
            )
            + f" — seluruh interval di bawah ambang tuntas {threshold} %."
        )
    if len(unsure):
        steps.append(
            f"Mungkin perlu diulang (rerata post-test di bawah ambang {threshold} %, tetapi interval "
            "masih mencakup ambang; ulas singkat di sesi penutup dan amati di kelas berikutnya): "
            + "; ".join(
                f"tujuan {objective} (Modul {row['modul']}) "
                + with_ci(
                    row["rerata_post"], (row["rerata_post_bawah"], row["rerata_post_atas"]), 1
                )
                + " %"
                for objective, row in unsure.iterrows()
            )
            + "."
        )
    if not len(below):
        steps.append(
            f"Semua tujuan yang diuji mencapai rerata post-test ≥ ambang tuntas {threshold} %; tidak "
            "ada tujuan yang perlu diulang."
        )
    rewrite = [
        _item_line(i, row, test)
        for test, table in (("post-test", r.items_post), ("pre-test", r.items_pre))
        for i, row in table.iterrows()
        if row["tanda"]
    ]
    if rewrite:
        steps += rewrite
    else:
        unsure = [i for i, d in r.items_post["daya_pembeda"].items() if d == UNSURE]
        steps.append(
            f"Tidak ada soal dengan bukti statistik untuk ditulis ulang ({len(r.participants)} peserta; "
            "hanya penyimpangan besar yang terdeteksi pada kelas sekecil ini)."
            + (
                f" Soal berdaya pembeda rendah yang belum pasti — amati lagi di kelas berikutnya: "
                f"{', '.join(unsure)}."
                if unsure
                else ""
            )
        )
    easy = [i for i, d in r.items_pre["daya_pembeda"].items() if d == MASTERED["pre"]]
    if easy:
        steps.append(
            f"Soal yang sudah dijawab benar oleh semua peserta sebelum pelatihan tidak mengukur "
            f"kenaikan: {', '.join(easy)} — pertimbangkan soal yang lebih menantang untuk tujuan yang sama."
        )
    d = r.distractors_post
    if len(d) and "tanda" in d:
        flagged = d[d["tanda"] != ""]
        if len(flagged):
            steps.append(
                "Tinjau pengecoh: "
                + "; ".join(
                    f"{row['soal']} pilihan {row['pilihan']} ({row['tanda']})"
                    for _, row in flagged.iterrows()
                )
                + "."
            )
    lo, hi = r.kr20_post_ci
    if not _nan(r.kr20_post) and r.kr20_post < 0.7:
        where = (
            "seluruh interval di bawah 0,70"
            if not _nan(hi) and hi < 0.7
            else "interval mencakup 0,70"
        )
        steps.append(
            f"Reliabilitas post-test KR-20 = {interval_text(r.kr20_post, r.kr20_post_ci)} ({where}): "
            "jangan memakai skor satu peserta untuk keputusan perorangan; tambah soal atau perbaiki "
            "soal yang lemah sebelum tes dipakai lagi."
        )
    conflicts = [n for n in r.notes if "KONFLIK" in n]
    refused = [n for n in r.notes if "ditolak" in n or "tidak dibaca" in n]
    if conflicts or refused:
        what = " dan ".join(
            part
            for part in (
                f"{len(conflicts)} konflik" if conflicts else "",
                f"{len(refused)} kiriman yang ditolak" if refused else "",
            )
            if part
        )
        steps.append(
            f"Selesaikan dulu {what} (lihat Catatan pembacaan data): cocokkan pengirimnya, minta "
            "kiriman ulang bila perlu, lalu baca ulang sebelum laporan dikirim."
        )
    if r.unmatched_pre or r.unmatched_post:
        steps.append(
            f"{len(r.unmatched_pre) + len(r.unmatched_post)} peserta hanya ikut salah satu tes dan tidak "
            "dihitung dalam N-gain; minta yang belum mengirim untuk mengirim kodenya."
        )
    steps.append(
        "Laporkan N-gain kelas bersama intervalnya, bukan sebagai angka tunggal: <g> = "
        f"{interval_text(r.class_gain, r.class_gain_ci)}."
    )
    return steps
