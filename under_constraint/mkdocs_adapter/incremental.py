"""Rebuild only the case pages whose inputs changed, under `mkdocs serve --dirty`.

A case page shows its own case, the titles and years of its related cases, a random
case, the essay section that mentions it and the taxonomy's labels, through the
project's templates and code. Its signature is a hash of all of that; a page whose
signature matches the previous build's is left as it is on disk, which is what MkDocs'
dirty mode does for a file that `is_modified()` says has not changed. Every other page
(the essay, the gallery, the term pages) shows the whole collection and is always
rebuilt. `tests/test_serve_incremental.py` checks that the result equals a full build.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import jinja2

from under_constraint.cases.model import Case

# The modules whose code decides how a case body renders.
_RENDERER = ("cases/contributor_html.py", "cases/body_limits.py", "cases/rules/body.py", "cases/problems.py")
_PACKAGE = Path(__file__).resolve().parent.parent

# What every page is made with: a change to any of these rebuilds every page.
_MADE_WITH = ("mkdocs.yml", "overrides", "under_constraint", "scripts", "cases/taxonomy.yml")


def fingerprint(root: Path, site_url: str) -> str:
    """A hash of the templates, code, configuration and vocabulary a build uses."""
    digest = hashlib.sha256(site_url.encode("utf-8"))
    for part in _MADE_WITH:
        path = root / part
        files = sorted(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts) \
            if path.is_dir() else [path]
        for file in files:
            digest.update(str(file.relative_to(root)).encode("utf-8"))
            digest.update(file.read_bytes())
    return digest.hexdigest()


def renderer_version() -> str:
    """A hash of the code that renders case bodies: the key for bodies kept between builds."""
    digest = hashlib.sha256()
    for name in _RENDERER:
        digest.update((_PACKAGE / name).read_bytes())
    return digest.hexdigest()


def render_cache(session: dict) -> dict:
    """Rendered case bodies kept in the session, emptied when the rendering code changes."""
    version = renderer_version()
    if session.get("renderer") != version:
        session.update(renderer=version, rendered={})
    return session["rendered"]


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates kept in a dict that outlasts one build.

    Jinja names each entry by the template's name and a checksum of its source, so an
    edited template is compiled again.
    """

    def __init__(self, store: dict):
        self.store = store

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.store.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


def case_signature(case: Case, related: list[Case], random: Case | None, mention: object, made_with: str) -> str:
    """A hash of everything a case page shows."""
    shown = {
        "case": case.front_matter(), "html": case.html, "toc": repr(case.toc_tokens), "path": case.path,
        "related": [(other.slug, other.title, other.year) for other in related],
        "random": random.slug if random else "", "mention": repr(mention), "made_with": made_with,
    }
    return hashlib.sha256(json.dumps(shown, sort_keys=True, default=str).encode("utf-8")).hexdigest()


def unchanged(signatures: dict[str, str], previous: dict[str, str], site_dir: Path,
              page_paths: dict[str, str]) -> set[str]:
    """The pages (by source URI) to leave as they are: same signature, and built before."""
    return {uri for uri, signature in signatures.items()
            if previous.get(uri) == signature and (site_dir / page_paths[uri]).exists()}
