"""Benchmark the gallery at scale: page weight and filter speed on synthetic cases.

Copies the project into a temporary folder, swaps the real cases for N synthetic
ones that follow the case contract (real taxonomy keys, summaries of 100 to 200
characters), runs `mkdocs build`, and reports the gallery's HTML size. Then it opens
the gallery in Chromium and times filter changes: from the input event to a settled
DOM (the script's work plus the style and layout it causes), median and 95th
percentile of repeated runs for each kind of change. The gallery writes the new
address to history after the frame, so that cost is not in these figures.

    .venv/bin/python -m under_constraint.bench.bench_gallery            # 1,000 cases
    .venv/bin/python -m under_constraint.bench.bench_gallery --cases 5000 --runs 30 --keep

A measuring script, not a test: it prints the figures beside their budgets (400,000
bytes of HTML, 16 ms a change) and always exits 0. Timings swell on a busy machine;
run it on a quiet one.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import yaml

from under_constraint.bench.scratch_project import (
    CHROMIUM,
    CHROMIUM_ARGS,
    ROOT,
    copy_project,
    scratch_folder,
    serve_folder,
)

PAGE_BUDGET = 400_000
FRAME_MS = 16.0
WORDS = (
    "signal", "network", "budget", "engine", "memory", "launch", "kernel", "circuit", "harvest", "bridge",
    "ledger", "pump", "valve", "relay", "furnace", "lattice", "cipher", "beacon", "orbit", "glacier",
    "harbour", "turbine", "canvas", "thread", "mirror", "vessel", "quarry", "archive", "pigment", "frame",
    "rivet", "spindle", "compass", "lantern", "ration", "current", "station", "market", "clinic", "garden",
    "reactor", "modem", "chassis", "palette", "chorus", "stanza", "ballot", "courier", "tunnel", "gauge",
    "battery", "sensor", "camera",
)
VERBS = ("builds", "trims", "swaps", "packs", "shares", "reroutes", "splits", "rewires", "reframes", "patches")
NAMES = ("Ada", "Grace", "Linus", "Mei", "Oskar", "Priya", "Tomas", "Yusuf", "Zora", "Ines", "Kwame", "Rosa")
SURNAMES = ("Okafor", "Lindqvist", "Tanaka", "Moreau", "Silva", "Novak", "Haddad", "Rossi", "Nair", "Berg")


def main() -> int:
    args = _parse_args()
    with scratch_folder("uc-bench-", keep=args.keep) as work:
        project = make_project(work / "project", args.cases, random.Random(args.seed))
        seconds = build_site(project, work / "site")
        page = work / "site" / "cases" / "index.html"
        size = page.stat().st_size
        print(f"{args.cases} synthetic cases, built in {seconds:.1f} s")
        verdict = "under" if size < PAGE_BUDGET else "OVER"
        print(f"gallery HTML: {size:,} bytes = {size / 1000:.1f} kB = {size / 1024:.1f} KiB, "
              f"{verdict} the budget of {PAGE_BUDGET:,} bytes\n")
        rows = measure_filters(work / "site", args.runs)
        print_table(rows)
    return 0


def _parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=1000, help="how many synthetic cases (default 1000)")
    parser.add_argument("--runs", type=int, default=21, help="timed runs per kind of change (default 21)")
    parser.add_argument("--seed", type=int, default=1, help="random seed for the synthetic cases")
    parser.add_argument("--keep", action="store_true", help="keep the temporary project and site")
    return parser.parse_args()


# --- the synthetic project ------------------------------------------------------------


def make_project(target: Path, count: int, rng: random.Random) -> Path:
    copy_project(target, with_cases=False)
    # The essay links to real cases by name; a stub keeps the synthetic build self-contained.
    (target / "docs" / "index.md").write_text("---\ntemplate: essay.html\ntitle: Bench\n---\n\nBenchmark site.\n")
    cases = target / "cases"
    cases.mkdir()
    shutil.copy2(ROOT / "cases" / "taxonomy.yml", cases / "taxonomy.yml")
    taxonomy = yaml.safe_load((cases / "taxonomy.yml").read_text(encoding="utf-8"))
    slugs: list[str] = []
    for index in range(count):
        slug, text = synthetic_case(index, taxonomy, slugs, rng)
        (cases / f"{slug}.md").write_text(text, encoding="utf-8")
        slugs.append(slug)
    return target


def synthetic_case(index: int, taxonomy: dict, earlier: list[str], rng: random.Random) -> tuple[str, str]:
    # Lengths as in the real collection: titles average about 64 characters, slugs 23.
    suffix = f" ({index})"
    title = _sized(f"{rng.choice(WORDS).capitalize()} team {rng.choice(VERBS)} {rng.choice(WORDS)}", rng,
                   45 - len(suffix), 85 - len(suffix)) + suffix
    slug = "-".join(title.lower().split()[:3]) + f"-{index}"
    year = rng.choice([rng.randint(-500, 1899)] + [rng.randint(1900, 2025)] * 9)
    meta = {
        "title": title,
        "summary": _sized(f"Facing a shortage of {rng.choice(WORDS)}s, the {rng.choice(WORDS)} crew", rng, 100, 200,
                          end="."),
        "year": year,
        "who": _sized(f"{rng.choice(NAMES)} {rng.choice(SURNAMES)} and the {rng.choice(WORDS)} group", rng, 20, 70),
        "domain": rng.choice(list(taxonomy["domains"])),
        "constraints": rng.sample(list(taxonomy["constraints"]), rng.randint(1, 3)),
        "moves": rng.sample(list(taxonomy["moves"]), rng.randint(1, 3)),
        "origin": rng.choice(["imposed"] * 8 + ["chosen"] * 2),
        "outcome": rng.choice(["worked"] * 8 + ["mixed", "failed"]),
        "tags": sorted(set(_words(rng, rng.randint(0, 4)))),
        "sources": [{"title": f"Source {n} on {slug}", "url": f"https://example.org/{slug}/{n}"} for n in (1, 2)],
        "added": (dt.date(2024, 1, 1) + dt.timedelta(days=rng.randint(0, 700))).isoformat(),
    }
    if earlier and rng.random() < 0.3:
        meta["related"] = rng.sample(earlier, min(len(earlier), rng.randint(1, 2)))
    body = "\n\n".join(f"## {heading}\n\n{_paragraph(rng, 60)}" for heading in
                       ("The constraint", "The response", "The result"))
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000)
    return slug, f"---\n{front}---\n\n{body}\n"


def _words(rng: random.Random, count: int) -> list[str]:
    return [rng.choice(WORDS) for _ in range(count)]


def _sized(start: str, rng: random.Random, low: int, high: int, end: str = "") -> str:
    """`start` grown word by word to a random length between low and high characters."""
    goal = rng.randint(low, high)
    text = start
    while len(text) + len(end) < goal:
        text += " " + rng.choice(WORDS)
    text = text[: high - len(end)].rstrip()
    return text + end


def _paragraph(rng: random.Random, words: int) -> str:
    return (" ".join(_words(rng, words)) + ".").capitalize()


def build_site(project: Path, site: Path) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site)],
                            cwd=project, capture_output=True, text=True, env=env, check=False)
    if result.returncode != 0:
        raise SystemExit(f"mkdocs build failed:\n{result.stderr[-3000:]}")
    return time.perf_counter() - started


# --- timing in Chromium ---------------------------------------------------------------

# Each step runs in the page: `change` makes one filter change the way a reader would
# (a checkbox click, a keystroke, a sort choice) and `undo` puts the view back. Forcing
# a layout read right after the change makes the timing include the style and layout
# work the change caused, not only the script.
STEPS = {
    "one constraint": ("tick('constraint', 0)", "tick('constraint', 0)"),
    "constraint OR constraint": ("tick('constraint', 1)", "tick('constraint', 1)"),
    "move AND constraint": ("tick('move', 2)", "tick('move', 2)"),
    "domain": ("tick('domain', 3)", "tick('domain', 3)"),
    "era": ("tick('era', 5)", "tick('era', 5)"),
    "origin": ("tick('origin', 1)", "tick('origin', 1)"),
    "text query keystroke": ("type('sig')", "type('si')"),
    "sort by year": ("sort('year')", "sort('added')"),
}
SETUP = {
    "constraint OR constraint": ["tick('constraint', 0)"],
    "move AND constraint": ["tick('constraint', 0)"],
}
HELPERS = """
const root = document.querySelector('[data-uc-gallery]');
const tick = (facet, index) => root.querySelectorAll(`input[name="${facet}"]`)[index].click();
const field = root.querySelector('input[name="q"]');
const type = (text) => { field.value = text; field.dispatchEvent(new Event('input', {bubbles: true})); };
const select = root.querySelector('select[name="sort"]');
const sort = (value) => { select.value = value; select.dispatchEvent(new Event('change', {bubbles: true})); };
const settle = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
"""


def timing_script(name: str, runs: int) -> str:
    change, undo = STEPS[name]
    setup = "; ".join(SETUP.get(name, []))
    return f"""async () => {{
      {HELPERS}
      {setup};
      await settle();
      const times = [];
      for (let run = 0; run < {runs}; run++) {{
        for (const step of [() => {{ {change}; }}, () => {{ {undo}; }}]) {{
          await settle();
          const started = performance.now();
          step();
          document.body.offsetHeight;
          times.push(performance.now() - started);
        }}
      }}
      {setup};
      return times;
    }}"""


def measure_filters(site: Path, runs: int) -> list[tuple[str, float, float, float]]:
    from playwright.sync_api import sync_playwright

    rows = []
    with serve_folder(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        started = time.perf_counter()
        page.goto(f"{base}/cases/")
        page.wait_for_selector("[data-uc-gallery][data-uc-ready]")
        rows.append(("page load to filters ready", (time.perf_counter() - started) * 1000, 0.0, 0.0))
        # Material loads its search index and sitemap after the page: let that finish first.
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(1000)
        # One untimed pass over every kind of change, so that none is timed while the
        # page still settles from its start (compilation, first garbage collections).
        for name in STEPS:
            page.evaluate(timing_script(name, 3))
        for name in STEPS:
            times = sorted(page.evaluate(timing_script(name, runs)))
            p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
            rows.append((name, statistics.median(times), p95, max(times)))
        browser.close()
    return rows


def print_table(rows: list[tuple[str, float, float, float]]) -> None:
    print(f"{'filter change':<28} {'median ms':>10} {'p95 ms':>8} {'max ms':>8}  under one frame ({FRAME_MS:.0f} ms)?")
    for name, median, p95, worst in rows:
        if not p95:
            print(f"{name:<28} {median:>10.0f}")
            continue
        verdict = "yes" if p95 < FRAME_MS else "NO"
        print(f"{name:<28} {median:>10.2f} {p95:>8.2f} {worst:>8.2f}  {verdict}")


if __name__ == "__main__":
    raise SystemExit(main())
