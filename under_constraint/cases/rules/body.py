"""Rules for the file as a whole and for the case body: name, placeholders, headings, cost, markup."""

from __future__ import annotations

import re
from pathlib import Path

from under_constraint.cases import body_limits, contributor_html
from under_constraint.cases.problems import Problem
from under_constraint.cases.slugs import RESERVED_SLUGS, SLUG_PATTERN, slugify

BODY_HEADINGS = ("The constraint", "The response", "The result")
PLACEHOLDER = "TODO"
_PLACEHOLDER = re.compile(rf"\b{PLACEHOLDER}\b")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")


def has_placeholder(value) -> bool:
    """Whether a front-matter value still holds the scaffold's TODO anywhere inside it."""
    if isinstance(value, str):
        return bool(_PLACEHOLDER.search(value))
    if isinstance(value, dict):
        return any(has_placeholder(item) for item in value.values())
    if isinstance(value, list):
        return any(has_placeholder(item) for item in value)
    return False


def check_placeholders(text: str, shown: str, skip_lines: range | None = None) -> list[Problem]:
    """A TODO left from the scaffold, outside YAML comments, is unfinished work.

    `skip_lines` are front-matter lines whose TODOs are reported once per field instead.
    """
    if PLACEHOLDER not in text:
        return []
    return [
        Problem(shown, number, f"'{PLACEHOLDER}' left from the scaffold: replace it with the real text")
        for number, line in enumerate(text.split("\n"), start=1)
        if _PLACEHOLDER.search(line) and not line.lstrip().startswith("# ")
        and (skip_lines is None or number not in skip_lines)
    ]


def check_file_name(path: Path, shown: str) -> list[Problem]:
    if path.suffix != ".md":
        return [Problem(shown, 1, f"a case file must end in '.md' (found '{path.name}'); "
                        "start the name with '_' if it is not a case")]
    slug = path.stem
    if not SLUG_PATTERN.match(slug):
        fixed = slugify(slug)
        return [Problem(shown, 1, f"file name '{path.name}' must be a slug: lowercase ASCII words "
                        f"joined by hyphens, such as '{fixed}.md'")]
    if slug in RESERVED_SLUGS:
        return [Problem(shown, 1, f"'{slug}' is reserved for the gallery page: choose another file name")]
    return []


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
