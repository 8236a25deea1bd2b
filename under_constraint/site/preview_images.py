"""Social preview images (Open Graph cards): a kicker, a title and a footer on a 1200x630 PNG.

Drawing is pure: the same preview gives the same bytes. Each PNG carries a content key
in a text chunk, so a rebuild reads that key back (Pillow parses text chunks ahead of
the pixel data without decoding it) and redraws only previews whose text changed.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tempfile
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, PngImagePlugin

# Bump when the drawing changes, so that every existing preview is drawn again.
DESIGN_VERSION = "1"
KEY_CHUNK = "uc-preview-key"

WIDTH, HEIGHT = 1200, 630
MARGIN = 80
PAPER = (248, 244, 236)
INK = (33, 29, 25)
MUTED = (110, 100, 90)
ACCENT = (230, 74, 25)

REGULAR = "source-serif-4-latin-400-normal.woff2"
ITALIC = "source-serif-4-latin-400-italic.woff2"
BOLD = "source-serif-4-latin-700-normal.woff2"

KICKER_SIZE = 26
# Tracking for the upper-case kicker, as a share of its size: caps set tight look shouty.
KICKER_TRACKING = 0.14
KICKER_BASELINE = MARGIN + 30
RULE_TOP = KICKER_BASELINE + 28
RULE_SIZE = (96, 6)
TITLE_TOP = RULE_TOP + RULE_SIZE[1] + 44
FOOTER_SIZE = 30
FOOTER_BASELINE = HEIGHT - MARGIN + 8
# The title may run down to here, leaving the footer a clear band of paper above it.
TITLE_BOTTOM = FOOTER_BASELINE - FOOTER_SIZE - 40
# Largest first: a short title gets a big size, a long one steps down before it is cut.
TITLE_SIZES = (80, 70, 60)
TITLE_LEADING = 1.16
MAX_TITLE_LINES = 4
ELLIPSIS = "…"
# Dropped before an ellipsis: "Scarce, …" reads worse than "Scarce…".
TRAILING_PUNCTUATION = " ,;:–—-"

# What the shipped latin subset covers (its @font-face unicode-range in fonts.css).
LATIN_SUBSET = (
    (0x0000, 0x00FF), (0x0131, 0x0131), (0x0152, 0x0153), (0x02BB, 0x02BC), (0x02C6, 0x02C6),
    (0x02DA, 0x02DA), (0x02DC, 0x02DC), (0x0304, 0x0304), (0x0308, 0x0308), (0x0329, 0x0329),
    (0x2000, 0x206F), (0x20AC, 0x20AC), (0x2122, 0x2122), (0x2191, 0x2191), (0x2193, 0x2193),
    (0x2212, 0x2212), (0x2215, 0x2215), (0xFEFF, 0xFEFF), (0xFFFD, 0xFFFD),
)

# Letters with a stroke have no Unicode decomposition to strip, so they are mapped by hand.
STROKED_LETTERS = {"Ł": "L", "ł": "l", "Đ": "D", "đ": "d", "Ħ": "H", "ħ": "h", "Ŧ": "T", "ŧ": "t"}


@dataclass(frozen=True)
class Preview:
    kicker: str
    title: str
    footer: str


@dataclass(frozen=True)
class TitleLayout:
    size: int
    lines: tuple[str, ...]


def content_key(preview: Preview) -> str:
    """What a preview was drawn from: its text and the design's version."""
    fields = [DESIGN_VERSION, preview.kicker, preview.title, preview.footer]
    return hashlib.sha256(json.dumps(fields, ensure_ascii=False).encode("utf-8")).hexdigest()


def draw_preview(preview: Preview, font_dir: Path) -> bytes:
    """The preview as PNG bytes, with its content key in a text chunk."""
    image = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    draw = ImageDraw.Draw(image)
    usable = WIDTH - 2 * MARGIN

    kicker_font = _font(font_dir / BOLD, KICKER_SIZE)
    kicker = _fit_line(drawable(preview.kicker).upper(), kicker_font, usable, KICKER_TRACKING * KICKER_SIZE)
    _draw_tracked(draw, (MARGIN, KICKER_BASELINE), kicker, kicker_font, KICKER_TRACKING * KICKER_SIZE, MUTED)

    draw.rectangle((MARGIN, RULE_TOP, MARGIN + RULE_SIZE[0] - 1, RULE_TOP + RULE_SIZE[1] - 1), fill=ACCENT)

    layout = layout_title(preview.title, font_dir)
    title_font = _font(font_dir / BOLD, layout.size)
    step = round(layout.size * TITLE_LEADING)
    for number, line in enumerate(layout.lines):
        # 'la' anchors at the ascender line, so the first line's top sits at TITLE_TOP.
        draw.text((MARGIN, TITLE_TOP + number * step), line, font=title_font, fill=INK, anchor="la")

    footer_font = _font(font_dir / ITALIC, FOOTER_SIZE)
    footer = _fit_line(drawable(preview.footer), footer_font, usable)
    draw.text((MARGIN, FOOTER_BASELINE), footer, font=footer_font, fill=INK, anchor="ls")

    info = PngImagePlugin.PngInfo()
    info.add_text(KEY_CHUNK, content_key(preview))
    out = io.BytesIO()
    # Pillow writes no time chunk, so equal input gives equal bytes. Default compression:
    # 'optimize' saves about 4% of a ~50 KB file for three times the encoding time.
    image.save(out, format="PNG", pnginfo=info)
    return out.getvalue()


def write_preview(preview: Preview, path: Path, font_dir: Path) -> bool:
    """Draw the preview to `path` unless the file there was drawn from the same input.

    Returns True when it drew.
    """
    if stored_key(path) == content_key(preview):
        return False
    data = draw_preview(preview, font_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Written aside and moved into place: a file cut short by an interrupted build would
    # still carry a matching key (the chunk precedes the pixels) and never be redrawn.
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return True


def stored_key(path: Path) -> str | None:
    """The content key a preview file was drawn from, or None if there is no readable one."""
    try:
        with Image.open(path) as image:
            if image.format != "PNG":
                return None
            key = image.info.get(KEY_CHUNK)
    except (OSError, ValueError, SyntaxError):
        # Missing, unreadable or not an image: drawing it again is the repair.
        return None
    return key if isinstance(key, str) else None


def layout_title(title: str, font_dir: Path) -> TitleLayout:
    """The largest title size whose lines fit; at the smallest, cut to MAX_TITLE_LINES with an ellipsis."""
    text = drawable(title)
    width = WIDTH - 2 * MARGIN
    for size in TITLE_SIZES:
        font = _font(font_dir / BOLD, size)
        lines = wrap(text, font, width)
        if len(lines) <= _lines_that_fit(size):
            return TitleLayout(size, tuple(lines))
    size = TITLE_SIZES[-1]
    font = _font(font_dir / BOLD, size)
    lines = wrap(text, font, width)
    keep = _lines_that_fit(size)
    return TitleLayout(size, (*lines[: keep - 1], _with_ellipsis(" ".join(lines[keep - 1 :]), font, width)))


def wrap(text: str, font: ImageFont.FreeTypeFont, width: float) -> list[str]:
    """Greedy word wrap to `width` pixels; a word wider than a line is broken between letters."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if font.getlength(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        while font.getlength(word) > width:
            cut = _longest_prefix(word, font, width)
            lines.append(word[:cut])
            word = word[cut:]
        line = word
    if line:
        lines.append(line)
    return lines


def drawable(text: str) -> str:
    """Text the shipped fonts can draw: outside the latin subset, letters lose their accents.

    'Dvořák' becomes 'Dvorák'; 'Łódź' becomes 'Lódz'. A character with no plainer form
    stays, and shows the font's missing-glyph box. Whitespace runs, including line
    breaks, become one space.
    """
    folded = []
    for char in " ".join(text.split()):
        if _in_subset(char):
            folded.append(char)
            continue
        parts = unicodedata.normalize("NFKD", char)
        plain = "".join(c for c in parts if _in_subset(c) and not unicodedata.combining(c))
        folded.append(plain or STROKED_LETTERS.get(char, char))
    return "".join(folded)


def _in_subset(char: str) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in LATIN_SUBSET)


def _lines_that_fit(size: int) -> int:
    step = round(size * TITLE_LEADING)
    # The last line needs only its own height, not a full step below it.
    return max(1, min(MAX_TITLE_LINES, (TITLE_BOTTOM - TITLE_TOP - size) // step + 1))


def _with_ellipsis(text: str, font: ImageFont.FreeTypeFont, width: float) -> str:
    """The longest start of `text`, cut at a word where possible, that fits with an ellipsis."""
    words = text.split()
    while words:
        candidate = " ".join(words).rstrip(TRAILING_PUNCTUATION) + ELLIPSIS
        if font.getlength(candidate) <= width:
            return candidate
        if len(words) == 1:
            return _cut_with_ellipsis(words[0], font.getlength, width)
        words.pop()
    return ELLIPSIS


def _fit_line(text: str, font: ImageFont.FreeTypeFont, width: float, tracking: float | None = None) -> str:
    """One line of text, cut with an ellipsis if it is wider than `width`."""
    def measure(candidate: str) -> float:
        if tracking is None:
            return font.getlength(candidate)
        # Measured as _draw_tracked sets it: letter by letter, so without kerning.
        return sum(font.getlength(char) for char in candidate) + tracking * max(len(candidate) - 1, 0)

    return text if measure(text) <= width else _cut_with_ellipsis(text, measure, width)


def _cut_with_ellipsis(text: str, measure: Callable[[str], float], width: float) -> str:
    cut = len(text)
    while cut > 0 and measure(text[:cut].rstrip(TRAILING_PUNCTUATION) + ELLIPSIS) > width:
        cut -= 1
    return text[:cut].rstrip(TRAILING_PUNCTUATION) + ELLIPSIS


def _longest_prefix(word: str, font: ImageFont.FreeTypeFont, width: float) -> int:
    """How many leading characters of `word` fit in `width`: at least one, so wrapping always advances."""
    low, high = 1, len(word)
    while low < high:
        middle = (low + high + 1) // 2
        if font.getlength(word[:middle]) <= width:
            low = middle
        else:
            high = middle - 1
    return low


def _draw_tracked(draw: ImageDraw.ImageDraw, origin: tuple[int, int], text: str,
                  font: ImageFont.FreeTypeFont, tracking: float, fill: tuple[int, int, int]) -> None:
    # Pillow has no letter-spacing, so letters are set one by one with the extra gap.
    x, baseline = origin
    for char in text:
        draw.text((x, baseline), char, font=font, fill=fill, anchor="ls")
        x += font.getlength(char) + tracking


@lru_cache(maxsize=16)
def _font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    # Opening a face parses the whole file; a build draws hundreds of previews at three sizes.
    return ImageFont.truetype(str(path), size)
