"""Published records as an indicator's source: activities and library resources, the needs
of Parties' self-assessments and the support delivered through matches; the facet condition
language, and what a source selects (`Selector`).

A records source (`source: activities | resources | needs | matches` in definitions.yaml)
counts the published records of one kind whose facets meet a small condition, `where`, in the
cycle's window: from the adoption of the plan to the cycle's deadline. The facet values of
activities and resources are the codes of the public index of cbap/activities (goal A.5,
key_area A.5.1, plan_activity A.5.v, category fellowship, actor academia, training yes, a
capacity-building area's identifier …); those of needs and matches are cbap/needs' terms (level
high, kind training, outcome met …). The selectors turn a condition into a query and hand the
engine what it selects as plain facts (`facts.Selection`). Needs and matches are few (a line per
key area of a Party's self-assessment, a match per support delivered): they are read whole as
`Entry`s and selected here (`select`), by the same rule (`holds`).

The condition language is two-valued: a record names a value or it does not. What is unknown
is whether a Party has activities that nobody recorded, and the engine says so for every Party
that no record counts for ("no matching record", never "no").

    {facet: NAME, in: [values]}          the record has at least one of the values
    {facet: NAME, other_than: [values]}  the record has at least one value that is none of them
    {all: [...]}, {any: [...]}, {not: {...}}
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from cbap.engine.facts import RecordRef, Selection

KINDS = {"activities": "activity", "resources": "resource", "needs": "need", "matches": "match"}
"""A records source's `source` → the kind of record (for activities and resources, cbap/activities
`Listing.kind`)."""
INDEXED = ("activities", "resources")
"""The sources read from the public index of cbap/activities; the others are read as entries."""

FACETS = {
    "activities": frozenset(
        {
            "goal",
            "key_area",
            "plan_activity",
            "country",
            "region",
            "scope",
            "status",
            "category",
            "audience",
            "actor",
            "funding",
            "funder_type",
            "year",
            "new_tech",
            "owner",
            "cb_area",
            "organization",
        }
    ),
    "resources": frozenset(
        {
            "goal",
            "key_area",
            "plan_activity",
            "country",
            "resource_type",
            "language",
            "training",
            "year",
            "new_tech",
            "owner",
            "cb_area",
            "organization",
        }
    ),
    "needs": frozenset({"goal", "key_area", "level", "kind", "audience"}),
    "matches": frozenset({"goal", "key_area", "kind", "outcome", "provider"}),
}
"""The facets a condition may read, per source. A need is one line of a Party's newest
self-assessment in the window (its key area and goal, level of need, kinds of support preferred,
audiences); a match is support delivered to a Party (its key area and goal, the offer's kinds
of support, the outcome: met, partly_met, not_met, or pending while not closed; the provider:
party or organization)."""

LEAF_TESTS = ("in", "other_than")
TOOK_PLACE = ("ongoing", "completed")
"""The statuses of an activity that took place: a proposed, approved (not yet started) or
cancelled activity did not, and is not counted ("indicators measure whether activity took
place")."""
PARTY_BY = ("country", "owner")
"""How a record counts for a Party: `country`, for each country it covers (the `country`
facet: the countries it names, and every country of the regions it names); `owner`, for the
Party that recorded it (a national record, published by the Party's focal point). A need counts
for the Party that assessed it either way; a match counts by `country` for the Party that
received the support, by `owner` for the Party that gave it (a national offer)."""
COUNTS = ("records", "views", "downloads", "parties")
"""What a `number` counts: the records, their views or downloads in the window's months, or
the Parties that a record counts for."""
USAGE = ("views", "downloads")


@dataclass(frozen=True)
class Selector:
    """What a records source selects: the published records of one kind (`records`:
    activities | resources) for which `where` holds, each counted for Parties by `party`.

    `by_use` selects every published record, whatever its date, for its use in the window (views
    and downloads are counted by month); otherwise a record counts when it is dated in the
    window (an activity that took place in it, a resource published in it)."""

    records: str
    where: Mapping
    party: str = "country"
    by_use: bool = False

    def __hash__(self) -> int:  # `where` is a mapping: the key stands for it
        return hash(self.key)

    @property
    def kind(self) -> str:
        return KINDS[self.records]

    @property
    def key(self) -> str:
        """The same selection has the same key, however many sources share it."""
        return json.dumps(
            [self.records, self.where, self.party, self.by_use],
            sort_keys=True,
            ensure_ascii=False,
            separators=(",", ":"),
        )


def check(where, records: str, at: str = "where") -> None:
    """Raise ValueError naming the node when `where` is not a condition on the facets of
    `records`."""
    if not isinstance(where, Mapping) or not where:
        raise ValueError(f"{at}: {where!r} is not a condition (a non-empty mapping)")
    if "facet" in where:
        tests = set(where) - {"facet"}
        if len(tests) != 1 or not tests <= set(LEAF_TESTS):
            tests_named = ", ".join(LEAF_TESTS)
            raise ValueError(f"{at}: {dict(where)!r} needs facet and one of {tests_named}")
        name, (test,) = where["facet"], tests
        if name not in FACETS[records]:
            known = ", ".join(sorted(FACETS[records]))
            raise ValueError(f"{at}: {records} have no facet {name!r} (known: {known})")
        values = where[test]
        if (
            not isinstance(values, list)
            or not values
            or not all(isinstance(v, str) and v for v in values)
        ):
            raise ValueError(f"{at}: {test} on {name} needs a list of strings (quote them in YAML)")
        return
    if len(where) != 1:
        raise ValueError(f"{at}: {dict(where)!r} must have exactly one operator")
    ((operator, argument),) = where.items()
    if operator in ("all", "any"):
        if not isinstance(argument, list) or not argument:
            raise ValueError(f"{at}.{operator} needs a non-empty list")
        for index, child in enumerate(argument):
            check(child, records, f"{at}.{operator}[{index}]")
    elif operator == "not":
        check(argument, records, f"{at}.not")
    else:
        raise ValueError(f"{at}: unknown operator {operator!r}")


def facets_read(where: Mapping) -> dict[str, set[str]]:
    """Facet name → the values the condition names."""
    if "facet" in where:
        test = "in" if "in" in where else "other_than"
        return {where["facet"]: set(where[test])}
    ((operator, argument),) = where.items()
    found: dict[str, set[str]] = {}
    for child in argument if operator in ("all", "any") else [argument]:
        for name, values in facets_read(child).items():
            found.setdefault(name, set()).update(values)
    return found


def holds(where: Mapping, facets: Mapping[str, set[str] | frozenset[str]]) -> bool:
    """Whether the condition holds for one record, given its facet values (name → values):
    the plain statement of what the selectors' query selects (the tests hold them equal)."""
    if "facet" in where:
        values = facets.get(where["facet"], ())
        if "in" in where:
            return any(value in values for value in where["in"])
        return any(value not in where["other_than"] for value in values)
    ((operator, argument),) = where.items()
    if operator == "all":
        return all(holds(child, facets) for child in argument)
    if operator == "any":
        return any(holds(child, facets) for child in argument)
    return not holds(argument, facets)


@dataclass(frozen=True)
class Entry:
    """A record of a source read as a whole (`INDEXED` says which are not): what it is
    (`ref`, its Parties left empty), the Party it concerns (`country`), the Party that recorded
    it (`owner`, None for an organization's) and its facets."""

    ref: RecordRef
    country: str
    owner: str | None
    facets: Mapping[str, frozenset[str]]


def select(entries: Iterable[Entry], selector: Selector, *, items: bool = False) -> Selection:
    """What `selector` selects of the entries in a window: an entry without a date is undated
    (counted apart, never for a Party); `items` keeps the records themselves."""
    chosen = [entry for entry in entries if holds(selector.where, entry.facets)]
    dated = [entry for entry in chosen if entry.ref.start is not None]
    by_owner = selector.party == "owner"
    parties = {entry.owner if by_owner else entry.country for entry in dated} - {None}
    kept = None
    if items:
        kept = tuple(
            replace(entry.ref, parties=((entry.owner,) if by_owner else (entry.country,)))
            if (entry.owner if by_owner else entry.country)
            else entry.ref
            for entry in sorted(dated, key=lambda e: (e.ref.start, e.ref.id), reverse=True)
        )
    return Selection(
        records=len(dated),
        demo=sum(entry.ref.demo for entry in dated),
        undated=len(chosen) - len(dated),
        parties=frozenset(parties),
        items=kept,
    )
