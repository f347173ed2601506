"""One word per concept: load ``curriculum/glosarium.yaml`` and find discouraged variants in course texts.

The glossary lists each preferred term with its definition and the variants to avoid (Python regular
expressions, case-insensitive unless ``peka_huruf: true``). :func:`course_texts` collects what
participants and trainers read: notebook markdown and the string literals and comments of code cells, facilitator
guides, answer keys, the syllabus, the question bank's texts, and the non-docstring string literals of the
``simulations`` package (plot titles, widget labels, summaries). :func:`violations` returns every
match with its place. Before matching, web addresses, inline code and identifiers/paths (tokens with
``_`` or ``/``) are removed, so ``04_literasi_digital_moderasi_beragama.ipynb`` or a URL is not a hit.

The same file holds the participants' list of acronyms (``singkatan``): :func:`load_acronyms` reads it,
:func:`acronyms_markdown` renders it (notebook 00 and the handbook page
``curriculum/glosarium_singkatan.md``), and :func:`acronym_problems` checks that every capitalised
acronym a notebook uses is listed (or declared not to be one in ``bukan_singkatan``) and that every
entry is used.

Command line::

    python -m simulations.course.glossary              # list violations, exit 1 when there are any
    python -m simulations.course.glossary --singkatan  # write curriculum/glosarium_singkatan.md
"""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from simulations.core.errors import DataError
from simulations.data.yaml_file import read_yaml

__all__ = [
    "Acronym",
    "Term",
    "Violation",
    "acronym_candidates",
    "acronym_problems",
    "acronyms_markdown",
    "course_texts",
    "find",
    "load_acronyms",
    "load_glossary",
    "violations",
]

_FILE = "glosarium.yaml"
_IDENTIFIER = re.compile(r"^[a-z][a-z0-9_]*$")
_STRIP = [
    re.compile(r"https?://\S+"),
    re.compile(r"`[^`\n]*`"),
    re.compile(r"\S*[_/]\S*"),
]


def _root() -> Path:
    return Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Term:
    """A preferred term, its definition and the compiled patterns of its discouraged variants."""

    term: str
    definition: str
    avoid: tuple[re.Pattern[str], ...]
    suggestions: tuple[str, ...]


@dataclass(frozen=True)
class Violation:
    """A discouraged variant found in a text: where, what was found, and the preferred term."""

    place: str
    found: str
    term: str
    suggestion: str

    def __str__(self) -> str:
        return f"{self.place}: {self.found!r} → {self.suggestion!r} (istilah: {self.term})"


def load_glossary(path: str | Path | None = None) -> tuple[Term, ...]:
    """Load and validate the glossary.

    Args:
        path: The YAML file; ``curriculum/glosarium.yaml`` of the repository when None.

    Raises:
        DataError: Missing fields or a pattern that is not a valid regular expression.
    """
    path = Path(path) if path is not None else _root() / "curriculum" / _FILE
    data = read_yaml(path, "glossary", "glosarium") or {}
    terms = []
    for i, raw in enumerate(data.get("istilah") or []):
        where = f"istilah[{i}]"
        if not isinstance(raw, dict) or not raw.get("istilah") or not raw.get("definisi"):
            raise DataError(
                f"{_FILE}: {where}: needs 'istilah' and 'definisi'",
                f"{_FILE}: {where}: wajib berisi 'istilah' dan 'definisi'.",
                file=_FILE,
                column=where,
            )
        pats, sugg = [], []
        for j, h in enumerate(raw.get("hindari") or []):
            try:
                flags = 0 if h.get("peka_huruf") else re.IGNORECASE
                pats.append(re.compile(h["pola"], flags))
            except (re.error, KeyError, TypeError, AttributeError) as exc:
                raise DataError(
                    f"{_FILE}: {where}.hindari[{j}]: not a valid pattern ({exc})",
                    f"{_FILE}: {where}.hindari[{j}]: pola tidak sah ({exc}).",
                    file=_FILE,
                    column=f"{where}.hindari[{j}]",
                ) from exc
            sugg.append(str(h.get("saran") or raw["istilah"]))
        terms.append(
            Term(str(raw["istilah"]), str(raw["definisi"]).strip(), tuple(pats), tuple(sugg))
        )
    if not terms:
        raise DataError(f"{_FILE}: no terms", f"{_FILE}: tidak ada istilah.", file=_FILE)
    return tuple(terms)


def _clean(text: str) -> str:
    for pat in _STRIP:
        text = pat.sub(" ", text)
    return text


def find(text: str, terms: Iterable[Term], place: str = "") -> list[Violation]:
    """Return the discouraged variants in ``text`` (after removing URLs, inline code, identifiers)."""
    text = _clean(text)
    out = []
    for t in terms:
        for pat, s in zip(t.avoid, t.suggestions, strict=True):
            for m in pat.finditer(text):
                line = text.count("\n", 0, m.start()) + 1
                out.append(
                    Violation(f"{place}:{line}" if place else str(line), m.group(0), t.term, s)
                )
    return out


def _code_strings(source: str, *, skip_docstrings: bool = False) -> list[str]:
    """Return the string literals of Python source (f-string constant parts included)."""
    lines = [ln for ln in source.splitlines() if not ln.lstrip().startswith(("%", "!"))]
    try:
        tree = ast.parse("\n".join(lines))
    except SyntaxError:
        return []
    docstrings: set[int] = set()
    if skip_docstrings:
        for node in ast.walk(tree):
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
                body = node.body
                if (
                    body
                    and isinstance(body[0], ast.Expr)
                    and isinstance(body[0].value, ast.Constant)
                ):
                    docstrings.add(id(body[0].value))
    return [
        n.value
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings
    ]


def _code_comments(source: str) -> list[str]:
    """Return the ``#`` comments of Python source (participants read them in code cells)."""
    import io
    import tokenize

    try:
        return [
            tok.string.lstrip("#").strip()
            for tok in tokenize.generate_tokens(io.StringIO(source).readline)
            if tok.type == tokenize.COMMENT
        ]
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return []


def _yaml_strings(obj) -> Iterator[str]:
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, dict):
        for v in obj.values():
            yield from _yaml_strings(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from _yaml_strings(v)


def course_texts(
    root: str | Path | None = None, *, parts: Iterable[str] | None = None
) -> Iterator[tuple[str, str]]:
    """Yield ``(place, text)`` for everything participants and trainers read.

    Args:
        root: Repository root (default: this checkout).
        parts: Subset of ``{"notebooks", "guides", "keys", "syllabus", "bank", "package"}``; all when None.
    """
    root = Path(root) if root is not None else _root()
    parts = set(parts or ("notebooks", "guides", "keys", "syllabus", "bank", "package"))
    if "notebooks" in parts:
        for nb_path in sorted((root / "notebooks").glob("*.ipynb")):
            nb = json.loads(nb_path.read_text(encoding="utf-8"))
            for cell in nb.get("cells", []):
                src = "".join(cell.get("source", ""))
                place = f"notebooks/{nb_path.name}#{cell.get('id', '?')}"
                if cell.get("cell_type") == "markdown":
                    yield place, src
                elif cell.get("cell_type") == "code":
                    yield place, "\n".join(_code_strings(src) + _code_comments(src))
    if "guides" in parts:
        for p in sorted((root / "curriculum" / "panduan_fasilitator").glob("*.md")):
            yield f"curriculum/panduan_fasilitator/{p.name}", p.read_text(encoding="utf-8")
    if "keys" in parts:
        for p in sorted((root / "curriculum" / "kunci").glob("*.md")):
            yield f"curriculum/kunci/{p.name}", p.read_text(encoding="utf-8")
    if "syllabus" in parts:
        syl = root / "curriculum" / "silabus.yaml"
        if syl.is_file():
            data = read_yaml(syl, "syllabus file", "silabus")
            yield "curriculum/silabus.yaml", "\n".join(_yaml_strings(data))
    if "bank" in parts:
        bank = root / "curriculum" / "bank_soal.yaml"
        if bank.is_file():
            data = read_yaml(bank, "question bank", "bank soal")
            yield "curriculum/bank_soal.yaml", "\n".join(_yaml_strings(data))
    if "package" in parts:
        for p in sorted((root / "simulations").rglob("*.py")):
            strings = _code_strings(p.read_text(encoding="utf-8"), skip_docstrings=True)
            # Bare lower-case keys ("moderasi" as a dict key) are identifiers, not text anyone reads.
            strings = [s for s in strings if not _IDENTIFIER.match(s)]
            yield str(p.relative_to(root)), "\n".join(strings)
        for p in sorted((root / "simulations").rglob("*.yaml")):  # texts kept as data (scenarios)
            data = read_yaml(p, "package data file", "data paket")
            yield str(p.relative_to(root)), "\n".join(_yaml_strings(data))


def violations(
    root: str | Path | None = None,
    *,
    parts: Iterable[str] | None = None,
    terms: Iterable[Term] | None = None,
) -> list[Violation]:
    """Return every discouraged variant in the course texts (see :func:`course_texts`)."""
    terms = tuple(terms) if terms is not None else load_glossary()
    out: list[Violation] = []
    for place, text in course_texts(root, parts=parts):
        out.extend(find(text, terms, place))
    return out


# ------------------------------------------------------------------------------ acronyms (singkatan)
@dataclass(frozen=True)
class Acronym:
    """An acronym the workbook uses and what it stands for (Indonesian)."""

    abbr: str
    meaning: str


ACRONYM = re.compile(r"(?<![\w/.-])([A-Z][A-Z0-9]+(?:-[A-Z0-9]+)*)(?![\w/])")
"""A capitalised acronym: two or more capitals or digits, starting with a capital (``UU``, ``IP-TIK``, ``KR-20``)."""

_REFERENCES = re.compile(r"^(#{1,3}\s+Referensi|\*\*Referensi)", re.MULTILINE)


def _glossary_data(path: str | Path | None) -> dict:
    path = Path(path) if path is not None else _root() / "curriculum" / _FILE
    return read_yaml(path, "glossary", "glosarium") or {}


def load_acronyms(path: str | Path | None = None) -> tuple[tuple[Acronym, ...], dict[str, str]]:
    """Load the acronym list (``singkatan``) and the capitalised words that are not acronyms.

    Args:
        path: The glossary YAML; ``curriculum/glosarium.yaml`` of the repository when None.

    Returns:
        ``(acronyms sorted A–Z, {word: reason})`` of ``singkatan`` and ``bukan_singkatan``.

    Raises:
        DataError: An entry lacks ``singkatan``/``arti`` (or ``kata``/``alasan``), or an acronym is listed twice.
    """
    data = _glossary_data(path)
    out: list[Acronym] = []
    seen: set[str] = set()
    for i, raw in enumerate(data.get("singkatan") or []):
        where = f"singkatan[{i}]"
        if (
            not isinstance(raw, dict)
            or not str(raw.get("singkatan") or "").strip()
            or not str(raw.get("arti") or "").strip()
        ):
            raise DataError(
                f"{_FILE}: {where}: needs 'singkatan' and 'arti'",
                f"{_FILE}: {where}: wajib berisi 'singkatan' dan 'arti'.",
                file=_FILE,
                column=where,
            )
        abbr = str(raw["singkatan"]).strip()
        if abbr in seen:
            raise DataError(
                f"{_FILE}: {where}: {abbr!r} is listed twice",
                f"{_FILE}: {where}: {abbr!r} tercantum dua kali.",
                file=_FILE,
                column=where,
            )
        seen.add(abbr)
        out.append(Acronym(abbr, str(raw["arti"]).strip()))
    not_acronyms: dict[str, str] = {}
    for i, raw in enumerate(data.get("bukan_singkatan") or []):
        if not isinstance(raw, dict) or not raw.get("kata") or not raw.get("alasan"):
            raise DataError(
                f"{_FILE}: bukan_singkatan[{i}]: needs 'kata' and 'alasan'",
                f"{_FILE}: bukan_singkatan[{i}]: wajib berisi 'kata' dan 'alasan'.",
                file=_FILE,
                column=f"bukan_singkatan[{i}]",
            )
        not_acronyms[str(raw["kata"])] = str(raw["alasan"])
    return tuple(sorted(out, key=lambda a: a.abbr.casefold())), not_acronyms


def acronyms_markdown(path: str | Path | None = None) -> str:
    """The acronym list as a Markdown table (Indonesian headers), sorted A–Z."""
    acronyms, _ = load_acronyms(path)
    lines = ["| Singkatan | Kepanjangan atau arti |", "|---|---|"]
    lines += [f"| **{a.abbr}** | {a.meaning.replace('|', '/')} |" for a in acronyms]
    return "\n".join(lines)


def _participant_markdown(root: Path) -> Iterator[tuple[str, str]]:
    """Markdown that participants read in the notebooks, without reference lists, web addresses and code."""
    from simulations.course.schedule import heading_level

    for nb_path in sorted((root / "notebooks").glob("*.ipynb")):
        nb = json.loads(nb_path.read_text(encoding="utf-8"))
        in_refs = False
        for cell in nb.get("cells", []):
            if cell.get("cell_type") != "markdown":
                continue
            src = "".join(cell.get("source", ""))
            if heading_level(src) in (1, 2):
                in_refs = src.lstrip("# ").startswith("Referensi")
            if in_refs:
                continue
            m = _REFERENCES.search(src)
            if m:
                src = src[: m.start()]
            src = re.sub(r"https?://\S+", " ", src)
            src = re.sub(r"`[^`\n]*`", " ", src)
            yield f"notebooks/{nb_path.name}#{cell.get('id', '?')}", src


def acronym_candidates(root: str | Path | None = None) -> dict[str, list[str]]:
    """Capitalised acronyms in the notebooks' participant text: ``{acronym: [places]}``."""
    root = Path(root) if root is not None else _root()
    out: dict[str, list[str]] = {}
    for place, text in _participant_markdown(root):
        for word in ACRONYM.findall(text):
            out.setdefault(word, []).append(place)
    return out


def acronym_problems(root: str | Path | None = None, path: str | Path | None = None) -> list[str]:
    """Acronyms the notebooks use but the list lacks, and listed acronyms nothing uses (one line each)."""
    root = Path(root) if root is not None else _root()
    acronyms, not_acronyms = load_acronyms(path)
    listed = {a.abbr for a in acronyms}
    out = [
        f"{word} (e.g. {places[0]}) is not in singkatan or bukan_singkatan of {_FILE}"
        for word, places in sorted(acronym_candidates(root).items())
        if word not in listed and word not in not_acronyms
    ]
    texts = [t for _, t in _participant_markdown(root)]
    texts += [
        p.read_text(encoding="utf-8")
        for p in sorted((root / "curriculum" / "panduan_fasilitator").glob("*.md"))
    ]
    for a in acronyms:
        flags = re.IGNORECASE if a.abbr.islower() else 0  # "pemda", "ormas" may open a sentence
        pat = re.compile(rf"(?<![\w-]){re.escape(a.abbr)}(?![\w-])", flags)
        if not any(pat.search(t) for t in texts):
            out.append(f"{a.abbr} is listed in singkatan but used in no notebook or guide")
    return out


ACRONYM_PAGE = "glosarium_singkatan.md"


def acronym_page(path: str | Path | None = None) -> str:
    """The handbook page listing every acronym (Markdown)."""
    return (
        "# Daftar singkatan\n\n"
        "Singkatan yang dipakai di buku kerja, panduan fasilitator, dan lembar kerja, disusun menurut abjad. Daftar\n"
        "yang sama tampil di notebook 00 (bagian *Daftar singkatan*). Sumbernya `curriculum/glosarium.yaml`\n"
        "(bagian `singkatan`); halaman ini dibuat dengan `python -m simulations.course.glossary --singkatan`.\n\n"
        + acronyms_markdown(path)
        + "\n"
    )


def main(argv: list[str] | None = None) -> int:
    """Print the violations (return 1 when there are any); ``--singkatan`` writes the acronym page."""
    import argparse

    parser = argparse.ArgumentParser(
        description="Glosarium: bentuk yang dihindari dan daftar singkatan."
    )
    parser.add_argument("--singkatan", action="store_true", help=f"tulis curriculum/{ACRONYM_PAGE}")
    args = parser.parse_args(argv)
    if args.singkatan:
        page = _root() / "curriculum" / ACRONYM_PAGE
        page.write_text(acronym_page(), encoding="utf-8")
        print("Ditulis:", page)
    found = violations()
    for v in found:
        print(v)
    for p in acronym_problems():
        print("SINGKATAN:", p)
    return 1 if found else 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
