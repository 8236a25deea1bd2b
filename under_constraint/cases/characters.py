"""Characters a case file or the taxonomy may not hold, found line by line.

Control characters are invisible in an editor and in review, and parsers disagree on
them: Python-Markdown drops some inside a tag name, so '<scr' + U+0002 + 'ipt>' would
become a script. Bidirectional controls and zero-width characters make front-matter
text read differently from what it is (a title that looks like another's, a name
spelt backwards on screen).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# C0 controls but tab and newline, DEL, and C1 controls.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Bidirectional marks, embeddings, overrides and isolates; zero-width spaces and joiners.
_INVISIBLE = re.compile("[\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def control_lines(text: str, first_line: int = 1) -> Iterator[tuple[int, str]]:
    """(line, message) for each line holding a control character other than tab."""
    if not _CONTROL.search(text):
        return
    yield from _lines_with(_CONTROL, text, first_line, "control character")


def invisible_lines(text: str, first_line: int = 1) -> Iterator[tuple[int, str]]:
    """(line, message) for each line holding a bidirectional control or zero-width character."""
    if text.isascii() or not _INVISIBLE.search(text):
        return
    yield from _lines_with(_INVISIBLE, text, first_line, "invisible formatting character")


def _lines_with(pattern: re.Pattern, text: str, first_line: int, what: str) -> Iterator[tuple[int, str]]:
    for offset, line in enumerate(text.split("\n")):
        found = sorted(set(pattern.findall(line)))
        if found:
            names = ", ".join(f"U+{ord(char):04X}" for char in found)
            yield first_line + offset, f"{what} {names} is not allowed here: delete it and retype the text around it"
