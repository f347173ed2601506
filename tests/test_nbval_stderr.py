"""The nbval run fails a notebook cell that writes to stderr (the root conftest.py hook).

Participants see anything on stderr as a pink box above the explorer (e.g. a matplotlib
UserWarning). The hook reads the outputs nbval already collected, so the notebooks run once. Here a
throw-away notebook is run by a real pytest + nbval + kernel in a temporary folder that holds a
copy of the repository's conftest.py and of the test helper it loads (tests/exercise_fill.py).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

REPO = Path(__file__).resolve().parents[1]


def _notebook(path: Path) -> None:
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell("print('on stdout: fine')", id="cell-stdout"),
        nbformat.v4.new_code_cell(
            "import warnings\nwarnings.warn('a warning for participants', UserWarning)",
            id="cell-warning",
        ),
        nbformat.v4.new_code_cell(
            "import ipywidgets as w, sys\nout = w.Output()\n"
            "with out:\n    print('inside a widget', file=sys.stderr)\nout",
            id="cell-widget",
        ),
        nbformat.v4.new_code_cell("1 + 1", id="cell-quiet"),
    ]
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(nb, path)


@pytest.mark.timeout(300)
def test_stderr_in_a_notebook_cell_fails_with_notebook_cell_id_and_text(tmp_path: Path) -> None:
    shutil.copy(REPO / "conftest.py", tmp_path / "conftest.py")
    (tmp_path / "tests").mkdir()
    shutil.copy(REPO / "tests" / "exercise_fill.py", tmp_path / "tests" / "exercise_fill.py")
    _notebook(tmp_path / "probe.ipynb")
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
    }
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--nbval-lax", "-p", "no:cacheprovider", "-p",
         "no:randomly", "-q", "probe.ipynb"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )  # fmt: skip
    out = result.stdout + result.stderr
    assert "2 failed, 2 passed" in out, out
    assert "probe.ipynb cell id cell-warning wrote to stderr" in out, out
    assert "UserWarning: a warning for participants" in out, out
    # an ipywidgets Output captures on the kernel side as messages of the cell: seen as well
    assert "probe.ipynb cell id cell-widget wrote to stderr" in out, out
    assert "inside a widget" in out, out
    assert "cell-stdout" not in out and "cell-quiet" not in out, out
