"""The gallery's people index: slug to folded `who`, compact JSON, smaller than cases.json."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from under_constraint.cases.load import load_collection
from under_constraint.cases.model import Case
from under_constraint.paths import CASES_DIR
from under_constraint.site.pages import render_cases_json
from under_constraint.site.people_index import PEOPLE_INDEX, fold, people_index, render_people_index


def make_case(slug: str, who: str, where: str = "") -> Case:
    return Case(slug=slug, path=f"cases/{slug}.md", title=slug.title(), summary="A summary.", year=2000,
                who=who, domain="software", constraints=("compute",), moves=("repurpose",), sources=(),
                added=dt.date(2024, 1, 1), body="Body.", where=where)


@pytest.fixture(scope="module")
def real_cases() -> list[Case]:
    return load_collection(CASES_DIR).cases


def test_the_file_name_is_the_one_the_gallery_fetches():
    assert PEOPLE_INDEX == "people.json"


@pytest.mark.parametrize(("text", "folded"), [
    ("Matsuo Bashō", "matsuo basho"),
    ("Ørsted  and\tÉcole   Polytechnique", "ørsted and ecole polytechnique"),
    ("İstanbul Metro", "istanbul metro"),
    ("Straße", "straße"),
    ("", ""),
])
def test_fold_drops_case_accents_and_extra_spaces_as_the_browser_does(text, folded):
    assert fold(text) == folded


def test_each_slug_maps_to_its_folded_people_and_nothing_else():
    cases = [make_case("zeta", "Zoë Ng", where="Paris"), make_case("alpha", "ADA Lovelace")]
    assert render_people_index(cases) == '{"alpha":"ada lovelace","zeta":"zoe ng"}\n'


def test_cases_without_people_are_left_out():
    assert people_index([make_case("a", "  "), make_case("b", "Grace Hopper")]) == {"b": "grace hopper"}


def test_no_cases_give_an_empty_object():
    assert render_people_index([]) == "{}\n"


def test_text_that_looks_like_markup_or_json_stays_data():
    text = render_people_index([make_case("x", 'A "quoted" </script> name\\')])
    assert json.loads(text) == {"x": 'a "quoted" </script> name\\'}


def test_the_real_collection_round_trips(real_cases):
    index = json.loads(render_people_index(real_cases))
    assert index == {case.slug: fold(case.who) for case in real_cases}
    assert list(index) == sorted(index)
    assert all(value == value.lower() and value.strip() for value in index.values())


def test_the_real_index_is_compact_and_a_fraction_of_cases_json(real_cases):
    text = render_people_index(real_cases)
    assert "\n" not in text[:-1] and '", "' not in text and '": "' not in text
    full = render_cases_json(real_cases, "https://example.org/")
    assert len(text.encode()) * 5 < len(full.encode())
