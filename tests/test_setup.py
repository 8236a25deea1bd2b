"""The two locks a fresh clone installs from: one for the site, one adding the tests."""

from __future__ import annotations

import re

from conftest import ROOT

SITE_LOCK = ROOT / "requirements.lock"
TEST_LOCK = ROOT / "requirements-test.lock"
_PIN = re.compile(r"^([A-Za-z0-9_.-]+)==(\S+)", re.MULTILINE)


def pins(path) -> dict[str, str]:
    return {name.lower(): version for name, version in _PIN.findall(path.read_text(encoding="utf-8"))}


def test_the_test_lock_holds_the_site_lock_at_the_same_versions():
    site, test = pins(SITE_LOCK), pins(TEST_LOCK)
    assert site and {name: test.get(name) for name in site} == site


def test_serving_installs_no_test_tool():
    site = pins(SITE_LOCK)
    assert not {"pytest", "playwright", "hypothesis", "ruff"} & set(site)


def test_no_lock_names_a_folder_or_index_of_one_machine():
    for lock in (SITE_LOCK, TEST_LOCK):
        options = [line for line in lock.read_text(encoding="utf-8").splitlines() if line.startswith("-")]
        assert options == [], f"{lock.name}: {options}"
