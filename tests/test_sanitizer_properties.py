"""Contributor Markdown cannot become live HTML: properties over composed hostile input.

The fragments are built from the HTML spec's elements and attributes, script-capable
URLs in many spellings, line breaks inside tags and links, attribute lists, reference
definitions, entity encodings, and control and format characters at any position. The
invariant is read from HTML, parsed: first from the renderer's output for many inputs,
then from real built pages.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config

from conftest import FIXTURES, mkdocs_build
from html_probe import Element, read_html
from under_constraint.cases import contributor_html
from under_constraint.cases.load import load_collection
from under_constraint.site import csp

# What the case template needs (see contributor_html), written out again on purpose:
# widening the allowlist must be a decision that changes this test too.
TEMPLATE_NEEDS = {
    "p", "br", "hr", "blockquote", "ul", "ol", "li", "em", "strong", "b", "i", "s", "del", "sub", "sup",
    "code", "pre", "div", "h1", "h2", "h3", "h4", "h5", "h6", "a", "table", "thead", "tbody", "tr", "th",
    "td",
}
C0_AND_SPACE = "".join(map(chr, range(0x21)))
NEVER_ATTRIBUTES = re.compile(r"^(on.*|style|src|srcset|srcdoc|action|formaction|http-equiv|content|data|"
                              r"poster|background|xlink:href|is|form|name|target|ping|popover.*)$")

ELEMENTS = sorted({
    "a", "abbr", "address", "area", "article", "aside", "audio", "b", "base", "bdi", "bdo", "blockquote", "body",
    "br", "button", "canvas", "caption", "cite", "code", "col", "colgroup", "data", "datalist", "dd", "del",
    "details", "dfn", "dialog", "div", "dl", "dt", "em", "embed", "fieldset", "figcaption", "figure", "footer",
    "form", "h1", "h2", "h6", "head", "header", "hgroup", "hr", "html", "i", "iframe", "img", "input", "ins",
    "kbd", "label", "legend", "li", "link", "main", "map", "mark", "menu", "meta", "meter", "nav", "noscript",
    "object", "ol", "optgroup", "option", "output", "p", "picture", "pre", "progress", "q", "rp", "rt", "ruby",
    "s", "samp", "script", "search", "section", "select", "slot", "small", "source", "span", "strong", "style",
    "sub", "summary", "sup", "table", "tbody", "td", "template", "textarea", "tfoot", "th", "thead", "time",
    "title", "tr", "track", "u", "ul", "var", "video", "wbr", "svg", "math", "frame", "frameset", "plaintext",
    "xmp", "listing", "noembed", "noframes", "marquee", "image", "isindex", "keygen",
})
ATTRIBUTES = [
    "href", "src", "srcset", "srcdoc", "action", "formaction", "data", "poster", "background", "xlink:href",
    "style", "http-equiv", "content", "id", "class", "name", "is", "popover", "target", "rel", "ping", "title",
    "onerror", "onload", "onclick", "onfocus", "onmouseover", "onanimationstart", "ontoggle", "onbegin",
    "onpointerenter", "align", "start",
]
SCRIPT_URLS = [
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", "java\tscript:alert(1)", "java\nscript:alert(1)",
    "&#106;avascript:alert(1)", "&#x6A;avascript&colon;alert(1)", " javascript:alert(1)", "vbscript:msgbox(1)",
    "data:text/html,<script>alert(1)</script>", "//example.org/x", "/\\example.org/x", "\\\\example.org/x",
    "https://example.org/ok", "../ok/", "#frag", "mailto:a@example.org", "http://example.org/",
]
CONTROLS = ["\x00", "\x01", "\x02", "\x09", "\x0b", "\x0c", "\x0d", "\x1b", "\x7f", "\x85", "\x9b",
            "\u200b", "\u200d", "\u202e", "\u2066", "\ufeff", "\u00ad", "\u2028"]

names = st.sampled_from(ELEMENTS).flatmap(
    lambda name: st.lists(st.booleans(), min_size=len(name), max_size=len(name)).map(
        lambda upper: "".join(c.upper() if u else c for c, u in zip(name, upper, strict=True))))
values = st.sampled_from(SCRIPT_URLS) | st.sampled_from(["alert(1)", "__drawer", "md-header", "left", "x"])
space = st.sampled_from([" ", "\n", "\t", "  \n  ", "/"])
attribute = st.tuples(st.sampled_from(ATTRIBUTES), space, values, st.sampled_from(['"', "'", ""])).map(
    lambda a: f"{a[0]}={a[3]}{a[2]}{a[3]}{a[1]}")
raw_tag = st.tuples(names, space, st.lists(attribute, max_size=3), st.text(max_size=8), st.booleans()).map(
    lambda t: f"<{t[0]}{t[1]}{''.join(t[2])}>{t[3]}" + (f"</{t[0]}>" if t[4] else ""))
link = st.tuples(st.text(max_size=6), values, st.sampled_from(["", ' "t"'])).map(
    lambda t: f"[{t[0]}]({t[1]}{t[2]})")
reference = st.tuples(st.sampled_from(["r", "R "]), values).map(lambda t: f"[x][{t[0]}]\n\n[{t[0]}]: {t[1]}")
attr_list = st.tuples(st.lists(attribute, min_size=1, max_size=2), st.sampled_from(["\n", " "])).map(
    lambda t: f"A paragraph{t[1]}{{: {' '.join(t[0])} }}")
heading = st.tuples(st.sampled_from(["#__search", "#ok", ".md-header", "onclick=alert(1)"])).map(
    lambda t: f"## Heading {{{t[0]}}}")
autolink = values.map(lambda v: f"<{v}>")
image = values.map(lambda v: f"![alt]({v})")
comment = st.sampled_from(["<!-- x -->", "<!--", "<?php x ?>", "<![CDATA[x]]>", "<!x>"])
entity = st.sampled_from(["&lt;script&gt;", "&#60;script&#62;", "&amp;lt;", "&#0;", "&#xD800;"])
fragment = st.one_of(raw_tag, link, reference, attr_list, heading, autolink, image, comment, entity,
                     st.text(max_size=10))


def sprinkle(text: str, inserts: list[tuple[int, str]]) -> str:
    for position, char in inserts:
        at = position % (len(text) + 1)
        text = text[:at] + char + text[at:]
    return text


hostile_markdown = st.tuples(
    st.lists(fragment, min_size=1, max_size=6), st.sampled_from(["", " ", "\n", "\n\n"]),
    st.lists(st.tuples(st.integers(0, 10_000), st.sampled_from(CONTROLS)), max_size=3),
).map(lambda t: sprinkle(t[1].join(t[0]), t[2]))


def assert_inert(elements: list[Element], where: str) -> None:
    """Only allowlisted elements and attributes, no script-capable or off-site link, no theme id."""
    for element in elements:
        assert element.tag in contributor_html.ALLOWED_TAGS, (where, element.tag)
        # The sanitizer sets rel="noopener noreferrer" on every link.
        allowed = set(contributor_html.ALLOWED_ATTRIBUTES.get(element.tag, set()))
        allowed = allowed | ({"rel"} if element.tag == "a" else set())
        for name, value in element.attrs.items():
            assert name in allowed and not NEVER_ATTRIBUTES.match(name), (where, element.tag, name)
            if name == "href":
                # As the URL standard reads it: tabs and newlines dropped, C0 and spaces trimmed.
                target = re.sub(r"[\t\n\r]", "", value).strip(C0_AND_SPACE).replace("\\", "/").lower()
                scheme = re.match(r"([a-z][a-z0-9+.-]*):", target)
                assert (scheme is None and not target.startswith("//")) or target.startswith("https://"), (
                    where, value)
            if name == "id":
                assert not value.startswith("_"), (where, value)


def test_the_allowlist_is_what_the_case_template_needs():
    assert set(contributor_html.ALLOWED_TAGS) == TEMPLATE_NEEDS
    assert not any(NEVER_ATTRIBUTES.match(name) for names in contributor_html.ALLOWED_ATTRIBUTES.values()
                   for name in names)


@settings(max_examples=150, deadline=None)
@given(text=hostile_markdown)
def test_rendered_contributor_markdown_is_inert(text):
    rendered = contributor_html.render(text)
    assert_inert(read_html(rendered.html), repr(text))
    # Whatever the sanitizer had to take out, the validator is told.
    raw = contributor_html.new_renderer().convert(text)
    assert bool(rendered.removed) == bool(contributor_html.removals(raw, contributor_html.sanitize(raw)))


# --- the same invariant on real built pages ------------------------------------------------

VALID = (FIXTURES / "cases" / "valid-case.md").read_text(encoding="utf-8")
LAST_LINE = "The model trained in a month.\n"
BUILD = settings(max_examples=3, deadline=None, suppress_health_check=list(HealthCheck),
                 phases=[Phase.explicit, Phase.generate])
# A hostile fragment as written, or shown as code, or in a fence: the last two must publish.
placed = st.tuples(hostile_markdown, st.sampled_from(["raw", "span", "fence"])).map(
    lambda t: t[0] if t[1] == "raw" else (f"``{t[0]}``" if t[1] == "span" else f"```\n{t[0]}\n```"))


def theme_hashes(project: Path) -> frozenset[str]:
    config = load_config(str(project / "mkdocs.yml"))
    return csp.theme_script_hashes({"extra": {"scope": csp.scope_for(config.site_url)}},
                                   list(config.theme["features"]))


POLICY_HASH = re.compile(r"'sha256-[A-Za-z0-9+/=]+'")


@pytest.mark.build
@BUILD
@given(bodies=st.lists(placed, min_size=3, max_size=3))
def test_built_case_pages_hold_only_inert_contributor_html(small_project, bodies):
    cases = small_project / "cases"
    for old in cases.glob("hostile-*.md"):
        old.unlink()
    slugs = [f"hostile-{index}" for index in range(len(bodies))]
    for index, (slug, body) in enumerate(zip(slugs, bodies, strict=True)):
        text = VALID.replace("A test lab trains", f"Hostile case {index} trains").replace(
            LAST_LINE, LAST_LINE + "\n" + body + "\n")
        (cases / f"{slug}.md").write_text(text, encoding="utf-8")
    # Refused cases stay out (the build would stop on them, naming each); the rest are built.
    refused = {Path(p.path).stem for p in load_collection(cases).errors}
    for slug in refused:
        (cases / f"{slug}.md").unlink()
    site = small_project / "site"
    result = mkdocs_build(small_project, site)
    assert result.returncode == 0, result.stderr[-2000:]
    allowed = theme_hashes(small_project)
    for slug in set(slugs) - refused:
        elements = read_html(site / "cases" / slug / "index.html")
        body = [e for e in elements if e.tag == "div" and e.attrs.get("class") == "uc-body"]
        assert len(body) == 1
        assert_inert(descendants(body[0]), slug)
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', text).group(1)
        assert set(POLICY_HASH.findall(policy)) <= allowed, page
        for script in read_html(text):
            if script.tag == "script" and "src" not in script.attrs and script.attrs.get("type") != "application/json":
                assert csp.hash_source(script.text) in allowed, page


def descendants(element: Element) -> list[Element]:
    found = []
    for child in element.children:
        found.append(child)
        found.extend(descendants(child))
    return found
