"""A stakeholder map participants edit for their own region, and who brokers in it.

Module 6 asks participants to map the institutions that keep social resilience in their own region
(Kesbangpol, other local government offices, FKDM, FKUB, police, media, fact-checkers, campuses,
ormas, religious and customary leaders …) and the ties through which they *actually* exchange
information. This module turns two small tables into a network and computes brokerage on it:

* **betweenness** (Freeman 1977): how often an actor lies on the shortest paths between two others
  (normalised to 0–1);
* **Burt's constraint** and **effective size** (Burt 1992, *Structural Holes*): low constraint =
  the actor's contacts are not connected to each other, so it bridges structural holes;
* **articulation points**: actors whose absence splits the map, and the share of the other actors'
  pairs that lose every path when the actor is absent.

The default map (:func:`default_actors`, :func:`default_ties`) is SYNTHETIC and deliberately has
several brokers and redundant paths: the point of the exercise is that brokerage is a property of
the *map*, which participants must draw for their own region, not a property of an institution.

Tables (columns in Indonesian, as participants see them)::

    actors: id, nama, sektor[, jangkauan]      jangkauan = communities reached, e.g. "0;5" (optional)
    ties:   dari, ke

They can be edited as text (one line per actor/tie, comma-separated; :func:`actors_from_text`,
:func:`ties_from_text`), as CSV files (:func:`read_map_csv`) or in the notebook editor
(:func:`simulations.widgets.stakeholders.map_editor`); the map is drawn by
:func:`simulations.plots.stakeholders.plot_map`. Graphs carry node attributes ``label``, ``sector`` and ``reach`` so they can be
passed as ``stakeholders=`` to :func:`simulations.response.collaboration.compare_responses`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd

from simulations.core.errors import DataError, SimulationInputError, check_known
from simulations.core.formatting import format_id, pct_id

__all__ = [
    "ACTOR_COLUMNS",
    "SECTORS",
    "TIE_COLUMNS",
    "actors_from_text",
    "brokerage",
    "build_map",
    "default_actors",
    "default_ties",
    "read_map_csv",
    "remove_actor",
    "summarise_brokerage",
    "tie_effect",
    "ties_from_text",
    "to_text",
    "with_ties",
]

ACTOR_COLUMNS = ("id", "nama", "sektor")
TIE_COLUMNS = ("dari", "ke")

SECTORS = {
    "pemerintah": "Pemerintah daerah",
    "keamanan": "Keamanan",
    "forum": "Forum masyarakat",
    "media": "Media dan platform",
    "cek_fakta": "Pemeriksa fakta",
    "akademik": "Kampus",
    "masyarakat": "Tokoh dan ormas",
    "lainnya": "Lainnya",
}
"""Sector codes and their Indonesian labels (an unknown sector is shown as "Lainnya")."""

# SYNTHETIC default: institutions as in Module 6; communities reached (0–5) as in the coordination
# simulation of simulations.response.collaboration. Not a survey of any region.
_DEFAULT_ACTORS = (
    ("kesbangpol", "Kesbangpol", "pemerintah", "5"),
    ("diskominfo", "Diskominfo", "pemerintah", "0;5"),
    ("disdik", "Dinas Pendidikan", "pemerintah", "3"),
    ("bappeda", "Bappeda", "pemerintah", "5"),
    ("kemenag", "Kantor Kemenag", "pemerintah", "2"),
    ("polres", "Polres", "keamanan", "0"),
    ("fkdm", "FKDM", "forum", "1;4"),
    ("fkub", "FKUB", "forum", "2"),
    ("media_lokal", "Media lokal", "media", "0;1"),
    ("platform", "Platform media sosial", "media", "0;3"),
    ("mafindo", "Mafindo", "cek_fakta", "0;3"),
    ("cekfakta", "Kolaborasi CekFakta (media)", "cek_fakta", "0"),
    ("kampus", "Universitas", "akademik", "3"),
    ("ormas_agama", "Ormas keagamaan", "masyarakat", "1;2"),
    ("ormas_pemuda", "Ormas pemuda", "masyarakat", "3"),
    ("tokoh_agama", "Tokoh agama", "masyarakat", "1;2"),
    ("tokoh_adat", "Tokoh adat", "masyarakat", "4"),
)

# Several overlapping channels: government offices talk to each other, forums talk to leaders and to
# the police, media and fact-checkers talk to campuses and youth groups. No single actor holds the map
# together (tested).
_DEFAULT_TIES = (
    ("kesbangpol", "diskominfo"),
    ("kesbangpol", "bappeda"),
    ("kesbangpol", "polres"),
    ("kesbangpol", "fkdm"),
    ("kesbangpol", "fkub"),
    ("diskominfo", "bappeda"),
    ("diskominfo", "media_lokal"),
    ("diskominfo", "platform"),
    ("diskominfo", "disdik"),
    ("disdik", "kampus"),
    ("disdik", "kemenag"),
    ("kemenag", "fkub"),
    ("polres", "fkdm"),
    ("polres", "platform"),
    ("fkdm", "tokoh_adat"),
    ("fkdm", "tokoh_agama"),
    ("fkdm", "ormas_pemuda"),
    ("fkdm", "media_lokal"),
    ("fkub", "tokoh_agama"),
    ("fkub", "ormas_agama"),
    ("tokoh_agama", "ormas_agama"),
    ("tokoh_agama", "tokoh_adat"),
    ("media_lokal", "cekfakta"),
    ("cekfakta", "mafindo"),
    ("mafindo", "platform"),
    ("mafindo", "kampus"),
    ("mafindo", "ormas_pemuda"),
    ("kampus", "ormas_pemuda"),
    ("kampus", "bappeda"),
)


def default_actors() -> pd.DataFrame:
    """Return the SYNTHETIC default actor table (``id, nama, sektor, jangkauan``), a copy to edit."""
    return pd.DataFrame(list(_DEFAULT_ACTORS), columns=[*ACTOR_COLUMNS, "jangkauan"])


def default_ties() -> pd.DataFrame:
    """Return the SYNTHETIC default tie table (``dari, ke``), a copy to edit."""
    return pd.DataFrame(list(_DEFAULT_TIES), columns=list(TIE_COLUMNS))


# ------------------------------------------------------------------------------------------ parsing
def _err(
    message: str, pesan: str, *, table: str, row: int | None = None, column: str | None = None
):
    return DataError(message, pesan, file=table, row=row, column=column)


def _clean_table(df: Any, columns: tuple[str, ...], table: str) -> pd.DataFrame:
    if not isinstance(df, pd.DataFrame):
        raise SimulationInputError(
            f"{table} must be a pandas DataFrame, got {type(df).__name__}",
            f"Tabel {table} harus berupa tabel (DataFrame), bukan {type(df).__name__}.",
            field=table,
        )
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise _err(
            f"{table}: missing column(s) {missing}; needed: {list(columns)}",
            f"Tabel {table}: kolom {', '.join(missing)} tidak ada. Kolom yang diperlukan: {', '.join(columns)}.",
            table=table,
            column=missing[0],
        )
    out = df.copy()
    for c in columns:
        out[c] = out[c].map(lambda v: "" if pd.isna(v) else str(v).strip())
    # rows left completely empty (e.g. a blank line added in the editor) are ignored
    return out[(out[list(columns)] != "").any(axis=1)].reset_index(drop=True)


def _parse_reach(value: Any, row: int) -> tuple[int, ...]:
    if value is None or (isinstance(value, float) and pd.isna(value)) or str(value).strip() == "":
        return ()
    parts = [p.strip() for p in str(value).replace(",", ";").split(";") if p.strip()]
    try:
        reach = tuple(int(p) for p in parts)
    except ValueError:
        raise _err(
            f"pihak row {row + 1}: jangkauan {value!r} must be community numbers such as '0;5'",
            f"Tabel pihak baris {row + 1}: jangkauan {value!r} harus nomor komunitas, misalnya '0;5'.",
            table="pihak",
            row=row + 1,
            column="jangkauan",
        ) from None
    if any(r < 0 for r in reach):
        raise _err(
            f"pihak row {row + 1}: jangkauan must be >= 0",
            f"Tabel pihak baris {row + 1}: nomor komunitas tidak boleh negatif.",
            table="pihak",
            row=row + 1,
            column="jangkauan",
        )
    return reach


def build_map(actors: pd.DataFrame | None = None, ties: pd.DataFrame | None = None) -> nx.Graph:
    """Build the stakeholder network from an actor table and a tie table.

    Args:
        actors: Columns ``id, nama, sektor`` and optionally ``jangkauan`` (communities reached,
            "0;5"). Default: :func:`default_actors` (SYNTHETIC).
        ties: Columns ``dari, ke`` (ids from ``actors``). Default: :func:`default_ties`.

    Returns:
        Undirected graph; nodes are ids with ``label``, ``sector`` and ``reach``; repeated ties are
        merged; ``graph.graph["synthetic"]`` is True only for the untouched default map.

    Raises:
        DataError: Missing column, empty or repeated id, empty name, a tie naming an unknown id,
            or a tie from an actor to itself (the message names the table and row).
    """
    synthetic = actors is None and ties is None
    actors = _clean_table(default_actors() if actors is None else actors, ACTOR_COLUMNS, "pihak")
    ties = _clean_table(default_ties() if ties is None else ties, TIE_COLUMNS, "hubungan")
    if actors.empty:
        raise _err(
            "pihak: the table is empty",
            "Tabel pihak masih kosong: isi minimal dua pihak.",
            table="pihak",
        )
    g = nx.Graph(synthetic=synthetic)
    for i, row in actors.iterrows():
        sid = row["id"]
        if not sid:
            raise _err(
                f"pihak row {i + 1}: id is empty",
                f"Tabel pihak baris {i + 1}: kolom id kosong.",
                table="pihak",
                row=i + 1,
                column="id",
            )
        if sid in g:
            raise _err(
                f"pihak row {i + 1}: id {sid!r} appears twice",
                f"Tabel pihak baris {i + 1}: id {sid!r} muncul dua kali; setiap pihak cukup satu baris.",
                table="pihak",
                row=i + 1,
                column="id",
            )
        if not row["nama"]:
            raise _err(
                f"pihak row {i + 1}: nama is empty",
                f"Tabel pihak baris {i + 1}: kolom nama kosong.",
                table="pihak",
                row=i + 1,
                column="nama",
            )
        sector = row["sektor"] or "lainnya"
        reach = _parse_reach(row["jangkauan"], i) if "jangkauan" in actors.columns else ()
        g.add_node(sid, label=row["nama"], sector=sector, reach=reach)
    for i, row in ties.iterrows():
        a, b = row["dari"], row["ke"]
        for col, x in (("dari", a), ("ke", b)):
            if x not in g:
                raise _err(
                    f"hubungan row {i + 1}: {col} {x!r} is not an id in the actor table",
                    f"Tabel hubungan baris {i + 1}: {col} {x!r} tidak ada di tabel pihak. "
                    f"Id yang ada: {', '.join(g.nodes)}.",
                    table="hubungan",
                    row=i + 1,
                    column=col,
                )
        if a == b:
            raise _err(
                f"hubungan row {i + 1}: a tie from {a!r} to itself",
                f"Tabel hubungan baris {i + 1}: {a!r} tidak bisa berhubungan dengan dirinya sendiri.",
                table="hubungan",
                row=i + 1,
            )
        g.add_edge(a, b)
    return g


def remove_actor(g: nx.Graph, actor: str) -> nx.Graph:
    """Return a copy of the map without ``actor`` (e.g. "what if this office is absent?").

    Raises:
        SimulationInputError: ``actor`` is not in the map.
    """
    check_known(actor, list(g.nodes), "actor", "Pihak", error=SimulationInputError)
    h = g.copy()
    h.remove_node(actor)
    h.graph["synthetic"] = False
    return h


def with_ties(g: nx.Graph, ties: list[tuple[str, str]] | tuple[tuple[str, str], ...]) -> nx.Graph:
    """Return a copy of the map with extra ties (e.g. a new MoU proposed in an exercise).

    Raises:
        SimulationInputError: A tie is not a pair of two different ids of the map.
    """
    h = g.copy()
    h.graph["synthetic"] = False
    for tie in ties:
        if not isinstance(tie, tuple | list) or len(tie) != 2:
            raise SimulationInputError(
                f"a tie must be a pair of ids, got {tie!r}",
                f'Hubungan harus sepasang id, misalnya ("fkub", "mafindo"), bukan {tie!r}.',
                field="ties",
            )
        a, b = tie
        for x in (a, b):
            check_known(
                x, list(g.nodes), "actor", "Pihak", error=SimulationInputError, field="ties"
            )
        if a == b:
            raise SimulationInputError(
                f"a tie from {a!r} to itself",
                f"{a!r} tidak bisa berhubungan dengan dirinya sendiri.",
                field="ties",
            )
        h.add_edge(a, b)
    return h


# --------------------------------------------------------------------------------------- measures
def _connected_pairs(g: nx.Graph) -> int:
    return sum(len(c) * (len(c) - 1) // 2 for c in nx.connected_components(g))


def brokerage(g: nx.Graph) -> pd.DataFrame:
    """Return brokerage measures per actor, sorted by betweenness (highest first).

    Columns: ``nama``, ``sektor``, ``derajat`` (number of ties), ``keantaraan`` (normalised
    betweenness, Freeman 1977, 0–1), ``kendala`` (Burt's constraint, 0–1+, lower = more brokerage;
    NaN for an actor without ties), ``ukuran_efektif`` (Burt's effective size), ``titik_putus``
    (True when the actor is an articulation point) and ``putus_jika_absen`` (share 0–1 of the
    other actors' pairs that lose every path when the actor is absent).

    Args:
        g: From :func:`build_map`.
    """
    if g.number_of_nodes() == 0:
        raise SimulationInputError(
            "the map has no actors", "Peta belum berisi pihak mana pun.", field="g"
        )
    betw = nx.betweenness_centrality(g, normalized=True)
    constraint = nx.constraint(g)
    eff = nx.effective_size(g)
    cut = set(nx.articulation_points(g))
    rows = []
    for n, data in g.nodes(data=True):
        h = g.copy()
        h.remove_node(n)
        before = _connected_pairs(g) - (len(nx.node_connected_component(g, n)) - 1)
        after = _connected_pairs(h)
        rows.append(
            {
                "id": n,
                "nama": data.get("label", n),
                "sektor": SECTORS.get(data.get("sector", ""), data.get("sector", "")),
                "derajat": g.degree(n),
                "keantaraan": betw[n],
                "kendala": constraint[n],
                "ukuran_efektif": eff[n],
                "titik_putus": n in cut,
                "putus_jika_absen": (before - after) / before if before else 0.0,
            }
        )
    table = pd.DataFrame(rows).set_index("id")
    return table.sort_values(["keantaraan", "derajat"], ascending=False, kind="stable")


def _pct(x: float) -> str:
    return pct_id(x, 0)


def _num(x: float) -> str:
    return format_id(x, 2)


def summarise_brokerage(table: pd.DataFrame, top: int = 3) -> str:
    """Return an Indonesian summary: main brokers, articulation points and how concentrated brokerage is.

    Args:
        table: From :func:`brokerage`.
        top: How many brokers to name.
    """
    lines = []
    brokers = table[table["keantaraan"] > 0].head(top)
    if brokers.empty:
        lines.append(
            "Tidak ada perantara: setiap pihak terhubung langsung (atau tidak terhubung sama sekali)."
        )
    else:
        names = ", ".join(f"{r.nama} ({_num(r.keantaraan)})" for r in brokers.itertuples())
        lines.append(f"Perantara utama menurut keantaraan: {names}.")
    total = table["keantaraan"].sum()
    if total > 0:
        share = table["keantaraan"].iloc[0] / total
        lines.append(
            f"Pihak teratas memegang {_pct(share)} dari seluruh keantaraan"
            + (
                " — perantaraan sangat terpusat."
                if share >= 0.5
                else " — perantaraan tersebar di beberapa pihak."
            )
        )
    cuts = table[table["titik_putus"]]
    if cuts.empty:
        lines.append("Tidak ada titik putus: tanpa pihak mana pun, sisa peta tetap terhubung.")
    else:
        parts = ", ".join(
            f"{r.nama} ({_pct(r.putus_jika_absen)} pasangan terputus)" for r in cuts.itertuples()
        )
        lines.append(f"Titik putus (bila absen, peta terbelah): {parts}.")
    low = table.dropna(subset=["kendala"]).sort_values("kendala").head(1)
    if not low.empty:
        r = low.iloc[0]
        lines.append(
            f"Kendala Burt terendah: {r['nama']} ({_num(r['kendala'])}) — mitranya paling jarang saling kenal, "
            "jadi ia menjembatani 'lubang struktural'."
        )
    lines.append(
        "Angka ini sifat PETA yang Anda gambar, bukan penilaian atas lembaga: ubah peta, hasilnya berubah."
    )
    return "\n".join(lines)


def tie_effect(g: nx.Graph, tie: tuple[str, str]) -> str:
    """Return an Indonesian sentence on how one new tie changes articulation points and brokerage.

    Args:
        g: The map before the tie.
        tie: A pair of ids.
    """
    before, after = brokerage(g), brokerage(with_ties(g, [tie]))
    cuts_b, cuts_a = int(before["titik_putus"].sum()), int(after["titik_putus"].sum())
    worst_b, worst_a = before["putus_jika_absen"].max(), after["putus_jika_absen"].max()
    conc_b = (
        before["keantaraan"].iloc[0] / before["keantaraan"].sum()
        if before["keantaraan"].sum()
        else 0.0
    )
    conc_a = (
        after["keantaraan"].iloc[0] / after["keantaraan"].sum()
        if after["keantaraan"].sum()
        else 0.0
    )
    a, b = tie
    return (
        f"Dengan hubungan baru {g.nodes[a].get('label', a)}–{g.nodes[b].get('label', b)}: "
        f"titik putus {cuts_b} → {cuts_a}; pasangan terbanyak yang terputus bila satu pihak absen "
        f"{_pct(worst_b)} → {_pct(worst_a)}; porsi keantaraan pihak teratas {_pct(conc_b)} → {_pct(conc_a)}."
    )


# ------------------------------------------------------------------------------------------ I/O
def _from_text(
    text: str, columns: tuple[str, ...], table: str, optional: tuple[str, ...] = ()
) -> pd.DataFrame:
    rows = []
    for i, line in enumerate(str(text).splitlines()):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = [p.strip() for p in line.split(",")]
        if len(parts) < len(columns):
            raise _err(
                f"{table} line {i + 1}: expected {len(columns)} comma-separated fields, got {len(parts)}",
                f"Tabel {table} baris {i + 1}: perlu {len(columns)} isian dipisah koma "
                f"({', '.join(columns)}), baru ada {len(parts)}.",
                table=table,
                row=i + 1,
            )
        if len(columns) == 3 and len(parts) > 3:
            # "id, nama, sektor, 0;5": the fourth field is the optional reach
            rows.append([*parts[:3], ";".join(parts[3:])])
        else:
            rows.append(parts[: len(columns)] + [""] * len(optional))
    return pd.DataFrame(rows, columns=[*columns, *optional])


def actors_from_text(text: str) -> pd.DataFrame:
    """Parse lines ``id, nama, sektor[, jangkauan]`` (``#`` starts a comment) into an actor table."""
    return _from_text(text, ACTOR_COLUMNS, "pihak", optional=("jangkauan",))


def ties_from_text(text: str) -> pd.DataFrame:
    """Parse lines ``id1, id2`` (``#`` starts a comment) into a tie table."""
    return _from_text(text, TIE_COLUMNS, "hubungan")


def to_text(
    actors: pd.DataFrame | None = None, ties: pd.DataFrame | None = None
) -> tuple[str, str]:
    """Return the two tables as editable text (one line per actor / tie)."""
    actors = default_actors() if actors is None else actors
    ties = default_ties() if ties is None else ties
    a_lines = []
    for r in actors.itertuples(index=False):
        reach = getattr(r, "jangkauan", "")
        a_lines.append(", ".join([r.id, r.nama, r.sektor] + ([str(reach)] if str(reach) else [])))
    t_lines = [f"{r.dari}, {r.ke}" for r in ties.itertuples(index=False)]
    return "\n".join(a_lines), "\n".join(t_lines)


def read_map_csv(actors_path: str | Path, ties_path: str | Path) -> nx.Graph:
    """Read a region's map from two CSV files (``id,nama,sektor[,jangkauan]`` and ``dari,ke``).

    Raises:
        DataError: A file is missing or unreadable, or a table is invalid (see :func:`build_map`).
    """
    tables = []
    for path, name in ((actors_path, "pihak"), (ties_path, "hubungan")):
        try:
            tables.append(pd.read_csv(path, dtype=str, keep_default_na=False))
        except FileNotFoundError:
            raise _err(
                f"{path}: file not found", f"Berkas {path} tidak ditemukan.", table=name
            ) from None
        except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as exc:
            raise _err(
                f"{path}: cannot be read as CSV ({exc})",
                f"Berkas {path} tidak bisa dibaca sebagai CSV. Simpan sebagai CSV UTF-8 dengan koma.",
                table=name,
            ) from exc
    return build_map(*tables)
