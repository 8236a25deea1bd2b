"""The gallery's view data: eras, facets and their codes, matrix, eras, related cases."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT
from under_constraint.cases.model import Case
from under_constraint.cases.taxonomy import Taxonomy, Term, load_taxonomy
from under_constraint.site import gallery_views as gv
from under_constraint.site import related

TAXONOMY, _ = load_taxonomy(ROOT / "cases" / "taxonomy.yml", "cases/taxonomy.yml")


def make_case(slug: str, *, year: int = 2000, constraints=("compute",), moves=("subtract",), domain: str = "ai",
              origin: str = "imposed", related=(), title: str = "", added: str = "2026-01-01",
              outcome: str = "worked") -> Case:
    return Case(slug=slug, path=f"cases/{slug}.md", title=title or f"Title of {slug}", summary="A summary.",
                year=year, who="Someone", domain=domain, constraints=tuple(constraints), moves=tuple(moves),
                sources=(), added=dt.date.fromisoformat(added), body="", origin=origin, related=tuple(related),
                outcome=outcome)


# --- eras -----------------------------------------------------------------------------


@pytest.mark.parametrize(("year", "key"), [
    (-500, "before-1900"), (1686, "before-1900"), (1899, "before-1900"), (1900, "1900-1939"),
    (1939, "1900-1939"), (1940, "1940-1969"), (1970, "1970-1989"), (1989, "1970-1989"), (1990, "1990-1999"),
    (2000, "2000-2009"), (2009, "2000-2009"), (2010, "since-2010"), (2026, "since-2010"),
])
def test_each_year_falls_in_one_era(year, key):
    assert gv.era_of(year).key == key


def test_eras_have_unique_keys_and_labels_and_start_on_decades_in_order():
    starts = [era.first for era in gv.ERAS[1:]]
    assert gv.ERAS[0].first is None
    assert starts == sorted(starts) and all(year % 10 == 0 for year in starts)
    assert len({era.key for era in gv.ERAS}) == len({era.label for era in gv.ERAS}) == len(gv.ERAS)


def test_years_before_the_common_era_are_written_bce():
    assert (gv.format_year(-500), gv.format_year(1969)) == ("500 BCE", "1969")


# --- facets ---------------------------------------------------------------------------

CASES = [
    make_case("a", year=1969, constraints=("compute", "memory"), moves=("subtract",), domain="space"),
    make_case("b", year=1996, constraints=("memory",), moves=("compress", "go-lower"), domain="games"),
    make_case("c", year=2023, constraints=("compute", "bandwidth"), moves=("go-lower",), domain="ai",
              origin="chosen", outcome="failed"),
    make_case("d", year=1844, constraints=("bandwidth",), moves=("compress",), domain="media", origin=""),
]


def test_facets_come_in_order_with_every_value_of_the_vocabulary():
    facets = gv.build_facets(CASES, TAXONOMY)
    assert [facet.name for facet in facets] == ["constraint", "move", "domain", "era", "origin", "outcome"]
    assert [value.key for value in facets[0].values] == list(TAXONOMY.constraints)
    assert [value.key for value in facets[3].values] == [era.key for era in gv.ERAS]
    assert [value.key for value in facets[4].values] == ["imposed", "chosen"]
    assert [value.key for value in facets[5].values] == ["worked", "mixed", "failed"]


def test_each_value_counts_the_cases_that_have_it_and_unused_values_count_zero():
    counts = {facet.name: {v.key: v.count for v in facet.values} for facet in gv.build_facets(CASES, TAXONOMY)}
    assert counts["constraint"]["compute"] == 2 and counts["constraint"]["memory"] == 2
    assert counts["constraint"]["money"] == 0
    assert counts["move"]["go-lower"] == 2
    assert counts["era"] == {"before-1900": 1, "1900-1939": 0, "1940-1969": 1, "1970-1989": 0, "1990-1999": 1,
                             "2000-2009": 0, "since-2010": 1}
    assert counts["origin"] == {"imposed": 2, "chosen": 1}
    assert counts["outcome"] == {"worked": 3, "mixed": 0, "failed": 1}


def test_values_with_a_page_link_to_it_and_eras_and_origins_do_not():
    facets = {facet.name: facet for facet in gv.build_facets(CASES, TAXONOMY)}
    assert facets["constraint"].values[0].url == f"constraints/{next(iter(TAXONOMY.constraints))}/"
    assert facets["domain"].values[0].url == f"domains/{next(iter(TAXONOMY.domains))}/"
    assert {value.url for value in facets["era"].values + facets["origin"].values} == {""}


def test_every_value_has_its_own_one_character_code():
    facets = gv.build_facets(CASES, TAXONOMY)
    codes = [value.code for facet in facets for value in facet.values]
    assert len(set(codes)) == len(codes)
    assert gv.code_width(facets) == 1 and {len(code) for code in codes} == {1}


def test_a_card_code_lists_the_codes_of_its_values_in_facet_order():
    facets = {facet.name: {v.key: v.code for v in facet.values} for facet in gv.build_facets(CASES, TAXONOMY)}
    expected = (facets["constraint"]["compute"] + facets["constraint"]["bandwidth"] + facets["move"]["go-lower"]
                + facets["domain"]["ai"] + facets["era"]["since-2010"] + facets["origin"]["chosen"]
                + facets["outcome"]["failed"])
    assert gv.card_code(CASES[2], gv.build_facets(CASES, TAXONOMY)) == expected


def test_a_case_without_origin_has_no_origin_code():
    facets = gv.build_facets(CASES, TAXONOMY)
    origin_codes = {value.code for value in facets[4].values}
    assert not origin_codes & set(gv.card_code(CASES[3], facets))


def test_a_vocabulary_too_big_for_one_character_gets_two_character_codes():
    many = {f"c{n}": Term("constraints", f"c{n}", f"Constraint {n}", "Scarce.") for n in range(70)}
    taxonomy = Taxonomy(constraints=many, domains=TAXONOMY.domains, moves=TAXONOMY.moves)
    case = make_case("x", constraints=("c0", "c69"))
    facets = gv.build_facets([case], taxonomy)
    codes = [value.code for facet in facets for value in facet.values]
    assert gv.code_width(facets) == 2 and {len(code) for code in codes} == {2} and len(set(codes)) == len(codes)
    assert len(gv.card_code(case, facets)) == 2 * 7  # two constraints, a move, domain, era, origin, outcome


# --- matrix and eras --------------------------------------------------------------------


def test_the_matrix_counts_cases_for_each_constraint_and_move_pair():
    matrix = gv.build_matrix(CASES, TAXONOMY)
    cells = {(cell.constraint.key, cell.move.key): cell.count for row in matrix.rows for cell in row.cells}
    expected = Counter((c, m) for case in CASES for c in case.constraints for m in case.moves)
    assert {pair: n for pair, n in cells.items() if n} == dict(expected)
    assert [row.constraint.key for row in matrix.rows] == list(TAXONOMY.constraints)
    assert [move.key for move in matrix.moves] == list(TAXONOMY.moves)
    assert matrix.peak == 1


@pytest.mark.parametrize(("count", "peak", "level"), [(0, 9, 0), (1, 9, 1), (3, 9, 2), (5, 9, 3), (9, 9, 4),
                                                      (0, 0, 0)])
def test_heat_is_zero_for_none_and_full_for_the_busiest_cell(count, peak, level):
    assert gv.heat_level(count, peak) == level


def test_the_eras_chart_counts_cases_in_the_filter_s_eras():
    counts = dict((era.key, count) for era, count in gv.era_counts(CASES))
    assert list(counts) == [era.key for era in gv.ERAS]
    assert counts == {"before-1900": 1, "1900-1939": 0, "1940-1969": 1, "1970-1989": 0, "1990-1999": 1,
                      "2000-2009": 0, "since-2010": 1}


# --- case pages -------------------------------------------------------------------------


def test_related_lists_the_named_cases_first_then_those_sharing_most_constraints_and_moves():
    me = make_case("me", year=2000, constraints=("compute", "memory"), moves=("subtract", "compress"),
                   related=("named", "no-such-case"))
    others = [
        make_case("named", constraints=("money",), moves=("share",)),
        make_case("shares-three", year=1950, constraints=("compute", "memory"), moves=("compress",)),
        make_case("shares-one-near", year=2001, title="Zed", constraints=("compute",), moves=("share",)),
        make_case("shares-one-far", year=1900, title="Alpha", constraints=("memory",), moves=("share",)),
        make_case("shares-two", year=2020, constraints=("memory",), moves=("subtract",)),
        make_case("shares-nothing", constraints=("money",), moves=("share",)),
    ]
    found = related.related_cases(me, [me, *others])
    assert [case.slug for case in found] == ["named", "shares-three", "shares-two", "shares-one-near",
                                               "shares-one-far"]


def test_related_cases_stop_at_the_limit_and_never_repeat_or_include_the_case_itself():
    me = make_case("me", related=("b1",))
    cases = [me] + [make_case(f"b{n}") for n in range(10)]
    found = related.related_cases(me, cases, limit=4)
    slugs = [case.slug for case in found]
    assert len(slugs) == 4 and len(set(slugs)) == 4 and "me" not in slugs and slugs[0] == "b1"


def test_following_random_case_links_visits_every_case_once():
    cases = [make_case(f"case-{n}") for n in range(12)]
    seen, case = [], cases[0]
    for _ in cases:
        seen.append(case.slug)
        case = related.random_case(case, cases)
    assert sorted(seen) == sorted(c.slug for c in cases) and case.slug == cases[0].slug


def test_a_lone_case_has_no_random_case():
    assert related.random_case(CASES[0], CASES[:1]) is None


def test_the_gallery_view_has_a_code_for_every_case():
    view = gv.gallery_view(CASES, TAXONOMY)
    assert set(view.codes) == {case.slug for case in CASES}
    assert view.random_slug in view.codes
    assert sum(count for _, count in view.eras) == len(CASES)


def shares(case: Case, other: Case) -> int:
    return len(set(case.constraints) & set(other.constraints)) + len(set(case.moves) & set(other.moves))


def related_by_the_rule(case: Case, cases: list[Case]) -> list[str]:
    """The rule read literally, comparing the case with every other one."""
    named = [slug for slug in case.related if slug in {c.slug for c in cases}][: related.RELATED_LIMIT]
    rest = sorted((o for o in cases if o.slug not in {case.slug, *named} and shares(case, o) > 0),
                  key=lambda o: (-shares(case, o), abs(o.year - case.year), o.title.casefold()))
    return named + [o.slug for o in rest][: related.RELATED_LIMIT - len(named)]


@st.composite
def collections(draw):
    count = draw(st.integers(1, 12))
    slugs = [f"case-{n}" for n in range(count)]
    cases = []
    for slug in slugs:
        others = [s for s in slugs if s != slug]
        cases.append(make_case(
            slug, year=draw(st.integers(1800, 2026)), title=f"{draw(st.sampled_from('ABC'))} {slug}",
            constraints=draw(st.lists(st.sampled_from(["compute", "memory", "money"]), min_size=1, max_size=3,
                                      unique=True)),
            moves=draw(st.lists(st.sampled_from(["subtract", "share"]), min_size=1, max_size=2, unique=True)),
            related=draw(st.lists(st.sampled_from(others), max_size=3, unique=True)) if others else ()))
    return cases


@settings(max_examples=200, deadline=None)
@given(collections(), st.sampled_from([related.SCAN_LIMIT, 0]))
def test_the_indexed_related_cases_follow_the_rule_read_literally(cases, scan_limit):
    # scan_limit 0 makes every level walk the years, as large collections do.
    links = related.case_links(cases, scan_limit=scan_limit)
    for case in cases:
        assert [other.slug for other in links[case.slug].related] == related_by_the_rule(case, cases)
