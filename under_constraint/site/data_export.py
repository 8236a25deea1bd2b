"""The collection as a spreadsheet (cases.csv) and the field table the Data page documents.

cases.csv holds the same records, in the same order, as cases.json: each row is made
from the JSON record itself, so the two files cannot drift apart.
"""

from __future__ import annotations

import csv
import io
import json

from under_constraint.cases.model import Case
from under_constraint.cases.schema import SCHEMA
from under_constraint.site import urls
from under_constraint.site.pages import render_cases_json

FIELDS = ("slug", "url", *SCHEMA)
# The data set's version, as CITATION.cff gives it; its date is the newest case's.
DATASET_VERSION = "2.0.0"

LIST_SEPARATOR = "; "
SOURCE_SEPARATOR = " | "

# A spreadsheet runs a cell that starts with one of these as a formula, and contributor
# text must never run (OWASP "CSV injection"). Full-width forms are included because
# some spreadsheets in East Asian locales read them as the ASCII signs.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def render_cases_csv(cases: list[Case], site_url: str) -> str:
    """cases.csv: RFC 4180 (CRLF line ends, quoted only where needed), one case a row.

    Write the result with `newline=""` so the CRLFs reach the file unchanged.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(FIELDS)
    for record in json.loads(render_cases_json(cases, site_url)):
        writer.writerow([_cell(record.get(name, "")) for name in FIELDS])
    return out.getvalue()


def data_files(cases: list[Case], site_url: str) -> dict[str, str]:
    """The collection as downloadable data, by file name in the site."""
    return {urls.CASES_JSON: render_cases_json(cases, site_url), urls.CASES_CSV: render_cases_csv(cases, site_url)}


def dataset_version(cases: list[Case]) -> str:
    """'2.0.0, released 2026-12-02': the date of the newest addition or update, not the build's."""
    dates = [date for case in cases for date in (case.added, case.updated) if date]
    released = max(dates).isoformat() if dates else "unreleased"
    return f"{DATASET_VERSION}, released {released}"


def field_table() -> list[tuple[str, str, str]]:
    """Every front-matter field as (field, required 'yes' or 'no', hint), in schema order."""
    return [(name, "yes" if spec.required else "no", spec.hint) for name, spec in SCHEMA.items()]


def render_field_table() -> str:
    """field_table() as a Markdown table, for the Data page's `{{ data_fields }}`."""
    rows = ["| field | required | what it holds |", "| --- | --- | --- |"]
    rows += [f"| `{name}` | {required} | {_md_cell(hint)} |" for name, required, hint in field_table()]
    return "\n".join(rows)


def _cell(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        # Numbers are ours, never contributor text: a negative year stays '-500'.
        return str(value)
    if isinstance(value, list):
        if all(isinstance(item, dict) for item in value):
            value = SOURCE_SEPARATOR.join(f"{item['title']} <{item['url']}>" for item in value)
        else:
            value = LIST_SEPARATOR.join(str(item) for item in value)
    return neutralise_formula(str(value))


def neutralise_formula(text: str) -> str:
    """The text with a leading apostrophe when a spreadsheet would run it as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _md_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")
