"""Measure how soon `mkdocs serve` shows an edit to a case, beside a full build.

    .venv/bin/python -m under_constraint.bench.bench_serve                        # the real cases and 1,000
    .venv/bin/python -m under_constraint.bench.bench_serve --sizes real,1000 --repeat 3
    .venv/bin/python -m under_constraint.bench.bench_serve --sizes 1000 --serve-args=--dirty

For each size (`real`: a copy of the project; a number N: a scratch project with N
synthetic cases, made as bench_gallery makes them) it measures:
- full build: wall-clock seconds of `mkdocs build --strict` on that project, with the
  preview images already in the cache (a scratch cache, filled by one build first);
- edit-to-reload: with `mkdocs serve --livereload` running on the project (as
  `make serve` starts it), the seconds from writing a new title into one case file
  to the moment the case page, fetched every 30 ms, carries that title;
- reload signal: the seconds from the same write to the moment the live-reload long
  poll (`/livereload/<epoch>/<id>`, asked before the write, as an open page asks it)
  answers with a newer epoch, which is when an open browser reloads.

Medians of `--repeat` runs each. The server's own "Documentation built in X seconds"
lines are reported too. `--serve-args` passes further options to `mkdocs serve`
(for instance `--dirty`), so that serve modes can be compared.

A measuring script, not a test: it prints figures beside the issue's targets and sets
no pass mark. It exits non-zero only when a step fails or times out.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from under_constraint.bench.bench_gallery import make_project
from under_constraint.bench.scratch_project import copy_project, scratch_folder
from under_constraint.bench.serve_process import EPOCH, BenchError, Server, fetch

POLL_SECONDS = 0.03
# The targets: with the real collection an open page shows an edit within 2 s;
# at 1,000 cases, edit-to-reload takes at most a third of a full build.
REAL_TARGET_SECONDS = 2.0
SCALE_TARGET_SIZE = 1000
SCALE_TARGET_RATIO = 1 / 3
BUILT = re.compile(r"Documentation built in ([\d.]+) seconds")
TITLE_LINE = re.compile(r"^title: .*$", flags=re.M)


@dataclass
class Row:
    size: str
    cases: int
    builds: list[float] = field(default_factory=list)
    reloads: list[float] = field(default_factory=list)
    signals: list[float] = field(default_factory=list)
    build_cpu: list[float] = field(default_factory=list)
    rebuild_cpu: list[float] = field(default_factory=list)  # the server's CPU seconds from an edit to its reload
    cold_build: float = 0.0  # the first full build, with an empty preview-image cache
    serve_builds: list[float] = field(default_factory=list)  # from the server's log, the first one included
    change_detections: int = 0


def main() -> int:
    args = _parse_args()
    try:
        sizes = [_size(text) for text in args.sizes.split(",") if text.strip()]
    except ValueError as error:
        print(f"bench_serve: {error}", file=sys.stderr)
        return 2
    serve_args = shlex.split(args.serve_args)
    rows: list[Row] = []
    try:
        with scratch_folder("uc-bench-serve-", keep=args.keep) as work:
            for size in sizes:
                folder = work / str(size)
                project = make(size, folder / "project", args.seed)
                rows.append(measure(size, project, folder, args.repeat, serve_args, args.timeout))
                print_row(rows[-1], header=len(rows) == 1)
                if not args.keep:
                    shutil.rmtree(folder, ignore_errors=True)
    except BenchError as error:
        print(f"\nbench_serve: {error}", file=sys.stderr)
        return 1
    print_notes(rows, serve_args)
    return 0


def _parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="real,1000",
                        help="comma-separated: 'real' (a copy of the project) or a number of synthetic cases")
    parser.add_argument("--repeat", type=int, default=3, help="full builds and edits per size (median of)")
    parser.add_argument("--serve-args", default="", help="more options for `mkdocs serve`, e.g. --serve-args=--dirty")
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds any one step may take (default 900)")
    parser.add_argument("--seed", type=int, default=1, help="random seed for the synthetic cases")
    parser.add_argument("--keep", action="store_true", help="keep the scratch projects and the server logs")
    return parser.parse_args()


def _size(text: str) -> str | int:
    text = text.strip()
    if text == "real":
        return text
    if text.isdigit() and int(text) > 0:
        return int(text)
    raise ValueError(f"--sizes: expected 'real' or a positive number of cases, found {text!r}")


def make(size: str | int, target: Path, seed: int) -> Path:
    if size == "real":
        return copy_project(target)
    project = make_project(target, int(size), random.Random(seed))
    drop_practice_links(project / "cases" / "taxonomy.yml")
    return project


def drop_practice_links(taxonomy_file: Path) -> None:
    """Take out the taxonomy's `practice` notes, as the tests' small project does.

    They link to real cases, which a synthetic project lacks, and `--strict` fails on a link
    to a missing page.
    """
    taxonomy = yaml.safe_load(taxonomy_file.read_text(encoding="utf-8"))
    for group in taxonomy.values():
        for term in group.values():
            term.pop("practice", None)
    taxonomy_file.write_text(yaml.safe_dump(taxonomy, allow_unicode=True, sort_keys=False), encoding="utf-8")


# --- measuring ------------------------------------------------------------------------


def measure(size: str | int, project: Path, work: Path, repeat: int, serve_args: list[str], timeout: float) -> Row:
    cases = sorted(path for path in (project / "cases").glob("*.md") if not path.name.startswith("_"))
    if not cases:
        raise BenchError(f"size {size}: the project has no cases")
    row = Row(str(size), len(cases))
    # The build keeps drawn preview images in a cache between builds: one of this size's
    # own, so that the user's cache neither fills with synthetic cases nor warms these
    # figures. The first build fills it; the timed ones, and the server, find it full.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "UNDER_CONSTRAINT_CACHE": str(work / "cache")}
    row.cold_build, _ = full_build(project, work / "site", env, timeout)
    for _ in range(repeat):
        wall, cpu = full_build(project, work / "site", env, timeout)
        row.builds.append(wall)
        row.build_cpu.append(cpu)
    # A case from the middle of the collection, so neither end of any listing is favoured.
    case = cases[len(cases) // 2]
    log = work / "serve.log"
    with Server(project, log, serve_args, env) as server:
        page = f"{server.base}cases/{case.stem}/"
        server.wait_until_served(page, timeout)
        for run in range(repeat):
            reload, signal_seconds, cpu = edit_and_wait(server, case, page,
                                                        f"Serve bench edit {run + 1} {time.time_ns()}", timeout)
            row.reloads.append(reload)
            row.signals.append(signal_seconds)
            if cpu is not None:
                row.rebuild_cpu.append(cpu)
    text = log.read_text(encoding="utf-8", errors="replace")
    row.serve_builds = [float(seconds) for seconds in BUILT.findall(text)]
    row.change_detections = text.count("Detected file changes")
    return row


def full_build(project: Path, site: Path, env: dict[str, str], timeout: float) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one build: CPU time is steadier on a busy machine."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    try:
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                                cwd=project, capture_output=True, text=True, env=env, check=False, timeout=timeout)
    except subprocess.TimeoutExpired as error:
        raise BenchError(f"`mkdocs build --strict` took longer than {timeout:.0f} s") from error
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise BenchError(f"`mkdocs build --strict` failed in {project}:\n{result.stderr[-3000:]}")
    shutil.rmtree(site, ignore_errors=True)
    return seconds, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def edit_and_wait(server: Server, case: Path, page: str, title: str,
                  timeout: float) -> tuple[float, float, float | None]:
    """Write `title` into the case: seconds until the page shows it, until the reload signal, and
    the server's CPU seconds meanwhile (None where /proc cannot tell)."""
    html = fetch(page)
    found = EPOCH.search(html)
    if not found:
        raise BenchError(f"{page} carries no uc-livereload.js tag with a data-epoch: is live reload on?")
    epoch = int(found[1])
    signalled: list[float] = []
    connected = server.log_count("Browser connected")
    poller = threading.Thread(target=_long_poll, daemon=True,
                              args=(f"{server.base}livereload/{epoch}/{time.monotonic_ns()}", epoch, signalled,
                                    time.perf_counter() + timeout))
    poller.start()
    # The server logs each new long poll it holds: once it has, the write can go.
    server.wait_for_log("Browser connected", connected + 1, seconds=2.0)
    text = case.read_text(encoding="utf-8")
    new_text, replaced = TITLE_LINE.subn(f"title: {title}", text, count=1)
    if not replaced:
        raise BenchError(f"{case.name} has no 'title:' line to change")
    cpu_before = server.cpu_seconds()
    case.write_text(new_text, encoding="utf-8")
    written = time.perf_counter()
    deadline = written + timeout
    while title.encode() not in fetch(page, deadline - time.perf_counter()):
        server.check_running()
        if time.perf_counter() > deadline:
            raise BenchError(f"the edit to {case.name} did not reach {page} within {timeout:.0f} s")
        time.sleep(POLL_SECONDS)
    shown = time.perf_counter() - written
    poller.join(max(1.0, deadline - time.perf_counter()))
    cpu_after = server.cpu_seconds()
    if not signalled:
        raise BenchError(f"the live-reload poll for epoch {epoch} got no newer epoch within {timeout:.0f} s")
    cpu = None if cpu_before is None or cpu_after is None else cpu_after - cpu_before
    return shown, signalled[0] - written, cpu


def _long_poll(url: str, epoch: int, signalled: list[float], deadline: float) -> None:
    """Ask as an open page asks until the server answers with a newer epoch (it answers anyway after 60 s)."""
    while time.perf_counter() < deadline:
        try:
            answer = fetch(url, min(120.0, max(1.0, deadline - time.perf_counter())))
        except BenchError:
            time.sleep(0.5)
            continue
        if float(answer or 0) > epoch:
            signalled.append(time.perf_counter())
            return


COLUMNS = ("size", "cases", "full build s", "edit-to-reload s (median)", "reload signal s (median)",
           "ratio reload/full")


def print_row(row: Row, header: bool) -> None:
    if header:
        print(" | ".join(COLUMNS))
        print(" | ".join("---" for _ in COLUMNS))
    build, reload = statistics.median(row.builds), statistics.median(row.reloads)
    print(f"{row.size} | {row.cases:,} | {build:.1f} | {reload:.2f} | {statistics.median(row.signals):.2f} | "
          f"{reload / build:.3f}", flush=True)


def print_notes(rows: list[Row], serve_args: list[str]) -> None:
    print()
    mode = " ".join(["mkdocs serve --livereload", *serve_args])
    print(f"Medians of {len(rows[0].builds) if rows else 0} runs; serve mode: `{mode}`.")
    print(f"Targets (issue): with the real collection the open page shows an edit within "
          f"{REAL_TARGET_SECONDS:.0f} s; at {SCALE_TARGET_SIZE:,} cases edit-to-reload is at most a third "
          f"of a full build.")
    for row in rows:
        reload, build = statistics.median(row.reloads), statistics.median(row.builds)
        if row.size == "real":
            verdict = "met" if reload <= REAL_TARGET_SECONDS else "NOT met"
            print(f"  real: edit-to-reload {reload:.2f} s against {REAL_TARGET_SECONDS:.0f} s: {verdict}")
        elif row.size == str(SCALE_TARGET_SIZE):
            verdict = "met" if reload <= SCALE_TARGET_RATIO * build else "NOT met"
            print(f"  {SCALE_TARGET_SIZE:,}: edit-to-reload / full build = {reload / build:.3f} "
                  f"against {SCALE_TARGET_RATIO:.3f}: {verdict}")
    print("CPU seconds, steadier than wall-clock on a busy machine (medians): "
          "full build (a whole process) | serve rebuild (the server from an edit to its reload) | ratio")
    for row in rows:
        if row.build_cpu and row.rebuild_cpu:
            build_cpu, rebuild_cpu = statistics.median(row.build_cpu), statistics.median(row.rebuild_cpu)
            print(f"  {row.size}: {build_cpu:.1f} | {rebuild_cpu:.1f} | {rebuild_cpu / build_cpu:.3f}")
    print("Server log, 'Documentation built in X seconds' (first build, then each rebuild):")
    for row in rows:
        first, rest = (row.serve_builds[0], row.serve_builds[1:]) if row.serve_builds else (None, [])
        figures = ", ".join(f"{seconds:.2f}" for seconds in rest) or "none"
        print(f"  {row.size}: first {first if first is None else f'{first:.2f}'} s; rebuilds {figures} s; "
              f"full builds: {row.cold_build:.1f} s with an empty preview cache (not in the table), then "
              f"{', '.join(f'{seconds:.1f}' for seconds in row.builds)} s")
        if row.change_detections != len(row.reloads):
            print(f"  {row.size}: the server detected changes {row.change_detections} times "
                  f"for {len(row.reloads)} edits")


if __name__ == "__main__":
    sys.exit(main())
