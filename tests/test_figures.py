"""Essay figures: the YAML is checked, and each chart is accessible, CSP-safe and escaped."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest

from under_constraint.site.figures import (
    VIEW_WIDTH,
    Bar,
    Figure,
    Source,
    figure_html,
    load_figures,
    value_text,
)

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "figures.yml"
# The chart scales from its viewBox to the column: about 358 px on a 390 px phone.
PHONE_COLUMN = 358
MIN_PHONE_TEXT_PX = 13
SVG = "http://www.w3.org/2000/svg"

GOOD_FIGURE = """\
interconnect:
  title: "Chip-to-chip bandwidth"
  caption: "Caption."
  unit: "GB/s"
  bars:
    - {label: "H100", value: 900, note: "per GPU"}
    - {label: "H800", value: 400}
  sources:
    - {title: "Datasheet", url: "https://example.com/h100"}
"""


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text inside each kind of element."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: dict[str, list[str]] = {}
        self._open: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._open.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        while self._open and self._open.pop() != tag:
            pass

    def handle_data(self, data):
        if self._open:
            self.text.setdefault(self._open[-1], []).append(data)

    def all(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.tags if name == tag]


def parse(markup: str) -> Tags:
    tags = Tags()
    tags.feed(markup)
    tags.close()
    return tags


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "figures.yml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def figures() -> dict[str, Figure]:
    return load_figures(FIXTURE)


def test_fixture_loads(figures):
    assert list(figures) == ["interconnect", "training-cost"]
    interconnect = figures["interconnect"]
    assert interconnect.unit == "GB/s"
    assert [bar.value for bar in interconnect.bars] == [900, 400]
    assert interconnect.bars[0].note == "per GPU, both directions"
    assert interconnect.sources[0].url.startswith("https://")


def test_output_is_well_formed_markup(figures):
    for key, figure in figures.items():
        root = ET.fromstring(figure_html(figure, key))
        assert root.tag == "figure"
        assert root.get("class") == "uc-figure"


def test_one_rect_per_bar_with_widths_proportional_to_values(figures):
    for key, figure in figures.items():
        rects = [attrs for attrs in parse(figure_html(figure, key)).all("rect")]
        assert len(rects) == len(figure.bars)
        assert all(attrs["class"] == "uc-figure__bar" for attrs in rects)
        widths = [float(attrs["width"]) for attrs in rects]
        top = max(figure.bars, key=lambda bar: bar.value)
        scale = widths[figure.bars.index(top)] / top.value
        for bar, width in zip(figure.bars, widths, strict=True):
            assert width == pytest.approx(bar.value * scale, abs=0.01)
        assert max(widths) <= VIEW_WIDTH


def test_every_bar_has_a_visible_label_value_and_note(figures):
    figure = figures["training-cost"]
    root = ET.fromstring(figure_html(figure, "training-cost"))
    texts = {(element.get("class"), element.text) for element in root.iter(f"{{{SVG}}}text")}
    shown = " ".join(text for _, text in texts)
    for bar in figure.bars:
        # Long labels wrap over several <text> lines; each word is still shown.
        assert all(word in shown for word in bar.label.split())
        assert ("uc-figure__value", value_text(bar.value, figure.unit)) in texts
        if bar.note:
            assert ("uc-figure__note", bar.note) in texts
    assert {cls for cls, _ in texts} == {"uc-figure__label", "uc-figure__value", "uc-figure__note"}


def test_svg_is_labelled_by_its_title_and_desc(figures):
    markup = "\n".join(figure_html(figure, key) for key, figure in figures.items())
    tags = parse(markup)
    ids = [attrs["id"] for _, attrs in tags.tags if "id" in attrs]
    assert len(ids) == len(set(ids)), "ids must be unique on the page"
    svgs = tags.all("svg")
    assert len(svgs) == len(figures)
    title_ids = {attrs["id"] for attrs in tags.all("title")}
    desc_ids = {attrs["id"] for attrs in tags.all("desc")}
    for svg in svgs:
        assert svg["role"] == "img"
        title_id, desc_id = svg["aria-labelledby"].split()
        assert title_id in title_ids
        assert desc_id in desc_ids


def test_desc_lists_every_bar_and_value(figures):
    for key, figure in figures.items():
        desc = "".join(parse(figure_html(figure, key)).text["desc"])
        for bar in figure.bars:
            assert f"{bar.label}: {value_text(bar.value, figure.unit)}" in desc


def test_caption_has_title_caption_and_source_links(figures):
    figure = figures["training-cost"]
    tags = parse(figure_html(figure, "training-cost"))
    assert [attrs["href"] for attrs in tags.all("a")] == [source.url for source in figure.sources]
    caption = "".join(ET.fromstring(figure_html(figure, "training-cost")).find("figcaption").itertext())
    assert caption.index(figure.title) < caption.index(figure.caption) < caption.index("Sources:")


def test_no_style_attributes_and_no_script(figures):
    for key, figure in figures.items():
        markup = figure_html(figure, key)
        tags = parse(markup)
        assert not [name for name, attrs in tags.tags if "style" in attrs]
        assert not [name for name, _ in tags.tags if name in {"script", "style"}]
        assert not [attr for _, attrs in tags.tags for attr in attrs if attr.startswith("on")]
        assert "\n\n" not in markup, "a blank line would end Markdown's HTML block"


def test_text_stays_legible_on_a_phone(figures):
    scale = PHONE_COLUMN / VIEW_WIDTH
    for key, figure in figures.items():
        svg = parse(figure_html(figure, key)).all("svg")[0]
        assert svg["viewbox"].split()[2] == str(VIEW_WIDTH)
        for attrs in parse(figure_html(figure, key)).all("text"):
            assert float(attrs["font-size"]) * scale >= MIN_PHONE_TEXT_PX


def test_hostile_text_is_escaped():
    hostile = '<script>alert("x")</script>'
    figure = Figure(
        title=hostile, caption=hostile, unit="<b>",
        bars=(Bar(hostile, 3, hostile), Bar("fine", 1)),
        sources=(Source(hostile, 'https://example.com/"><script>alert(1)</script>'),),
    )
    markup = figure_html(figure, "hostile")
    assert "<script" not in markup
    assert "<b>" not in markup
    tags = parse(markup)
    assert not [name for name, _ in tags.tags if name in {"script", "b"}]
    assert tags.all("a")[0]["href"] == 'https://example.com/"><script>alert(1)</script>'
    assert hostile in "".join(tags.text["title"])
    ET.fromstring(markup)


def test_figure_id_must_be_a_slug(figures):
    with pytest.raises(ValueError, match="figure id"):
        figure_html(figures["interconnect"], 'x" onload="alert(1)')


def test_long_value_moves_inside_its_bar():
    figure = Figure("T", "", "tokens/s", (Bar("a", 123_456_789_012.5), Bar("b", 1)), (Source("s", "https://e.org"),))
    value = parse(figure_html(figure, "long")).all("text")
    inside = [attrs for attrs in value if "uc-figure__value--inside" in (attrs["class"] or "")]
    assert len(inside) == 1
    assert inside[0]["text-anchor"] == "end"


@pytest.mark.parametrize(("value", "unit", "expected"), [
    (900, "GB/s", "900 GB/s"),
    (5.576, "million USD", "5.576 million USD"),
    (1234567, "", "1,234,567"),
    (40, "%", "40%"),
    (2.0, "x", "2x"),
    (0.00001, "s", "0.00001 s"),
])
def test_value_text(value, unit, expected):
    assert value_text(value, unit) == expected


def _variant(old: str, new: str) -> str:
    assert old in GOOD_FIGURE
    return GOOD_FIGURE.replace(old, new)


@pytest.mark.parametrize(("text", "field"), [
    (_variant('    - {label: "H800", value: 400}\n', ""), "'bars'"),
    (_variant("  bars:\n", "  bars:\n" + '    - {label: "x", value: 1}\n' * 5), "'bars'"),
    (_variant("value: 400", "value: -1"), "'bars[1].value'"),
    (_variant("value: 400", 'value: "400"'), "'bars[1].value'"),
    (_variant("value: 400", "value: .nan"), "'bars[1].value'"),
    (_variant("value: 400", "value: true"), "'bars[1].value'"),
    (_variant("value: 900", "value: 0").replace("value: 400", "value: 0"), "'bars'"),
    (_variant('{label: "H800", ', "{"), "'bars[1].label'"),
    (_variant('label: "H800"', "label: 2019"), "'bars[1].label'"),
    (_variant('label: "H800"', 'label: "  "'), "'bars[1].label'"),
    (_variant('note: "per GPU"', 'notes: "per GPU"'), "'bars[0].notes'"),
    (_variant("https://example.com/h100", "http://example.com/h100"), "'sources[0].url'"),
    (_variant("https://example.com/h100", "javascript:alert(1)"), "'sources[0].url'"),
    (_variant("https://example.com/h100", "https:///nohost"), "'sources[0].url'"),
    (_variant('    - {title: "Datasheet", url: "https://example.com/h100"}\n', ""), "'sources'"),
    (_variant("  sources:\n", "  sources: []\n").split("    - {title")[0], "'sources'"),
    (_variant('{title: "Datasheet", ', "{"), "'sources[0].title'"),
    (_variant('  caption: "Caption."\n', ""), "'caption'"),
    (_variant('  unit: "GB/s"', '  unit: "gigabytes per second each way"'), "'unit'"),
    (_variant('  title: "Chip-to-chip bandwidth"\n', "  title: 42\n"), "'title'"),
    (_variant("  caption:", "  colour: red\n  caption:"), "'colour'"),
])
def test_invalid_data_names_figure_and_field(tmp_path, text, field):
    with pytest.raises(ValueError) as error:
        load_figures(write(tmp_path, text))
    assert "figure 'interconnect'" in str(error.value)
    assert field in str(error.value)


@pytest.mark.parametrize(("text", "message"), [
    ("", "no figures"),
    ("- a\n- b\n", "mapping"),
    (GOOD_FIGURE + GOOD_FIGURE, "duplicate key"),
    ("a: &x {title: t}\nb: *x\n", "aliases"),
    ("Not A Slug:\n  title: t\n", "slug"),
    ("interconnect: 3\n", "mapping"),
])
def test_invalid_file_raises_value_error(tmp_path, text, message):
    with pytest.raises(ValueError, match=message):
        load_figures(write(tmp_path, text))


def test_error_reports_the_figure_line(tmp_path):
    text = GOOD_FIGURE + GOOD_FIGURE.replace("interconnect:", "broken:").replace("value: 400", "value: -4")
    with pytest.raises(ValueError, match=r"figures\.yml:10: figure 'broken'"):
        load_figures(write(tmp_path, text))


def test_good_figure_round_trips(tmp_path):
    figure = load_figures(write(tmp_path, GOOD_FIGURE))["interconnect"]
    assert figure == Figure(
        "Chip-to-chip bandwidth", "Caption.", "GB/s",
        (Bar("H100", 900, "per GPU"), Bar("H800", 400)),
        (Source("Datasheet", "https://example.com/h100"),),
    )
    assert replace(figure, unit="") != figure


def test_all_zero_figure_made_in_code_draws_empty_bars():
    figure = Figure("T", "", "", (Bar("a", 0), Bar("b", 0)), (Source("s", "https://e.org"),))
    assert [attrs["width"] for attrs in parse(figure_html(figure, "zero")).all("rect")] == ["0", "0"]
