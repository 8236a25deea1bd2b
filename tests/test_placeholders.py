"""What docs/ pages may ask the build for, and what happens when they ask for anything else."""

from __future__ import annotations

import pytest

from conftest import real_collection
from under_constraint.site.placeholders import PlaceholderError, fill_placeholders, placeholder_values

CASES = real_collection().cases


def test_counts_come_from_the_collection():
    values = placeholder_values(CASES)
    assert values["case_count"] == f"{len(CASES):,}"
    assert values["counter_case_count"] == str(sum(case.outcome in ("mixed", "failed") for case in CASES))


def test_values_and_figures_are_put_in_place():
    text = "We hold {{ case_count }} cases.\n\n{{ figure:cost }}\n"
    assert fill_placeholders(text, {"case_count": "1,234"}, {"cost": "<figure></figure>"}) == (
        "We hold 1,234 cases.\n\n<figure></figure>\n")


@pytest.mark.parametrize(("text", "message"), [
    ("one\n\ntwo {{ cases }}", "line 3: unknown placeholder '{{ cases }}'"),
    ("{{ figure:missing }}", "line 1: no figure 'missing' in docs/figures.yml (there are: cost)"),
])
def test_an_unknown_placeholder_is_an_error_naming_its_line(text, message):
    with pytest.raises(PlaceholderError) as error:
        fill_placeholders(text, {"case_count": "1"}, {"cost": "<figure></figure>"})
    assert str(error.value).startswith(message)
