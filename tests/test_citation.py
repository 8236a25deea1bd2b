"""Citations of a case and of the collection: the plain text, and BibTeX that no title can break."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from under_constraint.cases.model import Case
from under_constraint.site.citation import Citation, bibtex_escape, citation, dataset_citation

SITE = "Under Constraint"
URL = "https://under-constraint.github.io/under-constraint/cases/alexnet-two-gpus/"
CASE_FIELDS = ["title", "author", "year", "howpublished", "note", "url"]
SPECIALS = set("{}\\%&$#_^~")


def make_case(slug: str = "alexnet-two-gpus", *, title: str = "AlexNet splits a network across two GPUs",
              added: str = "2026-11-29", updated: str | None = None) -> Case:
    return Case(slug=slug, path=f"cases/{slug}.md", title=title, summary="A summary.", year=2012, who="Someone",
                domain="ai", constraints=("memory",), moves=("modularize",), sources=(),
                added=dt.date.fromisoformat(added), body="",
                updated=dt.date.fromisoformat(updated) if updated else None)


def braces_balance(text: str) -> bool:
    # BibTeX counts every brace, backslash or not, so a backslash does not excuse one here.
    depth = 0
    for ch in text:
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if depth < 0:
            return False
    return depth == 0


def parse_fields(bibtex: str) -> tuple[str, list[tuple[str, str]]]:
    """The entry's key and its (name, value) pairs, reading braces as BibTeX does."""
    assert bibtex.startswith("@misc{") and bibtex.endswith("}\n")
    head, _, rest = bibtex[len("@misc{"):].partition(",\n")
    fields = []
    while not rest.startswith("}"):
        name, sep, rest = rest.partition(" = {")
        assert sep, rest
        name = name.strip()
        depth, i = 1, 0
        while depth:
            depth += {"{": 1, "}": -1}.get(rest[i], 0)
            i += 1
        fields.append((name, rest[:i - 1]))
        rest = rest[i:]
        assert rest.startswith((",\n", "\n}")), f"field {name} closes early: {rest[:40]!r}"
        rest = rest[2:] if rest.startswith(",\n") else rest[1:]
    assert rest == "}\n"
    return head, fields


def plain_of(escaped: str) -> str:
    """What is left of an escaped value once every escape sequence is taken out."""
    for sequence in sorted({bibtex_escape(ch) for ch in SPECIALS}, key=len, reverse=True):
        escaped = escaped.replace(sequence, "")
    return escaped


# --- examples -----------------------------------------------------------------------


def test_plain_text_names_the_contributors_title_dates_and_address():
    cite = citation(make_case(updated="2026-12-02"), SITE, URL)
    assert isinstance(cite, Citation)
    assert cite.text == ('Under Constraint contributors. "AlexNet splits a network across two GPUs." '
                         f"Under Constraint, added 2026-11-29, updated 2026-12-02. {URL}")


def test_bibtex_entry_has_the_expected_fields_in_order():
    key, fields = parse_fields(citation(make_case(updated="2026-12-02"), SITE, URL).bibtex)
    assert key == "underconstraint-alexnet-two-gpus"
    assert fields == [
        ("title", "AlexNet splits a network across two GPUs"),
        ("author", "{Under Constraint contributors}"),
        ("year", "2026"),
        ("howpublished", rf"\url{{{URL}}}"),
        ("note", "Added 2026-11-29; updated 2026-12-02"),
        ("url", URL),
    ]


def test_without_an_update_only_the_added_date_is_given():
    cite = citation(make_case(), SITE, URL)
    assert "updated" not in cite.text.casefold() and "updated" not in cite.bibtex.casefold()
    assert ", added 2026-11-29. " in cite.text
    assert dict(parse_fields(cite.bibtex)[1])["note"] == "Added 2026-11-29"


def test_an_access_date_is_added_to_the_text_and_as_urldate():
    cite = citation(make_case(), SITE, URL, accessed=dt.date(2027, 1, 5))
    assert cite.text.endswith(f"{URL} (accessed 2027-01-05)")
    _, fields = parse_fields(cite.bibtex)
    assert [name for name, _ in fields] == [*CASE_FIELDS, "urldate"]
    assert fields[-1] == ("urldate", "2027-01-05")


def test_a_title_that_ends_a_sentence_gets_no_second_full_stop():
    assert '"Why did it work?" Under' in citation(make_case(title="Why did it work?"), SITE, URL).text


@pytest.mark.parametrize(("title", "escaped"), [
    ("50% & $5 #1 under_score", r"50\% \& \$5 \#1 under\_score"),
    ("a^b ~c", r"a\textasciicircum{}b \textasciitilde{}c"),
    ("{x} \\y", r"\textbraceleft{}x\textbraceright{} \textbackslash{}y"),
    ("}, author = {Mallory", r"\textbraceright{}, author = \textbraceleft{}Mallory"),
    ("two\nlines\x00here", "two lines here"),
])
def test_special_characters_in_a_title_are_escaped(title, escaped):
    _, fields = parse_fields(citation(make_case(title=title), SITE, URL).bibtex)
    assert fields[0] == ("title", escaped)
    assert [name for name, _ in fields] == CASE_FIELDS


def test_an_odd_site_address_cannot_end_the_url_fields():
    _, fields = parse_fields(citation(make_case(), SITE, "https://x.test/a b}{\\/").bibtex)
    assert dict(fields)["url"] == "https://x.test/a%20b%7D%7B%5C/"


def test_the_dataset_citation_gives_version_and_release_date():
    cite = dataset_citation(SITE, "https://under-constraint.github.io/under-constraint/", "2.0.0",
                            dt.date(2026, 12, 2))
    assert cite.text == ("Under Constraint contributors. Under Constraint (version 2.0.0, released 2026-12-02) "
                         "[data set]. https://under-constraint.github.io/under-constraint/")
    key, fields = parse_fields(cite.bibtex)
    assert key == "underconstraint-data-2.0.0"
    assert dict(fields)["version"] == "2.0.0" and dict(fields)["year"] == "2026"
    assert [name for name, _ in fields] == ["title", "author", "year", "version", "howpublished", "note", "url"]


# --- properties ---------------------------------------------------------------------


@settings(max_examples=300)
@given(title=st.text())
def test_no_title_unbalances_the_entry_or_leaves_its_field(title):
    bibtex = citation(make_case(title=title), SITE, URL).bibtex
    assert braces_balance(bibtex)
    key, fields = parse_fields(bibtex)
    assert key == "underconstraint-alexnet-two-gpus"
    assert [name for name, _ in fields] == CASE_FIELDS
    value = fields[0][1]
    assert value == bibtex_escape(title)
    assert "\n" not in value
    # Every special character left is part of an escape we wrote, not the contributor's.
    assert not SPECIALS & set(plain_of(value))


@settings(max_examples=200)
@given(title=st.text(alphabet=st.sampled_from("{}\\%&$#_^~ a\n")))
def test_titles_made_only_of_special_characters_stay_inside_their_field(title):
    bibtex = citation(make_case(title=title), SITE, URL).bibtex
    assert braces_balance(bibtex)
    assert [name for name, _ in parse_fields(bibtex)[1]] == CASE_FIELDS


@given(updated=st.one_of(st.none(), st.dates(min_value=dt.date(2026, 11, 29), max_value=dt.date(2030, 1, 1))))
def test_the_updated_date_appears_exactly_when_it_is_set(updated):
    case = make_case(updated=updated.isoformat() if updated else None)
    cite = citation(case, SITE, URL)
    if updated:
        assert f"updated {updated.isoformat()}" in cite.text
        assert dict(parse_fields(cite.bibtex)[1])["note"].endswith(f"; updated {updated.isoformat()}")
    else:
        assert "updated" not in cite.text and "updated" not in cite.bibtex


@settings(max_examples=200)
@given(name=st.text(min_size=1), version=st.text())
def test_no_site_name_or_version_breaks_the_dataset_entry(name, version):
    bibtex = dataset_citation(name, "https://example.org/", version, dt.date(2026, 12, 2)).bibtex
    assert braces_balance(bibtex)
    key, fields = parse_fields(bibtex)
    assert key and not set(key) & (SPECIALS | set(" ,\n\t"))
    assert [field for field, _ in fields] == ["title", "author", "year", "version", "howpublished", "note", "url"]
