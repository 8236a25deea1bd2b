"""The files that say how the work may be reused and cited agree with the site."""

from __future__ import annotations

import yaml

from conftest import ROOT
from under_constraint.site.data_export import DATASET_VERSION


def test_citation_cff_names_the_data_set_version_the_data_page_shows():
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["version"] == DATASET_VERSION
    assert cff["license"] == "CC-BY-4.0"


def test_the_licences_the_readme_promises_are_in_the_repository():
    assert "MIT License" in (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "creativecommons.org/licenses/by/4.0" in (ROOT / "LICENSE-CONTENT.md").read_text(encoding="utf-8")
