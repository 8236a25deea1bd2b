"""The essay's figures: bar charts read from `docs/figures.yml`, drawn as inline SVG.

Each chart is plain markup with classes only: no style attributes and no script, which
the site's Content-Security-Policy would block; colours live in `assets/figures.css`.
Labels sit above their bars, so the chart keeps its text large on a phone.
"""

from __future__ import annotations

import html
import math
import textwrap
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit

from under_constraint.cases import front_matter as frontmatter
from under_constraint.cases.model import Source
from under_constraint.cases.slugs import SLUG_PATTERN

# In docs/, beside the essay that places them; mkdocs.yml keeps the file out of the site.
FIGURES_FILE = "figures.yml"
MIN_BARS, MAX_BARS = 2, 6
# A unit is a short word or sign ('GB/s', 'million USD', '%'); it follows every value.
MAX_UNIT_CHARS = 16
# Far above a page of figures, far below what could stall the parser.
MAX_FIGURES_CHARS = 200_000
FIGURE_FIELDS = {"title": True, "caption": True, "unit": True, "bars": True, "sources": True}
BAR_FIELDS = {"label": True, "value": True, "note": False}
SOURCE_FIELDS = {"title": True, "url": True}

# Geometry, in SVG user units. The chart scales to its column: on a 390 px phone the
# column is about 358 px, a scale of 0.56, so 24 units draw at 13.4 px. Sizes below are
# chosen for that floor; figures.css caps the width so desktop text stays moderate.
VIEW_WIDTH = 640
LABEL_SIZE = 26
NOTE_SIZE = 24
VALUE_SIZE = 26
LABEL_LEADING = 1.2
NOTE_LEADING = 1.25
BAR_HEIGHT = 28
LABEL_TO_BAR = 14
ROW_GAP = 30
VALUE_GAP = 10
# The page's font sets the text, so widths are estimated, generously, from average
# glyph widths as a share of the size (bold labels, italic notes, bold digits): a
# fallback face such as DejaVu Sans runs wide, and a line that overruns is cut off.
LABEL_CHAR_WIDTH = 0.62
NOTE_CHAR_WIDTH = 0.62
VALUE_CHAR_WIDTH = 0.6
# Bars keep at least this much of the width however long the values are.
MIN_BAR_ROOM = VIEW_WIDTH // 2


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    note: str = ""


@dataclass(frozen=True)
class Figure:
    title: str
    caption: str
    unit: str
    bars: tuple[Bar, ...]
    sources: tuple[Source, ...]


def load_figures(path: Path) -> dict[str, Figure]:
    """Every figure in the file by its key, or a ValueError naming the figure and field."""
    text = path.read_text(encoding="utf-8")
    if not text.strip():
        raise ValueError(f"{path}: no figures: expected a mapping of figure keys")
    try:
        # The case parser's YAML rules (no aliases, no duplicate keys, YAML 1.2 numbers),
        # reached as the taxonomy reaches them: as front matter.
        document = frontmatter.parse(f"---\n{text}\n---\n", max_chars=MAX_FIGURES_CHARS)
    except frontmatter.FrontMatterError as error:
        # The parser speaks of cases' front matter; here the whole file is the YAML.
        message = error.message.replace("front matter", "the file")
        raise ValueError(f"{path}:{max(1, error.line - 1)}: {message}") from None
    figures = {}
    for key, data in document.data.items():
        line = document.key_lines.get(str(key), 2) - 1
        try:
            figure_key = _figure_key(key)
            figures[figure_key] = parse_figure(data)
        except ValueError as error:
            raise ValueError(f"{path}:{line}: figure '{key}': {error}") from None
    return figures


def parse_figure(data: object) -> Figure:
    """One figure's fields, checked; a ValueError names the first wrong field."""
    fields = _fields(data, FIGURE_FIELDS, "")
    bars = fields["bars"]
    if not isinstance(bars, list) or not MIN_BARS <= len(bars) <= MAX_BARS:
        raise ValueError(f"field 'bars' must be a list of {MIN_BARS} to {MAX_BARS} bars")
    sources = fields["sources"]
    if not isinstance(sources, list) or not sources:
        raise ValueError("field 'sources' must be a list of at least one source")
    parsed_bars = tuple(_bar(item, f"bars[{number}]") for number, item in enumerate(bars))
    if not any(bar.value > 0 for bar in parsed_bars):
        raise ValueError("field 'bars': at least one value must be above 0")
    return Figure(
        title=_text(fields, "title", ""),
        caption=_text(fields, "caption", ""),
        unit=_unit(fields),
        bars=parsed_bars,
        sources=tuple(_source(item, f"sources[{number}]") for number, item in enumerate(sources)),
    )


def figure_html(figure: Figure, figure_id: str) -> str:
    """The figure as `<figure>`: an SVG bar chart, then its title, caption and sources.

    No blank lines and no indentation, so Markdown passes it through as one HTML block.
    """
    if not SLUG_PATTERN.match(figure_id):
        # The id goes into id and aria-labelledby, where a space would split it in two.
        raise ValueError(f"figure id {figure_id!r} must be a slug (lowercase letters, digits and hyphens)")
    base = f"uc-figure-{figure_id}"
    title_id, desc_id = f"{base}-title", f"{base}-desc"
    bar_room = _bar_room(figure)
    # A Figure made in code may skip load_figures' check that some value is above zero.
    top_value = max(bar.value for bar in figure.bars) or 1
    rows: list[str] = []
    y = 0.0
    for bar in figure.bars:
        row, y = _row(bar, figure.unit, y, bar.value / top_value * bar_room)
        rows.append(row)
        y += ROW_GAP
    height = _number(y - ROW_GAP + 2)
    svg = [
        f'<svg class="uc-figure__chart" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'aria-labelledby="{_attr(title_id)} {_attr(desc_id)}" viewBox="0 0 {VIEW_WIDTH} {height}" '
        f'width="{VIEW_WIDTH}" height="{height}">',
        f'<title id="{_attr(title_id)}">{_escape(figure.title)}</title>',
        f'<desc id="{_attr(desc_id)}">{_escape(describe(figure))}</desc>',
        *rows,
        "</svg>",
    ]
    # The title runs into the caption, so it needs its own full stop.
    title = figure.title if figure.title[-1:] in {".", "?", "!", ":"} else f"{figure.title}."
    caption = [f'<span class="uc-figure__title">{_escape(title)}</span>']
    if figure.caption:
        caption.append(f'<span class="uc-figure__caption">{_escape(figure.caption)}</span>')
    links = "; ".join(f'<a href="{_attr(s.url)}">{_escape(s.title)}</a>' for s in figure.sources)
    caption.append(f'<span class="uc-figure__sources">{"Source" if len(figure.sources) == 1 else "Sources"}: '
                   f"{links}</span>")
    return "\n".join([
        f'<figure class="uc-figure" id="{_attr(base)}">',
        *svg,
        f"<figcaption>{' '.join(caption)}</figcaption>",
        "</figure>",
    ])


def describe(figure: Figure) -> str:
    """The chart in words, every bar and its value, for the SVG's <desc>."""
    unit = f" in {figure.unit}" if figure.unit else ""
    parts = []
    for bar in figure.bars:
        note = f" ({bar.note})" if bar.note else ""
        parts.append(f"{bar.label}: {value_text(bar.value, figure.unit)}{note}")
    return f"Bar chart{unit}, {len(figure.bars)} bars. {'; '.join(parts)}."


def value_text(value: float, unit: str) -> str:
    """'900 GB/s', '5.576 million USD', '40%': the number as written, thousands separated."""
    if value == int(value):
        number = f"{int(value):,}"
    else:
        # Python's shortest round-trip form is the number as the file wrote it; only tiny
        # values would come out in exponent form, so those are written out in full.
        number = f"{value:,}" if "e" not in repr(value) else format(Decimal(repr(value)), "f")
    if not unit:
        return number
    # Signs written against the number; every other unit is a word after a space.
    return f"{number}{unit}" if unit in {"%", "×", "x"} else f"{number} {unit}"


def _row(bar: Bar, unit: str, top: float, width: float) -> tuple[str, float]:
    """One bar's markup (label, note, bar, value) from `top` down, and where it ends."""
    parts = ['<g class="uc-figure__row">']
    y = top
    for number, line in enumerate(_lines(bar.label, LABEL_SIZE, LABEL_CHAR_WIDTH)):
        y += LABEL_SIZE * (LABEL_LEADING if number else 1)
        parts.append(_text_element("uc-figure__label", 0, y, LABEL_SIZE, line))
    for line in _lines(bar.note, NOTE_SIZE, NOTE_CHAR_WIDTH) if bar.note else []:
        y += NOTE_SIZE * NOTE_LEADING
        parts.append(_text_element("uc-figure__note", 0, y, NOTE_SIZE, line))
    bar_top = y + LABEL_TO_BAR
    parts.append(f'<rect class="uc-figure__bar" x="0" y="{_number(bar_top)}" width="{_number(width)}" '
                 f'height="{BAR_HEIGHT}" rx="2"/>')
    value = value_text(bar.value, unit)
    # 0.35 of the size below the bar's middle puts the digits' middle on it.
    value_y = bar_top + BAR_HEIGHT / 2 + VALUE_SIZE * 0.35
    if width + VALUE_GAP + _value_width(value) <= VIEW_WIDTH:
        parts.append(_text_element("uc-figure__value", width + VALUE_GAP, value_y, VALUE_SIZE, value))
    else:
        # Too long to follow a long bar: set at the bar's end, in the bar's contrast colour.
        parts.append(_text_element("uc-figure__value uc-figure__value--inside", width - VALUE_GAP, value_y,
                                   VALUE_SIZE, value, anchor="end"))
    parts.append("</g>")
    return "".join(parts), bar_top + BAR_HEIGHT


def _bar_room(figure: Figure) -> float:
    """The longest bar's length: the width left once the widest value has its room."""
    widest = max(_value_width(value_text(bar.value, figure.unit)) for bar in figure.bars)
    return max(MIN_BAR_ROOM, VIEW_WIDTH - VALUE_GAP - widest)


def _value_width(text: str) -> float:
    return len(text) * VALUE_SIZE * VALUE_CHAR_WIDTH


def _lines(text: str, size: int, char_width: float) -> list[str]:
    per_line = max(8, int(VIEW_WIDTH / (size * char_width)))
    return textwrap.wrap(text, per_line, break_on_hyphens=False) or [text]


def _text_element(css_class: str, x: float, y: float, size: int, text: str, anchor: str = "") -> str:
    # Sizes are attributes, not CSS: the layout is computed from them, and presentation
    # attributes are not inline styles, so the CSP allows them.
    anchor_attribute = f' text-anchor="{anchor}"' if anchor else ""
    return (f'<text class="{css_class}" x="{_number(x)}" y="{_number(y)}" font-size="{size}"{anchor_attribute}>'
            f"{_escape(text)}</text>")


def _number(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _escape(text: str) -> str:
    return html.escape(text, quote=False)


def _attr(text: str) -> str:
    return html.escape(text, quote=True)


def _figure_key(key: object) -> str:
    if not isinstance(key, str) or not SLUG_PATTERN.match(key):
        raise ValueError("the key must be a slug (lowercase letters, digits and hyphens); it names the figure's id")
    return key


def _fields(data: object, spec: dict[str, bool], where: str) -> dict:
    """A mapping with exactly the known fields and all the required ones."""
    name = f"field '{where}'" if where else "the figure"
    if not isinstance(data, dict):
        raise ValueError(f"{name} must be a mapping of fields ({', '.join(spec)})")
    for key in data:
        if key not in spec:
            raise ValueError(f"field '{_path(where, key)}' is unknown: expected one of {', '.join(spec)}")
    for key, required in spec.items():
        if required and key not in data:
            raise ValueError(f"field '{_path(where, key)}' is missing")
    return data


def _unit(fields: dict) -> str:
    unit = _text(fields, "unit", "", allow_empty=True)
    if len(unit) > MAX_UNIT_CHARS:
        raise ValueError(f"field 'unit' is {len(unit)} characters long; expected at most {MAX_UNIT_CHARS}")
    return unit


def _bar(data: object, where: str) -> Bar:
    fields = _fields(data, BAR_FIELDS, where)
    value = fields["value"]
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value) or value < 0:
        raise ValueError(f"field '{where}.value' must be a number >= 0, not {value!r}")
    note = _text(fields, "note", where, allow_empty=True) if "note" in fields else ""
    return Bar(label=_text(fields, "label", where), value=value, note=note)


def _source(data: object, where: str) -> Source:
    fields = _fields(data, SOURCE_FIELDS, where)
    url = _text(fields, "url", where)
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.netloc or any(char.isspace() for char in url):
        raise ValueError(f"field '{where}.url' must be an https:// address, not {url!r}")
    return Source(title=_text(fields, "title", where), url=url)


def _text(fields: dict, key: str, where: str, allow_empty: bool = False) -> str:
    value = fields[key]
    if not isinstance(value, str):
        raise ValueError(f"field '{_path(where, key)}' must be text (in quotes if it looks like a number), "
                         f"not {value!r}")
    value = " ".join(value.split())
    if not value and not allow_empty:
        raise ValueError(f"field '{_path(where, key)}' is empty")
    return value


def _path(where: str, key: object) -> str:
    return f"{where}.{key}" if where else str(key)
