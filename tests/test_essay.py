"""The essay: length, links both ways between it and the cases, footnotes, print layout."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT, real_collection
from html_probe import find_all, has_class, read_html, squash
from under_constraint.site.essay import essay_mentions, prose_words, reading_minutes

ESSAY = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
MENTIONS = essay_mentions(ESSAY)
SLUGS = {case.slug for case in real_collection().cases}


def test_the_essay_is_1800_to_3500_words():
    assert 1800 <= prose_words(ESSAY) <= 3500


def test_the_essay_links_the_four_cases_it_leans_on():
    assert {"deepseek-r1-export-controls", "ikea-flat-pack", "twitter-140-characters",
            "apollo-13-co2-adapter"} <= set(MENTIONS)


@pytest.mark.parametrize("slug", sorted(MENTIONS))
def test_every_case_the_essay_links_to_exists(slug):
    assert slug in SLUGS


@pytest.mark.parametrize("slug", sorted(MENTIONS))
def test_each_linked_case_page_links_back_to_its_section_of_the_essay(built_site, slug):
    essay_ids = {e.attrs.get("id") for e in read_html(built_site / "index.html")}
    case_page = read_html(built_site / "cases" / slug / "index.html")
    aside = next(e for e in case_page if has_class(e, "uc-essay-link"))
    link = find_all(aside.children[0].children, "a")[0]
    assert link.attrs["href"] == f"../../#{MENTIONS[slug].anchor}"
    assert MENTIONS[slug].anchor in essay_ids
    assert squash(link.text) == MENTIONS[slug].heading


def test_a_case_the_essay_does_not_discuss_has_no_backlink(built_site):
    others = sorted(SLUGS - set(MENTIONS))
    if not others:
        pytest.skip("the essay discusses every case")
    page = read_html(built_site / "cases" / others[0] / "index.html")
    assert not [e for e in page if has_class(e, "uc-essay-link")]


def test_footnotes_render_as_links_with_definitions(built_site):
    page = read_html(built_site / "index.html")
    references = [e for e in page if e.tag == "sup" and e.attrs.get("id", "").startswith("fnref:")]
    notes = {e.attrs["id"] for e in page if e.tag == "li" and e.attrs.get("id", "").startswith("fn:")}
    assert len(references) >= 10
    assert {ref.attrs["id"].split(":", 1)[1].rsplit(":", 1)[0] for ref in references} <= {
        note.split(":", 1)[1] for note in notes}
    text = (built_site / "index.html").read_text(encoding="utf-8")
    assert "[^" not in text


def test_every_footnote_cites_a_link():
    definitions = re.findall(r"^\[\^([^\]]+)\]:(.*)$", ESSAY, flags=re.M)
    assert definitions
    for name, text in definitions:
        assert "](https://" in text, name


def test_the_essay_ends_with_sources_and_invites_contributions():
    assert re.search(r"^## Sources$", ESSAY, flags=re.M)
    assert "](cases/index.md)" in ESSAY and "](contributing.md)" in ESSAY


def test_the_essay_page_shows_its_reading_time(built_site):
    page = read_html(built_site / "index.html")
    shown = [squash(e.text) for e in page if has_class(e, "uc-byline")]
    assert len(shown) == 1 and shown[0].endswith(f"about {reading_minutes(prose_words(ESSAY))} minutes' read")


def test_mentions_are_found_in_links_that_wrap_lines_and_keep_the_first_section():
    text = "## One\n\nSee [the\nflat pack](cases/ikea-flat-pack.md).\n\n## Two\n\n[again](cases/ikea-flat-pack.md)"
    assert {slug: m.anchor for slug, m in essay_mentions(text).items()} == {"ikea-flat-pack": "one"}


def test_words_in_footnotes_and_sources_are_not_counted():
    text = "---\ntitle: x\n---\nOne two three.[^a]\n\n## Sources\n\nMany more words here.\n\n[^a]: Note words."
    assert prose_words(text) == 3


def test_the_essay_page_shows_its_own_title_not_its_nav_label(built_site):
    title = re.search(r"^title: (.+)$", ESSAY, flags=re.M).group(1).strip()
    page = read_html(built_site / "index.html")
    assert [squash(h.text) for h in find_all(page, "h1")] == [title]
    assert find_all(page, "meta", property="og:title")[0].attrs["content"] == title
