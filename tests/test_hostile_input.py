"""What a hostile contributor can put in cases/, and what each now gets: one class, one test."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, make_small_project, mkdocs_build
from under_constraint.cases import contributor_html
from under_constraint.cases.load import load_collection

TODAY = dt.date(2026, 11, 29)
VALID = (FIXTURES / "cases" / "valid-case.md").read_text(encoding="utf-8")
COMMAND = [sys.executable, str(ROOT / "scripts" / "validate_cases.py")]
# The valid fixture's body starts on line 20; its last paragraph is on line 31.
LAST_LINE = "The model trained in a month.\n"


def problems(folder: Path, name: str, text: str) -> list[tuple[int, str]]:
    (folder / name).write_text(text, encoding="utf-8")
    return [(p.line, p.message) for p in load_collection(folder, [folder / name], today=TODAY).problems]


def with_body_line(extra: str) -> str:
    assert LAST_LINE in VALID
    return VALID.replace(LAST_LINE, LAST_LINE + "\n" + extra + "\n")


def run(*args: str, cwd: Path, timeout: float = 20) -> subprocess.CompletedProcess:
    return subprocess.run([*COMMAND, *args], cwd=cwd, capture_output=True, text=True, timeout=timeout)


# --- characters -------------------------------------------------------------------------


def test_a_control_character_inside_a_tag_name_refuses_the_file(cases_dir):
    found = problems(cases_dir, "hidden-script.md", with_body_line("<scr\x02ipt>alert(1)</script>"))
    assert found == [(34, "control character U+0002 is not allowed here: delete it and retype the text around it")]


@pytest.mark.parametrize("char", ["\x7f", "\x85", "\x9b", "\r", "\x0b"])
def test_c0_and_c1_controls_are_refused_anywhere(cases_dir, char):
    found = problems(cases_dir, "control.md", VALID.replace("title: A test lab", f"title: A{char} test lab"))
    assert found == [(2, f"control character U+{ord(char):04X} is not allowed here: "
                         "delete it and retype the text around it")]


@pytest.mark.parametrize("char", ["\u202e", "\u2066", "\u200b", "\u200d", "\ufeff"])
def test_bidirectional_and_zero_width_characters_are_refused_in_front_matter(cases_dir, char):
    found = problems(cases_dir, "invisible.md", VALID.replace("title: A test lab", f"title: A{char} test lab"))
    assert found == [(2, f"invisible formatting character U+{ord(char):04X} is not allowed here: "
                         "delete it and retype the text around it")]


def test_a_zero_width_joiner_in_the_body_is_text(cases_dir):
    assert problems(cases_dir, "emoji.md", with_body_line("A family: 👩\u200d👧.")) == []


def test_near_duplicate_titles_are_compared_after_normalisation(cases_dir):
    other = (cases_dir / "other-case.md").read_text(encoding="utf-8")
    title = "Another test case that exists for related links"
    # Full-width letters, other punctuation and case: the same title to a reader.
    disguised = "ＡＮＯＴＨＥＲ test case—that exists for related links!"
    text = other.replace(title, disguised).replace("https://example.org/other", "https://example.org/x")
    (cases_dir / "disguised.md").write_text(text, encoding="utf-8")
    found = load_collection(cases_dir, [cases_dir / "disguised.md"], today=TODAY).problems
    assert not [p for p in found if not p.warning]
    assert [p.line for p in found if p.message.startswith(f"title is 100% like '{title}' (")] == [2]


# --- sanitizer, as the validator reports it --------------------------------------------

REMOVED = "is not allowed in a case (the site removes it): use Markdown text, lists, tables and links"
NOT_A_TARGET = "is not allowed: link to an https:// page, or to a page of this site such as '../ikea-flat-pack/'"


@pytest.mark.parametrize(("extra", "message"), [
    ('<meta http-equiv="refresh" content="0;url=https://example.org">', f"<meta> {REMOVED}"),
    ("<plaintext>", f"<plaintext> {REMOVED}"),
    ("<textarea>x</textarea>", f"<textarea> {REMOVED}"),
    ('<a\nhref="javascript:alert(1)">x</a>', f"link target 'javascript:alert(1)' {NOT_A_TARGET}"),
    ("[x](//example.org/)", f"link target '//example.org/' {NOT_A_TARGET}"),
    ("<!-- a note to the reviewer -->", "HTML comments and declarations (<!-- -->, <!...>, <?...>) are not shown "
                                        "on the site: remove them"),
    ("<option ><![alt](javascript:alert(1))", f"<option> {REMOVED}"),
    ("## A heading {#__drawer}", 'attribute id="__drawer" on <h2> is not allowed in a case (the site removes it)'),
    ("A paragraph\n{: onclick=\"alert(1)\" }", 'attribute onclick="alert(1)" on <p> is not allowed in a case '
                                               "(the site removes it)"),
])
def test_what_the_sanitizer_removes_is_reported_on_its_line(cases_dir, extra, message):
    found = problems(cases_dir, "hostile.md", with_body_line(extra))
    assert [line for line, m in found if m == message][:1] in ([34], [35])


@pytest.mark.parametrize("extra", [
    "`<script>alert(1)</script>` is how the attack was written.",
    "```html\n<script>alert(1)</script>\n```",
    "&lt;script&gt;alert(1)&lt;/script&gt; in prose, escaped.",
    "| a | b |\n|:--|--:|\n| 1 | 2 |",
    "A note.[^n]\n\n[^n]: With a [link](https://example.org/) and one [here](../ikea-flat-pack/).",
])
def test_markup_shown_as_code_or_escaped_is_no_problem(cases_dir, extra):
    assert problems(cases_dir, "harmless.md", with_body_line(extra)) == []


def test_taxonomy_text_is_sanitized_and_reported(cases_dir):
    taxonomy = cases_dir / "taxonomy.yml"
    text = taxonomy.read_text(encoding="utf-8")
    taxonomy.write_text(text.replace("Processing power was scarce", "<script>alert(1)</script>Processing power was "
                                     "scarce", 1), encoding="utf-8")
    collection = load_collection(cases_dir, today=TODAY)
    line = 1 + taxonomy.read_text(encoding="utf-8").split("\n").index(
        next(x for x in taxonomy.read_text(encoding="utf-8").split("\n") if "<script>" in x))
    assert [(p.line, p.message) for p in collection.problems] == [(line, f"<script> {REMOVED}")]


# --- bounded cost -----------------------------------------------------------------------


def test_a_body_of_brackets_is_refused_before_it_is_rendered(cases_dir):
    start = time.perf_counter()
    found = problems(cases_dir, "brackets.md", with_body_line("[" * 25_000))
    assert time.perf_counter() - start < 5  # unrendered: the limit holds before Markdown runs
    assert found == [(21, "the body has 25,000 '['; at most 80: a case needs far fewer"),
                     (21, "the body has 25,000 markup characters ([ ] < > * _ ` { } | & \\ ! ~ ^); "
                          "at most 600: a case is prose, with a few links and some emphasis"),
                     (34, "line is 25,000 characters long; at most 5,000: break the paragraph over several lines")]


@pytest.mark.parametrize(("extra", "message"), [
    ("word\n\n" * 300, "the body has 625 lines; at most 400: a case is a few hundred words"),
    ("> " * 9 + "deep", "quotes and lists nested 9 deep on one line; at most 8"),
    ("+ " * 20, "quotes and lists nested 20 deep on one line; at most 8"),
    ("## h\n" * 90, "more than 80 lines without a blank line; separate paragraphs and headings with blank lines"),
    ("*" * 25, "25 '*' in a row; at most 19: a case needs no more (use a code block for ASCII art)"),
    ("[a](b) " * 81, "the body has 81 '['; at most 80: a case needs far fewer"),
])
def test_shapes_that_cost_the_renderer_are_refused(cases_dir, extra, message):
    assert message in [m for _, m in problems(cases_dir, "costly.md", with_body_line(extra))]


# --- files --------------------------------------------------------------------------------


def test_a_symlink_to_a_case_outside_the_repository_is_refused(cases_dir, tmp_path):
    outside = tmp_path / "outside.md"
    outside.write_text(VALID, encoding="utf-8")
    (cases_dir / "linked.md").symlink_to(outside)
    found = [(p.path.rsplit("/", 1)[-1], p.message) for p in load_collection(cases_dir, today=TODAY).problems]
    assert found == [("linked.md", "is a symbolic link: a case must be a regular file; put the text itself here")]


@pytest.mark.parametrize("kind", ["fifo", "dev-zero"])
def test_a_fifo_or_a_device_named_on_the_command_line_does_not_hang(cases_dir, kind):
    target = cases_dir / f"{kind}.md"
    if kind == "fifo":
        os.mkfifo(target)
        expected = "is a named pipe (FIFO), not a regular file: a case is a text file"
    else:
        target.symlink_to("/dev/zero")
        expected = "is a symbolic link: a case must be a regular file; put the text itself here"
    result = run(f"cases/{kind}.md", cwd=cases_dir.parent, timeout=20)
    assert (result.returncode, result.stdout) == (1, f"cases/{kind}.md:1: {expected}\n")
    folder_scan = run("cases", cwd=cases_dir.parent, timeout=20)
    assert folder_scan.returncode == 1 and f"cases/{kind}.md:1: {expected}" in folder_scan.stdout


def test_a_file_name_with_a_newline_cannot_forge_an_annotation(cases_dir):
    name = "x\n::error file=README.md,line=1::forged.md"
    (cases_dir / name).write_text(VALID, encoding="utf-8")
    result = run("--format", "github", "cases", cwd=cases_dir.parent)
    lines = result.stdout.splitlines()
    assert len(lines) == 1 and lines[0].startswith("::error file=cases/x\\n%3A%3Aerror file=README.md%2Cline=1")
    plain = run("cases", cwd=cases_dir.parent).stdout.splitlines()
    assert len(plain) == 1 and plain[0].startswith("cases/x\\n::error file=README.md,line=1::forged.md:1: ")


def test_github_messages_escape_percent_and_line_breaks():
    from under_constraint.cases.problems import Problem

    problem = Problem("cases/a,b:c.md", 3, "50% done\r\nnext")
    assert problem.format("github") == "::error file=cases/a%2Cb%3Ac.md,line=3::50%25 done\\r\\nnext"


@pytest.mark.parametrize(("year", "shown"), [("32:50", "'32:50'"), ("0x7B2", "'0x7B2'"), ("0o3662", "'0o3662'"),
                                             ("1_970", "'1_970'")])
def test_years_are_decimal_as_in_yaml_1_2(cases_dir, year, shown):
    found = problems(cases_dir, "year.md", VALID.replace("year: 2024", f"year: {year}"))
    assert found == [(4, f"year: expected a whole number such as 1970 (negative for BCE), found {shown}")]


def test_yes_and_no_stay_text_as_in_yaml_1_2(cases_dir):
    found = problems(cases_dir, "yes.md", VALID.replace("year: 2024", "year: yes"))
    assert found == [(4, "year: expected a whole number such as 1970 (negative for BCE), found 'yes'")]


# --- one verdict: explicit paths, a folder scan and the build ------------------------------

KINDS = {
    "_draft.md": ("ok", "left out of the site: a name starting with '_' or '.' is not a case"),
    ".hidden.md": ("ok", "left out of the site: a name starting with '_' or '.' is not a case"),
    "sub/inner.md": ("error", "cases live directly in"),
}


@pytest.mark.parametrize("name", sorted(KINDS))
def test_explicit_paths_and_the_folder_scan_agree(cases_dir, name):
    verdict, message = KINDS[name]
    target = cases_dir / name
    target.parent.mkdir(exist_ok=True)
    target.write_text(VALID, encoding="utf-8")
    explicit = run(f"cases/{name}", cwd=cases_dir.parent)
    scan = run("cases", cwd=cases_dir.parent)
    assert (explicit.returncode == 0) == (scan.returncode == 0) == (verdict == "ok")
    assert message in explicit.stdout


@pytest.mark.build
def test_the_build_gives_the_same_verdicts(tmp_path):
    project = make_small_project(tmp_path / "project")
    for name in ("_draft.md", ".hidden.md"):
        (project / "cases" / name).write_text("<script>alert(1)</script>", encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-2000:]
    assert not list((tmp_path / "site").rglob("*draft*")) and not list((tmp_path / "site").rglob("*hidden*"))
    (project / "cases" / "sub").mkdir()
    (project / "cases" / "sub" / "inner.md").write_text(VALID, encoding="utf-8")
    (project / "cases" / "linked.md").symlink_to(project / "cases" / "other-case.md")
    result = mkdocs_build(project, tmp_path / "site2")
    assert result.returncode != 0
    assert "cases/sub:1: 'sub/' is a folder" in result.stderr
    assert "cases/linked.md:1: is a symbolic link" in result.stderr


def test_the_sanitizer_keeps_what_the_case_template_needs():
    rendered = contributor_html.render(
        "## The constraint\n\nText[^1] with [a link](https://example.org/) and **bold**.\n\n"
        "| a | b |\n|:--|--:|\n| 1 | 2 |\n\n[^1]: A note.\n")
    assert rendered.removed == ()
    for fragment in ('<h2 id="the-constraint">', 'class="headerlink"', '<sup id="fnref:1">',
                     'class="footnote-ref"', '<th align="left">', '<a href="https://example.org/"', "<strong>"):
        assert fragment in rendered.html


# --- the pinned policy ------------------------------------------------------------------------


@pytest.mark.build
def test_an_inline_script_that_is_not_the_themes_fails_the_build(tmp_path):
    project = make_small_project(tmp_path / "project")
    essay = project / "docs" / "index.md"
    essay.write_text(essay.read_text(encoding="utf-8") + "\n<script>alert(1)</script>\n", encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "index.md: an inline script that is not the theme's ('sha256-" in result.stderr
    assert "only the theme's own inline scripts may run" in result.stderr


@pytest.mark.build
def test_every_page_allows_the_same_theme_scripts_and_no_other(built_site):
    import re

    from mkdocs.config import load_config

    from under_constraint.site import csp

    config = load_config(str(ROOT / "mkdocs.yml"))
    theme = csp.theme_script_hashes({"extra": {"scope": csp.scope_for(config.site_url)}},
                                    list(config.theme["features"]))
    policies = set()
    for page in built_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', text).group(1)
        policies.add(policy)
        assert frozenset(re.findall(r"'sha256-[^']+'", policy)) == theme, page
        csp.check_scripts(text, theme)  # raises for a script the theme does not write
    assert len(policies) == 1


def test_the_script_check_reads_pages_whose_lower_case_is_longer():
    from under_constraint.site import csp

    theme = csp.hash_source("var a=1")
    page = "<p>İİİ</p><script>var a=1</script>"  # 'İ'.lower() is two characters
    csp.check_scripts(page, frozenset({theme}))
    with pytest.raises(csp.UnknownScript):
        csp.check_scripts(page + "<SCRIPT>alert(1)</SCRIPT>", frozenset({theme}))
