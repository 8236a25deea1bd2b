"""One rule per front-matter field. Each yields (line or None, message); the limits are named here."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from urllib.parse import urlsplit

from under_constraint.cases.slugs import SLUG_PATTERN

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
# Who set the limit: each value with the label the site shows for it.
ORIGINS = {"imposed": "Imposed from outside", "chosen": "Chosen by the makers"}
# How the response turned out: a gallery of successes alone would be survivorship bias.
OUTCOMES = {"worked": "Worked", "mixed": "Mixed: it worked at a cost", "failed": "Failed"}
EARLIEST_YEAR = -10_000
# A contributor east of UTC may date a case "today" while UTC is still on yesterday.
FUTURE_DATE_GRACE = dt.timedelta(days=1)
_HTML_TAG = re.compile(r"<\s*/?\s*[a-zA-Z!]")
# Browsers drop tabs and newlines inside URLs, so "java\tscript:" still runs.
_SPACE = re.compile(r"\s")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# An https address with a dotted host name, ASCII and nothing odd: fine by every rule below.
_PLAIN_HTTPS_URL = re.compile(r"https://[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?::[0-9]{1,5})?(?:[/?#][!-~]*)?\Z")


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
        yield None, f"expected a whole number such as 1970 (negative for BCE), found {describe(value)}"
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
    if not isinstance(value, str) or value not in ORIGINS:
        yield None, f"expected 'imposed' or 'chosen', found {describe(value)}"


def check_outcome(value, **_):
    if not isinstance(value, str) or value not in OUTCOMES:
        yield None, f"expected one of {', '.join(OUTCOMES)}, found {describe(value)}"


def check_tags(value, document, **_):
    if not isinstance(value, list):
        yield None, f"expected a list such as [gpu, open-weights], found {describe(value)}"
        return
    lines = document.item_lines.get("tags", [])
    if len(value) > MAX_TAGS:
        yield None, f"at most {MAX_TAGS} tags, found {len(value)}"
    for index, tag in enumerate(value):
        line = _item_line(lines, index)
        if not isinstance(tag, str) or not SLUG_PATTERN.match(tag):
            yield line, f"tag {describe(tag)} must be lowercase words joined by hyphens, such as 'open-weights'"
    yield from _check_distinct(value, lines)


def check_sources(value, document, **_):
    if not isinstance(value, list):
        yield None, f"expected a list of {{title: ..., url: https://...}} entries, found {describe(value)}"
        return
    lines = document.item_lines.get("sources", [])
    if len(value) < MIN_SOURCES:
        yield None, f"at least {MIN_SOURCES} sources a reader can check, found {len(value)}"
    urls: dict[str, int] = {}
    for index, source in enumerate(value):
        line = _item_line(lines, index)
        label = f"source {index + 1}"
        if not isinstance(source, dict):
            yield line, f"{label}: expected {{title: ..., url: https://...}}, found {describe(source)}"
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
    date = parse_date(value)
    if date is None:
        yield None, f"expected a real date as YYYY-MM-DD, such as {today.isoformat()}; found {describe(value)}"
    elif date > today + FUTURE_DATE_GRACE:
        yield None, f"{date.isoformat()} is in the future: use the date the case joined, at most {today.isoformat()}"


def check_updated(value, today, document, **_):
    yield from check_added(value, today)
    date, added = parse_date(value), parse_date(document.data.get("added"))
    if date and added and date < added:
        yield None, f"{date.isoformat()} is before 'added' ({added.isoformat()}): a case is updated after it joins"


def check_related(value, document, slugs=None, slug="", **_):
    if not isinstance(value, list):
        yield None, f"expected a list of case slugs such as [ikea-flat-pack], found {describe(value)}"
        return
    lines = document.item_lines.get("related", [])
    for index, target in enumerate(value):
        line = _item_line(lines, index)
        if not isinstance(target, str) or not SLUG_PATTERN.match(target):
            yield line, f"{describe(target)} is not a case slug (the file name without '.md')"
        elif target == slug:
            yield line, "a case cannot be related to itself"
        elif slugs is not None and target not in slugs:
            guess = nearest(target, sorted(slugs - {slug}), cutoff=0.6)
            hint = f": did you mean '{guess}'?" if guess else ""
            yield line, f"no case 'cases/{target}.md'{hint}"
    yield from _check_distinct(value, lines)


def parse_date(value) -> dt.date | None:
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def clean_text(text: str) -> str:
    return " ".join(text.split())


def _check_text(value, length):
    low, high = length
    if not isinstance(value, str):
        yield None, f"expected text, found {describe(value)}"
        return
    text = clean_text(value)
    if not low <= len(text) <= high:
        yield None, f"expected {low} to {high} characters, found {len(text)}"


def _check_key(value, taxonomy, group, line):
    if not isinstance(value, str):
        yield line, f"expected one key of {group} in cases/taxonomy.yml, found {describe(value)}"
        return
    if taxonomy is None:
        return
    keys = taxonomy.group(group)
    if value not in keys:
        yield line, (f"'{value}' is not in {group} of cases/taxonomy.yml: did you mean "
                     f"'{nearest(value, list(keys))}'?")


def _check_keys(value, taxonomy, group, count, lines):
    low, high = count
    if not isinstance(value, list):
        example = _example(taxonomy, group)
        yield None, f"expected a list of {low} to {high} keys such as [{example}], found {describe(value)}"
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
            yield _item_line(lines, index), f"{describe(value)} is listed twice: keep one"
        seen.add(marker)


def _url_problem(url) -> str | None:
    if isinstance(url, str) and len(url) <= MAX_URL_LENGTH and _PLAIN_HTTPS_URL.match(url):
        # Nearly every source looks like this; urlsplit costs more than the rest of a case.
        return None
    return _url_problem_in_full(url)


def _url_problem_in_full(url) -> str | None:
    if not isinstance(url, str):
        return f"expected an https:// address, found {describe(url)}"
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


def nearest(word: str, options, cutoff: float = 0.0) -> str:
    """The closest option, for a 'did you mean' hint; empty when none is close enough."""
    matches = difflib.get_close_matches(word, list(options), n=1, cutoff=cutoff)
    return matches[0] if matches else ""


def _example(taxonomy, group) -> str:
    if taxonomy is None:
        return "..."
    return ", ".join(list(taxonomy.group(group))[:2])


def describe(value) -> str:
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
