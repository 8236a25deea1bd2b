"""Split a case file into YAML front matter and body, and read the YAML safely.

Every failure is a `FrontMatterError` carrying a 1-based line number, so that callers
can report `PATH:LINE: message` without knowing anything about YAML.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """PyYAML's safe loader (in C where built), reading dates as plain text.

    The case schema parses dates itself, so that '2026-02-30' is reported as a bad
    date on its field's line instead of failing the whole document.
    """


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

FENCE = "---"
# A case's front matter is a dozen short fields; anything far larger is a mistake
# (or an attack on the parser) and is refused before YAML sees it.
MAX_FRONT_MATTER_CHARS = 20_000
MAX_NODES = 2_000


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
    lines = text.split("\n")
    if not lines or lines[0].rstrip("\r ") != FENCE:
        raise FrontMatterError(
            1, "expected front matter: the file must start with a line '---'"
        )
    for index, line in enumerate(lines[1:], start=1):
        if line.rstrip("\r ") == FENCE:
            yaml_text = "\n".join(lines[1:index])
            body = "\n".join(lines[index + 1 :])
            return yaml_text, body, index + 2
    raise FrontMatterError(
        1, "front matter is not closed: add a line '---' after the last field"
    )


def parse(text: str, max_chars: int = MAX_FRONT_MATTER_CHARS) -> Document:
    """Parse a whole case file. The YAML must be one mapping, with no aliases."""
    yaml_text, body, body_line = split(text)
    if len(yaml_text) > max_chars:
        raise FrontMatterError(
            2, f"front matter is {len(yaml_text):,} characters long; expected at most {max_chars:,}"
        )
    loader = _Loader(yaml_text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise FrontMatterError(1, "front matter is empty: expected the case's fields")
        _check_nodes(node)
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
    return Document(data, key_lines, item_lines, body, body_line)


def _check_nodes(root: yaml.Node) -> None:
    """Reject aliases (they make 'billion laughs' bombs) and duplicate keys."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            raise FrontMatterError(
                _line(node), "YAML anchors and aliases (& and *) are not allowed in a case"
            )
        seen.add(id(node))
        if len(seen) > MAX_NODES:
            raise FrontMatterError(1, f"front matter has more than {MAX_NODES:,} values")
        if isinstance(node, yaml.MappingNode):
            keys: dict[str, int] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    raise FrontMatterError(
                        _line(key_node), "a key must be a plain name, not a list or mapping"
                    )
                if key_node.value in keys:
                    raise FrontMatterError(
                        _line(key_node),
                        f"duplicate key '{key_node.value}' (first on line "
                        f"{keys[key_node.value]}): keep one",
                    )
                keys[key_node.value] = _line(key_node)
                stack.extend((key_node, value_node))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)


def _line(node: yaml.Node) -> int:
    # +1 for 1-based numbering, +1 for the opening '---' line.
    return node.start_mark.line + 2


def _kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.SequenceNode):
        return "list"
    return "single value"
