"""Where builds keep work between runs: drawn previews, compiled templates.

$UNDER_CONSTRAINT_CACHE when set (CI, tests), else the user's cache folder. Nothing
here is needed for a correct build: each entry is checked against what made it.
"""

from __future__ import annotations

import os
from pathlib import Path


def folder(name: str) -> Path:
    explicit = os.environ.get("UNDER_CONSTRAINT_CACHE")
    if explicit:
        return Path(explicit) / name
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "under-constraint" / name
