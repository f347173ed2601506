"""Test helper: check that an HTML page has balanced tags (stdlib parser, no browser)."""

from __future__ import annotations

from html.parser import HTMLParser


class _Balanced(HTMLParser):
    VOID = {"meta", "br", "img", "hr", "link", "input"}

    def __init__(self):
        super().__init__()
        self.stack: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack.pop() != tag:
            self.errors.append(tag)


def assert_well_formed(text: str) -> None:
    p = _Balanced()
    p.feed(text)
    p.close()
    assert not p.errors and not p.stack, (p.errors, p.stack)
