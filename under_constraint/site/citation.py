"""How to cite a case, or the whole collection: one plain-text line and one BibTeX entry.

Titles are contributor text and end up inside a BibTeX field, so everything that comes
from a case or the configuration is escaped here; the templates only HTML-escape.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from under_constraint.cases.model import Case


@dataclass(frozen=True)
class Citation:
    text: str
    bibtex: str


# BibTeX counts every brace when it looks for the end of a field, escaped or not, so
# `\{` would still unbalance a title: braces and backslashes become commands whose own
# braces are always paired. The rest keep LaTeX from reading them as markup.
_BIBTEX_ESCAPES = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "%": r"\%",
    "&": r"\&",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
}
_BIBTEX_SPECIAL = re.compile("[" + re.escape("".join(_BIBTEX_ESCAPES)) + "]")

# Characters that would end a braced field or split the entry, written as URLs write them.
_URL_UNSAFE = re.compile(r"[\s{}\\]")


def bibtex_escape(text: str) -> str:
    """Text safe inside a braced BibTeX field, whatever it holds."""
    return _BIBTEX_SPECIAL.sub(lambda m: _BIBTEX_ESCAPES[m.group()], _one_line(text))


def citation(case: Case, site_name: str, page_url: str, accessed: dt.date | None = None) -> Citation:
    """The citation of one case page, as the case's 'Cite this case' section shows it."""
    title = _one_line(case.title)
    author = f"{_one_line(site_name)} contributors"
    dates = f"added {case.added.isoformat()}"
    if case.updated:
        dates += f", updated {case.updated.isoformat()}"
    text = f'{author}. "{_end_sentence(title)}" {_one_line(site_name)}, {dates}. {page_url}'
    if accessed:
        text += f" (accessed {accessed.isoformat()})"

    fields = [
        ("title", bibtex_escape(title)),
        ("author", "{" + bibtex_escape(author) + "}"),
        ("year", str(case.added.year)),
        ("howpublished", _bibtex_url(page_url, command=True)),
        ("note", bibtex_escape(dates[0].upper() + dates[1:].replace(", updated", "; updated"))),
        ("url", _bibtex_url(page_url)),
    ]
    if accessed:
        fields.append(("urldate", accessed.isoformat()))
    return Citation(text, _entry(f"{_key_prefix(site_name)}-{case.slug}", fields))


def dataset_citation(site_name: str, site_url: str, version: str, date: dt.date) -> Citation:
    """The citation of the collection as data (cases.json, cases.csv) at one release."""
    name = _one_line(site_name)
    author = f"{name} contributors"
    version = _one_line(version)
    text = f"{author}. {name} (version {version}, released {date.isoformat()}) [data set]. {site_url}"
    fields = [
        ("title", bibtex_escape(name)),
        ("author", "{" + bibtex_escape(author) + "}"),
        ("year", str(date.year)),
        ("version", bibtex_escape(version)),
        ("howpublished", _bibtex_url(site_url, command=True)),
        ("note", bibtex_escape(f"Data set, released {date.isoformat()}. CC BY 4.0")),
        ("url", _bibtex_url(site_url)),
    ]
    key_version = re.sub(r"[^0-9A-Za-z.]+", "-", version).strip("-")
    key = f"{_key_prefix(site_name)}-data" + (f"-{key_version}" if key_version else "")
    return Citation(text, _entry(key, fields))


def _entry(key: str, fields: list[tuple[str, str]]) -> str:
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{key},\n{body}\n}}\n"


def _bibtex_url(url: str, *, command: bool = False) -> str:
    # Site URLs come from the configuration, not a contributor, but a stray brace or
    # space must still not end the field: such characters are percent-encoded.
    safe = _URL_UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode()), _one_line(url))
    return rf"\url{{{safe}}}" if command else safe


def _key_prefix(site_name: str) -> str:
    # Citation keys allow no spaces or braces; 'Under Constraint' gives 'underconstraint'.
    return re.sub(r"[^0-9a-z]", "", site_name.casefold()) or "case"


def _one_line(text: str) -> str:
    # A citation is one line: a newline or control character in a title would split the
    # plain text and, in LaTeX, a blank line inside a field ends the paragraph mid-title.
    cleaned = "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in text)
    return " ".join(cleaned.split())


def _end_sentence(title: str) -> str:
    # 'Why did it work?.' reads badly: a title that already ends a sentence keeps its mark.
    return title if title.endswith((".", "?", "!", "…")) else title + "."
