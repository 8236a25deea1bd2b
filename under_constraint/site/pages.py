"""Pure functions that turn a checked collection into the site's generated files.

Nothing here imports MkDocs: each function takes cases and the taxonomy and returns
text (Markdown pages with front matter, JSON, RSS), so the same output can feed the
MkDocs hooks today or a plain "generate, then build" step later.
"""

from __future__ import annotations

import html
import json
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, time
from email.utils import format_datetime

from under_constraint.cases.model import Case
from under_constraint.cases.taxonomy import GROUPS, Taxonomy, Term
from under_constraint.site import urls

FEED_SIZE = 50
ATOM = "http://www.w3.org/2005/Atom"


def case_terms(case: Case, taxonomy: Taxonomy) -> list[Term]:
    """The case's domain, constraints and moves as taxonomy terms, in that order."""
    return [taxonomy.group(group)[key] for group in ("domains", "constraints", "moves") for key in case.keys(group)]


@dataclass(frozen=True)
class GeneratedPage:
    """A page the site makes: its metadata and its Markdown, kept apart.

    The hooks hand MkDocs the Markdown and set the metadata directly, which spares a
    YAML round trip per case.
    """

    meta: dict
    body: str


def render_case_page(case: Case, taxonomy: Taxonomy) -> GeneratedPage:
    meta = {
        "template": "case.html",
        # MkDocs and Material print page titles as HTML in places (search, listings),
        # so contributor text goes in escaped; descriptions are escaped by our head.
        "title": html.escape(case.title),
        "description": case.summary,
        "tags": [term.label for term in case_terms(case, taxonomy)],
        "case": case.slug,
        # A reader's page: no docs sidebar beside the text.
        "hide": ["navigation"],
        # Search gets the case's own short entry after the build (see case_search_entry).
        "search": {"exclude": True},
    }
    # The body is published as the sanitized HTML made when the case was checked; the
    # Markdown travels with the page for an engine that renders it itself.
    return GeneratedPage(meta, case.body)


def case_search_entry(case: Case, taxonomy: Taxonomy) -> dict:
    """A case's entry in Material's search index: its summary, people, place and keywords.

    Material's search sends its whole index to a reader's browser on first use. With
    full case text that is about 6.4 KB a case; these few fields are enough to find a
    case, at a fraction of the weight.
    """
    return {
        "location": urls.case_path(case.slug),
        "title": html.escape(case.title),
        "text": f"<p>{html.escape(' '.join([case.summary, case.who, case.where, *case.tags]), quote=False)}</p>",
        "tags": [term.label for term in case_terms(case, taxonomy)],
    }


def add_search_entries(index_json: str, entries: list[dict]) -> str:
    """Material's search index with entries appended, in its own compact form."""
    index = json.loads(index_json)
    index["docs"].extend(entries)
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"))


def render_term_page(term: Term) -> GeneratedPage:
    meta = {
        "template": "term.html",
        "title": term.label,
        "description": term.description,
        "term": f"{term.group}/{term.key}",
    }
    parts = [f"*{term.singular.capitalize()}.* {term.description}"]
    if term.practice:
        parts.append(f"## In practice\n\n{term.practice}")
    return GeneratedPage(meta, "\n\n".join(parts))


@dataclass(frozen=True)
class TermView:
    """What a term's page shows: its cases, and the terms of the other kind they pair with."""

    term: Term
    cases: list[Case]
    cross: list[tuple[Term, int]]
    cross_group: str
    cross_heading: str


CROSS = {
    "constraints": ("moves", "Moves that worked against it"),
    "moves": ("constraints", "Constraints it answered"),
    "domains": ("constraints", "Constraints met in this domain"),
}


def term_view(term: Term, cases: list[Case], taxonomy: Taxonomy) -> TermView:
    using = sorted((c for c in cases if term.key in c.keys(term.group)), key=lambda c: (c.year, c.title))
    group, heading = CROSS[term.group]
    counts = Counter(key for case in using for key in case.keys(group))
    cross = [(taxonomy.group(group)[key], n) for key, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    return TermView(term, using, cross, group, heading)


def render_group_index(group: str, title: str, intro: str) -> GeneratedPage:
    meta = {"template": "terms.html", "title": title, "description": intro, "group": group}
    return GeneratedPage(meta, intro)


GROUP_TITLES = {
    "constraints": ("Constraints",
                    "What was scarce or fixed. Start from your own limit and see every case that faced it."),
    "moves": ("Moves", "How a limit was turned into an advantage. Each move is one way out that worked for someone."),
    "domains": ("Domains", "Where the cases come from: the fields of work they belong to."),
}


def generated_pages(cases: list[Case], taxonomy: Taxonomy) -> dict[str, GeneratedPage]:
    """Every Markdown page the site makes from the collection, by source URI."""
    pages = {urls.case_uri(case.slug): render_case_page(case, taxonomy) for case in cases}
    for group in GROUPS:
        title, intro = GROUP_TITLES[group]
        pages[urls.group_uri(group)] = render_group_index(group, title, intro)
        for term in taxonomy.group(group).values():
            pages[urls.term_uri(term.group, term.key)] = render_term_page(term)
    return pages


def term_counts(cases: list[Case]) -> Counter:
    """How many cases use each term, keyed by 'group/key'."""
    return Counter(f"{group}/{key}" for case in cases for group in GROUPS for key in case.keys(group))


def sort_for_gallery(cases: list[Case]) -> list[Case]:
    """Newest additions first, then by year, then title: a stable, meaningful order."""
    return sorted(cases, key=lambda c: (-c.added.toordinal(), c.year, c.title.casefold()))


def render_cases_json(cases: list[Case], site_url: str) -> str:
    records = [{**case.front_matter(), "slug": case.slug, "url": urls.absolute(site_url, urls.case_path(case.slug))}
               for case in sorted(cases, key=lambda c: c.slug)]
    # Compact: the gallery fetches this file, and json's C encoder only runs without indent.
    return json.dumps(records, ensure_ascii=False, separators=(",", ":")) + "\n"


def render_feed(cases: list[Case], *, site_name: str, site_url: str, description: str) -> str:
    """RSS 2.0 of the newest cases by `added`; ElementTree escapes every text node."""
    newest = sorted(cases, key=lambda c: (c.added, c.slug), reverse=True)[:FEED_SIZE]
    rss = ET.Element("rss", {"version": "2.0", "xmlns:atom": ATOM})
    channel = ET.SubElement(rss, "channel")
    _text(channel, "title", f"{site_name}: new cases")
    _text(channel, "link", site_url)
    # Feed readers and validators look for the feed's own address here.
    ET.SubElement(channel, "atom:link", href=urls.absolute(site_url, urls.FEED_FILE), rel="self",
                  type="application/rss+xml")
    _text(channel, "description", description)
    _text(channel, "language", "en")
    if newest:
        _text(channel, "lastBuildDate", _rfc822(newest[0]))
    for case in newest:
        item = ET.SubElement(channel, "item")
        url = urls.absolute(site_url, urls.case_path(case.slug))
        _text(item, "title", case.title)
        _text(item, "link", url)
        _text(item, "guid", url).set("isPermaLink", "true")
        _text(item, "pubDate", _rfc822(case))
        _text(item, "description", case.summary)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(rss, encoding="unicode") + "\n"


def _text(parent: ET.Element, tag: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, tag)
    element.text = text
    return element


def render_redirect(target: str, title: str) -> str:
    """A page at a renamed case's old address that sends the reader on to its new one.

    No script: a refresh and a plain link, under a policy that allows nothing else.
    """
    href, name = html.escape(target), html.escape(title)
    return ("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'\">\n"
            f"<title>Moved: {name}</title>\n<link rel=\"canonical\" href=\"{href}\">\n"
            f"<meta http-equiv=\"refresh\" content=\"0; url={href}\">\n<meta name=\"robots\" content=\"noindex\">\n"
            f"</head>\n<body>\n<p>This case has moved: <a href=\"{href}\">{name}</a>.</p>\n</body>\n</html>\n")


def render_robots(site_url: str) -> str:
    """robots.txt: everything may be crawled; the sitemap is named."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {urls.absolute(site_url, urls.SITEMAP)}\n"


def last_modified(case: Case) -> str:
    """The date a case's page last changed in substance: `updated`, else `added`."""
    return (case.updated or case.added).isoformat()


def _rfc822(case: Case) -> str:
    return format_datetime(datetime.combine(case.added, time(0, 0), tzinfo=UTC))
