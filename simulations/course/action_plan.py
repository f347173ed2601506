"""Capstone (notebook 07): the participant's regional action plan as a document.

* :func:`make_plan` — the plan of one participant (a code, not a name): region profile, the chosen
  package simulated over several seeds (:func:`simulations.response.action_plan.simulate_plan`),
  default indicators and responsibilities, the follow-up date.
* :func:`export_html` (figures embedded as base64 PNG; print to PDF from a browser) and
  :func:`export_docx` (python-docx) — both open without Python; on the classroom server a copy goes
  to the trainer's drop box (:mod:`simulations.course.dropbox`).
* :func:`plan_png` — the plan's figure as PNG bytes, drawn once: pass it to both exports as
  ``figure_png`` (and show it on screen) instead of drawing the same figure three times.

The computation is :mod:`simulations.response.action_plan`; the figure is
:func:`simulations.plots.action_plan.plan_figure`.
"""

from __future__ import annotations

import base64
import copy
import datetime as dt
import functools
import html
import io
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from simulations.core.errors import DataError, ParameterError, SimulationInputError
from simulations.plots.action_plan import plan_figure  # the exported plan embeds this figure
from simulations.response.action_plan import (
    BASE_INDICATOR,
    MENU,
    ActionPlan,
    check_choices,
    follow_up_date,
    region_profile,
    simulate_plan,
)

__all__ = [
    "MAX_TEXT_CHARS",
    "PLAN_PNG_DPI",
    "export_docx",
    "export_html",
    "make_plan",
    "plan_png",
    "responsibilities_from_text",
    "xml_safe_text",
]


def make_plan(
    region_code: str,
    choices: Sequence[str],
    *,
    budget: int = 10,
    participant: str = "P00",
    seeds: int | Iterable[int] = 10,
    root_seed: int = 0,
    steps: int = 60,
    date: dt.date | None = None,
    responsibilities: Sequence[tuple[str, str]] | None = None,
    notes: str = "",
    **model_kwargs: Any,
) -> ActionPlan:
    """Build a plan: profile, simulation over seeds, default indicators and responsibilities.

    Args:
        region_code: Province code or ``"fiktif"``.
        choices: Keys of :data:`MENU`.
        budget: Budget in units; the plan must fit.
        participant: Participant code (not a name).
        seeds: Number of replicates (or replicate indices) for the uncertainty band.
        root_seed: Root seed of the replicates' seeds.
        steps: Steps per run.
        date: Date of the plan (today when None); follow-up is 3 months later.
        responsibilities: ``[(kegiatan, penanggung jawab)]``; derived from the options when None.
        notes: Free text from the participant.
        **model_kwargs: Passed to :func:`~simulations.response.action_plan.simulate_plan`: hoax
            parameters, ``n`` (real provinces only: the fictional regency has its own network)
            and ``max_work`` (the work limit, default 10^10 person-steps). Sizes and work are
            checked before the network is built.
    """
    from simulations.course.quiz import normalise_code

    code = normalise_code(participant)
    choices = check_choices(choices)
    if not choices:
        raise ParameterError(
            "choose at least one intervention", "Pilih minimal satu intervensi.", field="choices"
        )
    region = region_profile(region_code)  # an unknown region fails before the simulation
    graph = None
    if region_code == "fiktif":
        from simulations.data import load_regency_network

        graph = load_regency_network()
    sim = simulate_plan(
        choices,
        seeds=seeds,
        root_seed=root_seed,
        steps=steps,
        budget=budget,
        graph=graph,
        **model_kwargs,
    )
    date = date or dt.date.today()
    resp = (
        list(responsibilities)
        if responsibilities
        else [(MENU[c].label, MENU[c].responsible) for c in choices]
    )
    indicators = [BASE_INDICATOR] + [
        (MENU[c].indicator, MENU[c].responsible.split(" ")[0].rstrip(",;")) for c in choices
    ]
    return ActionPlan(
        region=region,
        choices=choices,
        budget=budget,
        participant=code,
        sim=sim,
        date=date,
        follow_up=follow_up_date(date),
        responsibilities=resp,
        indicators=indicators,
        notes=notes,
    )


def _fig_png(fig: Any) -> bytes:
    import matplotlib.pyplot as plt

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=PLAN_PNG_DPI, bbox_inches="tight")
    plt.close(fig)
    return buf.getvalue()


PLAN_PNG_DPI = 120
"""Resolution of the plan's figure in the exports (dots per inch)."""


def plan_png(plan: ActionPlan) -> bytes:
    """Return the plan's figure (:func:`~simulations.plots.action_plan.plan_figure`) as PNG bytes.

    Drawing it costs about 150 ms, most of the export's time: draw it once and pass the bytes to
    :func:`export_html` and :func:`export_docx` as ``figure_png``.
    """
    return _fig_png(plan_figure(plan))


def _png_or_draw(plan: ActionPlan, figure_png: bytes | None) -> bytes:
    if figure_png is None:
        return plan_png(plan)
    if not isinstance(figure_png, bytes) or not figure_png.startswith(b"\x89PNG\r\n\x1a\n"):
        raise ParameterError(
            f"figure_png must be the PNG bytes of plan_png(plan), got {type(figure_png).__name__}",
            "Gambar rencana harus berupa PNG dari plan_png(rencana).",
            field="figure_png",
        )
    return figure_png


# Characters XML 1.0 (and so DOCX and XHTML) cannot hold: C0 controls except tab/newline/return,
# DEL, lone surrogates and the two non-characters U+FFFE/U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_BREAKS = re.compile("[\x0b\x0c]")  # vertical tab and form feed: Word's line/page breaks
MAX_TEXT_CHARS = 4000
"""Longest free text (notes, one responsibility) printed in an exported plan; longer is cut with …"""


def xml_safe_text(value: Any, *, limit: int = MAX_TEXT_CHARS) -> str:
    """Return ``value`` as text any XML document accepts, at most ``limit`` characters.

    Vertical tab and form feed become spaces; other control characters, lone surrogates and
    U+FFFE/U+FFFF are dropped (python-docx refuses them deep inside lxml; browsers show them as
    boxes). HTML escaping is separate: use :func:`html.escape` on the result.

    Args:
        value: Any value; it is turned into text with ``str``.
        limit: Maximum number of characters kept (the text is cut and ends with "…").
    """
    text = _NOT_XML.sub("", _BREAKS.sub(" ", str(value)))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _pairs(items: Any, name: str) -> list[tuple[str, str]]:
    """Check that ``items`` is a list of (text, text) pairs and return them XML-safe."""
    bad = SimulationInputError(
        f"{name} must be a list of (activity, responsible) pairs of text",
        f"'{name}' harus berupa daftar pasangan (kegiatan, penanggung jawab) berupa teks.",
        field=name,
    )
    if isinstance(items, (str, bytes)) or not isinstance(items, Iterable):
        raise bad
    out = []
    for item in items:
        if isinstance(item, (str, bytes)) or not isinstance(item, Sequence) or len(item) != 2:
            raise bad
        out.append((xml_safe_text(item[0]), xml_safe_text(item[1])))
    return out


_SEPARATOR = re.compile(r"\s+[—–-]\s+|\s*[—–=:]\s*")


def responsibilities_from_text(text: Any) -> list[tuple[str, str]]:
    """Read "activity — responsible" lines typed in a form into the plan's responsibility pairs.

    One line per activity; activity and institution are separated by a dash with spaces around
    it (``—``, ``–`` or ``-``), a colon or ``=``. Empty lines are skipped.

    Raises:
        SimulationInputError: naming the first line without a separator, or when no line is given.

    Example:
        >>> responsibilities_from_text("Ruang pemantauan — Kesbangpol, FKDM")
        [('Ruang pemantauan', 'Kesbangpol, FKDM')]
    """
    pairs = []
    for n, line in enumerate(str(text or "").splitlines(), start=1):
        if not line.strip():
            continue
        parts = _SEPARATOR.split(line.strip(), maxsplit=1)
        if len(parts) != 2 or not parts[0].strip() or not parts[1].strip():
            raise SimulationInputError(
                f"line {n}: no separator between activity and responsible ({line.strip()[:60]!r})",
                f"Baris {n}: pisahkan kegiatan dan lembaga dengan tanda pisah (—), titik dua, atau '=' "
                f"(mis. 'Ruang pemantauan — Kesbangpol'): {line.strip()[:60]!r}.",
                field="penanggung_jawab",
            )
        pairs.append((parts[0].strip(), parts[1].strip()))
    if not pairs:
        raise SimulationInputError(
            "no responsibilities given",
            "Tulis minimal satu baris 'kegiatan — lembaga'.",
            field="penanggung_jawab",
        )
    return pairs


def _sections(plan: ActionPlan) -> dict[str, Any]:
    """Return every text the exports print, checked and made XML-safe (user text included)."""
    opts = [MENU[c] for c in plan.choices]
    region = {
        "nama": xml_safe_text(plan.region["nama"], limit=200),
        "indikator": [
            tuple(
                xml_safe_text(i[k], limit=400)
                for k in ("indikator", "nilai", "satuan", "tahun", "sumber")
            )
            for i in plan.region["indikator"]
        ],
        "catatan": [xml_safe_text(n) for n in plan.region["catatan"]],
    }
    return {
        "judul": f"Rencana Aksi Ketahanan Sosial di Era Digital — {region['nama']}",
        "meta": (
            f"Kode peserta: {xml_safe_text(plan.participant, limit=40)} · Tanggal: "
            f"{plan.date:%d-%m-%Y} · Tindak lanjut (3 bulan): {plan.follow_up:%d-%m-%Y}"
        ),
        "region": region,
        "intervensi": [(o.label, o.description, str(o.cost)) for o in opts],
        "biaya": f"Total biaya {plan.cost} dari anggaran {plan.budget} unit (unit anggaran ilustratif, bukan rupiah).",
        "cautions": [f"{o.label}: {o.caution}" for o in opts if o.caution],
        "indicators": _pairs(plan.indicators, "indicators"),
        "responsibilities": _pairs(plan.responsibilities, "responsibilities"),
        "notes": xml_safe_text(plan.notes) if plan.notes else "",
        "summary": xml_safe_text(plan.summary_text()),
    }


def _writable(path: str | Path) -> Path:
    """Return ``path`` as a Path whose folder exists; raise SimulationInputError if it cannot be."""
    try:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
    except (OSError, TypeError, ValueError) as exc:
        raise SimulationInputError(
            f"cannot write the plan to {str(path)[:200]!r}: {type(exc).__name__}",
            f"Rencana tidak bisa disimpan ke '{str(path)[:200]}' (folder tidak bisa dibuat atau "
            "tidak boleh ditulis). Pilih folder lain.",
            field="path",
        ) from None
    return path


def _write_failed(path: Path, exc: BaseException) -> SimulationInputError:
    return SimulationInputError(
        f"cannot write the plan to {str(path)[:200]!r}: {type(exc).__name__}",
        f"Rencana tidak bisa disimpan ke '{str(path)[:200]}' (tidak boleh ditulis, atau berkas "
        "sedang dibuka program lain). Pilih folder atau nama lain.",
        field="path",
    )


def export_html(plan: ActionPlan, path: str | Path, *, figure_png: bytes | None = None) -> Path:
    """Write the plan as one self-contained HTML page (opens in any browser; print to PDF from there).

    Every text is XML-safe (:func:`xml_safe_text`) and HTML-escaped, so participant notes such as
    ``<script>`` print as text.

    Args:
        plan: The plan, from :func:`make_plan`.
        path: The ``.html`` file to write (its folder is created).
        figure_png: The plan's figure from :func:`plan_png`, when already drawn; None draws it.

    Raises:
        SimulationInputError: when the plan's responsibilities/indicators are not text pairs or
            the file cannot be written (``field="path"``).
    """
    s = _sections(plan)
    path = _writable(path)
    png = base64.b64encode(_png_or_draw(plan, figure_png)).decode("ascii")
    e = html.escape

    def rows(items: Iterable[Sequence[str]]) -> str:
        return "".join(
            "<tr>" + "".join(f"<td>{e(str(c))}</td>" for c in r) + "</tr>" for r in items
        )

    region_rows = rows(s["region"]["indikator"])
    region_table = (
        (
            f"<table><tr><th>Indikator</th><th>Nilai</th><th>Satuan</th><th>Tahun</th><th>Sumber</th></tr>"
            f"{region_rows}</table>"
        )
        if region_rows
        else ""
    )
    notes = "".join(f"<li>{e(n)}</li>" for n in s["region"]["catatan"] + s["cautions"])
    css = (
        "body{font-family:system-ui,sans-serif;max-width:48rem;margin:1.5rem auto;font-size:11pt;line-height:1.35}"
        "table{border-collapse:collapse;width:100%;margin:.3rem 0}th,td{border:1px solid #999;padding:.15rem .4rem;"
        "text-align:left;vertical-align:top;font-size:10pt}th{background:#eee}img{max-width:100%}"
        "h1{font-size:16pt}h2{font-size:12.5pt;margin:.8rem 0 .2rem}.meta{color:#333}"
        "@media print{body{margin:0}h2{page-break-after:avoid}}"
    )
    doc = f"""<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8"><title>{e(s["judul"])}</title><style>{css}</style></head><body>
<h1>{e(s["judul"])}</h1>
<p class="meta">{e(s["meta"])}</p>
<h2>1. Profil wilayah</h2>
{region_table}
<h2>2. Intervensi yang dipilih</h2>
<table><tr><th>Intervensi</th><th>Uraian</th><th>Biaya (unit)</th></tr>{rows(s["intervensi"])}</table>
<p>{e(s["biaya"])}</p>
<h2>3. Hasil simulasi (dengan ketidakpastian)</h2>
<img alt="Porsi warga percaya hoaks per langkah, tanpa dan dengan rencana, dengan rentang antar-seed"
 src="data:image/png;base64,{png}">
<p>{e(s["summary"])}</p>
<h2>4. Indikator pemantauan</h2>
<table><tr><th>Indikator</th><th>Penanggung jawab data</th></tr>{rows(s["indicators"])}</table>
<h2>5. Pembagian tanggung jawab</h2>
<table><tr><th>Kegiatan</th><th>Penanggung jawab</th></tr>{rows(s["responsibilities"])}</table>
<h2>6. Tindak lanjut</h2>
<p>Formulir tindak lanjut 3 bulan (Kirkpatrick level 3) diisi pada <b>{plan.follow_up:%d-%m-%Y}</b>
bersama atasan langsung.{(" Catatan peserta: " + e(s["notes"])) if s["notes"] else ""}</p>
<h2>Catatan dan batasan</h2><ul>{notes}<li>Simulasi memakai jaringan SINTETIS dan model hoaks Tambuscio dkk. (2015);
hasilnya menggambarkan mekanisme, bukan ramalan untuk wilayah ini.</li>
<li>Pemantauan dilakukan pada tingkat isu dan agregat; tidak ada data pribadi (UU 27/2022).</li></ul>
</body></html>
"""
    try:
        path.write_text(doc, encoding="utf-8")
    except OSError as exc:
        raise _write_failed(path, exc) from None
    from simulations.course import dropbox  # classroom server: a copy for the trainer

    dropbox.submit(path, kind="rencana-aksi")
    return path


# Paragraph and table styles of the exported DOCX (names as Word shows them).
_DOCX_STYLES = ("Heading 1", "Heading 2", "List Bullet", "Table Grid")


@functools.cache
def _docx_template() -> tuple[Any, dict[str, str]]:
    """Return the blank plan document's package, prepared once per process, and its style ids.

    Opening python-docx's default template parses its 430 kB ``styles.xml`` (about 10 ms), and
    every style assigned by name made python-docx search all of its styles twice (the name, then
    the document's default style, about 1 ms each; a plan assigns 19). So the template is opened
    and given the plan's margins and body size once; :func:`_new_docx` copies it, and the style ids
    are looked up here once. Every part of the saved file is byte for byte what building it from
    ``docx.Document()`` with styles set by name gave (checked on four plans when this was written;
    ``benchmarks/bench_action_plan_export.py --save DIR --against OTHER`` repeats it).
    """
    import docx
    from docx.shared import Cm, Pt

    d = docx.Document()
    for section in d.sections:
        section.top_margin = section.bottom_margin = Cm(1.8)
        section.left_margin = section.right_margin = Cm(2)
    d.styles["Normal"].font.size = Pt(10)
    style_ids = {name: d.styles[name].style_id for name in _DOCX_STYLES}
    return d.part.package, style_ids


def _new_docx() -> tuple[Any, dict[str, str]]:
    """Return a fresh copy of the prepared template (a ``docx.Document``) and its style ids."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    package, style_ids = _docx_template()
    # The styles part (most of the template) is shared, not copied: an export assigns styles by
    # id and never changes a style, so the template's styles are only read (and written out).
    styles = package.main_document_part.part_related_by(RT.STYLES)
    return copy.deepcopy(package, {id(styles): styles}).main_document_part.document, style_ids


def export_docx(plan: ActionPlan, path: str | Path, *, figure_png: bytes | None = None) -> Path:
    """Write the plan as a DOCX file (Word/LibreOffice) with the figure embedded.

    Every text is made XML-safe first (:func:`xml_safe_text`): control characters such as NUL,
    ESC or a vertical tab would otherwise make python-docx fail deep inside lxml.

    Args:
        plan: The plan, from :func:`make_plan`.
        path: The ``.docx`` file to write (its folder is created).
        figure_png: The plan's figure from :func:`plan_png`, when already drawn; None draws it.

    Raises:
        DataError: when python-docx is not installed (Indonesian message says how to install it).
        SimulationInputError: when the plan's responsibilities/indicators are not text pairs or
            the file cannot be written (``field="path"``).
    """
    try:
        from docx.shared import Cm
    except ImportError:  # pragma: no cover - python-docx is a runtime dependency
        raise DataError(
            "python-docx is not installed",
            "Paket python-docx belum terpasang; jalankan "
            "`pip install python-docx` atau pakai ekspor HTML.",
        ) from None
    s = _sections(plan)
    path = _writable(path)
    d, style_id = _new_docx()

    def paragraph(text: str, style: str | None = None) -> None:
        p = d.add_paragraph(text)
        if style:
            # what ``Paragraph.style = name`` stores, without its search of every style
            p._p.style = style_id[style]

    def table(header: Sequence[str], body: Iterable[Sequence[str]]) -> None:
        t = d.add_table(rows=1, cols=len(header))
        t._tbl.tblStyle_val = style_id["Table Grid"]  # as ``Table.style = "Table Grid"``
        for cell, text in zip(t.rows[0].cells, header, strict=True):
            cell.text = text
        for r in body:
            cells = t.add_row().cells
            for cell, text in zip(cells, r, strict=True):
                cell.text = str(text)

    paragraph(s["judul"], "Heading 1")
    paragraph(s["meta"])
    paragraph("1. Profil wilayah", "Heading 2")
    if plan.region["indikator"]:
        table(
            ["Indikator", "Nilai", "Satuan", "Tahun", "Sumber"],
            s["region"]["indikator"],
        )
    paragraph("2. Intervensi yang dipilih", "Heading 2")
    table(["Intervensi", "Uraian", "Biaya (unit)"], s["intervensi"])
    paragraph(s["biaya"])
    paragraph("3. Hasil simulasi (dengan ketidakpastian)", "Heading 2")
    d.add_picture(io.BytesIO(_png_or_draw(plan, figure_png)), width=Cm(15))
    paragraph(s["summary"])
    paragraph("4. Indikator pemantauan", "Heading 2")
    table(["Indikator", "Penanggung jawab data"], s["indicators"])
    paragraph("5. Pembagian tanggung jawab", "Heading 2")
    table(["Kegiatan", "Penanggung jawab"], s["responsibilities"])
    paragraph("6. Tindak lanjut", "Heading 2")
    paragraph(
        f"Formulir tindak lanjut 3 bulan (Kirkpatrick level 3) diisi pada {plan.follow_up:%d-%m-%Y} "
        "bersama atasan langsung." + (f" Catatan peserta: {s['notes']}" if s["notes"] else "")
    )
    paragraph("Catatan dan batasan", "Heading 2")
    for n in (
        s["region"]["catatan"]
        + s["cautions"]
        + [
            "Simulasi memakai jaringan SINTETIS dan model hoaks Tambuscio dkk. (2015); hasilnya menggambarkan "
            "mekanisme, bukan ramalan untuk wilayah ini.",
            "Pemantauan dilakukan pada tingkat isu dan agregat; tidak ada data pribadi (UU 27/2022).",
        ]
    ):
        paragraph(n, "List Bullet")
    try:
        d.save(str(path))
    except OSError as exc:
        raise _write_failed(path, exc) from None
    from simulations.course import dropbox  # classroom server: a copy for the trainer

    dropbox.submit(path, kind="rencana-aksi")
    return path
