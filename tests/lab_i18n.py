"""Test helper: JupyterLab's labels as the installed Indonesian language pack shows them.

JupyterLab translates its own strings with gettext catalogues from the language pack
(``jupyterlab-language-pack-id-ID``): plain ``trans.__("Run All Cells")`` for command labels, and
the context ``menu`` for menu-bar titles from settings schemas (``pgettext("menu", "Run")``; see
``jupyterlab_server.translation_utils.DEFAULT_SCHEMA_SELECTORS``). A string the pack does not
translate stays English, exactly as here. The browser tests click menus by these labels, so they
follow whatever the installed pack really says.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

LOCALE = "id_ID"


@cache
def catalogue() -> dict[str, list[str]]:
    """Return the pack's JupyterLab catalogue (msgid or ``context\\x04msgid`` -> translations).

    Raises:
        ModuleNotFoundError: the language pack is not installed (the 'lab' extra brings it).
    """
    import jupyterlab_language_pack_id_ID as pack

    path = Path(pack.__file__).parent / "locale" / LOCALE / "LC_MESSAGES" / "jupyterlab.json"
    return json.loads(path.read_text(encoding="utf-8"))


def label(msgid: str, context: str | None = None) -> str:
    """Return what JupyterLab shows for ``msgid`` in Indonesian (the English text if untranslated).

    Args:
        msgid: the English source string, e.g. ``"Run All Cells"``.
        context: gettext context, e.g. ``"menu"`` for a menu-bar title.
    """
    key = f"{context}\x04{msgid}" if context else msgid
    translated = catalogue().get(key) or [""]
    return translated[0] or msgid


def translated_labels() -> dict[str, str]:
    """Return every plain (context-free) msgid the pack translates, mapped to what JupyterLab shows.

    The catalogue's header entry (msgid ``""``) and context entries are left out.
    """
    return {
        key: label(key)
        for key, value in catalogue().items()
        if key and "\x04" not in key and isinstance(value, list) and label(key) != key
    }


def translated(msgid: str, context: str | None = None) -> bool:
    """Return True when the pack translates ``msgid`` (so the label differs from English)."""
    return label(msgid, context) != msgid
