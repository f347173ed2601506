"""Command line of the time plan: print it, check it, write what is derived from it.

::

    python -m simulations.course.schedule                 # minutes per session, problems
    python -m simulations.course.schedule --terapkan      # write slide types, Waktu/Tujuan, guide tables
    python -m simulations.course.schedule --dek penuh     # restore every section in the slides

The rules and the metadata schema are in :mod:`simulations.course.schedule`. This module sits above
the syllabus (:mod:`simulations.course.curriculum`) and the coverage map
(:mod:`simulations.course.coverage`), which both read the plan.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from simulations.core.errors import DataError
from simulations.course.coverage import load_objective_sections
from simulations.course.curriculum import load_syllabus, schedule
from simulations.course.schedule import (
    apply_guide,
    apply_notebook,
    breaks,
    guide_block,
    plan,
    plan_one,
    problems,
    repo_root,
    summary_table,
)


def apply(root: str | Path | None = None, *, full: bool = False) -> list[Path]:
    """Write everything derived from the plan: notebooks (markers, slides, Waktu, Tujuan) and guide tables.

    Returns:
        The files that changed.
    """
    root = Path(root) if root is not None else repo_root()
    syl = load_syllabus(root / "curriculum" / "silabus.yaml")
    objective_cells = load_objective_sections(root / "curriculum" / "cakupan.yaml")
    slots = schedule(syl)
    changed: list[Path] = []
    for s in syl.sessions:
        for nb in s.notebooks:
            path = root / "notebooks" / f"{nb}.ipynb"
            # markers first (they change word counts), then the plan and the opening cell
            apply_notebook(path, full=full)
            p = plan_one(syl, s, root / "notebooks")
            if apply_notebook(path, session=s, p=p, objective_cells=objective_cells, full=full):
                changed.append(path)
        p = plan_one(syl, s, root / "notebooks")
        guide = root / "curriculum" / s.guide
        block = guide_block(p, breaks(slots, s.code, syl.minutes_per_jp))
        if apply_guide(guide, block):
            changed.append(guide)
    return changed


def main(argv: list[str] | None = None) -> int:
    """Print the plan and its problems; ``--terapkan`` writes what is derived from it."""
    parser = argparse.ArgumentParser(
        description="Rencana menit per bagian notebook (inti/pendalaman)."
    )
    parser.add_argument(
        "--terapkan", action="store_true", help="tulis salindia, Waktu/Tujuan, tabel panduan"
    )
    parser.add_argument(
        "--dek", choices=("inti", "penuh"), default="inti", help="salindia tiga hari atau penuh"
    )
    args = parser.parse_args(argv)
    try:
        if args.terapkan or args.dek == "penuh":
            for path in apply(full=args.dek == "penuh"):
                print("Ditulis:", path)
        syl = load_syllabus()
        plans = plan(syl)
    except DataError as exc:  # a section without or with a bad plan: say where, no traceback
        print("MASALAH:", exc.pesan)
        return 1
    print(summary_table(plans))
    issues = problems(syl, plans, load_objective_sections())
    for p in issues:
        print("MASALAH:", p)
    return 1 if issues else 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
