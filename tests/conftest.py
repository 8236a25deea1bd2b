"""Shared fixtures: paths, scratch copies of the project, real builds, a local server."""

from __future__ import annotations

import fcntl
import functools
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ROOT / "scripts"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

from under_constraint.bench.scratch_project import CHROMIUM, CHROMIUM_ARGS, copy_project, serve_folder  # noqa: E402
from under_constraint.cases.load import load_collection  # noqa: E402
from under_constraint.cases.model import Collection  # noqa: E402


@functools.cache
def real_collection() -> Collection:
    """The project's own cases, loaded once per process: nine modules read them while
    being collected, and loading renders every body."""
    return load_collection(ROOT / "cases")


def mkdocs_build(project: Path, site_dir: Path) -> subprocess.CompletedProcess:
    """Run the real `mkdocs build --strict`, as `make build` does."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project, capture_output=True, text=True, env=env, timeout=600,
    )


@pytest.fixture
def cases_dir(tmp_path: Path) -> Path:
    """A cases folder with the real taxonomy and one valid case that others may relate to."""
    folder = tmp_path / "cases"
    folder.mkdir()
    shutil.copy(ROOT / "cases" / "taxonomy.yml", folder)
    shutil.copy(FIXTURES / "cases" / "other-case.md", folder)
    return folder


def make_small_project(folder: Path) -> Path:
    """The real site with one case, so that a build takes about a second."""
    project = copy_project(folder)
    for case in (project / "cases").glob("*.md"):
        case.unlink()
    shutil.copy(FIXTURES / "cases" / "other-case.md", project / "cases")
    taxonomy = yaml.safe_load((project / "cases" / "taxonomy.yml").read_text(encoding="utf-8"))
    for group in taxonomy.values():
        for term in group.values():
            term.pop("practice", None)  # its links point at the real cases, removed here
    (project / "cases" / "taxonomy.yml").write_text(yaml.safe_dump(taxonomy), encoding="utf-8")
    (project / "docs" / "index.md").write_text("---\ntitle: Home\ntemplate: essay.html\n---\n\nHello.\n")
    return project


@pytest.fixture(scope="module")
def small_project(tmp_path_factory) -> Path:
    return make_small_project(tmp_path_factory.mktemp("small"))


def pytest_collection_modifyitems(items):
    # Three groups: `-m unit` needs neither a build nor a browser.
    for item in items:
        if not any(item.get_closest_marker(name) for name in ("build", "browser")):
            item.add_marker(pytest.mark.unit)


def _shared_folder(tmp_path_factory) -> Path:
    """A folder every pytest-xdist worker of this run sees (the run's base, not the worker's)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real project, built once per test run, however many workers share it."""
    shared = _shared_folder(tmp_path_factory)
    site = shared / "real-site"
    with (shared / "real-site.lock").open("w") as lock:
        # The first worker builds; the others wait here, then use its site.
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (site / "index.html").exists():
            result = mkdocs_build(ROOT, site)
            if result.returncode != 0:
                pytest.fail(f"mkdocs build --strict failed:\n{result.stderr[-4000:]}")
    return site


@pytest.fixture(scope="session")
def site_server(built_site) -> str:
    """Serves the built site on a free loopback port for the whole session."""
    with serve_folder(built_site) as base:
        yield base + "/"


def _browser_required() -> bool:
    return os.environ.get("CI", "").lower() == "true" or os.environ.get("REQUIRE_BROWSER") == "1"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium, since no browser can be downloaded here."""
    if not Path(CHROMIUM).exists():
        message = f"no Chromium at {CHROMIUM} (apt-get install chromium, or set CHROMIUM)"
        if _browser_required():
            pytest.fail(message)
        pytest.skip(message)
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def base_url(site_server):
    return site_server


# Run in every document before its own scripts: the policy violations it meets.
RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener('securitypolicyviolation',
  e => window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline')));
"""


# And the type of each message it posts to a web worker (Material's search: 0 is the set-up).
RECORD_WORKER_MESSAGES = """
window.__posted = [];
(post => {
  Worker.prototype.postMessage = function (message, ...rest) {
    window.__posted.push(message && message.type);
    return post.call(this, message, ...rest);
  };
})(Worker.prototype.postMessage);
"""


def violations(page) -> list[str]:
    """What the policy blocked in the page's current document, as 'directive blocked-URI'."""
    return page.evaluate("window.__csp")


def worker_messages(page) -> list:
    """The types of the messages the page's current document has posted to web workers."""
    return page.evaluate("window.__posted")


@contextmanager
def listening(page, **handlers) -> Iterator[None]:
    """Page event handlers for the block only: the kept page outlives the test."""
    for event, handler in handlers.items():
        page.on(event, handler)
    try:
        yield
    finally:
        for event, handler in handlers.items():
            page.remove_listener(event, handler)


@pytest.fixture(scope="session")
def _kept_page(browser, browser_context_args):
    context = browser.new_context(**browser_context_args)
    context.add_init_script(RECORD_VIOLATIONS)
    context.add_init_script(RECORD_WORKER_MESSAGES)
    page = context.new_page()
    yield page, page.viewport_size
    context.close()


CHANGED_MEDIA = "matchMedia('print').matches || matchMedia('(prefers-color-scheme: dark)').matches"


@pytest.fixture
def tab(_kept_page):
    """One Chromium page per worker, kept from test to test.

    Each test opens its own address, so it starts from a fresh document; before it,
    the page is put back to the default size, screen media in the light scheme, and
    empty storage (where the palette choice is kept). A new page costs a renderer
    process and cold caches: about 0.8 s of the 1.1 s a test spent opening the gallery
    here. Handlers a test adds go through `listening`; a test that needs a page of its
    own takes pytest-playwright's `page`, which is new for each test.
    """
    page, size = _kept_page
    if page.viewport_size != size:
        page.set_viewport_size(size)
    # Emulating media restyles the open document (15 ms on the gallery): only when changed.
    if not page.url.startswith("http") or page.evaluate(CHANGED_MEDIA):
        page.emulate_media(media="screen", color_scheme="light")
    if page.url.startswith("http"):
        page.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
    return page
