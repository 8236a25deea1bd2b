"""One rule of cases/taxonomy.yml, one test: each fault fixture gives its message on its line."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from conftest import FIXTURES, ROOT
from under_constraint.cases.taxonomy import load_taxonomy

TAXONOMY_FAULTS = FIXTURES / "taxonomy"
REMOVED = "is not allowed in a case (the site removes it): use Markdown text, lists, tables and links"
EXPECTED = {
    "unknown-group": (15, "unknown group 'tools': expected one of constraints, domains, moves"),
    "missing-group": (1, "missing group 'domains': expected a mapping of keys"),
    "key-not-a-slug": (12, "key 'Compress It' in moves must be lowercase words joined by hyphens"),
    "term-not-a-mapping": (12, "moves.compress must be a mapping with label and description"),
    "unknown-term-field": (14, "moves.compress has unknown field 'colour': expected label, description, practice"),
    "missing-description": (12, "moves.compress.description must be non-empty text"),
    "duplicate-label": (13, "label 'compute' of moves.compress is also used by constraints.compute: "
                            "labels must be unique, since each is a tag"),
    "markup-removed": (6, f"<script> {REMOVED}"),
    "control-character": (5, "control character U+0007 is not allowed here: delete it and retype the text around it"),
}


def test_every_taxonomy_fault_fixture_has_an_expected_message():
    assert sorted(p.stem for p in TAXONOMY_FAULTS.glob("*.yml") if p.stem != "valid") == sorted(EXPECTED)


def test_the_valid_taxonomy_has_no_problems():
    taxonomy, problems = load_taxonomy(TAXONOMY_FAULTS / "valid.yml", "valid.yml")
    assert problems == [] and [term.key for term in taxonomy.terms()] == ["compute", "ai", "compress"]


@pytest.mark.parametrize("fault", sorted(EXPECTED))
def test_a_taxonomy_fault_is_reported_with_its_line_and_message(fault):
    taxonomy, problems = load_taxonomy(TAXONOMY_FAULTS / f"{fault}.yml", f"{fault}.yml")
    assert taxonomy is None
    assert [(p.line, p.message) for p in problems] == [EXPECTED[fault]]


def test_the_validator_command_reports_taxonomy_problems(tmp_path):
    (tmp_path / "cases").mkdir()
    shutil.copy(TAXONOMY_FAULTS / "duplicate-label.yml", tmp_path / "cases" / "taxonomy.yml")
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "validate_cases.py"), "cases"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stdout.startswith("cases/taxonomy.yml:13: label 'compute' of moves.compress is also used by")
