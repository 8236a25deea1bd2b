"""The MkDocs adapter: edit links from anywhere, Python edits under serve, plain pages without hooks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import make_small_project, real_collection
from html_probe import find_all, read_html
from under_constraint.tools.make_pages import write_project

pytestmark = pytest.mark.build
CASES = real_collection().cases
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def test_edit_links_are_right_when_building_from_another_directory(tmp_path):
    project = make_small_project(tmp_path / "project")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"),
                             "--site-dir", str(tmp_path / "site")], cwd=elsewhere, capture_output=True, text=True,
                            env=ENV, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    slug = "other-case"  # the small project's one case
    elements = read_html(tmp_path / "site" / "cases" / slug / "index.html")
    edit = [a.attrs["href"] for a in find_all(elements, "a") if "/edit/" in a.attrs.get("href", "")]
    assert edit == [f"https://github.com/under-constraint/under-constraint/edit/main/cases/{slug}.md"]


# Two builds in one process, as `mkdocs serve` makes them, with a module edited between.
TWO_BUILDS = """
import sys
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config

project = Path(sys.argv[1])
build(load_config(str(project / "mkdocs.yml"), site_dir=str(project / "first")))
pages = project / "under_constraint" / "site" / "pages.py"
pages.write_text(pages.read_text(encoding="utf-8").replace('("Constraints",', '("Limits, reloaded",', 1),
                 encoding="utf-8")
build(load_config(str(project / "mkdocs.yml"), site_dir=str(project / "second")))
"""


def test_an_edit_to_a_python_module_reaches_the_next_build_in_the_same_process(tmp_path):
    project = make_small_project(tmp_path / "project")
    # The copy's package comes first on the path, so the copy is what gets edited and reloaded.
    env = {**ENV, "PYTHONPATH": str(project), "PYTHONDONTWRITEBYTECODE": "1"}
    result = subprocess.run([sys.executable, "-c", TWO_BUILDS, str(project)], capture_output=True, text=True,
                            env=env, cwd=tmp_path, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    first = (project / "first" / "constraints" / "index.html").read_text(encoding="utf-8")
    second = (project / "second" / "constraints" / "index.html").read_text(encoding="utf-8")
    assert "Limits, reloaded" not in first
    assert "<title>Limits, reloaded - Under Constraint</title>" in second


def test_the_plain_pages_build_without_hooks_and_hold_every_case(tmp_path):
    count = write_project(tmp_path / "pages")
    config = (tmp_path / "pages" / "mkdocs.yml").read_text(encoding="utf-8")
    assert "hooks" not in config and "custom_dir" not in config
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
                            cwd=tmp_path / "pages", capture_output=True, text=True, env=ENV, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    assert count == len(CASES)
    for case in CASES:
        page = read_html(tmp_path / "site" / "cases" / case.slug / "index.html")
        assert any(case.title in element.text for element in find_all(page, "h1")), case.slug
        assert find_all(page, "a", href=case.sources[0].url), case.slug


def test_generated_plain_data_holds_no_contributor_markdown(tmp_path):
    write_project(tmp_path / "pages")
    case = CASES[0]
    text = (tmp_path / "pages" / "docs" / "cases" / f"{case.slug}.md").read_text(encoding="utf-8")
    assert case.html in text  # the sanitized body, as the site publishes it
    assert "\n## The constraint\n" not in text


def test_page_kinds_are_dispatched_by_table():
    from under_constraint.mkdocs_adapter.state import PAGE_CONTEXT, BuildState

    state = BuildState(Path("."), real_collection(), frozenset())
    assert set(PAGE_CONTEXT) == {"case", "essay", "gallery", "term", "group", "draft"}
    assert state.page_kind("index.md", {}) == "essay"
    assert state.page_kind("cases/index.md", {}) == "gallery"
    assert state.page_kind("cases/x.md", {"case": "x"}) == "case"
    assert state.page_kind("moves/compress.md", {"term": "moves/compress"}) == "term"
    assert state.page_kind("contributing.md", {}) is None
