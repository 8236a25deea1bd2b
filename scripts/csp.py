"""A Content-Security-Policy for each built page: the site's own files only.

Material inlines three small scripts in every page (its storage helpers, the palette
restore, the tab restore), and their text differs with the page's depth. Each page
therefore gets a policy that allows exactly its own inline scripts by SHA-256 hash,
and nothing else that is inline: no event handlers, no `javascript:` URLs, no
injected `<script>` and no inline styles.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import re

# Executable inline scripts: no src, and no data type such as application/json.
# Case-sensitive on purpose: Material writes lowercase tags, and a case-sensitive
# pattern is searched for far faster. A script this misses gets no hash, so it is
# blocked, never allowed.
_INLINE_SCRIPT = re.compile(
    r"<script(?![^>]*\bsrc\s*=)(?![^>]*\btype\s*=\s*[\"']?application/json)[^>]*>(.*?)</script>",
    re.DOTALL,
)
_HEAD = re.compile(r"<head[^>]*>", re.IGNORECASE)

POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    # Material draws its icons with data: SVG masks in CSS.
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}


def script_hashes(html: str) -> list[str]:
    """CSP source expressions for each executable inline script, in page order."""
    hashes = []
    for match in _INLINE_SCRIPT.finditer(html):
        source = _hash_source(match.group(1))
        if source not in hashes:
            hashes.append(source)
    return hashes


@functools.lru_cache(maxsize=256)
def _hash_source(script: str) -> str:
    # Pages at the same depth share the same few scripts: each is hashed once a build.
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def render_policy(html: str) -> str:
    policy = {**POLICY, "script-src": POLICY["script-src"] + script_hashes(html)}
    return "; ".join(f"{name} {' '.join(values)}" for name, values in policy.items())


def apply_csp(html: str) -> str:
    """The page with its policy as the first element of <head>, before any script."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{render_policy(html)}">'
    return _HEAD.sub(lambda match: match.group(0) + meta, html, count=1)
