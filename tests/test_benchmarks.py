"""The measuring scripts still run: each at a tiny size, reading what it prints.

They set no pass marks (speed lives in their figures, not in tests), but a script
that no longer runs cannot produce the README's figures.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from conftest import ROOT

pytestmark = pytest.mark.build


def run_script(*args: str) -> str:
    result = subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True, timeout=600,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    return result.stdout


def table_row(output: str, first_cell: str) -> list[str]:
    line = next(line for line in output.splitlines() if line.startswith(first_cell + " |"))
    return [cell.strip() for cell in line.split("|")]


def test_the_scaling_bench_prints_its_table_and_ratios():
    output = run_script("-m", "under_constraint.bench.bench", "--sizes", "20", "--repeat", "1", "--build-repeat", "1")
    row = table_row(output, "20")
    assert len(row) == len(table_row(output, "N")) and float(row[4]) > 0 and float(row[5]) > 0  # both builds ran
    ratios = re.search(r"^N=20: validator / parse floor = ([\d.]+)x .* = ([\d.]+)x wall-clock", output, flags=re.M)
    assert ratios and all(float(ratio) > 0 for ratio in ratios.groups())


@pytest.mark.browser
def test_the_search_bench_compares_our_index_with_full_text(browser_type_launch_args):
    # The fixture skips (or, in CI, fails) when Debian's Chromium is missing.
    # One settings variant of three: the loop runs, at a third of its builds.
    output = run_script("-m", "under_constraint.bench.bench_search", "--cases", "20", "--variants", "1")
    full = table_row(output, "Material, full text (plain build)")
    ours = table_row(output, "Material, our build (summary, people, place, keywords)")
    downloaded = 5  # the "downloaded B" column
    assert 0 < int(ours[downloaded].replace(",", "")) < int(full[downloaded].replace(",", ""))
    variant = table_row(output, "pipeline: [trimmer]")
    assert int(variant[1].replace(",", "")) > 0  # its index was built and measured
