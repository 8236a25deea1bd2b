"""Every address the site makes, written once: source paths of generated pages and their URLs.

Source URIs ('cases/x.md') are what MkDocs builds from; page paths ('cases/x/') are
where readers find them, relative to the site root. Templates and pages ask here
instead of spelling a path themselves.
"""

from __future__ import annotations

from urllib.parse import urljoin

ESSAY_URI = "index.md"
GALLERY_URI = "cases/index.md"
CONTRIBUTING_URI = "contributing.md"
CASES_CSV = "cases.csv"
SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
CASES_JSON = "cases.json"
PEOPLE_JSON = "people.json"
FEED_FILE = "feed.xml"
SEARCH_INDEX = "search/search_index.json"


def case_uri(slug: str) -> str:
    return f"cases/{slug}.md"


def case_path(slug: str) -> str:
    return f"cases/{slug}/"


def term_uri(group: str, key: str) -> str:
    return f"{group}/{key}.md"


def term_path(group: str, key: str) -> str:
    return f"{group}/{key}/"


def group_uri(group: str) -> str:
    return f"{group}/index.md"


def absolute(site_url: str, path: str) -> str:
    """A page path as a full address under the site's URL."""
    return urljoin(site_url or "/", path)


def case_source(slug: str) -> str:
    """Where a case's file lives in the repository, for its edit link."""
    return f"cases/{slug}.md"
