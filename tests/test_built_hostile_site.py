"""Hostile front matter and hostile bodies, built into one real site: every page stays data.

Each example is a real `mkdocs build --strict` of the small project with up to three
generated front matters and three generated bodies, so one build serves both
properties: front matter text is escaped wherever it is shown, and a body publishes
only allowlisted, inert HTML under a policy that allows only the theme's scripts.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config

from conftest import mkdocs_build
from hostile_cases import (
    LAST_LINE,
    VALID,
    assert_inert,
    assert_no_live_contributor_markup,
    case_data,
    case_file,
    descendants,
    placed,
)
from html_probe import find_all, has_class, read_html, squash
from under_constraint.cases.load import load_collection
from under_constraint.site import csp

pytestmark = pytest.mark.build

# Each example is a real build (about two seconds): few examples, and no long shrinking.
BUILD = settings(max_examples=3, deadline=None, suppress_health_check=list(HealthCheck),
                 phases=[Phase.explicit, Phase.generate, Phase.target])
POLICY_HASH = re.compile(r"'sha256-[A-Za-z0-9+/=]+'")


def theme_hashes(project: Path) -> frozenset[str]:
    config = load_config(str(project / "mkdocs.yml"))
    return csp.theme_script_hashes({"extra": {"scope": csp.scope_for(config.site_url)}},
                                   list(config.theme["features"]))


def write_cases(cases_dir: Path, front_matters: list[dict], bodies: list[str]) -> tuple[list[str], list[str]]:
    """Hostile front matter over the valid body, then the valid front matter over hostile bodies."""
    for old in cases_dir.glob("hostile-*.md"):
        old.unlink()
    titled = [f"hostile-title-{index}" for index in range(len(front_matters))]
    for slug, data in zip(titled, front_matters, strict=True):
        (cases_dir / f"{slug}.md").write_text(case_file(data), encoding="utf-8")
    bodied = [f"hostile-body-{index}" for index in range(len(bodies))]
    for index, (slug, body) in enumerate(zip(bodied, bodies, strict=True)):
        text = VALID.replace("A test lab trains", f"Hostile case {index} trains").replace(
            LAST_LINE, LAST_LINE + "\n" + body + "\n")
        (cases_dir / f"{slug}.md").write_text(text, encoding="utf-8")
    # A body the validator refuses stays out (the build would stop on it, naming it).
    refused = {Path(problem.path).stem for problem in load_collection(cases_dir).errors}
    for slug in refused:
        (cases_dir / f"{slug}.md").unlink()
    assert not refused & set(titled), "generated front matter is valid by construction"
    return titled, [slug for slug in bodied if slug not in refused]


def assert_front_matter_shown_as_text(site: Path, slugs: list[str], front_matters: list[dict]) -> None:
    gallery = read_html(site / "cases" / "index.html")
    exported = {r["slug"]: r for r in json.loads((site / "cases.json").read_text(encoding="utf-8"))}
    feed = {item.findtext("link").rstrip("/").rsplit("/", 1)[1]: item
            for item in ET.parse(site / "feed.xml").getroot().iter("item")}
    for slug, data in zip(slugs, front_matters, strict=True):
        page = read_html(site / "cases" / slug / "index.html")
        assert [squash(h.text) for h in find_all(page, "h1")] == [squash(data["title"])]
        assert find_all(page, "meta", name="description")[0].attrs["content"] == squash(data["summary"])
        card = next(e for e in gallery if has_class(e, "uc-card") and e.attrs["data-slug"] == slug)
        assert squash(data["summary"]) in squash(card.text)
        assert exported[slug]["title"] == squash(data["title"]) and exported[slug]["who"] == squash(data["who"])
        assert feed[slug].findtext("title") == squash(data["title"])
        assert feed[slug].findtext("description") == squash(data["summary"])


def assert_bodies_inert(site: Path, slugs: list[str]) -> None:
    for slug in slugs:
        elements = read_html(site / "cases" / slug / "index.html")
        body = [e for e in elements if e.tag == "div" and e.attrs.get("class") == "uc-body"]
        assert len(body) == 1
        assert_inert(descendants(body[0]), slug)


def assert_only_theme_scripts(site: Path, allowed: frozenset[str]) -> None:
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', text).group(1)
        assert set(POLICY_HASH.findall(policy)) <= allowed, page
        for script in read_html(text):
            if script.tag == "script" and "src" not in script.attrs and script.attrs.get("type") != "application/json":
                assert csp.hash_source(script.text) in allowed, page


@BUILD
@given(front_matters=st.lists(case_data, min_size=1, max_size=3, unique_by=lambda c: c["title"].casefold()),
       bodies=st.lists(placed, min_size=3, max_size=3))
def test_hostile_cases_build_into_pages_that_hold_only_data(small_project, front_matters, bodies):
    titled, bodied = write_cases(small_project / "cases", front_matters, bodies)
    site = small_project / "site"
    result = mkdocs_build(small_project, site)
    assert result.returncode == 0, result.stderr[-2000:]
    for page in site.rglob("*.html"):
        assert_no_live_contributor_markup(page)
    assert_front_matter_shown_as_text(site, titled, front_matters)
    assert_bodies_inert(site, bodied)
    assert_only_theme_scripts(site, theme_hashes(small_project))
