"""Contributor Markdown cannot become live HTML: properties over composed hostile input.

The fragments (hostile_cases.hostile_markdown) are built from the HTML spec's elements
and attributes, script-capable URLs in many spellings, line breaks inside tags and
links, attribute lists, reference definitions, entity encodings, and control and format
characters at any position. The invariant is read from the renderer's output, parsed;
test_built_hostile_site reads it from real built pages.
"""

from __future__ import annotations

from hypothesis import given, settings

from hostile_cases import NEVER_ATTRIBUTES, assert_inert, hostile_markdown
from html_probe import read_html
from under_constraint.cases import contributor_html

# What the case template needs (see contributor_html), written out again on purpose:
# widening the allowlist must be a decision that changes this test too.
TEMPLATE_NEEDS = {
    "p", "br", "hr", "blockquote", "ul", "ol", "li", "em", "strong", "b", "i", "s", "del", "sub", "sup",
    "code", "pre", "div", "h1", "h2", "h3", "h4", "h5", "h6", "a", "table", "thead", "tbody", "tr", "th",
    "td",
}


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
