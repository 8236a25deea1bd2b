"""Generated hostile case files, shared by the property tests: front matter a
contributor may legally write, salted with fragments that break naive templates, and
Markdown bodies composed from the HTML spec's elements, script-capable URLs and
control characters. Also the checks that read built HTML for anything live.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

import yaml
from hypothesis import strategies as st

from conftest import FIXTURES, real_collection
from html_probe import Element, read_html
from under_constraint.cases import contributor_html

VALID = (FIXTURES / "cases" / "valid-case.md").read_text(encoding="utf-8")
# The valid fixture's last body line, after which a hostile body is appended.
LAST_LINE = "The model trained in a month.\n"
TAXONOMY = real_collection().taxonomy

# --- front matter ---------------------------------------------------------------------------

# Fragments that break naive templates, parsers and feeds.
HOSTILE = [
    "<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "'onmouseover='alert(1)", "</title><b>",
    "{{ 7*7 }}", "{% raw %}", "&lt;b&gt;", "&amp;", "]]>", "<!--", "javascript:alert(1)", "\u2028", "’“”",
    "\\", "*bold* _it_ `code`", "[link](https://example.org)", "# heading", "| table |", "\u202e", "😀", "a\tb",
]


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


# --- Markdown bodies ------------------------------------------------------------------------

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


# A hostile fragment as written, or shown as code, or in a fence: the last two must publish.
placed = st.tuples(hostile_markdown, st.sampled_from(["raw", "span", "fence"])).map(
    lambda t: t[0] if t[1] == "raw" else (f"``{t[0]}``" if t[1] == "span" else f"```\n{t[0]}\n```"))


def descendants(element: Element) -> list[Element]:
    found = []
    for child in element.children:
        found.append(child)
        found.extend(descendants(child))
    return found


# --- built pages ----------------------------------------------------------------------------

# The site's own scripts; 404.html links them by absolute path under the site's base.
SCRIPT_SOURCES = re.compile(
    r"^(/[\w-]+)?/?(\.\./)*(assets/javascripts/|assets/(gallery(-logic)?|case|search-on-demand)\.js|search/)")


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
