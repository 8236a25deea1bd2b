"""The gallery as a tool, in Chromium: facets, counts, views in the address, keyboard, axe.

Expected results are worked out here from the built site's cases.json, independently
of the gallery script: within a facet values combine with OR, facets combine with AND,
and a value's count is what it would give with the other facets as they are.
"""

from __future__ import annotations

import json
import random
import re
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlencode

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from conftest import listening, real_collection, violations
from under_constraint.bench.bench_gallery import build_site, make_project
from under_constraint.site import gallery_views, related

pytestmark = pytest.mark.browser

FACETS = ("constraint", "move", "domain", "era", "origin", "outcome")
SERIOUS = {"serious", "critical"}
READY = "[data-uc-gallery][data-uc-ready]"
VISIBLE_SLUGS = "els => els.filter(e => !e.hidden).map(e => e.dataset.slug)"
COUNTS = """els => els.map(li => [li.closest('fieldset').dataset.facet, li.dataset.v,
                                   Number(li.querySelector('.uc-n').textContent.replace(/,/g, ''))])"""


@pytest.fixture(scope="module")
def records(built_site) -> list[dict]:
    return json.loads((built_site / "cases.json").read_text(encoding="utf-8"))


@pytest.fixture
def gallery(tab: Page, base_url) -> Page:
    """The whole gallery, freshly opened."""
    tab.goto(f"{base_url}cases/")
    tab.wait_for_selector(READY)
    return tab


@contextmanager
def requests_made(page: Page) -> Iterator[list]:
    """The requests the page makes inside the block."""
    seen: list = []
    with listening(page, request=lambda request: seen.append(request)):
        yield seen


# --- the expected answers, from cases.json ------------------------------------------------


def keys_of(record: dict, facet: str) -> set[str]:
    return {
        "constraint": lambda: set(record["constraints"]),
        "move": lambda: set(record["moves"]),
        "domain": lambda: {record["domain"]},
        "era": lambda: {gallery_views.era_of(record["year"]).key},
        "origin": lambda: {record["origin"]} if record.get("origin") else set(),
        "outcome": lambda: {record["outcome"]},
    }[facet]()


def passes(record: dict, selection: dict[str, set[str]], facet: str) -> bool:
    picked = selection.get(facet)
    return not picked or bool(keys_of(record, facet) & picked)


def expected_slugs(records: list[dict], selection: dict[str, set[str]]) -> set[str]:
    return {r["slug"] for r in records if all(passes(r, selection, facet) for facet in FACETS)}


def expected_count(records, selection, facet: str, value: str) -> int:
    others = [f for f in FACETS if f != facet]
    return sum(1 for r in records if value in keys_of(r, facet) and all(passes(r, selection, f) for f in others))


def shown_slugs(page: Page) -> set[str]:
    return set(page.eval_on_selector_all("li.uc-card", VISIBLE_SLUGS))


def shown_counts(page: Page) -> dict[tuple[str, str], int]:
    return {(facet, value): n for facet, value, n in page.eval_on_selector_all("fieldset li[data-v]", COUNTS)}


def assert_view_matches(page: Page, records, selection) -> None:
    """The visible cards and every value's count agree with cases.json."""
    assert shown_slugs(page) == expected_slugs(records, selection)
    counts = shown_counts(page)
    assert counts == {(f, v): expected_count(records, selection, f, v) for f, v in counts}


def checkbox(page: Page, facet: str, value: str):
    return page.locator(f'input[name="{facet}"][value="{value}"]')


def busiest(records, facet: str, rank: int = 0) -> str:
    """A value of the facet that some cases use, by rank of use."""
    counts = {}
    for record in records:
        for key in keys_of(record, facet):
            counts[key] = counts.get(key, 0) + 1
    return sorted(counts, key=lambda key: (-counts[key], key))[rank]


def query(selection: dict[str, list[str]], **extra) -> str:
    return "?" + urlencode([(facet, value) for facet, values in selection.items() for value in values]
                           + list(extra.items()))


# --- facets and counts --------------------------------------------------------------------


def test_before_any_filter_every_card_shows_with_each_value_counting_its_cases(gallery: Page, records):
    assert_view_matches(gallery, records, {})
    expect(gallery.locator(".uc-status")).to_have_text(f"All {len(records)} cases")


@pytest.mark.parametrize("facet", FACETS)
def test_each_facet_filters_to_the_cases_with_the_ticked_value(gallery: Page, records, facet):
    value = busiest(records, facet)
    checkbox(gallery, facet, value).check()
    selection = {facet: {value}}
    expect(gallery).to_have_url(f"{gallery.url.split('?')[0]}?{facet}={value}")
    assert_view_matches(gallery, records, selection)
    expect(gallery.locator(".uc-status")).to_have_text(
        f"{len(expected_slugs(records, selection))} of {len(records)} cases")
    assert violations(gallery) == []


def test_values_of_one_facet_combine_with_or_and_facets_combine_with_and(gallery: Page, records):
    first, second = busiest(records, "constraint", 0), busiest(records, "constraint", 1)
    move = busiest(records, "move")
    checkbox(gallery, "constraint", first).check()
    checkbox(gallery, "constraint", second).check()
    either = {"constraint": {first, second}}
    assert_view_matches(gallery, records, either)
    assert shown_slugs(gallery) == expected_slugs(records, {"constraint": {first}}) | expected_slugs(
        records, {"constraint": {second}})
    checkbox(gallery, "move", move).check()
    both = {**either, "move": {move}}
    assert_view_matches(gallery, records, both)
    assert shown_slugs(gallery) == expected_slugs(records, either) & expected_slugs(records, {"move": {move}})


def test_values_that_would_give_nothing_stay_listed_and_look_disabled(gallery: Page, records):
    domain = busiest(records, "domain")
    checkbox(gallery, "domain", domain).check()
    zero = [(f, v) for (f, v), n in shown_counts(gallery).items() if n == 0 and f != "domain"]
    assert zero, "some value should give nothing within the busiest domain"
    facet, value = zero[0]
    item = gallery.locator(f'fieldset[data-facet="{facet}"] li[data-v="{value}"]')
    expect(item).to_have_class("uc-zero")
    expect(checkbox(gallery, facet, value)).to_be_enabled()


def test_the_text_box_filters_by_title_summary_and_people(gallery: Page, records):
    record = records[0]
    field = gallery.locator('input[name="q"]')
    word = max(record["title"].split(), key=len)
    person = next(r for r in records if r["who"].split()[0].lower() not in (r["title"] + r["summary"]).lower())
    name = person["who"].split()[0]
    titles = {r["slug"] for r in records if word.lower() in (r["title"] + " " + r["summary"] + " "
                                                              + r["who"]).lower()}
    with requests_made(gallery) as requests:
        field.fill(word.lower())
        expect(gallery.locator(f'li.uc-card[data-slug="{record["slug"]}"]')).to_be_visible()
        assert record["slug"] in shown_slugs(gallery) and shown_slugs(gallery) <= titles
        field.fill(name)
        expect(gallery.locator(f'li.uc-card[data-slug="{person["slug"]}"]')).to_be_visible()
    fetched = [request.url.rsplit("/", 1)[-1] for request in requests]
    # People are searched in their own small index, not in the whole of cases.json.
    assert "people.json" in fetched and "cases.json" not in fetched


def test_sorting_by_year_and_by_title_reorders_the_cards(gallery: Page, records):
    by_slug = {r["slug"]: r for r in records}
    gallery.locator('select[name="sort"]').select_option("year")
    expect(gallery).to_have_url(f"{gallery.url.split('?')[0]}?sort=year")
    order = gallery.eval_on_selector_all("li.uc-card", VISIBLE_SLUGS)
    assert [by_slug[s]["year"] for s in order] == sorted(r["year"] for r in records)
    gallery.locator('select[name="sort"]').select_option("title")
    order = gallery.eval_on_selector_all("li.uc-card", VISIBLE_SLUGS)
    assert [by_slug[s]["title"].casefold() for s in order] == sorted(r["title"].casefold() for r in records)


# --- views in the address -------------------------------------------------------------------


def test_opening_an_address_shows_its_view(tab: Page, base_url, records):
    first, second = busiest(records, "constraint", 0), busiest(records, "constraint", 1)
    move = busiest(records, "move")
    tab.goto(f"{base_url}cases/{query({'constraint': [first, second], 'move': [move]}, sort='year')}")
    tab.wait_for_selector(READY)
    expect(checkbox(tab, "constraint", first)).to_be_checked()
    expect(checkbox(tab, "constraint", second)).to_be_checked()
    expect(checkbox(tab, "move", move)).to_be_checked()
    expect(tab.locator('select[name="sort"]')).to_have_value("year")
    assert_view_matches(tab, records, {"constraint": {first, second}, "move": {move}})


def test_a_view_made_by_hand_round_trips_through_its_address(gallery: Page, base_url, records):
    constraint, move = busiest(records, "constraint"), busiest(records, "move")
    checkbox(gallery, "move", move).check()
    checkbox(gallery, "constraint", constraint).check()
    gallery.locator('select[name="sort"]').select_option("year")
    canonical = f"{base_url}cases/{query({'constraint': [constraint], 'move': [move]}, sort='year')}"
    expect(gallery).to_have_url(canonical)
    before = gallery.eval_on_selector_all("li.uc-card", VISIBLE_SLUGS)
    gallery.goto("about:blank")
    gallery.goto(canonical)
    gallery.wait_for_selector(READY)
    assert gallery.eval_on_selector_all("li.uc-card", VISIBLE_SLUGS) == before


def test_back_and_forward_step_through_views(gallery: Page, base_url, records):
    first, second = busiest(records, "constraint", 0), busiest(records, "domain", 0)
    checkbox(gallery, "constraint", first).check()
    expect(gallery).to_have_url(f"{base_url}cases/?constraint={first}")
    checkbox(gallery, "domain", second).check()
    expect(gallery).to_have_url(f"{base_url}cases/?constraint={first}&domain={second}")
    gallery.go_back()
    expect(gallery).to_have_url(f"{base_url}cases/?constraint={first}")
    expect(checkbox(gallery, "domain", second)).not_to_be_checked()
    assert_view_matches(gallery, records, {"constraint": {first}})
    gallery.go_back()
    expect(gallery).to_have_url(f"{base_url}cases/")
    expect(checkbox(gallery, "constraint", first)).not_to_be_checked()
    assert_view_matches(gallery, records, {})
    gallery.go_forward()
    expect(checkbox(gallery, "constraint", first)).to_be_checked()
    assert_view_matches(gallery, records, {"constraint": {first}})


def test_stepping_back_between_views_redraws_without_fetching_the_page(gallery: Page, base_url, records):
    instant = gallery
    constraint, move = busiest(records, "constraint"), busiest(records, "move")
    checkbox(instant, "constraint", constraint).check()
    checkbox(instant, "move", move).check()
    expect(instant).to_have_url(re.compile(r"move="))
    with requests_made(instant) as requests:
        instant.go_back()
        expect(checkbox(instant, "move", move)).not_to_be_checked()
        assert_view_matches(instant, records, {"constraint": {constraint}})
    assert [request.url for request in requests if "/cases/" in request.url] == []


def test_typing_adds_one_history_step_not_one_per_letter(gallery: Page, base_url):
    gallery.evaluate("window.__typed_here = true")
    gallery.locator('input[name="q"]').press_sequentially("ship", delay=40)
    expect(gallery).to_have_url(f"{base_url}cases/?q=ship")
    # One step back is the view before the typing, not "shi", and still this document:
    # with no step of its own, it would leave the page the typing happened in.
    gallery.go_back()
    expect(gallery).to_have_url(f"{base_url}cases/")
    expect(gallery.locator('input[name="q"]')).to_have_value("")
    assert gallery.evaluate("window.__typed_here === true")


def test_a_filter_that_matches_nothing_says_so_and_offers_to_clear(gallery: Page, base_url, records):
    gallery.locator('input[name="q"]').fill("zzzz no case says this")
    expect(gallery.locator("[data-uc-empty]")).to_be_visible()
    expect(gallery.locator(".uc-status")).to_have_text(f"0 of {len(records)} cases")
    assert shown_slugs(gallery) == set()
    gallery.locator("[data-uc-empty] button").click()
    expect(gallery.locator("[data-uc-empty]")).to_be_hidden()
    expect(gallery).to_have_url(f"{base_url}cases/")
    expect(gallery.locator('input[name="q"]')).to_be_focused()
    assert_view_matches(gallery, records, {})


def test_the_clear_control_resets_every_filter(gallery: Page, base_url, records):
    checkbox(gallery, "constraint", busiest(records, "constraint")).check()
    gallery.locator('input[name="q"]').fill("a")
    gallery.locator(".uc-tools [data-uc-clear]").click()
    expect(gallery).to_have_url(f"{base_url}cases/")
    expect(gallery.locator('input[name="q"]')).to_have_value("")
    assert_view_matches(gallery, records, {})


# --- the matrix, the timeline and the case pages --------------------------------------------


def test_a_matrix_cell_shows_its_count_and_opens_those_cases(gallery: Page, base_url, records):
    constraint, move = busiest(records, "constraint"), busiest(records, "move")
    selection = {"constraint": {constraint}, "move": {move}}
    cell = gallery.locator(f'.uc-matrix a[href$="?constraint={constraint}&move={move}"]')
    expect(cell).to_have_text(str(len(expected_slugs(records, selection))))
    cell.click()
    expect(gallery).to_have_url(f"{base_url}cases/?constraint={constraint}&move={move}")
    expect(checkbox(gallery, "move", move)).to_be_checked()
    assert_view_matches(gallery, records, selection)
    expect(gallery.locator("#cases")).to_be_focused()


def test_the_eras_chart_uses_the_filter_s_eras_and_links_into_them(gallery: Page, records):
    counts = Counter(gallery_views.era_of(record["year"]).key for record in records)
    shown = gallery.eval_on_selector_all(
        ".uc-eras li", "els => els.map(li => [new URL(li.querySelector('a').href).search.slice(5),"
        " Number(li.querySelector('.uc-n').textContent)])")
    assert shown == [[era.key, counts[era.key]] for era in gallery_views.ERAS]
    era = busiest(records, "era")
    gallery.locator(f'.uc-eras a[href$="?era={era}"]').click()
    assert_view_matches(gallery, records, {"era": {era}})


def test_a_case_page_lists_related_cases_and_a_random_one(tab: Page, base_url):
    cases = real_collection().cases
    case = max(cases, key=lambda c: len(related.related_cases(c, cases)))
    tab.goto(f"{base_url}cases/{case.slug}/")
    expected = [f"{base_url}cases/{other.slug}/" for other in related.related_cases(case, cases)]
    links = tab.eval_on_selector_all(".uc-related a", "els => els.map(a => a.href)")
    assert links == expected
    random_link = tab.locator(".uc-random-case a")
    random_link.click()
    expect(tab).not_to_have_url(f"{base_url}cases/{case.slug}/")
    expect(tab.locator("h1")).to_be_visible()


# --- keyboard, navigation, accessibility, no JavaScript ---------------------------------------


def test_every_control_works_by_keyboard(gallery: Page, base_url, records):
    constraint = busiest(records, "constraint")
    box = checkbox(gallery, "constraint", constraint)
    box.focus()
    gallery.keyboard.press("Space")
    expect(box).to_be_checked()
    assert gallery.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    assert_view_matches(gallery, records, {"constraint": {constraint}})
    gallery.keyboard.press("Shift+Tab")
    gallery.keyboard.press("Tab")
    expect(box).to_be_focused()
    gallery.locator('select[name="sort"]').focus()
    gallery.keyboard.press("ArrowDown")
    expect(gallery.locator('select[name="sort"]')).to_have_value("year")
    gallery.locator(".uc-tools [data-uc-clear]").focus()
    gallery.keyboard.press("Enter")
    expect(gallery).to_have_url(f"{base_url}cases/?sort=year")
    gallery.locator(".uc-matrix a").first.focus()
    gallery.keyboard.press("Enter")
    expect(gallery.locator("#cases")).to_be_focused()


def test_a_case_opened_from_a_filtered_gallery_leads_back_to_that_view(gallery: Page, base_url, records):
    constraint = busiest(records, "constraint")
    checkbox(gallery, "constraint", constraint).check()
    expect(gallery).to_have_url(f"{base_url}cases/?constraint={constraint}")
    slug = sorted(expected_slugs(records, {"constraint": {constraint}}))[0]
    gallery.locator(f'li.uc-card[data-slug="{slug}"] h3 a').click()
    expect(gallery).to_have_url(f"{base_url}cases/{slug}/")
    gallery.locator("[data-uc-back]").click()
    expect(gallery).to_have_url(f"{base_url}cases/?constraint={constraint}")
    gallery.wait_for_selector(READY)
    expect(checkbox(gallery, "constraint", constraint)).to_be_checked()
    assert_view_matches(gallery, records, {"constraint": {constraint}})


def test_a_case_opened_directly_leads_back_to_the_whole_gallery(tab: Page, base_url, records):
    tab.goto(f"{base_url}cases/{records[0]['slug']}/")
    tab.locator("[data-uc-back]").click()
    expect(tab).to_have_url(f"{base_url}cases/")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_violation_with_filters_applied(tab: Page, base_url, records, scheme):
    tab.emulate_media(color_scheme=scheme)
    # The cases that did not simply work: every kind of chip shows, and values that
    # would give nothing show greyed beside the ticked ones.
    tab.goto(f"{base_url}cases/{query({'outcome': ['mixed', 'failed']})}")
    tab.wait_for_selector(READY)
    assert tab.locator(".uc-chip--mixed").count() and tab.locator(".uc-chip--failed").count()
    assert tab.locator("fieldset li.uc-zero").count()
    expected = "slate" if scheme == "dark" else "default"
    assert tab.locator("body").get_attribute("data-md-color-scheme") == expected
    results = Axe().run(tab)
    serious = [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
               for v in results.response["violations"] if v["impact"] in SERIOUS]
    assert serious == []


def test_with_javascript_off_every_card_shows_and_values_link_to_tag_pages(browser, base_url, records):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base_url}cases/?constraint=compute")
    expect(page.locator("li.uc-card:visible")).to_have_count(len(records))
    expect(page.locator(".uc-tools")).to_be_hidden()
    links = page.eval_on_selector_all('fieldset[data-facet="move"] li a', "els => els.map(a => a.href)")
    assert links and all(link.startswith(f"{base_url}moves/") for link in links)
    context.close()


# --- a large gallery shows its matches a page at a time ---------------------------------------


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


# Just past the 160 cases (ALL_AT_ONCE in gallery-logic.js) up to which every match shows.
LARGE = 170


@pytest.fixture(scope="module")
def large_gallery(tmp_path_factory) -> str:
    """A synthetic collection past the size at which the gallery pages its matches."""
    project = make_project(tmp_path_factory.mktemp("large") / "project", LARGE, random.Random(7))
    site = project / "site"
    # Not --strict: the taxonomy's notes link to real cases, which this copy leaves out.
    build_site(project, site)
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/cases/"
    server.shutdown()
    server.server_close()


def test_a_large_gallery_shows_matches_a_page_at_a_time(tab: Page, large_gallery):
    tab.goto(large_gallery)
    tab.wait_for_selector(READY)
    expect(tab.locator("li.uc-card:not([hidden])")).to_have_count(24)
    more = tab.locator("[data-uc-more]")
    expect(more).to_have_text(f"Show 24 more ({LARGE - 24} not shown)")
    more.click()
    expect(tab.locator("li.uc-card:not([hidden])")).to_have_count(48)
    expect(tab.locator("li.uc-card:not([hidden]) h3 a").nth(24)).to_be_focused()
    tab.locator('select[name="sort"]').select_option("title")
    titles = tab.eval_on_selector_all("li.uc-card:not([hidden]) h3 a", "els => els.map(a => a.textContent)")
    assert len(titles) == 24 and titles == sorted(titles, key=str.casefold)
    tab.locator('input[name="era"]').nth(0).check()
    shown = tab.locator("li.uc-card:not([hidden])").count()
    assert shown <= 24
    expect(tab.locator(".uc-status")).to_contain_text(f"of {LARGE} cases")
