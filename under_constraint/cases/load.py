"""Loading cases: read each file, apply every rule, and gather the collection.

The validator command, the MkDocs adapter and the tests all call `load_collection`; it
never imports MkDocs."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from under_constraint.cases import contributor_html
from under_constraint.cases import front_matter as frontmatter
from under_constraint.cases.characters import control_lines, invisible_lines
from under_constraint.cases.files import (
    RENAMED_FILE,
    TAXONOMY_FILE,
    case_paths,
    check_folders,
    check_placement,
    read_text,
)
from under_constraint.cases.model import Case, Collection, Source
from under_constraint.cases.problems import Problem
from under_constraint.cases.renamed import load_renamed
from under_constraint.cases.rules.body import (
    check_body,
    check_file_name,
    check_placeholders,
    has_placeholder,
    render_body,
)
from under_constraint.cases.rules.collection import check_collection
from under_constraint.cases.rules.editorial import check_body_length, check_hype, check_wikipedia_sources
from under_constraint.cases.rules.fields import clean_text, nearest, parse_date
from under_constraint.cases.schema import FIELDS, REQUIRED_FIELDS, SCHEMA
from under_constraint.cases.taxonomy import Taxonomy, load_taxonomy


def display_path(path: Path) -> str:
    """The path as a person at the project root would type it."""
    relative = os.path.relpath(path)
    return path.as_posix() if relative.startswith("..") else relative.replace(os.sep, "/")


def load_collection(folder: Path, paths: list[Path] | None = None, today: dt.date | None = None,
                    render_cache: dict | None = None) -> Collection:
    """Load and check cases (all of `folder`, or just `paths`) against the taxonomy there.

    Cross-file rules (unique titles, `related` targets) always look at the whole folder,
    so that checking one file gives the same answer as checking all of them.
    `render_cache`, kept by a caller across loads (`mkdocs serve`), spares rendering a
    body again that has not changed.
    """
    today = today or dt.date.today()
    taxonomy, problems = load_taxonomy(folder / TAXONOMY_FILE, display_path(folder / TAXONOMY_FILE))
    everything = case_paths(folder) if folder.is_dir() else []
    # Paths are named once, up front: relpath and abspath cost more than a check of a case.
    folder_key, folder_shown = _key(folder), display_path(folder)
    if paths is None and folder.is_dir():
        problems += check_folders(folder, folder_shown)
    prefix = "" if folder_shown == "." else folder_shown + "/"
    listed = {os.path.join(folder_key, path.name): (path, prefix + path.name) for path in everything}
    asked: dict[str, tuple[Path, str]] = {}
    for path in paths or ():
        shown = display_path(path)
        if path.name in (TAXONOMY_FILE, RENAMED_FILE) and _key(path.parent) == folder_key:
            continue  # its problems are reported above
        placement = check_placement(path, folder, shown)
        problems += placement
        if not placement:
            asked[_key(path)] = (path, shown)
    wanted = set(asked) if paths is not None else set(listed)
    slugs = frozenset(p.stem for p in everything)
    renamed, found = load_renamed(folder / RENAMED_FILE, display_path(folder / RENAMED_FILE), slugs)
    problems += found
    cases: list[Case] = []
    chosen: list[Case] = []
    shown_wanted: set[str] = set()
    for key, (path, shown) in sorted({**listed, **asked}.items()):
        case, found = read_case(path, taxonomy, today, shown, slugs, render_cache)
        if key in wanted:
            problems.extend(found)
            shown_wanted.add(shown)
        if case is not None:
            cases.append(case)
            if key in wanted:
                chosen.append(case)
    cross = check_collection(cases)
    problems.extend(p for p in cross if p.path in shown_wanted)
    return Collection(taxonomy, chosen, sorted(problems), renamed)


def _key(path: Path) -> str:
    # The same file named two ways (relative, absolute) must count once; absolute
    # paths are cheap where resolving symlinks for thousands of files is not.
    return os.path.abspath(path)


def read_case(path: Path, taxonomy: Taxonomy | None, today: dt.date, shown: str | None = None,
              slugs: frozenset[str] | None = None,
              render_cache: dict | None = None) -> tuple[Case | None, list[Problem]]:
    """Read one file and check it, with every problem it has in one pass.

    The case is None when it has any error. `slugs` are the cases that exist, for
    `related`; without them, related slugs are checked for form only.
    """
    shown = shown or display_path(path)
    text, problem = read_text(path, shown)
    if problem:
        return None, [problem]
    problems = check_file_name(path, shown)
    if path.suffix != ".md":
        return None, problems
    problems += [Problem(shown, line, message) for line, message in control_lines(text)]
    if problems:
        # Parsers disagree on control characters: nothing more is read until they are gone.
        return None, problems
    try:
        document = frontmatter.parse(text)
    except frontmatter.FrontMatterError as error:
        return None, [*problems, Problem(shown, error.line, error.message)]
    front = text[: len(text) - len(document.body)]
    problems += [Problem(shown, line, message) for line, message in invisible_lines(front)]
    problems += check_placeholders(text, shown, skip_lines=range(1, document.body_line))
    problems += check_front_matter(document, taxonomy, today, shown, slugs, path.stem)
    body_problems = check_body(document.body, document.body_line, shown)
    problems += body_problems
    rendered = None
    if not body_problems:
        # The body is rendered even when the front matter has problems, so that the
        # sanitizer's findings arrive in the same pass as everything else.
        rendered, found = _render(document.body, document.body_line, shown, render_cache)
        problems += found
    if problems or taxonomy is None:
        return None, problems
    case = _build_case(path, shown, document, rendered)
    return case, editorial_warnings(case, text, document)


def _render(body: str, first_line: int, shown: str, cache: dict | None):
    """render_body, remembered by its input: the result depends on nothing else."""
    if cache is None:
        return render_body(body, first_line, shown)
    key = (body, first_line, shown)
    if key not in cache:
        cache[key] = render_body(body, first_line, shown)
    rendered, found = cache[key]
    return rendered, list(found)


def editorial_warnings(case: Case, text: str, document: frontmatter.Document) -> list[Problem]:
    sources = [source.url for source in case.sources]
    return [*check_body_length(case.body, document.body_line, case.path), *check_hype(text, case.path),
            *check_wikipedia_sources(sources, document.item_lines.get("sources", []), case.path)]


def check_front_matter(document: frontmatter.Document, taxonomy: Taxonomy | None, today: dt.date,
                       shown: str, slugs: frozenset[str] | None = None, slug: str = "") -> list[Problem]:
    data, lines = document.data, document.key_lines
    problems: list[Problem] = []
    for key in data:
        if key not in FIELDS:
            guess = nearest(str(key), FIELDS)
            problems.append(Problem(shown, lines.get(str(key), 1),
                                    f"unknown field '{key}': did you mean '{guess}'? "
                                    f"Fields are: {', '.join(FIELDS)}"))
    for key in REQUIRED_FIELDS:
        if key not in data or data[key] is None:
            problems.append(Problem(shown, lines.get(key, 1), f"missing required field '{key}'"))
    for key, spec in SCHEMA.items():
        if data.get(key) is None:
            continue
        if has_placeholder(data[key]):
            problems.append(Problem(shown, lines.get(key, 1), f"{key}: still the scaffold's TODO: write {spec.hint}"))
            continue
        for line, message in spec.check(data[key], document=document, taxonomy=taxonomy, today=today,
                                        slugs=slugs, slug=slug):
            problems.append(Problem(shown, line or lines.get(key, 1), f"{key}: {message}"))
    return problems


def _build_case(path: Path, shown: str, document: frontmatter.Document,
                rendered: contributor_html.Rendered | None) -> Case:
    data = document.data
    lines = dict(document.key_lines)
    for key, item_lines in document.item_lines.items():
        for index, line in enumerate(item_lines):
            lines[f"{key}.{index}"] = line
    return Case(
        slug=path.stem, path=shown, title=clean_text(data["title"]), summary=clean_text(data["summary"]),
        year=data["year"], who=clean_text(data["who"]), where=clean_text(data.get("where") or ""),
        domain=data["domain"], constraints=tuple(data["constraints"]), moves=tuple(data["moves"]),
        origin=data.get("origin") or "", outcome=data["outcome"],
        updated=parse_date(data["updated"]) if data.get("updated") else None, tags=tuple(data.get("tags") or ()),
        sources=tuple(Source(clean_text(s["title"]), s["url"].strip()) for s in data["sources"]),
        added=parse_date(data["added"]), related=tuple(data.get("related") or ()), body=document.body, lines=lines,
        html=rendered.html if rendered else "", toc_tokens=rendered.toc_tokens if rendered else [],
    )
