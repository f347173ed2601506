"""The programme brief's coverage map: load ``curriculum/cakupan.yaml`` and check it against the material.

The Bimtek brief lists what the programme must cover (elements of social resilience, specific
objectives, challenges, strategies, regional examples, policies, follow-up recommendations and
target participants). ``curriculum/cakupan.yaml`` maps each item, by a fixed id such as
``"tantangan.keamanan_siber"``, to

* the notebook sections that teach it (notebook file + id of the section's heading markdown cell),
* the facilitator-guide sections (guide file + heading text),

and the question bank (``curriculum/bank_soal.yaml``) tags its items with ``cakupan: [ids...]``, from
which :func:`questions_by_item` derives which questions assess each item.

The same file maps every learning objective of the syllabus (``"3.2"``) to the notebook sections that
teach it (section ``tujuan_sel``, read by :func:`load_objective_sections`); every bank item names one of
its objective's sections in ``materi``, so each pre/post item traces to a taught cell.

:func:`load_coverage` validates the file's shape and raises
:class:`~simulations.core.errors.DataError` (English ``str()``, Indonesian ``.pesan``) naming the
field. :func:`problems` cross-checks the map against the repository and returns readable problems
(missing notebook, unknown cell id, missing guide heading, unknown bank tag, untaught or unassessed
item); the tests assert it is empty. Command line::

    python -m simulations.course.coverage          # table: item, sections, questions
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from simulations.core.errors import DataError
from simulations.data.yaml_file import read_yaml, yaml_error

__all__ = [
    "ITEM_IDS",
    "CoverageItem",
    "GuideRef",
    "NotebookRef",
    "bank_tags",
    "default_coverage_path",
    "guide_headings",
    "load_coverage",
    "load_objective_sections",
    "normalise_words",
    "notebook_cell_ids",
    "objective_problems",
    "problems",
    "questions_by_item",
    "section_text",
    "word_problems",
]

ITEM_IDS: tuple[str, ...] = (
    "unsur.nilai_ideologi",
    "unsur.budaya",
    "unsur.ekonomi",
    "unsur.informasi",
    "unsur.politik_sosial",
    "tujuan.konsep_ketahanan_teknologi",
    "tujuan.identifikasi_kerawanan",
    "tujuan.komunikasi_publik",
    "tujuan.sinergi",
    "tantangan.hoaks_disinformasi",
    "tantangan.polarisasi",
    "tantangan.degradasi_nilai_budaya",
    "tantangan.kesenjangan_digital",
    "tantangan.keamanan_siber",
    "tantangan.ujaran_kebencian",
    "strategi.literasi_digital",
    "strategi.komunitas_positif",
    "strategi.peran_pemda",
    "strategi.kolaborasi",
    "strategi.big_data",
    "contoh.tim_deteksi_dini",
    "contoh.gnld",
    "contoh.kesbangpol_tokoh",
    "kebijakan.rpjmn",
    "kebijakan.permendagri",
    "kebijakan.prioritas_kemendagri",
    "rekomendasi.rencana_aksi",
    "rekomendasi.tim_koordinasi",
    "rekomendasi.sosialisasi_literasi",
    "rekomendasi.sistem_pelaporan",
    "sasaran.kesbangpol",
    "sasaran.asn",
    "sasaran.tokoh_ormas",
    "sasaran.akademisi_pegiat",
    "sasaran.lsm",
)
"""The fixed ids of the brief's items (shared with the question bank's ``cakupan`` tags)."""

_FILE = "cakupan.yaml"
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")


def _root() -> Path:
    return Path(__file__).resolve().parents[2]


def default_coverage_path() -> Path:
    """Return the path of ``curriculum/cakupan.yaml`` in the repository."""
    return _root() / "curriculum" / _FILE


@dataclass(frozen=True)
class NotebookRef:
    """A notebook section: the notebook file name and the id of its heading markdown cell."""

    notebook: str
    cell: str


@dataclass(frozen=True)
class GuideRef:
    """A facilitator-guide section: the guide file (relative to ``curriculum/``) and heading text."""

    file: str
    heading: str


@dataclass(frozen=True)
class CoverageItem:
    """One item of the programme brief and where it is taught."""

    id: str
    group: str
    label: str
    notebooks: tuple[NotebookRef, ...]
    guides: tuple[GuideRef, ...]
    note: str = ""
    words: tuple[str, ...] = ()
    """The brief's own words (``kata``) a participant must find in a core section that teaches the item."""


def _fail(where: str, message: str, pesan: str) -> DataError:
    return yaml_error(_FILE, where, message, pesan)


def _refs(raw: Any, where: str, keys: tuple[str, str]) -> list[tuple[str, str]]:
    if not isinstance(raw, list) or not raw:
        raise _fail(where, "must be a non-empty list", "harus berupa daftar yang tidak kosong.")
    out = []
    for j, r in enumerate(raw):
        if not isinstance(r, dict) or any(not str(r.get(k) or "").strip() for k in keys):
            raise _fail(
                f"{where}[{j}]",
                f"must have {keys[0]!r} and {keys[1]!r}",
                f"harus berisi {keys[0]!r} dan {keys[1]!r}.",
            )
        out.append((str(r[keys[0]]).strip(), str(r[keys[1]]).strip()))
    return out


def _read(path: str | Path | None) -> Any:
    """Return the parsed coverage YAML (``curriculum/cakupan.yaml`` when ``path`` is None)."""
    path = Path(path) if path is not None else default_coverage_path()
    return read_yaml(path, "coverage map", "peta cakupan")


def _section_problem(
    ref: NotebookRef, root: Path, cache: dict[str, dict[str, str] | None], kind: str
) -> str | None:
    """Return why ``ref`` is not a markdown cell of an existing notebook (``kind`` names it), or None."""
    if ref.notebook not in cache:
        p = root / "notebooks" / ref.notebook
        cache[ref.notebook] = notebook_cell_ids(p) if p.is_file() else None
    cells = cache[ref.notebook]
    if cells is None:
        return f"notebook {ref.notebook} does not exist"
    if ref.cell not in cells:
        return f"{ref.notebook} has no cell with id {ref.cell!r}"
    if cells[ref.cell] != "markdown":
        return f"{ref.notebook} cell {ref.cell!r} is not a markdown {kind}"
    return None


def load_coverage(path: str | Path | None = None) -> tuple[CoverageItem, ...]:
    """Load and validate the coverage map.

    Args:
        path: The YAML file; ``curriculum/cakupan.yaml`` of the repository when None.

    Returns:
        The items in file order.

    Raises:
        DataError: The file is missing or malformed, an id is unknown or repeated, or an item of
            :data:`ITEM_IDS` is absent.
    """
    data = _read(path)
    if not isinstance(data, dict) or not isinstance(data.get("butir"), list):
        raise _fail("butir", "must be a list of items", "harus berupa daftar butir.")
    groups = data.get("kelompok") or {}
    items: list[CoverageItem] = []
    seen: set[str] = set()
    for i, raw in enumerate(data["butir"]):
        where = f"butir[{i}]"
        if not isinstance(raw, dict):
            raise _fail(where, "must be a mapping", "harus berupa pasangan kunci: nilai.")
        item_id = str(raw.get("id") or "").strip()
        if item_id not in ITEM_IDS:
            raise _fail(
                f"{where}.id",
                f"{item_id!r} is not one of the fixed coverage ids",
                f"{item_id!r} bukan salah satu id cakupan yang tetap.",
            )
        if item_id in seen:
            raise _fail(
                f"{where}.id", f"{item_id!r} appears twice", f"{item_id!r} muncul dua kali."
            )
        seen.add(item_id)
        where = f"butir[{i}] ({item_id})"
        group = item_id.split(".")[0]
        if group not in groups:
            raise _fail(
                f"{where}.id",
                f"group {group!r} is not listed under 'kelompok'",
                f"kelompok {group!r} tidak tercantum di 'kelompok'.",
            )
        label = str(raw.get("label") or "").strip()
        if not label:
            raise _fail(f"{where}.label", "is missing or empty", "wajib diisi.")
        nbs = _refs(raw.get("notebook"), f"{where}.notebook", ("notebook", "cell"))
        gds = _refs(raw.get("panduan"), f"{where}.panduan", ("file", "judul"))
        words = raw.get("kata") or []
        if isinstance(words, str):
            words = [words]
        if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
            raise _fail(
                f"{where}.kata",
                "must be a list of the brief's words",
                "harus berupa daftar kata dari kerangka acuan.",
            )
        items.append(
            CoverageItem(
                id=item_id,
                group=group,
                label=label,
                notebooks=tuple(NotebookRef(n, c) for n, c in nbs),
                guides=tuple(GuideRef(f, h) for f, h in gds),
                note=str(raw.get("catatan") or "").strip(),
                words=tuple(w.strip() for w in words),
            )
        )
    missing = [i for i in ITEM_IDS if i not in seen]
    if missing:
        raise _fail(
            "butir",
            f"items of the brief are missing: {', '.join(missing)}",
            f"butir brief belum tercantum: {', '.join(missing)}.",
        )
    return tuple(items)


_OBJECTIVE = re.compile(r"^[0-9]\.[1-9][0-9]?$")


def load_objective_sections(path: str | Path | None = None) -> dict[str, tuple[NotebookRef, ...]]:
    """Load the map from learning objectives to the notebook sections that teach them.

    Args:
        path: The coverage YAML; ``curriculum/cakupan.yaml`` of the repository when None.

    Returns:
        ``{objective code: (NotebookRef, ...)}`` from the file's ``tujuan_sel`` section, in file order.

    Raises:
        DataError: The section is missing or not a mapping, an objective code is malformed, a list is
            empty, or an entry lacks ``notebook``/``cell`` (the message names the objective).
    """
    data = _read(path)
    raw = data.get("tujuan_sel") if isinstance(data, dict) else None
    if not isinstance(raw, dict) or not raw:
        raise _fail(
            "tujuan_sel",
            "must map objective codes to notebook sections",
            "harus memetakan kode tujuan ke bagian notebook.",
        )
    out: dict[str, tuple[NotebookRef, ...]] = {}
    for code, refs in raw.items():
        code = str(code)
        where = f"tujuan_sel.{code}"
        if not _OBJECTIVE.match(code):
            raise _fail(
                where,
                f"{code!r} is not an objective code like '3.2'",
                f"{code!r} bukan kode tujuan seperti '3.2'.",
            )
        out[code] = tuple(NotebookRef(n, c) for n, c in _refs(refs, where, ("notebook", "cell")))
    return out


def objective_problems(
    sections: dict[str, Iterable[NotebookRef]],
    objectives: Iterable[str],
    *,
    root: str | Path | None = None,
) -> list[str]:
    """Cross-check the objective map against the syllabus and the notebooks.

    Args:
        sections: From :func:`load_objective_sections`.
        objectives: The objective codes that must be mapped (e.g. those of sessions 01–07).
        root: Repository root (default: this checkout).

    Returns:
        One English sentence per problem (an objective not mapped, a section in another session's
        notebook, a missing notebook or cell, a code cell); empty when the map is consistent.
    """
    root = Path(root) if root is not None else _root()
    out = [f"objective {o} has no notebook section" for o in objectives if o not in sections]
    cache: dict[str, dict[str, str] | None] = {}
    for code, refs in sections.items():
        session = f"{int(code.split('.')[0]):02d}_"
        for ref in refs:
            if not ref.notebook.startswith(session):
                out.append(
                    f"objective {code}: {ref.notebook} is not a notebook of session {session[:2]}"
                )
                continue
            problem = _section_problem(ref, root, cache, "cell")
            if problem:
                out.append(f"objective {code}: {problem}")
    return out


def notebook_cell_ids(notebook: str | Path) -> dict[str, str]:
    """Return ``{cell id: cell type}`` of a notebook file (read as JSON; nothing is executed)."""
    nb = json.loads(Path(notebook).read_text(encoding="utf-8"))
    return {c.get("id", ""): c.get("cell_type", "") for c in nb.get("cells", [])}


def guide_headings(guide: str | Path) -> set[str]:
    """Return the Markdown heading texts (without the ``#``) of a facilitator guide."""
    out = set()
    in_code = False
    for line in Path(guide).read_text(encoding="utf-8").splitlines():
        if line.lstrip().startswith("```"):
            in_code = not in_code
        m = None if in_code else _HEADING.match(line)
        if m:
            out.add(m.group(1).strip())
    return out


def bank_tags(bank: str | Path | None = None) -> dict[str, tuple[str, ...]]:
    """Return ``{question id: cakupan tags}`` for the bank's questions that carry ``cakupan``.

    Args:
        bank: The bank YAML; ``curriculum/bank_soal.yaml`` of the repository when None.
    """
    bank = Path(bank) if bank is not None else _root() / "curriculum" / "bank_soal.yaml"
    data = read_yaml(bank, "question bank", "bank soal") or {}
    out: dict[str, tuple[str, ...]] = {}
    for q in data.get("soal") or []:
        if isinstance(q, dict) and q.get("cakupan"):
            tags = q["cakupan"]
            tags = [tags] if isinstance(tags, str) else list(tags)
            out[str(q.get("id"))] = tuple(str(t) for t in tags)
    return out


def questions_by_item(tags: dict[str, Iterable[str]]) -> dict[str, list[str]]:
    """Invert bank tags: ``{coverage id: [question ids]}`` for every id of :data:`ITEM_IDS`."""
    out: dict[str, list[str]] = {i: [] for i in ITEM_IDS}
    for qid, ids in tags.items():
        for t in ids:
            if t in out:
                out[t].append(qid)
    return out


def problems(
    items: Iterable[CoverageItem],
    *,
    root: str | Path | None = None,
    tags: dict[str, Iterable[str]] | None = None,
) -> list[str]:
    """Cross-check the coverage map against notebooks, guides and (optionally) the bank's tags.

    Args:
        items: From :func:`load_coverage`.
        root: Repository root (default: this checkout).
        tags: ``{question id: cakupan tags}`` (from :func:`bank_tags`); when None the bank is
            not checked.

    Returns:
        One English sentence per problem; empty when the map is consistent.
    """
    root = Path(root) if root is not None else _root()
    out: list[str] = []
    cell_cache: dict[str, dict[str, str] | None] = {}
    heading_cache: dict[str, set[str] | None] = {}
    for item in items:
        for ref in item.notebooks:
            problem = _section_problem(ref, root, cell_cache, "heading")
            if problem:
                out.append(f"{item.id}: {problem}")
        for g in item.guides:
            if g.file not in heading_cache:
                p = root / "curriculum" / g.file
                heading_cache[g.file] = guide_headings(p) if p.is_file() else None
            heads = heading_cache[g.file]
            if heads is None:
                out.append(f"{item.id}: guide {g.file} does not exist")
            elif g.heading not in heads:
                out.append(f"{item.id}: guide {g.file} has no heading {g.heading!r}")
    if tags is not None:
        for qid, ids in tags.items():
            for t in ids:
                if t not in ITEM_IDS:
                    out.append(f"question {qid}: unknown cakupan tag {t!r}")
    return out


_QUOTES = str.maketrans({c: " " for c in "*_`\"'“”‘’«»()[]"})
_DASHES = str.maketrans({c: "-" for c in "–—‑‒−"})


def normalise_words(text: str) -> str:
    """Lower-case ``text``, drop Markdown emphasis and quotes, unify dashes and spaces (for word search)."""
    return " ".join(text.translate(_DASHES).translate(_QUOTES).casefold().split())


def section_text(notebook: str | Path, cell: str) -> str:
    """Return the Markdown of the section that holds ``cell``: from its section heading to the next one.

    A section starts at the first cell or at a level-1/2 heading (as in
    :mod:`simulations.course.schedule`); speaker notes (slide type ``notes``) are not included.
    """
    from simulations.course.schedule import heading_level

    nb = json.loads(Path(notebook).read_text(encoding="utf-8"))
    cells = nb.get("cells", [])
    ids = [c.get("id", "") for c in cells]
    if cell not in ids:
        return ""

    def src(c: dict) -> str:
        s = c.get("source", "")
        return s if isinstance(s, str) else "".join(s)

    def starts(i: int) -> bool:
        return i == 0 or (
            cells[i].get("cell_type") == "markdown" and heading_level(src(cells[i])) in (1, 2)
        )

    i = ids.index(cell)
    a = max(k for k in range(i + 1) if starts(k))
    b = next((k for k in range(i + 1, len(cells)) if starts(k)), len(cells))
    out = []
    for c in cells[a:b]:
        meta = c.get("metadata", {})
        slide = (meta.get("tangguh") or {}).get("slide_asli") or (meta.get("slideshow") or {}).get(
            "slide_type"
        )
        if c.get("cell_type") == "markdown" and slide != "notes":
            out.append(src(c))
    return "\n\n".join(out)


def word_problems(
    items: Iterable[CoverageItem], *, root: str | Path | None = None, core_only: bool = True
) -> list[str]:
    """Check that the brief's own words (``kata``) appear where the map says the item is taught.

    Args:
        items: From :func:`load_coverage`.
        root: Repository root (default: this checkout).
        core_only: Count only mapped sections that are core (*inti*, see
            :mod:`simulations.course.schedule`), so a participant of the three-day course finds the words.

    Returns:
        One sentence per missing word, or per item that has no words; empty when every word is found.
    """
    from simulations.course.schedule import read_sections

    root = Path(root) if root is not None else _root()
    cache: dict[tuple[str, str], tuple[str, bool]] = {}
    kinds: dict[str, dict[str, bool]] = {}
    out: list[str] = []
    for item in items:
        if not item.words:
            out.append(f"{item.id}: no 'kata' (the brief's own words) in the coverage map")
            continue
        texts = []
        for ref in item.notebooks:
            path = root / "notebooks" / ref.notebook
            if not path.is_file():
                continue
            if ref.notebook not in kinds:
                kinds[ref.notebook] = {c: s.core for s in read_sections(path) for c in s.cells}
            key = (ref.notebook, ref.cell)
            if key not in cache:
                core = kinds[ref.notebook].get(ref.cell, False)
                cache[key] = (normalise_words(section_text(path, ref.cell)), core)
            text, core = cache[key]
            if core or not core_only:
                texts.append(text)
        for word in item.words:
            if not any(normalise_words(word) in t for t in texts):
                where = "core " if core_only else ""
                out.append(
                    f"{item.id}: the brief's words {word!r} appear in no mapped {where}section"
                )
    return out


def main(argv: list[str] | None = None) -> int:
    """Print the coverage table (item, notebook sections, guide sections, questions)."""
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args(argv)
    items = load_coverage()
    by_item = questions_by_item(bank_tags())
    for item in items:
        secs = ", ".join(f"{r.notebook[:2]}#{r.cell}" for r in item.notebooks)
        qs = ", ".join(by_item[item.id]) or "—"
        print(f"{item.id:36} {secs:60} soal: {qs}")
    issues = problems(items, tags=bank_tags())
    sections = load_objective_sections()
    for code, refs in sections.items():
        print(f"tujuan {code:5} " + ", ".join(f"{r.notebook[:2]}#{r.cell}" for r in refs))
    issues += objective_problems(sections, sections)
    for p in issues:
        print("MASALAH:", p)
    return 1 if issues else 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
