"""Milliseconds per export of the action plan (notebook 07's rencana aksi): HTML and DOCX (issue 17).

Run: ``python benchmarks/bench_action_plan_export.py [--repeat 200] [--figure] [--profile]``.

Exports the plan of ``tests/test_reader_inputs.py``'s hostile-text test (the fictional regency, one
intervention, 2 seeds × 5 steps) with hostile participant text: notes of 200 characters and four
responsibility pairs drawn from all of Unicode (controls, lone surrogates, markup). As in that
test the figure is replaced by a 2×2 PNG unless ``--figure`` is given (then matplotlib draws the
real figure each time, as a participant's export does). Prints the median CPU and wall
milliseconds per export over ``--repeat`` exports after 3 untimed ones (CPU time of the process
is what to compare on a shared machine). ``--profile`` adds cProfile's top functions.

``--planner`` times what a participant waits for instead: notebook 07's planner widget
(:class:`~simulations.widgets.action_plan.ActionPlanner`, default choices, 10 seeds) in a real
Jupyter kernel, where its figure is also shown on screen: median wall milliseconds of the "Jalankan"
and the export buttons' work over 9 clicks each.

``--save DIR`` writes the exports of four plans (ordinary, hostile, without responsibilities, a
real province) to DIR with a SHA-256 of every part of each DOCX; ``--against OTHER`` then compares
them with the files another checkout saved there (same HTML bytes, same DOCX parts in the same
order). Timings are for notes only, never test assertions.
"""

from __future__ import annotations

import argparse
import cProfile
import dataclasses
import datetime as dt
import hashlib
import io
import json
import pstats
import random
import statistics
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

from simulations.course import action_plan as ap  # noqa: E402


def hostile_text(rng: random.Random, n: int) -> str:
    """Return ``n`` characters: a third ASCII controls and markup, the rest anywhere in Unicode."""
    pool = [chr(c) for c in range(32)] + list("<>&\"'/") + ["<script>", "\ud800", "\ufffe"]
    return "".join(
        rng.choice(pool) if rng.random() < 1 / 3 else chr(rng.randrange(0x20, 0x110000))
        for _ in range(n)
    )


def plans() -> dict[str, ap.ActionPlan]:
    """Return the plans exported by ``--save``: ordinary, hostile, no responsibilities, province."""
    rng = random.Random(17)
    base = ap.make_plan("fiktif", ["pemantauan"], seeds=range(2), steps=5, date=dt.date(2025, 1, 1))
    province = ap.make_plan(
        "73",
        ["pemantauan", "prebunking"],
        seeds=range(3),
        steps=5,
        n=300,
        date=dt.date(2025, 3, 31),
        notes="Uji & <coba>",
        participant="P05",
    )
    return {
        "biasa": base,
        "bermusuhan": hostile(base, rng),
        "tanpa_penanggung_jawab": dataclasses.replace(province, responsibilities=[], notes=""),
        "provinsi": province,
    }


def hostile(plan: ap.ActionPlan, rng: random.Random) -> ap.ActionPlan:
    pairs = [(hostile_text(rng, 200), hostile_text(rng, 200)) for _ in range(4)]
    return dataclasses.replace(
        plan, notes=hostile_text(rng, 200), responsibilities=pairs, participant="P\x01<b>"
    )


def save(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, plan in plans().items():
        ap.export_html(plan, folder / f"{name}.html")
        path = ap.export_docx(plan, folder / f"{name}.docx")
        with zipfile.ZipFile(path) as z:
            parts = [[i.filename, hashlib.sha256(z.read(i)).hexdigest()] for i in z.infolist()]
        (folder / f"{name}.parts.json").write_text(json.dumps(parts, indent=1), encoding="utf-8")
    print(f"saved {len(plans())} plans (HTML, DOCX, parts) to {folder}")


def compare(folder: Path, other: Path) -> bool:
    same = True
    for name in plans():
        for suffix in (".html", ".parts.json"):
            a, b = (
                (folder / f"{name}{suffix}").read_bytes(),
                (other / f"{name}{suffix}").read_bytes(),
            )
            print(f"{name}{suffix}: {'same' if a == b else 'DIFFERENT'}")
            same &= a == b
    return same


def timed(export, plan: ap.ActionPlan, path: Path, repeat: int) -> tuple[float, float]:
    """Return the median CPU and wall milliseconds of one export."""
    for _ in range(3):
        export(plan, path)
    cpu, wall = [], []
    for _ in range(repeat):
        c, w = time.process_time(), time.perf_counter()
        export(plan, path)
        cpu.append(time.process_time() - c)
        wall.append(time.perf_counter() - w)
    return 1000 * statistics.median(cpu), 1000 * statistics.median(wall)


PLANNER_CELLS = (
    """import statistics, tempfile, time
from IPython.display import display
from simulations.widgets.action_plan import ActionPlanner
planner = ActionPlanner(tempfile.mkdtemp(prefix="tangguh-rencana-"))
display(planner.widget)
planner.run(), planner.export()""",
    """def median_ms(click, k=9):
    times = []
    for _ in range(k):
        start = time.perf_counter()
        click()
        times.append(time.perf_counter() - start)
    return 1000 * statistics.median(times)
print(f"run {median_ms(planner.run):.0f} ms wall, export {median_ms(planner.export):.0f} ms wall")""",
)


def planner_in_a_kernel() -> None:
    """Print the planner's run and export times measured inside a real Jupyter kernel."""
    import nbclient
    import nbformat

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in PLANNER_CELLS])
    root = str(Path(__file__).resolve().parents[1])
    nbclient.NotebookClient(nb, timeout=600, resources={"metadata": {"path": root}}).execute()
    print("planner widget in a Jupyter kernel (figure shown on screen), median of 9 clicks")
    print("".join(o.get("text", "") for o in nb.cells[1].outputs), end="")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200, help="timed exports of each kind")
    parser.add_argument("--figure", action="store_true", help="draw the real figure each time")
    parser.add_argument("--profile", action="store_true", help="cProfile 20 HTML + DOCX exports")
    parser.add_argument("--planner", action="store_true", help="the widget in a real kernel")
    parser.add_argument("--save", type=Path, help="write the exports of four plans here")
    parser.add_argument("--against", type=Path, help="compare --save's files with this folder")
    args = parser.parse_args()
    if args.planner:
        planner_in_a_kernel()
        return
    if args.save:
        save(args.save)
        if args.against:
            sys.exit(0 if compare(args.save, args.against) else 1)
        return
    if not args.figure:
        png = io.BytesIO()
        from PIL import Image

        Image.new("RGB", (2, 2), "white").save(png, format="PNG")
        ap._fig_png = lambda fig: png.getvalue()  # the figure is not what is measured
        ap.plan_figure = lambda plan: None
    plan = plans()["bermusuhan"]
    folder = Path(tempfile.mkdtemp(prefix="tangguh-rencana-"))
    what = "real figure" if args.figure else "figure stubbed, as in the test"
    print(f"hostile plan, {what}; median of {args.repeat} exports after 3 untimed")
    for export, name in ((ap.export_html, "r.html"), (ap.export_docx, "r.docx")):
        cpu, wall = timed(export, plan, folder / name, args.repeat)
        print(f"{export.__name__:12s} {cpu:7.2f} ms CPU  {wall:7.2f} ms wall")
    if args.profile:
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(20):
            ap.export_html(plan, folder / "r.html")
            ap.export_docx(plan, folder / "r.docx")
        profile.disable()
        pstats.Stats(profile).sort_stats("cumulative").print_stats(25)


if __name__ == "__main__":
    main()
