"""Every *Latihan* of notebooks 00–07 and 09 is answered in a form, never by editing code.

For each ``### Latihan N.M — <judul>`` heading the test finds, among the code cells up to the next
heading: a participant cell that shows the form ``Latihan("N.M")``, and after it a check cell that
reads it with ``periksa("N.M", ...)``. The definition exists in ``curriculum/latihan.yaml`` with the
same title and notebook, and every definition belongs to a heading. No code cell of an exercise
assigns a literal (``x = None``, ``STRATEGI = "bridges"``, ``PAKET = [...]``): that is what a
participant would have to edit. The exercise text no longer asks to replace ``None``, to use a
decimal point, or to type inside quotation marks.

nbval executes every notebook with exercises; after its last cell tests/exercise_fill.py fills each
form with the answers in ``tests/exercise_samples.yaml`` as a participant would (numbers with a
decimal comma, choices, ticks, texts with quotes and apostrophes), presses the check button and
saves: every check must answer in Indonesian, none may fail with an unexpected error.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import nbformat
import pytest
import yaml

from simulations.course.exercises import load_exercises

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted(
    p
    for p in (ROOT / "notebooks").glob("*.ipynb")
    if p.name[:2] in {"00", "01", "02", "03", "04", "05", "06", "07", "09"}
)
HEADING = re.compile(r"(?m)^### Latihan (\d+\.\d+) — (.+?)\s*$")
ANY_HEADING = re.compile(r"(?m)^#{1,3} ")
OLD_INSTRUCTIONS = re.compile(
    r"ganti\s+`?None|pakai titik|\(titik desimal|di antara tanda kutip|jalankan sel periksa"
    r"|\(sel peserta\)|ubah angka|isi `|ubah `",
    re.IGNORECASE,
)
SAMPLES = ROOT / "tests" / "exercise_samples.yaml"


def _blocks(path: Path) -> list[tuple[str, str, dict, list[dict]]]:
    """``(exercise id, title, heading cell, code cells up to the next heading)`` per Latihan heading."""
    cells = nbformat.read(path, as_version=4).cells
    out = []
    for i, cell in enumerate(cells):
        if cell.cell_type != "markdown":
            continue
        m = HEADING.search(cell.source)
        if not m:
            continue
        block = []
        for later in cells[i + 1 :]:
            if later.cell_type == "markdown" and ANY_HEADING.search(later.source):
                break
            if later.cell_type == "code":
                block.append(later)
        out.append((m.group(1), m.group(2), cell, block))
    return out


def _literal(node: ast.AST) -> bool:
    """True for a constant or a container of constants (what a participant would retype)."""
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.UnaryOp) and isinstance(node.operand, ast.Constant):
        return True
    if isinstance(node, ast.List | ast.Tuple | ast.Set):
        return all(_literal(e) for e in node.elts)
    if isinstance(node, ast.Dict):
        return all(_literal(k) and _literal(v) for k, v in zip(node.keys, node.values, strict=True))
    return False


def _literal_assignments(source: str, *, none_only: bool = False) -> list[str]:
    """Top-level assignments of literals (only of ``None`` with ``none_only``)."""
    tree = ast.parse(source)
    found = []
    for node in tree.body:
        value = getattr(node, "value", None)
        if not isinstance(node, ast.Assign | ast.AnnAssign) or value is None or not _literal(value):
            continue
        if none_only and not (isinstance(value, ast.Constant) and value.value is None):
            continue
        found.append(ast.unparse(node)[:60])
    return found


@pytest.fixture(scope="module")
def exercises():
    return load_exercises()


def test_there_are_about_35_exercises_in_the_notebooks():
    found = [ex_id for path in NOTEBOOKS for ex_id, *_ in _blocks(path)]
    assert len(found) == len(set(found)) >= 35


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_every_latihan_is_answered_in_its_form(path, exercises):
    for ex_id, title, heading, block in _blocks(path):
        where = f"{path.name} Latihan {ex_id}"
        assert ex_id in exercises, f"{where}: no definition in curriculum/latihan.yaml"
        ex = exercises[ex_id]
        assert ex.notebook == path.name, where
        assert ex.title == title.strip(), f"{where}: title {title!r} vs definition {ex.title!r}"
        call = f'Latihan("{ex_id}")'
        form_cells = [i for i, c in enumerate(block) if call in c.source]
        reads = re.compile(rf'periksa\(\s*"{re.escape(ex_id)}"')
        check_cells = [i for i, c in enumerate(block) if reads.search(c.source)]
        assert len(form_cells) == 1, f"{where}: one participant cell must show {call}"
        assert check_cells and check_cells[0] > form_cells[0], (
            f"{where}: no check cell after the form"
        )
        participant = block[form_cells[0]].source
        code_lines = [
            ln for ln in participant.splitlines() if ln.strip() and not ln.startswith("#")
        ]
        assert code_lines == [call], f"{where}: the participant cell is the form and nothing else"
        for i, cell in enumerate(block):
            # check cells may name constants (column lists); no other cell may hold a value to edit,
            # and no cell at all may wait for a None to be replaced
            found = _literal_assignments(cell.source, none_only=i in check_cells)
            assert not found, (
                f"{where}: cell {cell.get('id')} assigns values a participant would edit: {found}"
            )
        bad = OLD_INSTRUCTIONS.search(heading.source)
        assert not bad, f"{where}: the task still asks for a code edit ({bad.group(0)!r})"


def test_every_definition_has_its_heading(exercises):
    found = {ex_id for path in NOTEBOOKS for ex_id, *_ in _blocks(path)}
    assert set(exercises.exercises) == found


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_no_participant_placeholder_cells_remain(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        text = "".join(cell["source"])
        assert "(sel peserta):*" not in text, (path.name, cell.get("id"))
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None, (
                path.name,
                cell.get("id"),
            )
    assert "widgets" not in nb["metadata"]


def test_samples_cover_every_exercise(exercises):
    samples = yaml.safe_load(SAMPLES.read_text(encoding="utf-8"))
    assert set(samples) == set(exercises.exercises)
    for ex_id, answers in samples.items():
        for name in answers:
            exercises[ex_id].field(name)


# ------------------------------------------------------------------------ executed in a kernel
# Filling every form as a participant would happens in nbval's own run of each notebook (one
# execution serves both): tests/exercise_fill.py adds the item "Latihan: isian peserta" after the
# notebook's last cell (root conftest.py). Here: that every notebook with exercises gets one.


def test_every_exercise_notebook_gets_a_fill_item_in_the_nbval_run():
    from exercise_fill import fill_source  # tests/ is on sys.path, as for free_ports

    for path in NOTEBOOKS:
        source = fill_source(path.name)
        assert source is not None, path.name
        compile(source, path.name, "exec")  # the cell is valid Python
    assert fill_source("08_evaluasi_pelatihan.ipynb") is None  # no exercises there
