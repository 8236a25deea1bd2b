"""Write or check schema/case.schema.json, the JSON Schema of a case's front matter.

    python scripts/case_schema.py          # write it
    python scripts/case_schema.py --check  # exit 1 if the committed file is stale

The schema is generated from SCHEMA in under_constraint.cases and cases/taxonomy.yml, so it
is never written by hand.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from under_constraint.cases.files import TAXONOMY_FILE
from under_constraint.cases.schema import json_schema
from under_constraint.cases.taxonomy import load_taxonomy
from under_constraint.paths import PROJECT_ROOT as ROOT

SCHEMA_FILE = ROOT / "schema" / "case.schema.json"


def render_schema(cases_dir: Path) -> str:
    path = cases_dir / TAXONOMY_FILE
    taxonomy, problems = load_taxonomy(path, str(path))
    if taxonomy is None:
        raise SystemExit("\n".join(problem.format() for problem in problems))
    return json.dumps(json_schema(taxonomy), indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="fail if the committed schema is stale")
    args = parser.parse_args(argv)
    fresh = render_schema(ROOT / "cases")
    if args.check:
        current = SCHEMA_FILE.read_text(encoding="utf-8") if SCHEMA_FILE.exists() else ""
        if current != fresh:
            print(f"{SCHEMA_FILE.relative_to(ROOT)} is stale: run 'make schema' and commit it", file=sys.stderr)
            return 1
        return 0
    SCHEMA_FILE.parent.mkdir(exist_ok=True)
    SCHEMA_FILE.write_text(fresh, encoding="utf-8")
    print(f"wrote {SCHEMA_FILE.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
