"""Measure the pipeline at scale, side by side with its floors.

    .venv/bin/python scripts/bench.py                 # N = 100, 1,000 and 5,000
    .venv/bin/python scripts/bench.py --sizes 100 1000

For each N it makes N synthetic valid cases in a scratch copy of the project and
measures, in one run:
- the validator (load and check every case) against the floor of only reading the
  files and parsing their front matter with PyYAML's C loader;
- our build (`mkdocs build` with the hooks) against plain MkDocs with Material
  building the same Markdown pages with no hooks;
- the size of a case page, the gallery and `search/search_index.json`.

A measuring script, not a test: it prints figures and ratios and sets no pass mark.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_gallery import build_site, make_project
from cases import load_collection
from frontmatter import split

ROOT = Path(__file__).resolve().parent.parent
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
PLAIN_CONFIG = {
    "site_name": "Plain",
    "site_url": "https://example.org/",
    "theme": {"name": "material", "font": False},
    "plugins": ["search", "tags"],
    "nav": ["index.md"],
    "validation": {"nav": {"omitted_files": "ignore"}},
}


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, taking the default of each `!ENV [NAME, default]`."""


_ConfigLoader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--repeat", type=int, default=3, help="timings of the validator and its floor (best of)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="uc-bench-"))
    rows = []
    try:
        for size in args.sizes:
            rows.append(measure(size, work / str(size), args.repeat, args.seed))
            print_row(rows[-1], header=len(rows) == 1)
            shutil.rmtree(work / str(size), ignore_errors=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print_ratios(rows)
    return 0


def measure(size: int, work: Path, repeat: int, seed: int) -> dict:
    ours = make_project(work / "ours", size, random.Random(seed))
    plain = make_plain_project(ours, work / "plain")
    row = {"n": size}
    row["validate"] = best_of(repeat, lambda: load_collection(ours / "cases"))
    row["floor"] = best_of(repeat, lambda: parse_floor(ours / "cases"))
    row["build"] = build_site(ours, work / "site-ours")
    row["plain"] = build_site(plain, work / "site-plain")
    row["case_kb"] = statistics.median(
        page.stat().st_size for page in (work / "site-ours" / "cases").glob("*/index.html")) / 1024
    row["gallery_kb"] = (work / "site-ours" / "cases" / "index.html").stat().st_size / 1024
    row["search_mb"] = (work / "site-ours" / "search" / "search_index.json").stat().st_size / 2**20
    row["plain_search_mb"] = (work / "site-plain" / "search" / "search_index.json").stat().st_size / 2**20
    return row


def parse_floor(folder: Path) -> int:
    """What no validator can beat: read each case and parse its front matter, nothing else."""
    count = 0
    for path in folder.glob("[!_]*.md"):
        front, _, _ = split(path.read_text(encoding="utf-8"))
        yaml.load(front, Loader=LOADER)
        count += 1
    return count


def make_plain_project(ours: Path, target: Path) -> Path:
    """The same Markdown pages for MkDocs and Material alone: no hooks, no templates."""
    taxonomy = yaml.safe_load((ours / "cases" / "taxonomy.yml").read_text(encoding="utf-8"))
    labels = {key: term["label"] for group in taxonomy.values() for key, term in group.items()}
    (target / "docs" / "cases").mkdir(parents=True)
    ours_config = yaml.load((ours / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)
    # The same Markdown extensions as ours, so that the comparison is of the hooks alone.
    plain_config = {**PLAIN_CONFIG, "markdown_extensions": ours_config["markdown_extensions"]}
    (target / "mkdocs.yml").write_text(yaml.safe_dump(plain_config, sort_keys=False), encoding="utf-8")
    (target / "docs" / "index.md").write_text("# Plain\n\nThe same cases, no hooks.\n", encoding="utf-8")
    for path in (ours / "cases").glob("[!_]*.md"):
        front, body, _ = split(path.read_text(encoding="utf-8"))
        data = yaml.safe_load(front)
        tags = [labels[data["domain"]], *(labels[k] for k in data["constraints"] + data["moves"])]
        meta = yaml.safe_dump({"title": data["title"], "description": data["summary"], "tags": tags},
                              allow_unicode=True, sort_keys=False)
        (target / "docs" / "cases" / path.name).write_text(f"---\n{meta}---\n\n{body}", encoding="utf-8")
    return target


def best_of(repeat: int, action) -> float:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        timings.append(time.perf_counter() - started)
    return min(timings)


COLUMNS = [
    ("n", "N", "{:,}"), ("validate", "validate s", "{:.2f}"), ("floor", "parse floor s", "{:.2f}"),
    ("build", "our build s", "{:.1f}"), ("plain", "plain build s", "{:.1f}"), ("case_kb", "case page KB", "{:.1f}"),
    ("gallery_kb", "gallery KB", "{:.0f}"), ("search_mb", "search index MB", "{:.2f}"),
    ("plain_search_mb", "full-text index MB", "{:.2f}"),
]


def print_row(row: dict, header: bool) -> None:
    if header:
        print(" | ".join(title for _, title, _ in COLUMNS))
        print(" | ".join("---" for _ in COLUMNS))
    print(" | ".join(fmt.format(row[key]) for key, _, fmt in COLUMNS), flush=True)


def print_ratios(rows: list[dict]) -> None:
    print()
    for row in rows:
        print(f"N={row['n']:,}: validator / parse floor = {row['validate'] / row['floor']:.2f}x (target <= 2); "
              f"our build / plain build = {row['build'] / row['plain']:.2f}x (target <= 1.2)")
    by_n = {row["n"]: row for row in rows}
    if 1000 in by_n and 5000 in by_n:
        small, large = by_n[1000], by_n[5000]
        print(f"5,000 vs 1,000: build time {large['build'] / small['build']:.2f}x (target < 5.5), "
              f"case page size {large['case_kb'] / small['case_kb']:.2f}x (target: flat)")


if __name__ == "__main__":
    sys.exit(main())
