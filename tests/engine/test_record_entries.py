"""The records read whole (needs, matches) are selected by the same rule as the public index's:
`holds` on their facets; an entry without a date is undated (counted apart, for no Party), and
a selection counts for the Party concerned (`country`) or the Party that recorded it (`owner`)."""

from datetime import date

import pytest

from cbap.engine.facts import RecordRef
from cbap.engine.records import Entry, Selector, select


def entry(id, country, owner, *, start=date(2025, 1, 1), demo=False, **facets):
    ref = RecordRef(kind="match", id=id, title=f"#{id}", demo=demo, start=start)
    return Entry(
        ref=ref,
        country=country,
        owner=owner,
        facets={name: frozenset(values) for name, values in facets.items()},
    )


ENTRIES = [
    entry(1, "KEN", "BRA", kind=["training"], outcome=["met"]),
    entry(2, "KEN", None, kind=["funding"], outcome=["pending"], demo=True),
    entry(3, "TLS", "BRA", kind=["training"], outcome=["not_met"], start=None),
    entry(4, "BRA", "DEU", kind=["experts", "training"], outcome=["partly_met"]),
]


@pytest.mark.parametrize(
    ("where", "party", "expected"),
    [
        ({"facet": "kind", "in": ["training"]}, "country", (2, 0, 1, {"KEN", "BRA"})),
        ({"facet": "kind", "in": ["training"]}, "owner", (2, 0, 1, {"BRA", "DEU"})),
        ({"facet": "kind", "in": ["funding"]}, "owner", (1, 1, 0, set())),  # an organization's
        ({"facet": "outcome", "other_than": ["pending"]}, "country", (2, 0, 1, {"KEN", "BRA"})),
        ({"not": {"facet": "kind", "in": ["training"]}}, "country", (1, 1, 0, {"KEN"})),
        ({"facet": "kind", "in": ["fellowships"]}, "country", (0, 0, 0, set())),
    ],
)
def test_a_selection_counts_dated_entries_for_their_parties(where, party, expected):
    found = select(ENTRIES, Selector("matches", where, party))
    assert (found.records, found.demo, found.undated, set(found.parties)) == expected
    assert found.items is None  # read only when asked


def test_the_items_are_the_dated_records_newest_first_with_their_party():
    entries = [*ENTRIES, entry(5, "KEN", "BRA", kind=["training"], start=date(2025, 6, 1))]
    found = select(
        entries, Selector("matches", {"facet": "kind", "in": ["training"]}, "owner"), items=True
    )
    assert [(item.id, item.parties) for item in found.items] == [
        (5, ("BRA",)),
        (4, ("DEU",)),
        (1, ("BRA",)),
    ]
