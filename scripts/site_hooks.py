"""MkDocs hooks: a thin adapter between the case module and the build.

Each hook guards, calls pure functions from `cases` and `site_pages`, and returns.
State is rebuilt in `on_config` on every build, since `mkdocs serve` keeps this
module loaded between rebuilds.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import get_toc

import contributor_html
import csp
import essay
import gallery_views
import site_pages
from cases import Collection, load_collection

log = logging.getLogger("mkdocs.hooks.under_constraint")

_build: dict = {}
TERM_CARD = "partials/uc-card.html"


def on_config(config, **_):
    root = Path(config.config_file_path).resolve().parent
    collection = load_collection(root / "cases")
    # Near-duplicate hints are for review; as build warnings, strict mode would fail on them.
    for warning in (p for p in collection.problems if p.warning):
        log.info(warning.format())
    if collection.errors:
        listing = "\n".join(problem.format() for problem in collection.errors)
        raise PluginError(
            f"{len(collection.errors)} problem(s) in case files; nothing was built.\n{listing}\n"
            "Fix them (run 'make validate' to check) and build again."
        )
    # Material's storage script names its scope from each page's depth unless it is fixed;
    # fixed, the script is the same on every page and its hash is known in advance.
    config.extra.setdefault("scope", csp.scope_for(config.site_url))
    _build.clear()
    _build.update(root=root, collection=collection,
                  by_slug={case.slug: case for case in collection.cases},
                  script_hashes=csp.theme_script_hashes(config, list(config.theme.get("features", []))))
    tags = config.plugins.get("material/tags")
    if tags is not None:
        # The controlled vocabulary is the only source of tags: a tag outside it fails.
        tags.config.tags_allowed = set(collection.taxonomy.labels())
    return config


def on_files(files: Files, *, config) -> Files:
    collection: Collection = _build["collection"]
    root: Path = _build["root"]
    pages = site_pages.generated_pages(collection.cases, collection.taxonomy)
    _build["generated_meta"] = {uri: page.meta for uri, page in pages.items()}
    for uri, page in pages.items():
        _add(files, File.generated(config, uri, content=page.body))
    for case in collection.cases:
        # The edit button opens the case file itself, not a page under docs/.
        files.get_file_from_path(site_pages.case_uri(case.slug)).edit_uri = f"../{case.path}"
    essay_file = files.get_file_from_path(essay.ESSAY_URI)
    _build["mentions"] = essay.essay_mentions(essay_file.content_string) if essay_file else {}
    contributing = root / "CONTRIBUTING.md"
    if contributing.exists():
        file = File.generated(config, "contributing.md", abs_src_path=str(contributing))
        file.edit_uri = "../CONTRIBUTING.md"
        _add(files, file)
    return files


def on_env(env, *, config, files):
    # One way to print a year (negative for BCE) in every template.
    env.filters["year"] = gallery_views.format_year
    _build["env"] = env
    return env


def on_page_markdown(markdown: str, *, page, config, files) -> str:
    # Generated pages carry no front matter; Material's tags plugin reads page.meta
    # later in this same event (at a lower priority), so it sees these tags.
    meta = _build["generated_meta"].get(page.file.src_uri)
    if meta is not None:
        page.meta = dict(meta)
    if "case" in page.meta:
        # The body was rendered and sanitized once, when the case was checked; that HTML
        # is what the page shows (see on_page_context), so MkDocs renders nothing here.
        return ""
    return markdown


# After every plugin's on_page_context: Material's search must have indexed a case's
# summary (see on_page_content) before its body is put back.
@event_priority(-100)
def on_page_context(context, *, page, config, nav):
    collection: Collection = _build["collection"]
    meta = page.meta
    context["taxonomy"] = collection.taxonomy
    if "case" in meta:
        context["case"] = _build["by_slug"][meta["case"]]
        page.content = context["case"].html
        page.toc = get_toc(context["case"].toc_tokens)
        context["case_terms"] = site_pages.case_terms(context["case"], collection.taxonomy)
        context["essay_mention"] = _build["mentions"].get(meta["case"])
        # Worked out for all cases at once, on the first case page of each build.
        if "case_links" not in _build:
            _build["case_links"] = gallery_views.case_links(collection.cases)
        links = _build["case_links"][meta["case"]]
        context["related_cases"], context["random_case"] = links.related, links.random
    elif page.file.src_uri == essay.ESSAY_URI:
        words = essay.prose_words(page.markdown)
        context["reading_minutes"] = essay.reading_minutes(words)
    elif page.file.src_uri == site_pages.GALLERY_URI:
        context["gallery"] = site_pages.sort_for_gallery(collection.cases)
        context["gallery_view"] = gallery_views.gallery_view(collection.cases, collection.taxonomy)
    elif "term" in meta:
        group, key = meta["term"].split("/")
        term = collection.taxonomy.group(group)[key]
        context["view"] = site_pages.term_view(term, collection.cases, collection.taxonomy)
        context["term_card"] = _term_card
    elif "group" in meta:
        context["term_counts"] = site_pages.term_counts(collection.cases)
    return context


def on_page_content(html: str, *, page, config, files) -> str:
    if "term" in page.meta:
        # Taxonomy text is contributor Markdown too: sanitized, and refused if anything
        # had to be removed (the validator reports the same for cases/taxonomy.yml).
        clean = contributor_html.sanitize(html)
        removed = contributor_html.removals(html, clean)
        if removed:
            raise PluginError(f"cases/taxonomy.yml ({page.meta['term']}): {removed[0].message()}")
        return clean
    case = _build["by_slug"].get(page.meta.get("case"))
    if case is None:
        return html
    # Material's search indexes page.content in its on_page_context: a case gives it its
    # search text alone, which spares the search plugin from parsing every body;
    # on_page_context sets the published body after that.
    return site_pages.case_search_text(case)


def on_post_page(output: str, *, page, config) -> str:
    return _apply_csp(output, page.file.src_uri)


def on_post_template(output: str, *, template_name: str, config) -> str:
    # 404.html is rendered from a theme template, not as a page.
    return _apply_csp(output, template_name) if template_name.endswith(".html") else output


def _apply_csp(output: str, name: str) -> str:
    try:
        return csp.apply_csp(output, _build["script_hashes"])
    except csp.UnknownScript as error:
        raise PluginError(f"{name}: {error}; only the theme's own inline scripts may run") from None


def on_post_build(*, config):
    collection: Collection = _build["collection"]
    site = Path(config.site_dir)
    (site / site_pages.CASES_JSON).write_text(
        site_pages.render_cases_json(collection.cases, config.site_url or "/"), encoding="utf-8")
    (site / site_pages.FEED_FILE).write_text(
        site_pages.render_feed(collection.cases, site_name=config.site_name,
                               site_url=config.site_url or "/",
                               description=config.site_description or ""), encoding="utf-8")


def _term_card(case) -> str:
    """A case's card as the term pages show it, rendered once for all of them.

    A case appears on its domain's page and on each of its constraints' and moves'
    pages, every one at the same depth, so the same HTML serves them all.
    """
    cards = _build.setdefault("term_cards", {})
    if case.slug not in cards:
        cards[case.slug] = _build["env"].get_template(TERM_CARD).render(
            case=case, terms=site_pages.case_terms(case, _build["collection"].taxonomy),
            case_href=f"../../cases/{case.slug}/")
    return cards[case.slug]


def _add(files: Files, file: File) -> None:
    if files.get_file_from_path(file.src_uri) is not None:
        raise PluginError(f"'{file.src_uri}' is generated from cases/; remove docs/{file.src_uri}")
    files.append(file)
