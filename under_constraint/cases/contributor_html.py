"""Contributor Markdown to HTML that can only be content: render, then sanitize by allowlist.

A pattern over Markdown source cannot know what the renderer will make of it, so the
guarantee is placed after rendering: whatever Python-Markdown produces goes through
Ammonia (`nh3`), which parses it as a browser would and keeps only the elements,
attributes and link targets listed here. What the sanitizer removed is worked out from
both versions, so the validator can name it to the contributor before review; the build
publishes exactly the sanitized HTML. Nothing here imports MkDocs.
"""

from __future__ import annotations

import functools
import html
import re
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser

import markdown
import nh3

# Contributor text renders with these and no others; the essay's extensions are its own.
MARKDOWN_EXTENSIONS = ["attr_list", "footnotes", "tables", "toc", "pymdownx.highlight", "pymdownx.superfences"]
MARKDOWN_CONFIG = {
    "toc": {"permalink": True},
    # No syntax highlighting: some Pygments lexers take seconds over a few kilobytes of
    # words (Java, TypeScript), and a case shows code rarely and briefly.
    "pymdownx.highlight": {"use_pygments": False},
    # An inline style would be refused by the page's policy: alignment travels as an attribute.
    "tables": {"use_align_attribute": True},
}

# What the case template needs: prose, lists, emphasis, code, headings with ids, tables,
# footnotes and links. Nothing that loads from another host, runs or takes input.
ALLOWED_TAGS = frozenset({
    "p", "br", "hr", "blockquote", "ul", "ol", "li", "em", "strong", "b", "i", "s", "del", "sub", "sup",
    "code", "pre", "div", "h1", "h2", "h3", "h4", "h5", "h6", "a",
    "table", "thead", "tbody", "tr", "th", "td",
})
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "class"},
    "h1": {"id"}, "h2": {"id"}, "h3": {"id"}, "h4": {"id"}, "h5": {"id"}, "h6": {"id"},
    "li": {"id"}, "sup": {"id"}, "ol": {"start"},
    "th": {"align"}, "td": {"align"},
    "div": {"class"}, "pre": {"class"}, "code": {"class"},
}
# Classes the renderer writes: heading permalinks, footnotes, code blocks.
ALLOWED_CLASSES = {
    "a": {"headerlink", "footnote-ref", "footnote-backref"},
    "div": {"footnote"},
    "pre": {"highlight"},
}
URL_SCHEMES = frozenset({"https"})
ALIGNMENTS = frozenset({"left", "center", "right"})
# Ids the renderer makes (heading slugs, fn:1, fnref:1). The theme's own ids start with
# '_' ('__drawer', '__search'), so a contributor id can never clobber one of them.
_ID = re.compile(r"[a-z0-9][a-z0-9:.-]{0,79}\Z")
_START = re.compile(r"[0-9]{1,6}\Z")
# The language a fence names: 'language-python'.
_LANGUAGE_CLASS = re.compile(r"language-[a-z0-9+#-]{1,30}\Z")
_C0_AND_SPACE = "".join(map(chr, range(0x21)))


@dataclass(frozen=True)
class Removal:
    """One thing the sanitizer took out: an element, an attribute, a link or a comment."""

    kind: str
    tag: str
    name: str = ""
    value: str = ""

    def message(self) -> str:
        if self.kind == "element":
            return (f"<{self.tag}> is not allowed in a case (the site removes it): "
                    "use Markdown text, lists, tables and links")
        if self.kind == "link":
            shown = _shorten(self.value)
            return (f"link target '{shown}' is not allowed: link to an https:// page, "
                    "or to a page of this site such as '../ikea-flat-pack/'")
        if self.kind == "nesting":
            return "the text nests too deeply to render (lists, quotes or emphasis inside each other): flatten it"
        if self.kind == "comment":
            return "HTML comments and declarations (<!-- -->, <!...>, <?...>) are not shown on the site: remove them"
        return (f"attribute {self.name}=\"{_shorten(self.value)}\" on <{self.tag}> is not allowed "
                "in a case (the site removes it)")

    def needle(self) -> str:
        """Text to look for in the source to find the line the removal came from."""
        if self.kind == "nesting":
            return ""
        if self.kind == "element":
            return "<" + self.tag
        if self.kind == "comment":
            return "<!"
        if self.kind == "link" or len(self.value.strip()) >= 3:
            return self.value.strip()[:20]
        return self.name


@dataclass(frozen=True)
class Rendered:
    """A contributor text as published: sanitized HTML, its table of contents, and what was cut."""

    html: str
    toc_tokens: list
    removed: tuple[Removal, ...]


def _keep_attribute(tag: str, name: str, value: str) -> str | None:
    if name == "href":
        return value if _is_allowed_target(value) else None
    if name == "id":
        return value if _ID.match(value) else None
    if name == "align":
        return value if value in ALIGNMENTS else None
    if name == "start":
        return value if _START.match(value) else None
    if name == "class" and tag == "code":
        return value if _LANGUAGE_CLASS.match(value) else None
    if name == "class":
        return value if set(value.split()) <= ALLOWED_CLASSES.get(tag, set()) else None
    return value


def _is_allowed_target(value: str) -> bool:
    """An https address, or a path or fragment on this site; never another host by '//'."""
    # As the URL standard reads it: C0 controls and spaces trimmed, tabs and newlines
    # dropped anywhere, and '\' read as '/'.
    target = re.sub(r"[\t\n\r]", "", value).strip(_C0_AND_SPACE).replace("\\", "/")
    if target.startswith("//"):
        return False
    scheme = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", target)
    if scheme is None:
        return True
    return scheme.group(1).lower() in URL_SCHEMES and target.lower().startswith("https://")


def sanitize(raw: str) -> str:
    """The allowlist, applied by Ammonia: the one guarantee that contributor HTML is inert."""
    return nh3.clean(
        raw,
        tags=set(ALLOWED_TAGS),
        clean_content_tags={"script", "style", "template", "textarea", "title", "noscript", "xmp",
                            "plaintext", "iframe", "noembed", "noframes", "object", "svg", "math"},
        # '*' given, or Ammonia keeps its default 'lang' and 'title' on every element.
        attributes={"*": set(), **{tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()}},
        attribute_filter=_keep_attribute,
        url_schemes=set(URL_SCHEMES),
        strip_comments=True,
        link_rel="noopener noreferrer",
    )


def new_renderer() -> markdown.Markdown:
    return markdown.Markdown(extensions=MARKDOWN_EXTENSIONS, extension_configs=MARKDOWN_CONFIG)


@functools.cache
def _shared_renderer() -> markdown.Markdown:
    # Making a renderer costs more than rendering a case; reset() clears it between texts.
    return new_renderer()


def render(text: str, renderer: markdown.Markdown | None = None) -> Rendered:
    """Contributor Markdown as the site publishes it, with what sanitizing removed."""
    md = (renderer or _shared_renderer()).reset()
    try:
        raw = md.convert(text)
    except RecursionError:
        # Markdown recurses once per level of nesting; body_limits keeps cases far from this.
        return Rendered("", [], (Removal("nesting", ""),))
    clean = sanitize(raw)
    return Rendered(clean, list(getattr(md, "toc_tokens", [])), what_was_removed(raw, clean))


def what_was_removed(raw: str, clean: str) -> tuple[Removal, ...]:
    """What sanitizing took out of `raw`: a quick count first, the exact comparison only if needed."""
    return () if _same_markup(raw, clean) else removals(raw, clean)


def removals(raw: str, clean: str) -> tuple[Removal, ...]:
    """What is in `raw` but not in `clean`, both read by one parser, in source order."""
    before, after = _Inventory.of(raw), _Inventory.of(clean)
    missing_tags = before.tags - after.tags
    # Attributes are missing by name; a value the parser only re-spelt is not a removal.
    missing_names = Counter((tag, name) for tag, name, _ in before.attributes.elements()) - Counter(
        (tag, name) for tag, name, _ in after.attributes.elements())
    missing_values = before.attributes - after.attributes
    dropped = before.dropped(after)
    found: list[Removal] = []
    for tag, name, value in before.order:
        if name is None and missing_tags[tag] > 0:
            missing_tags[tag] -= 1
            found.append(Removal("comment", "") if tag == "!--" else Removal("element", tag))
        elif name is not None and tag not in dropped and missing_names[(tag, name)] > 0 \
                and missing_values[(tag, name, value)] > 0:
            missing_names[(tag, name)] -= 1
            missing_values[(tag, name, value)] -= 1
            found.append(Removal("link" if name == "href" else "attribute", tag, name, value))
    return tuple(dict.fromkeys(found))


# Tags with their attribute names, and comments, as they appear in serialized HTML.
# Counting them on both sides is a cheap test that nothing was taken out; only when the
# counts differ is the exact comparison run. The sanitizer itself never depends on it.
_TAG = re.compile(r"<([A-Za-z][A-Za-z0-9]*)([^>]*)>|<[!?]")
_ATTRIBUTE_NAME = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?""")


def _same_markup(raw: str, clean: str) -> bool:
    return raw == clean or _markup_counts(raw) == _markup_counts(clean)


def _markup_counts(html: str) -> Counter:
    found = []
    for name, attributes in _TAG.findall(html):
        found.append(name)
        if attributes.strip(" /"):
            # The sanitizer sets rel on every link: it is not compared.
            found.extend(f"{name} {attribute}" for attribute in _ATTRIBUTE_NAME.findall(attributes)
                         if not (name == "a" and attribute == "rel"))
    return Counter(found)


_MARKED_SECTION = re.compile(r"<!\[([^>]*)>?")


class _Inventory(HTMLParser):
    """Every element, attribute and comment of an HTML text, counted and in order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: Counter = Counter()
        self.attributes: Counter = Counter()
        self.order: list[tuple[str, str | None, str]] = []

    @classmethod
    def of(cls, html: str) -> _Inventory:
        inventory = cls()
        # '<![...>' is a bogus comment to a browser (and to the sanitizer), while Python's
        # parser stops on it with an error: it is read here as the comment it is.
        inventory.feed(_MARKED_SECTION.sub(r"<!--\1-->", html))
        inventory.close()
        return inventory

    def handle_starttag(self, tag, attrs):
        self.tags[tag] += 1
        self.order.append((tag, None, ""))
        for name, value in attrs:
            if tag == "a" and name == "rel":
                continue
            key = (tag, name, value or "")
            self.attributes[key] += 1
            self.order.append(key)

    def handle_comment(self, data):
        self.tags["!--"] += 1
        self.order.append(("!--", None, ""))

    # Declarations and processing instructions are comments to the sanitizer too.
    handle_decl = handle_pi = unknown_decl = handle_comment

    def dropped(self, other: _Inventory) -> set[str]:
        """Elements gone altogether: their attributes went with them, and are not named again."""
        return {tag for tag in self.tags if tag not in other.tags}


def source_line(text: str, removal: Removal, first_line: int = 1) -> int:
    """The first line of the source that holds what was removed, as written or with entities decoded.

    The renderer keeps no line numbers, so the removed text is looked for; when it
    cannot be found (it was spelt in a way no line shows), the text's first line is given.
    """
    wanted = removal.needle().casefold()
    if wanted:
        for offset, line in enumerate(text.split("\n")):
            if wanted in line.casefold() or ("&" in line and wanted in html.unescape(line).casefold()):
                return first_line + offset
    return first_line


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."
