"""Slugs: the one pattern for file names, keys and tags, and the one way to make a slug from a title."""

from __future__ import annotations

import re
import unicodedata

SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
SLUG_PATTERN = re.compile(rf"^{SLUG}$")
# Slugs that would collide with pages the site itself makes under /cases/.
RESERVED_SLUGS = frozenset({"index"})
MAX_SLUG_LENGTH = 60



def slugify(text: str, fallback: str = "my-case") -> str:
    """Lowercase ASCII words joined by hyphens, at most MAX_SLUG_LENGTH characters, cut at a word."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > MAX_SLUG_LENGTH:
        slug = slug[:MAX_SLUG_LENGTH].rsplit("-", 1)[0]
    return slug or fallback
