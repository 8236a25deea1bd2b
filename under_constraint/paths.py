"""Where the project's folders are, from this file, never from the working directory."""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
CASES_DIR = PROJECT_ROOT / "cases"
SCHEMA_FILE = PROJECT_ROOT / "schema" / "case.schema.json"
