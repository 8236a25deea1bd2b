"""Everything one build knows, made once in `on_config` and read by every hook after it.

`mkdocs serve` keeps the hook module between builds; keeping the build's knowledge on
one object made per build means nothing from an earlier build can leak into the next.
Templates get plain values from here (see `page_context`), never a way to call back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from under_constraint.cases.model import Case, Collection
from under_constraint.cases.taxonomy import Taxonomy
from under_constraint.site import citation, essay, gallery_views, related, urls
from under_constraint.site import drafts as site_drafts
from under_constraint.site import pages as site_pages

TERM_CARD = "partials/uc-card.html"


@dataclass
class BuildState:
    root: Path
    collection: Collection
    script_hashes: frozenset[str]
    pages: dict[str, site_pages.GeneratedPage] = field(default_factory=dict)
    mentions: dict[str, essay.Mention] = field(default_factory=dict)
    links: dict[str, related.CaseLinks] = field(default_factory=dict)
    term_cards: dict[str, str] = field(default_factory=dict)
    env: object = None
    # Essay figures as HTML, by name (from docs/figures.yml), and the essay's prose length.
    figures: dict[str, str] = field(default_factory=dict)
    essay_words: int = 0
    # The hand-written pages' titles, for their preview images (see site.previews).
    preview_titles: dict[str, str] = field(default_factory=dict)
    # Under `mkdocs serve`, invalid cases become problem pages instead of stopping the build.
    serving: bool = False
    site_name: str = ""
    site_url: str = "/"
    # Outlasts the build (see scripts/mkdocs_hooks.py); this build's case page signatures
    # and the pages a dirty rebuild leaves untouched.
    session: dict = field(default_factory=dict)
    signatures: dict[str, str] = field(default_factory=dict)
    kept: set[str] = field(default_factory=set)
    drafts: site_drafts.Drafts = field(default_factory=site_drafts.Drafts)
    by_slug: dict[str, Case] = field(init=False)

    def __post_init__(self):
        self.by_slug = {case.slug: case for case in self.collection.cases}
        self.draft_uris = {urls.case_uri(draft.slug): draft for draft in self.drafts.cases}

    def draft_for(self, src_uri: str) -> site_drafts.Draft | None:
        return self.draft_uris.get(src_uri)

    @property
    def taxonomy(self) -> Taxonomy:
        return self.collection.taxonomy

    @property
    def cases(self) -> list[Case]:
        return self.collection.cases

    def case(self, slug: str) -> Case:
        return self.by_slug[slug]

    def last_modified(self, src_uri: str, meta: dict) -> str:
        """A page's last change as YYYY-MM-DD, from the cases it shows or its `updated` front matter.

        Empty when nothing says (the sitemap then leaves lastmod out rather than guess).
        """
        if "case" in meta:
            return site_pages.last_modified(self.case(meta["case"]))
        if "term" in meta:
            group, key = meta["term"].split("/")
            shown = [case for case in self.cases if key in case.keys(group)]
        elif "group" in meta or src_uri == urls.GALLERY_URI:
            shown = self.cases
        else:
            return str(meta.get("updated") or meta.get("date") or "")
        return max((site_pages.last_modified(case) for case in shown), default="")

    def page_kind(self, src_uri: str, meta: dict) -> str | None:
        """Which of the site's own page kinds a page is, if any."""
        if src_uri == urls.ESSAY_URI:
            return "essay"
        if src_uri == urls.GALLERY_URI:
            return "gallery"
        return next((kind for kind in ("case", "term", "group", "draft") if kind in meta), None)

    def term_card(self, case: Case) -> str:
        """A case's card as the term pages show it, rendered once for all of them.

        A case appears on its domain's page and on each of its constraints' and moves'
        pages, every one at the same depth, so the same HTML serves them all.
        """
        if case.slug not in self.term_cards:
            self.term_cards[case.slug] = self.env.get_template(TERM_CARD).render(
                case=case, terms=site_pages.case_terms(case, self.taxonomy),
                case_href="../../" + urls.case_path(case.slug))
        return self.term_cards[case.slug]


def case_context(state: BuildState, meta: dict, markdown: str) -> dict:
    case = state.case(meta["case"])
    links = state.links[case.slug]
    page_url = urls.absolute(state.site_url, urls.case_path(case.slug))
    return {"case": case, "case_terms": site_pages.case_terms(case, state.taxonomy),
            "essay_mention": state.mentions.get(case.slug), "related_cases": links.related,
            "random_case": links.random, "citation": citation.citation(case, state.site_name, page_url)}


def essay_context(state: BuildState, meta: dict, markdown: str) -> dict:
    return {"reading_minutes": essay.reading_minutes(state.essay_words or essay.prose_words(markdown))}


def gallery_context(state: BuildState, meta: dict, markdown: str) -> dict:
    return {"gallery": site_pages.sort_for_gallery(state.cases), "drafts": state.drafts,
            "card_terms": {case.slug: site_pages.case_terms(case, state.taxonomy) for case in state.cases},
            "gallery_view": gallery_views.gallery_view(state.cases, state.taxonomy)}


def term_context(state: BuildState, meta: dict, markdown: str) -> dict:
    group, key = meta["term"].split("/")
    term = state.taxonomy.group(group)[key]
    cases = site_pages.term_view(term, state.cases, state.taxonomy)
    # The cards are rendered here, once each, and handed to the template as HTML.
    return {"view": cases, "term_cards": [state.term_card(case) for case in cases.cases]}


def draft_context(state: BuildState, meta: dict, markdown: str) -> dict:
    return {"draft": state.draft_for(urls.case_uri(meta["draft"]))}


def group_context(state: BuildState, meta: dict, markdown: str) -> dict:
    return {"term_counts": site_pages.term_counts(state.cases)}


# What each kind of page adds to its template's context.
PAGE_CONTEXT = {
    "case": case_context,
    "essay": essay_context,
    "gallery": gallery_context,
    "term": term_context,
    "group": group_context,
    "draft": draft_context,
}


def page_context(state: BuildState, src_uri: str, meta: dict, markdown: str) -> dict:
    kind = state.page_kind(src_uri, meta)
    context = {"taxonomy": state.taxonomy}
    if kind is not None:
        context.update(PAGE_CONTEXT[kind](state, meta, markdown))
    return context
