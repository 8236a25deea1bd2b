"""Reading the site in Chromium at a desktop and a phone size: results first in the
gallery, and cards that say what each case is. (test_browser.py checks that no page is
wider than a phone.)"""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
READY = "[data-uc-gallery][data-uc-ready]"


@pytest.fixture(scope="module")
def records(built_site) -> list[dict]:
    return json.loads((built_site / "cases.json").read_text(encoding="utf-8"))


@pytest.fixture
def page(tab: Page) -> Page:
    # Every test here opens its own address and sets its own size: one page serves them all.
    return tab


def first_card_top(page: Page) -> float:
    return page.evaluate("document.querySelector('.uc-gallery .uc-card').getBoundingClientRect().top + scrollY")


def test_the_first_card_is_in_the_first_screen_on_a_desktop(page: Page, base_url):
    page.set_viewport_size(DESKTOP)
    page.goto(f"{base_url}cases/")
    page.wait_for_selector(READY)
    assert first_card_top(page) < DESKTOP["height"]
    # The filters sit open beside the cards.
    assert page.locator("[data-uc-panel]").evaluate("el => el.open") is True


def test_the_first_card_is_within_one_and_a_half_screens_on_a_phone(page: Page, base_url):
    page.set_viewport_size(PHONE)
    page.goto(f"{base_url}cases/")
    page.wait_for_selector(READY)
    assert first_card_top(page) < 1.5 * PHONE["height"]
    panel = page.locator("[data-uc-panel]")
    assert panel.evaluate("el => el.open") is False
    page.locator(".uc-panel__toggle").click()
    page.locator('fieldset[data-facet="constraint"] input').first.check()
    assert page.locator("[data-uc-picked]").text_content() == "(1)"


def test_each_card_shows_its_year_domain_constraints_and_moves(page: Page, base_url, records):
    page.set_viewport_size(DESKTOP)
    page.goto(f"{base_url}cases/")
    page.wait_for_selector(READY)
    shown = page.eval_on_selector_all(
        ".uc-gallery .uc-card", """els => Object.fromEntries(els.map(el => [el.dataset.slug,
            [...el.querySelectorAll('.uc-chip')].map(c => [c.className.replace('uc-chip uc-chip--', ''),
                                                          c.textContent])]))""")
    labels = page.eval_on_selector_all(
        'fieldset[data-facet] li', "els => els.map(li => [li.closest('fieldset').dataset.facet, li.dataset.v,"
        " li.querySelector('label, a, span').textContent.replace(/\\s*\\d+$/, '').trim()])")
    label = {(facet, key): text for facet, key, text in labels}
    assert set(shown) == {record["slug"] for record in records}
    for record in records:
        chips = shown[record["slug"]]
        expected = [["year", f"{-record['year']} BCE" if record["year"] < 0 else str(record["year"])],
                    ["domain", label["domain", record["domain"]]],
                    *[["constraint", label["constraint", key]] for key in record["constraints"]],
                    *[["move", label["move", key]] for key in record["moves"]]]
        if record["outcome"] != "worked":
            expected.append([record["outcome"], record["outcome"].capitalize()])
        assert chips == expected, record["slug"]
