"""The built site in a real Chromium: navigation, console errors, the policy, phone width, accessibility."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from conftest import listening, real_collection, violations

pytestmark = pytest.mark.browser

CASES = sorted(real_collection().cases, key=lambda c: c.slug)
# test_gallery_browser checks the gallery, filtered, in both schemes.
AXE_PAGES = {"home": "", "case page": f"cases/{CASES[0].slug}/"}
SERIOUS = {"serious", "critical"}


@pytest.fixture
def console_errors(tab: Page, base_url) -> Iterator[list[str]]:
    """Console errors, uncaught exceptions, and any request that leaves the test server."""
    errors: list[str] = []
    with listening(tab, console=lambda message: errors.append(message.text) if message.type == "error" else None,
                   pageerror=lambda error: errors.append(str(error)),
                   request=lambda r: None if r.url.startswith((base_url, "data:")) else errors.append(r.url)):
        yield errors


def test_the_gallery_lists_every_case(tab: Page, base_url):
    tab.goto(f"{base_url}cases/")
    titles = tab.eval_on_selector_all(".uc-card", "cards => cards.map(card => [card.dataset.slug,"
                                      " card.querySelector('h3 a').textContent.trim()])")
    assert sorted(titles) == sorted([case.slug, case.title] for case in CASES)


def test_a_card_leads_to_its_case_page(tab: Page, base_url):
    case = CASES[-1]
    tab.goto(f"{base_url}cases/")
    tab.locator(f'.uc-card[data-slug="{case.slug}"] h3 a').click()
    expect(tab).to_have_url(f"{base_url}cases/{case.slug}/")
    expect(tab.locator("h1")).to_have_text(case.title)


# Every kind of page, and the case with the longest title (its heading wraps most).
LONGEST = max(CASES, key=lambda case: len(case.title))
EVERY_KIND = ["", "cases/", f"cases/{LONGEST.slug}/", "constraints/", "constraints/money/", "moves/compress/",
              "domains/ai/", "criteria/", "data/", "contributing/", "404.html"]
PHONE = {"width": 390, "height": 844}


@pytest.mark.parametrize("path", EVERY_KIND)
def test_each_page_loads_cleanly_on_a_phone(tab: Page, base_url, console_errors, path):
    # One load a page checks all four: each load costs Chromium about a third of a second.
    tab.set_viewport_size(PHONE)
    tab.goto(f"{base_url}{path}")
    tab.wait_for_load_state("networkidle")
    if path != "404.html":  # it names its files under the published base path, which this server lacks
        assert console_errors == []
    assert tab.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1
    assert violations(tab) == []
    width = tab.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{path}: {width}px wide"


@pytest.mark.parametrize("name", sorted(AXE_PAGES))
def test_axe_finds_no_serious_violation(tab: Page, base_url, name):
    tab.goto(f"{base_url}{AXE_PAGES[name]}")
    results = Axe().run(tab)
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in SERIOUS
    ]
    assert serious == []


def test_the_palette_toggle_reaches_the_dark_scheme(tab: Page, base_url):
    tab.goto(base_url)
    schemes = []
    # The toggle cycles through system, light and dark.
    for _ in range(3):
        tab.locator("form[data-md-component=palette] label:visible").first.click()
        schemes.append(tab.locator("body").get_attribute("data-md-color-scheme"))
    assert "slate" in schemes and "default" in schemes


def test_the_essay_prints_without_navigation_and_with_link_addresses(tab: Page, base_url):
    tab.goto(base_url)
    tab.emulate_media(media="print")
    expect(tab.locator(".md-header")).to_be_hidden()
    expect(tab.locator(".md-sidebar--primary")).to_be_hidden()
    external = tab.locator('.uc-essay a[href^="https://"]').first
    after = external.evaluate("a => getComputedStyle(a, '::after').content")
    assert external.get_attribute("href") in after
    footnote = tab.locator(".uc-essay a.footnote-ref").first
    assert footnote.evaluate("a => getComputedStyle(a, '::after').content") in ("none", "normal")
