"""Which page gets which preview image (og:image), and where the images are kept.

A preview is drawn once per distinct text and kept in a cache outside the site, named
by its content key, so a rebuild (or another copy of the project) copies it instead of
drawing it again; `preview_images` does the drawing.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from under_constraint import user_cache
from under_constraint.cases.model import Case
from under_constraint.cases.taxonomy import Taxonomy
from under_constraint.site import gallery_views, urls
from under_constraint.site.preview_images import Preview, content_key, write_preview

PREVIEWS_DIR = "assets/previews"
SIZE = (1200, 630)
_GROUP_NAMES = {"constraints": "Constraint", "moves": "Move", "domains": "Domain"}


def cache_dir() -> Path:
    """Where drawn previews are kept between builds."""
    return user_cache.folder("previews")


def preview_path(src_uri: str) -> str:
    """The image's path in the site for a page's source URI: cases/x.md -> assets/previews/cases/x.png."""
    stem = src_uri[: -len(".md")] if src_uri.endswith(".md") else src_uri
    return f"{PREVIEWS_DIR}/{stem}.png"


def page_previews(cases: list[Case], taxonomy: Taxonomy, site_name: str,
                  pages: dict[str, str]) -> dict[str, Preview]:
    """A preview for every case, term and group page and for the hand-written pages.

    `pages` maps the other pages' source URIs to their titles (the essay, the gallery...).
    """
    previews = {uri: Preview(_kicker_for(uri, len(cases)), title, site_name) for uri, title in pages.items()}
    for case in cases:
        domain = taxonomy.group("domains")[case.domain].label
        kicker = f"Case · {gallery_views.format_year(case.year)} · {domain}"
        previews[urls.case_uri(case.slug)] = Preview(kicker, case.title, site_name)
    for group, name in _GROUP_NAMES.items():
        for term in taxonomy.group(group).values():
            previews[urls.term_uri(group, term.key)] = Preview(name, f"{term.label}: {term.description}", site_name)
    return previews


def write_previews(previews: dict[str, Preview], site_dir: Path, font_dir: Path,
                   cache: Path | None = None) -> tuple[int, int]:
    """Put every preview into the site, drawing only those not already in the cache.

    Returns (drawn, reused).
    """
    cache = _writable(cache or cache_dir())
    drawn = reused = 0
    for uri, preview in previews.items():
        target = site_dir / preview_path(uri)
        # Without a cache to keep them in (a read-only home), each is drawn into the site.
        kept = cache / f"{content_key(preview)}.png" if cache else target
        if write_preview(preview, kept, font_dir):
            drawn += 1
        else:
            reused += 1
        if kept != target:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(kept, target)
    return drawn, reused


def _writable(folder: Path) -> Path | None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return folder if os.access(folder, os.W_OK) else None


def _kicker_for(uri: str, count: int) -> str:
    if uri == urls.ESSAY_URI:
        return "Essay"
    if uri == urls.GALLERY_URI:
        return f"Gallery · {count:,} cases"
    return "Under Constraint"
