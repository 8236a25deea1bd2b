"""Scratch copies of the project for tests and benchmarks, how they serve a built site, and Chromium."""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from under_constraint.paths import PROJECT_ROOT

ROOT = PROJECT_ROOT
# What a site build needs; everything else in the repository stays out of scratch copies.
PROJECT_PARTS = ("mkdocs.yml", "docs", "overrides", "scripts", "under_constraint", "cases", "CONTRIBUTING.md")
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# As root on these machines, with no network: see ../shared/guides/browser-tests.md.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]


def copy_project(target: Path, *, with_cases: bool = True) -> Path:
    """A copy of the site's sources, to change without touching the real ones."""
    target.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if part == "cases" and not with_cases:
            continue
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy2(source, target / part)
    return target


@contextmanager
def scratch_folder(prefix: str, *, keep: bool = False) -> Iterator[Path]:
    """A temporary folder for a benchmark's projects and sites, removed after unless kept."""
    work = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        yield work
    finally:
        if keep:
            print(f"\nkept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """Serve a built site on a free loopback port; yields its base URL, without a final '/'.

    The socket listens from the moment the server is made, so no wait is needed.
    """
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
