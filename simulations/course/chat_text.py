"""Undo what a chat app or a phone keyboard does to an answer code before it is read.

A code copied through WhatsApp or Telegram can arrive wrapped in formatting (``*bold*``, triple
or single backquotes for monospace), followed by an emoji, sprinkled with invisible characters
(zero-width space, zero-width joiner, byte-order mark, right-to-left marks, no-break spaces), typed
with full-width letters (``ＴＤ２``) or with Cyrillic/Greek letters that look like Latin ones
(``ТD2`` with a Cyrillic ``Т``). :func:`clean_text` turns such text back into plain ASCII where the
intent is unambiguous, and says what it changed, so the reader can report it:

1. invisible characters are removed: every character of Unicode category ``Cf`` (format: ZWSP
   U+200B, ZWNJ, ZWJ U+200D, LRM/RLM, the bidi embeddings/overrides/isolates U+202A–U+202E and
   U+2066–U+2069, BOM U+FEFF, word joiner, soft hyphen) and the variation selectors U+FE00–U+FE0F;
2. Unicode NFKC (compatibility composition): full-width letters, digits and punctuation become
   ASCII, no-break spaces become spaces (Unicode Standard Annex #15);
3. an explicit map of look-alike letters (after Unicode's ``confusables.txt``, restricted to the
   characters an answer code uses: Latin letters, digits, ``.``, ``,``, ``-``): Cyrillic and Greek
   capitals and small letters that are drawn like a Latin letter, and dash variants.

What is *not* in the map stays as it is (for example the Turkish dotless ``ı``): the code reader then
refuses the code and names the character instead of silently folding it into ``I``.
"""

from __future__ import annotations

import unicodedata

__all__ = ["CONFUSABLES", "clean_text"]

CONFUSABLES: dict[str, str] = {
    # Cyrillic capitals drawn like Latin capitals
    "А": "A", "В": "B", "С": "C", "Е": "E", "Н": "H", "І": "I", "Ј": "J", "К": "K", "М": "M",
    "О": "O", "Р": "P", "Ѕ": "S", "Т": "T", "Х": "X", "У": "Y", "Ү": "Y", "Ԁ": "D", "Ԛ": "Q",
    "Ԝ": "W", "Ӏ": "I",
    # Cyrillic small letters drawn like Latin small letters
    "а": "a", "с": "c", "е": "e", "һ": "h", "і": "i", "ј": "j", "о": "o", "р": "p", "ѕ": "s",
    "х": "x", "у": "y", "ԁ": "d", "ԛ": "q", "ԝ": "w",
    # Greek capitals drawn like Latin capitals
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N",
    "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
    # Greek small letters drawn like Latin small letters
    "ο": "o", "ν": "v", "ρ": "p", "κ": "k", "χ": "x", "α": "a",
    # dashes and dots a keyboard or an app substitutes
    "‐": "-", "–": "-", "—": "-", "−": "-", "。": ".", "·": ".",
}  # fmt: skip
"""Look-alike character -> the ASCII character it is drawn like (reviewed by hand, not generated)."""

_TABLE = str.maketrans(CONFUSABLES)


def _invisible(ch: str) -> bool:
    return unicodedata.category(ch) == "Cf" or "\ufe00" <= ch <= "\ufe0f"


def clean_text(text: str) -> tuple[str, set[str]]:
    """Return ``text`` with invisible characters removed, NFKC applied and look-alikes mapped.

    Args:
        text: One line of pasted chat (any length; the caller caps it).

    Returns:
        The cleaned text and the set of changes made: ``"tak_terlihat"`` (invisible characters
        removed), ``"nfkc"`` (full-width or other compatibility characters), ``"mirip"`` (a
        Cyrillic/Greek look-alike or a dash variant replaced). Empty when nothing changed.

    Example:
        >>> clean_text("\\u200b*ТD2.P07*")
        ('*TD2.P07*', {'tak_terlihat', 'mirip'})
    """
    changes: set[str] = set()
    visible = "".join(ch for ch in text if not _invisible(ch))
    if visible != text:
        changes.add("tak_terlihat")
    # map look-alikes both before NFKC (Cyrillic letters are untouched by NFKC) and after it
    # (NFKC turns U+2011 NON-BREAKING HYPHEN into U+2010, which the map then makes "-")
    mapped = visible.translate(_TABLE)
    nfkc = unicodedata.normalize("NFKC", mapped)
    if nfkc != mapped:
        changes.add("nfkc")
    out = nfkc.translate(_TABLE)
    if out != nfkc or mapped != visible:
        changes.add("mirip")
    return out, changes
