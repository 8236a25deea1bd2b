"""What the gallery and case pages show beyond the cases themselves.

Pure functions over checked cases and the taxonomy: eras, facets with their counts
and the compact codes the gallery script filters on, the constraint × move matrix,
and the eras (related cases are in `related`). Nothing here imports MkDocs.
"""

from __future__ import annotations

import datetime as dt

import bisect
import hashlib
import heapq
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from itertools import combinations

from under_constraint.cases.model import Case
from under_constraint.cases.rules.fields import ORIGINS, OUTCOMES
from under_constraint.site import urls
from under_constraint.site.related import shuffle_key
from under_constraint.cases.taxonomy import Taxonomy, Term


@dataclass(frozen=True)
class Era:
    """A span of years; `first` is None for the open-ended earliest era."""

    key: str
    label: str
    first: int | None


ERAS = (
    Era("before-1900", "Before 1900", None),
    Era("1900-1939", "1900–1939", 1900),
    Era("1940-1969", "1940–1969", 1940),
    Era("1970-1989", "1970–1989", 1970),
    Era("1990-1999", "1990–1999", 1990),
    Era("2000-2009", "2000–2009", 2000),
    Era("since-2010", "2010 and later", 2010),
)
SORTS = (("added", "Newest added"), ("year", "Year"), ("title", "Title"))
# One character per facet value keeps each card's data a few bytes long.
CODE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"


def long_date(value) -> str:
    """'2 December 2026' from a date or 'YYYY-MM-DD': how the site prints a day."""
    day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
    return f"{day.day} {day:%B} {day.year}"


def era_of(year: int) -> Era:
    for era in reversed(ERAS):
        if era.first is None or year >= era.first:
            return era
    raise ValueError(f"no era for {year}")


def format_year(year: int) -> str:
    return f"{-year} BCE" if year < 0 else str(year)


# --- facets ---------------------------------------------------------------------------


@dataclass(frozen=True)
class FacetValue:
    key: str
    label: str
    count: int
    code: str
    # The value's own page from the site root, where it has one (eras and origins do not).
    url: str = ""


@dataclass(frozen=True)
class Facet:
    name: str
    legend: str
    values: tuple[FacetValue, ...]


@dataclass(frozen=True)
class _FacetSpec:
    name: str
    legend: str
    keys_of: Callable[[Case], tuple[str, ...]]


FACETS = (
    _FacetSpec("constraint", "Constraint", lambda case: case.constraints),
    _FacetSpec("move", "Move", lambda case: case.moves),
    _FacetSpec("domain", "Domain", lambda case: (case.domain,)),
    _FacetSpec("era", "Era", lambda case: (era_of(case.year).key,)),
    _FacetSpec("origin", "Origin of the limit", lambda case: (case.origin,) if case.origin else ()),
    _FacetSpec("outcome", "Outcome", lambda case: (case.outcome,)),
)
FACET_NAMES = tuple(spec.name for spec in FACETS)


def facet_keys(case: Case) -> dict[str, tuple[str, ...]]:
    """The case's values in every facet, by facet name."""
    return {spec.name: spec.keys_of(case) for spec in FACETS}


def build_facets(cases: list[Case], taxonomy: Taxonomy) -> list[Facet]:
    """Every facet with all its values, in vocabulary order, counted over the whole collection."""
    options = _facet_options(taxonomy)
    codes = iter(_codes(sum(len(values) for values in options.values())))
    facets = []
    for spec in FACETS:
        counts = Counter(key for case in cases for key in spec.keys_of(case))
        values = tuple(FacetValue(key, label, counts[key], next(codes), url)
                       for key, label, url in options[spec.name])
        facets.append(Facet(spec.name, spec.legend, values))
    return facets


def card_code(case: Case, facets: list[Facet]) -> str:
    """The codes of the case's facet values, concatenated: what the gallery script reads."""
    keys = facet_keys(case)
    codes = {facet.name: {value.key: value.code for value in facet.values} for facet in facets}
    return "".join(codes[facet.name][key] for facet in facets for key in keys[facet.name])


def code_width(facets: list[Facet]) -> int:
    return len(facets[0].values[0].code) if facets and facets[0].values else 1


def _facet_options(taxonomy: Taxonomy) -> dict[str, list[tuple[str, str, str]]]:
    def terms(group: str) -> list[tuple[str, str, str]]:
        return [(term.key, term.label, urls.term_path(group, term.key)) for term in taxonomy.group(group).values()]

    return {
        "constraint": terms("constraints"),
        "move": terms("moves"),
        "domain": terms("domains"),
        "era": [(era.key, era.label, "") for era in ERAS],
        "origin": [(key, label, "") for key, label in ORIGINS.items()],
        "outcome": [(key, label, "") for key, label in OUTCOMES.items()],
    }


def _codes(count: int) -> list[str]:
    base = len(CODE_ALPHABET)
    width = 1
    while base**width < count:
        width += 1
    codes = []
    for number in range(count):
        digits = []
        for _ in range(width):
            number, digit = divmod(number, base)
            digits.append(CODE_ALPHABET[digit])
        codes.append("".join(reversed(digits)))
    return codes


# --- the constraint × move matrix -------------------------------------------------------

HEAT_LEVELS = 4


@dataclass(frozen=True)
class MatrixCell:
    constraint: Term
    move: Term
    count: int
    heat: int


@dataclass(frozen=True)
class MatrixRow:
    constraint: Term
    cells: tuple[MatrixCell, ...]


@dataclass(frozen=True)
class Matrix:
    moves: tuple[Term, ...]
    rows: tuple[MatrixRow, ...]
    peak: int


def build_matrix(cases: list[Case], taxonomy: Taxonomy) -> Matrix:
    """How many cases pair each constraint with each move, with a shade from 0 to HEAT_LEVELS."""
    pairs = Counter((c, m) for case in cases for c in case.constraints for m in case.moves)
    peak = max(pairs.values(), default=0)
    moves = tuple(taxonomy.moves.values())
    rows = tuple(
        MatrixRow(c, tuple(MatrixCell(c, m, pairs[c.key, m.key], heat_level(pairs[c.key, m.key], peak))
                           for m in moves))
        for c in taxonomy.constraints.values()
    )
    return Matrix(moves, rows, peak)


def heat_level(count: int, peak: int) -> int:
    """0 for none, else 1 to HEAT_LEVELS in proportion to the busiest cell."""
    if count <= 0 or peak <= 0:
        return 0
    return max(1, -(-count * HEAT_LEVELS // peak))


# --- eras ---------------------------------------------------------------------------


def era_counts(cases: list[Case]) -> list[tuple[Era, int]]:
    counts = Counter(era_of(case.year).key for case in cases)
    return [(era, counts[era.key]) for era in ERAS]


# --- the gallery as a whole -------------------------------------------------------------


@dataclass(frozen=True)
class GalleryView:
    facets: list[Facet]
    codes: dict[str, str]
    code_width: int
    matrix: Matrix
    eras: list[tuple[Era, int]]
    random_slug: str
    sorts: tuple[tuple[str, str], ...] = SORTS


def gallery_view(cases: list[Case], taxonomy: Taxonomy) -> GalleryView:
    facets = build_facets(cases, taxonomy)
    codes = {case.slug: card_code(case, facets) for case in cases}
    first = min(cases, key=lambda case: shuffle_key(case.slug)).slug if cases else ""
    return GalleryView(facets, codes, code_width(facets), build_matrix(cases, taxonomy),
                       era_counts(cases), first)
