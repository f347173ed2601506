"""Numbers participants read go through the Babel formatter, never through hand-made formatting.

:mod:`simulations.core.formatting` writes numbers the Indonesian way (``format_id``, ``pct_id``,
``general_id``: dot between thousands, decimal comma). This test parses every module of
``simulations/`` with :mod:`ast` and fails on formatting done by hand:

* ``.replace(".", ",")`` anywhere (turning a point into a comma is the formatter's job);
* ``.replace(",", ".")`` applied to an f-string or ``format()`` result (regrouping by hand);
* a numeric format spec (``:.2f``, ``:.0%``, ``:g``, ``:,``…) in an f-string, a ``format()`` call,
  ``"…{:.1f}".format`` or ``"%.1f" % …`` — except inside the *English* message of an error
  (first argument of a ``…Error(...)`` call, or the ``en`` argument of the data loaders'
  ``data_error``), in dates (``:%d-%m-%Y``), zero-padded codes (``:02d``), and lines marked
  ``# notation: english`` (English text such as the CLI's or a range shown to researchers).

The check is syntactic, so it does not depend on running anything (no flaky outputs).
"""

from __future__ import annotations

import ast
import re
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

EXEMPT = {
    "simulations/core/formatting.py": "the formatter itself",
    "simulations/__main__.py": "the researchers' CLI prints English tables",
}
"""Files not checked, with the reason."""

PRAGMA = "# notation: english"

_DATE = re.compile(r"%[a-zA-Z]")
_CODE = re.compile(r"0\d+d")
_NUMERIC = re.compile(r"[,_]|\.\d|[eEfFgG%n]$")


def _is_numeric_spec(spec: str) -> bool:
    if _DATE.search(spec) or _CODE.fullmatch(spec):
        return False
    return bool(_NUMERIC.search(spec))


def _spec_text(node: ast.FormattedValue) -> str:
    if node.format_spec is None:
        return ""
    return "".join(
        str(v.value) if isinstance(v, ast.Constant) else "{}" for v in node.format_spec.values
    )


def _english_message(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    """True if ``node`` lies in the English argument of an error constructor or ``data_error``."""
    child = node
    while child in parents:
        parent = parents[child]
        if isinstance(parent, ast.Call):
            name = getattr(parent.func, "id", getattr(parent.func, "attr", ""))
            if name.endswith("Error") and parent.args and parent.args[0] is child:
                return True
            if name == "data_error" and len(parent.args) > 3 and parent.args[3] is child:
                return True
            return False
        child = parent
    return False


def hand_formatting(source: str) -> list[tuple[int, str]]:
    """Return ``(line, what)`` for every number formatted by hand in ``source``."""
    tree = ast.parse(source)
    lines = source.splitlines()
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    found = []

    def report(node: ast.AST, what: str) -> None:
        if PRAGMA not in lines[node.lineno - 1] and not _english_message(node, parents):
            found.append((node.lineno, what))

    for node in ast.walk(tree):
        if isinstance(node, ast.FormattedValue):
            spec = _spec_text(node)
            if spec and _is_numeric_spec(spec):
                report(node, f"f-string spec ':{spec}'")
        elif isinstance(node, ast.Call):
            func = node.func
            args = [a.value if isinstance(a, ast.Constant) else None for a in node.args]
            if isinstance(func, ast.Attribute) and func.attr == "replace" and args == [".", ","]:
                report(node, '.replace(".", ",")')
            elif isinstance(func, ast.Attribute) and func.attr == "replace" and args == [",", "."]:
                inner = func.value
                made = isinstance(inner, ast.JoinedStr) or (
                    isinstance(inner, ast.Call) and getattr(inner.func, "id", "") == "format"
                )
                if made:
                    report(node, '.replace(",", ".") on a formatted number')
            elif isinstance(func, ast.Name) and func.id == "format" and len(args) == 2:
                if isinstance(args[1], str) and _is_numeric_spec(args[1]):
                    report(node, f"format(..., {args[1]!r})")
            elif (
                isinstance(func, ast.Attribute)
                and func.attr == "format"
                and isinstance(func.value, ast.Constant)
                and isinstance(func.value.value, str)
            ):
                specs = re.findall(r"\{[^{}]*:([^{}]+)\}", func.value.value)
                if any(_is_numeric_spec(s) for s in specs):
                    report(node, "str.format with a numeric spec")
        elif (
            isinstance(node, ast.BinOp)
            and isinstance(node.op, ast.Mod)
            and isinstance(node.left, ast.Constant)
            and isinstance(node.left.value, str)
            and re.search(r"%[-+ #0]*\d*(\.\d+)?[dfeEgG]", node.left.value)
        ):
            report(node, "%-formatting of a number")
    return sorted(found)


def test_participant_numbers_go_through_the_formatter():
    problems = []
    for path in sorted((ROOT / "simulations").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if rel in EXEMPT:
            continue
        for line, what in hand_formatting(path.read_text(encoding="utf-8")):
            problems.append(f"{rel}:{line}: {what}")
    assert problems == [], "format with simulations.core.formatting instead:\n" + "\n".join(
        problems
    )


def test_exempt_files_exist():
    for rel in EXEMPT:
        assert (ROOT / rel).is_file(), f"{rel} is gone: remove it from EXEMPT"


def test_checker_finds_each_kind_of_hand_formatting():
    source = textwrap.dedent(
        """
        def summary(x, share, n, when):
            a = f"rata-rata {x:.2f}".replace(".", ",")
            b = f"{share:.0%} warga"
            c = f"{n:,}".replace(",", ".")
            d = format(x, ".1f")
            e = "nilai {:.3f}".format(x)
            f = "nilai %.1f" % x
            g = f"{x:g}"
            ok1 = f"{when:%d-%m-%Y} kode P{n:02d} {n} orang"
            ok2 = f"{x:g}"  # notation: english
            raise ValueError(f"x={x:.2f} is too large", f"x = {x:.2f} terlalu besar")
        """
    )
    found = hand_formatting(source)
    assert [line for line, _ in found] == [3, 3, 4, 5, 5, 6, 7, 8, 9, 12]
    assert found[-1] == (12, "f-string spec ':.2f'")  # the Indonesian message, not the English one
