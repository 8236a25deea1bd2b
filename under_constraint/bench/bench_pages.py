"""What each kind of page costs a reader: bytes transferred, DOM size and Chromium's CPU time.

    python -m under_constraint.bench.bench_pages SITE_DIR [--label NAME] [--loads N]

Serves a built site on loopback and loads one page of each kind with an empty cache,
adding up every response body (HTML, CSS, scripts, fonts, images, and the search index,
which Material fetches on every page). It then loads the same page N more times in
that context (warm caches, as a reader moving through the site) and reports the median
CPU time Chromium's processes spent on one load, read from /proc (Linux; "n/a"
elsewhere). Prints a Markdown table, for before/after comparisons in a note or the README.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from under_constraint.bench.scratch_project import CHROMIUM, CHROMIUM_ARGS, serve_folder

PAGES = {"essay": "", "gallery": "cases/", "case": "cases/{slug}/", "term": "constraints/money/",
         "group": "constraints/"}
# After the network goes quiet, work the page started (a search index built in a
# worker, say) may still be running: wait this long before reading the clock.
SETTLE_SECONDS = 1.0


def measure(site: Path, loads: int = 5) -> dict[str, tuple[int, int, int, float | None]]:
    """Page kind -> (bytes transferred, requests, DOM elements, median CPU seconds of a warm load)."""
    slug = json.loads((site / "cases.json").read_text(encoding="utf-8"))[0]["slug"]
    results = {}
    with serve_folder(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for kind, path in PAGES.items():
            url = f"{base}/{path.format(slug=slug)}"
            context = browser.new_context(viewport={"width": 1280, "height": 800})
            page = context.new_page()
            sizes: list[int] = []
            page.on("requestfinished", lambda request, sizes=sizes: sizes.append(
                request.sizes()["responseBodySize"]))
            page.goto(url, wait_until="networkidle")
            elements = page.evaluate("document.getElementsByTagName('*').length")
            transferred, requests = sum(sizes), len(sizes)
            cpu = []
            for _ in range(loads):
                page.goto("about:blank")
                time.sleep(SETTLE_SECONDS)
                before = _descendants_cpu()
                page.goto(url, wait_until="networkidle")
                time.sleep(SETTLE_SECONDS)
                after = _descendants_cpu()
                if before is not None and after is not None:
                    cpu.append(after - before)
            results[kind] = (transferred, requests, elements, statistics.median(cpu) if cpu else None)
            context.close()
        browser.close()
    return results


def _descendants_cpu() -> float | None:
    """CPU seconds used so far by every process below this one (Chromium, Playwright's driver)."""
    proc = Path("/proc")
    if not (proc / "self" / "stat").exists():
        return None
    parents, times = {}, {}
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # the process ended meanwhile
        parents[int(entry.name)] = int(fields[1])
        times[int(entry.name)] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    me = os.getpid()

    def below_me(pid: int) -> bool:
        while pid > 1:
            pid = parents.get(pid, 0)
            if pid == me:
                return True
        return False

    return sum(seconds for pid, seconds in times.items() if below_me(pid))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--label", default="")
    parser.add_argument("--loads", type=int, default=5, help="warm loads a page, for its CPU time (median)")
    args = parser.parse_args(argv)
    print(f"| page {args.label} | KB transferred | requests | DOM elements | Chromium CPU ms a warm load |")
    print("| --- | --- | --- | --- | --- |")
    for kind, (size, requests, elements, cpu) in measure(args.site, args.loads).items():
        shown = "n/a" if cpu is None else f"{cpu * 1000:.0f}"
        print(f"| {kind} | {size / 1000:.1f} | {requests} | {elements:,} | {shown} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
