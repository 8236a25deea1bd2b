"""What the hand-written pages in docs/ may ask the build to put in: the collection's
numbers, the data fields and the essay's figures.

Shared by the MkDocs adapter and `make pages`, so both builds fill in the same text.
"""

from __future__ import annotations

from pathlib import Path

from under_constraint.cases.model import Case
from under_constraint.site import data_export, essay, figures, pages, urls


def placeholder_values(cases: list[Case]) -> dict[str, str]:
    return {**essay.collection_counts([case.outcome for case in cases]),
            "data_fields": data_export.render_field_table(),
            "dataset_version": data_export.dataset_version(cases)}


def figure_snippets(docs_dir: Path) -> dict[str, str]:
    """Each figure of docs/figures.yml as HTML, by name; ValueError names a bad field."""
    path = docs_dir / figures.FIGURES_FILE
    if not path.exists():
        return {}
    return {key: figures.figure_html(figure, key) for key, figure in figures.load_figures(path).items()}


def data_files(cases: list[Case], site_url: str) -> dict[str, str]:
    """The collection as downloadable data, by file name in the site."""
    return {urls.CASES_JSON: pages.render_cases_json(cases, site_url),
            urls.CASES_CSV: data_export.render_cases_csv(cases, site_url)}
