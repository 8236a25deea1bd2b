"""`make serve` rebuilds only the case pages an edit changed, and the result is the same
site a full build makes."""

from __future__ import annotations

import os
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest

from under_constraint.bench.bench_gallery import make_project
from under_constraint.bench.bench_serve import drop_practice_links

pytestmark = pytest.mark.build

# Runs MkDocs as `mkdocs serve --dirty` does, in one process: the hooks module (and the
# signatures it keeps) lives across builds, and each build reloads the configuration.
SERVE_LIKE = """
import logging
import re
import sys
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config

project, site, mode = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
url = "http://127.0.0.1:8000/"
logging.basicConfig(level=logging.INFO, format="%(message)s")

def config():
    loaded = load_config(str(project / "mkdocs.yml"), site_dir=site)
    loaded.site_url = url
    return loaded

first = config()
first.plugins.on_startup(command="serve", dirty=(mode == "dirty"))
build(first, serve_url=url, dirty=(mode == "dirty"))
if mode == "dirty":
    edited = project / "cases" / sys.argv[4]
    text = edited.read_text(encoding="utf-8")
    edited.write_text(re.sub("(?m)^title: .*$", "title: An edited title for this test", text, count=1),
                      encoding="utf-8")
    build(config(), serve_url=url, dirty=True)
"""


def run(project: Path, site: Path, mode: str, *extra: str) -> str:
    result = subprocess.run([sys.executable, "-c", SERVE_LIKE, str(project), str(site), mode, *extra],
                            capture_output=True, text=True, timeout=600,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stderr


def snapshot(site: Path) -> dict[str, bytes]:
    # The compressed sitemap carries gzip's own timestamp; its content is sitemap.xml's.
    return {str(path.relative_to(site)): path.read_bytes() for path in sorted(site.rglob("*"))
            if path.is_file() and path.name != "sitemap.xml.gz"}


def test_an_edit_rebuilds_the_pages_it_touches_and_equals_a_full_build(tmp_path):
    # A synthetic collection: big enough that an edit touches only some pages, small
    # enough to build three times quickly.
    project = make_project(tmp_path / "project", 30, random.Random(5))
    drop_practice_links(project / "cases" / "taxonomy.yml")
    slugs = sorted(path.stem for path in (project / "cases").glob("*.md"))
    edited = slugs[len(slugs) // 2]
    log = run(project, tmp_path / "incremental", "dirty", f"{edited}.md")
    rebuilt = [int(n) for n in re.findall(r"rebuilt (\d+) of \d+ case pages", log)]
    assert rebuilt[0] == len(slugs)  # the first build makes every page
    # The edited case, and the cases that list it as related, but not the whole collection.
    assert 1 <= rebuilt[1] < len(slugs), log[-2000:]
    run(project, tmp_path / "full", "full")
    incremental, full = snapshot(tmp_path / "incremental"), snapshot(tmp_path / "full")
    assert set(incremental) == set(full)
    assert [name for name in full if incremental[name] != full[name]] == []
    assert b"An edited title for this test" in full[f"cases/{edited}/index.html"]
