"""cases.csv: the same records as cases.json, safe to open in a spreadsheet; the Data page's field table."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from under_constraint.cases.model import Case, Source
from under_constraint.cases.schema import FIELDS as SCHEMA_FIELDS
from under_constraint.cases.schema import SCHEMA
from under_constraint.site.data_export import FIELDS, field_table, render_cases_csv, render_field_table
from under_constraint.site.pages import render_cases_json

SITE_URL = "https://under-constraint.github.io/under-constraint/"
FORMULA_SIGNS = ("=", "+", "-", "@", "\t", "\r")


def make_case(slug: str, *, title: str = "", who: str = "Someone", year: int = 2000, where: str = "",
              tags=(), sources=(), related=(), origin: str = "imposed", outcome: str = "worked",
              added: str = "2026-01-01", updated: str | None = None, constraints=("compute",),
              moves=("subtract",)) -> Case:
    return Case(slug=slug, path=f"cases/{slug}.md", title=title or f"Title of {slug}", summary="A summary.",
                year=year, who=who, domain="ai", constraints=tuple(constraints), moves=tuple(moves),
                sources=tuple(Source(t, u) for t, u in sources), added=dt.date.fromisoformat(added), body="",
                where=where, origin=origin, outcome=outcome, tags=tuple(tags), related=tuple(related),
                updated=dt.date.fromisoformat(updated) if updated else None)


CASES = [
    make_case("zeta", title='Commas, "quotes" and\na line break', year=-500, where="Athens, Greece",
              tags=("ancient", "rhetoric"), constraints=("compute", "memory"), moves=("subtract", "compress"),
              sources=[("One, with a comma", "https://example.org/a?b=1&c=2"), ("Two", "https://example.org/2")],
              related=("alpha",), updated="2026-02-03", outcome="mixed"),
    make_case("alpha", who="Ünïcödé people 東京", origin="", sources=[("Only source", "https://example.org/x")]),
    make_case("mid", title="A plain title", added="2025-12-31", outcome="failed"),
]


def read_csv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def flatten(value) -> str:
    """A JSON value as its CSV cell is documented on the Data page, written here independently."""
    if isinstance(value, list):
        if value and isinstance(value[0], dict):
            return " | ".join(f"{v['title']} <{v['url']}>" for v in value)
        return "; ".join(value)
    return str(value)


def test_header_is_slug_url_then_every_schema_field_in_order():
    assert FIELDS[:2] == ("slug", "url") and FIELDS[2:] == SCHEMA_FIELDS
    assert "outcome" in FIELDS and "updated" in FIELDS
    assert read_csv(render_cases_csv(CASES, SITE_URL))[0] == list(FIELDS)


def test_rows_round_trip_to_the_values_of_cases_json_in_its_order():
    records = json.loads(render_cases_json(CASES, SITE_URL))
    rows = read_csv(render_cases_csv(CASES, SITE_URL))[1:]
    assert [row[0] for row in rows] == [record["slug"] for record in records] == ["alpha", "mid", "zeta"]
    for record, row in zip(records, rows, strict=True):
        assert dict(zip(FIELDS, row, strict=True)) == {name: flatten(record.get(name, "")) for name in FIELDS}


def test_cells_hold_lists_sources_and_dates_as_documented():
    row = dict(zip(FIELDS, read_csv(render_cases_csv(CASES, SITE_URL))[3], strict=True))
    assert row["url"] == SITE_URL + "cases/zeta/"
    assert row["constraints"] == "compute; memory" and row["tags"] == "ancient; rhetoric"
    assert row["sources"] == "One, with a comma <https://example.org/a?b=1&c=2> | Two <https://example.org/2>"
    assert (row["added"], row["updated"], row["year"]) == ("2026-01-01", "2026-02-03", "-500")
    assert row["title"] == 'Commas, "quotes" and\na line break'


def test_empty_optional_fields_are_empty_cells():
    row = dict(zip(FIELDS, read_csv(render_cases_csv(CASES, SITE_URL))[2], strict=True))
    assert (row["where"], row["tags"], row["updated"], row["related"]) == ("", "", "", "")


def test_the_file_is_rfc_4180_with_crlf_line_ends():
    text = render_cases_csv(CASES, SITE_URL)
    assert text.endswith("\r\n") and text.startswith("slug,url,title,")
    assert text.count("\r\n") == len(CASES) + 1  # the line break inside a quoted title stays a bare \n
    assert '"Commas, ""quotes"" and\na line break"' in text


def test_an_empty_collection_is_just_the_header():
    assert render_cases_csv([], SITE_URL) == ",".join(FIELDS) + "\r\n"


@pytest.mark.parametrize("sign", FORMULA_SIGNS)
def test_a_cell_that_would_run_as_a_formula_gets_an_apostrophe(sign):
    payload = f'{sign}HYPERLINK("https://evil.test","x")'
    case = make_case("evil", title=payload, who=payload, tags=(payload, "ok"), sources=[(payload, "https://e.test/")])
    row = dict(zip(FIELDS, read_csv(render_cases_csv([case], SITE_URL))[1], strict=True))
    for name in ("title", "who", "tags", "sources"):
        assert row[name].startswith("'" + sign), name
    assert row["title"] == "'" + payload


def test_harmless_text_and_negative_years_are_left_alone():
    case = make_case("calm", title="a = b + c - d @ e", year=-3000)
    row = dict(zip(FIELDS, read_csv(render_cases_csv([case], SITE_URL))[1], strict=True))
    assert (row["title"], row["year"]) == ("a = b + c - d @ e", "-3000")


@settings(max_examples=200)
@given(text=st.text(min_size=1))
def test_no_contributor_text_starts_a_cell_with_a_formula_sign(text):
    case = make_case("any", title=text, who=text, where=text, tags=(text,), sources=[(text, "https://e.test/")])
    row = dict(zip(FIELDS, read_csv(render_cases_csv([case], SITE_URL))[1], strict=True))
    for name in ("title", "who", "where", "tags", "sources"):
        assert not row[name].startswith(FORMULA_SIGNS), name
    # Only the apostrophe is added: the text itself survives.
    assert row["title"] in (text, "'" + text)


def test_the_field_table_documents_every_schema_field_with_its_hint():
    table = field_table()
    assert [name for name, _, _ in table] == list(SCHEMA_FIELDS)
    assert all(required == ("yes" if SCHEMA[name].required else "no") for name, required, _ in table)
    assert all(hint == SCHEMA[name].hint for name, _, hint in table)
    assert dict((name, required) for name, required, _ in table)["outcome"] == "yes"
    assert dict((name, required) for name, required, _ in table)["updated"] == "no"


def test_the_field_table_renders_as_markdown_with_one_row_a_field():
    lines = render_field_table().splitlines()
    assert lines[0].startswith("| field |") and len(lines) == len(SCHEMA) + 2
    assert lines[2].startswith("| `title` | yes |")
