"""The Content-Security-Policy in a real Chromium: the site runs under it, attacks do not."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from conftest import RECORD_VIOLATIONS, real_collection, violations

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


# What each document posts to its web workers, by message type, below the site's scripts.
RECORD_WORKER_MESSAGES = """
window.__posted = [];
const post = Worker.prototype.postMessage;
Worker.prototype.postMessage = function (message, ...rest) {
  window.__posted.push(message && message.type);
  return post.call(this, message, ...rest);
};
"""


def test_the_search_index_is_built_only_once_a_reader_turns_to_search(page: Page, base_url):
    # A page of its own: the recorder above stays in every document the page opens.
    page.add_init_script(RECORD_VIOLATIONS + RECORD_WORKER_MESSAGES)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{base_url}cases/{CASE.slug}/")
    page.wait_for_load_state("networkidle")
    # Material has fetched the index and started its worker; the worker has had nothing.
    expect(page.locator(".md-search-result__meta")).to_have_text("Type to start searching")
    assert page.evaluate("window.__posted") == []
    page.locator("input.md-search__input").focus()
    page.wait_for_function("window.__posted.length > 0")
    assert page.evaluate("window.__posted") == [0]  # the set-up, with the index
    page.locator("input.md-search__input").press_sequentially("flat pack")
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=15_000)
    # A shared search link (?q=) opens the search with its results, with no focus by hand.
    page.goto(f"{base_url}?q=flat+pack")
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=15_000)
    assert errors == [] and violations(page) == []


def test_an_injected_inline_handler_is_blocked(tab: Page, base_url):
    tab.goto(f"{base_url}cases/")
    tab.evaluate("""document.body.insertAdjacentHTML('beforeend',
        '<img src="data:," onerror="window.__pwned = true">')""")
    tab.wait_for_timeout(200)
    assert tab.evaluate("window.__pwned === undefined")
    assert any(v.startswith("script-src") for v in violations(tab))
