"""Rules that need every case at once: unique titles, `related` targets, near duplicates."""

from __future__ import annotations

import difflib
import unicodedata

from under_constraint.cases.model import Case
from under_constraint.cases.problems import Problem

NEAR_TITLE_RATIO = 0.85
# A word in more titles than this says nothing about sameness ("with", "first").
MAX_CASES_PER_TITLE_WORD = 50


def check_collection(cases: list[Case]) -> list[Problem]:
    """Rules that need every case: unique titles and near duplicates.

    `related` targets are checked per file (see rules.fields.check_related), so a case
    with other errors still hears about them in the same pass.
    """
    problems = []
    by_title: dict[str, list[Case]] = {}
    for case in cases:
        by_title.setdefault(" ".join(case.title.casefold().split()), []).append(case)
    for case in cases:
        others = [other for other in by_title[" ".join(case.title.casefold().split())] if other is not case]
        if others:
            problems.append(Problem(case.path, case.lines["title"],
                                    f"title: '{case.title}' is also the title of {others[0].path}: "
                                    "titles must be unique"))
    problems += check_near_duplicates(cases)
    return problems


def check_near_duplicates(cases: list[Case]) -> list[Problem]:
    """Warnings, not errors: a title close to another's, or another case's main source."""
    warnings = []
    for case, other, ratio in _similar_titles(cases):
        warnings.append(Problem(case.path, case.lines["title"],
                                f"title is {ratio:.0%} like '{other.title}' ({other.path}): "
                                "is this the same case?", warning=True))
    main_sources: dict[str, list[Case]] = {}
    for case in cases:
        main_sources.setdefault(case.sources[0].url, []).append(case)
    for case in cases:
        for index, source in enumerate(case.sources):
            owner = next((c for c in main_sources.get(source.url, ()) if c is not case), None)
            if owner is not None:
                line = case.lines.get(f"sources.{index}", case.lines["sources"])
                warnings.append(Problem(case.path, line,
                                        f"source {index + 1} is the main source of {owner.path}: "
                                        "is this the same case?", warning=True))
    return warnings


def _similar_titles(cases: list[Case]):
    """Pairs of distinct titles at least NEAR_TITLE_RATIO alike, each pair both ways.

    Only titles sharing a rare word are compared, so the cost grows with the number of
    cases rather than with its square.
    """
    normal = {case.slug: _normal_title(case.title) for case in cases}
    words = {slug: set(title.split()) for slug, title in normal.items()}
    by_word: dict[str, list[Case]] = {}
    for case in cases:
        for word in words[case.slug]:
            if len(word) > 3:
                by_word.setdefault(word, []).append(case)
    compared: set[tuple[str, str]] = set()
    for group in by_word.values():
        if len(group) > MAX_CASES_PER_TITLE_WORD:
            continue
        for i, case in enumerate(group):
            for other in group[i + 1:]:
                pair = (case.slug, other.slug)
                if pair in compared:
                    continue
                compared.add(pair)
                a, b = normal[case.slug], normal[other.slug]
                first, second = words[case.slug], words[other.slug]
                # Sharing most words is a cheap necessary condition for the costly comparison.
                if case.title.casefold() == other.title.casefold() or len(first & second) * 2 < len(first | second):
                    continue
                ratio = difflib.SequenceMatcher(None, a, b).ratio()
                if ratio >= NEAR_TITLE_RATIO:
                    yield case, other, ratio
                    yield other, case, ratio


def _normal_title(title: str) -> str:
    """A title as compared for sameness: NFKC, case folded, no format characters or punctuation."""
    folded = unicodedata.normalize("NFKC", title).casefold()
    kept = (" " if unicodedata.category(char)[0] in "PSZ" else char
            for char in folded if unicodedata.category(char) not in ("Cf", "Mn"))
    return " ".join("".join(kept).split())
