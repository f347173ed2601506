"""Install the workbook's JupyterLab defaults (Indonesian interface, no news pop-up) for one Python.

JupyterLab reads default settings from ``overrides.json`` in its *application settings directory*,
``<app dir>/settings`` where ``<app dir>`` is ``jupyterlab.commands.get_app_dir()`` (normally
``{sys.prefix}/share/jupyter/lab``); jupyterlab-rise's slide view reads the same file. Values there
replace the defaults of each plugin's settings schema, and a participant can still change them in
*Settings* (user settings win). See https://jupyterlab.readthedocs.io/en/stable/user/directories.html
(section "overrides.json").

The one source of these defaults is ``jupyter/overrides.json`` beside this script. Every place that
runs JupyterLab installs it with this script, run by *that* environment's Python:

- ``make lab`` / ``make test``: ``.venv/bin/python jupyter/install_overrides.py``
- Binder: ``postBuild``
- classroom server: ``classroom/install.sh`` (into ``<prefix>/venv``)
- Docker image (and so the Zero to JupyterHub single-user pods): ``classroom/Dockerfile``

An ``overrides.json`` already in the target directory (an administrator's own defaults) is kept and
merged: only the keys of the project's file are set.

Usage::

    python jupyter/install_overrides.py [--settings-dir DIR] [--check]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

SOURCE = Path(__file__).resolve().with_name("overrides.json")
LANGUAGE_PACK_MODULE = "jupyterlab_language_pack_id_ID"  # PyPI jupyterlab-language-pack-id-ID


def app_settings_dir() -> Path:
    """Return the application settings directory of the JupyterLab in this Python.

    Returns:
        ``<app dir>/settings`` as JupyterLab's ``LabApp.app_settings_dir`` defaults to it
        (``get_app_dir()`` honours ``$JUPYTERLAB_DIR``).

    Raises:
        SystemExit: JupyterLab is not installed in this Python.
    """
    try:
        from jupyterlab.commands import get_app_dir
    except ImportError:
        raise SystemExit(
            f"JupyterLab is not installed in {sys.executable}: install the 'lab' extra first "
            "(pip install -e '.[lab]')"
        ) from None
    return Path(get_app_dir()) / "settings"


def merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """Return ``base`` updated with ``extra``, recursively for nested dicts (neither is changed).

    Args:
        base: settings already installed (plugin id -> settings).
        extra: the project's settings; its leaves win.

    Returns:
        A new dict.
    """
    out = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        else:
            out[key] = value
    return out


def _read_json(path: Path) -> dict[str, Any]:
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise SystemExit(f"{path} does not hold a JSON object (plugin id -> settings)")
    return data


def is_installed(settings_dir: Path, source: Path = SOURCE) -> bool:
    """Return True when ``settings_dir/overrides.json`` already holds every key of ``source``."""
    target = settings_dir / "overrides.json"
    if not target.exists():
        return False
    try:
        current = _read_json(target)
    except (json.JSONDecodeError, SystemExit):
        return False
    return merge(current, _read_json(source)) == current


def install(settings_dir: Path, source: Path = SOURCE) -> Path:
    """Write (or merge) ``source`` into ``settings_dir/overrides.json``; return that path.

    Args:
        settings_dir: JupyterLab's application settings directory (created if missing).
        source: the project's overrides file.

    Returns:
        The path written, world-readable (the classroom server's participants read it).

    Raises:
        SystemExit: an existing ``overrides.json`` there is not valid JSON (it is left alone).
    """
    wanted = _read_json(source)
    target = settings_dir / "overrides.json"
    current: dict[str, Any] = {}
    if target.exists():
        try:
            current = _read_json(target)
        except json.JSONDecodeError as exc:
            raise SystemExit(f"{target} is not valid JSON ({exc}); fix or remove it") from None
    settings_dir.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=settings_dir, prefix=".overrides-", suffix=".json")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(merge(current, wanted), f, indent=2, ensure_ascii=False)
        f.write("\n")
    os.chmod(tmp, 0o644)
    os.replace(tmp, target)
    return target


def main(argv: list[str] | None = None) -> int:
    """Command line: install (default) or ``--check`` the overrides; exit status 1 if missing."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--settings-dir",
        type=Path,
        help="target directory (default: this Python's JupyterLab application settings dir)",
    )
    parser.add_argument(
        "--check", action="store_true", help="only check that the defaults are installed"
    )
    args = parser.parse_args(argv)
    settings_dir = args.settings_dir or app_settings_dir()
    if args.check:
        ok = is_installed(settings_dir)
        print(f"{settings_dir / 'overrides.json'}: {'installed' if ok else 'MISSING'}")
        return 0 if ok else 1
    target = install(settings_dir)
    print(f"JupyterLab defaults (Indonesian, no news) installed in {target}")
    if importlib.util.find_spec(LANGUAGE_PACK_MODULE) is None:
        print(
            "WARNING: the Indonesian language pack is not installed here "
            "(pip install jupyterlab-language-pack-id-ID); JupyterLab stays in English",
            file=sys.stderr,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
