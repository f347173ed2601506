"""Repository-wide pytest set-up (applies to tests/ and to the notebooks collected by nbval)."""

from __future__ import annotations

import os
from typing import Any

import pytest

# Notebook kernels inherit this: simulations.course.notebook.setup() then keeps real tracebacks, so nbval
# fails on any cell that raises and is not tagged raises-exception (the friendly Indonesian
# handler would otherwise turn the error into ordinary output that nbval cannot see).
os.environ.setdefault("TANGGUH_STRICT_ERRORS", "1")

STDERR_MIME = "application/vnd.jupyter.stderr"


def stderr_texts(outputs: list[Any]) -> list[str]:
    """Return the texts a participant would see in a pink stderr box, from one cell's outputs.

    Args:
        outputs: nbformat output dicts (``output_type``, ``name``, ``text``, ``data``) as nbval
            collects them from the kernel (ipywidgets ``Output`` captures included: the kernel
            sends them as ordinary messages of the cell's execution).

    Returns:
        One text per stderr stream or stderr-typed display output, in order; empty if none.
    """
    texts = []
    for out in outputs:
        if out.get("output_type") == "stream" and out.get("name") == "stderr":
            texts.append(str(out.get("text", "")))
        elif STDERR_MIME in (out.get("data") or {}):
            texts.append(str(out["data"][STDERR_MIME]))
    return texts


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item):
    """Fail a notebook cell (nbval) that printed anything on stderr: no warning reaches participants.

    nbval (``--nbval-lax``) executes each cell and keeps what the kernel sent in
    ``item.test_outputs``; this runs after a cell passed nbval's own checks, so the notebooks are
    executed once for both. A warning (matplotlib, pandas, NumPy, ...) must be fixed where it
    arises in ``simulations/``, not hidden in the notebook.
    """
    result = yield
    outputs = getattr(item, "test_outputs", None)
    cell = getattr(item, "cell", None)
    if outputs and cell is not None and hasattr(item, "raise_cell_error"):
        texts = stderr_texts(outputs)
        if texts:
            notebook = os.path.basename(str(item.fspath))
            text = "".join(texts).strip()
            item.raise_cell_error(
                f"{notebook} cell id {cell.get('id', '?')} wrote to stderr (participants see a "
                f"pink box); fix the warning at its source:\n{text}"
            )
    return result
