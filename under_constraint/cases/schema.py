"""The schema: every front-matter field, its rule and its JSON Schema, in the order a case lists them.

This table is the single source of the fields: the validator checks with it, the scaffold
writes from it and `uc-schema` exports it as JSON Schema for editors."""

from __future__ import annotations

from dataclasses import dataclass

from under_constraint.cases.rules import fields as rules
from under_constraint.cases.rules.fields import (
    CONSTRAINTS_COUNT,
    EARLIEST_YEAR,
    MAX_TAGS,
    MAX_URL_LENGTH,
    MIN_SOURCES,
    MOVES_COUNT,
    ORIGINS,
    OUTCOMES,
    SOURCE_TITLE_LENGTH,
    SUMMARY_LENGTH,
    TITLE_LENGTH,
    WHERE_LENGTH,
    WHO_LENGTH,
)
from under_constraint.cases.slugs import SLUG_PATTERN
from under_constraint.cases.taxonomy import Taxonomy


@dataclass(frozen=True)
class Field:
    required: bool
    check: object
    hint: str
    # The field as JSON Schema, given the taxonomy: for editors and other tools.
    json: object


def _json_text(length):
    return lambda _: {"type": "string", "minLength": length[0], "maxLength": length[1]}


def _json_keys(group, count=None):
    def schema(taxonomy):
        key = {"type": "string", "enum": list(taxonomy.group(group))}
        if count is None:
            return key
        return {"type": "array", "items": key, "minItems": count[0], "maxItems": count[1], "uniqueItems": True}
    return schema


_SLUG_JSON = {"type": "string", "pattern": SLUG_PATTERN.pattern}


_SOURCE_JSON = {
    "type": "object", "required": ["title", "url"], "additionalProperties": False,
    "properties": {
        "title": {"type": "string", "minLength": SOURCE_TITLE_LENGTH[0], "maxLength": SOURCE_TITLE_LENGTH[1]},
        "url": {"type": "string", "pattern": "^https://[^\\s/]+\\.[^\\s]+$", "maxLength": MAX_URL_LENGTH},
    },
}


# The schema: every front-matter field, in the order a case file lists them.
SCHEMA = {
    "title": Field(True, rules.check_title, "what happened, in a sentence-like title", _json_text(TITLE_LENGTH)),
    "summary": Field(True, rules.check_summary, "one or two plain sentences for the gallery card",
                     _json_text(SUMMARY_LENGTH)),
    "year": Field(True, rules.check_year, "the year the response happened (negative for BCE)",
                  lambda _: {"type": "integer", "minimum": EARLIEST_YEAR}),
    "who": Field(True, rules.check_who, "the people or organisation", _json_text(WHO_LENGTH)),
    "where": Field(False, rules.check_where, "the place", _json_text(WHERE_LENGTH)),
    "domain": Field(True, rules.check_domain, "one key of domains in cases/taxonomy.yml", _json_keys("domains")),
    "constraints": Field(True, rules.check_constraints, "1 to 3 keys of constraints: what was scarce or fixed",
                         _json_keys("constraints", CONSTRAINTS_COUNT)),
    "moves": Field(True, rules.check_moves, "1 to 3 keys of moves: how the limit was turned into an advantage",
                   _json_keys("moves", MOVES_COUNT)),
    "origin": Field(False, rules.check_origin, "imposed (the world set the limit) or chosen (the makers did)",
                    lambda _: {"type": "string", "enum": list(ORIGINS)}),
    "outcome": Field(True, rules.check_outcome,
                     "worked, mixed (it worked at a cost the story often leaves out) or failed",
                     lambda _: {"type": "string", "enum": list(OUTCOMES)}),
    "tags": Field(False, rules.check_tags, f"up to {MAX_TAGS} free keywords, lowercase-hyphenated",
                  lambda _: {"type": "array", "items": _SLUG_JSON, "maxItems": MAX_TAGS, "uniqueItems": True}),
    "sources": Field(True, rules.check_sources, f"at least {MIN_SOURCES} pages a reader can check",
                     lambda _: {"type": "array", "items": _SOURCE_JSON, "minItems": MIN_SOURCES,
                                "uniqueItems": True}),
    "added": Field(True, rules.check_added, "the date the case joined the gallery, YYYY-MM-DD",
                   lambda _: {"type": "string", "format": "date", "pattern": "^\\d{4}-\\d{2}-\\d{2}$"}),
    "updated": Field(False, rules.check_updated, "the date of the last change to what the case says, YYYY-MM-DD",
                     lambda _: {"type": "string", "format": "date", "pattern": "^\\d{4}-\\d{2}-\\d{2}$"}),
    "related": Field(False, rules.check_related, "slugs of other cases that illuminate this one",
                     lambda _: {"type": "array", "items": _SLUG_JSON, "uniqueItems": True}),
}


FIELDS = tuple(SCHEMA)


REQUIRED_FIELDS = tuple(name for name, spec in SCHEMA.items() if spec.required)


def json_schema(taxonomy: Taxonomy) -> dict:
    """The front matter as JSON Schema (draft 2020-12), made from SCHEMA and the taxonomy.

    Rules that need more than one file (unique titles, `related` targets), the clock
    (no future dates) or the body are the validator's alone.
    """
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Under Constraint case front matter",
        "description": "The YAML front matter of a file in cases/. Generated by scripts/case_schema.py.",
        "type": "object",
        "additionalProperties": False,
        "required": list(REQUIRED_FIELDS),
        "properties": {
            name: {"description": spec.hint[0].upper() + spec.hint[1:] + ".", **spec.json(taxonomy)}
            for name, spec in SCHEMA.items()
        },
    }
