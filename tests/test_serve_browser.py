"""`make serve` as a contributor meets it: pages reload by themselves, and a broken case
shows its problems in the browser while the rest of the site keeps serving."""

from __future__ import annotations

import datetime as dt
import os
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import expect

from conftest import listening
from under_constraint.bench.serve_process import Server
from under_constraint.cases.taxonomy import load_taxonomy
from under_constraint.tools.new_case import render_scaffold

pytestmark = pytest.mark.browser

CASE = "other-case"


@pytest.fixture(scope="module")
def served(small_project: Path):
    """`mkdocs serve` on the small project, as `make serve` starts it."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with Server(small_project, small_project / "serve.log", ["--dirty"], env) as server:
        server.wait_until_served(server.base + f"cases/{CASE}/", timeout=120)
        yield server.base, small_project


@contextmanager
def policy_messages(page) -> Iterator[list[str]]:
    """Chromium's console lines about the Content-Security-Policy while the block runs."""
    found: list[str] = []
    with listening(page, console=lambda message: found.append(message.text)
                   if "Content Security Policy" in message.text else None):
        yield found


def test_an_open_case_page_shows_an_edit_by_itself(served, tab):
    base, project = served
    page = tab  # the pages come from `mkdocs serve` here, by full address
    case_file = project / "cases" / f"{CASE}.md"
    original = case_file.read_text(encoding="utf-8")
    new_title = f"A title saved at {time.time_ns()}"
    with policy_messages(page) as violations:
        page.goto(base + f"cases/{CASE}/")
        page.wait_for_load_state("load")
        # The reload script is a file the policy allows, never an inline script.
        expect(page.locator("script[data-epoch]")).to_have_count(1)
        try:
            case_file.write_text(re.sub(r"(?m)^title: .*$", f"title: {new_title}", original, count=1),
                                 encoding="utf-8")
            expect(page.locator("h1")).to_have_text(new_title, timeout=60_000)
        finally:
            case_file.write_text(original, encoding="utf-8")
    assert violations == []


def test_a_broken_case_shows_its_problems_and_the_rest_still_serves(served, tab):
    base, project = served
    page = tab
    cases = project / "cases"
    taxonomy, _ = load_taxonomy(cases / "taxonomy.yml", "cases/taxonomy.yml")
    draft = cases / "a-draft-case.md"
    page.goto(base + "cases/")
    try:
        # What a contributor has right after the scaffold: every field still TODO.
        draft.write_text(render_scaffold("A draft case", taxonomy, dt.date.today()), encoding="utf-8")
        notice = page.locator(".uc-drafts")
        expect(notice).to_contain_text("cases/a-draft-case.md", timeout=60_000)
        # The rest of the site is still there: the valid case's card and its page.
        expect(page.locator(f'.uc-gallery a[href$="{CASE}/"]')).to_have_count(1)
        page.goto(base + "cases/a-draft-case/")
        problems = page.locator(".uc-problems li")
        expect(problems.first).to_contain_text("a-draft-case.md:")
        text = " ".join(problems.all_inner_texts())
        # One message per unfinished field, each once.
        assert text.count("summary: still the scaffold's TODO") == 1
        assert page.request.get(base + "assets/site.css").status == 200
    finally:
        draft.unlink(missing_ok=True)
    # The draft page goes away with the file.
    expect(page.locator("h1")).not_to_contain_text("Problems in", timeout=60_000)
