"""Write the site as a plain MkDocs project that builds without the project's hooks.

    python -m under_constraint.tools.make_pages [OUT]     # default: pages/

OUT gets `mkdocs.yml` (the project's, less hooks, template overrides and watch),
`docs/` with the essay and the other hand-written pages, and every generated page as a
Markdown file with front matter. `mkdocs build -f OUT/mkdocs.yml` then builds it, and
so could any engine that reads MkDocs projects. Exit status 1 when a case is invalid.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
from pathlib import Path

import yaml

from under_constraint.cases.load import load_collection
from under_constraint.paths import PROJECT_ROOT
from under_constraint.site import urls
from under_constraint.site.data_export import data_files
from under_constraint.site.figures import FIGURES_FILE
from under_constraint.site.placeholders import figure_snippets, fill_placeholders, placeholder_values
from under_constraint.site.plain_pages import gallery_markdown, plain_pages

_TEMPLATE_LINE = re.compile(r"^template: .*\n", re.MULTILINE)
# Settings that name the project's own hooks, templates or folders.
_ADAPTER_SETTINGS = ("hooks", "watch")


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, keeping each `!ENV [NAME, default]` as its default."""


_ConfigLoader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])


def read_mkdocs_yml(path: Path) -> dict:
    """mkdocs.yml as plain data, to write a variant of it (no validation, no plugins loaded)."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader)


def write_project(out: Path, root: Path = PROJECT_ROOT) -> int:
    """Write the plain project into `out`; return the number of case pages."""
    collection = load_collection(root / "cases")
    if collection.errors:
        raise ValueError("\n".join(problem.format() for problem in collection.errors))
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(root / "docs", out / "docs")
    values, figures = placeholder_values(collection.cases), figure_snippets(root / "docs")
    for page in (out / "docs").rglob("*.md"):
        text = _TEMPLATE_LINE.sub("", page.read_text(encoding="utf-8"), count=1)
        page.write_text(fill_placeholders(text, values, figures), encoding="utf-8")
    (out / "docs" / FIGURES_FILE).unlink(missing_ok=True)
    site_url = read_mkdocs_yml(root / "mkdocs.yml").get("site_url") or "/"
    for name, text in data_files(collection.cases, site_url).items():
        (out / "docs" / name).write_text(text, encoding="utf-8", newline="")
    gallery = out / "docs" / urls.GALLERY_URI
    gallery.write_text(gallery.read_text(encoding="utf-8") + "\n\n" + gallery_markdown(collection.cases) + "\n",
                       encoding="utf-8")
    for uri, text in plain_pages(collection.cases, collection.taxonomy).items():
        target = out / "docs" / uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    shutil.copy2(root / "CONTRIBUTING.md", out / "docs" / urls.CONTRIBUTING_URI)
    config = read_mkdocs_yml(root / "mkdocs.yml")
    for key in _ADAPTER_SETTINGS:
        config.pop(key, None)
    config["theme"].pop("custom_dir", None)
    # The site's stylesheets and scripts are for the project's templates; plain pages do without.
    config.pop("extra_javascript", None)
    (out / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return len(collection.cases)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make_pages", description=__doc__.split("\n\n")[0])
    parser.add_argument("out", nargs="?", type=Path, default=PROJECT_ROOT / "pages")
    args = parser.parse_args(argv)
    try:
        count = write_project(args.out)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"wrote {count} case pages and the rest of the site to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
