"""Start a new case file from its title.

    python scripts/new_case.py "AlexNet splits a network across two 3 GB GPUs"

Writes cases/<slug>.md with every field present, a hint for each, the vocabulary in
comments and the three section headings. Every TODO must be replaced before
`make validate` passes. It never overwrites an existing case.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from under_constraint.cases.files import TAXONOMY_FILE
from under_constraint.cases.rules.body import BODY_HEADINGS, PLACEHOLDER
from under_constraint.cases.rules.fields import MIN_SOURCES, TITLE_LENGTH
from under_constraint.cases.schema import SCHEMA
from under_constraint.cases.slugs import slugify
from under_constraint.cases.taxonomy import GROUPS, Taxonomy, load_taxonomy
from under_constraint.paths import CASES_DIR

TODO = PLACEHOLDER

# What each field holds in a new file; TODO marks what the contributor must write.
_PLACEHOLDERS = {
    "summary": f'"{TODO}"',
    "year": TODO,
    "who": f'"{TODO}"',
    "where": f'"{TODO}"',
    "domain": TODO,
    "constraints": f"[{TODO}]",
    "moves": f"[{TODO}]",
    "origin": "imposed",
    "outcome": "worked",
    "tags": "[]",
    "related": "[]",
}
_SECTION_HINTS = {
    "The constraint": "What was scarce or fixed, how tight it was, and why the usual answer was out of reach.",
    "The response": "What exactly was subtracted, substituted, compressed or moved, and how it worked.",
    "The result": "What came of it, with numbers where the sources give them, and what is disputed.",
}


def render_scaffold(title: str, taxonomy: Taxonomy, today: dt.date) -> str:
    lines = ["---", "# A new case. Replace every TODO, then check it with: make validate"]
    for name, spec in SCHEMA.items():
        optional = "" if spec.required else " (optional: delete the line if it does not apply)"
        lines.append(f"# {name}: {spec.hint}{optional}")
        if name in GROUPS or f"{name}s" in GROUPS:
            group = name if name in GROUPS else f"{name}s"
            for term in taxonomy.group(group).values():
                lines.append(f"#   {term.key}: {term.description}")
        lines.extend(_field_lines(name, title, today))
    lines += ["---", ""]
    for heading in BODY_HEADINGS:
        lines += [f"## {heading}", "", f"{TODO}: {_SECTION_HINTS[heading]}", ""]
    return "\n".join(lines)


def _field_lines(name: str, title: str, today: dt.date) -> list[str]:
    if name == "title":
        return [f"title: {_quote(title)}"]
    if name == "added":
        return [f"added: {today.isoformat()}"]
    if name == "updated":
        return []
    if name == "sources":
        entries = [[f'  - title: "{TODO}"', f"    url: https://{TODO}.example/{n}"] for n in range(1, MIN_SOURCES + 1)]
        return ["sources:", *(line for entry in entries for line in entry)]
    return [f"{name}: {_PLACEHOLDERS[name]}"]


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("title", help="what happened, as the case's title")
    parser.add_argument("--cases-dir", type=Path, default=CASES_DIR, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    title = " ".join(args.title.split())
    low, high = TITLE_LENGTH
    if not low <= len(title) <= high:
        parser.error(f"a title has {low} to {high} characters; this one has {len(title)}")
    slug = slugify(title, fallback="")
    if not slug:
        parser.error("the title needs some letters or digits to make a file name from")
    path = args.cases_dir / f"{slug}.md"
    if path.exists():
        print(f"new_case.py: {path} already exists: choose another title, or edit that case", file=sys.stderr)
        return 1
    taxonomy, problems = load_taxonomy(args.cases_dir / TAXONOMY_FILE, str(args.cases_dir / TAXONOMY_FILE))
    if taxonomy is None:
        print("\n".join(problem.format() for problem in problems), file=sys.stderr)
        return 1
    path.write_text(render_scaffold(title, taxonomy, dt.date.today()), encoding="utf-8")
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
