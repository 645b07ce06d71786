"""The gap analysis of the Action Plan (annex, paragraph 21, of decision CP-10/4): Parties' needs
against the support that addresses them, by key area and by region or grouping, and the key areas
that the needs left unmet suggest as priorities.

Needs are the lines of each Party's newest published self-assessment, one per key area. Support is
what addresses a key area: a published offer (open to the Parties eligible for it), a published
capacity-building activity (which reached some countries), or a match between an offer and a
Party's need (which may have been delivered). A table crosses every key area with every group
(group "all" is every Party) and counts, in each cell, who rated the key area at which level and
what support reached the group there.

Unknown is never zero. A Party without a self-assessment contributes no line: it is counted in no
level, "none" included, and `coverage` says how many of a group's Parties assessed at all, so that
a page can say "12 of 54 Parties assessed" next to every figure. A line rated "not_assessed" is
counted as such, apart from "none" (no need).

    key_areas = {"A.1.1": "A.1", "A.1.2": "A.1"}
    lines = [NeedLine("KEN", "A.1.1", "high"), NeedLine("UGA", "A.1.1", "medium")]
    supports = [
        Support("A.1", "offer", frozenset({OPEN})),     # a whole goal: each of its key areas
        Support("A.1.1", "match", frozenset({"KEN"}), delivered=True),
    ]
    groups = {"african_group": frozenset({"KEN", "UGA", "NGA"})}
    table = gap_table(lines, supports, groups, key_areas)
    cell = table.cell("A.1.1", "african_group")
    cell.high, cell.medium, cell.none, cell.offers, cell.unmet_high    # 1, 1, 0, 1, 0
    coverage = table.coverage["african_group"]
    coverage.assessed, coverage.parties                 # 2, 3: "2 of 3 Parties assessed"
    [first, second] = candidate_priorities(table)
    first.key_area, first.score, first.reasons[:3]      # "A.1.1", 2, ("1 Party rates it high,
        # 1 medium", "1 need met by delivered support", "Score 2 = 2 × 1 unmet medium")
    second.key_area, second.score                       # "A.1.2", 0: no Party has a line for it

`gap_table` never compares every support with every Party: it reads each line once per group of
its Party, and each support once per group (is a needing or reached Party among the group's?), so
its time grows with lines and supports, not with their product. Nothing reads the clock and nothing
is rounded: the same inputs give the same table and the same ranking.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

LEVELS = ("high", "medium", "low", "none", "not_assessed")
"""The levels of a line of a self-assessment. "none": no need; "not_assessed": the Party did not
assess the key area. Neither is the absence of a self-assessment, which gives no line at all."""
NEEDS = ("high", "medium", "low")
"""The levels that are needs: what support can meet and what priorities weigh."""
KINDS = ("offer", "activity", "match")
"""What a Support is: a published offer, a published activity, or a match with a Party's need."""
OPEN = "*"
"""In the Parties of an offer: open to every Party (`frozenset({OPEN})`)."""
ALL = "all"
"""The group of every Party, always the table's first column."""
PRIORITY_WEIGHTS = {"high": 3, "medium": 2, "low": 1}
"""What an unmet need of each level adds to a key area's priority score."""


@dataclass(frozen=True)
class NeedLine:
    """A Party's level of need in a key area, from its newest published self-assessment."""

    party: str
    key_area: str
    level: str

    def __post_init__(self) -> None:
        if self.level not in LEVELS:
            raise ValueError(
                f"need line {self.party}/{self.key_area}: unknown level {self.level!r} "
                f"(known: {', '.join(LEVELS)})"
            )


@dataclass(frozen=True)
class Support:
    """Something that addresses a key area, or every key area of a goal when `key_area` names
    the goal (not for a match: a need is of one key area).

    `parties`: for an offer, the Parties eligible (groupings that it names resolved to their
    Parties), or `{OPEN}` when open to every Party; for an activity, the countries it reached
    (empty when unknown: it counts nowhere); for a match, the one Party whose need it meets.
    `delivered` is for matches only. `key`, when given, identifies the record: Supports of the
    same kind and key count once in a cell (an offer naming a goal and one of its key areas), and
    Supports without a key each count.
    """

    key_area: str
    kind: str
    parties: frozenset[str]
    delivered: bool = False
    key: str | None = None

    def __post_init__(self) -> None:
        name = " ".join(filter(None, (self.kind, self.key))) + f" for {self.key_area}"
        if self.kind not in KINDS:
            raise ValueError(f"support for {self.key_area}: unknown kind {self.kind!r}")
        if self.kind == "offer" and not self.parties:
            raise ValueError(f"{name}: no eligible Party (use {{OPEN}} for every Party)")
        if self.kind != "offer" and OPEN in self.parties:
            raise ValueError(f"{name}: only an offer is open to every Party")
        if self.kind == "match" and len(self.parties) != 1:
            raise ValueError(f"{name}: a match is for one Party, not {len(self.parties)}")
        if self.delivered and self.kind != "match":
            raise ValueError(f"{name}: only a match is delivered")


@dataclass(frozen=True)
class Cell:
    """A key area in a group: who rated it at which level, and the support that reached the group.

    `parties_assessed`: the group's Parties with a line for the key area, whatever its level
    ("not_assessed" included); the five levels add up to it. `offers`: the offers for the key area
    (or its goal) for which at least one of the group's Parties with a high or medium need there is
    eligible, an open offer included only when the group has such a Party. `activities`: the
    activities for the key area (or its goal) that reached at least one of the group's Parties.
    `matches_delivered`: the delivered matches for the group's Parties in the key area, whatever the
    Party's level. `unmet_high` (`unmet_medium`, `unmet_low`): the group's Parties with a need of
    that level in the key area and no delivered match for it.
    """

    key_area: str
    group: str
    parties_assessed: int
    high: int
    medium: int
    low: int
    none: int
    not_assessed: int
    offers: int
    activities: int
    matches_delivered: int
    unmet_high: int
    unmet_medium: int
    unmet_low: int

    @property
    def needs(self) -> int:
        """Parties rating the key area high, medium or low."""
        return self.high + self.medium + self.low

    @property
    def met(self) -> int:
        """Needs (high, medium or low) with a delivered match."""
        return self.needs - self.unmet_high - self.unmet_medium - self.unmet_low


@dataclass(frozen=True)
class Coverage:
    """How many of a group's Parties have a self-assessment at all ("12 of 54 assessed")."""

    group: str
    parties: int
    assessed: int

    @property
    def without(self) -> int:
        """The group's Parties without a self-assessment: counted in no level."""
        return self.parties - self.assessed


@dataclass(frozen=True)
class Row:
    """A key area and its cells, one per group in the table's order: a row of a heat map."""

    key_area: str
    goal: str
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class GapTable:
    """Every key area crossed with every group. `cells` runs key area by key area (in the Action
    Plan's order), each through the groups ("all" first, then as given)."""

    key_areas: tuple[str, ...]
    goals: Mapping[str, str]
    groups: tuple[str, ...]
    cells: tuple[Cell, ...]
    coverage: Mapping[str, Coverage]
    _index: Mapping[tuple[str, str], Cell] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index = {(cell.key_area, cell.group): cell for cell in self.cells}
        object.__setattr__(self, "_index", index)

    def cell(self, key_area: str, group: str) -> Cell:
        try:
            return self._index[key_area, group]
        except KeyError:
            raise KeyError(f"no cell for key area {key_area!r} and group {group!r}") from None

    def rows(self) -> list[Row]:
        """One row per key area, in the Action Plan's order."""
        width = len(self.groups)
        return [
            Row(key_area, self.goals[key_area], self.cells[i * width : (i + 1) * width])
            for i, key_area in enumerate(self.key_areas)
        ]


@dataclass(frozen=True)
class Priority:
    """A key area as a candidate priority. `score`: each unmet need weighted by its level.
    `parties_*`: the Parties rating it at each level, met or not; `met`: how many of those needs
    a delivered match meets. `reasons`: plain-English sentences that a page can show."""

    key_area: str
    score: float
    parties_high: int
    parties_medium: int
    parties_low: int
    met: int
    reasons: tuple[str, ...]


def gap_table(
    lines: Iterable[NeedLine],
    supports: Iterable[Support],
    groups: Mapping[str, frozenset[str]],
    key_areas: Mapping[str, str] | Iterable[tuple[str, str]],
    *,
    parties: Iterable[str] | None = None,
) -> GapTable:
    """The gap table of the needs against the support, for every key area and group.

    `groups`: group code → its Parties (regions, groupings such as "ldc"), in the order of the
    columns. `key_areas`: key-area code → its goal, in the Action Plan's order. `parties`: every
    Party (group "all"); by default the Parties of the groups and those with lines. A group counts
    only its members that are Parties; countries that are not (reached by an activity) count
    nowhere. Raises ValueError for a group named "all", two lines of a Party for one key area, or a
    line, a support or a match naming what the table does not know.
    """
    goals = dict(key_areas)
    by_goal: dict[str, list[str]] = {}
    for key_area, goal in goals.items():
        by_goal.setdefault(goal, []).append(key_area)
    if ALL in groups:
        raise ValueError(f"{ALL!r} is every Party: no group may be named so")
    lines = list(lines)
    levels: dict[tuple[str, str], str] = {}
    for line in lines:
        if line.key_area not in goals:
            raise ValueError(f"need line of {line.party}: unknown key area {line.key_area!r}")
        if (line.party, line.key_area) in levels:
            raise ValueError(f"two lines of {line.party} for {line.key_area}: give the newest")
        levels[line.party, line.key_area] = line.level
    assessed = frozenset(line.party for line in lines)
    if parties is None:
        everyone = frozenset().union(assessed, *groups.values())
    else:
        everyone = frozenset(parties)
        if strangers := assessed - everyone:
            raise ValueError(f"need lines of countries not among the Parties: {_listed(strangers)}")
    members = {
        ALL: everyone,
        **{code: frozenset(group) & everyone for code, group in groups.items()},
    }
    groups_of: dict[str, list[str]] = {}
    for code, group in members.items():
        for party in group:
            groups_of.setdefault(party, []).append(code)

    tallies = {(key_area, code): _Tally() for key_area in goals for code in members}
    needing: dict[tuple[str, str], set[str]] = {cell: set() for cell in tallies}
    for (party, key_area), level in levels.items():
        for code in groups_of[party]:
            tallies[key_area, code].levels[level] += 1
            if level in ("high", "medium"):
                needing[key_area, code].add(party)

    met: set[tuple[str, str]] = set()
    for position, support in enumerate(supports):
        name = position if support.key is None else support.key
        if support.kind == "match":
            (party,) = support.parties
            if support.key_area not in goals:
                raise ValueError(f"match for {party}: {support.key_area!r} is not a key area")
            if party not in everyone:
                raise ValueError(f"match for {support.key_area}: {party} is not a Party")
            if support.delivered:
                met.add((party, support.key_area))
                for code in groups_of[party]:
                    tallies[support.key_area, code].matches.add(name)
            continue
        if support.key_area in goals:
            covered = (support.key_area,)
        elif support.key_area in by_goal:
            covered = by_goal[support.key_area]
        else:
            label = f"#{position + 1}" if support.key is None else support.key
            raise ValueError(f"{support.kind} {label}: unknown key area {support.key_area!r}")
        # An activity counts where it reached a Party; an offer where a Party needing the key
        # area (high or medium) may apply, an open offer wherever there is such a Party.
        is_open = OPEN in support.parties
        for key_area in covered:
            for code, group in members.items():
                if support.kind == "activity":
                    if not group.isdisjoint(support.parties):
                        tallies[key_area, code].activities.add(name)
                    continue
                needs = needing[key_area, code]
                if needs and (is_open or not needs.isdisjoint(support.parties)):
                    tallies[key_area, code].offers.add(name)

    for (party, key_area), level in levels.items():
        if level in NEEDS and (party, key_area) not in met:
            for code in groups_of[party]:
                tallies[key_area, code].unmet[level] += 1

    cells = tuple(
        tallies[key_area, code].cell(key_area, code) for key_area in goals for code in members
    )
    coverage = {
        code: Coverage(code, len(group), len(group & assessed)) for code, group in members.items()
    }
    return GapTable(tuple(goals), goals, tuple(members), cells, coverage)


def candidate_priorities(
    table: GapTable, *, weights: Mapping[str, float] = PRIORITY_WEIGHTS, group: str = ALL
) -> list[Priority]:
    """Every key area of the table, ranked by the weighted unmet needs of a group's Parties
    (ties in the Action Plan's order). A need is met when a delivered match exists for its Party
    and key area. A key area scoring 0 is still listed, and its reasons say why: no Party rates it
    a need, every need is met, or few Parties assessed it. Raises ValueError for weights other
    than one non-negative number per level of need, or an unknown group."""
    if set(weights) != set(NEEDS) or any(weights[level] < 0 for level in NEEDS):
        raise ValueError(f"weights: one non-negative number for each of {', '.join(NEEDS)}")
    if group not in table.coverage:
        raise ValueError(f"unknown group {group!r} (known: {', '.join(table.groups)})")
    coverage = table.coverage[group]
    ranked = []
    for position, key_area in enumerate(table.key_areas):
        cell = table.cell(key_area, group)
        unmet = {"high": cell.unmet_high, "medium": cell.unmet_medium, "low": cell.unmet_low}
        score = sum(weights[level] * unmet[level] for level in NEEDS)
        priority = Priority(
            key_area,
            score,
            cell.high,
            cell.medium,
            cell.low,
            cell.met,
            _reasons(cell, coverage, unmet, score, weights),
        )
        ranked.append((-score, position, priority))
    ranked.sort(key=lambda entry: entry[:2])
    return [priority for *_, priority in ranked]


class _Tally:
    """What a cell counts while the table is built; offers, activities and matches by key (or
    position), so that a record counts once."""

    __slots__ = ("activities", "levels", "matches", "offers", "unmet")

    def __init__(self) -> None:
        self.levels: Counter[str] = Counter()
        self.unmet: Counter[str] = Counter()
        self.offers: set[str | int] = set()
        self.activities: set[str | int] = set()
        self.matches: set[str | int] = set()

    def cell(self, key_area: str, group: str) -> Cell:
        levels, unmet = self.levels, self.unmet
        return Cell(
            key_area=key_area,
            group=group,
            parties_assessed=sum(levels.values()),
            high=levels["high"],
            medium=levels["medium"],
            low=levels["low"],
            none=levels["none"],
            not_assessed=levels["not_assessed"],
            offers=len(self.offers),
            activities=len(self.activities),
            matches_delivered=len(self.matches),
            unmet_high=unmet["high"],
            unmet_medium=unmet["medium"],
            unmet_low=unmet["low"],
        )


def _reasons(
    cell: Cell,
    coverage: Coverage,
    unmet: Mapping[str, int],
    score: float,
    weights: Mapping[str, float],
) -> tuple[str, ...]:
    """Who rates the key area at which level, how many needs are met, how the score adds up, and
    who is left out of it (no need, not assessed, no line, no self-assessment)."""
    rated = [(getattr(cell, level), level) for level in NEEDS if getattr(cell, level)]
    if rated:
        (count, level), *rest = rated
        ratings = f"{_parties(count)} {_verb(count, 'rates', 'rate')} it {level}"
        reasons = [ratings + "".join(f", {count} {level}" for count, level in rest)]
        met = {0: "No need", 1: "1 need"}.get(cell.met, f"{cell.met} needs")
        reasons.append(f"{met} met by delivered support")
    else:
        reasons = ["No Party rates it high, medium or low"]
    terms = [
        f"{_number(weights[level])} × {unmet[level]} unmet {level}"
        for level in NEEDS
        if unmet[level]
    ]
    reasons.append(
        f"Score {_number(score)} = {' + '.join(terms)}" if terms else "Score 0: no unmet need"
    )
    left_out = []
    if cell.none:
        left_out.append(f"{_parties(cell.none)} {_verb(cell.none, 'rates', 'rate')} no need")
    if cell.not_assessed:
        left_out.append(f"{_parties(cell.not_assessed)} did not assess it")
    if no_line := coverage.assessed - cell.parties_assessed:
        left_out.append(f"{_parties(no_line)} {_verb(no_line, 'has', 'have')} no line for it")
    if without := coverage.without:
        left_out.append(
            f"{without} of {_parties(coverage.parties)} "
            f"{_verb(without, 'has', 'have')} no self-assessment"
        )
    if left_out:
        reasons.append("Not counted: " + ", ".join(left_out))
    return tuple(reasons)


def _verb(count: int, one: str, many: str) -> str:
    return one if count == 1 else many


def _parties(count: int) -> str:
    return f"{count} {'Party' if count == 1 else 'Parties'}"


def _number(value: float) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _listed(codes: Iterable[str]) -> str:
    return ", ".join(sorted(codes))
