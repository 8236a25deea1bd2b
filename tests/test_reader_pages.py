"""The built site as readers, feed readers and crawlers meet it: previews, figures, the
feed's own address, sitemap dates, robots.txt and HTML that validates."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PIL import Image

from html_probe import find_all, has_class, read_html

pytestmark = pytest.mark.build

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
MAX_PREVIEW_BYTES = 120_000


@pytest.fixture(scope="module")
def records(built_site: Path) -> list[dict]:
    return json.loads((built_site / "cases.json").read_text(encoding="utf-8"))


def og_image(page: Path) -> str:
    metas = [m for m in find_all(read_html(page), "meta") if m.attrs.get("property") == "og:image"]
    assert len(metas) == 1, page
    return metas[0].attrs["content"]


def test_essay_gallery_cases_and_terms_have_a_1200_by_630_preview_image(built_site, records):
    pages = ["index.html", "cases/index.html", f"cases/{records[0]['slug']}/index.html",
             "constraints/compute/index.html", "moves/compress/index.html", "domains/ai/index.html"]
    images = set()
    for page in pages:
        url = og_image(built_site / page)
        path = built_site / url.split("/under-constraint/", 1)[1]
        with Image.open(path) as image:
            assert image.size == (1200, 630), url
        assert path.stat().st_size <= MAX_PREVIEW_BYTES, url
        images.add(path.read_bytes())
    assert len(images) == len(pages)  # each page draws its own
    cards = [path for path in (built_site / "assets/previews/cases").glob("*.png") if path.name != "index.png"]
    assert len(cards) == len(records)


def test_the_essay_shows_two_sourced_figures_as_accessible_svg(built_site):
    elements = read_html(built_site / "index.html")
    figures = [e for e in elements if e.tag == "figure" and has_class(e, "uc-figure")]
    assert len(figures) >= 2
    for figure in figures:
        svg = next(child for child in _descendants(figure) if child.tag == "svg")
        assert svg.attrs["role"] == "img"
        ids = svg.attrs["aria-labelledby"].split()
        assert {e.attrs.get("id") for e in _descendants(svg)} >= set(ids)
        caption = next(child for child in _descendants(figure) if child.tag == "figcaption")
        assert "Source" in caption.text
        assert any(a.attrs.get("href", "").startswith("https://") for a in _descendants(caption) if a.tag == "a")


def test_the_essay_counts_cases_from_the_collection(built_site, records):
    text = (built_site / "index.html").read_text(encoding="utf-8")
    assert "{{" not in text
    counter = sum(record["outcome"] != "worked" for record in records)
    assert f"{counter} of its {len(records)} cases" in text


def test_the_feed_names_its_own_address(built_site):
    channel = ET.parse(built_site / "feed.xml").getroot().find("channel")
    self_link = channel.find("{http://www.w3.org/2005/Atom}link")
    assert self_link is not None and self_link.get("rel") == "self"
    assert self_link.get("href").endswith("/feed.xml")


def test_sitemap_dates_come_from_the_cases_not_the_build(built_site, records):
    entries = {url.find(f"{SITEMAP}loc").text: url.find(f"{SITEMAP}lastmod")
               for url in ET.parse(built_site / "sitemap.xml").getroot()}
    for record in records:
        lastmod = entries[record["url"]]
        assert lastmod is not None and lastmod.text == record.get("updated", record["added"]), record["slug"]
    newest = max(record.get("updated", record["added"]) for record in records)
    gallery = next(loc for loc in entries if loc.endswith("/cases/"))
    assert entries[gallery].text == newest


def test_robots_txt_allows_crawling_and_names_the_sitemap(built_site):
    robots = (built_site / "robots.txt").read_text(encoding="utf-8")
    assert "User-agent: *" in robots
    assert robots.strip().splitlines()[-1].startswith("Sitemap: https://") and "sitemap.xml" in robots


def test_every_label_names_a_control_on_its_page_and_no_article_nests(built_site):
    problems = []
    for page in sorted(built_site.rglob("*.html")):
        elements = read_html(page)
        ids = {e.attrs["id"] for e in elements if "id" in e.attrs}
        for label in find_all(elements, "label"):
            target = label.attrs.get("for")
            if target and target not in ids:
                problems.append(f"{page.relative_to(built_site)}: <label for={target}> has no control")
        for article in find_all(elements, "article"):
            if any(child.tag == "article" for child in _descendants(article)):
                problems.append(f"{page.relative_to(built_site)}: <article> inside <article>")
    assert problems == []


def _descendants(element):
    for child in element.children:
        yield child
        yield from _descendants(child)
