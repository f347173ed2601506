"""One-call set-up for the course notebooks: friendly Indonesian errors and a version print-out.

Every notebook's first code cell runs::

    from simulations.course.notebook import setup
    SEED = setup()

After that, a :class:`~simulations.core.errors.SimulationInputError` raised in any cell is shown as its
Indonesian message (``err.pesan``) in a red box instead of a traceback.

When the environment variable ``TANGGUH_STRICT_ERRORS`` is set (the test suite sets it, see the
repository's ``conftest.py``), the friendly handler is not installed, so nbval sees a real error
output for any cell that raises and is not tagged ``raises-exception``. The browser tests run
without it, to check what participants see.
"""

from __future__ import annotations

import os
import platform
import sys
from html import escape
from typing import Any

from simulations.core.errors import SimulationInputError, friendly_message

STRICT_ERRORS_ENV = "TANGGUH_STRICT_ERRORS"
"""Set this environment variable to keep real tracebacks (for nbval)."""

DEFAULT_SEED = 2024
"""The seed the notebooks use unless the trainer changes it."""


def _show_error(
    shell: Any, etype: type, value: BaseException, tb: Any, tb_offset: int | None = None
) -> None:
    """IPython custom exception handler: show the Indonesian message once, not the traceback.

    One output with two forms: a red HTML box for JupyterLab and the same sentence as plain text
    for a terminal. Nothing goes to stderr, which JupyterLab would show as a second, pink box.
    """
    text = friendly_message(value)
    html = (
        '<div style="color:#b00020;border-left:4px solid #b00020;padding:4px 8px">'
        f"<b>Masukan tidak valid.</b> {escape(text)}</div>"
    )
    plain = f"Masukan tidak valid: {text}"
    try:
        from IPython.display import display

        display({"text/html": html, "text/plain": plain}, raw=True)
    except Exception:  # pragma: no cover - outside IPython
        print(plain, file=sys.stderr)
    return None


def setup(seed: int = DEFAULT_SEED, *, quiet: bool = False) -> int:
    """Prepare a notebook: register friendly errors, set matplotlib defaults, print versions.

    Args:
        seed: The notebook's random seed (returned, so the notebook can write ``SEED = setup()``).
        quiet: If True, print nothing.

    Returns:
        ``seed``.
    """
    try:
        from IPython import get_ipython

        shell = get_ipython()
    except ImportError:  # pragma: no cover
        shell = None
    if shell is not None and not os.environ.get(STRICT_ERRORS_ENV):
        shell.set_custom_exc((SimulationInputError,), _show_error)
    try:
        import matplotlib as mpl

        mpl.rcParams.update(
            {"figure.dpi": 100, "axes.grid": True, "grid.alpha": 0.3, "figure.autolayout": True}
        )
    except ImportError:  # pragma: no cover
        pass
    if not quiet:
        print(versions_text())
        print(f"SEED = {seed} (ganti angka ini untuk mengulang dengan keacakan lain)")
    return seed


def versions_text() -> str:
    """Return one line with the versions of Python and the main libraries."""
    parts = [f"Python {platform.python_version()}"]
    for name in ("mesa", "networkx", "numpy", "scipy", "pandas", "matplotlib", "ipywidgets"):
        try:
            module = __import__(name)
            parts.append(f"{name} {module.__version__}")
        except ImportError:
            parts.append(f"{name} (tidak terpasang)")
    from simulations import __version__

    parts.append(f"simulations {__version__}")
    return " · ".join(parts)
