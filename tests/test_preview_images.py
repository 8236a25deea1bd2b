"""Social preview images: size, stable bytes, a long title kept inside, redraws only on change."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageFont

from under_constraint.site import preview_images
from under_constraint.site.preview_images import Preview, draw_preview, layout_title, write_preview

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "docs" / "assets" / "fonts"

SHORT = Preview("Case · 1970 · Space", "Apollo 13: a square filter in a round hole", "Under Constraint")
LONG = Preview(
    "Case · 2025 · Computing · Export controls · Memory bandwidth · Cheap inference",
    " ".join(["A deliberately long title about training a frontier model on export-limited accelerators"] * 4),
    "Under Constraint",
)


def _image(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


@pytest.mark.parametrize("name", [preview_images.REGULAR, preview_images.ITALIC, preview_images.BOLD])
def test_shipped_woff2_fonts_load_in_freetype(name):
    family, _ = ImageFont.truetype(str(FONTS / name), 40).getname()
    assert family == "Source Serif 4"


def test_preview_is_1200_by_630_png():
    image = _image(draw_preview(SHORT, FONTS))
    assert image.format == "PNG"
    assert image.size == (1200, 630)


def test_same_input_gives_same_bytes():
    assert draw_preview(LONG, FONTS) == draw_preview(LONG, FONTS)


def test_different_title_gives_different_bytes():
    assert draw_preview(SHORT, FONTS) != draw_preview(Preview(SHORT.kicker, "Another title", SHORT.footer), FONTS)


def test_long_title_is_wrapped_cut_with_ellipsis_and_stays_inside():
    layout = layout_title(LONG.title, FONTS)
    assert len(layout.lines) == preview_images.MAX_TITLE_LINES
    assert layout.lines[-1].endswith(preview_images.ELLIPSIS)
    font = ImageFont.truetype(str(FONTS / preview_images.BOLD), layout.size)
    usable = preview_images.WIDTH - 2 * preview_images.MARGIN
    assert all(font.getlength(line) <= usable for line in layout.lines)

    image = _image(draw_preview(LONG, FONTS)).convert("RGB")
    paper = Image.new("RGB", image.size, preview_images.PAPER)
    left, top, right, bottom = ImageChops.difference(image, paper).getbbox()
    margin = preview_images.MARGIN
    # A couple of pixels of slack for antialiasing and glyph overhang.
    assert left >= margin - 3
    assert right <= image.width - margin + 3
    assert top >= margin - 3
    assert bottom <= image.height - margin + 20


def test_short_title_gets_the_largest_size():
    layout = layout_title(SHORT.title, FONTS)
    assert layout.size == preview_images.TITLE_SIZES[0]
    assert " ".join(layout.lines) == SHORT.title


def test_unbreakable_word_is_split_to_fit():
    word = "Supercalifragilisticexpialidocious" * 3
    layout = layout_title(word, FONTS)
    assert len(layout.lines) > 1
    assert "".join(layout.lines) == word


def test_letters_outside_the_latin_subset_lose_their_accents():
    assert preview_images.drawable("Dvořák in Łódź") == "Dvorák in Lódz"
    assert preview_images.drawable("two\n  lines") == "two lines"


def test_write_preview_skips_unchanged_and_redraws_changed(tmp_path):
    path = tmp_path / "previews" / "apollo.png"
    assert write_preview(SHORT, path, FONTS) is True
    first = path.read_bytes()
    assert write_preview(SHORT, path, FONTS) is False
    assert path.read_bytes() == first

    changed = Preview(SHORT.kicker, SHORT.title + ", again", SHORT.footer)
    assert write_preview(changed, path, FONTS) is True
    assert path.read_bytes() != first
    assert write_preview(changed, path, FONTS) is False
    assert list(path.parent.iterdir()) == [path]


def test_design_version_change_redraws(tmp_path, monkeypatch):
    path = tmp_path / "apollo.png"
    write_preview(SHORT, path, FONTS)
    monkeypatch.setattr(preview_images, "DESIGN_VERSION", preview_images.DESIGN_VERSION + "-next")
    assert write_preview(SHORT, path, FONTS) is True


@pytest.mark.parametrize("content", [b"", b"not a png", b"\x89PNG\r\n\x1a\n"])
def test_unreadable_existing_file_is_redrawn(tmp_path, content):
    path = tmp_path / "apollo.png"
    path.write_bytes(content)
    assert write_preview(SHORT, path, FONTS) is True
    assert _image(path.read_bytes()).size == (1200, 630)


def test_png_without_key_is_redrawn(tmp_path):
    path = tmp_path / "apollo.png"
    Image.new("RGB", (1200, 630)).save(path)
    assert write_preview(SHORT, path, FONTS) is True
    assert preview_images.stored_key(path) == preview_images.content_key(SHORT)


@pytest.mark.parametrize("preview", [SHORT, LONG])
def test_file_is_under_120_kb(preview):
    assert len(draw_preview(preview, FONTS)) < 120 * 1024
