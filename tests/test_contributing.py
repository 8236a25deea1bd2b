"""Contributor tooling: the scaffold, the JSON Schema, warnings, CI workflows."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from conftest import FIXTURES, ROOT
from test_validator_rules import EXPECTED
from under_constraint.cases import front_matter as frontmatter
from under_constraint.cases.load import load_collection
from under_constraint.tools.case_schema import SCHEMA_FILE, render_schema

SCRIPTS = ROOT / "scripts"
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def new_case(cases_dir: Path, title: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPTS / "new_case.py"), "--cases-dir", str(cases_dir), title],
                          capture_output=True, text=True, timeout=30)


def fill_placeholders(text: str) -> str:
    """What a contributor does: every TODO replaced with real values."""
    answers = iter([
        "summary: A made-up case whose only job is to show that a filled scaffold passes the validator.",
        "year: 1999", 'who: "A test team"', 'where: "A test town"', "domain: science",
        "constraints: [money, time]", "moves: [subtract]",
    ])
    lines = []
    for line in text.split("\n"):
        if re.match(r"^(summary|year|who|where|domain|constraints|moves):.*TODO", line):
            line = next(answers)
        lines.append(line)
    text = "\n".join(lines)
    for n in (1, 2):
        text = text.replace(f'title: "TODO"\n    url: https://TODO.example/{n}',
                            f'title: "Test source {n}"\n    url: https://example.org/source-{n}', 1)
    return re.sub(r"TODO: .*", "Two plain sentences of prose. Nothing else is needed here.", text)


def test_the_scaffold_once_filled_in_validates(cases_dir):
    result = new_case(cases_dir, "A test team finishes a job with half the budget")
    assert result.returncode == 0, result.stderr
    path = Path(result.stdout.strip())
    assert path == cases_dir / "a-test-team-finishes-a-job-with-half-the-budget.md"
    scaffold = path.read_text()
    unfilled = load_collection(cases_dir, [path]).problems
    assert unfilled and all(p.line > 1 for p in unfilled)
    path.write_text(fill_placeholders(scaffold))
    assert load_collection(cases_dir, [path]).errors == []  # a length warning is fair: the text is a stub


def test_the_scaffold_lists_every_field_and_the_vocabulary(cases_dir):
    path = Path(new_case(cases_dir, "A scaffold shows all of its fields").stdout.strip())
    text = path.read_text()
    from under_constraint.cases.schema import FIELDS

    for field in FIELDS:
        # `updated` has no value in a new case: it is named in a comment only.
        form = rf"^# {field}:" if field == "updated" else rf"^{field}:"
        assert re.search(form, text, flags=re.M), field
    assert "#   bandwidth: Data could not move fast enough" in text
    assert "#   go-lower: Drop down the stack" in text
    assert re.findall(r"^## .*", text, flags=re.M) == ["## The constraint", "## The response", "## The result"]


def test_the_scaffold_refuses_to_overwrite_a_case(cases_dir):
    before = (cases_dir / "other-case.md").read_text()
    result = new_case(cases_dir, "Other case")
    assert result.returncode == 1
    assert "other-case.md already exists" in result.stderr
    assert (cases_dir / "other-case.md").read_text() == before


def test_the_committed_json_schema_is_fresh():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == render_schema(ROOT / "cases"), \
        "run 'make schema' and commit schema/case.schema.json"


# Fault fixtures whose rule lives in the front matter of one file, so JSON Schema can say it too.
SCHEMA_FAULTS = [
    "unknown-field", "missing-title", "title-too-short", "summary-too-long", "year-as-text",
    "domain-not-in-taxonomy", "constraint-not-in-taxonomy", "constraints-repeated", "too-many-moves",
    "no-moves", "origin-invalid", "tag-not-a-slug", "too-many-tags", "one-source", "source-not-https",
    "source-without-title",
]


def _schema_errors(path: Path) -> list[str]:
    validator = Draft202012Validator(json.loads(SCHEMA_FILE.read_text()))
    data = frontmatter.parse(path.read_text()).data
    return [error.message for error in validator.iter_errors(data)]


@pytest.mark.parametrize("name", ["valid-case", "other-case"])
def test_schema_and_validator_accept_the_valid_fixtures(name):
    assert _schema_errors(FIXTURES / "cases" / f"{name}.md") == []


@pytest.mark.parametrize("fault", SCHEMA_FAULTS)
def test_schema_and_validator_reject_the_same_front_matter_faults(fault):
    assert fault in EXPECTED  # the validator's own test pins its message
    assert _schema_errors(FIXTURES / "faults" / f"{fault}.md") != []


def test_a_near_duplicate_title_warns_without_failing(cases_dir):
    text = (FIXTURES / "cases" / "other-case.md").read_text().replace(
        "Another test case that exists for related links", "Another test case that exists for related link")
    (cases_dir / "near-copy.md").write_text(text.replace("https://example.org/three", "https://example.org/five"))
    result = subprocess.run([sys.executable, str(SCRIPTS / "validate_cases.py"), str(cases_dir / "near-copy.md")],
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    assert lines[0].endswith(":2: warning: title is 99% like 'Another test case that exists for related links' "
                             f"({cases_dir / 'other-case.md'}): is this the same case?")


def test_reusing_another_cases_main_source_warns(cases_dir):
    text = (FIXTURES / "cases" / "other-case.md").read_text().replace(
        "Another test case that exists for related links", "A wholly different title for the same source")
    (cases_dir / "same-source.md").write_text(text.replace("https://example.org/four", "https://example.org/six"))
    problems = load_collection(cases_dir, [cases_dir / "same-source.md"]).problems
    assert [(p.line, p.message, p.warning) for p in problems] == [
        (10, f"source 1 is the main source of {cases_dir / 'other-case.md'}: is this the same case?", True)]


def test_actionlint_passes_on_the_workflows():
    actionlint = shutil.which("actionlint", path=str(Path(sys.executable).parent))
    assert actionlint, "actionlint is installed with the test dependencies"
    result = subprocess.run([actionlint, *map(str, WORKFLOWS)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout


def test_pull_request_workflows_are_read_only_and_never_pull_request_target():
    for path in WORKFLOWS:
        workflow = yaml.safe_load(path.read_text())
        triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
        assert "pull_request_target" not in triggers, path.name
        if "pull_request" in triggers:
            assert workflow["permissions"] == {"contents": "read"}, path.name
            assert all("permissions" not in job for job in workflow["jobs"].values()), path.name


def test_every_action_is_pinned_to_a_version():
    for path in WORKFLOWS:
        for action in re.findall(r"uses:\s*(\S+)", path.read_text()):
            assert re.fullmatch(r"[\w-]+/[\w-]+@v\d+(\.\d+)*|[\w-]+/[\w-]+@[0-9a-f]{40}", action), action


def test_contributing_is_published_as_the_contribute_page(built_site):
    page = (built_site / "contributing" / "index.html").read_text(encoding="utf-8")
    assert "Contribute a case" in page
    assert "edit/main/CONTRIBUTING.md" in page


def test_a_fresh_scaffold_names_each_unfinished_field_once(cases_dir):
    result = new_case(cases_dir, "A test team finishes a job with half the budget")
    path = Path(result.stdout.strip())
    problems = load_collection(cases_dir, [path]).errors
    messages = [p.message for p in problems]
    fields = [m.split(":")[0] for m in messages if "still the scaffold's TODO" in m]
    assert fields == ["summary", "year", "who", "where", "domain", "constraints", "moves", "sources"]
    # No guesses for a placeholder, and no field reported twice.
    assert not any("did you mean" in m for m in messages)
    assert len({(p.line, p.message.split(":")[0]) for p in problems}) == len(problems)


def test_every_problem_comes_in_one_pass(cases_dir):
    """A bad `related` slug, a bad field and a removed tag are all reported together."""
    text = (FIXTURES / "cases" / "valid-case.md").read_text(encoding="utf-8")
    text = text.replace("domain: ", "domain: not-a-domain-", 1)
    text = re.sub(r"(?m)^related: .*$", "related: [no-such-case]", text)
    text = text.replace("## The response\n", "## The response\n\n<iframe src=x></iframe>\n", 1)
    (cases_dir / "broken.md").write_text(text, encoding="utf-8")
    messages = [p.message for p in load_collection(cases_dir, [cases_dir / "broken.md"]).errors]
    assert any(m.startswith("domain:") for m in messages), messages
    assert any("no case 'cases/no-such-case.md'" in m for m in messages), messages
    assert any("<iframe>" in m for m in messages), messages
