"""The controlled vocabulary of `cases/taxonomy.yml`: constraints, domains and moves."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from under_constraint.cases import body_limits, contributor_html
from under_constraint.cases import front_matter as frontmatter
from under_constraint.cases.characters import control_lines, invisible_lines
from under_constraint.cases.files import read_text
from under_constraint.cases.problems import Problem
from under_constraint.cases.slugs import SLUG_PATTERN

GROUPS = ("constraints", "domains", "moves")
KEY_PATTERN = SLUG_PATTERN
# Far above any real vocabulary, far below what could stall the parser.
MAX_TAXONOMY_CHARS = 500_000
TERM_FIELDS = {"label": True, "description": True, "practice": False}


@dataclass(frozen=True)
class Term:
    group: str
    key: str
    label: str
    description: str
    practice: str = ""

    @property
    def singular(self) -> str:
        return self.group[:-1]


@dataclass(frozen=True)
class Taxonomy:
    constraints: dict[str, Term]
    domains: dict[str, Term]
    moves: dict[str, Term]

    def group(self, name: str) -> dict[str, Term]:
        return getattr(self, name)

    def terms(self):
        for name in GROUPS:
            yield from self.group(name).values()

    def labels(self) -> list[str]:
        return [term.label for term in self.terms()]


def load_taxonomy(path: Path, display: str) -> tuple[Taxonomy | None, list[Problem]]:
    """Read and check the vocabulary; None when it cannot be used to check cases."""
    text, problem = read_text(path, display, MAX_TAXONOMY_CHARS, "the taxonomy")
    if problem:
        return None, [problem]
    found = [Problem(display, line, message) for line, message in control_lines(text)]
    found += [Problem(display, line, message) for line, message in invisible_lines(text)]
    if found:
        return None, found
    try:
        # The taxonomy is plain YAML; wrapping it lets it share the case parser's
        # safety checks (no aliases, no duplicate keys) and its line numbers.
        document = frontmatter.parse(f"---\n{text}\n---\n", max_chars=MAX_TAXONOMY_CHARS)
    except frontmatter.FrontMatterError as error:
        return None, [Problem(display, max(1, error.line - 1), error.message)]
    problems: list[Problem] = []
    groups: dict[str, dict[str, Term]] = {}
    data = document.data
    # Lines in the taxonomy file itself: the parser saw it behind an opening '---' line.
    lines = {path: line - 1 for path, line in document.key_lines.items()}
    for name in data:
        if name not in GROUPS:
            problems.append(
                Problem(display, lines[name],
                        f"unknown group '{name}': expected one of {', '.join(GROUPS)}")
            )
    for name in GROUPS:
        entries = data.get(name)
        if not isinstance(entries, dict) or not entries:
            problems.append(Problem(display, lines.get(name, 1), f"missing group '{name}': expected a mapping of keys"))
            groups[name] = {}
            continue
        groups[name] = _read_group(name, entries, display, problems, lines)
    seen: dict[str, str] = {}
    for name in GROUPS:
        for term in groups[name].values():
            other = seen.get(term.label.casefold())
            if other:
                problems.append(
                    Problem(display, lines.get(f"{name}.{term.key}.label", 1),
                            f"label '{term.label}' of {name}.{term.key} is also used by "
                            f"{other}: labels must be unique, since each is a tag")
                )
            seen[term.label.casefold()] = f"{name}.{term.key}"
    problems += check_markup(groups, text, display, lines)
    if problems:
        return None, problems
    return Taxonomy(**groups), []


@functools.lru_cache(maxsize=1024)
def _removals(value: str) -> tuple[contributor_html.Removal, ...]:
    # Every load checks the same notes again (each rebuild under `make serve`); rendering
    # them is most of what loading a small collection costs.
    return contributor_html.render(value).removed


def check_markup(groups: dict[str, dict[str, Term]], text: str, display: str, lines: dict[str, int]) -> list[Problem]:
    """Descriptions and practice notes are Markdown on the site: nothing may need removing."""
    problems = []
    for terms in groups.values():
        for term in terms.values():
            for field, value in (("description", term.description), ("practice", term.practice)):
                line = lines.get(f"{term.group}.{term.key}.{field}", 1)
                limits = list(body_limits.check_limits(value))
                problems += [Problem(display, line, message) for _, message in limits]
                for removal in _removals(value) if value and not limits else ():
                    problems.append(Problem(display, contributor_html.source_line(text, removal), removal.message()))
    return problems



def _read_group(name: str, entries: dict, display: str, problems: list[Problem],
                lines: dict[str, int]) -> dict[str, Term]:
    terms = {}
    for key, entry in entries.items():
        where = f"{name}.{key}"
        line = lines.get(where, 1)
        if not isinstance(key, str) or not KEY_PATTERN.match(key):
            problems.append(Problem(display, line, f"key '{key}' in {name} must be lowercase words joined by hyphens"))
            continue
        if not isinstance(entry, dict):
            problems.append(Problem(display, line, f"{where} must be a mapping with label and description"))
            continue
        unknown = set(entry) - set(TERM_FIELDS)
        missing = [field for field, required in TERM_FIELDS.items() if required and field not in entry]
        bad = [field for field in TERM_FIELDS
               if field in entry and not (isinstance(entry[field], str) and entry[field].strip())]
        for field in sorted(unknown):
            problems.append(Problem(display, lines.get(f"{where}.{field}", line),
                                    f"{where} has unknown field '{field}': expected {', '.join(TERM_FIELDS)}"))
        for field in missing + bad:
            problems.append(Problem(display, lines.get(f"{where}.{field}", line),
                                    f"{where}.{field} must be non-empty text"))
        if unknown or missing or bad:
            continue
        terms[key] = Term(name, key, entry["label"].strip(), entry["description"].strip(),
                          entry.get("practice", "").strip())
    return terms
