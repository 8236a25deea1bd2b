"""Renamed cases: `cases/renamed.yml` maps an old slug to the case it became, so that
links to the old address keep working (the site publishes a redirect page there).

    ikea-flatpack: ikea-flat-pack

Read like the taxonomy: safely, with line numbers, and checked against the cases that
exist. Nothing here imports MkDocs.
"""

from __future__ import annotations

from pathlib import Path

from under_constraint.cases import front_matter as frontmatter
from under_constraint.cases.characters import control_lines, invisible_lines
from under_constraint.cases.files import RENAMED_FILE, read_text
from under_constraint.cases.problems import Problem
from under_constraint.cases.slugs import SLUG_PATTERN

__all__ = ["RENAMED_FILE", "load_renamed"]
MAX_RENAMED_CHARS = 100_000


def load_renamed(path: Path, display: str, slugs: frozenset[str]) -> tuple[dict[str, str], list[Problem]]:
    """Old slug -> current slug, and the problems; a missing file means no renames."""
    if not path.exists() and not path.is_symlink():
        return {}, []
    text, problem = read_text(path, display, MAX_RENAMED_CHARS, "the list of renamed cases")
    if problem:
        return {}, [problem]
    found = [Problem(display, line, message) for line, message in (*control_lines(text), *invisible_lines(text))]
    if found:
        return {}, found
    if not text.strip():
        return {}, []
    try:
        document = frontmatter.parse(f"---\n{text}\n---\n", max_chars=MAX_RENAMED_CHARS)
    except frontmatter.FrontMatterError as error:
        return {}, [Problem(display, max(1, error.line - 1), error.message)]
    lines = {key: line - 1 for key, line in document.key_lines.items()}
    renamed: dict[str, str] = {}
    problems: list[Problem] = []
    for old, new in document.data.items():
        line = lines.get(str(old), 1)
        if not isinstance(old, str) or not SLUG_PATTERN.match(old):
            problems.append(Problem(display, line, f"{old!r} is not a slug: write the old file name without '.md'"))
        elif old in slugs:
            problems.append(Problem(display, line, f"'{old}' is still a case (cases/{old}.md): "
                                    "an old name cannot also be a current one"))
        elif not isinstance(new, str) or new not in slugs:
            problems.append(Problem(display, line, f"'{old}' points to {new!r}, which is not a case in cases/"))
        else:
            renamed[old] = new
    return renamed, problems
