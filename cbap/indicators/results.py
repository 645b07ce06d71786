"""Computed values as typed plain data: the one shape that pages, downloads, the API and the
CLI share (`IndicatorValue` and its extensions; `jsonable` turns them into JSON values).

Over 600 lines because it is the one shape every output shares: splitting it would give the
pages, downloads, API and CLI two places to read one value from.

Nothing here queries the database: the functions take the engine's results and a cycle's
`CycleSnapshot` (names, demo flags, questionnaire).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields, is_dataclass
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop, ngettext

from cbap.core.numbers import localized
from cbap.engine.conditions import referenced_populations
from cbap.engine.definitions import Definition, Source
from cbap.engine.facts import Answer, RecordRef
from cbap.engine.indicators import IndicatorResult, Span
from cbap.indicators import wording
from cbap.indicators.definitions import CYCLES, populations, shared_numerators
from cbap.indicators.snapshots import CycleSnapshot

ROLES = {4: "baseline", 5: "midterm"}
"""The plan's role of each cycle, as data (the API's and the downloads' `role`)."""
ROLE_LABELS = {"baseline": gettext_lazy("baseline"), "midterm": gettext_lazy("midterm")}


def role_label(role: str) -> str:
    """A cycle's role in the reader's language ("baseline" → "référence" in French)."""
    return str(ROLE_LABELS.get(role, role))


SUMMARY_FIELDS = (
    "status",
    "reason",
    "measure",
    "unit",
    "fit",
    "value",
    "numerator",
    "denominator",
    "reported",
    "parties",
    "coverage",
    "lower_bound",
    "upper_bound",
    "ci_low",
    "ci_high",
    "comparable",
    "warnings",
    "population_note",
)
PROVENANCE = (
    ("numerator", "Counted (in the numerator)"),
    ("denominator", "In the denominator"),
    ("no_answer", "No answer (reported, but the questions that decide were not answered)"),
    ("excluded_by_condition", "Excluded by the condition (not in the denominator)"),
    ("not_reported", "Not reported (no published report in this cycle)"),
    ("unknown_membership", "Membership of the population on the deadline unknown"),
    ("no_record", "No matching record (unknown, not a no: the records may be incomplete)"),
)
"""Who is behind a figure, in the order pages show them (the engine's `Members`)."""
RECORD_SOURCES = {
    "activities": gettext_lazy("capacity-building activities"),
    "resources": gettext_lazy("library resources"),
    "needs": gettext_lazy("needs of self-assessments"),
    "matches": gettext_lazy("support delivered through matches"),
}
"""A records source's kind in words (`source: activities | resources | needs | matches`)."""
RECORD_PAGES = {
    "activity": "activities:detail",
    "resource": "activities:resource",
    "need": "needs:assessment",
    "match": "activities:detail",  # the activity that delivered it
}
"""The page of a record behind a figure, by its kind (`engine.facts.RecordRef`)."""

# A Party's standing on one indicator in one cycle (the Party scorecard).
YES, NO, NO_ANSWER, EXCLUDED, NOT_REPORTED, NOT_A_PARTY, UNKNOWN_MEMBER, NO_DATA, ANSWERED = (
    "yes",
    "no",
    "no_answer",
    "excluded",
    "not_reported",
    "not_a_party",
    "unknown_member",
    "no_data",
    "answered",
)
NO_RECORD = "no_record"
STANDING_LABELS = {
    YES: gettext_lazy("yes"),
    NO: gettext_lazy("no"),
    NO_ANSWER: gettext_lazy("no answer"),
    EXCLUDED: gettext_lazy("not in the denominator (condition)"),
    NOT_REPORTED: gettext_lazy("not reported"),
    NOT_A_PARTY: gettext_lazy("not in the population on the deadline"),
    UNKNOWN_MEMBER: gettext_lazy(
        "unknown whether in the population on the deadline (no date in the registry)"
    ),
    NO_DATA: gettext_lazy("no data"),
    ANSWERED: gettext_lazy("answered"),
    NO_RECORD: gettext_lazy("no matching record (unknown, not a no)"),
}


def comparison(definition: Definition) -> tuple[bool | None, list[str]]:
    """Whether the baseline and the midterm measure the indicator the same way, and why not.

    (True, []) when both plan cycles measure it with the same wording; (False, warnings) when
    a question's wording changed between the reports or only one report measures it; (None, [])
    when neither does (there is nothing to compare). Every value of the indicator carries this
    (`summary`), so each place that shows a value or a change can warn.
    """
    measured = {
        number: source is not None and source.measured
        for number in CYCLES
        for source in [definition.source_for(number)]
    }
    if not any(measured.values()):
        return None, []
    warnings = [
        # the wording change itself is the definition's (data, in English)
        _("Wording change (NR%(number)s): %(change)s")
        % {"number": number, "change": source.wording_change}
        for number in CYCLES
        if (source := definition.source_for(number)) is not None and source.wording_change
    ]
    if not all(measured.values()):
        only = next(number for number, yes in measured.items() if yes)
        other = next(number for number, yes in measured.items() if not yes)
        if definition.source_for(only).from_records:
            warning = _(
                "Only cycle %(only)s has a value, from the published records of activities and "
                "resources: there is no cycle %(other)s value to compare with."
            )
        else:
            warning = _(
                "Only NR%(only)s measures this indicator: there is no NR%(other)s value to "
                "compare with."
            )
        warnings.append(warning % {"only": only, "other": other})
    return not warnings, warnings


def in_unit(value, measure: str, unit: str = "Parties") -> str:
    """A value in its unit, as the reader writes numbers: "40.0 %" ("40,0 %" in French),
    "12 Parties", "12–40 cases", "12 or more cases", "no data". A sum's value is
    {"low", "high"}: a range, open when a band is."""
    if value is None:
        return _("no data")
    if measure == "percentage":
        return f"{localized(value, 1)} %"
    if isinstance(value, Mapping):
        low, high = value["low"], value["high"]
        if high is None:
            return _("%(low)s or more %(unit)s") % {"low": localized(low), "unit": unit}
        if low == high:
            return f"{localized(low)} {unit}"
        return f"{localized(low)}–{localized(high)} {unit}"
    if unit == "Parties":
        return ngettext("%(n)s Party", "%(n)s Parties", value) % {"n": localized(value)}
    return f"{localized(value)} {unit}"


def warnings_text(warnings: list[str] | None) -> str:
    """The warnings in one CSV or spreadsheet cell."""
    return " | ".join(warnings or [])


@dataclass(frozen=True)
class IndicatorValue:
    """One value of an indicator in one cycle, for all Parties or one group, without the
    Parties behind it: what a table row, the dashboard, a download line and the API show.
    `value` is a number in `unit`, or {"low", "high"} for a sum (high None: open), then
    `distribution` lists the Parties per answer to each summed banded question, with titles, in
    the questionnaire's order; None is no data, never 0. `context` are the definition's counts
    shown beside the value; `if_members` the value had every government of unknown membership
    (`unknown_members` of them) been in the population; `shared_with` the indicators with the
    same numerator (they give the same number).

    `source` says where the value comes from: "report", or the published records
    ("activities", "resources"), then `records` holds what they counted (the window `since` to
    `until`, `records`, `demo`, `undated`, `views`, `downloads`; `demo_records` repeats the demo
    count); `beside` is the records' figure shown beside a report's value, which it does not
    decide."""

    cycle: int
    role: str
    status: str
    measure: str
    unit: str = "%"
    reason: str | None = None
    fit: str | None = None
    value: float | int | dict[str, int | None] | None = None
    numerator: int | None = None
    denominator: int | None = None
    reported: int | None = None
    parties: int | None = None
    coverage: float | None = None
    lower_bound: float | int | None = None
    upper_bound: float | int | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    comparable: bool | None = None
    warnings: list[str] = field(default_factory=list)
    population_note: str | None = None
    synthetic_reports: int = 0
    distribution: list[dict] | None = None
    context: list[dict] = field(default_factory=list)
    unknown_members: int = 0
    if_members: IndicatorValue | None = None
    shared_with: list[str] = field(default_factory=list)
    data_needed: list[str] = field(default_factory=list)
    source: str = "report"
    records: dict | None = None
    demo_records: int = 0
    beside: IndicatorValue | None = None

    def extended(self, cls: type, **more):
        """This value as a `cls` (a subclass of its own) with the further fields."""
        return cls(**{f.name: getattr(self, f.name) for f in fields(self)}, **more)


@dataclass(frozen=True)
class GroupValue(IndicatorValue):
    """The value of one group (a region, LDC, SIDS …) of a cycle."""

    group: str = ""
    label: str = ""


@dataclass(frozen=True)
class CycleValue(IndicatorValue):
    """The value of all Parties in a cycle, its groups' values in `by`, and on an indicator's
    page the Parties behind it (of all Parties, or of `provenance_group`)."""

    cycle_title: str = ""
    deadline: str = ""
    by: list[GroupValue] = field(default_factory=list)
    provenance_group: str | None = None
    provenance_value: IndicatorValue | None = None
    provenance: dict[str, list[dict]] | None = None
    by_answer: list[dict] | None = None
    fingerprint: str | None = None
    items: list[dict] | None = None
    """Of a value from records, on an indicator's page: the records behind the figure of
    `provenance_group` (all Parties without), each with its link and the Parties it counts for;
    `beside_items` the same for the figure beside a report's value."""
    beside_items: list[dict] | None = None


@dataclass(frozen=True)
class IndicatorRow(CycleValue):
    """A cycle's value with the indicator it is of, as the API's and the CLI's flat lists give."""

    code: str = ""
    goal: str = ""


def jsonable(data: Any) -> Any:
    """Page data holding typed values, as JSON values (a value's fields in their order)."""
    if is_dataclass(data) and not isinstance(data, type):
        return {f.name: jsonable(getattr(data, f.name)) for f in fields(data)}
    if isinstance(data, Mapping):
        return {key: jsonable(value) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return [jsonable(value) for value in data]
    return data


def missing_cycle(definition: Definition, number: int) -> CycleValue:
    """The value of a cycle whose reports are not loaded at all: no data, never 0."""
    source = definition.source_for(number)
    comparable, warnings = comparison(definition)
    return CycleValue(
        cycle=number,
        role=ROLES.get(number, ""),
        status="no_data",
        reason=_("reporting cycle %(number)s is not loaded") % {"number": number},
        measure=definition.measure,
        unit=definition.unit,
        fit=source.fit if source else None,
        reported=0,
        parties=0,
        data_needed=list(definition.data_needed),
        comparable=comparable,
        warnings=warnings,
        population_note=population_note(definition),
        source=source.kind if source else "report",
    )


def population_note(definition: Definition) -> str | None:
    """Why a value has no number of Parties N or coverage n/N: its population is not a set of
    Parties, or nobody knows yet who is in it (`data/populations.yaml`); None when it has."""
    population = populations().get(definition.population)
    return None if population is None or population.known else population.label


def summary(
    result: IndicatorResult, snapshot: CycleSnapshot, definition: Definition
) -> IndicatorValue:
    """One value without its members: what a table row or the dashboard shows."""
    counted = (
        set(result.members.denominator)
        | set(result.members.no_answer)
        | set(result.members.excluded_by_condition)
    )
    comparable, warnings = comparison(definition)
    # Read from the result's fields: its `to_dict` would also copy every member and record.
    known = {name: getattr(result, name) for name in SUMMARY_FIELDS if hasattr(result, name)}
    if isinstance(known["value"], Span):
        known["value"] = known["value"].to_dict()
    known.update(comparable=comparable, warnings=warnings)
    known["population_note"] = population_note(definition)
    totals = asdict(result.records) if result.records else None
    return IndicatorValue(
        cycle=result.cycle,
        role=ROLES.get(result.cycle, snapshot.role),
        **known,
        source=result.source,
        records=totals,
        demo_records=totals["demo"] if totals else 0,
        beside=summary(result.beside, snapshot, definition) if result.beside else None,
        synthetic_reports=0 if totals else len(counted & snapshot.synthetic),
        distribution=_distribution(result, snapshot, definition),
        context=[
            {"label": item.label, "count": item.count, "known": item.known}
            for item in result.context
        ],
        unknown_members=len(result.members.unknown_membership),
        if_members=(
            summary(result.if_members, snapshot, definition) if result.if_members else None
        ),
        shared_with=list(shared_numerators().get(definition.code, ())),
        data_needed=list(result.data_needed),
    )


def _distribution(
    result: IndicatorResult, snapshot: CycleSnapshot, definition: Definition
) -> list[dict] | None:
    """A sum's Parties per band of each banded question, in questionnaire order, with the
    option titles (prefixed with the question key when the sum has several)."""
    source = definition.source_for(result.cycle)
    if result.status != "ok" or source is None or not source.bands:
        return None
    several = len(source.bands) > 1
    return [
        {
            "key": key,
            "value": value,
            "title": f"{key} {title}" if several else title,
            "count": result.distribution.get(key, {}).get(value, 0),
        }
        for key, bands in source.bands.items()
        for value in bands
        for title in [wording.option_title(snapshot.questionnaire, key, value)]
    ]


def distribution_text(distribution: list[dict] | None) -> str:
    """ "None: 3; 1 to 9: 12" for a CSV cell."""
    return "; ".join(f"{item['title']}: {item['count']}" for item in distribution or [])


def context_text(context: list[dict]) -> str:
    """The context counts in one CSV or spreadsheet cell."""
    return " | ".join(
        _("%(label)s: %(count)s of %(known)s")
        % {"label": item["label"], "count": item["count"], "known": item["known"]}
        for item in context
    )


def provenance(
    result: IndicatorResult, snapshot: CycleSnapshot, definition: Definition
) -> dict[str, list[dict]]:
    """The governments behind each figure (by name), with a link to each report and the answers
    to the source's questions that decided it."""
    source = definition.source_for(result.cycle)
    keys = source.questions if source else ()
    members = result.members
    covering = _covering(result.items) if result.source != "report" else None
    return {
        name: sorted(
            (party_entry(code, snapshot, keys, covering) for code in getattr(members, name)),
            key=lambda entry: entry["name"],
        )
        for name, _title in PROVENANCE
    }


def record_entry(item: RecordRef, *, parties: bool = True) -> dict:
    """One record behind a figure: its kind, id, title, link and dates, whether it is demo
    data, and (with `parties`) the Parties it counts for."""
    name = RECORD_PAGES[item.kind]
    entry = {
        "kind": item.kind,
        "id": item.id,
        "title": item.title,
        "url": reverse(name, args=[item.id]),
        "demo": item.demo,
        "start": item.start.isoformat() if item.start else None,
        "end": item.end.isoformat() if item.end else None,
    }
    if parties:
        entry["parties"] = list(item.parties)
    return entry


def records_behind(result: IndicatorResult | None) -> list[dict] | None:
    """The records behind a figure from records (None: not from records, or not read)."""
    if result is None or result.source == "report" or result.records is None:
        return None
    return [record_entry(item) for item in result.items]


def _covering(items) -> dict[str, list[dict]]:
    """Party → the records (as entries, without their Parties) that count for it."""
    found: dict[str, list[dict]] = {}
    for item in items:
        entry = record_entry(item, parties=False)
        for code in item.parties:
            found.setdefault(code, []).append(entry)
    return found


def parties_by_answer(
    result: IndicatorResult, snapshot: CycleSnapshot, definition: Definition
) -> list[dict] | None:
    """For a sum of banded answers: each band (in questionnaire order) with the Parties that
    gave it, so that every count of the distribution traces to its Parties; None otherwise."""
    distribution = _distribution(result, snapshot, definition)
    if distribution is None:
        return None
    reports = snapshot.facts.reports
    return [
        {
            **item,
            "parties": sorted(
                (
                    party_entry(code, snapshot, ())
                    for code in result.members.denominator
                    if item["value"] in reports[code].answers[item["key"]].values
                ),
                key=lambda entry: entry["name"],
            ),
        }
        for item in distribution
    ]


PANEL_CELLS = (
    ("yes_yes", gettext_lazy("Yes at baseline and at midterm")),
    ("yes_no", gettext_lazy("b: yes at baseline, no at midterm")),
    ("no_yes", gettext_lazy("c: no at baseline, yes at midterm")),
    ("no_no", gettext_lazy("No at baseline and at midterm")),
)
"""The four cells of the panel, in the order pages show them."""


def panel_parties(change: dict, snapshots: Mapping[int, CycleSnapshot]) -> list[dict]:
    """Each cell of a change's panel with its Parties by name, each linking to its report of
    both cycles."""
    cycles = [snapshots[change["baseline_cycle"]], snapshots[change["midterm_cycle"]]]
    found = []
    for cell, title in PANEL_CELLS:
        parties = [
            {
                "code": code,
                "name": cycles[-1].names.get(code, code),
                "synthetic": any(code in snapshot.synthetic for snapshot in cycles),
                "reports": [
                    {"cycle": snapshot.number, "url": snapshot.report_url(code)}
                    for snapshot in cycles
                ],
            }
            for code in change["panel"]["cells"][cell]
        ]
        found.append(
            {"cell": cell, "title": str(title), "parties": sorted(parties, key=lambda p: p["name"])}
        )
    return found


MEMBERSHIP_WORDS = {
    True: gettext_lazy("a member"),
    False: gettext_lazy("not a member"),
    None: gettext_lazy("unknown (no date)"),
}


def membership_evidence(definition: Definition, snapshots: Mapping[int, CycleSnapshot]) -> list:
    """Where a report's own answer on being in a population the indicator reads (e.g. NR5 Q159
    "Is your country a Party to the Supplementary Protocol?") differs from the registry, or the
    registry cannot tell: evidence set beside the registry, which still decides."""
    found = []
    for number, snapshot in sorted(snapshots.items()):
        facts = snapshot.facts
        source = definition.source_for(number)
        named = {definition.population}
        for condition in (source.condition, source.numerator) if source else ():
            named |= referenced_populations(condition) if condition else set()
        for name in sorted(named):
            population = populations().get(name)
            key = population.asked.get(number) if population else None
            if key is None:
                continue
            members = facts.populations.get(name) or frozenset()
            unknown = facts.unknown_members.get(name, frozenset())
            for code, report in sorted(facts.reports.items()):
                answer = report.answers.get(key)
                if answer is None or not answer.values:
                    continue
                says = answer.values[0] == "true"
                registry_says = True if code in members else None if code in unknown else False
                if registry_says is not says:
                    found.append(
                        {
                            "cycle": number,
                            "population": name,
                            "question": key,
                            "code": code,
                            "name": snapshot.names.get(code, code),
                            "report": str(MEMBERSHIP_WORDS[says]),
                            "registry": str(MEMBERSHIP_WORDS[registry_says]),
                            "report_url": snapshot.report_url(code),
                        }
                    )
    return found


SCOPE_INFERRED = gettext_lazy(
    "the decision puts “For Parties to the Supplementary Protocol:” before the key areas and "
    "activities this indicator measures, not before the indicator itself"
)


def plan_context(indicator) -> dict:
    """What the plan says around the indicator: its column's meaning in the decision's header
    row ("Measures whether activity took place") and whom it addresses."""
    column = indicator.goal.version.column.get("indicators", {})
    inferred = indicator.scope_source == "inferred"
    title = _("Indicators")  # when the plan's header row has no title
    return {
        "column": f"{column.get('title', title)} ({column.get('meaning', '')})",
        "scope": indicator.scope_label or indicator.get_scope_display(),
        "scope_note": str(SCOPE_INFERRED) if inferred else "",
    }


def party_entry(code: str, snapshot: CycleSnapshot, keys, covering=None) -> dict:
    """A government behind a figure: its report and the answers that decided it; for a figure
    from records (`covering`: Party → records), the records that count for it instead."""
    if covering is not None:
        return {
            "code": code,
            "name": snapshot.names.get(code, code),
            "report_url": None,
            "synthetic": False,
            "answers": [],
            "records": covering.get(code, []),
        }
    report = snapshot.facts.reports.get(code)
    return {
        "code": code,
        "name": snapshot.names.get(code, code),
        "report_url": snapshot.report_url(code),
        "synthetic": code in snapshot.synthetic,
        "answers": [answer_entry(snapshot, key, report.answers.get(key)) for key in keys]
        if report
        else [],
    }


def answer_entry(snapshot: CycleSnapshot, key: str, answer: Answer | None) -> dict:
    """One answer as shown beside a Party: option titles, or the number; None when unanswered."""
    if answer is None:
        return {"key": key, "answered": False, "values": [], "titles": [], "number": None}
    return {
        "key": key,
        "answered": True,
        "values": list(answer.values),
        "titles": [wording.option_title(snapshot.questionnaire, key, v) for v in answer.values],
        "number": answer.number,
    }


def source_entry(definition: Definition, snapshot: CycleSnapshot | None, number: int) -> dict:
    """How one cycle measures the indicator, with the questions' titles and the conditions in
    plain words (as well as the reviewed condition itself)."""
    source: Source | None = definition.source_for(number)
    entry = {
        "cycle": number,
        "role": ROLES.get(number, ""),
        "source": source.kind if source else "report",
        "fit": source.fit if source else None,
        "rationale": source.rationale if source else None,
        "wording_change": source.wording_change if source else None,
        "questions": [],
        "condition": source.condition if source else None,
        "numerator": source.numerator if source else None,
        "sum_of": list(source.sum_of) if source else [],
        "bands": {key: dict(bands) for key, bands in source.bands.items()} if source else {},
        "context": [item.label for item in source.context] if source else [],
        "condition_text": None,
        "numerator_text": None,
        "records": None,
        "beside": None,
    }
    if source is None or snapshot is None:
        return entry
    if source.beside is not None and source.measured:
        entry["beside"] = {
            "source": source.beside.kind,
            "fit": source.beside.fit,
            "rationale": source.beside.rationale,
            **records_source_entry(definition, source.beside, snapshot),
        }
    if source.from_records:
        entry["records"] = records_source_entry(definition, source, snapshot)
        return entry
    qn = snapshot.questionnaire
    named = source.referenced_questions()
    entry["questions"] = [
        {
            "key": key,
            "title": wording.full_title(qn, key),
            "options": [
                {
                    "value": option.value,
                    "title": option.title.rstrip(":").strip(),
                    "named": option.value in named.get(key, ()),
                }
                for option in (qn.questions[key].options if key in qn.questions else ())
            ],
        }
        for key in source.questions
    ]
    if source.condition is not None:
        entry["condition_text"] = wording.describe(source.condition, qn)
    if source.numerator is not None:
        entry["numerator_text"] = wording.describe(source.numerator, qn)
    elif source.sum_of:
        entry["numerator_text"] = wording.describe_sum(source, qn, definition.unit)
    return entry


def records_source_entry(definition: Definition, source: Source, snapshot: CycleSnapshot) -> dict:
    """How a records source counts, in words and as data: its kind, the window, the condition
    on the records' facets (as reviewed and in a sentence), how records count for Parties."""
    records = snapshot.facts.records
    since = records.since if records else None
    until = records.until if records else snapshot.facts.deadline
    where = wording.describe_where(source.where, source.kind)
    window = {"since": since.isoformat() if since else None, "until": until.isoformat()}
    return {
        "kind": source.kind,
        "label": str(RECORD_SOURCES[source.kind]),
        "where": source.where,
        "where_text": where,
        "party": source.party,
        "count": source.count,
        "window": window,
        "counted_text": wording.describe_records(source, window, where),
        "context": [item.label for item in source.context],
    }


def standing(result: IndicatorResult | None, code: str, *, in_population: bool) -> str:
    """Where one government stands in one value (the scorecard's cell). From records, a Party
    that no record counts for has "no matching record", never "no"; a count of things gives
    no Party a standing."""
    if result is None or result.fit in (None, "not_measured"):
        return NO_DATA
    if result.source != "report" and result.parties is None:
        return NO_DATA
    members = result.members
    if code in members.no_record:
        return NO_RECORD
    if code in members.denominator and result.measure == "sum":
        return ANSWERED
    if code in members.numerator:
        return YES
    if code in members.denominator:
        return NO
    if code in members.no_answer:
        return NO_ANSWER
    if code in members.excluded_by_condition:
        return EXCLUDED
    if code in members.not_reported:
        return NOT_REPORTED
    if code in members.unknown_membership:
        return UNKNOWN_MEMBER
    return NO_DATA if in_population else NOT_A_PARTY


POPULATION_PROTOCOLS = {
    "cartagena_parties": gettext_lazy("not a Party to the Cartagena Protocol on the deadline"),
    "supplementary_protocol_parties": gettext_lazy(
        "not a Party to the Supplementary Protocol on the deadline"
    ),
}
"""A non-Party's standing, by the protocol a population of Parties is the Parties to."""


def standing_label(
    status: str, definition: Definition, snapshot: CycleSnapshot | None, code: str
) -> str:
    """The scorecard's words for a standing: which protocol a non-Party is not a Party to, and
    the answers a Party gave to a sum's questions (its bands), not just "answered"."""
    if status == NOT_A_PARTY:
        protocol = POPULATION_PROTOCOLS.get(definition.population)
        if protocol:
            return str(protocol)
    if status == ANSWERED and snapshot is not None:
        source = definition.source_for(snapshot.number)
        report = snapshot.facts.reports.get(code)
        if report and source:
            given = [
                ", ".join(
                    wording.option_title(snapshot.questionnaire, key, value)
                    for value in report.answers[key].values
                )
                if source.bands.get(key)
                else str(report.answers[key].number)
                for key in source.sum_of
                if key in report.answers
            ]
            return _("answered: %(answers)s") % {"answers": "; ".join(given)}
    return str(STANDING_LABELS[status])


DATA_NEEDED_LABELS = {
    "capacity_building_activities": gettext_noop(
        "records of capacity-building activities carried out"
    ),
    "capacity_building_resources": gettext_noop("records of capacity-building resources"),
    "resource_usage_statistics": gettext_noop("usage statistics of capacity-building resources"),
    "needs_self_assessments": gettext_noop("capacity-building needs self-assessments"),
    "support_offers": gettext_noop("offers of capacity-building support"),
    "compliance_committee_cases": gettext_noop("cases of the Compliance Committee"),
    "bch_records": gettext_noop("records in the Biosafety Clearing-House"),
    "bch_usage_statistics": gettext_noop("usage statistics of the Biosafety Clearing-House"),
    "laboratory_networks": gettext_noop("data on laboratory networks"),
    "secretariat_records": gettext_noop("records of the Secretariat"),
}
"""The `data_needed` vocabulary of definitions.yaml, in words."""
