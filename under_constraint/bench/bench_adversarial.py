"""How long the slowest bodies that pass `body_limits` take to render, against a normal case.

    .venv/bin/python -m under_constraint.bench.bench --adversarial

Each shape is a kind of text that makes Python-Markdown's cost grow faster than its
length (runs and chains of brackets, emphasis marks, backticks, nested quotes and lists,
tables of pipes, unclosed HTML). For each, the largest body that passes every limit and
fits in a case file is found by bisection, rendered and sanitized as the site does, and
timed (best of three) against the longest real case. A measuring script: it prints
figures and sets no pass mark.
"""

from __future__ import annotations

import time

from under_constraint.cases import body_limits, contributor_html
from under_constraint.cases import front_matter as frontmatter
from under_constraint.cases.files import MAX_FILE_BYTES
from under_constraint.paths import PROJECT_ROOT

ROOT = PROJECT_ROOT
# Room left in a case file for its front matter.
FRONT_MATTER_BYTES = 1_500


def _repeat(unit: str, size: int) -> str:
    return unit * max(1, size // len(unit))


def _wrapped(unit: str, size: int, width: int = 80) -> str:
    text = _repeat(unit, size)
    return "\n".join(text[i:i + width] for i in range(0, len(text), width))


def _nested_list(size: int) -> str:
    lines, depth = [], 0
    while sum(len(line) + 1 for line in lines) < size:
        lines.append("    " * depth + "- item")
        depth += 1
    return "\n".join(lines)


SHAPES = {
    "'[' run": lambda n: "[" * n,
    "'[a' chain": lambda n: _repeat("[a", n),
    "'[a](' chain": lambda n: _repeat("[a](", n),
    "nested links": lambda n: "[" * (n // 6) + "a" + "](b)" * (n // 6),
    "'<a' chain": lambda n: _repeat("<a", n),
    "unclosed '<div'": lambda n: "<div " + _repeat("word ", n),
    "'*a' chain": lambda n: _repeat("*a", n),
    "'*a' chain, 80 columns": lambda n: _wrapped("*a", n),
    "'***a' chain": lambda n: _repeat("***a", n),
    "nested emphasis": lambda n: _repeat("*_", n // 2) + "a" + _repeat("_*", n // 2),
    "'`a' chain": lambda n: _repeat("`a", n),
    "growing backtick runs": lambda n: "".join("`" * k + "a" for k in range(1, 40))[:n],
    "'&' chain": lambda n: _repeat("&a", n),
    "'\\' chain": lambda n: _repeat("\\a", n),
    "attribute lists": lambda n: _repeat("*a*{: .c} ", n),
    "quote depth": lambda n: _repeat("> " * 8 + "a\n", n),
    "list depth": _nested_list,
    "table of pipes": lambda n: _repeat("|", min(n, 4000)) + "\n" + _repeat("|-", min(n, 4000)) + "\n",
    "footnote refs": lambda n: _repeat("[^1] ", n) + "\n\n[^1]: note\n",
    "fences in quotes": lambda n: _repeat("> ```\n> code\n> ```\n\n", n),
    "setext headings": lambda n: _repeat("a\n=\n", n),
    "heading lines in one block": lambda n: _repeat("## h\n", n),
    "hard line breaks": lambda n: _repeat("a  \n", n),
    "'<a' lines": lambda n: _repeat("<a\n", n),
    "'[a]:' lines": lambda n: _repeat("[a]:\n", n),
    "nested '*a '": lambda n: _repeat("*a ", n // 2) + "a" + _repeat(" a*", n // 2),
    "list markers on one line": lambda n: _repeat("+ ", n),
    "python fences of spaces": lambda n: _repeat("```python\n" + " \n" * 15 + "```\n\n", n),
    "a Java fence of words": lambda n: "```java\n" + _repeat(("word " * 900).rstrip() + "\n\n", n) + "```\n",
    "a TypeScript fence of 'a.'": lambda n: "```typescript\n" + _repeat(("a." * 1500) + "\n\n", n) + "```\n",
    "plain prose, one line": lambda n: _repeat("the quick brown fox jumps over the lazy dog ", n),
    "plain prose, 80 columns": lambda n: _wrapped("the quick brown fox jumps over the lazy dog ", n),
    "one-word paragraphs": lambda n: _repeat("word\n\n", n),
    "one-item lists": lambda n: _repeat("- a\n\n", n),
}


def largest_accepted(shape, budget: int) -> str:
    """The longest text of this shape that passes every limit, within `budget` bytes."""
    low, high, best = 1, budget, ""
    while low <= high:
        middle = (low + high) // 2
        text = shape(middle)
        if len(text.encode("utf-8")) <= budget and not any(True for _ in body_limits.check_limits(text)):
            best, low = text, middle + 1
        else:
            high = middle - 1
    return best


def render_seconds(text: str, repeat: int = 3) -> float:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        contributor_html.render(text)
        timings.append(time.perf_counter() - started)
    return min(timings)


def normal_case() -> tuple[str, str]:
    path = max((ROOT / "cases").glob("[!_]*.md"), key=lambda p: p.stat().st_size)
    return path.name, frontmatter.parse(path.read_text(encoding="utf-8")).body


def print_adversarial() -> None:
    name, body = normal_case()
    contributor_html.render(body)  # warm up the renderer and the sanitizer
    normal = render_seconds(body, repeat=5)
    print(f"normal case: {name}, {len(body):,} characters, {normal * 1000:.1f} ms to render and sanitize")
    print(f"limits: file {MAX_FILE_BYTES:,} bytes, {body_limits.MAX_LINES} lines of at most "
          f"{body_limits.MAX_LINE_CHARS:,} characters, "
          f"run {body_limits.MAX_RUN - 1}, markup characters {body_limits.MAX_MARKUP_CHARS:,} "
          f"({', '.join(f'{c} {n}' for c, n in body_limits.MAX_EACH.items())}), "
          f"quote and list depth {body_limits.MAX_QUOTE_DEPTH}")
    print()
    print("shape | accepted characters | render ms | x normal")
    print("--- | --- | --- | ---")
    worst = (0.0, "")
    for label, shape in SHAPES.items():
        text = largest_accepted(shape, MAX_FILE_BYTES - FRONT_MATTER_BYTES)
        seconds = render_seconds(text)
        worst = max(worst, (seconds / normal, label))
        print(f"{label} | {len(text):,} | {seconds * 1000:.1f} | {seconds / normal:.1f}", flush=True)
    print()
    print(f"slowest accepted shape: {worst[1]}, {worst[0]:.1f} times a normal case (target: at most 10)")


if __name__ == "__main__":
    print_adversarial()
