"""Repository-wide pytest set-up (applies to tests/ and to the notebooks collected by nbval)."""

from __future__ import annotations

import json
import os
from pathlib import Path
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


def _load_tests_module(name: str) -> Any:
    """Import ``tests/<name>.py`` by path (tests/ is not a package)."""
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location(
        f"tangguh_tests_{name}", Path(__file__).parent / "tests" / f"{name}.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """After the last nbval cell of a notebook with exercises, fill its forms in the same kernel.

    See tests/exercise_fill.py: one execution of each notebook serves nbval and the exercise-form
    test (they were two, ~140 s of CPU apart).
    """
    _load_tests_module("exercise_fill").add_fill_items(items)


# --- pytest-xdist: longest work first (make test: -n 2 --dist loadscope) -----------------------
# xdist's loadscope keeps a notebook's cells in one worker (they share a kernel) and a module's
# tests in one worker (they share module fixtures: a classroom hub, JupyterLab + Chromium, the
# handbook build). It then hands out scopes by number of tests, most first, so a module of three
# long tests (the recovery study) started last and ran alone on one core while the other idled.
# Here the scopes go out longest first by their measured seconds (tests/scope_seconds.json;
# regenerate with benchmarks/ci_durations.py), which is the longest-processing-time rule, and the
# modules in SPLIT_MODULES, whose tests share no costly fixture, are split one test per scope.
SCOPE_SECONDS = Path(__file__).parent / "tests" / "scope_seconds.json"
SPLIT_MODULES = frozenset(
    {
        "tests/test_recovery.py",  # three long statistical studies, no fixture
    }
)


# Modules that must never run at the same time, joined into one scope (one worker, one after the
# other): both classroom-hub modules refresh the same hub prefix (/opt/tangguh-hub: install.sh
# re-installs the workbook into its venv) and start hubs on it; run side by side, one module's
# install broke the other's spawns (500) and logins. Longest-first would start both at once.
JOINED_SCOPES = {
    "tests/test_classroom_hub.py": "classroom-hub-prefix",
    "tests/test_tabletop_hub.py": "classroom-hub-prefix",
}


def _scope_seconds() -> dict[str, float]:
    try:
        seconds = {
            str(k): float(v) for k, v in json.loads(SCOPE_SECONDS.read_text("utf-8")).items()
        }
    except (OSError, ValueError, AttributeError):
        return {}  # no timings: xdist's own order
    for module, joined in JOINED_SCOPES.items():
        seconds[joined] = seconds.get(joined, 0.0) + seconds.get(module, 0.0)
    return seconds


@pytest.hookimpl(tryfirst=True, optionalhook=True)  # before xdist's own; harmless without xdist
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """Use :class:`LongestFirstScheduling` for ``--dist loadscope`` (``None``: xdist decides)."""
    if config.getvalue("dist") != "loadscope":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class LongestFirstScheduling(LoadScopeScheduling):
        """loadscope with split modules and the longest scopes handed out first."""

        seconds = _scope_seconds()
        ordered = False

        def _split_scope(self, nodeid: str) -> str:
            module = nodeid.split("::", 1)[0]
            if module in SPLIT_MODULES:
                return nodeid
            if module in JOINED_SCOPES:
                return JOINED_SCOPES[module]
            return super()._split_scope(nodeid)

        def _assign_work_unit(self, node: Any) -> None:
            if not self.ordered:  # stable: scopes without a timing keep xdist's order, after
                order = sorted(self.workqueue, key=lambda s: -self.seconds.get(s, 0.0))
                self.workqueue = type(self.workqueue)((s, self.workqueue[s]) for s in order)
                self.ordered = True
            super()._assign_work_unit(node)

    return LongestFirstScheduling(config, log)
