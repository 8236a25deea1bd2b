"""Compare search-index options for the site at scale: bytes on disk and bytes a first search downloads.

    .venv/bin/python -m under_constraint.bench.bench_search                 # 1,000 cases
    .venv/bin/python -m under_constraint.bench.bench_search --cases 5000 --keep

On one scratch project of N synthetic cases (see bench_gallery.make_project) it builds:
- our site, whose Material search index holds a case's summary, people, place and
  keywords only;
- the plain site (bench.make_plain_project): the same pages without our hooks, so
  Material's search index holds every page's full text;
- the plain site again with other `plugins: search:` settings (pipeline, separator,
  lang), to show whether they change what the index file holds;
- if Pagefind is installed, a Pagefind bundle over our site and over the plain site.

For each option it reports the search files on disk, and the bytes a reader's
Chromium downloads for one search ("signal", then the data of the first five
results), raw and at gzip -6, since GitHub Pages serves gzip and the local server
here does not. It then probes whether Pagefind still searches under our pages'
Content-Security-Policy, with and without its web worker and `'wasm-unsafe-eval'`.

Pagefind is not a dependency of the project; to measure it, install it in the venv:
    .venv/bin/pip install 'pagefind[bin]'

A measuring script, not a test: it prints figures, sets no pass mark and exits 0.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml
from playwright.sync_api import Browser, expect, sync_playwright

from under_constraint.bench.bench import make_plain_project
from under_constraint.bench.bench_gallery import build_site, make_project
from under_constraint.bench.scratch_project import CHROMIUM, CHROMIUM_ARGS, scratch_folder, serve_folder

QUERY = "signal"  # one of bench_gallery.WORDS, so it occurs in most synthetic cases
RESULTS = 5
INSTALL_HINT = "Pagefind not installed, skipped: .venv/bin/pip install 'pagefind[bin]' to measure it"
# Material's search: the index, its search worker and lunr with its language files.
MATERIAL_PARTS = ("search", "assets/javascripts/workers", "assets/javascripts/lunr")
SETTINGS_VARIANTS = {
    "pipeline: [trimmer]": {"pipeline": ["trimmer"]},
    r"separator: '[\s\-\.]+'": {"separator": r"[\s\-\.]+"},
    "lang: [en, de]": {"lang": ["en", "de"]},
}
# Text Material puts in every page outside its <nav>, <header> and <footer> (the skip
# link, the back-to-top button), and text from its footer: which of it Pagefind indexes.
CHROME_WORDS = {"skip": "'Skip to content'", "top": "'Back to top'", "licensed": "footer copyright"}


@dataclass
class Option:
    name: str
    files: int = 0
    disk: int = 0
    disk_gzip: int = 0
    requests: int = 0
    served: int = 0
    served_gzip: int = 0
    results: str = ""
    extra: dict = field(default_factory=dict)


def main() -> int:
    args = _parse_args()
    with scratch_folder("uc-bench-search-", keep=args.keep) as work:
        run(args, work)
    return 0


def _parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=1000, help="how many synthetic cases (default 1000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed for the synthetic cases")
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects and sites")
    parser.add_argument("--variants", type=int, default=len(SETTINGS_VARIANTS),
                        help=f"how many `plugins: search:` variants to build (default all {len(SETTINGS_VARIANTS)})")
    return parser.parse_args()


def run(args: argparse.Namespace, work: Path) -> None:
    ours = make_project(work / "ours", args.cases, random.Random(args.seed))
    plain = make_plain_project(ours, work / "plain")
    sites = {"ours": work / "site-ours", "plain": work / "site-plain"}
    for name, project in (("ours", ours), ("plain", plain)):
        print(f"built {name} site in {build_site(project, sites[name]):.1f} s", flush=True)
    variants = build_settings_variants(plain, work, args.variants)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        options = [material_option("Material, full text (plain build)", sites["plain"], browser),
                   material_option("Material, our build (summary, people, place, keywords)", sites["ours"], browser)]
        version = pagefind_version()
        if version is None:
            print(INSTALL_HINT)
        else:
            print(f"Pagefind {version}")
            for name, label in (("ours", "Pagefind over our site"), ("plain", "Pagefind over plain site")):
                options.append(pagefind_option(label, sites[name], browser))
        csp_rows = csp_probe(sites["ours"], browser) if version is not None else []

    print_options(args.cases, options)
    print_variants(sites["plain"], variants)
    if version is not None:
        print_pagefind_notes(options)
        print_csp(csp_rows)


# --- building -------------------------------------------------------------------------


def build_settings_variants(plain: Path, work: Path, count: int) -> dict[str, Path]:
    """The plain project built once more for each of the first `count` `plugins: search:` settings."""
    config_path = plain / "mkdocs.yml"
    original = config_path.read_text(encoding="utf-8")
    sites = {}
    try:
        for index, (label, settings) in enumerate(list(SETTINGS_VARIANTS.items())[:count]):
            config = yaml.safe_load(original)
            config["plugins"] = [{"search": settings} if plugin == "search" else plugin for plugin in config["plugins"]]
            config_path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
            sites[label] = work / f"site-plain-{index}"
            print(f"built plain site with {label} in {build_site(plain, sites[label]):.1f} s", flush=True)
    finally:
        config_path.write_text(original, encoding="utf-8")
    return sites


def pagefind_version() -> str | None:
    """Pagefind's version, or None if `python -m pagefind` cannot run (not installed, no binary)."""
    try:
        result = subprocess.run([sys.executable, "-m", "pagefind", "--version"],
                                capture_output=True, text=True, check=False, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout.split()[-1] if result.returncode == 0 and result.stdout.strip() else None


def index_with_pagefind(site: Path) -> float:
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), "--quiet"],
                            capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"pagefind failed:\n{result.stderr[-3000:]}")
    return time.perf_counter() - started


# --- sizes ----------------------------------------------------------------------------


def gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6))


def on_disk(option: Option, folders: list[Path]) -> None:
    files = [file for folder in folders for file in folder.rglob("*") if file.is_file()]
    option.files = len(files)
    option.disk = sum(file.stat().st_size for file in files)
    option.disk_gzip = sum(gzip_size(file) for file in files)


def downloaded(option: Option, site: Path, bodies: dict[str, int]) -> None:
    """Bytes as served (this server sends no gzip) and the same files at gzip -6."""
    option.requests = len(bodies)
    option.served = sum(bodies.values())
    option.served_gzip = sum(gzip_size(site / path.lstrip("/")) for path in bodies)


# --- measuring in Chromium ------------------------------------------------------------


@contextmanager
def browser_page(browser: Browser, site: Path, **context_options) -> Iterator[tuple]:
    """A fresh browser context (so an empty cache) on a page served from `site`, and its responses."""
    with serve_folder(site) as base:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, **context_options)
        try:
            responses = []
            # On the context, not the page: Pagefind and Material fetch from web workers too.
            context.on("response", lambda response: responses.append(response))
            yield context.new_page(), base, responses
        finally:
            context.close()


def bodies_under(responses: list, base: str, prefixes: tuple[str, ...]) -> dict[str, int]:
    bodies = {}
    for response in responses:
        path = unquote(urlsplit(response.url).path)
        if response.url.startswith(base) and path.startswith(prefixes):
            bodies[path] = len(response.body())
    return bodies


def material_option(name: str, site: Path, browser: Browser) -> Option:
    option = Option(name)
    on_disk(option, [site / part for part in MATERIAL_PARTS])
    with browser_page(browser, site) as (page, base, responses):
        # Material fetches the index as soon as a page loads, before any search; results
        # show only once the index and the worker are in, so every search request is counted.
        page.goto(f"{base}/")
        # Typing before the worker is ready is lost, so wait for Material's prompt first;
        # then wait for its result line, which also covers "No matching documents".
        meta = page.locator(".md-search-result__meta")
        page.click("input.md-search__input")
        expect(meta).to_contain_text("Type", timeout=30_000)
        # Material reads the query on key events, which fill() does not send.
        page.locator("input.md-search__input").press_sequentially(QUERY)
        expect(meta).to_contain_text(re.compile("matching document", re.IGNORECASE), timeout=30_000)
        option.results = page.inner_text(".md-search-result__meta")
        downloaded(option, site, bodies_under(responses, base, tuple(f"/{part}/" for part in MATERIAL_PARTS)))
    return option


PAGEFIND_SEARCH = """async ([query, count]) => {
  const pagefind = await import('/pagefind/pagefind.js');
  const search = await pagefind.search(query);
  await Promise.all(search.results.slice(0, count).map((result) => result.data()));
  return search.results.length;
}"""
PAGEFIND_COUNTS = """async ([query, words]) => {
  const pagefind = await import('/pagefind/pagefind.js');
  const counts = {};
  for (const word of words) counts[word] = (await pagefind.search(word)).results.length;
  const pages = await Promise.all((await pagefind.search(query)).results.map((result) => result.data()));
  counts.listings = pages.filter((page) => !/^\\/cases\\/[^/]+\\/$/.test(page.url)).length;
  return counts;
}"""


def pagefind_option(name: str, site: Path, browser: Browser) -> Option:
    option = Option(name)
    option.extra["index_s"] = index_with_pagefind(site)
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    option.extra["pages"] = sum(language["page_count"] for language in entry["languages"].values())
    on_disk(option, [site / "pagefind"])
    # The CSP is probed on its own (csp_probe); here only the bytes count.
    with browser_page(browser, site, bypass_csp=True) as (page, base, responses):
        page.goto(f"{base}/")
        page.wait_for_load_state("networkidle")
        before = len(responses)
        # The search resolves after its last fetch, so every request it made is in by then.
        option.results = f"{page.evaluate(PAGEFIND_SEARCH, [QUERY, RESULTS]):,} pages"
        downloaded(option, site, bodies_under(responses[before:], base, ("/pagefind/",)))
        # After the measured search, so that the chunks these load are not counted in it.
        option.extra["hits"] = page.evaluate(PAGEFIND_COUNTS, [QUERY, list(CHROME_WORDS)])
    return option


CSP_SEARCH = """async ([query, noWorker]) => {
  const pagefind = await import('/pagefind/pagefind.js');
  await pagefind.options({noWorker});
  return (await pagefind.search(query)).results.length;
}"""


def csp_probe(site: Path, browser: Browser) -> list[tuple[str, str, str]]:
    """Pagefind on a real case page under its own policy, and under that policy plus 'wasm-unsafe-eval'.

    Both with Pagefind's web worker (its default) and without it (`noWorker`, also
    what it falls back to when the worker fails). The copy sits beside the page, so
    that its relative links and the hashes of its inline scripts still hold.
    """
    page_path = sorted((site / "cases").glob("*/index.html"))[0]
    html = page_path.read_text(encoding="utf-8")
    relaxed = page_path.with_name("csp-wasm.html")
    relaxed.write_text(html.replace("script-src 'self'", "script-src 'self' 'wasm-unsafe-eval'", 1), encoding="utf-8")
    url = "/" + page_path.parent.relative_to(site).as_posix() + "/"
    rows = []
    for policy, path in (("site policy (script-src 'self' + hashes)", url),
                         ("site policy + 'wasm-unsafe-eval'", url + relaxed.name)):
        for no_worker in (False, True):
            where = "main thread (noWorker)" if no_worker else "web worker (default)"
            rows.append((policy, where, _search_under_policy(browser, site, path, no_worker)))
    relaxed.unlink()
    return rows


def _search_under_policy(browser: Browser, site: Path, path: str, no_worker: bool) -> str:
    with browser_page(browser, site) as (page, base, _):
        errors = []
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        page.goto(base + path)
        try:
            return f"works, {page.evaluate(CSP_SEARCH, [QUERY, no_worker]):,} results"
        except Exception as error:  # whatever the page throws is the finding, reported as such
            lines = [line.strip() for line in (errors or [str(error)])[0].splitlines() if line.strip()]
            return "FAILS: " + " / ".join(lines[:2])[:400]


# --- printing -------------------------------------------------------------------------


def print_options(cases: int, options: list[Option]) -> None:
    print(f"\nSearch options at {cases:,} synthetic cases; first search = '{QUERY}' and the data of "
          f"the first {RESULTS} results, in a fresh Chromium\n")
    header = ("option", "files", "on disk B", "on disk gz B", "requests", "downloaded B", "downloaded gz B",
              f"results for '{QUERY}'")
    rows = [(o.name, f"{o.files:,}", f"{o.disk:,}", f"{o.disk_gzip:,}", f"{o.requests:,}", f"{o.served:,}",
             f"{o.served_gzip:,}", o.results) for o in options]
    print_table(header, rows)
    print("\non disk: Material = search/ + assets/javascripts/workers/ + assets/javascripts/lunr/; "
          "Pagefind = pagefind/ (with its unused UI files).")
    print("downloaded: bodies of the search requests as served here (no gzip); gz = the same files at gzip -6.")


def print_variants(default_site: Path, variants: dict[str, Path]) -> None:
    print("\nMaterial's `plugins: search:` settings and the index file (plain full-text build)\n")
    baseline = default_site / "search" / "search_index.json"
    base_size = baseline.stat().st_size
    rows = [("defaults", f"{base_size:,}", f"{gzip_size(baseline):,}", "0")]
    for label, site in variants.items():
        index = site / "search" / "search_index.json"
        rows.append((label, f"{index.stat().st_size:,}", f"{gzip_size(index):,}",
                     f"{index.stat().st_size - base_size:+,}"))
    print_table(("settings", "search_index.json B", "gz B", "vs defaults B"), rows)


def print_pagefind_notes(options: list[Option]) -> None:
    print("\nPagefind details\n")
    rows = []
    for option in options:
        if "pages" not in option.extra:
            continue
        hits = option.extra["hits"]
        rows.append((option.name, f"{option.extra['index_s']:.1f}", f"{option.extra['pages']:,}",
                     f"{hits['listings']:,}", *(f"{hits[word]:,}" for word in CHROME_WORDS)))
    print_table(("option", "index s", "pages indexed", f"results for '{QUERY}' not a case page",
                 *(f"pages with '{word}' ({where})" for word, where in CHROME_WORDS.items())), rows)


def print_csp(rows: list[tuple[str, str, str]]) -> None:
    print("\nPagefind under our Content-Security-Policy (a real case page, Chromium)\n")
    print_table(("policy", "where Pagefind runs its WebAssembly", "search"), rows)


def print_table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    print(" | ".join(header))
    print(" | ".join("---" for _ in header))
    for row in rows:
        print(" | ".join(row))


if __name__ == "__main__":
    raise SystemExit(main())
