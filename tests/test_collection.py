"""The gallery as a whole: size, spread across the taxonomy, case length, sources."""

from __future__ import annotations

from collections import Counter

import pytest

from conftest import real_collection

COLLECTION = real_collection()
CASES = COLLECTION.cases
TAXONOMY = COLLECTION.taxonomy
MIN_CASES = 100
MIN_DOMAINS = 10
MIN_CENTURIES = 4
MIN_CASES_PER_KEY = 2
# The second edition's coverage rules: no thin domain, chosen limits, the distant past,
# counter-cases, and the world beyond North America and Western Europe.
MIN_CASES_PER_DOMAIN = 4
MIN_CHOSEN = 20
MIN_BEFORE_1900 = 12
MIN_COUNTER_CASES = 12
MIN_SHARE_ELSEWHERE = 1 / 3
# A case whose `where` names one of these is counted in North America or Western Europe;
# one with no `where` is counted there too, so the share elsewhere is never overstated.
NORTH_AMERICA_AND_WESTERN_EUROPE = (
    "United States", "USA", "Canada", "Massachusetts", "California", "Texas", "New Jersey", "Washington",
    "Seattle", "Pasadena", "Houston", "New York", "England", "London", "Britain", "United Kingdom", "UK",
    "Scotland", "Ireland", "France", "Paris", "Germany", "Netherlands", "Belgium", "Luxembourg", "Switzerland",
    "Austria", "Vienna", "Denmark", "Copenhagen", "Sweden", "Stockholm", "Norway", "Oslo", "Finland", "Iceland",
    "Italy", "Spain", "Portugal", "Cambridge", "Stanford", "Toronto",
)


def century(year: int) -> int:
    return (year - 1) // 100 + 1 if year > 0 else -((-year - 1) // 100 + 1)


def test_the_collection_is_valid():
    assert COLLECTION.errors == []


def test_the_gallery_has_at_least_100_cases():
    assert len(CASES) >= MIN_CASES


def test_every_domain_has_at_least_4_cases():
    counts = Counter(case.domain for case in CASES)
    assert {key: counts[key] for key in TAXONOMY.domains if counts[key] < MIN_CASES_PER_DOMAIN} == {}


def test_at_least_20_cases_have_a_chosen_limit():
    assert sum(case.origin == "chosen" for case in CASES) >= MIN_CHOSEN


def test_at_least_12_cases_come_from_before_1900():
    assert sum(case.year < 1900 for case in CASES) >= MIN_BEFORE_1900


def test_at_least_12_counter_cases_where_the_limit_hurt_or_the_workaround_failed():
    assert sum(case.outcome in ("mixed", "failed") for case in CASES) >= MIN_COUNTER_CASES
    assert any(case.outcome == "failed" for case in CASES)


def test_at_least_a_third_of_cases_come_from_outside_north_america_and_western_europe():
    def inside(case) -> bool:
        words = set(case.where.replace(",", " ").replace(";", " ").replace("(", " ").replace(")", " ").split())
        return not case.where or any(
            name in case.where if " " in name else name in words for name in NORTH_AMERICA_AND_WESTERN_EUROPE)

    elsewhere = [case.slug for case in CASES if not inside(case)]
    assert len(elsewhere) >= MIN_SHARE_ELSEWHERE * len(CASES), elsewhere


def test_cases_span_at_least_10_domains():
    assert len({case.domain for case in CASES}) >= MIN_DOMAINS


def test_cases_span_at_least_4_centuries():
    assert len({century(case.year) for case in CASES}) >= MIN_CENTURIES


@pytest.mark.parametrize("group", ["constraints", "moves"])
def test_every_key_is_used_by_at_least_two_cases(group):
    used = Counter(key for case in CASES for key in getattr(case, group))
    thin = {key: used[key] for key in TAXONOMY.group(group) if used[key] < MIN_CASES_PER_KEY}
    assert thin == {}


def test_the_collection_has_no_editorial_warnings():
    """Length, hype words and Wikipedia links: the validator's warnings, none left in published cases."""
    assert [problem.format() for problem in COLLECTION.problems if problem.warning] == []


def test_each_term_has_a_one_sentence_description():
    for term in TAXONOMY.terms():
        assert term.description.endswith(".") and term.description.count(". ") == 0, term.key


@pytest.mark.parametrize("group", ["constraints", "moves"])
def test_each_constraint_and_move_says_what_it_looks_like_in_practice(group):
    missing = [key for key, term in TAXONOMY.group(group).items() if not term.practice]
    assert missing == []


def test_most_cases_point_to_related_cases():
    assert sum(bool(case.related) for case in CASES) >= len(CASES) * 3 // 4
