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
        message = _one_line(self.message)
        if style == "github":
            kind = "warning" if self.warning else "error"
            # GitHub decodes %25 in annotation messages.
            return f"::{kind} file={self.path},line={self.line}::{message.replace('%', '%25')}"
        prefix = "warning: " if self.warning else ""
        return f"{self.path}:{self.line}: {prefix}{message}"


def _one_line(text: str) -> str:
    """Contributor text quoted in a message is shown with its line breaks escaped."""
    return "".join(
        char.encode("unicode_escape").decode("ascii") if unicodedata.category(char) in _BREAKING else char
        for char in text
    )
