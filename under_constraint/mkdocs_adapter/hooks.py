"""MkDocs hooks: a thin adapter between the case package and the build.

Each hook guards, calls pure functions from `under_constraint.cases` and
`under_constraint.site`, and returns. What a build knows lives on one `BuildState`,
made afresh in `on_config`, since `mkdocs serve` keeps this module between builds.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.toc import get_toc

from under_constraint import user_cache
from under_constraint.cases import contributor_html
from under_constraint.cases.load import load_collection
from under_constraint.cases.rules.fields import ORIGINS, OUTCOMES
from under_constraint.mkdocs_adapter import incremental, serve
from under_constraint.mkdocs_adapter.state import BuildState, page_context
from under_constraint.site import (
    csp,
    data_export,
    drafts,
    essay,
    figures,
    gallery_views,
    placeholders,
    previews,
    related,
    urls,
)
from under_constraint.site import pages as site_pages
from under_constraint.site.people_index import render_people_index

log = logging.getLogger("mkdocs.hooks.under_constraint")

_state: BuildState | None = None


def on_config(config, session: dict | None = None, **_):
    """Load and check every case.

    `session` outlasts one build (see scripts/mkdocs_hooks.py): whether this is `mkdocs
    serve`, whether it rebuilds dirty, and the previous build's page signatures.
    """
    global _state
    session = session if session is not None else {}
    serving = bool(session.get("serving"))
    root = Path(config.config_file_path).resolve().parent
    collection = load_collection(root / "cases", render_cache=incremental.render_cache(session) if serving else None)
    # Near-duplicate hints are for review; as build warnings, strict mode would fail on them.
    for warning in (p for p in collection.problems if p.warning):
        log.info(warning.format())
    problems = drafts.Drafts()
    if collection.errors:
        listing = "\n".join(problem.format() for problem in collection.errors)
        if not serving:
            raise PluginError(
                f"{len(collection.errors)} problem(s) in case files; nothing was built.\n{listing}\n"
                "Fix them (run 'make validate' to check) and build again."
            )
        # While serving, a half-written case must not take the site down: the rest is
        # built, and the case's page shows its problems (a draft, never in a build).
        log.warning(f"{len(collection.errors)} problem(s) in case files; those cases are shown as "
                    f"problem pages while serving, and 'mkdocs build' refuses them:\n{listing}")
        problems = drafts.group_problems(collection.errors, root / "cases")
    # Material's storage script names its scope from each page's depth unless it is fixed;
    # fixed, the script is the same on every page and its hash is known in advance.
    config.extra.setdefault("scope", csp.scope_for(config.site_url))
    _state = BuildState(root, collection, csp.theme_script_hashes(config, list(config.theme.get("features", []))),
                        serving=serving, drafts=problems, site_name=config.site_name,
                        site_url=config.site_url or "/", session=session)
    try:
        _state.figures = placeholders.figure_snippets(Path(config.docs_dir))
    except ValueError as error:
        raise PluginError(f"docs/{figures.FIGURES_FILE}: {error}") from None
    tags = config.plugins.get("material/tags")
    if tags is not None:
        # The controlled vocabulary is the only source of tags: a tag outside it fails.
        tags.config.tags_allowed = set(collection.taxonomy.labels())
    return config


def on_files(files: Files, *, config) -> Files:
    _state.pages = site_pages.generated_pages(_state.cases, _state.taxonomy)
    for uri, page in _state.pages.items():
        _add(files, File.generated(config, uri, content=page.body))
    for case in _state.cases:
        # The edit button opens the case file itself, not a page under docs/; the path
        # comes from the slug, so it does not depend on where the build was started.
        files.get_file_from_path(urls.case_uri(case.slug)).edit_uri = "../" + urls.case_source(case.slug)
    for draft in _state.drafts.cases:
        file = File.generated(config, urls.case_uri(draft.slug), content="",
                              inclusion=InclusionLevel.DRAFT)
        file.edit_uri = "../" + urls.case_source(draft.slug)
        _add(files, file)
    if _state.serving:
        _add(files, File.generated(config, serve.SCRIPT_URI, content=serve.script_text()))
    # The data files are part of the site like its pages, so links to them are checked.
    for uri, text in _data_files(config).items():
        _add(files, File.generated(config, uri, content=text))
    for old, new in _state.collection.renamed.items():
        target = urls.absolute(_state.site_url, urls.case_path(new))
        _add(files, File.generated(config, urls.case_path(old) + "index.html",
                                   content=site_pages.render_redirect(target, _state.case(new).title)))
    essay_file = files.get_file_from_path(urls.ESSAY_URI)
    _state.mentions = essay.essay_mentions(essay_file.content_string) if essay_file else {}
    _state.links = related.case_links(_state.cases)
    contributing = _state.root / "CONTRIBUTING.md"
    if contributing.exists():
        file = File.generated(config, urls.CONTRIBUTING_URI, abs_src_path=str(contributing))
        file.edit_uri = "../CONTRIBUTING.md"
        _add(files, file)
    if _state.session.get("dirty"):
        _mark_unchanged_pages(files, config)
    return files


def _mark_unchanged_pages(files: Files, config) -> None:
    """Under `serve --dirty`, MkDocs rebuilds a page only if its file says it changed.

    Case pages whose signature matches the last build's say no; every other page shows
    the whole collection and says yes (see mkdocs_adapter.incremental).
    """
    made_with = incremental.fingerprint(_state.root, _state.site_url)
    signatures = {
        urls.case_uri(case.slug): incremental.case_signature(
            case, _state.links[case.slug].related, _state.links[case.slug].random,
            _state.mentions.get(case.slug), made_with)
        for case in _state.cases
    }
    paths = {urls.case_uri(case.slug): urls.case_path(case.slug) + "index.html" for case in _state.cases}
    keep = incremental.unchanged(signatures, _state.session.get("signatures", {}), Path(config.site_dir), paths)
    for file in files.documentation_pages():
        file.is_modified = (lambda: False) if file.src_uri in keep else (lambda: True)
    _state.signatures = signatures
    _state.kept = keep


def on_env(env, *, config, files):
    # Every case page's date for the sitemap, including pages a dirty rebuild leaves as they are.
    for case in _state.cases:
        file = files.get_file_from_path(urls.case_uri(case.slug))
        if file is not None and file.page is not None:
            file.page.update_date = site_pages.last_modified(case)
    # One way to print a year (negative for BCE) and to name a page, in every template.
    env.filters["year"] = gallery_views.format_year
    env.filters["case_path"] = urls.case_path
    env.filters["term_path"] = lambda term: urls.term_path(term.group, term.key)
    env.filters["origin_label"] = ORIGINS.get
    env.filters["outcome_label"] = OUTCOMES.get
    env.filters["long_date"] = gallery_views.long_date
    _state.env = env
    # Compiled templates outlast the build (MkDocs makes a fresh environment each time):
    # in memory while serving, on disk between builds. Jinja checks each against its source.
    if _state.serving:
        env.bytecode_cache = incremental.MemoryBytecodeCache(_state.session.setdefault("bytecode", {}))
    else:
        compiled = user_cache.folder("templates")
        try:
            compiled.mkdir(parents=True, exist_ok=True)
        except OSError as error:  # a read-only home: the same site, compiled afresh
            log.info(f"templates compiled without a cache: {error}")
        else:
            env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(compiled))
    return env


def on_page_markdown(markdown: str, *, page, config, files) -> str:
    # Generated pages carry no front matter; Material's tags plugin reads page.meta
    # later in this same event (at a lower priority), so it sees these tags.
    generated = _state.pages.get(page.file.src_uri)
    if generated is not None:
        page.meta = dict(generated.meta)
    # The sitemap's lastmod: when the content last changed, never the build's day.
    page.update_date = _state.last_modified(page.file.src_uri, page.meta)
    draft = _state.draft_for(page.file.src_uri)
    if draft is not None:
        page.meta = drafts.draft_page_meta(draft)
        return ""
    if generated is None and not page.file.generated_by:
        return _fill_placeholders(markdown, page.file.src_uri)
    if "case" in page.meta:
        # The body was rendered and sanitized once, when the case was checked; that HTML
        # is what the page shows (see on_page_content), so MkDocs renders nothing here.
        return ""
    return markdown


def on_page_content(html: str, *, page, config, files) -> str:
    if "case" in page.meta:
        case = _state.case(page.meta["case"])
        page.toc = get_toc(case.toc_tokens)
        return case.html
    if "term" in page.meta:
        # Taxonomy text is contributor Markdown too: sanitized, and refused if anything
        # had to be removed (the validator reports the same for cases/taxonomy.yml).
        clean = contributor_html.sanitize(html)
        removed = contributor_html.removals(html, clean)
        if removed:
            raise PluginError(f"cases/taxonomy.yml ({page.meta['term']}): {removed[0].message()}")
        return clean
    return html


def on_page_context(context, *, page, config, nav):
    context.update(page_context(_state, page.file.src_uri, page.meta, page.markdown or ""))
    # Preview images: every hand-written page of docs/, every case and every term page.
    src_uri, handwritten = page.file.src_uri, not page.file.generated_by
    if handwritten:
        _state.preview_titles[src_uri] = page.title or config.site_name
    if handwritten or "case" in page.meta or "term" in page.meta:
        context["preview_image"] = urls.absolute(_state.site_url, previews.preview_path(src_uri))
    return context


def on_serve(server, *, config, builder):
    return serve.use_reload_file(server, urlsplit(config.site_url or "/").path + serve.SCRIPT_URI)


def on_post_page(output: str, *, page, config) -> str:
    return _apply_csp(output, page.file.src_uri)


def on_post_template(output: str, *, template_name: str, config) -> str:
    # 404.html is rendered from a theme template, not as a page.
    return _apply_csp(output, template_name) if template_name.endswith(".html") else output


# Runs after Material's search has written its index (the entry point sets the
# priority): case pages are excluded from it (see site_pages.render_case_page) and get
# one short entry each here instead.
def on_post_build(*, config):
    site = Path(config.site_dir)
    if _state.session.get("dirty"):
        # Pages of cases and drafts that are gone (renamed, deleted, fixed) must not linger.
        written = set(_state.signatures) | set(_state.draft_uris)
        for uri in _state.session.get("case_pages", set()) - written:
            shutil.rmtree(site / Path(uri).with_suffix(""), ignore_errors=True)
        _state.session["signatures"] = _state.signatures
        _state.session["case_pages"] = written
        log.info(f"rebuilt {len(_state.signatures) - len(_state.kept)} of {len(_state.signatures)} case pages")
    if not _state.serving:
        # Drawn at build time with the shipped face; `make serve` skips them to stay quick.
        wanted = previews.page_previews(_state.cases, _state.taxonomy, config.site_name, _state.preview_titles)
        drawn, reused = previews.write_previews(wanted, site, Path(config.docs_dir) / "assets" / "fonts")
        log.info(f"preview images: {drawn} drawn, {reused} reused from {previews.cache_dir()}")
    index = site / urls.SEARCH_INDEX
    if index.exists():
        entries = [site_pages.case_search_entry(case, _state.taxonomy) for case in _state.cases]
        index.write_text(site_pages.add_search_entries(index.read_text(encoding="utf-8"), entries),
                         encoding="utf-8")


def _data_files(config) -> dict[str, str]:
    site_url = config.site_url or "/"
    return {
        **data_export.data_files(_state.cases, site_url),
        urls.ROBOTS: site_pages.render_robots(site_url),
        # The gallery's text box searches people in this small index, not in all of cases.json.
        urls.PEOPLE_JSON: render_people_index(_state.cases),
        urls.FEED_FILE: site_pages.render_feed(_state.cases, site_name=config.site_name, site_url=site_url,
                                               description=config.site_description or ""),
    }


def _fill_placeholders(markdown: str, src_uri: str) -> str:
    """A page of docs/ with the collection's numbers, the data fields and the figures put in."""
    if src_uri == urls.ESSAY_URI:
        # Reading time counts the prose as written, before figures add their labels.
        _state.essay_words = essay.prose_words(markdown)
    if "{{" not in markdown:
        return markdown
    try:
        return placeholders.fill_placeholders(markdown, placeholders.placeholder_values(_state.cases),
                                              _state.figures)
    except placeholders.PlaceholderError as error:
        raise PluginError(f"docs/{src_uri}, {error}") from None


def _apply_csp(output: str, name: str) -> str:
    try:
        return csp.apply_csp(output, _state.script_hashes)
    except csp.UnknownScript as error:
        raise PluginError(f"{name}: {error}; only the theme's own inline scripts may run") from None


def _add(files: Files, file: File) -> None:
    if files.get_file_from_path(file.src_uri) is not None:
        raise PluginError(f"'{file.src_uri}' is generated from cases/; remove docs/{file.src_uri}")
    files.append(file)
