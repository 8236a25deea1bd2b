"""Thin entry point: `python scripts/new_case.py` runs `python -m under_constraint.tools.new_case`."""

import sys

from under_constraint.tools.new_case import main

if __name__ == "__main__":
    sys.exit(main())
