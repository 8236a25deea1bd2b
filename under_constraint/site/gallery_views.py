"""What the gallery and case pages show beyond the cases themselves.

Pure functions over checked cases and the taxonomy: eras, facets with their counts
and the compact codes the gallery script filters on, the constraint × move matrix,
the timeline, and each case's related cases. Nothing here imports MkDocs.
"""

from __future__ import annotations

import bisect
import hashlib
import heapq
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from itertools import combinations

from under_constraint.cases.model import Case
from under_constraint.site import urls
from under_constraint.cases.taxonomy import Taxonomy, Term


@dataclass(frozen=True)
class Era:
    """A span of years; `first` is None for the open-ended earliest era."""

    key: str
    label: str
    first: int | None


# Decade-aligned on purpose: every decade bar of the timeline then falls in one era.
ERAS = (
    Era("before-1900", "Before 1900", None),
    Era("1900-1939", "1900–1939", 1900),
    Era("1940-1969", "1940–1969", 1940),
    Era("1970-1989", "1970–1989", 1970),
    Era("1990-1999", "1990–1999", 1990),
    Era("2000-2009", "2000–2009", 2000),
    Era("since-2010", "2010 and later", 2010),
)
ORIGIN_LABELS = {"imposed": "Imposed by the world", "chosen": "Chosen by the makers"}
SORTS = (("added", "Newest added"), ("year", "Year"), ("title", "Title"))
RELATED_LIMIT = 5
# Below this many candidates a plain scan beats walking the years (see case_links).
SCAN_LIMIT = 64
# One character per facet value keeps each card's data a few bytes long.
CODE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"


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
        "origin": [(key, label, "") for key, label in ORIGIN_LABELS.items()],
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


# --- the timeline -----------------------------------------------------------------------

TIMELINE_FROM = 1900
BAR_WIDTH = 28
BAR_GAP = 8
CHART_HEIGHT = 120
LABEL_ROOM = 34
COUNT_ROOM = 16


@dataclass(frozen=True)
class TimelineBar:
    label: str
    short: str
    count: int
    era: Era
    x: int
    y: int
    height: int


@dataclass(frozen=True)
class Timeline:
    bars: tuple[TimelineBar, ...]
    width: int
    height: int
    baseline: int
    bar_width: int


def build_timeline(cases: list[Case]) -> Timeline:
    """Cases per decade since 1900, with everything earlier in one first bar."""
    if not cases:
        return Timeline((), 0, 0, 0, BAR_WIDTH)
    decades = Counter(max(case.year, TIMELINE_FROM - 10) // 10 * 10 for case in cases)
    first = min(decades) if min(decades) < TIMELINE_FROM else TIMELINE_FROM
    starts = range(first, max(decades) + 10, 10)
    peak = max(decades.values())
    baseline = COUNT_ROOM + CHART_HEIGHT
    bars = []
    for index, start in enumerate(starts):
        count = decades[start]
        height = round(CHART_HEIGHT * count / peak)
        label, short = (ERAS[0].label, f"<{TIMELINE_FROM}") if start < TIMELINE_FROM else (f"{start}s",) * 2
        bars.append(TimelineBar(label, short, count, era_of(start), index * (BAR_WIDTH + BAR_GAP) + BAR_GAP,
                                baseline - height, height))
    width = len(bars) * (BAR_WIDTH + BAR_GAP) + BAR_GAP
    return Timeline(tuple(bars), width, baseline + LABEL_ROOM, baseline, BAR_WIDTH)


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
    timeline: Timeline
    eras: list[tuple[Era, int]]
    random_slug: str
    sorts: tuple[tuple[str, str], ...] = SORTS


def gallery_view(cases: list[Case], taxonomy: Taxonomy) -> GalleryView:
    facets = build_facets(cases, taxonomy)
    codes = {case.slug: card_code(case, facets) for case in cases}
    first = min(cases, key=lambda case: _shuffle_key(case.slug)).slug if cases else ""
    return GalleryView(facets, codes, code_width(facets), build_matrix(cases, taxonomy),
                       build_timeline(cases), era_counts(cases), first)


# --- case pages -------------------------------------------------------------------------


@dataclass(frozen=True)
class CaseLinks:
    related: list[Case]
    random: Case | None


def case_links(cases: list[Case], limit: int = RELATED_LIMIT, scan_limit: int | None = None) -> dict[str, CaseLinks]:
    """Every case's related cases and random case, worked out together in one pass.

    The index maps every combination of a case's terms (at most 2^6 of them) to the
    cases that have it, by year. The cases sharing k terms are found from the largest k
    down, and within a level the nearest in time are read outward from the case's own
    year: neither step scans all the cases that share a common term, so the cost grows
    with the number of cases, not with its square.
    """
    by_slug = {case.slug: case for case in cases}
    members: dict[tuple[tuple[str, str], ...], list[Case]] = defaultdict(list)
    for case in cases:
        terms = sorted(_terms(case))
        for size in range(1, len(terms) + 1):
            for combination in combinations(terms, size):
                members[combination].append(case)
    index = _ByYear(members)
    following = _shuffle_cycle(cases)
    scan_limit = SCAN_LIMIT if scan_limit is None else scan_limit
    return {case.slug: CaseLinks(_related(case, by_slug, index, limit, scan_limit), following.get(case.slug))
            for case in cases}


def related_cases(case: Case, cases: list[Case], limit: int = RELATED_LIMIT) -> list[Case]:
    """The case's own `related` first, then the cases sharing most constraints and moves.

    Ties go to the case nearest in time, then by title; a case sharing nothing is left out.
    """
    return case_links(cases, limit)[case.slug].related


def random_case(case: Case, cases: list[Case]) -> Case | None:
    """Another case, the next in a fixed shuffle of the collection made by hashing slugs.

    Following the link from case to case visits each of them once, and a build needs
    no randomness to be reproducible.
    """
    return _shuffle_cycle(cases).get(case.slug)


class _ByYear:
    """Each term combination's cases, and the same grouped by year, built on first use."""

    def __init__(self, members: dict[tuple, list[Case]]):
        self.members = members
        self._built: dict[tuple, tuple[list[int], list[list[Case]]]] = {}

    def grouped(self, combination: tuple) -> tuple[list[int], list[list[Case]]]:
        if combination not in self._built:
            years: list[int] = []
            buckets: list[list[Case]] = []
            for case in sorted(self.members[combination], key=lambda c: (c.year, c.title.casefold())):
                if not years or years[-1] != case.year:
                    years.append(case.year)
                    buckets.append([])
                buckets[-1].append(case)
            self._built[combination] = (years, buckets)
        return self._built[combination]


def _related(case: Case, by_slug: dict[str, Case], index: _ByYear, limit: int, scan_limit: int) -> list[Case]:
    chosen = [by_slug[slug] for slug in case.related if slug in by_slug and slug != case.slug][:limit]
    taken = {case.slug, *(other.slug for other in chosen)}
    terms = sorted(_terms(case))
    # A case sharing k terms is first met among the combinations of size k: its score.
    for size in range(len(terms), 0, -1):
        if len(chosen) >= limit:
            break
        found = [combination for combination in combinations(terms, size) if combination in index.members]
        if sum(len(index.members[combination]) for combination in found) <= scan_limit:
            level = heapq.nsmallest(
                limit - len(chosen),
                {other.slug: other for combination in found for other in index.members[combination]
                 if other.slug not in taken}.values(),
                key=lambda other: (abs(other.year - case.year), other.title.casefold()))
        else:
            level = _nearest_in_time(case, [index.grouped(combination) for combination in found],
                                     limit - len(chosen), taken)
        taken.update(other.slug for other in level)
        chosen += level
    return chosen


def _nearest_in_time(case: Case, groups, count: int, taken: set[str]) -> list[Case]:
    """Up to `count` cases from the year-sorted groups, nearest the case's year, then by title.

    Each group is walked outward from the case's year in both directions; a heap merges
    the walks. An entry standing for a whole year of a group sorts before the cases of
    that same distance, so the year is opened before any of them is taken.
    """
    heap: list[tuple] = []

    def walk(number: int, direction: int, position: int) -> None:
        years = groups[number][0]
        if 0 <= position < len(years):
            heapq.heappush(heap, (abs(years[position] - case.year), 0, number, direction, position))

    for number, (years, _) in enumerate(groups):
        start = bisect.bisect_left(years, case.year)
        walk(number, 1, start)
        walk(number, -1, start - 1)
    nearest: list[Case] = []
    while heap and len(nearest) < count:
        entry = heapq.heappop(heap)
        if entry[1] == 0:
            distance, _, number, direction, position = entry
            for other in groups[number][1][position]:
                if other.slug not in taken:
                    heapq.heappush(heap, (distance, 1, other.title.casefold(), other.slug, other))
            walk(number, direction, position + direction)
        elif entry[3] not in taken:
            taken.add(entry[3])
            nearest.append(entry[4])
    return nearest


def _terms(case: Case) -> list[tuple[str, str]]:
    return [("constraints", key) for key in case.constraints] + [("moves", key) for key in case.moves]


def _shuffle_cycle(cases: list[Case]) -> dict[str, Case]:
    order = sorted(cases, key=lambda case: _shuffle_key(case.slug))
    return {case.slug: after for case, after in zip(order, order[1:] + order[:1], strict=True) if after is not case}


def _shuffle_key(slug: str) -> str:
    return hashlib.sha1(slug.encode("utf-8"), usedforsecurity=False).hexdigest()
