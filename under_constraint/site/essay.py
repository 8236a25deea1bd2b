"""What the build reads from the essay: where it discusses each case, and its length.

Pure functions over the essay's Markdown; nothing here imports MkDocs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown.extensions.toc import slugify

from under_constraint.cases.slugs import SLUG

GALLERY_SLUG = "index"
WORDS_PER_MINUTE = 230
# Sections after the argument itself: they are reference, not reading.
END_OF_PROSE = re.compile(r"^## Sources\s*$", re.MULTILINE)
_CASE_LINK = re.compile(rf"\]\(\s*cases/({SLUG})\.md(?:#[^)\s]*)?\s*\)")
_HEADING = re.compile(r"^(#{2,3})\s+(.+?)\s*#*\s*$", re.MULTILINE)
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
_FOOTNOTE_DEFINITION = re.compile(r"^\[\^[^\]]+\]:.*(?:\n(?: {4}|\t).*)*", re.MULTILINE)
_FOOTNOTE_REFERENCE = re.compile(r"\[\^[^\]]+\]")
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_WORD = re.compile(r"[A-Za-z0-9$€£][\w'’.,%$-]*")
_HTML_TAG = re.compile(r"<[^>]*>")


@dataclass(frozen=True)
class Mention:
    """Where the essay first links to a case: the section it sits in."""

    heading: str
    anchor: str


def essay_mentions(markdown: str) -> dict[str, Mention]:
    """Each case slug the essay links to, with the section of its first link."""
    headings = [(m.start(), m.group(2)) for m in _HEADING.finditer(markdown)]
    mentions: dict[str, Mention] = {}
    for link in _CASE_LINK.finditer(markdown):
        slug = link.group(1)
        if slug in mentions or slug == GALLERY_SLUG:
            continue
        before = [text for start, text in headings if start < link.start()]
        heading = before[-1] if before else ""
        mentions[slug] = Mention(heading, slugify(heading, "-") if heading else "")
    return mentions


def prose_words(markdown: str) -> int:
    """Words a reader reads: no front matter, footnote definitions, link targets or Sources."""
    text = _FRONT_MATTER.sub("", markdown)
    text = END_OF_PROSE.split(text)[0]
    text = _FOOTNOTE_DEFINITION.sub("", text)
    text = _FOOTNOTE_REFERENCE.sub("", text)
    text = _LINK_TARGET.sub("]", text)
    text = _HTML_TAG.sub(" ", text)
    return len(_WORD.findall(text))


def reading_minutes(words: int) -> int:
    return max(1, round(words / WORDS_PER_MINUTE))
