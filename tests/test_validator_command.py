"""The validator command as contributors and CI run it: output, exit codes, hostile input."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT

COMMAND = [sys.executable, str(ROOT / "scripts" / "validate_cases.py")]
BOMB = "---\na: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
    for i in range(9)
) + "---\n"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([*COMMAND, *args], cwd=cwd, capture_output=True, text=True, timeout=30)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "cases").mkdir()
    shutil.copy(ROOT / "cases" / "taxonomy.yml", tmp_path / "cases")
    for valid in (FIXTURES / "cases").glob("*.md"):
        shutil.copy(valid, tmp_path / "cases")
    return tmp_path


def test_valid_cases_exit_zero_and_print_no_problem(project):
    result = run("cases", cwd=project)
    assert (result.returncode, result.stdout) == (0, "")
    assert "2 case(s) valid." in result.stderr


def test_a_problem_prints_path_line_message_and_exits_one(project):
    shutil.copy(FIXTURES / "faults" / "year-in-future.md", project / "cases")
    result = run("cases/year-in-future.md", cwd=project)
    assert result.returncode == 1
    assert result.stdout.startswith("cases/year-in-future.md:4: year: 3024 is in the future: ")
    assert len(result.stdout.splitlines()) == 1


def test_github_format_prints_error_annotations(project):
    shutil.copy(FIXTURES / "faults" / "origin-invalid.md", project / "cases")
    result = run("--format", "github", "cases/origin-invalid.md", cwd=project)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "::error file=cases/origin-invalid.md,line=10::origin: expected 'imposed' or 'chosen', found 'forced'"
    ]


@pytest.mark.parametrize("args", [["--format", "xml"], ["--no-such-option"], ["cases/missing.md"]])
def test_a_usage_error_exits_two(project, args):
    result = run(*args, cwd=project)
    assert result.returncode == 2
    assert result.stderr.strip()


def test_no_paths_checks_the_projects_own_cases():
    result = subprocess.run(COMMAND, capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert result.returncode == 0, result.stdout
    assert "case(s) valid." in result.stderr


HOSTILE = {
    "empty": (b"", 1, "file is empty: expected front matter between '---' lines, then the case"),
    "blank": (b"  \n\n", 1, "file is empty: expected front matter between '---' lines, then the case"),
    "binary": (bytes(range(256)) * 4, 1, "file is binary, not text: save it as UTF-8 text"),
    "not-utf8": (b"---\ntitle: caf\xe9\n---\n", 2, "file is not valid UTF-8 (byte 14): save it as UTF-8"),
    "alias-bomb": (BOMB.encode(), 2, "YAML anchors and aliases (& and *) are not allowed in a case"),
    "huge": (b"---\ntitle: x\n---\n" + b"word " * 60_000, 1,
             "file is 300,017 bytes; a case is at most 32,000 bytes"),
    "huge-front-matter": (b"---\n" + b"x: 1\n" * 5_000 + b"---\n", 2,
                          "front matter is 24,999 characters long; expected at most 20,000"),
    "deep-nesting": (b"---\na: " + b"[" * 5_000 + b"]" * 5_000 + b"\n---\n", 2,
                     "front matter is not valid YAML: exceeded maximum nesting depth"),
    "merge-key": (b"---\nbase: {a: 1}\nother:\n  <<: {b: 2}\n---\n", 4,
                  "YAML merge keys (<<) are not allowed in a case"),
    "tab-indented": (b"---\ntitle: x\n\tsummary: y\n---\n", 3,
                     "front matter is not valid YAML: found a tab character that violates indentation"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_input_gets_a_clear_message_and_exit_one(project, name):
    content, line, message = HOSTILE[name]
    (project / "cases" / f"{name}.md").write_bytes(content)
    result = run(f"cases/{name}.md", cwd=project)
    assert (result.returncode, result.stdout) == (1, f"cases/{name}.md:{line}: {message}\n")
    assert "Traceback" not in result.stderr
