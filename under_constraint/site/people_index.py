"""The gallery's people index: each case's people as search text, keyed by slug.

The gallery's text box searches titles and summaries, which the page carries, and the
people behind each case, which it does not (they would add to every visit's page
weight). On first use of the box the browser fetches this small file instead of the
whole of cases.json.

Only `who` goes in: the text box promises "titles, summaries and people", and adding
places would make it find cases for words it does not claim to search.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable

from under_constraint.cases.model import Case
from under_constraint.site import urls

PEOPLE_INDEX = urls.PEOPLE_JSON

# The combining marks gallery-logic.js strips (its fold()); the two must agree, so that
# an index folded here is already what the browser would make of it.
_MARKS = re.compile("[\u0300-\u036f]")


def fold(text: str) -> str:
    """Case- and accent-insensitive search text, as the browser folds what is typed."""
    return " ".join(_MARKS.sub("", unicodedata.normalize("NFD", text)).lower().split())


def people_index(cases: Iterable[Case]) -> dict[str, str]:
    """Slug to folded `who`, sorted by slug; cases with no people are left out."""
    index = {case.slug: fold(case.who) for case in sorted(cases, key=lambda c: c.slug)}
    return {slug: text for slug, text in index.items() if text}


def render_people_index(cases: Iterable[Case]) -> str:
    # Compact and not ASCII-escaped: the file is downloaded, so every byte counts.
    return json.dumps(people_index(cases), ensure_ascii=False, separators=(",", ":")) + "\n"
