"""The capacity-building sections of the evaluation report, from the records a snapshot froze:
per goal, the activities and materials counted by key area, region, audience and funder, and
each key area's needs against the support that reached them (the gap analysis).

Records are a floor: what nobody recorded is not counted, and a record that does not say its
audience or funder is counted apart ("not stated"), never as none."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy

from cbap.activities.selectors import plan_texts, value_labels
from cbap.engine import gaps
from cbap.engine.capacity import Capacity


@dataclass
class Breakdown:
    """How many records of a kind have each value of a facet; `unstated` have none."""

    kind: str  # "activity" or "resource"
    facet: str
    title: str
    rows: list[tuple[str, str, int]]  # value, label, records
    total: int
    unstated: int


@dataclass
class NeedRow:
    """A key area's needs (its gap table cell for all Parties) with the support that reached
    them."""

    key_area: str
    text: str
    cell: gaps.Cell


@dataclass
class CapacityPart:
    activities: int
    activities_demo: int
    resources: int
    resources_demo: int
    breakdowns: list[Breakdown] = field(default_factory=list)
    needs: list[NeedRow] = field(default_factory=list)
    assessed: int = 0  # Parties with a published self-assessment
    parties: int = 0  # Parties on the snapshot's day


BREAKDOWNS = (
    ("activity", "key_area", gettext_lazy("Activities by key area")),
    ("activity", "region", gettext_lazy("Activities by region (named, or through a country)")),
    ("activity", "audience", gettext_lazy("Activities by target audience")),
    ("activity", "funder_type", gettext_lazy("Activities by type of funder")),
    ("resource", "key_area", gettext_lazy("Materials by key area")),
    ("resource", "resource_type", gettext_lazy("Materials by type")),
)
"""What each goal's activities and materials are counted by, in the order shown."""


def goal_parts(capacity: Capacity) -> tuple[dict[str, CapacityPart], gaps.GapTable]:
    """Each goal's part (by goal code), and the gap table they were read from."""
    table = capacity.gap_table()
    texts = plan_texts()
    goals = dict.fromkeys(goal for _area, goal in capacity.key_areas)
    return {goal: goal_part(capacity, goal, table, texts) for goal in goals}, table


def goal_part(capacity: Capacity, goal: str, table: gaps.GapTable, texts: dict) -> CapacityPart:
    """The goal's activities and materials, and its key areas' needs and gaps. `table` is the
    capacity's gap table (built once for every goal), `texts` the plan's texts by code."""
    activities = capacity.of_kind("activity", goal=goal)
    resources = capacity.of_kind("resource", goal=goal)
    key_areas = [code for code, of in capacity.key_areas if of == goal]
    coverage = table.coverage[gaps.ALL]
    return CapacityPart(
        activities=len(activities),
        activities_demo=sum(listing.demo for listing in activities),
        resources=len(resources),
        resources_demo=sum(listing.demo for listing in resources),
        breakdowns=[
            _breakdown(
                capacity,
                kind,
                activities if kind == "activity" else resources,
                facet,
                str(title),
                {code: texts.get(code, "") for code in key_areas},
            )
            for kind, facet, title in BREAKDOWNS
        ],
        needs=[
            NeedRow(code, texts.get(code, ""), table.cell(code, gaps.ALL)) for code in key_areas
        ],
        assessed=coverage.assessed,
        parties=coverage.parties,
    )


def _breakdown(
    capacity: Capacity,
    kind: str,
    listings: list,
    facet: str,
    title: str,
    key_areas: dict[str, str],
) -> Breakdown:
    """`key_areas`: the goal's, in order, with their texts."""
    counts = capacity.counts(listings, facet)
    if facet == "key_area":
        values = list(key_areas)  # every key area of the goal, those with no record too
        labels = key_areas
    elif facet == "region":
        values = list(capacity.regions)
        labels = {code: capacity.group_names.get(code, code) for code in values}
    else:
        values = sorted(counts, key=lambda value: (-counts[value], value))
        labels = value_labels(facet, values)
    stated = sum(map(_states(facet, key_areas), listings))
    return Breakdown(
        kind=kind,
        facet=facet,
        title=title,
        rows=[(value, labels.get(value, value), counts.get(value, 0)) for value in values],
        total=len(listings),
        unstated=len(listings) - stated,
    )


def _states(facet: str, key_areas: dict[str, str]):
    """Whether a listing says its value of the facet: a key area of the goal (not only the
    goal or one of its example activities); a region, or a country that lies in one."""
    if facet == "key_area":
        return lambda listing: bool(set(listing.values(facet)) & set(key_areas))
    if facet == "region":
        return lambda listing: bool(listing.values("region") or listing.values("country"))
    return lambda listing: bool(listing.values(facet))
