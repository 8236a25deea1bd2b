"""Real `mkdocs build --strict` runs: every case reaches every place it should."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, ROOT, make_small_project, mkdocs_build, real_collection
from html_probe import find_all, has_class, read_html, squash

CASES = real_collection().cases
TAXONOMY = real_collection().taxonomy

pytestmark = pytest.mark.build


def raw_front_matter(path: Path) -> dict:
    """The case file's front matter read independently of the case module."""
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n", 2)[1])


def test_the_project_has_cases():
    assert len(CASES) >= 4


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.slug)
def test_each_case_has_a_page_with_its_facts(built_site, case):
    elements = read_html(built_site / "cases" / case.slug / "index.html")
    assert [squash(h.text) for h in find_all(elements, "h1")] == [case.title]
    facts = squash(next(e for e in elements if e.tag == "dl" and has_class(e, "uc-facts")).text)
    kicker = squash(next(e for e in elements if e.tag == "p" and has_class(e, "uc-kicker")).text)
    assert case.who in facts
    assert str(abs(case.year)) in kicker
    for key in case.constraints:
        assert TAXONOMY.constraints[key].label in facts
    listed = next(e for e in elements if e.tag == "ol" and has_class(e, "uc-sources"))
    sources = [(item.children[0].attrs["href"], squash(item.text)) for item in listed.children]
    assert sources == [(source.url, source.title) for source in case.sources]
    headings = [squash(h.text).rstrip("¶").strip() for h in find_all(elements, "h2")]
    assert headings[:3] == ["The constraint", "The response", "The result"]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.slug)
def test_each_case_page_has_meta_description_and_opengraph_from_its_summary(built_site, case):
    elements = read_html(built_site / "cases" / case.slug / "index.html")
    assert find_all(elements, "meta", name="description")[0].attrs["content"] == case.summary
    assert find_all(elements, "meta", property="og:description")[0].attrs["content"] == case.summary
    assert find_all(elements, "meta", property="og:title")[0].attrs["content"] == case.title
    assert find_all(elements, "meta", property="og:url")[0].attrs["content"].endswith(f"/cases/{case.slug}/")


def test_edit_this_page_opens_the_case_file(built_site):
    case = CASES[0]
    elements = read_html(built_site / "cases" / case.slug / "index.html")
    edit = [a.attrs["href"] for a in find_all(elements, "a") if "/edit/" in a.attrs.get("href", "")]
    assert edit == [f"https://github.com/under-constraint/under-constraint/edit/main/cases/{case.slug}.md"]


def test_the_gallery_has_one_card_per_case(built_site):
    elements = read_html(built_site / "cases" / "index.html")
    cards = [e for e in elements if has_class(e, "uc-card")]
    assert sorted(card.attrs["data-slug"] for card in cards) == sorted(case.slug for case in CASES)
    by_slug = {case.slug: case for case in CASES}
    for card in cards:
        case = by_slug[card.attrs["data-slug"]]
        link = find_all(card.children, "h3")[0].children[0]
        assert (link.attrs["href"], squash(link.text)) == (f"{case.slug}/", case.title)
        assert case.summary in squash(card.text)


def test_cases_json_equals_the_case_files(built_site):
    exported = json.loads((built_site / "cases.json").read_text(encoding="utf-8"))
    expected = []
    for path in sorted((ROOT / "cases").glob("[!_]*.md")):
        record = raw_front_matter(path)
        record["added"] = str(record["added"])
        expected.append({**record, "slug": path.stem,
                         "url": f"https://under-constraint.github.io/under-constraint/cases/{path.stem}/"})
    assert sorted(exported, key=lambda r: r["slug"]) == expected


def test_the_feed_lists_cases_newest_first_and_every_page_links_to_it(built_site):
    channel = ET.parse(built_site / "feed.xml").getroot().find("channel")
    items = channel.findall("item")
    newest = sorted(CASES, key=lambda c: (c.added, c.slug), reverse=True)[:50]
    assert [item.findtext("title") for item in items] == [case.title for case in newest]
    assert items[0].findtext("link").endswith(f"/cases/{newest[0].slug}/")
    for page in (built_site / "index.html", built_site / "cases" / "index.html",
                 built_site / "cases" / CASES[0].slug / "index.html"):
        links = find_all(read_html(page), "link", rel="alternate", type="application/rss+xml")
        assert len(links) == 1 and links[0].attrs["href"].endswith("feed.xml")


@pytest.mark.parametrize("group", ["constraints", "moves", "domains"])
def test_each_term_has_a_tag_page_listing_its_cases(built_site, group):
    for term in TAXONOMY.group(group).values():
        page = built_site / group / term.key / "index.html"
        links = {a.attrs["href"] for a in find_all(read_html(page), "a")}
        using = [c for c in CASES if term.key in ([c.domain] if group == "domains" else getattr(c, group))]
        for case in using:
            assert f"../../cases/{case.slug}/" in links, (term.key, case.slug)


def test_case_pages_link_their_terms_to_the_tag_pages(built_site):
    case = CASES[0]
    elements = read_html(built_site / "cases" / case.slug / "index.html")
    chips = {a.attrs["href"] for a in find_all(elements, "a") if has_class(a, "uc-chip")}
    kicker = next(e for e in elements if e.tag == "p" and has_class(e, "uc-kicker"))
    assert [a.attrs["href"] for a in kicker.children if a.tag == "a"] == [f"../../domains/{case.domain}/"]
    assert {f"../../moves/{key}/" for key in case.moves} <= chips


def test_case_pages_are_not_in_the_sidebar(built_site):
    text = (built_site / "index.html").read_text(encoding="utf-8")
    assert f"cases/{CASES[0].slug}/" not in re.sub(r'<div class="md-content".*', "", text, flags=re.S)


def test_nothing_is_loaded_from_another_host(built_site):
    remote = re.compile(r"""<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)=["']?(?:https?:)?//""", re.I)
    for page in built_site.rglob("*.html"):
        for match in remote.finditer(page.read_text(encoding="utf-8")):
            tag = match.group(0)
            assert 'rel="canonical"' in tag or "alternate" in tag, (page, tag)


def test_the_sitemap_lists_every_case(built_site):
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    for case in CASES:
        assert f"/cases/{case.slug}/</loc>" in sitemap


# Dated a day ahead (the validator's grace for time zones), so that it is the newest case
# whatever day the tests run: the feed lists the newest.
NEW_CASE = (FIXTURES / "cases" / "other-case.md").read_text(encoding="utf-8").replace(
    "Another test case that exists for related links", "A brand-new case joins without other edits"
).replace("added: 2026-01-16", f"added: {dt.date.today() + dt.timedelta(days=1)}")


@pytest.fixture(scope="module")
def site_with_new_case(tmp_path_factory):
    project = make_small_project(tmp_path_factory.mktemp("project"))
    (project / "cases" / "brand-new-case.md").write_text(NEW_CASE, encoding="utf-8")
    result = mkdocs_build(project, project / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    return project / "site"


def test_a_new_valid_case_appears_everywhere_with_no_other_edit(site_with_new_case):
    site = site_with_new_case
    assert "A brand-new case joins without other edits" in (site / "cases/brand-new-case/index.html").read_text()
    cards = [e for e in read_html(site / "cases/index.html") if has_class(e, "uc-card")]
    assert "brand-new-case" in {card.attrs["data-slug"] for card in cards}
    assert "brand-new-case" in {r["slug"] for r in json.loads((site / "cases.json").read_text())}
    assert "brand-new-case/" in (site / "feed.xml").read_text()
    assert "../../cases/brand-new-case/" in (site / "constraints/knowledge/index.html").read_text()
    assert "../../cases/brand-new-case/" in (site / "moves/approximate/index.html").read_text()


def test_an_invalid_case_fails_the_build_naming_file_line_and_fix(tmp_path):
    project = make_small_project(tmp_path / "project")
    bad = (FIXTURES / "faults" / "constraint-not-in-taxonomy.md").read_text().replace("related: [other-case]\n", "")
    (project / "cases" / "broken-case.md").write_text(bad, encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert ("cases/broken-case.md:8: constraints: 'mony' is not in constraints of cases/taxonomy.yml: "
            "did you mean 'money'?") in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site" / "index.html").exists()


def test_search_indexes_each_case_by_its_summary_not_its_body(built_site):
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    by_location = {doc["location"]: doc for doc in index["docs"]}
    for case in CASES:
        assert [doc["location"] for doc in index["docs"]].count(f"cases/{case.slug}/") == 1
        entry = by_location[f"cases/{case.slug}/"]
        assert case.summary in entry["text"]
        body_sentence = re.split(r"(?<=\.)\s", case.body.split("## The response", 1)[1].strip())[0]
        assert all(body_sentence not in doc["text"] for doc in index["docs"]), case.slug
        assert entry["title"] == html.escape(case.title)
    assert [doc["location"] for doc in index["docs"] if re.match(r"cases/[^/]+/#", doc["location"])] == []
    essay = [doc for doc in index["docs"] if doc["location"].startswith("#") or doc["location"] == ""]
    assert sum(len(doc["text"]) for doc in essay) > 10_000  # the essay stays fully searchable


def test_years_before_the_common_era_read_as_bce(built_site):
    ancient = [case for case in CASES if case.year < 0]
    assert ancient, "the collection has a BCE case to check"
    kicker = next(e for e in read_html(built_site / "cases" / ancient[0].slug / "index.html")
                  if e.tag == "p" and has_class(e, "uc-kicker"))
    assert f"{-ancient[0].year} BCE" in squash(kicker.text)
