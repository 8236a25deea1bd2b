"""Property-based tests: the validator never breaks, and contributor text stays data."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import re
import shutil
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, ROOT, mkdocs_build, real_collection
from html_probe import find_all, has_class, read_html, squash
from under_constraint.cases.rules import fields as cases
from under_constraint.tools import validate as validate_cases

VALID = (FIXTURES / "cases" / "valid-case.md").read_text(encoding="utf-8")
TAXONOMY = real_collection().taxonomy
LINE = re.compile(r"^cases/[^:]+\.md:\d+: ")
PER_FILE = settings(max_examples=60, deadline=2000, suppress_health_check=[HealthCheck.function_scoped_fixture])

# Fragments that break naive templates, parsers and feeds.
HOSTILE = [
    "<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "'onmouseover='alert(1)", "</title><b>",
    "{{ 7*7 }}", "{% raw %}", "&lt;b&gt;", "&amp;", "]]>", "<!--", "javascript:alert(1)", "\u2028", "’“”",
    "\\", "*bold* _it_ `code`", "[link](https://example.org)", "# heading", "| table |", "\u202e", "😀", "a\tb",
]


def run_validator(folder: Path, *names: str) -> tuple[int, list[str]]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = validate_cases.main([str(folder / name) for name in names])
    return code, out.getvalue().splitlines()


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> Path:
    (tmp_path / "cases").mkdir()
    shutil.copy(ROOT / "cases" / "taxonomy.yml", tmp_path / "cases")
    shutil.copy(FIXTURES / "cases" / "other-case.md", tmp_path / "cases")
    monkeypatch.chdir(tmp_path)
    return Path("cases").parent


def assert_well_formed(code: int, lines: list[str]) -> None:
    assert code in (0, 1)
    assert all(LINE.match(line) for line in lines), lines
    assert (code == 1) == any(": warning: " not in line for line in lines)


@PER_FILE
@given(content=st.binary(max_size=3000))
def test_random_bytes_never_crash_the_validator(project, content):
    (project / "cases" / "fuzz.md").write_bytes(content)
    assert_well_formed(*run_validator(project / "cases", "fuzz.md"))


yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=20,
)


@PER_FILE
@given(document=yaml_values, body=st.text(max_size=400))
def test_random_yaml_documents_never_crash_the_validator(project, document, body):
    text = "---\n" + yaml.safe_dump(document, allow_unicode=True) + "---\n" + body
    (project / "cases" / "fuzz.md").write_text(text, encoding="utf-8")
    assert_well_formed(*run_validator(project / "cases", "fuzz.md"))


FIELDS = ["title", "summary", "year", "who", "where", "domain", "constraints", "moves", "origin", "outcome",
          "tags", "sources", "added", "updated", "related"]
mutation = st.one_of(
    st.tuples(st.just("remove"), st.sampled_from(FIELDS), st.none()),
    st.tuples(st.just("retype"), st.sampled_from(FIELDS), yaml_values),
    st.tuples(st.just("duplicate"), st.sampled_from(FIELDS), st.none()),
    st.tuples(st.just("truncate"), st.integers(0, len(VALID)), st.none()),
)


def mutate(text: str, kind: str, target, value) -> str:
    if kind == "truncate":
        return text[:target]
    parts = text.split("---\n", 2)
    try:
        data = yaml.safe_load(parts[1]) if len(parts) == 3 else None
    except yaml.YAMLError:
        data = None
    if not isinstance(data, dict):
        return text  # an earlier mutation already broke the front matter
    body = parts[2]
    lines = yaml.safe_dump(data, allow_unicode=True, sort_keys=False).splitlines()
    if kind == "remove":
        data.pop(target, None)
        return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\n" + body
    if kind == "retype":
        data[target] = value
        return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\n" + body
    copied = [line for line in lines if line.startswith(f"{target}:")]
    return "---\n" + "\n".join(lines + copied) + "\n---\n" + body


@PER_FILE
@given(mutations=st.lists(mutation, min_size=1, max_size=3))
def test_mutated_cases_never_crash_the_validator(project, mutations):
    text = VALID
    for kind, target, value in mutations:
        text = mutate(text, kind, target, value)
    (project / "cases" / "valid-case.md").write_text(text, encoding="utf-8")
    assert_well_formed(*run_validator(project / "cases", "valid-case.md"))


TAG = re.compile(r"<\s*/?\s*[a-zA-Z!]")


def plain_text(min_size: int, max_size: int, *, allow_tags: bool = True):
    """Text a contributor may legally write, salted with hostile fragments."""
    # Bidirectional and zero-width characters are refused in front matter: not drawn here.
    allowed = [h for h in HOSTILE if h.isascii() or not any(unicodedata.category(c) == "Cf" for c in h)]
    pieces = st.sampled_from(allowed if allow_tags else [h for h in allowed if not TAG.search(h)])
    words = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Cf")), min_size=1, max_size=12)
    return st.lists(pieces | words, min_size=1, max_size=8).map(" ".join).map(str.split).map(
        " ".join).filter(lambda s: min_size <= len(s) <= max_size and "TODO" not in s
                         and (allow_tags or not TAG.search(s)))


def group_keys(group: str, low: int, high: int):
    return st.lists(st.sampled_from(sorted(TAXONOMY.group(group))), min_size=low, max_size=high, unique=True)


URLS = st.from_regex(r"https://[a-z]{1,10}\.org/[a-z0-9?=&]{0,20}", fullmatch=True)
case_data = st.fixed_dictionaries(
    {
        "title": plain_text(5, 90),
        "summary": plain_text(40, 240, allow_tags=False),
        "year": st.integers(-3000, 2026),
        "who": plain_text(2, 200),
        "domain": st.sampled_from(sorted(TAXONOMY.domains)),
        "constraints": group_keys("constraints", 1, 3),
        "moves": group_keys("moves", 1, 3),
        "sources": st.lists(
            st.fixed_dictionaries({"title": plain_text(3, 200), "url": URLS}),
            min_size=2, max_size=4, unique_by=lambda s: s["url"]),
        "added": st.dates(dt.date(2000, 1, 1), dt.date(2026, 11, 1)).map(dt.date.isoformat),
        "outcome": st.sampled_from(["worked", "mixed", "failed"]),
    },
    optional={
        "where": plain_text(2, 120),
        "origin": st.sampled_from(["imposed", "chosen"]),
        # A tag of digits alone ('08') is a number in YAML 1.2 and must be quoted; the
        # generator writes plain YAML, so its tags start with a letter.
        "tags": st.lists(st.from_regex(r"[a-z][a-z0-9]{0,7}(-[a-z0-9]{1,8})?", fullmatch=True), max_size=8,
                         unique=True),
    },
)
# The valid fixture's body: the three headings and a case's length.
BODY = VALID.split("---\n", 2)[2]


def case_file(data: dict) -> str:
    return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000) + "---\n" + BODY


@PER_FILE
@given(data=case_data)
def test_every_valid_case_is_accepted(project, data):
    (project / "cases" / "generated-case.md").write_text(case_file(data), encoding="utf-8")
    code, lines = run_validator(project / "cases", "generated-case.md")
    # Editorial warnings (a hype word drawn at random) are fair; no error is.
    assert code == 0 and all(": warning: " in line for line in lines), lines


# Each example is a real build (about two seconds): few examples, and no long shrinking.
BUILD = settings(max_examples=3, deadline=None, suppress_health_check=list(HealthCheck),
                 phases=[Phase.explicit, Phase.generate, Phase.target])


@pytest.mark.build
@BUILD
@given(cases=st.lists(case_data, min_size=1, max_size=3, unique_by=lambda c: c["title"].casefold()))
def test_front_matter_text_is_escaped_everywhere_it_is_shown(small_project, cases):
    slugs = [f"hostile-{i}" for i in range(len(cases))]
    for old in (small_project / "cases").glob("hostile-*.md"):
        old.unlink()
    for slug, data in zip(slugs, cases, strict=True):
        (small_project / "cases" / f"{slug}.md").write_text(case_file(data), encoding="utf-8")
    site = small_project / "site"
    result = mkdocs_build(small_project, site)
    assert result.returncode == 0, result.stderr[-2000:]
    for page in site.rglob("*.html"):
        assert_no_live_contributor_markup(page)
    gallery = read_html(site / "cases" / "index.html")
    for slug, data in zip(slugs, cases, strict=True):
        page = read_html(site / "cases" / slug / "index.html")
        assert [squash(h.text) for h in find_all(page, "h1")] == [squash(data["title"])]
        assert find_all(page, "meta", name="description")[0].attrs["content"] == squash(data["summary"])
        card = next(e for e in gallery if has_class(e, "uc-card") and e.attrs["data-slug"] == slug)
        assert squash(data["summary"]) in squash(card.text)
    exported = {r["slug"]: r for r in json.loads((site / "cases.json").read_text(encoding="utf-8"))}
    feed = {item.findtext("link").rstrip("/").rsplit("/", 1)[1]: item
            for item in ET.parse(site / "feed.xml").getroot().iter("item")}
    for slug, data in zip(slugs, cases, strict=True):
        assert exported[slug]["title"] == squash(data["title"]) and exported[slug]["who"] == squash(data["who"])
        assert feed[slug].findtext("title") == squash(data["title"])
        assert feed[slug].findtext("description") == squash(data["summary"])


# The site's own scripts; 404.html links them by absolute path under the site's base.
SCRIPT_SOURCES = re.compile(r"^(/[\w-]+)?/?(\.\./)*(assets/javascripts/|assets/(gallery(-logic)?|case)\.js|search/)")


def assert_no_live_contributor_markup(page: Path) -> None:
    for element in read_html(page):
        if element.tag == "script":
            src = element.attrs.get("src")
            assert (src and SCRIPT_SOURCES.match(src)) or (not src and "alert(1)" not in element.text), page
        assert element.tag not in {"iframe", "object", "embed", "img"} or "alert" not in str(element.attrs), page
        for name, value in element.attrs.items():
            assert not name.startswith("on"), (page, element.tag, name)
            if name in {"href", "src", "action"}:
                assert not value.strip().lower().startswith("javascript:"), (page, value)


PLAIN_URLS = st.from_regex(cases._PLAIN_HTTPS_URL, fullmatch=True)
# Plain addresses with a little text slipped in anywhere: the edges where a shortcut goes wrong.
NEAR_PLAIN_URLS = st.builds(lambda url, at, extra: url[:at % (len(url) + 1)] + extra + url[at % (len(url) + 1):],
                            PLAIN_URLS, st.integers(min_value=0), st.text(max_size=3))


@settings(max_examples=300)
@given(url=st.one_of(PLAIN_URLS, NEAR_PLAIN_URLS))
def test_the_quick_url_check_accepts_nothing_the_full_check_refuses(url):
    if cases._url_problem(url) is None:
        assert cases._url_problem_in_full(url) is None
