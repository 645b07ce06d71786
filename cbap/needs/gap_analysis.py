"""The gap analysis's reads (annex, paragraph 21): every Party's newest published
self-assessment, the published offers, the published activities and the matches, turned into
the engine's lines and supports (`cbap.engine.gaps`), and the table as a heat map and as rows
for downloads."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from cbap.activities.models import Facet, Listing
from cbap.engine import gaps
from cbap.needs.models import Match
from cbap.needs.selectors import key_areas_by_goal, published_assessments, published_offers
from cbap.parties.models import Grouping, GroupingMembership
from cbap.parties.selectors import parties_on, valid_q

GAP_GROUPINGS = (Grouping.Kind.REGION, Grouping.Kind.LDC, Grouping.Kind.SIDS)


def gap_groups(day) -> dict[str, frozenset[str]]:
    """The regions, the LDC and the SIDS on `day`, each with its member governments' codes."""
    members: dict[str, set[str]] = {}
    for code, government in (
        GroupingMembership.objects.filter(valid_q(day), grouping__kind__in=GAP_GROUPINGS)
        .order_by("grouping__kind", "grouping__position", "grouping__code")
        .values_list("grouping__code", "government__code")
    ):
        members.setdefault(code, set()).add(government)
    return {code: frozenset(codes) for code, codes in members.items()}


def gap_table(day=None) -> gaps.GapTable:
    """The gap table of today's data: every Party's newest published self-assessment (its
    confidential lines counted at their level, never shown one by one), the published offers
    (those open to a grouping, to its members), the published activities (their countries,
    a regional one's through its region) and the matches (delivered or not)."""
    day = day or timezone.localdate()
    groups = gap_groups(day)
    lines = [
        gaps.NeedLine(assessment.owner_party.code, code, line.get("level", "not_assessed"))
        for assessment, content, _counts in published_assessments()
        for code, line in content["lines"].items()
    ]
    key_areas = [(code, goal.code) for goal in key_areas_by_goal() for code, _t in goal.key_areas]
    # The Parties on the day, and any government that assessed its needs (a Party whose
    # membership dates the sources do not give is "unknown" on a day, not absent).
    parties = set(parties_on(day).values_list("code", flat=True)) | {line.party for line in lines}
    return gaps.gap_table(lines, supports(groups), groups, key_areas, parties=parties)


def supports(groups) -> list[gaps.Support]:
    """Everything published that addresses needs: offers, activities, matches."""
    return [*_offer_supports(groups), *_activity_supports(groups), *_match_supports()]


def _offer_supports(groups) -> list[gaps.Support]:
    supports = []
    for offer, content in published_offers():
        eligible = frozenset(
            code for place in content["eligible"] for code in groups.get(place, {place})
        ) or frozenset({gaps.OPEN})
        supports += [
            gaps.Support(code, "offer", eligible, key=f"offer:{offer.pk}")
            for code in content["key_areas"]
        ]
    return supports


def _activity_supports(groups) -> list[gaps.Support]:
    """From the public index of activities: what each names (key areas, goals) and where it
    reached (countries, and regions through their members)."""
    named: dict[int, dict[str, set[str]]] = {}
    for listing, name, value in Facet.objects.filter(
        listing__kind=Listing.Kind.ACTIVITY, name__in=("key_area", "goal", "country", "region")
    ).values_list("listing_id", "name", "value"):
        named.setdefault(listing, {}).setdefault(name, set()).add(value)
    supports = []
    for listing, facets in named.items():
        reached = frozenset(
            facets.get("country", set())
            | {c for region in facets.get("region", ()) for c in groups.get(region, ())}
        )
        if not reached:
            continue
        codes = facets.get("key_area", set()) | facets.get("goal", set())
        supports += [
            gaps.Support(code, "activity", reached, key=f"activity:{listing}") for code in codes
        ]
    return supports


def _match_supports() -> list[gaps.Support]:
    delivered = (Match.State.DELIVERED, Match.State.CLOSED)
    return [
        gaps.Support(key_area, "match", frozenset({party}), delivered=state in delivered)
        for key_area, party, state in Match.objects.exclude(state=Match.State.DECLINED).values_list(
            "key_area", "assessment__owner_party__code", "state"
        )
    ]


@dataclass(frozen=True)
class HeatCell:
    x: int
    y: int
    value: int
    shade: float  # 0 (none unmet) to 1 (the most unmet high needs of any cell)


@dataclass(frozen=True)
class HeatMap:
    """The unmet high needs of every key area (row) and group (column), placed for an SVG:
    cells, the columns' label positions and names, the rows' label positions and codes."""

    cells: list[HeatCell]
    columns: list[tuple[int, str]]
    rows: list[tuple[int, str]]
    view_box: str
    highest: int


SIDE = 26  # a cell's side, in the SVG's units


def heat_map(table: gaps.GapTable, names: dict[str, str]) -> HeatMap:
    highest = max((cell.unmet_high for cell in table.cells), default=0) or 1
    rows = table.rows()
    cells = [
        HeatCell(column * SIDE, number * SIDE, cell.unmet_high, cell.unmet_high / highest)
        for number, row in enumerate(rows)
        for column, cell in enumerate(row.cells)
    ]
    margin_left, margin_top = 70, 170
    width = margin_left + SIDE * len(table.groups) + 150  # the slanted labels lean right
    height = margin_top + SIDE * len(rows) + 10
    return HeatMap(
        cells=cells,
        columns=[(n * SIDE + SIDE // 2, names.get(g, g)) for n, g in enumerate(table.groups)],
        rows=[(n * SIDE + SIDE * 2 // 3, row.key_area) for n, row in enumerate(rows)],
        view_box=f"{-margin_left} {-margin_top} {width} {height}",
        highest=highest,
    )


GAP_FIELDS = (
    "parties_assessed",
    "high",
    "medium",
    "low",
    "none",
    "not_assessed",
    "offers",
    "activities",
    "matches_delivered",
    "unmet_high",
)
GAP_HEADER = ("key_area", "group", "group_parties", "group_assessed", *GAP_FIELDS)


def gap_rows(table: gaps.GapTable, groups=None) -> list[list]:
    """The table's cells as rows of `GAP_HEADER` (of the `groups` only, "all" always), the
    group's coverage on each row: downloads and `cbap needs gaps` write these."""
    return [
        [
            cell.key_area,
            cell.group,
            table.coverage[cell.group].parties,
            table.coverage[cell.group].assessed,
            *(getattr(cell, name) for name in GAP_FIELDS),
        ]
        for cell in table.cells
        if groups is None or cell.group in groups or cell.group == gaps.ALL
    ]
