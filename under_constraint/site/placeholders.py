"""What the hand-written pages in docs/ may ask the build to put in: the collection's
numbers (`{{ case_count }}`), the data fields (`{{ data_fields }}`) and the essay's
figures (`{{ figure:interconnect }}`).

Shared by the MkDocs adapter and `make pages`, so both builds fill in the same text.
Counts are never typed in the essay: they would be wrong after the next merged case.
"""

from __future__ import annotations

import re
from pathlib import Path

from under_constraint.cases.model import Case
from under_constraint.site import data_export, figures

PLACEHOLDER = re.compile(r"\{\{\s*([a-z_]+)(?::([a-z0-9-]+))?\s*\}\}")


class PlaceholderError(ValueError):
    def __init__(self, line: int, message: str):
        super().__init__(f"line {line}: {message}")
        self.line = line


def placeholder_values(cases: list[Case]) -> dict[str, str]:
    counter_cases = sum(1 for case in cases if case.outcome != "worked")
    return {"case_count": f"{len(cases):,}", "counter_case_count": f"{counter_cases:,}",
            "data_fields": data_export.render_field_table(),
            "dataset_version": data_export.dataset_version(cases)}


def figure_snippets(docs_dir: Path) -> dict[str, str]:
    """Each figure of docs/figures.yml as HTML, by name; ValueError names a bad field."""
    path = docs_dir / figures.FIGURES_FILE
    if not path.exists():
        return {}
    return {key: figures.figure_html(figure, key) for key, figure in figures.load_figures(path).items()}


def fill_placeholders(markdown: str, values: dict[str, str], snippets: dict[str, str]) -> str:
    """The page with each value and figure put in; an unknown placeholder is an error."""
    def replace(match: re.Match) -> str:
        name, argument = match.group(1), match.group(2)
        line = markdown.count("\n", 0, match.start()) + 1
        if name == "figure" and argument is not None:
            if argument not in snippets:
                raise PlaceholderError(line, f"no figure '{argument}' in docs/{figures.FIGURES_FILE} (there are: "
                                             f"{', '.join(sorted(snippets)) or 'none'})")
            return snippets[argument]
        if argument is None and name in values:
            return values[name]
        raise PlaceholderError(line, f"unknown placeholder '{match.group(0)}': use "
                                     f"{', '.join('{{ ' + key + ' }}' for key in values)} or {{{{ figure:NAME }}}}")

    return PLACEHOLDER.sub(replace, markdown)
