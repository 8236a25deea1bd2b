"""The generated pages as plain data: Markdown with front matter that any engine can build.

The MkDocs adapter fills Material templates with the case objects; an engine without
hooks (Zensical, the likely successor when Material reaches its end of life on
2027-05-05) cannot. These functions write each generated page so that it stands on its
own: the facts, the published body and the sources are in the page itself. Case bodies
go in as the sanitized HTML the site publishes, never as contributor Markdown, so the
guarantee in `contributor_html` holds whatever renders them.
"""

from __future__ import annotations

import yaml

from under_constraint.cases.model import Case
from under_constraint.cases.taxonomy import Taxonomy, Term
from under_constraint.site import urls
from under_constraint.site.gallery_views import format_year
from under_constraint.site.pages import GeneratedPage, case_terms, generated_pages, sort_for_gallery, term_view

# Keys that only the project's templates and hooks read.
_ADAPTER_KEYS = ("template", "case", "term", "group")


def plain_pages(cases: list[Case], taxonomy: Taxonomy) -> dict[str, str]:
    """Every generated page, by source URI, as a Markdown file's text."""
    by_slug = {case.slug: case for case in cases}
    files = {}
    for uri, page in generated_pages(cases, taxonomy).items():
        if "case" in page.meta:
            body = case_markdown(by_slug[page.meta["case"]], taxonomy)
        elif "term" in page.meta:
            group, key = page.meta["term"].split("/")
            body = term_markdown(page, taxonomy.group(group)[key], cases, taxonomy)
        else:
            body = page.body
        files[uri] = with_front_matter(page.meta, body)
    return files


def with_front_matter(meta: dict, body: str) -> str:
    data = {key: value for key, value in meta.items() if key not in _ADAPTER_KEYS}
    front = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)
    return f"---\n{front}---\n\n{body.strip()}\n"


def case_markdown(case: Case, taxonomy: Taxonomy) -> str:
    facts = [f"- **Year:** {format_year(case.year)}", f"- **Who:** {_text(case.who)}"]
    if case.where:
        facts.append(f"- **Where:** {_text(case.where)}")
    for term in case_terms(case, taxonomy):
        facts.append(f"- **{term.singular.capitalize()}:** [{_text(term.label)}]({_from_case(term)})")
    sources = [f"{index}. [{_text(source.title)}](<{source.url}>)" for index, source in enumerate(case.sources, 1)]
    return "\n\n".join([_text(case.summary), "\n".join(facts), case.html, "## Sources", "\n".join(sources)])


def term_markdown(page: GeneratedPage, term: Term, cases: list[Case], taxonomy: Taxonomy) -> str:
    view = term_view(term, cases, taxonomy)
    listing = [f"- [{_text(case.title)}](../{urls.case_uri(case.slug)}) ({format_year(case.year)})"
               for case in view.cases]
    return "\n\n".join([page.body, f"## {len(view.cases)} cases", "\n".join(listing) or "No case uses this yet."])


def gallery_markdown(cases: list[Case]) -> str:
    return "\n".join(f"- [{_text(case.title)}]({case.slug}.md): {_text(case.summary)}"
                     for case in sort_for_gallery(cases))


def _from_case(term: Term) -> str:
    return "../" + urls.term_uri(term.group, term.key)


def _text(value: str) -> str:
    """Front-matter text as inert Markdown: every character that could start markup escaped."""
    return "".join("\\" + char if char in "\\`*_{}[]()#+-.!<>|&~^" else char for char in value)
