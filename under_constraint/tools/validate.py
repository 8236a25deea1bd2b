"""Check case files against the schema and the taxonomy.

    python scripts/validate_cases.py [--format plain|github] [PATH ...]

With no PATH, checks every case in cases/. Prints one line per problem,
`PATH:LINE: message`. Exit status: 0 all valid, 1 problems found, 2 usage error.
"""

from __future__ import annotations

import argparse
import os
import stat
import sys
from collections import defaultdict
from pathlib import Path

from under_constraint.cases.files import TAXONOMY_FILE
from under_constraint.cases.load import load_collection
from under_constraint.paths import CASES_DIR


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        self.print_usage(sys.stderr)
        print(f"{self.prog}: {message}", file=sys.stderr)
        raise SystemExit(2)


def main(argv: list[str] | None = None) -> int:
    parser = _Parser(prog="validate_cases.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                        help="case files or folders (default: every case in cases/)")
    parser.add_argument("--format", choices=("plain", "github"), default="plain",
                        help="github prints ::error annotations for GitHub Actions")
    args = parser.parse_args(argv)
    groups = _group_by_folder(args.paths) if args.paths else {CASES_DIR: None}
    if groups is None:
        return 2
    problems, count = [], 0
    for folder, paths in groups.items():
        collection = load_collection(folder, paths)
        problems.extend(collection.problems)
        count += len(collection.cases)
    for problem in problems:
        print(problem.format(args.format))
    errors = sum(not p.warning for p in problems)
    if errors:
        print(f"{errors} problem(s) found.", file=sys.stderr)
        return 1
    print(f"{count} case(s) valid.", file=sys.stderr)
    return 0


def _group_by_folder(paths: list[Path]) -> dict[Path, list[Path] | None] | None:
    """Each file is checked against the taxonomy beside it (or the project's)."""
    groups: dict[Path, list[Path] | None] = defaultdict(list)
    for path in paths:
        # lstat, never stat: a link or a FIFO is judged by what it is, not followed or opened.
        if os.path.lexists(path) and stat.S_ISDIR(os.lstat(path).st_mode):
            groups[path] = None
        elif os.path.lexists(path):
            folder = _cases_folder_of(path)
            if groups.get(folder, []) is not None:
                groups[folder].append(path)
        else:
            print(f"validate_cases.py: no such file: {path}", file=sys.stderr)
            return None
    return dict(groups)


def _cases_folder_of(path: Path) -> Path:
    """The folder whose taxonomy checks the file: its own, the one above it, or the project's."""
    for folder in (path.parent, path.parent.parent):
        if (folder / TAXONOMY_FILE).is_file():
            return folder
    return CASES_DIR


if __name__ == "__main__":
    sys.exit(main())
