"""The Bimtek syllabus as data: load and validate ``curriculum/silabus.yaml``, render the schedule.

The syllabus is a YAML file (Bahasa Indonesia) with the start-here session ``00``, modules
``01``–``06`` and the capstone ``07``. Each session has a title, its JP (*jam pelajaran*, 1 JP = 45
minutes), a breakdown of the JP (lecture, practice, discussion …), measurable learning objectives,
notebooks, prerequisites, materials and legal/policy references. :func:`load_syllabus` checks all of
it and raises :class:`~simulations.core.errors.DataError` naming the file and the field (English
``str()``, Indonesian ``.pesan``), in the style of :class:`~simulations.core.params.ParamTable`.

:func:`schedule` packs the sessions into days (blocks of 2 JP with a 15-minute break, a 60-minute
lunch after the 4th JP), and :func:`overview_markdown` / :func:`overview_html` render a printable
overview. Command line::

    python -m simulations.course.curriculum            # write curriculum/ikhtisar_silabus.{md,html}
    python -m simulations.course.curriculum --cek      # validate only
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from simulations.core.errors import DataError
from simulations.core.formatting import general_id
from simulations.core.tables import find, repeated
from simulations.data.yaml_file import read_yaml, yaml_error

__all__ = [
    "OPERATIONAL_VERBS",
    "DayPlan",
    "Objective",
    "Session",
    "Syllabus",
    "default_syllabus_path",
    "load_syllabus",
    "missing_notebooks",
    "overview_html",
    "overview_markdown",
    "schedule",
]

OPERATIONAL_VERBS = frozenset(
    """menjalankan menjelaskan menyebutkan membedakan menyusun menunjukkan menafsirkan menghitung
    membandingkan mengidentifikasi menganalisis membaca menerapkan memetakan merancang memilih
    mengekspor melaporkan menilai mengusulkan mengevaluasi menggunakan mendemonstrasikan""".split()
)
"""Operational (measurable) verbs an objective may start with (after Bloom's revised taxonomy)."""

NOTEBOOK_NAME = re.compile(r"^\d\d_[a-z0-9_]+$")
SESSION_CODE = re.compile(r"^\d\d$")


def default_syllabus_path() -> Path:
    """Return the path of ``curriculum/silabus.yaml`` in the repository."""
    return Path(__file__).resolve().parents[2] / "curriculum" / "silabus.yaml"


@dataclass(frozen=True)
class Objective:
    """One measurable learning objective, e.g. code ``"6.2"``."""

    code: str
    text: str


@dataclass(frozen=True)
class Session:
    """One session (start-here, module or capstone) of the syllabus."""

    code: str
    title: str
    jp: int
    jp_breakdown: dict[str, int]
    notebooks: tuple[str, ...]
    objectives: tuple[Objective, ...]
    prerequisites: tuple[str, ...]
    materials: tuple[str, ...]
    references: tuple[str, ...]
    guide: str

    @property
    def minutes(self) -> int:
        """Length in minutes (JP × 45 unless the syllabus says otherwise)."""
        return self.jp * 45


@dataclass(frozen=True)
class DayPlan:
    """The non-teaching parts of a Bimtek day (minutes; not counted as JP).

    Attributes:
        opening: (activity, minutes) of the official opening, first thing on day 1.
        closing: (activity, minutes) of the official closing, last thing on the last day.
        break_min: Short break between blocks of 2 JP.
        lunch_min: ISHOMA (istirahat, salat, makan) after ``lunch_after_jp`` JP of a day.
        lunch_after_jp: JP taught before ISHOMA.
        afternoon_label: Label of short breaks that start at or after 15:00 (salat Asar).
    """

    opening: tuple[str, int] | None = None
    closing: tuple[str, int] | None = None
    break_min: int = 15
    lunch_min: int = 60
    lunch_after_jp: int = 4
    afternoon_label: str = "Rehat kopi"


@dataclass(frozen=True)
class Syllabus:
    """The whole validated syllabus."""

    title: str
    subtitle: str
    audience: str
    minutes_per_jp: int
    jp_note: str
    jp_total: int
    days: int
    jp_per_day: int
    start_time: str
    sessions: tuple[Session, ...]
    trainer_notebooks: tuple[str, ...] = ()
    source: str = ""
    day_plan: DayPlan = field(default_factory=lambda: DayPlan())
    objectives_by_code: dict[str, Objective] = field(default_factory=dict, repr=False)

    def session(self, code: str) -> Session:
        """Return the session with ``code`` (e.g. ``"06"``); KeyError if there is none."""
        return find(self.sessions, "code", code)

    @property
    def notebooks(self) -> tuple[str, ...]:
        """Every notebook named in the syllabus (sessions first, then trainer notebooks)."""
        names = [nb for s in self.sessions for nb in s.notebooks]
        return tuple(names) + tuple(self.trainer_notebooks)


# ---------------------------------------------------------------------------------------------
# validation helpers: every failure names the file and the field, in English and Indonesian
def _require(d: Any, key: str, file: str, where: str) -> Any:
    if not isinstance(d, dict) or key not in d or d[key] in (None, "", [], {}):
        raise yaml_error(
            file,
            f"{where}.{key}" if where else key,
            "is missing or empty",
            "wajib diisi tetapi tidak ada atau kosong.",
        )
    return d[key]


def _positive_int(value: Any, file: str, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise yaml_error(
            file,
            where,
            f"must be a whole number > 0, got {value!r}",
            f"harus bilangan bulat lebih dari 0, bukan {value!r}.",
        )
    return value


def _str_list(value: Any, file: str, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if (
        not isinstance(value, list)
        or not value
        or not all(isinstance(v, str) and v.strip() for v in value)
    ):
        raise yaml_error(
            file,
            where,
            "must be a non-empty list of texts",
            "harus berupa daftar teks yang tidak kosong.",
        )
    return tuple(v.strip() for v in value)


def _parse_session(raw: Any, i: int, file: str, minutes_per_jp: int) -> Session:
    where = f"sesi[{i}]"
    if not isinstance(raw, dict):
        raise yaml_error(file, where, "must be a mapping", "harus berupa pasangan kunci: nilai.")
    code = str(_require(raw, "kode", file, where))
    if not SESSION_CODE.match(code):
        raise yaml_error(
            file,
            f"{where}.kode",
            f"{code!r} must be two digits such as '06'",
            f"{code!r} harus dua angka, misalnya '06'.",
        )
    where = f"sesi[{i}] (kode {code})"
    title = str(_require(raw, "judul", file, where))
    jp = _positive_int(_require(raw, "jp", file, where), file, f"{where}.jp")
    breakdown = _require(raw, "rincian_jp", file, where)
    if not isinstance(breakdown, dict):
        raise yaml_error(
            file,
            f"{where}.rincian_jp",
            "must map activity -> JP",
            "harus berupa pasangan kegiatan: JP.",
        )
    parts = {
        str(k): _positive_int(v, file, f"{where}.rincian_jp.{k}") for k, v in breakdown.items()
    }
    if sum(parts.values()) != jp:
        raise yaml_error(
            file,
            f"{where}.rincian_jp",
            f"adds up to {sum(parts.values())} JP but the session has jp = {jp}",
            f"berjumlah {sum(parts.values())} JP, padahal jp sesi = {jp}.",
        )
    notebooks = _str_list(_require(raw, "notebook", file, where), file, f"{where}.notebook")
    for nb in notebooks:
        if not NOTEBOOK_NAME.match(nb) or not nb.startswith(code):
            raise yaml_error(
                file,
                f"{where}.notebook",
                f"{nb!r} must look like '{code}_topik' (no .ipynb)",
                f"{nb!r} harus berbentuk '{code}_topik' (tanpa .ipynb).",
            )
    raw_obj = _require(raw, "tujuan", file, where)
    if not isinstance(raw_obj, list):
        raise yaml_error(file, f"{where}.tujuan", "must be a list", "harus berupa daftar.")
    objectives = []
    for j, o in enumerate(raw_obj):
        ow = f"{where}.tujuan[{j}]"
        ocode = str(_require(o, "kode", file, ow))
        expected = f"{int(code)}."
        if not ocode.startswith(expected):
            raise yaml_error(
                file,
                f"{ow}.kode",
                f"{ocode!r} must start with {expected!r}",
                f"{ocode!r} harus diawali {expected!r}.",
            )
        text = str(_require(o, "teks", file, ow)).strip()
        verb = text.split()[0].lower().strip(",.:;")
        if verb not in OPERATIONAL_VERBS:
            raise yaml_error(
                file,
                f"{ow}.teks",
                f"objective must start with a measurable verb (e.g. menjelaskan, menghitung), got {verb!r}",
                f"tujuan harus diawali kata kerja operasional yang terukur (mis. menjelaskan, menghitung), bukan {verb!r}.",
            )
        objectives.append(Objective(ocode, text))
    return Session(
        code=code,
        title=title,
        jp=jp,
        jp_breakdown=parts,
        notebooks=notebooks,
        objectives=tuple(objectives),
        prerequisites=_str_list(
            _require(raw, "prasyarat", file, where), file, f"{where}.prasyarat"
        ),
        materials=_str_list(_require(raw, "bahan", file, where), file, f"{where}.bahan"),
        references=_str_list(_require(raw, "rujukan", file, where), file, f"{where}.rujukan"),
        guide=str(_require(raw, "panduan", file, where)),
    )


def _parse_day_plan(raw: Any, file: str) -> DayPlan:
    """Read the optional ``jadwal`` block (opening, closing, breaks)."""
    if raw is None:
        return DayPlan()
    if not isinstance(raw, dict):
        raise yaml_error(file, "jadwal", "must be a mapping", "harus berupa pasangan kunci: nilai.")

    def ceremony(key: str) -> tuple[str, int] | None:
        c = raw.get(key)
        if c is None:
            return None
        activity = str(_require(c, "kegiatan", file, f"jadwal.{key}"))
        return activity, _positive_int(
            _require(c, "menit", file, f"jadwal.{key}"), file, f"jadwal.{key}.menit"
        )

    def minutes(key: str, default: int) -> int:
        return _positive_int(raw.get(key, default), file, f"jadwal.{key}")

    return DayPlan(
        opening=ceremony("pembukaan"),
        closing=ceremony("penutupan"),
        break_min=minutes("rehat_menit", 15),
        lunch_min=minutes("ishoma_menit", 60),
        lunch_after_jp=minutes("ishoma_setelah_jp", 4),
        afternoon_label=str(raw.get("rehat_sore", "Rehat kopi")),
    )


def _teaching_order(sessions: tuple[Session, ...], order: Any, file: str) -> tuple[Session, ...]:
    """Return the sessions in teaching order: the ``urutan`` list of codes, else the code order.

    Codes name notebooks (``09_latihan_meja`` is session ``09``), so a session added late may be
    taught before a lower-numbered one (the tabletop exercise before the capstone ``07``). The
    file still lists sessions by code; ``urutan`` must name every code exactly once.
    """
    if order is None:
        return sessions
    codes = [s.code for s in sessions]
    given = [str(c) for c in order] if isinstance(order, list) else None
    if given is None or sorted(given) != sorted(codes):
        raise yaml_error(
            file,
            "urutan",
            f"must list every session code exactly once ({codes}), got {order!r}",
            f"harus memuat setiap kode sesi tepat sekali ({', '.join(codes)}), bukan {order!r}.",
        )
    by_code = {s.code: s for s in sessions}
    return tuple(by_code[c] for c in given)


def load_syllabus(path: str | Path | None = None) -> Syllabus:
    """Load and validate the syllabus YAML.

    Args:
        path: The YAML file; ``curriculum/silabus.yaml`` of the repository when None.

    Returns:
        The validated :class:`Syllabus`.

    Raises:
        DataError: naming the file and field when anything is missing, empty, of the wrong type,
            not measurable, or when the JP do not add up.
    """
    path = Path(path) if path is not None else default_syllabus_path()
    file = path.name
    raw = read_yaml(path, "syllabus file", "silabus")
    if not isinstance(raw, dict):
        raise yaml_error(file, "(root)", "must be a mapping", "harus berupa pasangan kunci: nilai.")
    minutes = _positive_int(_require(raw, "menit_per_jp", file, ""), file, "menit_per_jp")
    sessions_raw = _require(raw, "sesi", file, "")
    if not isinstance(sessions_raw, list):
        raise yaml_error(file, "sesi", "must be a list", "harus berupa daftar.")
    sessions = tuple(_parse_session(s, i, file, minutes) for i, s in enumerate(sessions_raw))
    codes = [s.code for s in sessions]
    dupes = repeated(codes)
    if dupes:
        raise yaml_error(
            file,
            "sesi",
            f"duplicate session codes {dupes}",
            f"kode sesi ganda: {', '.join(dupes)}.",
        )
    if codes != sorted(codes):
        raise yaml_error(
            file,
            "sesi",
            f"sessions must be in order, got {codes}",
            f"sesi harus berurutan, bukan {', '.join(codes)}.",
        )
    sessions = _teaching_order(sessions, raw.get("urutan"), file)
    obj_codes = [o.code for s in sessions for o in s.objectives]
    dup_obj = repeated(obj_codes)
    if dup_obj:
        raise yaml_error(
            file,
            "tujuan",
            f"duplicate objective codes {dup_obj}",
            f"kode tujuan ganda: {', '.join(dup_obj)}.",
        )
    jp_total = _positive_int(_require(raw, "jp_total", file, ""), file, "jp_total")
    total = sum(s.jp for s in sessions)
    if total != jp_total:
        raise yaml_error(
            file,
            "jp_total",
            f"is {jp_total} but the sessions add up to {total} JP",
            f"tertulis {jp_total}, padahal jumlah JP semua sesi = {total}.",
        )
    days = _positive_int(_require(raw, "hari", file, ""), file, "hari")
    per_day = _positive_int(_require(raw, "jp_per_hari", file, ""), file, "jp_per_hari")
    if days * per_day < jp_total:
        raise yaml_error(
            file,
            "hari",
            f"{days} days x {per_day} JP/day cannot hold {jp_total} JP",
            f"{days} hari x {per_day} JP/hari tidak cukup untuk {jp_total} JP.",
        )
    start = str(raw.get("jam_mulai", "08:00"))
    if not re.match(r"^\d\d:\d\d$", start):
        raise yaml_error(
            file,
            "jam_mulai",
            f"{start!r} must look like '08:00'",
            f"{start!r} harus berbentuk '08:00'.",
        )
    trainer = tuple(raw.get("notebook_pelatih") or ())
    day_plan = _parse_day_plan(raw.get("jadwal"), file)
    return Syllabus(
        title=str(_require(raw, "judul", file, "")),
        subtitle=str(raw.get("subjudul", "")),
        audience=str(_require(raw, "sasaran", file, "")),
        minutes_per_jp=minutes,
        jp_note=str(raw.get("catatan_jp", "")),
        jp_total=jp_total,
        days=days,
        jp_per_day=per_day,
        start_time=start,
        sessions=sessions,
        trainer_notebooks=trainer,
        source=str(path),
        day_plan=day_plan,
        objectives_by_code={o.code: o for s in sessions for o in s.objectives},
    )


def missing_notebooks(syllabus: Syllabus, notebooks_dir: str | Path | None = None) -> list[str]:
    """Return the syllabus notebooks that do not exist as ``notebooks/<name>.ipynb``."""
    folder = (
        Path(notebooks_dir)
        if notebooks_dir
        else Path(syllabus.source).resolve().parent.parent / "notebooks"
    )
    return [nb for nb in syllabus.notebooks if not (folder / f"{nb}.ipynb").is_file()]


# ---------------------------------------------------------------------------------------------
# schedule
@dataclass(frozen=True)
class Slot:
    """One row of the day-by-day schedule."""

    day: int
    start: str
    end: str
    activity: str
    session: str | None
    jp: int


def _add(t: dt.datetime, minutes: int) -> dt.datetime:
    return t + dt.timedelta(minutes=minutes)


def schedule(
    syllabus: Syllabus,
    *,
    block_jp: int = 2,
    break_min: int | None = None,
    lunch_min: int | None = None,
    lunch_after_jp: int | None = None,
) -> list[Slot]:
    """Pack the sessions into days: opening, blocks of ``block_jp`` JP, breaks, ISHOMA, closing.

    A session that does not fit in the remaining JP of a day continues the next morning
    ("lanjutan"). Opening, closing and breaks are not counted as JP. Defaults come from the
    syllabus' ``jadwal`` block (:class:`DayPlan`).

    Args:
        syllabus: The validated syllabus.
        block_jp: JP taught without a break.
        break_min: Minutes of a short break between blocks.
        lunch_min: Minutes of the lunch break (ISHOMA).
        lunch_after_jp: Lunch comes after this many JP of a day.

    Returns:
        The slots in order, breaks and ceremonies included (``session`` is None for them).
    """
    plan = syllabus.day_plan
    break_min = plan.break_min if break_min is None else break_min
    lunch_min = plan.lunch_min if lunch_min is None else lunch_min
    lunch_after_jp = plan.lunch_after_jp if lunch_after_jp is None else lunch_after_jp
    h, m = map(int, syllabus.start_time.split(":"))
    slots: list[Slot] = []
    day, used = 1, 0
    clock = dt.datetime(2000, 1, 1, h, m)
    if plan.opening:
        activity, minutes = plan.opening
        end = _add(clock, minutes)
        slots.append(Slot(1, clock.strftime("%H:%M"), end.strftime("%H:%M"), activity, None, 0))
        clock = end
    for s in syllabus.sessions:
        remaining = s.jp
        first = True
        while remaining:
            if used == syllabus.jp_per_day:
                day, used, clock = day + 1, 0, dt.datetime(2000, 1, 1, h, m)
            if used and used % block_jp == 0 and slots[-1].session is not None:
                pause = lunch_min if used == lunch_after_jp else break_min
                if used == lunch_after_jp:
                    label = "ISHOMA (istirahat, salat, makan)"
                elif clock.hour >= 15:
                    label = plan.afternoon_label
                else:
                    label = "Rehat kopi"
                slots.append(
                    Slot(
                        day,
                        clock.strftime("%H:%M"),
                        _add(clock, pause).strftime("%H:%M"),
                        label,
                        None,
                        0,
                    )
                )
                clock = _add(clock, pause)
            to_boundary = block_jp - used % block_jp
            n = min(remaining, to_boundary, syllabus.jp_per_day - used)
            end = _add(clock, n * syllabus.minutes_per_jp)
            title = s.title if first else f"{s.title} (lanjutan)"
            slots.append(
                Slot(day, clock.strftime("%H:%M"), end.strftime("%H:%M"), title, s.code, n)
            )
            clock, used, remaining, first = end, used + n, remaining - n, False
    if plan.closing:
        activity, minutes = plan.closing
        end = _add(clock, minutes)
        slots.append(Slot(day, clock.strftime("%H:%M"), end.strftime("%H:%M"), activity, None, 0))
    return slots


def _merged(slots: list[Slot]) -> list[Slot]:
    """Merge consecutive slots of the same session on the same day (no break between them)."""
    out: list[Slot] = []
    for sl in slots:
        if (
            out
            and sl.session
            and out[-1].session == sl.session
            and out[-1].day == sl.day
            and out[-1].end == sl.start
        ):
            prev = out.pop()
            sl = Slot(sl.day, prev.start, sl.end, prev.activity, sl.session, prev.jp + sl.jp)
        out.append(sl)
    return out


# ---------------------------------------------------------------------------------------------
# rendering
def _plan_of(syllabus: Syllabus) -> tuple[Any, Any]:
    """The section plan of the notebooks next to the syllabus and the objectives' sections, or (None, None).

    Read from ``notebooks/`` and ``curriculum/cakupan.yaml`` beside the syllabus file (see
    :mod:`simulations.course.schedule`); a copy of the syllabus without them gets the overview without
    the minutes per section.
    """
    from simulations.course import schedule as sched
    from simulations.course.coverage import load_objective_sections

    base = Path(syllabus.source).resolve().parent
    notebooks = base.parent / "notebooks"
    if not syllabus.source or not notebooks.is_dir() or missing_notebooks(syllabus, notebooks):
        return None, None
    try:
        plans = sched.plan(syllabus, notebooks)
    except DataError:
        return None, None
    try:
        cells = load_objective_sections(base / "cakupan.yaml")
    except DataError:
        cells = None
    return plans, cells


def overview_markdown(syllabus: Syllabus) -> str:
    """Return the printable overview (Bahasa Indonesia) as Markdown: sessions, JP, minutes, schedule.

    When the notebooks are beside the syllabus, the overview also gives each session's planned minutes
    (core and *pendalaman*, from the notebooks' section metadata, :mod:`simulations.course.schedule`)
    and, for each objective, the notebook sections that teach it.
    """
    from simulations.course import schedule as sched

    plans, objective_cells = _plan_of(syllabus)
    lines = [f"# {syllabus.title}", ""]
    if syllabus.subtitle:
        lines += [f"*{syllabus.subtitle}*", ""]
    lines += [
        f"**Sasaran peserta:** {syllabus.audience}",
        "",
        f"**Durasi:** {syllabus.jp_total} JP × {syllabus.minutes_per_jp} menit = "
        f"{general_id(syllabus.jp_total * syllabus.minutes_per_jp / 60)} jam efektif, dalam "
        f"{syllabus.days} hari.",
        "",
    ]
    if syllabus.jp_note:
        lines += [f"> Catatan: {syllabus.jp_note}", ""]
    lines += [
        "## Ringkasan sesi",
        "",
        "| Kode | Sesi | JP | Rincian | Notebook |",
        "|---|---|---|---|---|",
    ]
    for s in syllabus.sessions:
        parts = ", ".join(f"{k} {v}" for k, v in s.jp_breakdown.items())
        lines.append(f"| {s.code} | {s.title} | {s.jp} | {parts} | {', '.join(s.notebooks)} |")
    lines += [f"| | **Jumlah** | **{syllabus.jp_total}** | | |", ""]
    if plans:
        lines += [
            "## Menit per sesi: inti dan pendalaman",
            "",
            "Menit inti adalah jumlah menit bagian notebook bertanda *inti* (metadata `tangguh` di sel judul "
            "setiap bagian) dan sama persis dengan JP × 45 menit; bagian *pendalaman* adalah bacaan lanjutan di "
            "luar jadwal kelas tiga hari (dilewati salindia, dicantumkan di panduan fasilitator dan lembar kerja).",
            "",
            sched.summary_table(plans),
            "",
        ]
    lines += ["## Jadwal", ""]
    slots = _merged(schedule(syllabus))
    for day in range(1, max(sl.day for sl in slots) + 1):
        lines += [f"### Hari {day}", "", "| Waktu | Kegiatan | JP |", "|---|---|---|"]
        for sl in (x for x in slots if x.day == day):
            jp = str(sl.jp) if sl.jp else "–"
            lines.append(f"| {sl.start}–{sl.end} | {sl.activity} | {jp} |")
        lines.append("")
    lines += ["## Rincian per sesi", ""]
    for s in syllabus.sessions:
        lines += [
            f"### {s.code} · {s.title} ({s.jp} JP)",
            "",
            "**Tujuan pembelajaran** — peserta mampu:",
            "",
        ]
        p = plans.get(s.code) if plans else None
        where: dict[str, str] = {}
        if p is not None and objective_cells is not None:
            mapped = sched._objective_sections(s, p.sections, objective_cells)
            for o in s.objectives:
                core = sched._numbers([x for x in mapped[o.code] if x.core])
                deep = sched._numbers([x for x in mapped[o.code] if not x.core and x.number])
                where[o.code] = "; ".join(
                    x for x in (core, f"pendalaman: {deep}" if deep else "") if x
                )
        lines += [
            f"- **{o.code}** {o.text}" + (f" *({where[o.code]})*" if where.get(o.code) else "")
            for o in s.objectives
        ]
        if p is not None:
            lines += [
                "",
                f"**Rencana menit (inti, {p.core_minutes} menit):** {sched._activities(p.by_kind(), ' menit')}.",
            ]
            if sched.deep_list(p):
                lines += [
                    "",
                    f"**Pendalaman (bacaan lanjutan, ± {p.deep_minutes} menit):** {sched.deep_list(p)}.",
                ]
        lines += [
            "",
            f"**Notebook:** {', '.join(f'`{nb}.ipynb`' for nb in s.notebooks)}",
            "",
            f"**Prasyarat:** {'; '.join(s.prerequisites)}",
            "",
            "**Bahan:**",
            "",
        ]
        lines += [f"- {m}" for m in s.materials]
        lines += ["", "**Rujukan hukum/kebijakan dan ilmiah:**", ""]
        lines += [f"- {r}" for r in s.references]
        lines += ["", f"**Panduan fasilitator:** `curriculum/{s.guide}`", ""]
    if syllabus.trainer_notebooks:
        lines += [
            "## Untuk pelatih",
            "",
            f"Notebook evaluasi: {', '.join(f'`{nb}.ipynb`' for nb in syllabus.trainer_notebooks)} "
            "(pre/post-test, N-gain, laporan HTML).",
            "",
        ]
    return "\n".join(lines)


def _markdown_renderer() -> Any:
    """Return a CommonMark renderer (markdown-it-py) with pipe tables and bare links made clickable.

    Raw HTML in the text is escaped (``html=False``); only ``http(s)://`` links are linked (no
    guessing from bare domain names).
    """
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False, "linkify": True}).enable(["table", "linkify"])
    md.linkify.set({"fuzzy_link": False, "fuzzy_email": False})
    return md


def markdown_to_html(markdown: str, title: str = "") -> str:
    """Render Markdown (CommonMark plus pipe tables, via markdown-it-py) as a printable page.

    Args:
        markdown: The Markdown text, e.g. from :func:`overview_markdown`.
        title: The page title (escaped).

    Returns:
        A self-contained HTML page (inline CSS, no scripts); raw HTML in ``markdown`` is escaped.
    """
    body = _markdown_renderer().render(markdown)
    css = (
        "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;line-height:1.45;color:#111}"
        "table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #999;padding:.25rem .5rem;"
        "text-align:left;vertical-align:top}th{background:#eee}blockquote{border-left:4px solid #E69F00;"
        "margin:0;padding:.25rem .75rem;background:#fff8e6}@media print{h2,h3{page-break-after:avoid}"
        "table{page-break-inside:auto}tr{page-break-inside:avoid}}"
    )
    return (
        f'<!DOCTYPE html>\n<html lang="id"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
        f"<style>{css}</style></head><body>\n" + body + "</body></html>\n"
    )


def overview_html(syllabus: Syllabus) -> str:
    """Return the printable overview as a self-contained HTML page (open it, then print to PDF)."""
    return markdown_to_html(overview_markdown(syllabus), title=syllabus.title)


def main(argv: list[str] | None = None) -> int:
    """Validate the syllabus and write ``ikhtisar_silabus.md`` and ``.html`` next to it."""
    parser = argparse.ArgumentParser(
        description="Validasi silabus dan buat ikhtisar cetak (Markdown + HTML)."
    )
    parser.add_argument("silabus", nargs="?", default=None, help="berkas silabus YAML")
    parser.add_argument("--cek", action="store_true", help="hanya validasi, jangan tulis berkas")
    parser.add_argument("--keluaran", default=None, help="folder keluaran (bawaan: folder silabus)")
    args = parser.parse_args(argv)
    try:
        syl = load_syllabus(args.silabus)
    except DataError as exc:
        print(f"Silabus tidak valid: {exc.pesan}")
        return 1
    missing = missing_notebooks(syl)
    print(f"Silabus valid: {len(syl.sessions)} sesi, {syl.jp_total} JP, {syl.days} hari.")
    if missing:
        print("Peringatan: notebook belum ada: " + ", ".join(missing))
    if not args.cek:
        out = Path(args.keluaran) if args.keluaran else Path(syl.source).parent
        out.mkdir(parents=True, exist_ok=True)
        (out / "ikhtisar_silabus.md").write_text(overview_markdown(syl), encoding="utf-8")
        (out / "ikhtisar_silabus.html").write_text(overview_html(syl), encoding="utf-8")
        print(f"Ditulis: {out / 'ikhtisar_silabus.md'} dan {out / 'ikhtisar_silabus.html'}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
