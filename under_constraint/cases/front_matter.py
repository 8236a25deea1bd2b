"""Split a case file into YAML front matter and body, and read the YAML safely.

Every failure is a `FrontMatterError` carrying a 1-based line number, so that callers
can report `PATH:LINE: message` without knowing anything about YAML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """PyYAML's safe loader (its parser in C where built), with a case's extra rules.

    Dates stay plain text: the case schema parses them itself, so that '2026-02-30'
    is reported on its field's line instead of failing the whole document. Merge keys
    and duplicate keys are refused while the data is built, which costs nothing extra
    for a well-formed case.
    """

    def construct_mapping(self, node, deep=False):
        first_lines: dict[str, int] = {}
        for key_node, _ in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise FrontMatterError(_line(key_node), "a key must be a plain name, not a list or mapping")
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise FrontMatterError(_line(key_node), "YAML merge keys (<<) are not allowed in a case")
            if key_node.value in first_lines:
                raise FrontMatterError(
                    _line(key_node),
                    f"duplicate key '{key_node.value}' (first on line {first_lines[key_node.value]}): keep one",
                )
            first_lines[key_node.value] = _line(key_node)
        # With merge keys refused there is nothing to flatten: skip SafeConstructor's pass.
        return yaml.constructor.BaseConstructor.construct_mapping(self, node, deep)


class _AliasRefusingLoader(_Loader):
    """Used only for text with a '*', the one way to write an alias."""

    def construct_object(self, node, deep=False):
        if node in self.constructed_objects:
            # Only an alias reaches a node twice: refusing it stops "billion laughs".
            raise FrontMatterError(_line(node), "YAML anchors and aliases (& and *) are not allowed in a case")
        return super().construct_object(node, deep)


# YAML 1.2's core schema, not PyYAML's YAML 1.1: 'yes' and 'off' are text, and a
# number is written in decimal, so '32:50' (base 60) or '0x7B2' is never read as 1970.
# Dates stay text (see above), and so does '='.
_CORE_RESOLVERS = [
    ("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), "tTfF"),
    ("tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"), "-+0123456789"),
    ("tag:yaml.org,2002:float", re.compile(
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
     "-+.0123456789"),
    ("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]),
    # Not core YAML: resolved only so that construct_mapping can refuse it by name.
    ("tag:yaml.org,2002:merge", re.compile(r"^<<$"), "<"),
]
_Loader.yaml_implicit_resolvers = {}
for _tag, _pattern, _firsts in _CORE_RESOLVERS:
    for _first in _firsts:
        _Loader.yaml_implicit_resolvers.setdefault(_first, []).append((_tag, _pattern))


def _construct_decimal(loader, node):
    # SafeConstructor reads a leading 0 as octal and drops '_'; the core schema does neither.
    return int(loader.construct_scalar(node), 10)


_Loader.add_constructor("tag:yaml.org,2002:int", _construct_decimal)

FENCE = "---"
# A fence line: '---' alone, then the newline (or the end of the text).
_FENCE_LINE = re.compile(r"^---[ \r]*(?:\n|\Z)", re.MULTILINE)
# A case's front matter is a dozen short fields; anything far larger is a mistake
# (or an attack on the parser) and is refused before YAML sees it.
MAX_FRONT_MATTER_CHARS = 20_000


class FrontMatterError(Exception):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass(frozen=True)
class Document:
    """A parsed case file: its front matter data, where each key sits, and its body."""

    data: dict
    key_lines: dict[str, int]
    item_lines: dict[str, list[int]]
    body: str
    body_line: int


def split(text: str) -> tuple[str, str, int]:
    """Return (yaml_text, body, body_first_line) or raise FrontMatterError."""
    opening = _FENCE_LINE.match(text)
    if not opening:
        raise FrontMatterError(1, "expected front matter: the file must start with a line '---'")
    closing = _FENCE_LINE.search(text, opening.end())
    if not closing:
        raise FrontMatterError(1, "front matter is not closed: add a line '---' after the last field")
    yaml_text = text[opening.end() : closing.start()].rstrip("\n")
    body = text[closing.end() :]
    return yaml_text, body, text.count("\n", 0, closing.end()) + 1


def parse(text: str, max_chars: int = MAX_FRONT_MATTER_CHARS) -> Document:
    """Parse a whole case file. The YAML must be one mapping, with no aliases."""
    yaml_text, body, body_line = split(text)
    if len(yaml_text) > max_chars:
        raise FrontMatterError(
            2, f"front matter is {len(yaml_text):,} characters long; expected at most {max_chars:,}"
        )
    loader = (_AliasRefusingLoader if "*" in yaml_text else _Loader)(yaml_text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise FrontMatterError(1, "front matter is empty: expected the case's fields")
        if not isinstance(node, yaml.MappingNode):
            raise FrontMatterError(
                _line(node),
                f"front matter must be a mapping of fields (title: ..., year: ...), "
                f"not a {_kind(node)}",
            )
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 2 if mark else 1
        problem = error.problem or "invalid YAML"
        raise FrontMatterError(line, f"front matter is not valid YAML: {problem}") from None
    except (yaml.YAMLError, ValueError, OverflowError) as error:
        raise FrontMatterError(1, f"front matter is not valid YAML: {error}") from None
    except RecursionError:
        raise FrontMatterError(1, "front matter is nested too deeply") from None
    finally:
        loader.dispose()
    key_lines: dict[str, int] = {}
    item_lines: dict[str, list[int]] = {}
    for key_node, value_node in node.value:
        key = str(key_node.value)
        key_lines[key] = _line(key_node)
        if isinstance(value_node, yaml.SequenceNode):
            item_lines[key] = [_line(item) for item in value_node.value]
        elif isinstance(value_node, yaml.MappingNode):
            # Nested keys ('constraints.compute.label'), for files such as the taxonomy.
            _nested_lines(value_node, key, key_lines)
    return Document(data, key_lines, item_lines, body, body_line)


def _nested_lines(node: yaml.MappingNode, prefix: str, lines: dict[str, int], depth: int = 2) -> None:
    for key_node, value_node in node.value:
        path = f"{prefix}.{key_node.value}"
        lines[path] = _line(key_node)
        if depth > 1 and isinstance(value_node, yaml.MappingNode):
            _nested_lines(value_node, path, lines, depth - 1)


def _line(node: yaml.Node) -> int:
    # +1 for 1-based numbering, +1 for the opening '---' line.
    return node.start_mark.line + 2


def _kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.SequenceNode):
        return "list"
    return "single value"
