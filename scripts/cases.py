"""The case schema, and loading and checking case files against it.

This module owns every rule of the case contract (see CONTRIBUTING.md). The validator
command, the MkDocs hooks and the tests all import it; it never imports MkDocs.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import body_limits
import contributor_html
import frontmatter
from case_files import MAX_FILE_BYTES, TAXONOMY_FILE, case_paths, check_folders, check_placement, read_text
from characters import control_lines, invisible_lines
from problems import Problem
from taxonomy import Taxonomy, load_taxonomy

__all__ = ["MAX_FILE_BYTES", "TAXONOMY_FILE"]
SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
TAG_PATTERN = SLUG_PATTERN
# Slugs that would collide with pages the site itself makes under /cases/.
RESERVED_SLUGS = frozenset({"index"})
TITLE_LENGTH = (5, 90)
SUMMARY_LENGTH = (40, 240)
WHO_LENGTH = (2, 200)
WHERE_LENGTH = (2, 120)
CONSTRAINTS_COUNT = (1, 3)
MOVES_COUNT = (1, 3)
MAX_TAGS = 8
MIN_SOURCES = 2
SOURCE_TITLE_LENGTH = (3, 200)
MAX_URL_LENGTH = 500
ORIGINS = ("imposed", "chosen")
EARLIEST_YEAR = -10_000
NEAR_TITLE_RATIO = 0.85
# A word in more titles than this says nothing about sameness ("with", "first").
MAX_CASES_PER_TITLE_WORD = 50
# A contributor east of UTC may date a case "today" while UTC is still on yesterday.
FUTURE_DATE_GRACE = dt.timedelta(days=1)
BODY_HEADINGS = ("The constraint", "The response", "The result")
PLACEHOLDER = "TODO"
_PLACEHOLDER = re.compile(rf"\b{PLACEHOLDER}\b")

_HTML_TAG = re.compile(r"<\s*/?\s*[a-zA-Z!]")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
# Browsers drop tabs and newlines inside URLs, so "java\tscript:" still runs.
_SPACE = re.compile(r"\s")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# An https address with a dotted host name, ASCII and nothing odd: fine by every rule below.
_PLAIN_HTTPS_URL = re.compile(r"https://[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?::[0-9]{1,5})?(?:[/?#][!-~]*)?\Z")


@dataclass(frozen=True)
class Source:
    title: str
    url: str


@dataclass(frozen=True)
class Case:
    slug: str
    path: str
    title: str
    summary: str
    year: int
    who: str
    domain: str
    constraints: tuple[str, ...]
    moves: tuple[str, ...]
    sources: tuple[Source, ...]
    added: dt.date
    body: str
    # The body as published: rendered, then sanitized (see contributor_html).
    html: str = field(default="", compare=False, repr=False)
    toc_tokens: list = field(default_factory=list, compare=False, repr=False)
    where: str = ""
    origin: str = ""
    tags: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    @property
    def url(self) -> str:
        return f"cases/{self.slug}/"

    def keys(self, group: str) -> tuple[str, ...]:
        """The case's keys in one taxonomy group: constraints, moves or domains."""
        return (self.domain,) if group == "domains" else getattr(self, group)

    def front_matter(self) -> dict:
        """The case's fields as plain JSON-ready data, in schema order."""
        data = {
            "title": self.title, "summary": self.summary, "year": self.year, "who": self.who,
            "where": self.where, "domain": self.domain, "constraints": list(self.constraints),
            "moves": list(self.moves), "origin": self.origin, "tags": list(self.tags),
            "sources": [{"title": s.title, "url": s.url} for s in self.sources],
            "added": self.added.isoformat(), "related": list(self.related),
        }
        return {key: value for key, value in data.items() if value not in ("", [])
                or key in REQUIRED_FIELDS}


@dataclass
class Collection:
    taxonomy: Taxonomy | None
    cases: list[Case]
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if not p.warning]


def display_path(path: Path) -> str:
    """The path as a person at the project root would type it."""
    relative = os.path.relpath(path)
    return path.as_posix() if relative.startswith("..") else relative.replace(os.sep, "/")


def load_collection(folder: Path, paths: list[Path] | None = None, today: dt.date | None = None) -> Collection:
    """Load and check cases (all of `folder`, or just `paths`) against the taxonomy there.

    Cross-file rules (unique titles, `related` targets) always look at the whole folder,
    so that checking one file gives the same answer as checking all of them.
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
        if path.name == TAXONOMY_FILE and _key(path.parent) == folder_key:
            continue  # its problems are reported above
        placement = check_placement(path, folder, shown)
        problems += placement
        if not placement:
            asked[_key(path)] = (path, shown)
    wanted = set(asked) if paths is not None else set(listed)
    cases: list[Case] = []
    chosen: list[Case] = []
    shown_wanted: set[str] = set()
    for key, (path, shown) in sorted({**listed, **asked}.items()):
        case, found = read_case(path, taxonomy, today, shown)
        if key in wanted:
            problems.extend(found)
            shown_wanted.add(shown)
        if case is not None:
            cases.append(case)
            if key in wanted:
                chosen.append(case)
    cross = check_collection(cases, {p.stem for p in everything})
    problems.extend(p for p in cross if p.path in shown_wanted)
    return Collection(taxonomy, chosen, sorted(problems))


def _key(path: Path) -> str:
    # The same file named two ways (relative, absolute) must count once; absolute
    # paths are cheap where resolving symlinks for thousands of files is not.
    return os.path.abspath(path)


def read_case(path: Path, taxonomy: Taxonomy | None, today: dt.date,
              shown: str | None = None) -> tuple[Case | None, list[Problem]]:
    """Read one file and check it alone. The case is None when it has any error."""
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
    problems += check_placeholders(text, shown)
    problems += check_front_matter(document, taxonomy, today, shown)
    problems += check_body(document.body, document.body_line, shown)
    rendered = None
    if not problems:
        rendered, found = render_body(document.body, document.body_line, shown)
        problems += found
    if problems or taxonomy is None:
        return None, problems
    return _build_case(path, shown, document, rendered), []


def render_body(body: str, first_line: int, shown: str) -> tuple[contributor_html.Rendered | None, list[Problem]]:
    """The body as the site will publish it; anything the sanitizer removed is a problem.

    Cost limits come first: no body that passes them can hold the renderer for long.
    """
    limits = [Problem(shown, first_line + offset, message)
              for offset, message in body_limits.check_limits(body)]
    if limits:
        return None, limits
    rendered = contributor_html.render(body)
    return rendered, [Problem(shown, contributor_html.source_line(body, removal, first_line), removal.message())
                      for removal in rendered.removed]


def check_placeholders(text: str, shown: str) -> list[Problem]:
    """A TODO left from scripts/new_case.py, outside YAML comments, is unfinished work."""
    if PLACEHOLDER not in text:
        return []
    return [
        Problem(shown, number, f"'{PLACEHOLDER}' left from the scaffold: replace it with the real text")
        for number, line in enumerate(text.split("\n"), start=1)
        if _PLACEHOLDER.search(line) and not line.lstrip().startswith("# ")
    ]


def check_file_name(path: Path, shown: str) -> list[Problem]:
    if path.suffix != ".md":
        return [Problem(shown, 1, f"a case file must end in '.md' (found '{path.name}'); "
                        "start the name with '_' if it is not a case")]
    slug = path.stem
    if not SLUG_PATTERN.match(slug):
        fixed = re.sub(r"[^a-z0-9]+", "-", slug.lower()).strip("-") or "my-case"
        return [Problem(shown, 1, f"file name '{path.name}' must be a slug: lowercase ASCII words "
                        f"joined by hyphens, such as '{fixed}.md'")]
    if slug in RESERVED_SLUGS:
        return [Problem(shown, 1, f"'{slug}' is reserved for the gallery page: choose another file name")]
    return []


def check_front_matter(document: frontmatter.Document, taxonomy: Taxonomy | None,
                       today: dt.date, shown: str) -> list[Problem]:
    data, lines = document.data, document.key_lines
    problems: list[Problem] = []
    for key in data:
        if key not in FIELDS:
            nearest = _nearest(str(key), FIELDS)
            problems.append(Problem(shown, lines.get(str(key), 1),
                                    f"unknown field '{key}': did you mean '{nearest}'? "
                                    f"Fields are: {', '.join(FIELDS)}"))
    for key in REQUIRED_FIELDS:
        if key not in data or data[key] is None:
            problems.append(Problem(shown, lines.get(key, 1), f"missing required field '{key}'"))
    for key, spec in SCHEMA.items():
        if data.get(key) is None:
            continue
        for line, message in spec.check(data[key], document=document, taxonomy=taxonomy, today=today):
            problems.append(Problem(shown, line or lines.get(key, 1), f"{key}: {message}"))
    return problems


def check_body(body: str, first_line: int, shown: str) -> list[Problem]:
    problems: list[Problem] = []
    headings: list[tuple[int, str]] = []
    in_code = False
    for offset, line in enumerate(body.split("\n")):
        # Plain string tests pick out the few heading and fence lines; a regex runs only on those.
        if line.lstrip().startswith(("```", "~~~")):
            in_code = not in_code
            continue
        if in_code or not line.startswith("#"):
            continue
        match = _HEADING.match(line)
        if match and len(match.group(1)) == 1:
            problems.append(Problem(shown, first_line + offset, "the body may not have a '# ' heading: the title "
                                    "comes from front matter; use '## ' for sections"))
        elif match and len(match.group(1)) == 2:
            headings.append((first_line + offset, match.group(2)))
    found = [text for _, text in headings[: len(BODY_HEADINGS)]]
    if found != list(BODY_HEADINGS):
        for index, expected in enumerate(BODY_HEADINGS):
            actual = headings[index] if index < len(headings) else None
            if actual is None or actual[1] != expected:
                line = actual[0] if actual else first_line
                was = f"found '## {actual[1]}'" if actual else "found no more '## ' headings"
                problems.append(Problem(shown, line, f"expected heading '## {expected}' here "
                                        f"(the body starts with '## {BODY_HEADINGS[0]}', "
                                        f"'## {BODY_HEADINGS[1]}', '## {BODY_HEADINGS[2]}'); {was}"))
                break
    return problems


# --- one check per field: each yields (line or None, message) ----------------------


def check_title(value, **_):
    yield from _check_text(value, TITLE_LENGTH)


def check_summary(value, **_):
    yield from _check_text(value, SUMMARY_LENGTH)
    if isinstance(value, str) and _HTML_TAG.search(value):
        yield None, "must be plain text: remove the HTML"


def check_who(value, **_):
    yield from _check_text(value, WHO_LENGTH)


def check_where(value, **_):
    yield from _check_text(value, WHERE_LENGTH)


def check_year(value, today, **_):
    if isinstance(value, bool) or not isinstance(value, int):
        yield None, f"expected a whole number such as 1970 (negative for BCE), found {_describe(value)}"
    elif value > today.year:
        yield None, f"{value} is in the future: the year the response happened, at most {today.year}"
    elif value < EARLIEST_YEAR:
        yield None, f"{value} is earlier than {EARLIEST_YEAR}: check the sign and digits"


def check_domain(value, taxonomy, **_):
    yield from _check_key(value, taxonomy, "domains", None)


def check_constraints(value, taxonomy, document, **_):
    yield from _check_keys(value, taxonomy, "constraints", CONSTRAINTS_COUNT, document.item_lines.get("constraints"))


def check_moves(value, taxonomy, document, **_):
    yield from _check_keys(value, taxonomy, "moves", MOVES_COUNT, document.item_lines.get("moves"))


def check_origin(value, **_):
    if value not in ORIGINS:
        yield None, f"expected 'imposed' or 'chosen', found {_describe(value)}"


def check_tags(value, document, **_):
    if not isinstance(value, list):
        yield None, f"expected a list such as [gpu, open-weights], found {_describe(value)}"
        return
    lines = document.item_lines.get("tags", [])
    if len(value) > MAX_TAGS:
        yield None, f"at most {MAX_TAGS} tags, found {len(value)}"
    for index, tag in enumerate(value):
        line = _item_line(lines, index)
        if not isinstance(tag, str) or not TAG_PATTERN.match(tag):
            yield line, f"tag {_describe(tag)} must be lowercase words joined by hyphens, such as 'open-weights'"
    yield from _check_distinct(value, lines)


def check_sources(value, document, **_):
    if not isinstance(value, list):
        yield None, f"expected a list of {{title: ..., url: https://...}} entries, found {_describe(value)}"
        return
    lines = document.item_lines.get("sources", [])
    if len(value) < MIN_SOURCES:
        yield None, f"at least {MIN_SOURCES} sources a reader can check, found {len(value)}"
    urls: dict[str, int] = {}
    for index, source in enumerate(value):
        line = _item_line(lines, index)
        label = f"source {index + 1}"
        if not isinstance(source, dict):
            yield line, f"{label}: expected {{title: ..., url: https://...}}, found {_describe(source)}"
            continue
        for key in source:
            if key not in ("title", "url"):
                yield line, f"{label}: unknown field '{key}': a source has only 'title' and 'url'"
        title, url = source.get("title"), source.get("url")
        for message in (m for _, m in _check_text(title, SOURCE_TITLE_LENGTH)):
            yield line, f"{label} title: {message}"
        problem = _url_problem(url)
        if problem:
            yield line, f"{label} url: {problem}"
        elif url in urls:
            yield line, f"{label} url repeats source {urls[url]}: list each source once"
        else:
            urls[url] = index + 1


def check_added(value, today, **_):
    date = _parse_date(value)
    if date is None:
        yield None, f"expected a real date as YYYY-MM-DD, such as {today.isoformat()}; found {_describe(value)}"
    elif date > today + FUTURE_DATE_GRACE:
        yield None, f"{date.isoformat()} is in the future: use the date the case joined, at most {today.isoformat()}"


def check_related(value, document, **_):
    if not isinstance(value, list):
        yield None, f"expected a list of case slugs such as [ikea-flat-pack], found {_describe(value)}"
        return
    lines = document.item_lines.get("related", [])
    for index, slug in enumerate(value):
        if not isinstance(slug, str) or not SLUG_PATTERN.match(slug):
            yield _item_line(lines, index), f"{_describe(slug)} is not a case slug (the file name without '.md')"
    yield from _check_distinct(value, lines)


@dataclass(frozen=True)
class Field:
    required: bool
    check: object
    hint: str
    # The field as JSON Schema, given the taxonomy: for editors and other tools.
    json: object


def _json_text(length):
    return lambda _: {"type": "string", "minLength": length[0], "maxLength": length[1]}


def _json_keys(group, count=None):
    def schema(taxonomy):
        key = {"type": "string", "enum": list(taxonomy.group(group))}
        if count is None:
            return key
        return {"type": "array", "items": key, "minItems": count[0], "maxItems": count[1], "uniqueItems": True}
    return schema


_SLUG_JSON = {"type": "string", "pattern": SLUG_PATTERN.pattern}
_SOURCE_JSON = {
    "type": "object", "required": ["title", "url"], "additionalProperties": False,
    "properties": {
        "title": {"type": "string", "minLength": SOURCE_TITLE_LENGTH[0], "maxLength": SOURCE_TITLE_LENGTH[1]},
        "url": {"type": "string", "pattern": "^https://[^\\s/]+\\.[^\\s]+$", "maxLength": MAX_URL_LENGTH},
    },
}

# The schema: every front-matter field, in the order a case file lists them.
SCHEMA = {
    "title": Field(True, check_title, "what happened, in a sentence-like title", _json_text(TITLE_LENGTH)),
    "summary": Field(True, check_summary, "one or two plain sentences for the gallery card",
                     _json_text(SUMMARY_LENGTH)),
    "year": Field(True, check_year, "the year the response happened (negative for BCE)",
                  lambda _: {"type": "integer", "minimum": EARLIEST_YEAR}),
    "who": Field(True, check_who, "the people or organisation", _json_text(WHO_LENGTH)),
    "where": Field(False, check_where, "the place", _json_text(WHERE_LENGTH)),
    "domain": Field(True, check_domain, "one key of domains in cases/taxonomy.yml", _json_keys("domains")),
    "constraints": Field(True, check_constraints, "1 to 3 keys of constraints: what was scarce or fixed",
                         _json_keys("constraints", CONSTRAINTS_COUNT)),
    "moves": Field(True, check_moves, "1 to 3 keys of moves: how the limit was turned into an advantage",
                   _json_keys("moves", MOVES_COUNT)),
    "origin": Field(False, check_origin, "imposed (the world set the limit) or chosen (the makers did)",
                    lambda _: {"type": "string", "enum": list(ORIGINS)}),
    "tags": Field(False, check_tags, f"up to {MAX_TAGS} free keywords, lowercase-hyphenated",
                  lambda _: {"type": "array", "items": _SLUG_JSON, "maxItems": MAX_TAGS, "uniqueItems": True}),
    "sources": Field(True, check_sources, f"at least {MIN_SOURCES} pages a reader can check",
                     lambda _: {"type": "array", "items": _SOURCE_JSON, "minItems": MIN_SOURCES,
                                "uniqueItems": True}),
    "added": Field(True, check_added, "the date the case joined the gallery, YYYY-MM-DD",
                   lambda _: {"type": "string", "format": "date", "pattern": "^\\d{4}-\\d{2}-\\d{2}$"}),
    "related": Field(False, check_related, "slugs of other cases that illuminate this one",
                     lambda _: {"type": "array", "items": _SLUG_JSON, "uniqueItems": True}),
}
FIELDS = tuple(SCHEMA)
REQUIRED_FIELDS = tuple(name for name, spec in SCHEMA.items() if spec.required)




def json_schema(taxonomy: Taxonomy) -> dict:
    """The front matter as JSON Schema (draft 2020-12), made from SCHEMA and the taxonomy.

    Rules that need more than one file (unique titles, `related` targets), the clock
    (no future dates) or the body are the validator's alone.
    """
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Under Constraint case front matter",
        "description": "The YAML front matter of a file in cases/. Generated by scripts/case_schema.py.",
        "type": "object",
        "additionalProperties": False,
        "required": list(REQUIRED_FIELDS),
        "properties": {
            name: {"description": spec.hint[0].upper() + spec.hint[1:] + ".", **spec.json(taxonomy)}
            for name, spec in SCHEMA.items()
        },
    }


# --- rules across cases -----------------------------------------------------------------


def check_collection(cases: list[Case], slugs: set[str]) -> list[Problem]:
    """Rules that need every case: unique titles, and `related` slugs that exist."""
    problems = []
    by_title: dict[str, list[Case]] = {}
    for case in cases:
        by_title.setdefault(" ".join(case.title.casefold().split()), []).append(case)
    for case in cases:
        others = [other for other in by_title[" ".join(case.title.casefold().split())] if other is not case]
        if others:
            problems.append(Problem(case.path, case.lines["title"],
                                    f"title: '{case.title}' is also the title of {others[0].path}: "
                                    "titles must be unique"))
        for index, slug in enumerate(case.related):
            line = case.lines.get(f"related.{index}", case.lines.get("related", 1))
            if slug == case.slug:
                problems.append(Problem(case.path, line, "related: a case cannot be related to itself"))
            elif slug not in slugs:
                nearest = _nearest(slug, sorted(slugs - {case.slug}), cutoff=0.6)
                hint = f": did you mean '{nearest}'?" if nearest else ""
                problems.append(Problem(case.path, line, f"related: no case 'cases/{slug}.md'{hint}"))
    problems += check_near_duplicates(cases)
    return problems


def check_near_duplicates(cases: list[Case]) -> list[Problem]:
    """Warnings, not errors: a title close to another's, or another case's main source."""
    warnings = []
    for case, other, ratio in _similar_titles(cases):
        warnings.append(Problem(case.path, case.lines["title"],
                                f"title is {ratio:.0%} like '{other.title}' ({other.path}): "
                                "is this the same case?", warning=True))
    main_sources: dict[str, list[Case]] = {}
    for case in cases:
        main_sources.setdefault(case.sources[0].url, []).append(case)
    for case in cases:
        for index, source in enumerate(case.sources):
            owner = next((c for c in main_sources.get(source.url, ()) if c is not case), None)
            if owner is not None:
                line = case.lines.get(f"sources.{index}", case.lines["sources"])
                warnings.append(Problem(case.path, line,
                                        f"source {index + 1} is the main source of {owner.path}: "
                                        "is this the same case?", warning=True))
    return warnings


def _similar_titles(cases: list[Case]):
    """Pairs of distinct titles at least NEAR_TITLE_RATIO alike, each pair both ways.

    Only titles sharing a rare word are compared, so the cost grows with the number of
    cases rather than with its square.
    """
    normal = {case.slug: _normal_title(case.title) for case in cases}
    words = {slug: set(title.split()) for slug, title in normal.items()}
    by_word: dict[str, list[Case]] = {}
    for case in cases:
        for word in words[case.slug]:
            if len(word) > 3:
                by_word.setdefault(word, []).append(case)
    compared: set[tuple[str, str]] = set()
    for group in by_word.values():
        if len(group) > MAX_CASES_PER_TITLE_WORD:
            continue
        for i, case in enumerate(group):
            for other in group[i + 1:]:
                pair = (case.slug, other.slug)
                if pair in compared:
                    continue
                compared.add(pair)
                a, b = normal[case.slug], normal[other.slug]
                first, second = words[case.slug], words[other.slug]
                # Sharing most words is a cheap necessary condition for the costly comparison.
                if case.title.casefold() == other.title.casefold() or len(first & second) * 2 < len(first | second):
                    continue
                ratio = difflib.SequenceMatcher(None, a, b).ratio()
                if ratio >= NEAR_TITLE_RATIO:
                    yield case, other, ratio
                    yield other, case, ratio


def _normal_title(title: str) -> str:
    """A title as compared for sameness: NFKC, case folded, no format characters or punctuation."""
    folded = unicodedata.normalize("NFKC", title).casefold()
    kept = (" " if unicodedata.category(char)[0] in "PSZ" else char
            for char in folded if unicodedata.category(char) not in ("Cf", "Mn"))
    return " ".join("".join(kept).split())


# --- helpers --------------------------------------------------------------------------


def _build_case(path: Path, shown: str, document: frontmatter.Document,
                rendered: contributor_html.Rendered | None) -> Case:
    data = document.data
    lines = dict(document.key_lines)
    for key, item_lines in document.item_lines.items():
        for index, line in enumerate(item_lines):
            lines[f"{key}.{index}"] = line
    return Case(
        slug=path.stem, path=shown, title=_clean(data["title"]), summary=_clean(data["summary"]),
        year=data["year"], who=_clean(data["who"]), where=_clean(data.get("where") or ""),
        domain=data["domain"], constraints=tuple(data["constraints"]), moves=tuple(data["moves"]),
        origin=data.get("origin") or "", tags=tuple(data.get("tags") or ()),
        sources=tuple(Source(_clean(s["title"]), s["url"].strip()) for s in data["sources"]),
        added=_parse_date(data["added"]), related=tuple(data.get("related") or ()), body=document.body, lines=lines,
        html=rendered.html if rendered else "", toc_tokens=rendered.toc_tokens if rendered else [],
    )


def _parse_date(value) -> dt.date | None:
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _clean(text: str) -> str:
    return " ".join(text.split())


def _check_text(value, length):
    low, high = length
    if not isinstance(value, str):
        yield None, f"expected text, found {_describe(value)}"
        return
    text = _clean(value)
    if not low <= len(text) <= high:
        yield None, f"expected {low} to {high} characters, found {len(text)}"


def _check_key(value, taxonomy, group, line):
    if not isinstance(value, str):
        yield line, f"expected one key of {group} in cases/taxonomy.yml, found {_describe(value)}"
        return
    if taxonomy is None:
        return
    keys = taxonomy.group(group)
    if value not in keys:
        yield line, (f"'{value}' is not in {group} of cases/taxonomy.yml: did you mean "
                     f"'{_nearest(value, list(keys))}'?")


def _check_keys(value, taxonomy, group, count, lines):
    low, high = count
    if not isinstance(value, list):
        example = _example(taxonomy, group)
        yield None, f"expected a list of {low} to {high} keys such as [{example}], found {_describe(value)}"
        return
    if not low <= len(value) <= high:
        yield None, f"expected {low} to {high} keys, found {len(value)}"
    for index, key in enumerate(value):
        yield from _check_key(key, taxonomy, group, _item_line(lines or [], index))
    yield from _check_distinct(value, lines or [])


def _check_distinct(values, lines):
    seen = set()
    for index, value in enumerate(values):
        marker = repr(value)
        if marker in seen:
            yield _item_line(lines, index), f"{_describe(value)} is listed twice: keep one"
        seen.add(marker)


def _url_problem(url) -> str | None:
    if isinstance(url, str) and len(url) <= MAX_URL_LENGTH and _PLAIN_HTTPS_URL.match(url):
        # Nearly every source looks like this; urlsplit costs more than the rest of a case.
        return None
    return _url_problem_in_full(url)


def _url_problem_in_full(url) -> str | None:
    if not isinstance(url, str):
        return f"expected an https:// address, found {_describe(url)}"
    if len(url) > MAX_URL_LENGTH:
        return f"address is {len(url)} characters; at most {MAX_URL_LENGTH}"
    if _SPACE.search(url.strip()) or _CONTROL.search(url):
        return "address may not contain spaces or control characters"
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return f"'{url}' is not a valid address"
    if parts.scheme != "https":
        return f"expected an address starting with https://, found '{url}'"
    if not parts.hostname or "." not in parts.hostname:
        return f"'{url}' has no host name"
    return None


def _item_line(lines: list[int], index: int) -> int | None:
    return lines[index] if index < len(lines) else None


def _nearest(word: str, options, cutoff: float = 0.0) -> str:
    """The closest option, for a 'did you mean' hint; empty when none is close enough."""
    matches = difflib.get_close_matches(word, list(options), n=1, cutoff=cutoff)
    return matches[0] if matches else ""


def _example(taxonomy, group) -> str:
    if taxonomy is None:
        return "..."
    return ", ".join(list(taxonomy.group(group))[:2])


def _describe(value) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a yes/no value)"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"'{shown}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, (dt.date, dt.datetime)):
        return f"the date {value.isoformat()}"
    return f"a {type(value).__name__}"
