"""What each kind of page costs a reader: bytes transferred and DOM size, in Chromium.

    python -m under_constraint.bench.bench_pages SITE_DIR [--label NAME]

Serves a built site on loopback and loads one page of each kind with an empty cache,
adding up every response body (HTML, CSS, scripts, fonts, images; search's index is
not fetched until the reader searches). Prints a Markdown table, for before/after
comparisons in a note or the README.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from playwright.sync_api import sync_playwright

from under_constraint.bench.scratch_project import CHROMIUM, CHROMIUM_ARGS, serve_folder

PAGES = {"essay": "", "gallery": "cases/", "case": "cases/{slug}/", "term": "constraints/money/",
         "group": "constraints/"}


def measure(site: Path) -> dict[str, tuple[int, int, int]]:
    """Page kind -> (bytes transferred, requests, DOM elements)."""
    slug = json.loads((site / "cases.json").read_text(encoding="utf-8"))[0]["slug"]
    results = {}
    with serve_folder(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for kind, path in PAGES.items():
            context = browser.new_context(viewport={"width": 1280, "height": 800})
            page = context.new_page()
            sizes: list[int] = []
            page.on("requestfinished", lambda request, sizes=sizes: sizes.append(
                request.sizes()["responseBodySize"]))
            page.goto(f"{base}/{path.format(slug=slug)}", wait_until="networkidle")
            elements = page.evaluate("document.getElementsByTagName('*').length")
            results[kind] = (sum(sizes), len(sizes), elements)
            context.close()
        browser.close()
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--label", default="")
    args = parser.parse_args(argv)
    print(f"| page {args.label} | KB transferred | requests | DOM elements |")
    print("| --- | --- | --- | --- |")
    for kind, (size, requests, elements) in measure(args.site).items():
        print(f"| {kind} | {size / 1000:.1f} | {requests} | {elements:,} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
