"""A problem found in a file, and how it is printed."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    message: str
    warning: bool = False

    def format(self, style: str = "plain") -> str:
        if style == "github":
            kind = "warning" if self.warning else "error"
            # Annotation values must stay on one line; GitHub decodes these escapes.
            message = self.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
            return f"::{kind} file={self.path},line={self.line}::{message}"
        prefix = "warning: " if self.warning else ""
        return f"{self.path}:{self.line}: {prefix}{self.message}"
