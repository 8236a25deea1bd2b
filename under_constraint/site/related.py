"""Each case's related cases and a random next case, for its page.

Pure functions over checked cases; nothing here imports MkDocs.
"""

from __future__ import annotations

import bisect
import hashlib
import heapq
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations

from under_constraint.cases.model import Case

RELATED_LIMIT = 5
# Below this many candidates a plain scan beats walking the years (see case_links).
SCAN_LIMIT = 64


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
    order = sorted(cases, key=lambda case: shuffle_key(case.slug))
    return {case.slug: after for case, after in zip(order, order[1:] + order[:1], strict=True) if after is not case}


def shuffle_key(slug: str) -> str:
    return hashlib.sha1(slug.encode("utf-8"), usedforsecurity=False).hexdigest()
