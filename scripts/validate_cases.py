"""Thin entry point: `python scripts/validate_cases.py` runs `python -m under_constraint.tools.validate`."""

import sys

from under_constraint.tools.validate import main

if __name__ == "__main__":
    sys.exit(main())
