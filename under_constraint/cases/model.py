"""What a checked case is: plain, frozen data that templates, pages and exports read."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from under_constraint.cases.problems import Problem
from under_constraint.cases.schema import REQUIRED_FIELDS
from under_constraint.cases.taxonomy import Taxonomy


@dataclass(frozen=True)
class Source:
    title: str
    url: str


@dataclass(frozen=True)
class Case:
    slug: str
    path: str
    title: str
    summary: str
    year: int
    who: str
    domain: str
    constraints: tuple[str, ...]
    moves: tuple[str, ...]
    sources: tuple[Source, ...]
    added: dt.date
    body: str
    # The body as published: rendered, then sanitized (see contributor_html).
    html: str = field(default="", compare=False, repr=False)
    toc_tokens: list = field(default_factory=list, compare=False, repr=False)
    where: str = ""
    origin: str = ""
    outcome: str = "worked"
    updated: dt.date | None = None
    tags: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    def keys(self, group: str) -> tuple[str, ...]:
        """The case's keys in one taxonomy group: constraints, moves or domains."""
        return (self.domain,) if group == "domains" else getattr(self, group)

    def front_matter(self) -> dict:
        """The case's fields as plain JSON-ready data, in schema order."""
        data = {
            "title": self.title, "summary": self.summary, "year": self.year, "who": self.who,
            "where": self.where, "domain": self.domain, "constraints": list(self.constraints),
            "moves": list(self.moves), "origin": self.origin, "outcome": self.outcome,
            "tags": list(self.tags),
            "sources": [{"title": s.title, "url": s.url} for s in self.sources],
            "added": self.added.isoformat(),
            "updated": self.updated.isoformat() if self.updated else "", "related": list(self.related),
        }
        return {key: value for key, value in data.items() if value not in ("", [])
                or key in REQUIRED_FIELDS}


@dataclass
class Collection:
    taxonomy: Taxonomy | None
    cases: list[Case]
    problems: list[Problem]
    # Old slug -> the case it became (cases/renamed.yml): the site redirects the old address.
    renamed: dict[str, str] = field(default_factory=dict)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if not p.warning]
