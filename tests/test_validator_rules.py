"""One rule, one test: each fault fixture gives exactly its message, on its line."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT
from under_constraint.cases.load import load_collection
from under_constraint.cases.schema import FIELDS

TODAY = dt.date(2026, 11, 29)
FAULTS = FIXTURES / "faults"
REMOVED = "is not allowed in a case (the site removes it): use Markdown text, lists, tables and links"
NOT_A_TARGET = "is not allowed: link to an https:// page, or to a page of this site such as '../ikea-flat-pack/'"
HEADINGS = "(the body starts with '## The constraint', '## The response', '## The result')"

EXPECTED = {
    "unknown-field": (11, "unknown field 'constraint': did you mean 'constraints'? Fields are: "
                      + ", ".join(FIELDS)),
    "missing-title": (1, "missing required field 'title'"),
    "title-too-short": (2, "title: expected 5 to 90 characters, found 3"),
    "summary-too-long": (3, "summary: expected 40 to 240 characters, found 393"),
    "summary-with-html": (3, "summary: must be plain text: remove the HTML"),
    "year-as-text": (4, "year: expected a whole number such as 1970 (negative for BCE), found '2024'"),
    "year-in-future": (4, "year: 3024 is in the future: the year the response happened, at most 2026"),
    "domain-not-in-taxonomy": (7, "domain: 'a-i' is not in domains of cases/taxonomy.yml: did you mean 'ai'?"),
    "constraint-not-in-taxonomy": (8, "constraints: 'mony' is not in constraints of cases/taxonomy.yml: "
                                   "did you mean 'money'?"),
    "constraints-repeated": (8, "constraints: 'compute' is listed twice: keep one"),
    "too-many-moves": (9, "moves: expected 1 to 3 keys, found 4"),
    "no-moves": (9, "moves: expected 1 to 3 keys, found 0"),
    "origin-invalid": (10, "origin: expected 'imposed' or 'chosen', found 'forced'"),
    "tag-not-a-slug": (11, "tags: tag 'Big GPU' must be lowercase words joined by hyphens, such as 'open-weights'"),
    "too-many-tags": (11, "tags: at most 8 tags, found 9"),
    "one-source": (12, "sources: at least 2 sources a reader can check, found 1"),
    "source-not-https": (15, "sources: source 2 url: expected an address starting with https://, "
                         "found 'http://example.org/two'"),
    "source-repeated": (15, "sources: source 2 url repeats source 1: list each source once"),
    "source-without-title": (15, "sources: source 2 title: expected text, found nothing"),
    "added-not-a-date": (17, "added: expected a real date as YYYY-MM-DD, such as 2026-11-29; found '2026-02-30'"),
    "added-in-future": (17, "added: 2099-01-15 is in the future: use the date the case joined, at most 2026-11-29"),
    "related-missing": (18, "related: no case 'cases/no-such-case.md': did you mean 'other-case'?"),
    "related-to-itself": (18, "related: a case cannot be related to itself"),
    "duplicate-key": (7, "duplicate key 'where' (first on line 6): keep one"),
    "yaml-alias": (6, "YAML anchors and aliases (& and *) are not allowed in a case"),
    "invalid-yaml": (10, "front matter is not valid YAML: did not find expected ',' or ']'"),
    "front-matter-a-list": (2, "front matter must be a mapping of fields (title: ..., year: ...), not a list"),
    "front-matter-a-string": (2, "front matter must be a mapping of fields (title: ..., year: ...), "
                              "not a single value"),
    "unclosed-front-matter": (1, "front matter is not closed: add a line '---' after the last field"),
    "no-front-matter": (1, "expected front matter: the file must start with a line '---'"),
    "headings-out-of-order": (26, f"expected heading '## The response' here {HEADINGS}; found '## The result'"),
    "missing-heading": (26, f"expected heading '## The response' here {HEADINGS}; found '## The result'"),
    "top-level-heading": (22, "the body may not have a '# ' heading: the title comes from front matter; "
                          "use '## ' for sections"),
    "script-in-body": (34, f"<script> {REMOVED}"),
    "iframe-in-body": (34, f"<iframe> {REMOVED}"),
    "event-handler-in-body": (32, f"<img> {REMOVED}"),
    "attribute-list-handler": (32, 'attribute onclick="alert(1)" on <a> is not allowed in a case '
                               '(the site removes it)'),
    "javascript-link-in-body": (32, f"link target 'javascript:alert(1)' {NOT_A_TARGET}"),
    "encoded-javascript-link": (32, f"link target 'javascript:alert(1)' {NOT_A_TARGET}"),
    "body-too-short": (21, "the body has 36 words; a case is 300 to 900 words"),
    "hype-word": (2, "'revolutionary' praises instead of showing: say what happened"),
    "wikipedia-not-canonical": (15, "source 2: link Wikipedia as https://en.wikipedia.org/wiki/Article, found "
                                "'https://en.m.wikipedia.org/wiki/Graphics_processing_unit'"),
    "data-link-in-body": (32, f"link target 'data:text/html;base64,PHNjcmlwdD4=' {NOT_A_TARGET}"),
}


@pytest.fixture
def case_dir(tmp_path: Path) -> Path:
    """A cases folder with the real taxonomy and two valid fixture cases."""
    folder = tmp_path / "cases"
    folder.mkdir()
    shutil.copy(ROOT / "cases" / "taxonomy.yml", folder)
    for valid in (FIXTURES / "cases").glob("*.md"):
        shutil.copy(valid, folder)
    return folder


def problems_for(folder: Path, name: str, text: str | bytes | None = None) -> list[tuple[int, str]]:
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    elif text is not None:
        path.write_text(text, encoding="utf-8")
    collection = load_collection(folder, [path], today=TODAY)
    return [(p.line, p.message) for p in collection.problems]


def test_every_fault_fixture_has_an_expected_message():
    assert sorted(p.stem for p in FAULTS.glob("*.md")) == sorted(EXPECTED)


def test_the_valid_fixtures_have_no_problems(case_dir):
    collection = load_collection(case_dir, today=TODAY)
    assert collection.problems == []
    assert sorted(case.slug for case in collection.cases) == ["other-case", "valid-case"]


@pytest.mark.parametrize("fault", sorted(EXPECTED))
def test_a_fault_is_reported_with_its_line_and_message(case_dir, fault):
    (case_dir / "valid-case.md").unlink()  # each fault is a copy of it, title and all
    shutil.copy(FAULTS / f"{fault}.md", case_dir / f"{fault}.md")
    assert problems_for(case_dir, f"{fault}.md") == [EXPECTED[fault]]


def test_a_title_used_by_another_case_is_reported(case_dir):
    text = (FIXTURES / "cases" / "other-case.md").read_text()
    other = _shown(case_dir / "other-case.md")
    assert problems_for(case_dir, "copy-of-other.md", text) == [
        (2, f"title: 'Another test case that exists for related links' is also the title of {other}: "
            "titles must be unique"),
        (10, f"source 1 is the main source of {other}: is this the same case?"),
    ]


def test_a_file_name_that_is_not_a_slug_is_reported(case_dir):
    text = (FIXTURES / "cases" / "other-case.md").read_text().replace("exists for related", "is misnamed")
    assert problems_for(case_dir, "My Case.md", text) == [
        (1, "file name 'My Case.md' must be a slug: lowercase ASCII words joined by hyphens, such as 'my-case.md'"),
    ]


def test_a_case_file_must_be_markdown(case_dir):
    assert problems_for(case_dir, "notes.txt", "hello") == [
        (1, "a case file must end in '.md' (found 'notes.txt'); start the name with '_' if it is not a case"),
    ]


def test_files_starting_with_an_underscore_are_not_cases(case_dir):
    (case_dir / "_draft.md").write_text("anything at all")
    assert load_collection(case_dir, today=TODAY).problems == []


def test_the_gallery_slug_is_reserved(case_dir):
    text = (FIXTURES / "cases" / "other-case.md").read_text().replace("exists for related", "is named index")
    assert problems_for(case_dir, "index.md", text) == [
        (1, "'index' is reserved for the gallery page: choose another file name"),
    ]


def test_dates_a_day_ahead_are_allowed_for_contributors_east_of_utc(case_dir):
    text = (FAULTS.parent / "cases" / "valid-case.md").read_text().replace("2026-01-15", "2026-11-30")
    assert problems_for(case_dir, "valid-case.md", text) == []


def test_a_problem_in_another_file_is_not_reported_when_checking_one_file(case_dir):
    shutil.copy(FAULTS / "missing-title.md", case_dir / "missing-title.md")
    assert load_collection(case_dir, [case_dir / "valid-case.md"], today=TODAY).problems == []


def _shown(path: Path) -> str:
    from under_constraint.cases.load import display_path

    return display_path(path)


def test_a_folder_inside_cases_is_reported_rather_than_skipped(case_dir):
    (case_dir / "drafts").mkdir()
    (case_dir / "drafts" / "hidden-case.md").write_text("anything")
    (case_dir / "_archive").mkdir()
    problems = [(p.path, p.line, p.message) for p in load_collection(case_dir, today=TODAY).problems]
    assert problems == [(_shown(case_dir / "drafts"), 1,
                         f"'drafts/' is a folder: cases live directly in {_shown(case_dir)}/; "
                         "move its files up, or rename it '_drafts' to keep it out")]


def test_headings_inside_code_blocks_are_not_headings(case_dir):
    text = (FIXTURES / "cases" / "valid-case.md").read_text()
    fenced = "\n```\n# a shell comment\n## The result\n```\n\n~~~\n# another\n~~~\n"
    text = text.replace("The lab had one small GPU and no budget for more.\n",
                        "The lab had one small GPU and no budget for more.\n" + fenced)
    assert problems_for(case_dir, "valid-case.md", text) == []
    heading_line = text.count("\n") + 2
    assert problems_for(case_dir, "valid-case.md", text + "\n# A stray title\n") == [
        (heading_line, "the body may not have a '# ' heading: the title comes from front matter; "
                       "use '## ' for sections"),
    ]
