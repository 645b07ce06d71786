"""The capacity-building records a snapshot keeps beside the cycles' facts, as plain data and
back, and the counts the evaluation reads of them: the published activities and resources (what
the public index holds of each), each Party's newest published self-assessment, the supports
that address needs (offers, activities, matches) and the matches of each Party.

Kept whole, so that a report or a country profile built from a snapshot gives the same numbers
whenever it is built again. Confidential lines of a self-assessment are kept with their level,
because the gap table counts them; readers never show them one by one (`PartyNeeds.shown`).

    capacity = capacity_from_data(capacity_data(capacity))   # the same capacity
    capacity.counts(capacity.of_kind("activity", goal="A.1"), "audience")   # {"regulators": 3}
    capacity.gap_table().cell("A.1.1", "all").unmet_high
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from cbap.engine import gaps


@dataclass(frozen=True)
class Listing:
    """A published activity or resource as the public index holds it: its facets' values
    (countries and regions as the record names them)."""

    kind: str  # "activity" or "resource"
    id: int
    title: str
    facets: Mapping[str, tuple[str, ...]]
    demo: bool = False

    def values(self, facet: str) -> tuple[str, ...]:
        return self.facets.get(facet, ())


@dataclass(frozen=True)
class PartyNeeds:
    """A Party's newest published self-assessment: the level of each key area it rated, and
    which of those lines it marked confidential (counted in the gap table, never shown)."""

    party: str
    assessed_on: date
    levels: Mapping[str, str]
    confidential: frozenset[str] = frozenset()
    demo: bool = False

    @property
    def shown(self) -> dict[str, str]:
        """The lines anyone may read."""
        return {code: level for code, level in self.levels.items() if code not in self.confidential}


@dataclass(frozen=True)
class MatchRef:
    """A match of an offer with a Party's need (declined ones are not kept)."""

    party: str
    key_area: str
    state: str
    offer: str  # the offer's title


DELIVERED = ("delivered", "closed")


@dataclass(frozen=True)
class Capacity:
    """Everything published about capacity-building on `day`."""

    day: date
    listings: tuple[Listing, ...]
    needs: tuple[PartyNeeds, ...]
    supports: tuple[gaps.Support, ...]
    matches: tuple[MatchRef, ...]
    groups: Mapping[str, frozenset[str]]  # region, LDC, SIDS code → member governments
    group_names: Mapping[str, str]
    regions: tuple[str, ...]  # the groups that are regions, in the registry's order
    key_areas: tuple[tuple[str, str], ...]  # (key area, its goal), in the plan's order
    parties: frozenset[str]  # the Parties on `day`

    def gap_table(self) -> gaps.GapTable:
        lines = [
            gaps.NeedLine(needs.party, code, level)
            for needs in self.needs
            for code, level in needs.levels.items()
        ]
        return gaps.gap_table(
            lines, self.supports, self.groups, self.key_areas, parties=self.parties
        )

    def of_kind(self, kind: str, *, goal: str | None = None) -> list[Listing]:
        """The listings of a kind, addressing the goal (any of its key areas or activities)
        when one is given."""
        return [
            listing
            for listing in self.listings
            if listing.kind == kind and (goal is None or goal in listing.values("goal"))
        ]

    def counts(self, listings: list[Listing], facet: str) -> Counter:
        """How many of the listings have each value of the facet. By region, a record counts
        for the regions it names and for those of the countries it names; each record once
        per value."""
        counted: Counter = Counter()
        regions = {region: self.groups.get(region, frozenset()) for region in self.regions}
        for listing in listings:
            values = set(listing.values(facet))
            if facet == "region" and (countries := listing.values("country")):
                values |= {
                    region for region, members in regions.items() if members & set(countries)
                }
            counted.update(values)
        return counted

    def reaching(self, party: str) -> list[Listing]:
        """The listings that name the Party's country, or a region it belongs to."""
        regions = {code for code in self.regions if party in self.groups.get(code, ())}
        return [
            listing
            for listing in self.listings
            if party in listing.values("country") or regions & set(listing.values("region"))
        ]

    def needs_of(self, party: str) -> PartyNeeds | None:
        return next((needs for needs in self.needs if needs.party == party), None)

    def matches_of(self, party: str) -> list[MatchRef]:
        return [match for match in self.matches if match.party == party]


def capacity_data(capacity: Capacity) -> dict:
    """The capacity as JSON data; sets sorted, so the same records give the same data."""
    return {
        "day": capacity.day.isoformat(),
        "listings": [
            {
                "kind": listing.kind,
                "id": listing.id,
                "title": listing.title,
                "demo": listing.demo,
                "facets": {name: list(values) for name, values in sorted(listing.facets.items())},
            }
            for listing in capacity.listings
        ],
        "needs": [
            {
                "party": needs.party,
                "assessed_on": needs.assessed_on.isoformat(),
                "levels": dict(sorted(needs.levels.items())),
                "confidential": sorted(needs.confidential),
                "demo": needs.demo,
            }
            for needs in capacity.needs
        ],
        "supports": [
            {
                "key_area": support.key_area,
                "kind": support.kind,
                "parties": sorted(support.parties),
                "delivered": support.delivered,
                "key": support.key,
            }
            for support in capacity.supports
        ],
        "matches": [
            {"party": m.party, "key_area": m.key_area, "state": m.state, "offer": m.offer}
            for m in capacity.matches
        ],
        "groups": {code: sorted(members) for code, members in capacity.groups.items()},
        "group_names": dict(capacity.group_names),
        "regions": list(capacity.regions),
        "key_areas": [list(pair) for pair in capacity.key_areas],
        "parties": sorted(capacity.parties),
    }


def capacity_from_data(data: Mapping) -> Capacity:
    """The capacity that `capacity_data` wrote."""
    return Capacity(
        day=date.fromisoformat(data["day"]),
        listings=tuple(
            Listing(
                kind=raw["kind"],
                id=raw["id"],
                title=raw["title"],
                demo=raw["demo"],
                facets={name: tuple(values) for name, values in raw["facets"].items()},
            )
            for raw in data["listings"]
        ),
        needs=tuple(
            PartyNeeds(
                party=raw["party"],
                assessed_on=date.fromisoformat(raw["assessed_on"]),
                levels=raw["levels"],
                confidential=frozenset(raw["confidential"]),
                demo=raw["demo"],
            )
            for raw in data["needs"]
        ),
        supports=tuple(
            gaps.Support(
                raw["key_area"],
                raw["kind"],
                frozenset(raw["parties"]),
                delivered=raw["delivered"],
                key=raw["key"],
            )
            for raw in data["supports"]
        ),
        matches=tuple(MatchRef(**raw) for raw in data["matches"]),
        groups={code: frozenset(members) for code, members in data["groups"].items()},
        group_names=data["group_names"],
        regions=tuple(data["regions"]),
        key_areas=tuple((code, goal) for code, goal in data["key_areas"]),
        parties=frozenset(data["parties"]),
    )
