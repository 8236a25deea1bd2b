"""The serve bench still runs: at a tiny size, reading the table it prints.

It sets no pass mark on speed; this only checks that it builds, serves, sees an edit
arrive and stops its server, also when run as a background job.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import ROOT

pytestmark = pytest.mark.build


# As a shell runs a command in the background (`make test &`): Ctrl-C ignored.
AS_A_BACKGROUND_JOB = """
import runpy, signal, sys
signal.signal(signal.SIGINT, signal.SIG_IGN)
sys.argv = ["bench_serve", *sys.argv[1:]]
runpy.run_module("under_constraint.bench.bench_serve", run_name="__main__")
"""


def test_the_serve_bench_times_a_build_and_an_edit():
    result = subprocess.run(
        [sys.executable, "-c", AS_A_BACKGROUND_JOB, "--sizes", "3", "--repeat", "1", "--timeout", "300"],
        cwd=ROOT, capture_output=True, text=True, timeout=600, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    # The server stops on Ctrl-C even so, instead of being killed 30 s later.
    assert "killed" not in result.stderr, result.stderr[-3000:]
    header = next(line for line in result.stdout.splitlines() if line.startswith("size |"))
    row = next(line for line in result.stdout.splitlines() if line.startswith("3 |"))
    cells = [cell.strip() for cell in row.split("|")]
    assert len(cells) == len(header.split("|"))
    assert cells[1] == "3" and all(float(cell) > 0 for cell in cells[2:])
    assert "Targets (issue)" in result.stdout
