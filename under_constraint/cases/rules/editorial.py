"""Editorial rules: length, tone and source form. Warnings for a contributor, kept at zero for the collection.

They are judgement more than form, so the validator reports them as warnings (a pull
request still shows each one on its line); the collection's own tests require that the
published cases have none.
"""

from __future__ import annotations

import re

from under_constraint.cases.problems import Problem

BODY_WORDS = (300, 900)
HYPE_WORDS = ("revolutionary", "game-changing", "game changer", "groundbreaking", "mind-blowing", "genius",
              "incredible", "unprecedented", "disruptive")
_WORD = re.compile(r"[\w'’-]+")
_HYPE = re.compile(r"\b(" + "|".join(re.escape(word) for word in HYPE_WORDS) + r")\b", re.IGNORECASE)
_WIKIPEDIA = re.compile(r"https://[a-z.]*wikipedia\.org/")
_CANONICAL_WIKIPEDIA = re.compile(r"https://en\.wikipedia\.org/wiki/[^\s?#]+(#\S+)?")


def check_body_length(body: str, first_line: int, shown: str) -> list[Problem]:
    words = len(_WORD.findall(body))
    low, high = BODY_WORDS
    if low <= words <= high:
        return []
    return [Problem(shown, first_line, f"the body has {words:,} words; a case is {low} to {high} words",
                    warning=True)]


def check_hype(text: str, shown: str) -> list[Problem]:
    """Words that praise instead of show, anywhere in the file, each on its line."""
    if not _HYPE.search(text):
        return []
    return [Problem(shown, number, f"'{match.group(1)}' praises instead of showing: say what happened",
                    warning=True)
            for number, line in enumerate(text.split("\n"), start=1) for match in _HYPE.finditer(line)]


def check_wikipedia_sources(urls: list[str], lines: list[int], shown: str) -> list[Problem]:
    """Wikipedia sources in the stable form readers and link checkers expect."""
    return [Problem(shown, line, f"source {index + 1}: link Wikipedia as https://en.wikipedia.org/wiki/Article, "
                    f"found '{url}'", warning=True)
            for index, (url, line) in enumerate(zip(urls, lines, strict=False))
            if _WIKIPEDIA.match(url) and not _CANONICAL_WIKIPEDIA.fullmatch(url)]
