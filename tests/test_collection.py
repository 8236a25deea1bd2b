"""The gallery as a whole: size, spread across the taxonomy, case length, sources."""

from __future__ import annotations

from collections import Counter

import pytest

from conftest import ROOT
from under_constraint.cases.load import load_collection

COLLECTION = load_collection(ROOT / "cases")
CASES = COLLECTION.cases
TAXONOMY = COLLECTION.taxonomy
MIN_CASES = 40
MIN_DOMAINS = 10
MIN_CENTURIES = 4
MIN_CASES_PER_KEY = 2


def century(year: int) -> int:
    return (year - 1) // 100 + 1 if year > 0 else -((-year - 1) // 100 + 1)


def test_the_collection_is_valid():
    assert COLLECTION.errors == []


def test_the_gallery_has_at_least_40_cases():
    assert len(CASES) >= MIN_CASES


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
