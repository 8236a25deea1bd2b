"""Property-based tests: the validator never breaks on any file, and accepts every valid one.

That contributor text stays data on the built site is test_built_hostile_site's property.
"""

from __future__ import annotations

import contextlib
import io
import re
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, ROOT
from hostile_cases import VALID, case_data, case_file
from under_constraint.cases.rules import fields as cases
from under_constraint.tools import validate as validate_cases

LINE = re.compile(r"^cases/[^:]+\.md:\d+: ")
PER_FILE = settings(max_examples=60, deadline=2000, suppress_health_check=[HealthCheck.function_scoped_fixture])



def run_validator(folder: Path, *names: str) -> tuple[int, list[str]]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = validate_cases.main([str(folder / name) for name in names])
    return code, out.getvalue().splitlines()


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> Path:
    (tmp_path / "cases").mkdir()
    shutil.copy(ROOT / "cases" / "taxonomy.yml", tmp_path / "cases")
    shutil.copy(FIXTURES / "cases" / "other-case.md", tmp_path / "cases")
    monkeypatch.chdir(tmp_path)
    return Path("cases").parent


def assert_well_formed(code: int, lines: list[str]) -> None:
    assert code in (0, 1)
    assert all(LINE.match(line) for line in lines), lines
    assert (code == 1) == any(": warning: " not in line for line in lines)


@PER_FILE
@given(content=st.binary(max_size=3000))
def test_random_bytes_never_crash_the_validator(project, content):
    (project / "cases" / "fuzz.md").write_bytes(content)
    assert_well_formed(*run_validator(project / "cases", "fuzz.md"))


yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=20,
)


@PER_FILE
@given(document=yaml_values, body=st.text(max_size=400))
def test_random_yaml_documents_never_crash_the_validator(project, document, body):
    text = "---\n" + yaml.safe_dump(document, allow_unicode=True) + "---\n" + body
    (project / "cases" / "fuzz.md").write_text(text, encoding="utf-8")
    assert_well_formed(*run_validator(project / "cases", "fuzz.md"))


FIELDS = ["title", "summary", "year", "who", "where", "domain", "constraints", "moves", "origin", "outcome",
          "tags", "sources", "added", "updated", "related"]
mutation = st.one_of(
    st.tuples(st.just("remove"), st.sampled_from(FIELDS), st.none()),
    st.tuples(st.just("retype"), st.sampled_from(FIELDS), yaml_values),
    st.tuples(st.just("duplicate"), st.sampled_from(FIELDS), st.none()),
    st.tuples(st.just("truncate"), st.integers(0, len(VALID)), st.none()),
)


def mutate(text: str, kind: str, target, value) -> str:
    if kind == "truncate":
        return text[:target]
    parts = text.split("---\n", 2)
    try:
        data = yaml.safe_load(parts[1]) if len(parts) == 3 else None
    except yaml.YAMLError:
        data = None
    if not isinstance(data, dict):
        return text  # an earlier mutation already broke the front matter
    body = parts[2]
    lines = yaml.safe_dump(data, allow_unicode=True, sort_keys=False).splitlines()
    if kind == "remove":
        data.pop(target, None)
        return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\n" + body
    if kind == "retype":
        data[target] = value
        return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\n" + body
    copied = [line for line in lines if line.startswith(f"{target}:")]
    return "---\n" + "\n".join(lines + copied) + "\n---\n" + body


@PER_FILE
@given(mutations=st.lists(mutation, min_size=1, max_size=3))
def test_mutated_cases_never_crash_the_validator(project, mutations):
    text = VALID
    for kind, target, value in mutations:
        text = mutate(text, kind, target, value)
    (project / "cases" / "valid-case.md").write_text(text, encoding="utf-8")
    assert_well_formed(*run_validator(project / "cases", "valid-case.md"))


@PER_FILE
@given(data=case_data)
def test_every_valid_case_is_accepted(project, data):
    (project / "cases" / "generated-case.md").write_text(case_file(data), encoding="utf-8")
    code, lines = run_validator(project / "cases", "generated-case.md")
    # Editorial warnings (a hype word drawn at random) are fair; no error is.
    assert code == 0 and all(": warning: " in line for line in lines), lines


PLAIN_URLS = st.from_regex(cases._PLAIN_HTTPS_URL, fullmatch=True)
# Plain addresses with a little text slipped in anywhere: the edges where a shortcut goes wrong.
NEAR_PLAIN_URLS = st.builds(lambda url, at, extra: url[:at % (len(url) + 1)] + extra + url[at % (len(url) + 1):],
                            PLAIN_URLS, st.integers(min_value=0), st.text(max_size=3))


@settings(max_examples=300)
@given(url=st.one_of(PLAIN_URLS, NEAR_PLAIN_URLS))
def test_the_quick_url_check_accepts_nothing_the_full_check_refuses(url):
    if cases._url_problem(url) is None:
        assert cases._url_problem_in_full(url) is None
