"""The Content-Security-Policy in a real Chromium: the site runs under it, attacks do not."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from conftest import listening, real_collection, violations, worker_messages

pytestmark = pytest.mark.browser

CASE = sorted(real_collection().cases, key=lambda c: c.slug)[0]


# test_browser.py checks every kind of page for violations as it loads.


def test_search_palette_and_navigation_work_under_the_policy(tab: Page, base_url):
    tab.goto(base_url)
    tab.locator("form[data-md-component=palette] label:visible").first.click()
    tab.locator("input.md-search__input").click()
    # Material drops queries typed while its worker is still loading the index.
    expect(tab.locator(".md-search-result__meta")).to_have_text("Type to start searching", timeout=15_000)
    tab.locator("input.md-search__input").press_sequentially("flat pack")
    expect(tab.locator(".md-search-result__item").first).to_be_visible(timeout=15_000)
    tab.locator("input.md-search__input").press("Escape")
    tab.locator("a.md-tabs__link", has_text="Gallery").first.click()
    expect(tab).to_have_url(f"{base_url}cases/")
    assert violations(tab) == []


def test_the_search_index_is_built_only_once_a_reader_turns_to_search(tab: Page, base_url):
    errors: list[str] = []
    with listening(tab, pageerror=lambda error: errors.append(str(error))):
        tab.goto(f"{base_url}cases/{CASE.slug}/")
        tab.wait_for_load_state("networkidle")
        # Material has fetched the index and says search is ready; no worker has started.
        expect(tab.locator(".md-search-result__meta")).to_have_text("Type to start searching")
        assert tab.workers == [] and worker_messages(tab) == []
        tab.locator("input.md-search__input").focus()
        tab.wait_for_function("window.__posted.length > 0")
        assert worker_messages(tab) == [0]  # the set-up, with the index
        tab.locator("input.md-search__input").press_sequentially("flat pack")
        expect(tab.locator(".md-search-result__item").first).to_be_visible(timeout=15_000)
        assert len(tab.workers) == 1
        # A shared search link (?q=) opens the search with its results, with no focus by hand.
        tab.goto(f"{base_url}?q=flat+pack")
        expect(tab.locator(".md-search-result__item").first).to_be_visible(timeout=15_000)
    assert errors == [] and violations(tab) == []


def test_an_injected_inline_handler_is_blocked(tab: Page, base_url):
    tab.goto(f"{base_url}cases/")
    tab.evaluate("""document.body.insertAdjacentHTML('beforeend',
        '<img src="data:," onerror="window.__pwned = true">')""")
    tab.wait_for_timeout(200)
    assert tab.evaluate("window.__pwned === undefined")
    assert any(v.startswith("script-src") for v in violations(tab))
