"""Compute one Action Plan indicator for one reporting cycle (its change between cycles:
`cbap.engine.change`).

Over 600 lines because every kind of value (report questions, sums, records of activities and
resources) shares the population, its parts and the result shape kept here; the records'
values sit in their own section at the end.

The population comes from the registry on the cycle's deadline, never from who
happened to report: non-reporting Parties stay visible (coverage, bounds,
`not_reported`) instead of silently shrinking the base.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace

from cbap.engine.conditions import (
    absent_verdicts,
    answer_groups,
    referenced_populations,
    share_answers,
    verdicts,
)
from cbap.engine.definitions import NOT_PARTIES, Definition, Source, definition_from_dict
from cbap.engine.facts import Answer, Cycle, RecordRef
from cbap.engine.stats import percent, proportion_range, wilson_interval

__all__ = [
    "ContextCount",
    "Definition",
    "IndicatorResult",
    "Members",
    "RecordTotals",
    "Source",
    "Span",
    "compute",
    "definition_from_dict",
]


@dataclass(frozen=True)
class Members:
    """Who is behind each figure (sorted government codes), so every number can be traced."""

    numerator: tuple[str, ...] = ()
    denominator: tuple[str, ...] = ()
    not_reported: tuple[str, ...] = ()
    no_answer: tuple[str, ...] = ()
    excluded_by_condition: tuple[str, ...] = ()
    unknown_membership: tuple[str, ...] = ()
    """Governments of the part whose membership of a population it reads is unknown on the
    deadline (no date in the registry): read as non-members here, as members in
    `IndicatorResult.if_members`."""
    no_record: tuple[str, ...] = ()
    """Of a value from records: the Parties of the part that no counted record counts for.
    Unknown, never "no": the records may not hold everything that was done."""


REPORT_MEMBERS = (
    "numerator",
    "denominator",
    "not_reported",
    "no_answer",
    "excluded_by_condition",
    "unknown_membership",
)
"""The members a value from national reports has (`no_record` is a records value's)."""


@dataclass(frozen=True)
class RecordTotals:
    """What a records source counted in the cycle's window (`since` the plan's adoption,
    `until` the deadline), over all the records it selects: `records` counted (`demo` of them
    demo data), `undated` matching records without a date (whether they fall in the window is
    unknown: not counted), and the `views` and `downloads` of the selected resources in the
    window's months."""

    source: str
    since: str
    until: str
    records: int
    demo: int
    undated: int
    views: int
    downloads: int


@dataclass(frozen=True)
class Span:
    """A sum of banded answers: at least `low`, at most `high` (None: no upper limit, because
    a band is open, "10 or more"). An exact sum has low == high."""

    low: int
    high: int | None

    def to_dict(self) -> dict:
        return {"low": self.low, "high": self.high}


@dataclass(frozen=True)
class ContextCount:
    """A definition's `Context` counted: of the `known` Parties of the denominator for which
    the condition is true or false, `count` are true."""

    label: str
    count: int
    known: int


@dataclass(frozen=True)
class IndicatorResult:
    """One indicator in one cycle (for the whole population or one group of it).

    `status` is "ok" or "no_data"; with no data `value` is None, never 0, and
    `reason` says why. `reported` (n), `parties` (N) and `coverage` are None when the
    population is not a set of Parties or nobody knows its members yet. Bounds (the lowest and
    highest value had every non-reporting Party reported: what is known of it without a report
    stays, the rest is taken at worst and at best; over both readings of a population with
    members of unknown membership) and the Wilson 95 % interval are in `unit`: percent for
    percentages, Parties for numbers, the things a sum adds up (an upper bound None: open).

    A sum's `value` is a Span, its `numerator` the Parties that reported more than none, and
    `distribution` the Parties per answer to each summed question. `if_members` is the same
    indicator had every government of unknown membership been in the population.
    """

    code: str
    cycle: int
    measure: str
    fit: str | None
    status: str
    reason: str | None
    value: float | int | Span | None
    numerator: int | None
    denominator: int | None
    reported: int | None
    parties: int | None
    coverage: float | None
    lower_bound: float | None
    upper_bound: float | None
    ci_low: float | None
    ci_high: float | None
    rationale: str | None
    data_needed: tuple[str, ...]
    members: Members
    unit: str = "%"
    distribution: Mapping[str, Mapping[str, int]] = field(default_factory=dict)
    context: tuple[ContextCount, ...] = ()
    if_members: IndicatorResult | None = None
    by: Mapping[str, IndicatorResult] = field(default_factory=dict)
    source: str = "report"
    """Where the value comes from: "report" (the cycle's national reports), "activities" or
    "resources" (the published records in the cycle's window)."""
    records: RecordTotals | None = None
    items: tuple[RecordRef, ...] = ()
    """Of a value from records, when they were read: the records behind this part's figure."""
    beside: IndicatorResult | None = None
    """The records' figure shown beside a report's value, which it does not decide."""

    def to_dict(self) -> dict:
        members = asdict(self.members)
        if self.source == "report":
            members = {name: members[name] for name in REPORT_MEMBERS}
        return {
            "code": self.code,
            "cycle": self.cycle,
            "status": self.status,
            "reason": self.reason,
            "measure": self.measure,
            "unit": self.unit,
            "fit": self.fit,
            "value": self.value.to_dict() if isinstance(self.value, Span) else self.value,
            "numerator": self.numerator,
            "denominator": self.denominator,
            "reported": self.reported,
            "parties": self.parties,
            "coverage": self.coverage,
            "lower_bound": self.lower_bound,
            "upper_bound": self.upper_bound,
            "ci_low": self.ci_low,
            "ci_high": self.ci_high,
            "rationale": self.rationale,
            "data_needed": list(self.data_needed),
            "distribution": {key: dict(counts) for key, counts in self.distribution.items()},
            "context": [asdict(item) for item in self.context],
            "if_members": self.if_members.to_dict() if self.if_members else None,
            "by": {name: result.to_dict() for name, result in self.by.items()},
            "members": {name: list(codes) for name, codes in members.items()},
            **(
                {
                    "source": self.source,
                    "records": asdict(self.records) if self.records else None,
                    "items": [asdict(item) for item in self.items],
                }
                if self.source != "report"
                else {}
            ),
            **({"beside": self.beside.to_dict()} if self.beside else {}),
        }


def compute(definition: Definition, cycle: Cycle, *, by: Sequence[str] = ()) -> IndicatorResult:
    """The indicator for the cycle's population, and for its part in each group named in `by`.

    Where the result reads a population or group some of whose members are of unknown
    membership on the deadline (`Cycle.unknown_members`): its population, a `member_of` in its
    conditions, a group in `by`, it is computed on both readings: without them (the result) and
    with them (`if_members`), and the bounds span both. Each part (all Parties, each group) says
    so only where such a government is in it, and only for what that part reads.

    A source from records (`Source.from_records`) is counted on `Cycle.records`; a report
    source with a records source `beside` it gets that figure as `beside`, for all Parties and
    each group, never as its value.
    """
    result = _compute_readings(definition, cycle, by)
    source = definition.source_for(cycle.number)
    if source is None or source.beside is None or not source.measured:
        return result
    beside = _records_reading(definition, source.beside, cycle, by)
    return replace(
        result,
        beside=replace(beside, by={}),
        by={name: replace(part, beside=beside.by.get(name)) for name, part in result.by.items()},
    )


def _compute_readings(definition: Definition, cycle: Cycle, by: Sequence[str]) -> IndicatorResult:
    result = _compute_reading(definition, cycle, by)
    read = _populations_read(definition, cycle)
    maybe = _unknown_members(cycle, read)
    # Only the parts that read someone of unknown membership are read the other way too.
    groups = [name for name in by if maybe or cycle.unknown_members.get(name)]
    if not maybe and not groups or _population(definition, cycle) is None:
        return result
    names = frozenset(name for name in (*read, *groups) if cycle.unknown_members.get(name))
    wide = _as_members(cycle, names)
    share_answers(cycle, wide)
    everyone = (_population(definition, cycle) or frozenset()) | (
        _population(definition, wide) or frozenset()
    )
    if maybe:  # all Parties read someone of unknown membership: both readings throughout
        other = _compute_reading(definition, wide, groups)
        result, others = _with_reading(result, other, maybe & everyone), other.by
    else:  # only some groups do: only they are read the other way
        others = {name: _group_value(definition, wide, name) for name in groups}
    return replace(
        result,
        by={
            name: _with_reading(
                part,
                others[name],
                (maybe | _unknown_members(cycle, [name])) & everyone & wide.groups[name],
            )
            if name in others
            else part
            for name, part in result.by.items()
        },
    )


def _group_value(definition: Definition, cycle: Cycle, name: str) -> IndicatorResult:
    source = definition.source_for(cycle.number)
    if source is not None and source.from_records:
        return _records_value(definition, source, cycle, name)
    return _compute(definition, cycle, _part(cycle, definition.population, name))


def _compute_reading(definition: Definition, cycle: Cycle, by: Sequence[str]) -> IndicatorResult:
    population = _population(definition, cycle)
    for name in by:
        if name not in cycle.groups:
            raise ValueError(f"cycle {cycle.number} has no group {name!r}")
    source = definition.source_for(cycle.number)
    if source is not None and source.from_records:
        return _records_reading(definition, source, cycle, by)
    if population is None:
        groups = {name: _no_parties(definition, cycle) for name in by}
        return replace(_no_parties(definition, cycle), by=groups)
    # A government's verdicts are the same in every group it is in, and every indicator on the
    # same population shares its groups: conditions are evaluated once per cycle (`verdicts`),
    # each group's part of the population is found once per cycle (`_part`), and a result only
    # intersects sets.
    groups = {
        name: _compute(definition, cycle, _part(cycle, definition.population, name)) for name in by
    }
    return replace(_compute(definition, cycle, _part(cycle, definition.population)), by=groups)


def _population(definition: Definition, cycle: Cycle) -> frozenset[str] | None:
    """The population's members; None when it is not a set of Parties (`NOT_PARTIES`) or nobody
    knows its members yet."""
    if definition.population == NOT_PARTIES:
        return None
    if definition.population not in cycle.populations:
        raise ValueError(
            f"indicator {definition.code}: cycle {cycle.number} has no population "
            f"{definition.population!r}"
        )
    return cycle.populations[definition.population]


def _populations_read(definition: Definition, cycle: Cycle) -> set[str]:
    """The populations the definition reads in this cycle: its own, and `member_of` in its
    conditions."""
    source = definition.source_for(cycle.number)
    named = {definition.population}
    if source is not None and not source.from_records:
        conditions = [source.condition, source.numerator, *(c.condition for c in source.context)]
        for condition in filter(None, conditions):
            named |= referenced_populations(condition)
    return named


def _unknown_members(cycle: Cycle, names) -> frozenset[str]:
    return frozenset().union(*(cycle.unknown_members.get(name, frozenset()) for name in names))


def _as_members(cycle: Cycle, names: frozenset[str]) -> Cycle:
    """The cycle read with every government of unknown membership in the populations `names`
    (and in the groups of the same name) as a member. Kept with the cycle, so indicators that
    share the reading share its memo."""
    readings = cycle.memo.setdefault(f"{__name__}.readings", {})
    if names not in readings:
        populations, groups = dict(cycle.populations), dict(cycle.groups)
        for name in names:
            for sets in (populations, groups):
                if name in sets and sets[name] is not None:
                    sets[name] = sets[name] | cycle.unknown_members[name]
        readings[names] = Cycle(
            number=cycle.number,
            deadline=cycle.deadline,
            populations=populations,
            groups=groups,
            reports=cycle.reports,
            records=cycle.records,
        )
    return readings[names]


def _with_reading(
    result: IndicatorResult, other: IndicatorResult, unknown: frozenset[str]
) -> IndicatorResult:
    """`result` with the other reading as `if_members`, the governments of unknown membership
    in its part (`unknown`), and bounds over both readings; as it is when there is none."""
    if not unknown:
        return result
    low = [bound for bound in (result.lower_bound, other.lower_bound) if bound is not None]
    highs = (result.upper_bound, other.upper_bound)
    if result.measure == "sum":  # an upper bound None is open, not missing
        high = None if None in highs or result.status != "ok" else max(highs)
    else:
        high = max((bound for bound in highs if bound is not None), default=None)
    return replace(
        result,
        lower_bound=min(low, default=None),
        upper_bound=high,
        members=replace(result.members, unknown_membership=tuple(sorted(unknown))),
        if_members=replace(other, by={}),
    )


def _no_parties(definition: Definition, cycle: Cycle) -> IndicatorResult:
    """No data, and no n, N or coverage: the population is not a set of Parties, or who is in
    it is not known yet."""
    source = definition.source_for(cycle.number)
    reason = _unmeasured(source, cycle) or (
        f"no data yet on who is in the population ({definition.population})"
    )
    return IndicatorResult(
        code=definition.code,
        cycle=cycle.number,
        measure=definition.measure,
        unit=definition.unit,
        fit=source.fit if source else None,
        status="no_data",
        reason=reason,
        value=None,
        numerator=None,
        denominator=None,
        reported=None,
        parties=None,
        coverage=None,
        lower_bound=None,
        upper_bound=None,
        ci_low=None,
        ci_high=None,
        rationale=source.rationale if source else None,
        data_needed=definition.data_needed,
        members=Members(),
    )


def _unmeasured(source: Source | None, cycle: Cycle) -> str | None:
    """Why the cycle has no measure of the indicator, or None when its source measures it."""
    if source is None:
        return "no source for this cycle"
    return None if source.measured else f"not measured by report {cycle.number}"


@dataclass(frozen=True)
class _Part:
    """A population, or its part in one group, in one cycle: what every indicator on it shares."""

    population: frozenset[str]
    reporters: frozenset[str]
    ordered_reporters: tuple[str, ...]  # the reporters, sorted
    not_reported: tuple[str, ...]  # sorted
    absent: frozenset[str]  # the same, as a set


def _part(cycle: Cycle, population: str, group: str | None = None) -> _Part:
    """Kept with the cycle (`Cycle.memo`), like the verdicts."""
    parts = cycle.memo.setdefault(__name__, {})
    if (population, group) not in parts:
        codes = cycle.populations[population]
        if group is not None:
            codes = codes & cycle.groups[group]
        reporters = frozenset(cycle.reports.keys() & codes)
        parts[(population, group)] = _Part(
            population=codes,
            reporters=reporters,
            ordered_reporters=tuple(sorted(reporters)),
            not_reported=tuple(sorted(codes - reporters)),
            absent=codes - reporters,
        )
    return parts[(population, group)]


def _sorted(codes: frozenset[str], ordered: tuple[str, ...]) -> tuple[str, ...]:
    """`codes`, some of the sorted `ordered`, in order. Picking them out of `ordered` costs a
    pass over it, so it is only done when they are a good part of it (a fifth or more, where
    it is cheaper than sorting them: bench/README.md, "Indicators")."""
    if 5 * len(codes) < len(ordered):
        return tuple(sorted(codes))
    return tuple([code for code in ordered if code in codes])


def _compute(definition: Definition, cycle: Cycle, part: _Part) -> IndicatorResult:
    source = definition.source_for(cycle.number)
    population, reporters = part.population, part.reporters
    common = {
        "code": definition.code,
        "cycle": cycle.number,
        "measure": definition.measure,
        "unit": definition.unit,
        "fit": source.fit if source else None,
        "reported": len(reporters),
        "parties": len(population),
        "coverage": len(reporters) / len(population) if population else None,
        "rationale": source.rationale if source else None,
        "data_needed": definition.data_needed,
    }
    if reason := _unmeasured(source, cycle):
        return IndicatorResult(
            **common,
            status="no_data",
            reason=reason,
            value=None,
            numerator=None,
            denominator=None,
            lower_bound=None,
            upper_bound=None,
            ci_low=None,
            ci_high=None,
            members=Members(not_reported=part.not_reported),
        )

    eligible = (
        reporters if source.condition is None else reporters & verdicts(source.condition, cycle)[0]
    )
    tally = _TALLIES[definition.measure](source, cycle, eligible)
    size = len(tally.denominator)
    if definition.measure == "sum":
        unknown = part.absent or eligible - tally.denominator
        bounds, interval = _sum_bounds(tally.value, bool(unknown))
    else:
        absentees = _absentees(source, cycle, part)
        bounds, interval = _bounds(definition.measure, tally.numerator, size, absentees)
    return IndicatorResult(
        **common,
        status="ok" if size else "no_data",
        reason=None if size else "nobody in the denominator",
        value=_value(definition.measure, tally) if size else None,
        numerator=tally.numerator,
        denominator=size,
        lower_bound=bounds[0],
        upper_bound=bounds[1],
        ci_low=interval[0],
        ci_high=interval[1],
        distribution=tally.distribution,
        context=_context(source, cycle, tally.denominator),
        members=Members(
            numerator=_sorted(tally.counted, part.ordered_reporters),
            denominator=_sorted(tally.denominator, part.ordered_reporters),
            not_reported=part.not_reported,
            no_answer=_sorted(eligible - tally.denominator, part.ordered_reporters),
            excluded_by_condition=_sorted(reporters - eligible, part.ordered_reporters),
        ),
    )


@dataclass(frozen=True)
class _Tally:
    """What one measure makes of the eligible reporters; `value` is before any percentage."""

    value: float | int | Span | None
    numerator: int | None
    counted: frozenset[str]
    denominator: frozenset[str]
    distribution: Mapping[str, Mapping[str, int]] = field(default_factory=dict)


def _tally_condition(source: Source, cycle: Cycle, eligible: frozenset[str]) -> _Tally:
    holds, known = verdicts(source.numerator, cycle)
    counted, answered = eligible & holds, eligible & known
    return _Tally(value=len(counted), numerator=len(counted), counted=counted, denominator=answered)


def _tally_sum(source: Source, cycle: Cycle, eligible: frozenset[str]) -> _Tally:
    """The eligible governments that answered every summed question, each answer read once
    per distinct answer (`answer_groups`): an integer adds itself, a band its lowest and
    highest count. A government with one of them unanswered is "no answer": half a sum is no
    sum."""
    given: dict[str, list[tuple[str | None, tuple[int, int | None]]]] = {}
    for key in source.sum_of:
        bands = source.bands.get(key)
        for answer, codes in answer_groups(cycle, key):
            span = _span(answer, bands)
            if span is not None:
                band = answer.values[0] if bands else None
                for code in eligible.intersection(codes):
                    given.setdefault(code, []).append((band, span))
    complete = {code: spans for code, spans in given.items() if len(spans) == len(source.sum_of)}
    lows = {code: sum(low for _, (low, _) in spans) for code, spans in complete.items()}
    highs = [high for spans in complete.values() for _, (_, high) in spans]
    distribution = {}
    for index, key in enumerate(source.sum_of):
        if key in source.bands:
            counts = Counter(spans[index][0] for spans in complete.values())
            distribution[key] = {band: counts[band] for band in source.bands[key] if counts[band]}
    counted = frozenset(code for code, low in lows.items() if low > 0)
    return _Tally(
        value=Span(low=sum(lows.values()), high=None if None in highs else sum(highs)),
        numerator=len(counted),
        counted=counted,
        denominator=frozenset(complete),
        distribution=distribution,
    )


def _span(answer: Answer | None, bands: Mapping[str, tuple[int, int | None]] | None):
    """(lowest, highest) an answer adds to a sum, or None when it gives no count (an option
    that is not a band, such as "not applicable")."""
    if answer is None:
        return None
    if bands is None:
        return None if answer.number is None else (answer.number, answer.number)
    return bands.get(answer.values[0]) if len(answer.values) == 1 else None


_TALLIES = {"percentage": _tally_condition, "number": _tally_condition, "sum": _tally_sum}


def _value(measure: str, tally: _Tally) -> float | int | Span:
    if measure == "percentage":
        return percent(tally.numerator, len(tally.denominator))
    return tally.value


def _absentees(source: Source, cycle: Cycle, part: _Part) -> dict[str, int]:
    """The non-reporting Parties of the part, counted by what is known of them without a
    report (`conditions.absent_verdicts`): whether they would be in the denominator (certainly,
    or maybe: the condition is unknown) and whether they would count (yes, no or unknown).
    Those the condition certainly leaves out are not counted at all. The keywords of
    `stats.proportion_range`."""
    absent = part.absent
    if not absent or source.numerator is None:
        return {"unknown": len(absent)}
    if source.condition is None:
        surely, maybe = absent, frozenset()
    else:
        in_true, in_known = absent_verdicts(source.condition, cycle)
        surely, maybe = absent & in_true, absent - in_known
    yes, known = absent_verdicts(source.numerator, cycle)
    no = known - yes
    return {
        "yes": len(surely & yes),
        "no": len(surely & no),
        "unknown": len(surely - known),
        "maybe_yes": len(maybe & yes),
        "maybe_no": len(maybe & no),
        "maybe_unknown": len(maybe - known),
    }


def _context(source: Source, cycle: Cycle, denominator: frozenset[str]):
    found = []
    for item in source.context:
        true, known = verdicts(item.condition, cycle)
        found.append(ContextCount(item.label, len(denominator & true), len(denominator & known)))
    return tuple(found)


def _sum_bounds(value: Span, unknown: bool) -> tuple[tuple[int, int | None], tuple[None, None]]:
    """Had every non-reporting Party reported, and every reporter answered, the sum could only
    grow, by any amount: the upper bound is open (None) when any of them is left."""
    return (value.low, None if unknown else value.high), (None, None)


def _bounds(
    measure: str, numerator: int | None, size: int, absentees: Mapping[str, int]
) -> tuple[tuple[float | None, float | None], tuple[float | None, float | None]]:
    """(lower, upper) over the whole population, and the Wilson 95 % interval.

    Both are in the measure's unit: percent, or Parties for a number (which has no
    interval). The bounds are the lowest and the highest value the indicator could take had
    every non-reporting Party reported: what is known of a Party without its report (e.g. it did
    not submit by the deadline; it is a Party to the Supplementary Protocol) is kept, and only
    what is unknown is taken at worst and at best, including whether it would pass the
    `condition`. Sums have their own (`_sum_bounds`).
    """
    none = (None, None)
    if measure == "number":
        sure = numerator + absentees.get("yes", 0)
        could = sum(absentees.get(name, 0) for name in ("unknown", "maybe_yes", "maybe_unknown"))
        return (sure, sure + could), none
    if measure != "percentage":
        return none, none
    low, high = proportion_range(numerator, size, **absentees)
    interval = wilson_interval(numerator, size)
    return (
        (None if low is None else 100 * low, None if high is None else 100 * high),
        (100 * interval[0], 100 * interval[1]) if interval else none,
    )


# ------------------------------------------------------------------------------------------
# Values from the published records (activities, resources, needs, matches)
# ------------------------------------------------------------------------------------------


def _records_reading(
    definition: Definition, source: Source, cycle: Cycle, by: Sequence[str]
) -> IndicatorResult:
    """A records source's value for the population, and for its part in each group of `by`."""
    groups = {name: _records_value(definition, source, cycle, name) for name in by}
    return replace(_records_value(definition, source, cycle, None), by=groups)


def _records_value(
    definition: Definition, source: Source, cycle: Cycle, group: str | None
) -> IndicatorResult:
    """The value of a records source for the population (or its part in `group`).

    A percentage (or a number of Parties) counts the Parties of the part that a counted record
    counts for, over every Party of the part: a Party that none counts for has "no matching
    record", which is unknown, never "no", so the value is a floor and the bounds reach 100 %.
    With no record counting for any Party of the part nothing is known: no data, never 0.
    `reported` is the Parties of the part that any published record in the window counts for.
    A number of records, views or downloads is counted over all the records (no N, no groups).
    """
    common = {
        "code": definition.code,
        "cycle": cycle.number,
        "measure": definition.measure,
        "unit": definition.unit,
        "fit": source.fit,
        "rationale": source.rationale,
        "data_needed": definition.data_needed,
        "source": source.kind,
    }
    nothing = {
        "value": None,
        "numerator": None,
        "denominator": None,
        "reported": None,
        "parties": None,
        "coverage": None,
        "lower_bound": None,
        "upper_bound": None,
        "ci_low": None,
        "ci_high": None,
        "members": Members(),
    }
    records = cycle.records
    selectors = source.record_selectors()
    selection = records.selections.get(selectors[0].key) if records is not None else None
    if records is not None and records.until < records.since:
        reason = (
            f"the deadline ({records.until.isoformat()}) precedes the plan's adoption "
            f"({records.since.isoformat()}): the records have no window in this cycle"
        )
        return IndicatorResult(**common, **nothing, status="no_data", reason=reason)
    if selection is None:
        reason = f"the records of {source.kind} were not read"
        return IndicatorResult(**common, **nothing, status="no_data", reason=reason)
    totals = RecordTotals(
        source=source.kind,
        since=records.since.isoformat(),
        until=records.until.isoformat(),
        records=selection.records,
        demo=selection.demo,
        undated=selection.undated,
        views=selection.views,
        downloads=selection.downloads,
    )
    common["records"] = totals
    none_read = "no matching record in the window"
    if definition.measure != "percentage" and source.count != "parties":
        if group is not None:
            reason = f"a number of {definition.unit} is not broken down by group"
            return IndicatorResult(**common, **nothing, status="no_data", reason=reason)
        if not selection.records:
            return IndicatorResult(**common, **nothing, status="no_data", reason=none_read)
        value = {
            "records": selection.records,
            "views": selection.views,
            "downloads": selection.downloads,
        }[source.count]
        counted = {"value": value, "numerator": value, "lower_bound": value}
        return IndicatorResult(
            **{**common, **nothing, **counted},
            status="ok",
            reason=None,
            items=selection.items or (),
        )
    population = _population(definition, cycle)
    if population is None:
        reason = f"no data yet on who is in the population ({definition.population})"
        return IndicatorResult(**common, **nothing, status="no_data", reason=reason)
    part = _part(cycle, definition.population, group)
    members, size = part.population, len(part.population)
    ordered = _ordered_population(cycle, definition.population, group)
    covered = members.intersection(selection.parties)
    recorded = members & records.recorded.get(source.kind, frozenset())
    known = bool(covered)
    if definition.measure == "percentage":
        value = percent(len(covered), size) if known else None
        bounds = (value, 100.0 if covered != members else value) if known else (None, None)
    else:
        value = len(covered) if known else None
        bounds = (len(covered), size) if known else (None, None)
    items = ()
    if selection.items is not None:
        items = tuple(item for item in selection.items if members.intersection(item.parties))
    context = tuple(
        ContextCount(
            item.label,
            len(members.intersection(records.selections[selector.key].parties))
            if selector.key in records.selections
            else 0,
            size,
        )
        for item, selector in zip(
            source.context, selectors[1 : 1 + len(source.context)], strict=True
        )
    )
    if known:
        reason = None
    elif selection.records:
        reason = "no matching record counts for a Party of the population"
    else:
        reason = none_read
    return IndicatorResult(
        **common,
        status="ok" if known else "no_data",
        reason=reason,
        value=value,
        numerator=len(covered),
        denominator=size,
        reported=len(recorded),
        parties=size,
        coverage=len(recorded) / size if size else None,
        lower_bound=bounds[0],
        upper_bound=bounds[1],
        ci_low=None,
        ci_high=None,
        context=context if known else (),
        members=Members(
            numerator=_sorted(covered, ordered),
            denominator=ordered if known else (),
            no_record=_sorted(members - covered, ordered),
        ),
        items=items,
    )


def _ordered_population(cycle: Cycle, population: str, group: str | None) -> tuple[str, ...]:
    """The part's Parties, sorted once per cycle (`Cycle.memo`)."""
    kept = cycle.memo.setdefault(f"{__name__}.ordered", {})
    if (population, group) not in kept:
        kept[(population, group)] = tuple(sorted(_part(cycle, population, group).population))
    return kept[(population, group)]
