"""The Content-Security-Policy in a real Chromium: the site runs under it, attacks do not."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from conftest import real_collection, violations

pytestmark = pytest.mark.browser

CASE = sorted(real_collection().cases, key=lambda c: c.slug)[0]


@pytest.mark.parametrize("path", ["", "cases/", f"cases/{CASE.slug}/", "constraints/", "moves/compress/", "404.html"])
def test_pages_load_with_no_policy_violation(tab: Page, base_url, path):
    tab.goto(f"{base_url}{path}")
    tab.wait_for_load_state("networkidle")
    assert tab.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1
    assert violations(tab) == []


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


def test_an_injected_inline_handler_is_blocked(tab: Page, base_url):
    tab.goto(f"{base_url}cases/")
    tab.evaluate("""document.body.insertAdjacentHTML('beforeend',
        '<img src="data:," onerror="window.__pwned = true">')""")
    tab.wait_for_timeout(200)
    assert tab.evaluate("window.__pwned === undefined")
    assert any(v.startswith("script-src") for v in violations(tab))
