"""Which pages get preview images, and that a rebuild copies unchanged ones instead of drawing."""

from __future__ import annotations

from conftest import ROOT, real_collection
from under_constraint.site import previews, urls
from under_constraint.site.preview_images import Preview, content_key

FONTS = ROOT / "docs" / "assets" / "fonts"


def test_every_case_and_term_and_the_named_pages_get_a_preview():
    collection = real_collection()
    wanted = previews.page_previews(collection.cases, collection.taxonomy, "Under Constraint",
                                    {urls.ESSAY_URI: "The essay", urls.GALLERY_URI: "Gallery"})
    terms = sum(len(collection.taxonomy.group(group)) for group in ("constraints", "moves", "domains"))
    assert len(wanted) == len(collection.cases) + terms + 2
    assert wanted[urls.GALLERY_URI].kicker == f"Gallery · {len(collection.cases)} cases"
    assert previews.preview_path("cases/x.md") == "assets/previews/cases/x.png"


def test_a_rebuild_draws_only_the_previews_whose_text_changed(tmp_path):
    cache, site = tmp_path / "cache", tmp_path / "site"
    first = {"a.md": Preview("Case", "One", "Site"), "b.md": Preview("Case", "Two", "Site")}
    assert previews.write_previews(first, site, FONTS, cache) == (2, 0)
    assert previews.write_previews(first, site, FONTS, cache) == (0, 2)
    changed = {**first, "b.md": Preview("Case", "Two, renamed", "Site")}
    assert previews.write_previews(changed, site, FONTS, cache) == (1, 1)
    kept = cache / f"{content_key(changed['b.md'])}.png"
    assert (site / "assets/previews/b.png").read_bytes() == kept.read_bytes()


def test_with_nowhere_to_keep_them_previews_are_drawn_into_the_site(tmp_path):
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    site = tmp_path / "site"
    wanted = {"a.md": Preview("Case", "One", "Site")}
    assert previews.write_previews(wanted, site, FONTS, blocked / "cache") == (1, 0)
    assert (site / "assets/previews/a.png").stat().st_size > 0
