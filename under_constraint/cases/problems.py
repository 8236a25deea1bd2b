"""A problem found in a file, and how it is printed."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

# Characters that would end or garble a `PATH:LINE: message` line.
_BREAKING = {"Cc", "Zl", "Zp"}


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    message: str
    warning: bool = False

    def format(self, style: str = "plain") -> str:
        if style == "github":
            kind = "warning" if self.warning else "error"
            # Line breaks are shown escaped first, as in plain output; then GitHub's rules.
            return (f"::{kind} file={_github_property(_one_line(self.path))},line={self.line}::"
                    f"{_github_data(_one_line(self.message))}")
        prefix = "warning: " if self.warning else ""
        return f"{_one_line(self.path)}:{self.line}: {prefix}{_one_line(self.message)}"


def _github_data(text: str) -> str:
    """A workflow command's message, escaped as GitHub's runner unescapes it."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_property(text: str) -> str:
    # A property ends at ',' and the properties end at '::', so both are escaped too.
    return _github_data(text).replace(":", "%3A").replace(",", "%2C")


def _one_line(text: str) -> str:
    """Contributor text quoted in a message is shown with its line breaks escaped."""
    return "".join(
        char.encode("unicode_escape").decode("ascii") if unicodedata.category(char) in _BREAKING else char
        for char in text
    )
