"""The schedule that fits: planned minutes per notebook section, checked against the syllabus.

Every *section* of a session notebook carries its planned minutes and its kind in the metadata of
its heading cell. This docstring is the one place the schema is defined; :func:`read_sections`
validates it and raises :class:`~simulations.core.errors.DataError` naming the notebook and the cell.

Sections
    The title cell (the first cell: title, *Pertanyaan*, *Tujuan*, *Waktu*) opens the first section,
    and every markdown cell whose first non-empty line is a level-1 or level-2 heading (``# Bagian 2 …``,
    ``## 3. …``, ``## Poin kunci``) opens the next one. A section runs until the next section heading;
    ``###`` sub-headings (``### Latihan 3.1``) belong to their section. A *numbered* section
    (``## 3. …``, ``## 3b. …``) is teaching content and must be named by one of the session's learning
    objectives (``tujuan_sel`` in ``curriculum/cakupan.yaml``) unless it is *pendalaman*; unnumbered
    sections are the opening and closing parts every notebook has (questions and objectives, tests,
    self-check quiz, key points, discussion, references).

Schema (``cell.metadata.tangguh`` of the heading cell)::

    {"menit": {"paparan": 10, "demo": 5, "latihan": 15, "diskusi": 10},
     "jenis": "inti",                       # or "pendalaman"
     "catatan": "…",                        # optional: a note for the guide's timing table
     "alternatif_dari": "nb09-main"}        # optional: see below

* ``menit``: planned minutes per activity kind (:data:`KINDS`), whole numbers ≥ 0; kinds with
  0 minutes may be left out. *paparan* = the trainer presents the text (participants read along),
  *demo* = a simulation or table is run and read together, *latihan* = participants work an
  exercise (form, slider, worksheet), *diskusi* = group or plenary discussion, *presentasi* =
  groups present, *evaluasi* = pre-/post-test and the reaction form.
* ``jenis``: ``"inti"`` (core, taught in the three-day course) or ``"pendalaman"`` (optional
  deepening: skipped in the three-day slide deck, listed as follow-up reading — *bacaan lanjutan* —
  in the facilitator guide, on the worksheet and in the notebook's opening cell). A core section has
  more than 0 minutes, unless it is an alternative.
* ``alternatif_dari``: the cell id of a core section of the same notebook that this core section
  *replaces* in some classrooms (notebook 09: section 8, the class game on the classroom server, is
  played instead of section 4, the solo game on Binder or a laptop). An alternative plans no minutes
  of its own (``"menit": {}``): its time is the replaced section's, and the honesty floor (rule 3)
  holds it to that time. The guide's timing table lists it under the section it replaces.
* On every cell of a pendalaman section the slide deck of the three-day course shows nothing
  (``slideshow.slide_type = "skip"``, the mechanism RISE knows); the cell's own slide type is kept in
  ``metadata.tangguh.slide_asli`` so the full deck can be restored
  (``python -m simulations.course.schedule --dek penuh``).

Rules (:func:`problems`, tests/test_schedule.py):

1. every section heading carries a valid block (above);
2. **per session, the core minutes of its notebooks add up exactly to JP × ``menit_per_jp``** of
   ``curriculum/silabus.yaml`` (exact sums of whole minutes: no tolerance), and the whole core to
   ``jp_total`` JP;
3. an honesty floor: a section with planned minutes is never planned shorter than reading its participant text at
   :data:`READING_WPM` words per minute, plus :data:`DEMO_FLOOR` minutes per code cell shown in class,
   :data:`EXERCISE_FLOOR` minutes per *Latihan*, plus the minutes the text itself states
   ("Diskusi kelompok (10 menit)"); a pendalaman section may plan 0 minutes (a reference list to look up later);
4. the syllabus' JP breakdown (``rincian_jp``) is the core minutes per activity rounded to whole JP
   (:func:`apportion`: demo and latihan are *praktik*);
5. the slide types, the *Waktu* line and the *Tujuan* list of the opening cell, and the pendalaman
   marker under a pendalaman heading are what ``--terapkan`` writes (:func:`apply_notebook`; the
   committed notebooks are up to date).

Estimating (what the numbers mean): minutes at a participant's pace in a live class of non-programmers
— about 40–50 words of notebook text per minute of *paparan* (read aloud, explained, a question or
two), 3–5 minutes per simulation run and read together, 8–15 minutes per exercise, and the
discussion time the notebook states. These are plans, not measurements: revise them after a run of
the course.

Command line (:mod:`simulations.course.schedule.__main__`, which reads the syllabus and the coverage
map; this module reads only notebooks, so :mod:`~simulations.course.curriculum` and
:mod:`~simulations.course.coverage` can use it without an import circle)::

    python -m simulations.course.schedule                 # minutes per session, problems
    python -m simulations.course.schedule --terapkan      # write slide types, Waktu/Tujuan, guide tables
    python -m simulations.course.schedule --dek penuh     # restore every section in the slides
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from simulations.core.errors import DataError

__all__ = [
    "EXERCISE_FLOOR",
    "DEMO_FLOOR",
    "JENIS",
    "KINDS",
    "READING_WPM",
    "Section",
    "SessionPlan",
    "apply_guide",
    "apply_notebook",
    "apportion",
    "breaks",
    "deck",
    "deep_list",
    "guide_block",
    "plan",
    "problems",
    "read_sections",
    "repo_root",
    "sections_of",
    "tujuan_block",
    "waktu_line",
]

KINDS = ("paparan", "demo", "latihan", "diskusi", "presentasi", "evaluasi")
"""Activity kinds of the planned minutes, in display order."""

JENIS = ("inti", "pendalaman")
"""Section kinds: core (taught in the three-day course) and optional deepening."""

RINCIAN_OF = {
    "paparan": "paparan",
    "demo": "praktik",
    "latihan": "praktik",
    "diskusi": "diskusi",
    "presentasi": "presentasi",
    "evaluasi": "evaluasi",
}
"""Activity kind -> the syllabus' JP breakdown category (``rincian_jp``)."""

READING_WPM = 120
"""Honesty floor: participant text is never planned faster than this many words per minute.

A design assumption (slow enough for technical Indonesian text read next to figures by
non-programmers), not a measurement; the estimates themselves are well above it.
"""

DEMO_FLOOR = 2
"""Honesty floor: minutes per code cell shown in class (run it, wait, read the result)."""

EXERCISE_FLOOR = 5
"""Honesty floor: minutes per *Latihan* (read the task, answer in the form, check)."""

SLIDE_TYPES = ("slide", "subslide", "fragment", "skip", "notes", "-")
MARKER = "> *Pendalaman — bacaan lanjutan*"
"""First words of the line written under the heading of a pendalaman section."""

_NUMBERED = re.compile(r"^#{1,2}\s+(\d+[a-z]?)\.\s")
_STATED = re.compile(r"\((\d+) menit\)")
_LATIHAN = re.compile(r"^#{2,4}\s*Latihan\s+(\d+\.\d+)", re.MULTILINE)
_WAKTU = re.compile(r"^\*\*Waktu:?\*\*:?.*$", re.MULTILINE)


def repo_root() -> Path:
    """The checkout this package is in (``simulations/course/schedule/`` is three levels down)."""
    return Path(__file__).resolve().parents[3]


def _source(cell: Mapping[str, Any]) -> str:
    src = cell.get("source", "")
    return src if isinstance(src, str) else "".join(src)


def heading_level(source: str) -> int:
    """Return the Markdown heading level of the first non-empty line (0 when it is no heading)."""
    for line in source.splitlines():
        if line.strip():
            m = re.match(r"^(#{1,6})\s", line)
            return len(m.group(1)) if m else 0
    return 0


def _title(source: str) -> str:
    for line in source.splitlines():
        if line.strip():
            return line.lstrip("#").strip()
    return ""


def _slide_type(cell: Mapping[str, Any]) -> str | None:
    return (cell.get("metadata", {}).get("slideshow") or {}).get("slide_type")


@dataclass(frozen=True)
class Section:
    """One section of a notebook: its heading cell, plan and what it holds.

    Attributes:
        notebook: Notebook file name (``"03_konflik_sosial_daring.ipynb"``).
        cell_id: Id of the heading cell (the title cell for the opening section).
        title: Heading text without ``#``.
        number: ``"3"`` or ``"3b"`` for a numbered section, else None.
        minutes: Planned minutes per activity kind (only kinds > 0).
        kind: ``"inti"`` or ``"pendalaman"``.
        replaces: Cell id of the core section this one replaces (``alternatif_dari``), else "".
        note: Optional note for the guide's timing table.
        cells: Ids of every cell of the section, heading first.
        words: Words of participant text (markdown that is not speaker notes; web addresses dropped).
        shown_code: Code cells shown in class (slide type other than ``skip``).
        exercises: Ids of the *Latihan* in the section (``"3.1"``).
        stated: Minutes the section's text states, e.g. ``(10 menit)``.
    """

    notebook: str
    cell_id: str
    title: str
    number: str | None
    minutes: dict[str, int]
    kind: str
    note: str = ""
    cells: tuple[str, ...] = ()
    words: int = 0
    shown_code: int = 0
    exercises: tuple[str, ...] = ()
    stated: int = 0
    replaces: str = ""

    @property
    def total(self) -> int:
        """Planned minutes of the section."""
        return sum(self.minutes.values())

    @property
    def core(self) -> bool:
        """True for a core (inti) section."""
        return self.kind == "inti"

    @property
    def floor(self) -> int:
        """Fewest honest minutes (rule 3): reading + shown code + exercises + stated minutes."""
        return math.floor(
            self.words / READING_WPM
            + DEMO_FLOOR * self.shown_code
            + EXERCISE_FLOOR * len(self.exercises)
            + self.stated
        )

    @property
    def label(self) -> str:
        """Short label: ``"bagian 3"`` for numbered sections, else the title."""
        return f"bagian {self.number}" if self.number else self.title


def _fail(notebook: str, cell: str, message: str, pesan: str) -> DataError:
    return DataError(
        f"{notebook}: cell {cell}: {message}",
        f"{notebook}: sel {cell}: {pesan}",
        file=notebook,
        column=cell,
    )


def _parse_meta(raw: Any, notebook: str, cell: str) -> tuple[dict[str, int], str, str, str]:
    if not isinstance(raw, Mapping) or "menit" not in raw or "jenis" not in raw:
        raise _fail(
            notebook,
            cell,
            "section heading needs metadata.tangguh = {'menit': {...}, 'jenis': 'inti'|'pendalaman'}",
            "judul bagian wajib punya metadata.tangguh berisi 'menit' dan 'jenis' (inti/pendalaman).",
        )
    kind = raw["jenis"]
    if kind not in JENIS:
        raise _fail(
            notebook,
            cell,
            f"jenis must be 'inti' or 'pendalaman', got {kind!r}",
            f"jenis harus 'inti' atau 'pendalaman', bukan {kind!r}.",
        )
    minutes = raw["menit"]
    if not isinstance(minutes, Mapping):
        raise _fail(
            notebook,
            cell,
            "menit must map activity kind -> minutes",
            "menit harus berupa pasangan jenis kegiatan: menit.",
        )
    out: dict[str, int] = {}
    for k, v in minutes.items():
        if k not in KINDS:
            raise _fail(
                notebook,
                cell,
                f"unknown activity kind {k!r} (allowed: {', '.join(KINDS)})",
                f"jenis kegiatan {k!r} tidak dikenal (yang boleh: {', '.join(KINDS)}).",
            )
        if isinstance(v, bool) or not isinstance(v, int) or v < 0:
            raise _fail(
                notebook,
                cell,
                f"menit.{k} must be a whole number >= 0, got {v!r}",
                f"menit.{k} harus bilangan bulat ≥ 0, bukan {v!r}.",
            )
        if v:
            out[k] = v
    replaces = raw.get("alternatif_dari", "")
    if not isinstance(replaces, str):
        raise _fail(
            notebook,
            cell,
            "alternatif_dari must be a cell id",
            "alternatif_dari harus berupa id sel.",
        )
    if replaces and (kind != "inti" or out):
        raise _fail(
            notebook,
            cell,
            "an alternative (alternatif_dari) is a core section with no minutes of its own",
            "bagian alternatif (alternatif_dari) adalah bagian inti tanpa menit sendiri "
            "('menit': {}); waktunya milik bagian yang digantikannya.",
        )
    if kind == "inti" and not out and not replaces:
        raise _fail(
            notebook,
            cell,
            "a core (inti) section needs more than 0 minutes",
            "bagian inti harus punya lebih dari 0 menit.",
        )
    note = raw.get("catatan", "")
    if not isinstance(note, str):
        raise _fail(notebook, cell, "catatan must be text", "catatan harus berupa teks.")
    return out, kind, note, replaces


def _is_heading(index: int, cell: Mapping[str, Any]) -> bool:
    return index == 0 or (
        cell.get("cell_type") == "markdown" and heading_level(_source(cell)) in (1, 2)
    )


def read_sections(notebook: str | Path) -> list[Section]:
    """Read a notebook's sections and their plans (the JSON only; nothing is executed).

    Args:
        notebook: Path of the ``.ipynb`` file.

    Returns:
        The sections in notebook order.

    Raises:
        DataError: A section heading has no or an invalid ``metadata.tangguh`` (names notebook and cell).
    """
    path = Path(notebook)
    return sections_of(json.loads(path.read_text(encoding="utf-8")), path.name)


def sections_of(nb: Mapping[str, Any], name: str) -> list[Section]:
    """:func:`read_sections` for a notebook already in memory (its JSON as a dict or NotebookNode)."""
    cells = nb.get("cells", [])
    starts = [i for i, c in enumerate(cells) if _is_heading(i, c)]
    out: list[Section] = []
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(cells)
        head = cells[start]
        cid = head.get("id", f"#{start}")
        minutes, kind, note, replaces = _parse_meta(
            head.get("metadata", {}).get("tangguh"), name, cid
        )
        words = shown = stated = 0
        exercises: list[str] = []
        for i in range(start, end):
            c = cells[i]
            src = _source(c)
            if c.get("cell_type") == "markdown":
                slide = (c.get("metadata", {}).get("tangguh") or {}).get(
                    "slide_asli"
                ) or _slide_type(c)
                if slide != "notes":
                    text = re.sub(r"https?://\S+", " ", src)
                    if i == start and kind == "pendalaman":
                        text = "\n".join(
                            ln for ln in text.splitlines() if not ln.startswith(MARKER)
                        )
                    words += len(text.split())
                    exercises += _LATIHAN.findall(src)
                    if i != 0:  # the title cell states the session's length, not a section's
                        stated += sum(int(m) for m in _STATED.findall(src))
            elif c.get("cell_type") == "code":
                slide = (c.get("metadata", {}).get("tangguh") or {}).get(
                    "slide_asli"
                ) or _slide_type(c)
                if slide != "skip":
                    shown += 1
        title = _title(_source(head))
        m = _NUMBERED.match(_source(head).lstrip())
        out.append(
            Section(
                notebook=name,
                cell_id=cid,
                title=title,
                number=m.group(1) if m and start != 0 else None,
                minutes=minutes,
                kind=kind,
                note=note,
                cells=tuple(c.get("id", "") for c in cells[start:end]),
                words=words,
                shown_code=shown,
                exercises=tuple(exercises),
                stated=stated,
                replaces=replaces,
            )
        )
    core = {x.cell_id: x for x in out if x.core and not x.replaces}
    for x in out:
        if x.replaces and x.replaces not in core:
            raise _fail(
                name,
                x.cell_id,
                f"alternatif_dari {x.replaces!r} is not a core section of this notebook",
                f"alternatif_dari {x.replaces!r} bukan bagian inti di notebook ini.",
            )
    return out


@dataclass(frozen=True)
class SessionPlan:
    """The planned minutes of one session (its notebooks' sections)."""

    code: str
    title: str
    jp: int
    minutes_per_jp: int
    sections: tuple[Section, ...]

    @property
    def target(self) -> int:
        """Minutes the syllabus gives the session: JP × minutes per JP."""
        return self.jp * self.minutes_per_jp

    @property
    def core(self) -> tuple[Section, ...]:
        return tuple(s for s in self.sections if s.core)

    @property
    def deep(self) -> tuple[Section, ...]:
        return tuple(s for s in self.sections if not s.core)

    @property
    def core_minutes(self) -> int:
        return sum(s.total for s in self.core)

    @property
    def deep_minutes(self) -> int:
        return sum(s.total for s in self.deep)

    def by_kind(self, *, core: bool = True) -> dict[str, int]:
        """Minutes per activity kind over the core (or pendalaman) sections, in :data:`KINDS` order."""
        out = dict.fromkeys(KINDS, 0)
        for s in self.core if core else self.deep:
            for k, v in s.minutes.items():
                out[k] += v
        return {k: v for k, v in out.items() if v}


def plan(syllabus: Any, notebooks_dir: str | Path | None = None) -> dict[str, SessionPlan]:
    """Return ``{session code: SessionPlan}`` for every session of the syllabus, in teaching order.

    Args:
        syllabus: A :class:`~simulations.course.curriculum.Syllabus`.
        notebooks_dir: Folder of the notebooks; the repository's ``notebooks/`` when None.
    """
    folder = Path(notebooks_dir) if notebooks_dir else repo_root() / "notebooks"
    out = {}
    for s in syllabus.sessions:
        sections: list[Section] = []
        for nb in s.notebooks:
            sections += read_sections(folder / f"{nb}.ipynb")
        out[s.code] = SessionPlan(s.code, s.title, s.jp, syllabus.minutes_per_jp, tuple(sections))
    return out


def apportion(minutes: Mapping[str, int], jp: int, minutes_per_jp: int = 45) -> dict[str, int]:
    """Round core minutes per activity into whole JP per ``rincian_jp`` category (largest remainder).

    Demo and latihan are both *praktik*. Categories that round to 0 JP are left out.

    Args:
        minutes: Minutes per activity kind (core sections of one session).
        jp: JP of the session; the result adds up to it.
        minutes_per_jp: Minutes per JP.

    Example:
        >>> apportion({"paparan": 50, "demo": 30, "latihan": 60, "diskusi": 40}, 4)
        {'paparan': 1, 'praktik': 2, 'diskusi': 1}
    """
    cats: dict[str, float] = {}
    for k, v in minutes.items():
        cats[RINCIAN_OF[k]] = cats.get(RINCIAN_OF[k], 0.0) + v / minutes_per_jp
    whole = {k: math.floor(v) for k, v in cats.items()}
    left = jp - sum(whole.values())
    order = sorted(cats, key=lambda k: (-(cats[k] - whole[k]), list(cats).index(k)))
    for k in order[: max(left, 0)]:
        whole[k] += 1
    return {k: v for k, v in whole.items() if v}


def waktu_line(p: SessionPlan) -> str:
    """The opening cell's *Waktu* line (and the pendalaman line under it), in Indonesian."""
    parts = _activities(p.by_kind(), " menit")
    line = f"**Waktu**: {p.jp} JP ({p.target} menit) — {parts}."
    names = deep_list(p)
    if names:
        line += (
            f"\n**Pendalaman** (bacaan lanjutan, di luar jadwal kelas tiga hari, ± {p.deep_minutes} menit): "
            f"{names}."
        )
    return line


def _objective_sections(
    session: Any, sections: Iterable[Section], objective_cells: Mapping[str, Iterable[Any]]
) -> dict[str, list[Section]]:
    sections = list(sections)
    by_cell = {(s.notebook, s.cell_id): s for s in sections}
    by_inner = {(s.notebook, c): s for s in sections for c in s.cells}
    out: dict[str, list[Section]] = {}
    for o in session.objectives:
        found: list[Section] = []
        for ref in objective_cells.get(o.code, ()):
            sec = by_cell.get((ref.notebook, ref.cell)) or by_inner.get((ref.notebook, ref.cell))
            if sec is not None and sec not in found:
                found.append(sec)
        order = {id(x): i for i, x in enumerate(sections)}
        out[o.code] = sorted(found, key=lambda x: order[id(x)])
    return out


def _numbers(sections: Iterable[Section]) -> str:
    nums = [s.number for s in sections if s.number]
    if not nums:
        return ""
    if len(nums) == 1:
        return f"bagian {nums[0]}"
    return "bagian " + ", ".join(nums[:-1]) + " dan " + nums[-1]


def _activities(minutes: Mapping[str, int], unit: str = "") -> str:
    """``"paparan 5, demo 3"`` in :data:`KINDS` order (``unit`` after each number, e.g. ``" menit"``)."""
    return ", ".join(f"{k} {minutes[k]}{unit}" for k in KINDS if minutes.get(k))


def deep_list(p: SessionPlan) -> str:
    """The pendalaman sections of a session in words: ``"bagian 6, 10 dan 12; Kuis mandiri Modul 3"``."""
    parts = [_numbers([s for s in p.deep if s.number])]
    parts += [s.title for s in p.deep if not s.number and s.total]
    return "; ".join(x for x in parts if x)


def tujuan_block(session: Any, p: SessionPlan, objective_cells: Mapping[str, Iterable[Any]]) -> str:
    """The opening cell's *Tujuan* list: the syllabus objectives, each with the sections that teach it."""
    lines = ["**Tujuan** — setelah sesi ini peserta mampu:"]
    mapped = _objective_sections(session, p.sections, objective_cells)
    for i, o in enumerate(session.objectives, 1):
        core = [s for s in mapped[o.code] if s.core]
        deep = [s for s in mapped[o.code] if not s.core and s.number]
        where = _numbers(core)
        if deep:
            where += ("; " if where else "") + "pendalaman: " + _numbers(deep)
        text = (o.text[0].lower() + o.text[1:]).rstrip(".")
        lines.append(f"{i}. **({o.code})** {text}" + (f" — *{where}*" if where else ""))
    return "\n".join(lines)


def _replace_tujuan(source: str, block: str) -> str:
    lines = source.split("\n")
    start = next((i for i, ln in enumerate(lines) if ln.startswith("**Tujuan**")), None)
    if start is None:
        return source
    end = start + 1
    while end < len(lines) and lines[end].strip() and not lines[end].startswith("**"):
        end += 1
    return "\n".join(lines[:start] + block.split("\n") + lines[end:])


def _replace_waktu(source: str, line: str) -> str:
    lines = source.split("\n")
    i = next((k for k, ln in enumerate(lines) if _WAKTU.match(ln)), None)
    if i is None:
        return source
    j = i + 1
    while j < len(lines) and lines[j].startswith("**Pendalaman**"):
        j += 1
    return "\n".join(lines[:i] + line.split("\n") + lines[j:])


def _marker(s: Section) -> str:
    return (
        f"{MARKER}: dikerjakan di luar jadwal kelas tiga hari (± {s.total} menit), "
        "sendiri atau bersama fasilitator bila waktu tersisa."
        if s.total
        else f"{MARKER}: daftar rujukan untuk dibaca kemudian."
    )


def _set_marker(source: str, s: Section) -> str:
    lines = [ln for ln in source.split("\n") if not ln.startswith(MARKER)]
    if s.core:
        # drop the blank line the marker left behind, if any
        out = "\n".join(lines)
        return out.replace("\n\n\n", "\n\n")
    head = lines[0]
    rest = lines[1:]
    while rest and not rest[0].strip():
        rest = rest[1:]
    return "\n".join([head, "", _marker(s)] + ([""] + rest if rest else []))


def deck(nb: dict[str, Any], sections: Iterable[Section], *, full: bool = False) -> bool:
    """Set the slide types of a notebook (dict, changed in place) for the three-day or the full deck.

    Args:
        nb: The notebook JSON.
        sections: Its sections (:func:`read_sections`).
        full: True restores every cell's own slide type (a longer course); False (the three-day
            course) skips every cell of a pendalaman section and keeps its own type in
            ``metadata.tangguh.slide_asli``.

    Returns:
        True when anything changed.
    """
    deep = {c for s in sections if not s.core for c in s.cells}
    changed = False
    for cell in nb.get("cells", []):
        meta = cell.setdefault("metadata", {})
        t = meta.get("tangguh") or {}
        own = t.get("slide_asli") or _slide_type(cell)
        want = "skip" if (cell.get("id") in deep and not full) else own
        if _slide_type(cell) != want:
            meta.setdefault("slideshow", {})["slide_type"] = want
            changed = True
        if want != own:
            if t.get("slide_asli") != own:
                meta.setdefault("tangguh", {})["slide_asli"] = own
                changed = True
        elif "slide_asli" in t:
            t = dict(t)
            del t["slide_asli"]
            if t:
                meta["tangguh"] = t
            else:
                meta.pop("tangguh", None)
            changed = True
    return changed


def _set_source(cell: dict[str, Any], text: str) -> bool:
    if _source(cell) == text:
        return False
    cell["source"] = text
    return True


def apply_notebook(
    path: str | Path,
    *,
    session: Any = None,
    p: SessionPlan | None = None,
    objective_cells: Mapping[str, Iterable[Any]] | None = None,
    full: bool = False,
) -> bool:
    """Bring one notebook up to date with its plan; return True when the file changed.

    Writes the pendalaman markers, the slide types (:func:`deck`) and — when the session and its
    plan are given — the opening cell's *Waktu* line and *Tujuan* list.
    """
    import nbformat

    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    sections = read_sections(path)
    by_id = {c.get("id"): c for c in nb.cells}
    changed = False
    for s in sections:
        cell = by_id[s.cell_id]
        if s.cell_id != nb.cells[0].get("id"):
            changed |= _set_source(cell, _set_marker(_source(cell), s))
    if session is not None and p is not None:
        first = nb.cells[0]
        text = _replace_waktu(_source(first), waktu_line(p))
        if objective_cells is not None:
            text = _replace_tujuan(text, tujuan_block(session, p, objective_cells))
        changed |= _set_source(first, text)
    changed |= deck(nb, sections_of(nb, path.name), full=full)
    if changed:
        nbformat.write(nb, path)
    return changed


# ------------------------------------------------------------------------------------- guides
GUIDE_START = "<!-- rencana-waktu: dibuat oleh python -m simulations.course.schedule --terapkan -->"
GUIDE_END = "<!-- /rencana-waktu -->"


def breaks(slots: Iterable[Any], code: str, minutes_per_jp: int) -> list[tuple[int, str]]:
    """Minutes into session ``code`` at which the day plan puts a break, and its label.

    Args:
        slots: The day plan, ``simulations.course.curriculum.schedule(syllabus)`` (slots with
            ``day``, ``session`` (None for a break), ``jp`` and ``activity``).
        code: Session code.
        minutes_per_jp: Minutes per JP (45).
    """
    slots = list(slots)
    out: list[tuple[int, str]] = []
    done = 0
    for i, sl in enumerate(slots):
        if sl.session != code:
            continue
        done += sl.jp * minutes_per_jp
        nxt = next((x for x in slots[i + 1 :] if x.session is not None), None)
        if nxt is not None and nxt.session == code:
            pause = slots[i + 1]
            label = (
                pause.activity if pause.session is None and pause.day == sl.day else "akhir hari"
            )
            out.append((done, label))
    return out


def guide_block(p: SessionPlan, pauses: Iterable[tuple[int, str]] = ()) -> str:
    """The facilitator guide's timing table for one session (core sections, breaks, follow-up reading).

    Args:
        p: The session's plan.
        pauses: ``(minute into the session, label)`` of the day plan's breaks (:func:`breaks`).
    """
    lines = [
        GUIDE_START,
        "",
        f"Inti {p.core_minutes} menit = {p.jp} JP × {p.minutes_per_jp} menit; menit per bagian dari "
        "metadata notebook (`metadata.tangguh`).",
        "",
        "| Menit | Bagian notebook | Kegiatan (menit) | Catatan |",
        "|---|---|---|---|",
    ]
    t = 0
    for s in p.core:
        if s.replaces:
            continue
        start, t = t, t + s.total
        acts = _activities(s.minutes)
        lat = f"Latihan {', '.join(s.exercises)}" if s.exercises else ""
        note = "; ".join(x for x in (lat, s.note) if x)
        title = "Pembuka: judul, pertanyaan, tujuan, waktu" if s is p.sections[0] else s.title
        title = title.replace("|", "/")
        lines.append(f"| {start}–{t} | {title} | {acts} | {note} |")
        for alt in p.core:
            if alt.replaces == s.cell_id and alt.notebook == s.notebook:
                alt_title = alt.title.replace("|", "/")
                lines.append(
                    f"| {start}–{t} | *atau* {alt_title} | waktu {s.label} | "
                    f"pengganti {s.label}{'; ' + alt.note if alt.note else ''} |"
                )
        for at, label in pauses:
            if start < at <= t:
                where = (
                    "di akhir bagian ini"
                    if at == t
                    else f"pada menit {at} (ambil di batas bagian terdekat)"
                )
                lines.append(f"| — | *{label}* (di luar JP) | | jadwal: {where} |")
    lines.append("")
    if p.deep:
        lines += [
            "**Bacaan lanjutan (pendalaman)** — tidak dibahas di kelas tiga hari dan dilewati salindia; "
            "anjurkan peserta membacanya sesudah sesi:",
            "",
        ]
        for s in p.deep:
            mins = f" (± {s.total} menit)" if s.total else ""
            lat = f"; Latihan {', '.join(s.exercises)}" if s.exercises else ""
            lines.append(f"- {s.title}{mins}{lat}")
        lines.append("")
    lines.append(GUIDE_END)
    return "\n".join(lines)


def apply_guide(path: str | Path, block: str) -> bool:
    """Replace the generated timing block of a guide (under ``## Rencana waktu``); True when changed."""
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    if GUIDE_START in text:
        a = text.index(GUIDE_START)
        b = text.index(GUIDE_END, a) + len(GUIDE_END)
        new = text[:a] + block + text[b:]
    else:
        m = re.search(r"^## Rencana waktu[ \t]*$", text, re.MULTILINE)
        if m is None:
            raise DataError(
                f"{path.name}: no '## Rencana waktu' heading to put the timing table under",
                f"{path.name}: tidak ada judul '## Rencana waktu' untuk tabel waktu.",
                file=path.name,
            )
        nxt = re.search(r"^## ", text[m.end() :], re.MULTILINE)
        end = m.end() + nxt.start() if nxt else len(text)
        new = text[: m.end()] + "\n\n" + block + "\n\n" + text[end:].lstrip("\n")
    if new != text:
        path.write_text(new, encoding="utf-8")
        return True
    return False


# ------------------------------------------------------------------------------------- checks
def problems(
    syllabus: Any,
    plans: Mapping[str, SessionPlan],
    objective_cells: Mapping[str, Iterable[Any]] | None = None,
) -> list[str]:
    """Check the plan against the syllabus (rules 2–4 and the objectives' sections); [] when it fits.

    Args:
        syllabus: The validated syllabus.
        plans: From :func:`plan`.
        objective_cells: ``tujuan_sel`` of the coverage map; when given, every numbered core section
            must be named by one of its session's objectives.
    """
    out: list[str] = []
    total = 0
    for s in syllabus.sessions:
        p = plans[s.code]
        total += p.core_minutes
        if p.core_minutes != p.target:
            out.append(
                f"session {s.code}: core sections add up to {p.core_minutes} min, "
                f"the syllabus gives {s.jp} JP = {p.target} min"
            )
        by_id = {sec.cell_id: sec for sec in p.sections}
        for sec in p.sections:
            # an alternative has the time of the section it replaces
            budget = by_id[sec.replaces].total if sec.replaces in by_id else sec.total
            if (sec.core or sec.total) and budget < sec.floor:
                out.append(
                    f"{sec.notebook}#{sec.cell_id} ({sec.title}): planned {budget} min is below its "
                    f"honesty floor of {sec.floor} min"
                )
        want = apportion(p.by_kind(), s.jp, syllabus.minutes_per_jp)
        if dict(s.jp_breakdown) != want:
            out.append(
                f"session {s.code}: rincian_jp is {dict(s.jp_breakdown)}, the plan rounds to {want}"
            )
        if objective_cells is not None:
            named = {
                sec.cell_id
                for secs in _objective_sections(s, p.sections, objective_cells).values()
                for sec in secs
            }
            for sec in p.core:
                if sec.number and sec.cell_id not in named:
                    out.append(
                        f"{sec.notebook}#{sec.cell_id} (bagian {sec.number}) is core but no objective "
                        f"of session {s.code} names it"
                    )
    if total != syllabus.jp_total * syllabus.minutes_per_jp:
        out.append(f"the core adds up to {total} min, not {syllabus.jp_total} JP")
    return out


def plan_one(syllabus: Any, session: Any, notebooks_dir: Path) -> SessionPlan:
    """The :class:`SessionPlan` of one session."""
    sections: list[Section] = []
    for nb in session.notebooks:
        sections += read_sections(notebooks_dir / f"{nb}.ipynb")
    return SessionPlan(
        session.code, session.title, session.jp, syllabus.minutes_per_jp, tuple(sections)
    )


def summary_table(plans: Mapping[str, SessionPlan]) -> str:
    """Markdown table: minutes per session, core and pendalaman, with the pendalaman sections."""
    lines = [
        "| Sesi | JP | Inti (menit) | Pendalaman (menit) | Bagian pendalaman |",
        "|---|---|---|---|---|",
    ]
    for code, p in plans.items():
        deep = deep_list(p) or "–"
        lines.append(f"| {code} | {p.jp} | {p.core_minutes} | {p.deep_minutes} | {deep} |")
    core = sum(p.core_minutes for p in plans.values())
    deep = sum(p.deep_minutes for p in plans.values())
    jp = sum(p.jp for p in plans.values())
    lines.append(f"| **Jumlah** | **{jp}** | **{core}** | **{deep}** | |")
    return "\n".join(lines)
