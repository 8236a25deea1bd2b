"""Limits on the shape of a case body, checked before it is rendered.

Python-Markdown's inline patterns backtrack: some shapes of text cost time that grows
faster than their length ('*a*a*a...', '[a[a[a...', nested links, deep quotes), and a
few hundred thousand '[' held a build for more than fifteen minutes. Each limit here was
set from measurements of those shapes (`python -m under_constraint.bench.bench --adversarial` prints
them) and sits far above what prose needs, so that the slowest body that passes renders
within a small multiple of a normal case.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# One paragraph written on one line stays far below this.
MAX_LINE_CHARS = 5_000
# Each block costs the renderer a fixed amount: thousands of one-word paragraphs or
# one-item lists are slow. The longest real case has about 70 lines.
MAX_LINES = 400
# The block parser tests the rest of a block again each time it splits a line off
# ('## h' or setext lines with no blank line between): cost grows with the square of a
# block's lines. The longest real paragraph has about 36.
MAX_BLOCK_LINES = 80
# Runs of one markup character ('[[[[', '<<<<', '****', '{{{{'): no case needs 20.
MAX_RUN = 20
_RUN = re.compile(rf"([\[\]<>*_`{{}}\\&!(|~#^:-])\1{{{MAX_RUN - 1},}}")
# Characters Markdown's inline patterns start from. The longest real case uses a few
# dozen; long chains of them are what costs time.
MARKUP_CHARS = "[]<>*_`{}|&\\!~^"
MAX_MARKUP_CHARS = 600
# The costliest openers, each on its own: 80 links or footnotes, 20 code blocks, a few tags.
MAX_EACH = {"[": 80, "`": 120, "<": 60}
# Python-Markdown recurses once per level of quotes and lists.
MAX_QUOTE_DEPTH = 8
MAX_LIST_DEPTH = 8
# Quote and list markers opening a line ('> - > -', '+ + + +'): each one nests a block.
_CONTAINERS = re.compile(r"^(?:[ \t]*(?:>|(?:[-+*]|[0-9]{1,9}[.)])(?=[ \t])))+")
_MARKER = re.compile(r">|[-+*]|[0-9]{1,9}[.)]")
_INDENT = re.compile(r"^[ \t]+")


def check_limits(body: str) -> Iterator[tuple[int, str]]:
    """(line offset in the body, message) for each line past a limit, then the body's markup count."""
    lines = body.split("\n")
    block = 0
    for offset, line in enumerate(lines):
        message = _line_problem(line)
        if message:
            yield offset, message
        block = block + 1 if line.strip() else 0
        if block == MAX_BLOCK_LINES + 1:
            yield offset, (f"more than {MAX_BLOCK_LINES} lines without a blank line; "
                           "separate paragraphs and headings with blank lines")
    if len(lines) > MAX_LINES:
        yield MAX_LINES, f"the body has {len(lines):,} lines; at most {MAX_LINES}: a case is a few hundred words"
    for char, most in MAX_EACH.items():
        count = body.count(char)
        if count > most:
            yield 0, f"the body has {count:,} '{char}'; at most {most}: a case needs far fewer"
    markup = sum(body.count(char) for char in MARKUP_CHARS)
    if markup > MAX_MARKUP_CHARS:
        yield 0, (f"the body has {markup:,} markup characters ({' '.join(MARKUP_CHARS)}); at most "
                  f"{MAX_MARKUP_CHARS:,}: a case is prose, with a few links and some emphasis")


def _line_problem(line: str) -> str | None:
    if len(line) > MAX_LINE_CHARS:
        return (f"line is {len(line):,} characters long; at most {MAX_LINE_CHARS:,}: "
                "break the paragraph over several lines")
    run = _RUN.search(line) if len(line) >= MAX_RUN else None
    if run:
        return (f"{len(_full_run(line, run))} '{run.group(1)}' in a row; at most {MAX_RUN - 1}: "
                "a case needs no more (use a code block for ASCII art)")
    containers = _CONTAINERS.match(line)
    depth = len(_MARKER.findall(containers.group(0))) if containers else 0
    if depth > MAX_QUOTE_DEPTH:
        return f"quotes and lists nested {depth} deep on one line; at most {MAX_QUOTE_DEPTH}"
    indent = _INDENT.match(line)
    if indent and len(indent.group(0).expandtabs(4)) // 4 > MAX_LIST_DEPTH:
        return f"indented {len(indent.group(0).expandtabs(4)) // 4} levels; at most {MAX_LIST_DEPTH}"
    return None


def _full_run(line: str, match: re.Match) -> str:
    end = match.end()
    while end < len(line) and line[end] == match.group(1):
        end += 1
    return line[match.start():end]
