"""Printable worksheets (lembar kerja) for participants without a laptop, one per module, made offline.

Community and religious leaders and ormas members often join a Bimtek without a laptop. Each
module's worksheet holds what a mixed group discusses at the table:

* the module's key figures, rendered directly from the package (no notebook is executed), each
  with a one-line caption saying what it shows and whether the data are real or SYNTHETIC;
* the module's exercises (``### Latihan N.M`` cells): the task text read from the notebook JSON and
  the answer form rendered from the same definitions as the notebook's form
  (``curriculum/latihan.yaml``, :mod:`simulations.course.exercises`) — choices as checkboxes, numbers
  as blanks with their range and unit, text areas as ruled lines as long as their word limit, number
  tables as empty tables — so the paper and the screen ask the same questions;
* the group prompts (``**Diskusi kelompok …:**`` / ``**Kerja kelompok …:**`` in the notebook and
  the facilitator guide) and the discussion questions (``## Diskusi``), each with ruled space;
* a header for the group, its members' roles and the date.
* the list of the module's *pendalaman* sections (further reading outside the 30 core JP, from the
  notebook's time plan, :mod:`simulations.course.schedule`); a *Latihan* in such a section is
  marked optional.

:func:`worksheet_html` returns a self-contained HTML page (figures embedded as PNG);
:func:`build_worksheets` writes the pages and prints them to PDF with Debian's Chromium
(``chromium --headless --print-to-pdf``), offline, like the handbook. Command line::

    python -m simulations.course.worksheets                  # all modules -> book/_build/lembar_kerja/
    python -m simulations.course.worksheets --modul 06 --keluaran /tmp/lk --tanpa-pdf
"""

from __future__ import annotations

import argparse
import base64
import html
import io
import json
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from simulations.core.errors import SimulationInputError, check_known

__all__ = [
    "FIGURES",
    "MODULES",
    "WorksheetFigure",
    "build_worksheets",
    "exercise_form_html",
    "exercises",
    "group_prompts",
    "find_chromium",
    "main",
    "print_pdf",
    "render_figure",
    "worksheet_html",
]

SEED = 2024
"""Seed of every simulated figure (the notebooks' default ``SEED``)."""


def _root() -> Path:
    return Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class WorksheetFigure:
    """A figure on a worksheet: caption (Indonesian) and a builder ``f(seed) -> figure``."""

    caption: str
    build: Callable[[int], Any]


# ------------------------------------------------------------------------------ figure builders
# Each builder calls the same package functions as the notebook, with the notebook's parameters
# where they are cheap (a worksheet set must print in a minute on a laptop).
def _fig_cohesion(seed: int) -> Any:
    from simulations.analysis import cohesion
    from simulations.core.networks import community_network
    from simulations.plots.evidence import removal_plot

    g = community_network(n=400, k=6, mean_degree=6.0, homophily=0.95, seed=seed)
    curves = cohesion.compare_strategies(g, ("leaders", "bridges", "random"), seed=seed)
    return removal_plot(curves, cohesion.STRATEGIES)


def _fig_opinion(seed: int) -> Any:
    from simulations.models.opinion import DeffuantModel
    from simulations.plots import opinion as P

    model = DeffuantModel(network="complete", n=300, seed=seed, mu=0.5, epsilon=0.2)
    model.run(150, until_converged=True)
    return P.plot_opinion_dashboard(model.opinion_history())


def _fig_rumour(seed: int) -> Any:
    from simulations.models.rumour import RumourModel, final_ignorant_share
    from simulations.plots import opinion as P

    curves = RumourModel(network="complete", n=2000, seed=seed).run(100, until_converged=True)
    return P.plot_rumour_curves(curves, theory=final_ignorant_share())


def _fig_hoax(seed: int) -> Any:
    from simulations.analysis.hoax import run_hoax
    from simulations.plots.hoax import plot_hoax_curves

    df, model = run_hoax({}, network="scale_free", n=1000, seed=seed, steps=100)
    return plot_hoax_curves(df, model.parameters, meanfield=True)


def _fig_literacy(seed: int) -> Any:
    from simulations.data import load_table
    from simulations.plots.literacy import plot_literacy_pillars

    return plot_literacy_pillars(load_table("literasi_digital_nasional_2020_2022"))


def _fig_internet_access(seed: int) -> Any:
    from simulations import data
    from simulations.plots.provinces import dot_chart

    t = data.load_table("akses_internet_bps_provinsi_2023")
    col = "persen_penduduk_5plus_akses_internet_3bln_terakhir_2023"
    return dot_chart(
        t[t["kode_kemendagri"] != "00"],
        col,
        "provinsi",
        title="Penduduk 5+ yang mengakses internet, 2023 (BPS)",
        xlabel="% penduduk usia 5+ (3 bulan terakhir)",
    )


def _fig_alarm(seed: int) -> Any:
    from simulations import data
    from simulations.plots.evidence import alarm_plot
    from simulations.response.alarms import detect_changes

    reports = data.load_reports()
    daily = data.daily_counts(reports[reports["kode_kecamatan"] == "TJ03"], by=["kategori"])
    found = detect_changes(daily, method="cusum", k=0.5, h=5)
    series = found[found["kategori"] == "hoaks_disinformasi"]
    return alarm_plot(
        series, title="Laporan hoaks per hari, Kecamatan Pantai Harapan (fiktif) — alarm CUSUM"
    )


def _fig_stakeholders(seed: int) -> Any:
    from simulations.plots.stakeholders import plot_map
    from simulations.response.stakeholders import brokerage, build_map

    g = build_map()
    return plot_map(g, brokerage(g))


FIGURES: dict[str, tuple[WorksheetFigure, ...]] = {
    "00": (),
    "01": (
        WorksheetFigure(
            "Kohesi jaringan SINTETIS (400 orang, 6 komunitas) saat tokoh, penghubung, atau orang acak keluar. "
            "Garis mana yang paling cepat turun, dan mengapa?",
            _fig_cohesion,
        ),
    ),
    "02": (
        WorksheetFigure(
            "Model bounded confidence (SINTETIS, 300 orang, toleransi ε = 0,2): opini bergerak menjadi beberapa kubu.",
            _fig_opinion,
        ),
        WorksheetFigure(
            "Model desas-desus (SINTETIS, 2.000 orang): kabar padam sendiri, tetapi setelah menjangkau banyak orang.",
            _fig_rumour,
        ),
    ),
    "03": (
        WorksheetFigure(
            "Model hoaks Tambuscio dkk. (SINTETIS, 1.000 orang): belum tahu, percaya hoaks, pemeriksa fakta.",
            _fig_hoax,
        ),
    ),
    "04": (
        WorksheetFigure(
            "Indeks literasi digital nasional 2020–2022 per pilar (data nyata: Kominfo & Katadata; lihat sumber).",
            _fig_literacy,
        ),
    ),
    "05": (
        WorksheetFigure(
            "Akses internet penduduk 5+ per provinsi, 2023 (data nyata: BPS via databoks).",
            _fig_internet_access,
        ),
        WorksheetFigure(
            "Aliran laporan warga SINTETIS Kabupaten Tangguh Jaya (fiktif) dan alarm CUSUM.",
            _fig_alarm,
        ),
    ),
    "06": (
        WorksheetFigure(
            "Peta pemangku kepentingan CONTOH (SINTETIS): ukuran = keantaraan. Gambarlah peta daerah Anda di tabel "
            "di bawah.",
            _fig_stakeholders,
        ),
    ),
    "07": (),
    "09": (),
}
"""The figures of each module's worksheet."""


MODULES: dict[str, str] = {
    "00": "00_mulai_di_sini",
    "01": "01_konsep_ketahanan_sosial",
    "02": "02_dinamika_sosial_digital",
    "03": "03_konflik_sosial_daring",
    "04": "04_literasi_digital_moderasi_beragama",
    "05": "05_kebijakan_berbasis_data",
    "06": "06_kolaborasi_multipihak",
    "07": "07_rencana_aksi_daerah",
    "09": "09_latihan_meja",
}
"""Module code → notebook name (without ``.ipynb``)."""


def _check_module(code: str) -> str:
    code = str(code).zfill(2)
    return check_known(code, MODULES, "module", "Modul", error=SimulationInputError, field="modul")


# ------------------------------------------------------------------------------ notebook content
_FENCE = re.compile(r"```.*?```", re.S)


def _cells(notebook: Path) -> list[dict[str, Any]]:
    return json.loads(notebook.read_text(encoding="utf-8"))["cells"]


def exercises(code: str, root: str | Path | None = None) -> list[tuple[str, str]]:
    """Return ``(heading, text)`` of the module's exercises and discussion questions, in order.

    Exercises are the markdown cells starting with ``### Latihan``; the discussion is the
    ``## Diskusi`` section (up to the next ``##`` heading in the same cell). Code blocks are
    dropped: on paper the group writes the answer instead of running a cell.
    """
    code = _check_module(code)
    root = Path(root) if root is not None else _root()
    out: list[tuple[str, str]] = []
    for cell in _cells(root / "notebooks" / f"{MODULES[code]}.ipynb"):
        if cell.get("cell_type") != "markdown":
            continue
        src = "".join(cell.get("source", ""))
        for part in re.split(r"(?m)^(?=#{2,3} )", src):
            first, _, rest = part.partition("\n")
            title = first.lstrip("#").strip()
            if first.startswith("### Latihan") or first.startswith("## Diskusi"):
                body = _FENCE.sub("", rest).strip()
                out.append((title, body))
    return out


_PROMPT = re.compile(
    r"(?ms)^\*\*((?:Diskusi|Kerja) kelompok[^*]*?)[:.]?\*\*:?\s*(.+?)(?=\n\s*\n|\Z)"
)
_GUIDE_SECTION = re.compile(
    r"(?m)^#{2,4} ((?:Diskusi|Kerja) kelompok\S.*|(?:Diskusi|Kerja) kelompok\s*[:—–-].+)$"
)


def group_prompts(code: str, root: str | Path | None = None) -> list[tuple[str, str]]:
    """Return ``(title, text)`` of the group prompts of a module, notebook first, then its guide.

    A prompt is a paragraph that starts with a bold label ``**Diskusi kelompok (10 menit):**`` or
    ``**Kerja kelompok …:**`` (notebook markdown or the facilitator guide), or a guide section
    headed ``## Diskusi kelompok: …``. The guide's general "Kerja kelompok" section (how groups are
    formed, their roles) is not a prompt: its roles are in every worksheet's header already.
    """
    code = _check_module(code)
    root = Path(root) if root is not None else _root()
    texts = [
        "".join(c.get("source", ""))
        for c in _cells(root / "notebooks" / f"{MODULES[code]}.ipynb")
        if c.get("cell_type") == "markdown"
    ]
    guides = sorted((root / "curriculum" / "panduan_fasilitator").glob(f"{code}_*.md"))
    out: list[tuple[str, str]] = []
    for text in texts + [g.read_text(encoding="utf-8") for g in guides]:
        for m in _PROMPT.finditer(text):
            out.append((m.group(1).strip(), " ".join(m.group(2).split())))
        for m in _GUIDE_SECTION.finditer(text):
            body = text[m.end() :].split("\n#", 1)[0].strip()
            out.append((m.group(1).strip(), body))
    seen: set[tuple[str, str]] = set()
    return [p for p in out if not (p in seen or seen.add(p))]


def _ruled(lines: int) -> str:
    return f'<div class="lines" style="height:{9.3 * lines:.1f}mm"></div>'  # notation: english (CSS length)


def _text_lines(field: Any) -> int:
    """Ruled lines for a text area: about 10 handwritten words a line, 2–12 lines."""
    words = field.max_words or 60
    return max(2, min(12, -(-words // 10)))


def exercise_form_html(exercise: Any) -> str:
    """Return an exercise's answer form on paper, rendered from its definition.

    Choices become checkboxes (☐), sliders and numbers a blank with their range and unit, short
    texts one line, text areas ruled lines as long as their word limit, tables empty tables.
    """
    from simulations.core.formatting import format_id

    def num(x: float) -> str:
        text = format_id(x, 0 if float(x).is_integer() else 2)
        return text.rstrip("0").rstrip(",") if "," in text else text

    parts = []
    for f in exercise.fields:
        label = html.escape(f.label) + (
            " <span class='note'>(boleh dilewati)</span>" if not f.required else ""
        )
        unit = f" {html.escape(f.unit)}" if f.unit else ""
        if f.kind in ("pilihan", "centang"):
            how = "pilih satu" if f.kind == "pilihan" else "centang semua yang dipilih"
            items = "".join(f"<li>☐ {html.escape(o.label)}</li>" for o in f.options)
            body = f"<span class='note'>({how})</span><ul class='choices'>{items}</ul>"
        elif f.kind in ("geser", "angka"):
            span = ""
            if f.min is not None and f.max is not None:
                span = f" <span class='note'>({num(f.min)}–{num(f.max)}{unit})</span>"
            body = f"<p><span class='isian'></span>{unit}{span}</p>"
        elif f.kind == "teks":
            body = "<div class='line'></div>"
        elif f.kind == "uraian":
            limit = (
                f" <span class='note'>(paling banyak {f.max_words} kata)</span>"
                if f.max_words
                else ""
            )
            body = limit + _ruled(_text_lines(f))
        else:
            head = (
                "<tr><th></th>"
                + "".join(f"<th>{html.escape(c.label)}</th>" for c in f.columns)
                + "</tr>"
            )
            rows = "".join(
                f"<tr><td>{html.escape(r.label)}</td>" + "<td></td>" * len(f.columns) + "</tr>"
                for r in f.rows
            )
            body = f"<table class='blank'>{head}{rows}</table>"
        parts.append(f"<div class='field'><p class='flabel'><b>{label}</b></p>{body}</div>")
    if exercise.word_limit is not None and exercise.word_limit.max is not None:
        parts.append(
            f"<p class='note'>Jumlah kata {html.escape(exercise.word_limit.label)}: paling banyak "
            f"{exercise.word_limit.max}.</p>"
        )
    return "".join(parts)


def _md(text: str) -> str:
    try:
        from markdown_it import MarkdownIt
    except ImportError:  # pragma: no cover - markdown-it-py comes with JupyterLab and Jupyter Book
        return "<p>" + html.escape(text).replace("\n\n", "</p><p>") + "</p>"
    return MarkdownIt("commonmark", {"html": False}).enable("table").render(text)


# ------------------------------------------------------------------------------------- figures
def render_figure(fig_spec: WorksheetFigure, seed: int = SEED) -> bytes:
    """Render one worksheet figure to PNG bytes (150 dpi)."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt
    from matplotlib.figure import Figure

    result = fig_spec.build(seed)
    fig = result if isinstance(result, Figure) else getattr(result, "figure", None) or plt.gcf()
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=150, bbox_inches="tight")
    plt.close("all")
    return buf.getvalue()


_CSS = """
@page { size: A4; margin: 14mm 14mm 16mm 14mm; }
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 11pt; color: #111; }
h1 { font-size: 17pt; margin: 0 0 4pt 0; }
h2 { font-size: 13pt; margin: 14pt 0 4pt 0; border-bottom: 1px solid #999; }
.meta td { padding: 3pt 6pt; border: 1px solid #999; }
.meta { border-collapse: collapse; width: 100%; margin: 6pt 0; }
figure { margin: 8pt 0; page-break-inside: avoid; }
figure img { max-width: 100%; max-height: 115mm; }
figcaption { font-size: 9.5pt; color: #333; }
.task { page-break-inside: avoid; margin-top: 8pt; }
.lines { border: 1px solid #999; height: 62mm;
  background: repeating-linear-gradient(#fff, #fff 9mm, #bbb 9mm, #bbb 9.3mm); }
table.blank { border-collapse: collapse; width: 100%; }
table.blank td, table.blank th { border: 1px solid #777; height: 9mm; padding: 2pt; font-size: 9.5pt; }
.note { font-size: 9pt; color: #444; }
.field { margin: 4pt 0 6pt 0; page-break-inside: avoid; }
.flabel { margin: 2pt 0; }
ul.choices { list-style: none; margin: 2pt 0; padding-left: 4mm; }
ul.choices li { margin: 1.5pt 0; }
.isian { display: inline-block; min-width: 40mm; border-bottom: 1px solid #555; height: 6mm; }
.line { border-bottom: 1px solid #999; height: 8mm; }
"""


def _blank_map_table() -> str:
    head = "<tr><th>Pihak (lembaga, bukan nama orang)</th><th>Sektor</th><th>Rutin bertukar informasi dengan</th></tr>"
    rows = "".join("<tr><td></td><td></td><td></td></tr>" for _ in range(12))
    return (
        '<div class="task"><h2>Peta pemangku kepentingan daerah kami</h2>'
        "<p>Isi satu baris per lembaga. Tulis hubungan kerja yang <b>benar-benar berjalan</b>. Operator kelompok "
        "mengetik tabel ini ke editor peta di notebook 06 (bagian 3).</p>"
        f'<table class="blank">{head}{rows}</table></div>'
    )


def _menu_table() -> str:
    """The capstone's intervention menu (notebook 07) as a table to tick, with illustrative costs."""
    from simulations.response.action_plan import MENU

    rows = "".join(
        f"<tr><td>☐</td><td><b>{html.escape(o.label)}</b><br>{html.escape(o.description)}"
        + (f"<br><i>{html.escape(o.caution)}</i>" if o.caution else "")
        + f"</td><td>{o.cost}</td><td>{html.escape(o.indicator)}</td><td>{html.escape(o.responsible)}</td></tr>"
        for o in MENU.values()
    )
    return (
        '<div class="task"><h2>Menu intervensi (notebook 07)</h2>'
        "<p>Centang paket kelompok Anda. Biaya dalam <b>unit anggaran ilustratif</b> (bukan rupiah); anggaran bawaan "
        "notebook 07 adalah 10 unit. Hasil simulasi paket dibaca di laptop kelompok sebagai rentang antar-seed.</p>"
        '<table class="blank"><tr><th></th><th>Intervensi</th><th>Biaya</th><th>Indikator</th>'
        f"<th>Penanggung jawab</th></tr>{rows}</table></div>"
    )


_DEEP_NOTE = (
    '<p class="note"><b>Pendalaman</b> — di luar 30 JP inti: kerjakan bila waktu ada, atau sesudah '
    "kelas bersama notebooknya.</p>"
)


def deep_sections(code: str, root: str | Path | None = None) -> list[Any]:
    """Return the module's *pendalaman* sections (``schedule.Section``), references left out.

    The plan is the notebook's ``metadata.tangguh`` (``python -m simulations.course.schedule``):
    pendalaman sections are further reading outside the 30 core JP, so the worksheet lists them
    instead of leaving space for them, and marks any *Latihan* in them as optional.
    """
    from simulations.course.schedule import read_sections

    code = _check_module(code)
    root = Path(root) if root is not None else _root()
    return [
        s
        for s in read_sections(root / "notebooks" / f"{MODULES[code]}.ipynb")
        if not s.core and not s.title.startswith("Referensi")
    ]


def _emphasis(title: str) -> str:
    """Escape a heading and turn its ``*word*`` into italics."""
    return re.sub(r"\*([^*]+)\*", r"<i>\1</i>", html.escape(title))


def _further_reading_html(deep: list[Any]) -> str:
    if not deep:
        return ""
    items = "".join(
        f"<li>{_emphasis(s.title)}"
        + (f" (Latihan {', '.join(s.exercises)})" if s.exercises else "")
        + "</li>"
        for s in deep
    )
    return (
        '<div class="task"><h2>Bacaan lanjutan</h2><p class="note">Bagian notebook ini tidak dibahas di '
        "kelas (pendalaman, di luar 30 JP inti). Baca sesudah sesi di notebook, JupyterLab atau buku "
        f"kursus.</p><ul>{items}</ul></div>"
    )


def worksheet_html(
    code: str, *, seed: int = SEED, root: str | Path | None = None, figures: bool = True
) -> str:
    """Return the module's worksheet as a self-contained HTML page (Bahasa Indonesia).

    Args:
        code: Module code ``"00"``–``"07"``.
        seed: Seed of the simulated figures.
        root: Repository root (default: this checkout).
        figures: False leaves figures out (quick previews and tests of the text).

    Raises:
        SimulationInputError: Unknown module code.
    """
    from simulations.course.curriculum import load_syllabus

    code = _check_module(code)
    root = Path(root) if root is not None else _root()
    session = load_syllabus(root / "curriculum" / "silabus.yaml").session(code)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="id"><head><meta charset="utf-8">',
        f"<title>Lembar kerja {code} — {html.escape(session.title)}</title>",
        f"<style>{_CSS}</style></head><body>",
        f"<h1>Lembar kerja · {html.escape(session.title)}</h1>",
        f'<p class="note">Bimtek Pengelolaan Ketahanan Sosial Publik di Era Digital · {session.jp} JP · '
        f"notebook <code>{MODULES[code]}</code>. Untuk kelompok yang bekerja tanpa laptop atau dengan satu laptop.</p>",
        '<table class="meta"><tr><td>Kelompok:</td><td>Tanggal:</td></tr>'
        "<tr><td>Operator:</td><td>Pencatat:</td></tr>"
        "<tr><td>Penanya sumber:</td><td>Suara lapangan:</td></tr>"
        "<tr><td>Juru bicara:</td><td>Daerah:</td></tr></table>",
    ]
    specs = FIGURES.get(code, ())
    if figures and specs:
        parts.append("<h2>Gambar untuk didiskusikan</h2>")
        for i, spec in enumerate(specs, start=1):
            png = base64.b64encode(render_figure(spec, seed)).decode("ascii")
            parts.append(
                f'<figure><img alt="{html.escape(spec.caption)}" src="data:image/png;base64,{png}">'
                f"<figcaption>Gambar {i}. {html.escape(spec.caption)}</figcaption></figure>"
            )
    from simulations.course.exercises import load_exercises

    definitions = load_exercises(root / "curriculum" / "latihan.yaml")
    deep = deep_sections(code, root)
    deep_exercises = {e for s in deep for e in s.exercises}
    discussion = []
    for title, body in exercises(code, root):
        m = re.match(r"Latihan (\d+\.\d+)", title)
        if m and m.group(1) in definitions:
            form = exercise_form_html(definitions[m.group(1)])
            flag = _DEEP_NOTE if m.group(1) in deep_exercises else ""
            parts.append(
                f'<div class="task"><h2>{html.escape(title)}</h2>{flag}{_md(body)}{form}</div>'
            )
        elif m:  # a heading without a definition (tests/test_exercise_notebooks.py prevents it)
            parts.append(
                f'<div class="task"><h2>{html.escape(title)}</h2>{_md(body)}{_ruled(7)}</div>'
            )
        else:
            discussion.append((title, body))
    for title, body in group_prompts(code, root):
        parts.append(
            f'<div class="task"><h2>{html.escape(title)}</h2>{_md(body)}'
            f'<p class="note">Jawaban kelompok:</p>{_ruled(6)}</div>'
        )
    for title, body in discussion:
        parts.append(
            f'<div class="task"><h2>{html.escape(title)}</h2>{_md(body)}'
            f'<p class="note">Jawaban kelompok:</p>{_ruled(7)}</div>'
        )
    if code == "06":
        parts.append(_blank_map_table())
    if code == "07":
        parts.append(_menu_table())
    parts.append(_further_reading_html(deep))
    parts.append(
        '<p class="note">Gambar dengan label SINTETIS berasal dari simulasi atau data rekaan (Kabupaten Tangguh Jaya '
        "fiktif); data nyata menyebut sumbernya (datasets/SOURCES.md). Jangan menulis nama warga atau data pribadi di "
        "lembar ini.</p></body></html>"
    )
    return "\n".join(parts)


# -------------------------------------------------------------------------------------------- PDF
def find_chromium() -> str | None:
    """Return the Chromium executable (Debian's ``/usr/bin/chromium`` first), or None."""
    for name in ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome"):
        path = (
            shutil.which(name)
            if not name.startswith("/")
            else (name if Path(name).exists() else None)
        )
        if path:
            return path
    return None


def print_pdf(
    html_file: str | Path, pdf: str | Path, chromium: str | None = None, timeout: float = 120
) -> Path:
    """Print an HTML file to PDF with headless Chromium (offline; no network is used).

    Raises:
        SimulationInputError: No Chromium found, or Chromium did not write the PDF.
    """
    chromium = chromium or find_chromium()
    if not chromium:
        raise SimulationInputError(
            "Chromium not found (install Debian's chromium package)",
            "Chromium tidak ditemukan. Pasang paket chromium (Debian) untuk mencetak PDF.",
            field="chromium",
        )
    html_file, pdf = Path(html_file).resolve(), Path(pdf).resolve()
    pdf.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory() as profile:
        cmd = [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--disable-extensions",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            html_file.as_uri(),
        ]
        subprocess.run(cmd, check=False, capture_output=True, timeout=timeout)
    if not pdf.is_file() or pdf.stat().st_size == 0:
        raise SimulationInputError(
            f"Chromium did not write {pdf}",
            f"Chromium gagal membuat {pdf.name}. Coba jalankan ulang, atau buka HTML-nya dan cetak dari peramban.",
            field="pdf",
        )
    return pdf


def build_worksheets(
    modules: Iterable[str] | None = None,
    out: str | Path | None = None,
    *,
    pdf: bool = True,
    seed: int = SEED,
    root: str | Path | None = None,
) -> list[Path]:
    """Write ``lembar_kerja_NN.html`` (and ``.pdf``) for the modules.

    Args:
        modules: Module codes; all of :data:`MODULES` when None.
        out: Output folder (default ``book/_build/lembar_kerja``; not committed).
        pdf: Also print each page to PDF with Chromium.
        seed: Seed of the simulated figures.
        root: Repository root.

    Returns:
        The written files (PDFs when ``pdf``, otherwise the HTML pages).
    """
    root = Path(root) if root is not None else _root()
    out = Path(out) if out is not None else root / "book" / "_build" / "lembar_kerja"
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for code in modules or MODULES:
        code = _check_module(code)
        page = out / f"lembar_kerja_{code}.html"
        page.write_text(worksheet_html(code, seed=seed, root=root), encoding="utf-8")
        written.append(print_pdf(page, out / f"lembar_kerja_{code}.pdf") if pdf else page)
    return written


def main(argv: list[str] | None = None) -> int:
    """Command line: build worksheets (see the module docstring)."""
    ap = argparse.ArgumentParser(description="Cetak lembar kerja per modul (HTML + PDF, offline).")
    ap.add_argument("--modul", nargs="*", help="kode modul, mis. 01 06 (bawaan: semua)")
    ap.add_argument("--keluaran", help="folder keluaran (bawaan: book/_build/lembar_kerja)")
    ap.add_argument("--tanpa-pdf", action="store_true", help="hanya HTML")
    args = ap.parse_args(argv)
    try:
        files = build_worksheets(args.modul, args.keluaran, pdf=not args.tanpa_pdf)
    except SimulationInputError as exc:
        print(exc.pesan)
        return 1
    for f in files:
        print(f)
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
