"""A renamed case keeps its old address working: cases/renamed.yml, checked, and a redirect page."""

from __future__ import annotations

import pytest

from conftest import mkdocs_build
from under_constraint.cases.load import load_collection


def renamed_problems(cases_dir, text: str) -> list[tuple[int, str]]:
    (cases_dir / "renamed.yml").write_text(text, encoding="utf-8")
    collection = load_collection(cases_dir)
    return [(p.line, p.message) for p in collection.errors if p.path.endswith("renamed.yml")]


def test_an_old_slug_pointing_at_a_case_is_accepted(cases_dir):
    (cases_dir / "renamed.yml").write_text("# why: a shorter name\nold-case-name: other-case\n", encoding="utf-8")
    collection = load_collection(cases_dir)
    assert collection.errors == [] and collection.renamed == {"old-case-name": "other-case"}


@pytest.mark.parametrize(("text", "expected"), [
    ("gone: no-such-case\n", (1, "'gone' points to 'no-such-case', which is not a case in cases/")),
    ("other-case: other-case\n", (1, "'other-case' is still a case (cases/other-case.md): "
                                    "an old name cannot also be a current one")),
    ("x: other-case\nNot A Slug: other-case\n", (2, "'Not A Slug' is not a slug: write the old file name "
                                                   "without '.md'")),
    ("a: &x other-case\nb: *x\n", (1, "YAML anchors and aliases (& and *) are not allowed in a case")),
])
def test_a_bad_rename_is_reported_on_its_line(cases_dir, text, expected):
    assert renamed_problems(cases_dir, text) == [expected]


@pytest.mark.build
def test_the_old_address_redirects_to_the_case_without_a_script(small_project):
    renamed = small_project / "cases" / "renamed.yml"
    renamed.write_text("an-old-name: other-case\n", encoding="utf-8")
    try:
        result = mkdocs_build(small_project, small_project / "site")
        assert result.returncode == 0, result.stderr[-2000:]
        page = (small_project / "site" / "cases" / "an-old-name" / "index.html").read_text(encoding="utf-8")
    finally:
        renamed.unlink()
    assert 'http-equiv="refresh" content="0; url=https://' in page and "/cases/other-case/" in page
    assert "<script" not in page
