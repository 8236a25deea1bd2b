"""The gallery as a whole: size, spread across the taxonomy, case length, sources."""

from __future__ import annotations

import re
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
BODY_WORDS = (300, 900)
HYPE = ("revolutionary", "game-changing", "game changer", "groundbreaking", "mind-blowing", "genius",
        "incredible", "unprecedented", "disruptive")


def body_words(body: str) -> int:
    return len(re.findall(r"[\w'’-]+", body))


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


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.slug)
def test_each_case_body_is_300_to_900_words(case):
    low, high = BODY_WORDS
    assert low <= body_words(case.body) <= high


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.slug)
def test_each_case_is_written_without_hype_words(case):
    text = f"{case.title} {case.summary} {case.body}".lower()
    assert [word for word in HYPE if re.search(rf"\b{word}\b", text)] == []


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.slug)
def test_each_wikipedia_source_uses_the_canonical_article_form(case):
    for source in case.sources:
        if "wikipedia.org" in source.url:
            assert re.fullmatch(r"https://en\.wikipedia\.org/wiki/[^\s?#]+(#[^\s]+)?", source.url), source.url
            assert " " not in source.url


def test_each_term_has_a_one_sentence_description():
    for term in TAXONOMY.terms():
        assert term.description.endswith(".") and term.description.count(". ") == 0, term.key


@pytest.mark.parametrize("group", ["constraints", "moves"])
def test_each_constraint_and_move_says_what_it_looks_like_in_practice(group):
    missing = [key for key, term in TAXONOMY.group(group).items() if not term.practice]
    assert missing == []


def test_most_cases_point_to_related_cases():
    assert sum(bool(case.related) for case in CASES) >= len(CASES) * 3 // 4
