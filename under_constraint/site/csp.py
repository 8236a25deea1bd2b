"""A pinned Content-Security-Policy: the site's own files, and the theme's inline scripts only.

Material inlines a few small scripts in every page (storage helpers, palette and tab
restore). Their hashes are worked out from the theme's own template files, rendered
with this build's settings, never from the pages being built: a page that holds any
other inline script fails the build instead of having it allowed. Nothing here imports
MkDocs; the theme's templates are found through the installed `material` package.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import re
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

import jinja2

# The theme's folder of inline-script partials, each one or two <script> elements.
THEME_SCRIPTS = "partials/javascripts"
_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)
_SRC = re.compile(r"\bsrc\s*=", re.IGNORECASE)
# Data blocks the browser never runs (Material's __config).
_DATA_TYPE = re.compile(r"\btype\s*=\s*[\"']?application/(?:ld\+)?json[\"'\s>]", re.IGNORECASE)
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


class UnknownScript(Exception):
    """An inline script in a page that is not one of the theme's."""


def theme_templates() -> Path:
    return Path(str(resources.files("material") / "templates"))


def theme_script_hashes(config: dict, features: list[str], templates: Path | None = None) -> frozenset[str]:
    """CSP hashes of every inline script the theme can write, given the build's settings.

    `config` must fix `extra.scope`, the one value that would otherwise differ with the
    depth of each page (see `scope_for`).
    """
    folder = (templates or theme_templates())
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder)), autoescape=False)
    hashes = set()
    for partial in sorted((folder / THEME_SCRIPTS).glob("*.html")):
        text = env.get_template(f"{THEME_SCRIPTS}/{partial.name}").render(
            config=config, features=features, base_url=None)
        hashes.update(hash_source(script) for script in _SCRIPT.findall(text))
    return frozenset(hashes)


def scope_for(site_url: str | None) -> str:
    """The path the theme scopes its stored settings to: the site's root, the same on every page."""
    return (urlsplit(site_url).path if site_url else "") or "/"


# Every page carries the same few scripts: each is hashed once a process.
@functools.lru_cache(maxsize=64)
def hash_source(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def render_policy(allowed: frozenset[str]) -> str:
    policy = {**POLICY, "script-src": POLICY["script-src"] + sorted(allowed)}
    return "; ".join(f"{name} {' '.join(values)}" for name, values in policy.items())


def check_scripts(html: str, allowed: frozenset[str]) -> None:
    """Raise UnknownScript for an executable inline script whose hash is not allowed.

    Browsers match tag names in ASCII case-insensitively. The page is searched as UTF-8
    bytes with bytes.lower(), which changes ASCII letters only and never a length
    ('İ'.lower() would add a character), with plain searches: far cheaper than a
    pattern, or str.translate, over the whole page.
    """
    raw = html.encode("utf-8")
    lower = raw.lower()
    start = lower.find(b"<script")
    while start != -1:
        tag_end = lower.find(b">", start)
        close = lower.find(b"</script", tag_end)
        if tag_end == -1 or close == -1:
            raise UnknownScript("a <script> element that is never closed")
        attributes = raw[start + len(b"<script"):tag_end].decode("utf-8")
        if not (_SRC.search(attributes) or _DATA_TYPE.search(attributes + ">")):
            body = raw[tag_end + 1:close].decode("utf-8")
            source = hash_source(body)
            if source not in allowed:
                raise UnknownScript(f"an inline script that is not the theme's ({source}): {body[:80]!r}")
        start = lower.find(b"<script", close)


def apply_csp(html: str, allowed: frozenset[str]) -> str:
    """The page with the policy as the first element of <head>, after checking its scripts."""
    check_scripts(html, allowed)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{render_policy(allowed)}">'
    return _HEAD.sub(lambda match: match.group(0) + meta, html, count=1)
