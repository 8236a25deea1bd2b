"""Thin entry point: `python scripts/case_schema.py` runs `python -m under_constraint.tools.case_schema`."""

import sys

from under_constraint.tools.case_schema import main

if __name__ == "__main__":
    sys.exit(main())
