"""Measure the pipeline at scale, side by side with its floors.

    .venv/bin/python -m under_constraint.bench.bench                 # N = 100, 1,000 and 5,000
    .venv/bin/python -m under_constraint.bench.bench --sizes 100 1000

For each N it makes N synthetic valid cases in a scratch copy of the project and
measures, in one run:
- the validator (load and check every case) against the floor of only reading the
  files and parsing their front matter with PyYAML's C loader;
- our build (`mkdocs build` with the hooks) against plain MkDocs with Material
  building the same Markdown pages with the same settings, less the hooks and the
  template overrides (best of three builds each, taken in turns);
- the related-case links of every case (related.case_links), per case, which
  must stay flat as N grows;
- the size of a case page, the gallery and `search/search_index.json`;
- the sanitizer (nh3 over every rendered body, and the check for what it removed) as
  a share of our build.

`--adversarial` measures instead how long the slowest bodies that pass the cost limits
of `body_limits` take to render, against a normal case (see `bench_adversarial.py`).

A measuring script, not a test: it prints figures and ratios and sets no pass mark.
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import statistics
import sys
import time
from pathlib import Path

import yaml

from under_constraint.bench.bench_adversarial import print_adversarial
from under_constraint.bench.bench_gallery import build_site, make_project
from under_constraint.bench.scratch_project import scratch_folder
from under_constraint.cases import contributor_html
from under_constraint.cases.front_matter import split
from under_constraint.cases.load import load_collection
from under_constraint.paths import PROJECT_ROOT
from under_constraint.site import pages as site_pages
from under_constraint.site.related import case_links
from under_constraint.tools.make_pages import read_mkdocs_yml

ROOT = PROJECT_ROOT
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--repeat", type=int, default=3, help="timings of the validator and its floor (best of)")
    parser.add_argument("--build-repeat", type=int, default=3, help="builds of each kind (best of)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--adversarial", action="store_true", help="render times of hostile bodies, then stop")
    args = parser.parse_args()
    if args.adversarial:
        print_adversarial()
        return 0
    rows = []
    with scratch_folder("uc-bench-") as work:
        for size in args.sizes:
            rows.append(measure(size, work / str(size), args.repeat, args.build_repeat, args.seed))
            print_row(rows[-1], header=len(rows) == 1)
            # Each size's projects go before the next is made: 5,000 cases take room.
            shutil.rmtree(work / str(size), ignore_errors=True)
    print_ratios(rows)
    return 0


def measure(size: int, work: Path, repeat: int, build_repeat: int, seed: int) -> dict:
    ours = make_project(work / "ours", size, random.Random(seed))
    plain = make_plain_project(ours, work / "plain")
    row = {"n": size}
    row["validate"] = best_of(repeat, lambda: load_collection(ours / "cases"))
    row["floor"] = best_of(repeat, lambda: parse_floor(ours / "cases"))
    cases = load_collection(ours / "cases").cases
    row["related_us"] = best_of(repeat, lambda: case_links(cases)) / size * 1e6
    raw = [contributor_html.new_renderer().convert(case.body) for case in cases]
    row["sanitize"] = best_of(repeat, lambda: [contributor_html.sanitize(html) for html in raw])
    clean = [contributor_html.sanitize(html) for html in raw]
    pairs = list(zip(raw, clean, strict=True))
    row["removal_check"] = best_of(repeat, lambda: [contributor_html.what_was_removed(r, c) for r, c in pairs])
    # Taken in turns, so that a busy spell on the machine slows both rather than one.
    builds = [(timed_build(ours, work / "site-ours"), timed_build(plain, work / "site-plain"))
              for _ in range(build_repeat)]
    row["build"], row["build_cpu"] = min(b[0][0] for b in builds), min(b[0][1] for b in builds)
    row["plain"], row["plain_cpu"] = min(b[1][0] for b in builds), min(b[1][1] for b in builds)
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
    """The same Markdown pages and settings for MkDocs and Material alone.

    Every page our build makes (cases, term pages, the tags listing, the essay, the
    gallery's text, CONTRIBUTING) is written out as a plain Markdown file with the same
    title, description and tags, and built with the same mkdocs.yml less the hooks and
    the template overrides. The difference between the two builds is then the cost of
    the hooks and templates alone.
    """
    collection = load_collection(ours / "cases")
    shutil.copytree(ours / "docs", target / "docs")
    for page in (target / "docs").rglob("*.md"):
        front, body, _ = split(page.read_text(encoding="utf-8"))
        write_page(page, {key: value for key, value in yaml.safe_load(front).items() if key != "template"}, body)
    for uri, page in site_pages.generated_pages(collection.cases, collection.taxonomy).items():
        meta = {key: page.meta[key] for key in ("title", "description", "tags") if key in page.meta}
        write_page(target / "docs" / uri, meta, page.body)
    shutil.copy2(ours / "CONTRIBUTING.md", target / "docs" / "contributing.md")
    config = read_mkdocs_yml(ours / "mkdocs.yml")
    for key in ("hooks", "watch"):
        config.pop(key, None)
    config["theme"].pop("custom_dir", None)
    (target / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return target


def write_page(path: Path, meta: dict, body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000)
    path.write_text(f"---\n{front}---\n\n{body}", encoding="utf-8")


def timed_build(project: Path, site: Path) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one `mkdocs build`: CPU time is steadier on a busy machine."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = build_site(project, site)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def best_of(repeat: int, action) -> float:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        timings.append(time.perf_counter() - started)
    return min(timings)


COLUMNS = [
    ("n", "N", "{:,}"), ("validate", "validate s", "{:.2f}"), ("floor", "parse floor s", "{:.2f}"),
    ("related_us", "related links µs/case", "{:.0f}"),
    ("build", "our build s", "{:.1f}"), ("plain", "plain build s", "{:.1f}"),
    ("build_cpu", "our build CPU s", "{:.1f}"), ("plain_cpu", "plain build CPU s", "{:.1f}"),
    ("sanitize", "sanitize s", "{:.2f}"), ("removal_check", "removal check s", "{:.2f}"),
    ("case_kb", "case page KB", "{:.1f}"),
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
              f"our build / plain build = {row['build'] / row['plain']:.2f}x wall-clock, "
              f"{row['build_cpu'] / row['plain_cpu']:.2f}x CPU (target <= 1.2); "
              f"sanitizer {row['sanitize'] / row['build']:.1%} of our build (target <= 5 %), "
              f"with the check for removals {(row['sanitize'] + row['removal_check']) / row['build']:.1%}")
    by_n = {row["n"]: row for row in rows}
    if 1000 in by_n and 5000 in by_n:
        small, large = by_n[1000], by_n[5000]
        print(f"5,000 vs 1,000: build time {large['build'] / small['build']:.2f}x (target < 5.5), "
              f"case page size {large['case_kb'] / small['case_kb']:.2f}x (target: flat)")


if __name__ == "__main__":
    sys.exit(main())
