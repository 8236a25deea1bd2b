"""What `make serve` shows for case files that do not pass: a page of problems in place
of each invalid case, and a notice on the gallery.

`mkdocs build` and the validator refuse the same files; these pages exist only while
serving (the adapter marks them as MkDocs drafts), so a contributor sees the
validator's lines in the browser while the rest of the site keeps working.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from under_constraint.cases.problems import Problem
from under_constraint.cases.slugs import SLUG_PATTERN


@dataclass(frozen=True)
class Draft:
    """An invalid case file: the page it would have, and every problem it has."""

    slug: str
    path: str
    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class Drafts:
    cases: tuple[Draft, ...] = ()
    # Problems that belong to no one case: the taxonomy, stray folders, bad file names.
    other: tuple[Problem, ...] = ()

    @property
    def count(self) -> int:
        return sum(len(draft.problems) for draft in self.cases) + len(self.other)


def group_problems(errors: list[Problem], cases_dir: Path) -> Drafts:
    """Errors grouped by the case page they stand in for, in file then line order."""
    folder = os.path.abspath(cases_dir)
    by_slug: dict[str, list[Problem]] = {}
    paths: dict[str, str] = {}
    other: list[Problem] = []
    for problem in sorted(errors):
        path = Path(problem.path)
        if (path.suffix == ".md" and SLUG_PATTERN.match(path.stem)
                and os.path.dirname(os.path.abspath(path)) == folder):
            by_slug.setdefault(path.stem, []).append(problem)
            paths[path.stem] = problem.path
        else:
            other.append(problem)
    drafts = tuple(Draft(slug, paths[slug], tuple(found)) for slug, found in sorted(by_slug.items()))
    return Drafts(drafts, tuple(other))


def draft_page_meta(draft: Draft) -> dict:
    return {
        "template": "draft.html",
        "title": f"Problems in {draft.path}",
        "draft": draft.slug,
        "search": {"exclude": True},
    }
