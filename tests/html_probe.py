"""A small HTML reader for tests: elements with their attributes and text."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: str = ""
    children: list[Element] = field(default_factory=list)


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.open: list[Element] = []

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {name: value or "" for name, value in attrs})
        self.elements.append(element)
        if self.open:
            self.open[-1].children.append(element)
        if tag not in VOID:
            self.open.append(element)

    def handle_endtag(self, tag):
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index].tag == tag:
                del self.open[index:]
                return

    def handle_data(self, data):
        for element in self.open:
            element.text += data


def read_html(source: str | Path) -> list[Element]:
    text = source.read_text(encoding="utf-8") if isinstance(source, Path) else source
    reader = _Reader()
    reader.feed(text)
    reader.close()
    return reader.elements


def find_all(elements: list[Element], tag: str, **attrs: str) -> list[Element]:
    def matches(element):
        return element.tag == tag and all(
            element.attrs.get(name.replace("_", "-")) == value for name, value in attrs.items()
        )

    return [element for element in elements if matches(element)]


def has_class(element: Element, name: str) -> bool:
    return name in element.attrs.get("class", "").split()


def squash(text: str) -> str:
    return " ".join(text.split())
