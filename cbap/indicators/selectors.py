"""Reading the facts an indicator is computed on from the database, and the values for pages.

Over 600 lines because the facts of a cycle (registry, reports, records) are read together,
once, for every indicator; the records' queries are in `records.py`.

`cycle_facts` builds the engine's `Cycle` (registry on the deadline, published reports
normalised) in a fixed handful of queries. `cycle_snapshots` keeps them while the data version
(`core.dataversion`, a token read from the cache) stays, so a newly published or changed report
shows at once and nothing needs rebuilding.

Why not cached under `engine.indicators.fingerprint`: fingerprinting a value costs more than
computing it (bench/README.md, "Indicators": 106 fingerprints take about three times as long as
the engine's 53 indicators × 2 cycles × 11 groups); the data version costs a cache read. The
normalised answers of each published revision (`_READ`), which never change, are kept across
versions.
The fingerprint is still given with each value of an indicator's page, so that anyone can tell
whether two downloads were computed on the same facts.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cbap.bch.answers import normalize
from cbap.bch.problems import AnswerShapeError
from cbap.bch.questionnaire import Questionnaire
from cbap.core.dataversion import data_version
from cbap.core.once import one_at_a_time
from cbap.engine.change import COMPARABLE, compare
from cbap.engine.definitions import PARTIES, Definition
from cbap.engine.facts import Answer, Cycle, Report
from cbap.engine.fingerprints import fingerprint
from cbap.engine.indicators import compute
from cbap.engine.targets import Point, Progress, progress
from cbap.indicators import definitions as catalogue
from cbap.indicators import records, results
from cbap.indicators.snapshots import CycleSnapshot
from cbap.parties import registry
from cbap.parties import selectors as parties
from cbap.parties.models import Government, Grouping, GroupingMembership
from cbap.plan.models import IndicatorTarget
from cbap.reports import selectors as reports
from cbap.reports.models import NationalReport, ReportingCycle

logger = logging.getLogger(__name__)

CARTAGENA_PARTIES = "cartagena_parties"
SUPPLEMENTARY_PARTIES = "supplementary_protocol_parties"
REGISTRY_PROTOCOLS = {
    CARTAGENA_PARTIES: registry.CARTAGENA,
    SUPPLEMENTARY_PARTIES: registry.SUPPLEMENTARY,
}
"""The protocol whose Parties on the deadline make each `source: registry` population of
data/populations.yaml."""
REGION_PREFIX = "region:"
GROUPINGS = {"ldc": "ldc", "sids": "sids", "lldc": "lldc", "developing": "developing"}
"""Group name in the facts → registry grouping code (besides regions and the SP Parties)."""
LDC_BEFORE_2021 = "ldc_2020"
LDC_LIST_CHANGE = date(2021, 1, 1)
"""The registry dates only the LDC graduations since 2024 (see its README), so for a deadline
before the 2021 graduations the fixed 2020 list is the list of the day (as the demo data does)."""
GROUP_LABELS = {
    "ldc": gettext_lazy("Least developed countries"),
    "sids": gettext_lazy("Small island developing States"),
    "lldc": gettext_lazy("Landlocked developing countries"),
    "developing": gettext_lazy("Developing countries"),
    "supplementary_protocol": gettext_lazy("Parties to the Supplementary Protocol"),
}


def cycle_facts(cycle_number: int, *, questions: Collection[str] | None = None) -> Cycle:
    """The engine's facts of a reporting cycle on its deadline (see `cycle_snapshot`)."""
    return cycle_snapshot(cycle_number, questions=questions).facts


def cycle_snapshot(cycle_number: int, *, questions: Collection[str] | None = None) -> CycleSnapshot:
    """The cycle's facts from the database, in ten queries at most whatever the sizes.

    Populations: Parties to the Cartagena Protocol and to the Supplementary Protocol on the
    deadline. Groups: the five regions (`region:<name>`), `ldc`, `sids`, `lldc`, `developing`
    and `supplementary_protocol`. Reports: every report with a published revision, as the public
    sees it (drafts and unpublished changes never count), non-Parties included (the populations
    leave them out). Records: what the cycle's records sources select of the published
    activities and resources in its window (`records.records_facts`: one query). Answers are
    normalised for `questions` only: by default the questions that some indicator definition
    reads in this cycle, which is all that values and their provenance need. Raises
    ReportingCycle.DoesNotExist for an unknown cycle.
    """
    cycle = ReportingCycle.objects.get(number=cycle_number)
    questionnaire = reports.questionnaire_for(cycle)
    keys = catalogue.questions_read(cycle_number) if questions is None else frozenset(questions)
    day = cycle.deadline
    reading = _Reading(questionnaire, cycle.questionnaire_hash, keys)
    published = _published(NationalReport.objects.filter(cycle=cycle), {cycle.number: reading})
    report_facts = _reports(published)
    synthetic = frozenset(report.government for report in published if report.is_synthetic)
    populations, unknown = _populations(lambda protocol: parties.membership_codes_on(day, protocol))
    groups = _groups(day)
    groups["supplementary_protocol"] = populations[SUPPLEMENTARY_PARTIES]
    if SUPPLEMENTARY_PARTIES in unknown:
        unknown["supplementary_protocol"] = unknown[SUPPLEMENTARY_PARTIES]
    facts = Cycle(
        number=cycle.number,
        deadline=day,
        populations=populations,
        groups=groups,
        reports=report_facts,
        unknown_members=unknown,
        records=records.records_facts(day, catalogue.record_selectors(cycle.number)),
    )
    return CycleSnapshot(
        facts=facts,
        title=cycle.title,
        role=cycle.role,
        synthetic=synthetic,
        names=dict(Government.objects.values_list("code", "name")),
        questionnaire=questionnaire,
    )


def party_snapshots(government: Government) -> dict[int, CycleSnapshot]:
    """The plan cycles' facts as far as one government is concerned: whether it is a Party
    on each deadline, its published reports, and whether the records sources' selections count
    for it; no groups. Its standing on an indicator depends on nothing else, so this costs a
    handful of queries instead of a whole cycle's.
    The government's `memberships` are read through the relation (a prefetch serves them)."""
    cycles = list(ReportingCycle.objects.filter(number__in=catalogue.CYCLES))
    memberships = list(government.memberships.all())
    readings = {
        cycle.number: _Reading(
            reports.questionnaire_for(cycle),
            cycle.questionnaire_hash,
            catalogue.questions_read(cycle.number),
        )
        for cycle in cycles
    }
    published = _published(
        NationalReport.objects.filter(government=government, cycle__in=cycles), readings
    )
    snapshots = {}
    for cycle in sorted(cycles, key=lambda c: c.number):
        questionnaire = reports.questionnaire_for(cycle)
        mine = [report for report in published if report.cycle_number == cycle.number]
        code, day = government.code, cycle.deadline
        populations, unknown = _populations(
            lambda protocol, day=day, code=code: _membership(memberships, day, protocol, code)
        )
        facts = Cycle(
            number=cycle.number,
            deadline=day,
            populations=populations,
            groups={},
            reports=_reports(mine),
            unknown_members=unknown,
            records=records.records_facts(
                day, catalogue.record_selectors(cycle.number), government=code
            ),
        )
        snapshots[cycle.number] = CycleSnapshot(
            facts=facts,
            title=cycle.title,
            role=cycle.role,
            synthetic=frozenset(r.government for r in mine if r.is_synthetic),
            names={code: government.name},
            questionnaire=questionnaire,
        )
    return snapshots


def _populations(parties_of) -> tuple[dict, dict[str, frozenset[str]]]:
    """The populations of data/populations.yaml that are sets of Parties, and their members of
    unknown membership: a registry one from `parties_of(protocol)` (certain Parties, governments
    nobody can tell about), one with no data yet as None (its members are unknown). A population
    that is not of Parties is not a fact of the cycle (the engine knows it as `NOT_PARTIES`)."""
    found: dict[str, frozenset[str] | None] = {}
    unknown: dict[str, frozenset[str]] = {}
    for name, population in catalogue.populations().items():
        if not population.parties:
            continue
        if population.source == "registry":
            if name not in REGISTRY_PROTOCOLS:
                raise ValueError(f"population {name!r}: no registry protocol gives its Parties")
            found[name], maybe = parties_of(REGISTRY_PROTOCOLS[name])
            if maybe:
                unknown[name] = maybe
        else:
            found[name] = None
    return found, unknown


def _membership(memberships, day: date, protocol: str, code: str):
    """(certain Parties, governments nobody can tell about) of one government's memberships."""
    party = registry.membership_on(memberships, day, protocol=protocol)
    return frozenset([code] if party else []), frozenset([code] if party is None else [])


def group_label(name: str) -> str:
    """ "region:African Group" → "African Group"; "ldc" → "Least developed countries"."""
    if name.startswith(REGION_PREFIX):
        return name.removeprefix(REGION_PREFIX)  # the registry's name of the region (data)
    return str(GROUP_LABELS[name])


def _groups(day: date) -> dict[str, frozenset[str]]:
    ldc = LDC_BEFORE_2021 if day < LDC_LIST_CHANGE else "ldc"
    wanted = {**GROUPINGS, "ldc": ldc}
    regions = list(Grouping.objects.filter(kind=Grouping.Kind.REGION).values_list("code", "name"))
    by_code = {code: f"{REGION_PREFIX}{name}" for code, name in regions}
    by_code.update({code: group for group, code in wanted.items()})
    members: dict[str, set[str]] = {group: set() for group in by_code.values()}
    memberships = GroupingMembership.objects.filter(
        parties.valid_q(day), grouping__code__in=list(by_code)
    ).values_list("grouping__code", "government__code")
    for grouping, government in memberships:
        members[by_code[grouping]].add(government)
    ordered = [by_code[code] for code, _name in regions] + list(wanted)
    return {group: frozenset(members[group]) for group in ordered}


@dataclass(frozen=True)
class _Reading:
    """How a cycle's answers are read: its questionnaire and the questions wanted."""

    questionnaire: Questionnaire
    questionnaire_hash: str
    keys: frozenset[str]

    @property
    def stamp(self) -> str:
        wanted = hashlib.sha256("\n".join(sorted(self.keys)).encode()).hexdigest()[:16]
        return f"{self.questionnaire_hash[:16]}:{wanted}"


@dataclass(frozen=True)
class _PublishedReport:
    government: str
    cycle_number: int
    answers: Mapping[str, Answer]
    is_synthetic: bool


_READ: OrderedDict[tuple, tuple] = OrderedDict()
"""(report id, published revision, last change, reading stamp) → answers:
normalised answers of published revisions, most recently used last. A published revision never
changes, so an entry never goes stale; a process keeps its own, like the parsed questionnaires."""
READ_LIMIT = 50_000
_READ_LOCK = threading.Lock()


def _published(reports_queryset, readings: Mapping[int, _Reading]) -> list[_PublishedReport]:
    """The reports with a published revision, as published, with their answers normalised.

    Only new or changed reports are read in full (see `_READ`): one query for the reports,
    then `reports.published_versions` for those.
    """
    rows = list(
        reports_queryset.filter(published_version__isnull=False).values_list(
            "pk", "government__code", "cycle__number", "published_version", "is_synthetic",
            "updated_at",
        )
    )  # fmt: skip
    stamps = {number: reading.stamp for number, reading in readings.items()}  # a hash each
    keys = {row[0]: (row[0], row[3], row[5], stamps[row[2]]) for row in rows}
    with _READ_LOCK:
        found = {pk: _READ[key] for pk, key in keys.items() if key in _READ}
        for pk in found:
            _READ.move_to_end(keys[pk])
    missing = [row[0] for row in rows if row[0] not in found]
    if missing:
        read = _read_published(NationalReport.objects.filter(pk__in=missing), readings)
        found.update(read)
        with _READ_LOCK:
            _READ.update({keys[pk]: value for pk, value in read.items()})
            while len(_READ) > READ_LIMIT:
                _READ.popitem(last=False)
    return [
        _PublishedReport(code, number, found[pk], is_synthetic)
        for pk, code, number, _version, is_synthetic, _updated in rows
        if pk in found
    ]


def _read_published(reports_queryset, readings: Mapping[int, _Reading]) -> dict[int, tuple]:
    """report id → normalised answers of the published version."""
    read = {}
    for version in reports.published_versions(reports_queryset):
        reading = readings[version.cycle_number]
        questions = [
            (key, reading.questionnaire.questions[key])
            for key in reading.keys
            if key in reading.questionnaire.questions
        ]
        read[version.report_id] = _normalised(
            version.government.code, version.answers, questions, reading
        )
    return read


def _reports(published: list[_PublishedReport]) -> dict[str, Report]:
    return {
        report.government: Report(government=report.government, answers=report.answers)
        for report in published
    }


_SEEN: dict[tuple[str, str, str], Answer | None] = {}
"""Reports repeat the same few answers ({"value": "true"} …): each is normalised once, and the
reports share the (immutable) Answer. Keyed by questionnaire, question and the raw answer."""
SEEN_LIMIT = 100_000


def _normalised(code: str, raw_answers: Mapping, questions, reading: _Reading) -> dict[str, Answer]:
    seen = _SEEN if len(_SEEN) < SEEN_LIMIT else {}
    answers = {}
    for key, question in questions:
        raw = raw_answers.get(key)
        if raw is None:
            continue
        memo = (reading.questionnaire_hash, key, repr(raw))
        if memo in seen:
            answer = seen[memo]
        else:
            try:
                answer = normalize(question, raw)
            except AnswerShapeError as error:
                # Published reports were validated on the way in; a shape error means the
                # stored data was changed behind the services' back. Unanswered, loudly.
                logger.warning("report of %s: %s left out: %s", code, key, error)
                answer = None
            seen[memo] = answer
        if answer is not None:
            answers[key] = answer
    return answers


# ------------------------------------------------------------------------------------------
# What pages, downloads, the API and the CLI show (plain data, see `results`)
# ------------------------------------------------------------------------------------------


def cycle_snapshots(numbers: Sequence[int] = catalogue.CYCLES) -> dict[int, CycleSnapshot]:
    """The snapshots of the cycles that are loaded, by number (a missing cycle is left out),
    kept in the process while the data version stays (`core.dataversion`): every page, download
    and API read of the same data then shares them, and the engine's memo on each Cycle."""
    key = (data_version(), tuple(numbers))
    kept = _SNAPSHOTS.get(key)
    if kept is None:
        with one_at_a_time(("snapshots", key)):
            kept = _SNAPSHOTS.get(key)
            if kept is None:
                loaded = ReportingCycle.objects.filter(number__in=numbers)
                found = set(loaded.values_list("number", flat=True))
                kept = {number: cycle_snapshot(number) for number in numbers if number in found}
                for old in [k for k in _SNAPSHOTS if k[0] != key[0]]:
                    _SNAPSHOTS.pop(old, None)  # an older version's: never read again
                _SNAPSHOTS[key] = kept
    return kept


_SNAPSHOTS: dict[tuple[str, tuple[int, ...]], dict[int, CycleSnapshot]] = {}


def all_groups(snapshots: Mapping[int, CycleSnapshot]) -> list[str]:
    """Every disaggregation of the cycles, regions first, in a stable order."""
    names: list[str] = []
    for snapshot in snapshots.values():
        names += [name for name in snapshot.facts.groups if name not in names]
    return names


def cycle_values(
    definition: Definition,
    snapshots: Mapping[int, CycleSnapshot],
    *,
    by: Sequence[str] = (),
    with_provenance: bool = False,
    provenance_group: str | None = None,
) -> list[results.CycleValue]:
    """The indicator in each plan cycle (baseline, midterm): its summary, the summaries of the
    groups in `by` (those a cycle has), and with `with_provenance` the governments behind it:
    behind the figure of all Parties, or of `provenance_group` (one of `by`) when given."""
    values = []
    for number in catalogue.CYCLES:
        snapshot = snapshots.get(number)
        if snapshot is None:
            values.append(results.missing_cycle(definition, number))
            continue
        groups = [name for name in by if name in snapshot.facts.groups]
        if with_provenance:
            snapshot = records.with_items(definition, snapshot)
        result = compute(definition, snapshot.facts, by=groups)
        more = {
            "cycle_title": _(snapshot.title),  # cbap's titles are in the catalogues
            "deadline": snapshot.facts.deadline.isoformat(),
            "by": [
                results.summary(result.by[name], snapshot, definition).extended(
                    results.GroupValue, group=name, label=group_label(name)
                )
                for name in groups
            ],
        }
        if with_provenance:
            behind = result.by.get(provenance_group) if provenance_group else result
            seen = behind is not None
            more.update(
                provenance_group=provenance_group,
                provenance_value=results.summary(behind, snapshot, definition) if seen else None,
                provenance=results.provenance(behind, snapshot, definition) if seen else None,
                by_answer=results.parties_by_answer(behind, snapshot, definition) if seen else None,
                items=results.records_behind(behind),
                beside_items=results.records_behind(behind.beside if seen else None),
                fingerprint=fingerprint(definition, snapshot.facts),
            )
        summary = results.summary(result, snapshot, definition)
        values.append(summary.extended(results.CycleValue, **more))
    return values


def _delta(values: list[results.CycleValue]) -> float | None:
    baseline, midterm = values
    if baseline.measure not in COMPARABLE or None in (baseline.value, midterm.value):
        return None
    return midterm.value - baseline.value


def _demo_records(value: results.IndicatorValue) -> bool:
    """Whether a value, or the records' figure beside it, counts demo records."""
    return bool(value.demo_records or (value.beside and value.beside.demo_records))


def _cycles(snapshots: Mapping[int, CycleSnapshot]) -> list[dict]:
    return [
        {
            "number": number,
            "title": _(snapshot.title),
            "deadline": snapshot.facts.deadline.isoformat(),
            "role": results.ROLES.get(number, snapshot.role),
            "reports": len(snapshot.facts.reports),
            "synthetic_reports": len(snapshot.synthetic),
        }
        for number, snapshot in snapshots.items()
    ]


def _indicator_head(item: catalogue.BoundIndicator) -> dict:
    indicator, definition = item.indicator, item.definition
    return {
        "code": indicator.code,
        "goal": indicator.goal.code,
        "text": indicator.text,
        "measure": definition.measure,
        "unit": definition.unit,
        "population": definition.population,
        "population_label": definition.population_label,
        "shared_with": list(catalogue.shared_numerators().get(indicator.code, ())),
        "data_needed": list(definition.data_needed),
        "url": reverse("indicators:detail", args=[indicator.code]),
        "plan_url": f"{indicator.goal.get_absolute_url()}#{indicator.code}",
    }


def dashboard(
    snapshots: Mapping[int, CycleSnapshot] | None = None,
    *,
    link: Callable[[str], str] | None = None,
) -> dict:
    """Every goal of the current plan with its indicators' baseline and midterm values: of the
    live data, or of the cycles' `snapshots` (a frozen dataset), each indicator linking to
    `link(code)` (its live page without)."""
    bound = catalogue.bound_indicators()
    snapshots = cycle_snapshots() if snapshots is None else snapshots
    goals: dict[str, dict] = {}
    for item in bound:
        goal = item.indicator.goal
        entry = goals.setdefault(
            goal.code,
            {
                "code": goal.code,
                "section": goal.section,
                "title": goal.title,
                "url": goal.get_absolute_url(),
                "indicators": [],
            },
        )
        values = cycle_values(item.definition, snapshots)
        head = _indicator_head(item)
        if link is not None:
            head["url"] = link(item.code)
        entry["indicators"].append({**head, "values": values, "delta": _delta(values)})
    indicators = [i for goal in goals.values() for i in goal["indicators"]]
    return {
        "plan_version": bound[0].indicator.goal.version.code if bound else None,
        "cycles": _cycles(snapshots),
        "synthetic": any(v.synthetic_reports for i in indicators for v in i["values"]),
        "demo_records": any(_demo_records(v) for i in indicators for v in i["values"]),
        "goals": list(goals.values()),
    }


def indicator_detail(
    code: str,
    *,
    group: str | None = None,
    snapshots: Mapping[int, CycleSnapshot] | None = None,
) -> dict | None:
    """One indicator: definition, sources in plain words, both cycles by every disaggregation
    with provenance (of all Parties, or of one `group`), and the change, of the live data or of
    the cycles' `snapshots`; None when the current plan has no such indicator. ValueError names
    an unknown group."""
    item = next((b for b in catalogue.bound_indicators() if b.code == code), None)
    if item is None:
        return None
    definition = item.definition
    snapshots = cycle_snapshots() if snapshots is None else snapshots
    groups = all_groups(snapshots)
    if group is not None and group not in groups:
        raise ValueError(
            _("unknown group %(group)s; use one of %(groups)s")
            % {"group": repr(group), "groups": ", ".join(groups)}
        )
    values = cycle_values(
        definition, snapshots, by=groups, with_provenance=True, provenance_group=group
    )
    change = None
    # A change with its panel is of Parties: a count of things (A.9.b) has none.
    counts_parties = definition.measure == "percentage" or definition.unit == PARTIES
    if set(catalogue.CYCLES) <= set(snapshots) and counts_parties:
        change = compare(
            definition,
            baseline=snapshots[catalogue.BASELINE].facts,
            midterm=snapshots[catalogue.MIDTERM].facts,
        ).to_dict()
        change["panel_parties"] = results.panel_parties(change, snapshots)
    goal = item.indicator.goal
    return {
        **_indicator_head(item),
        "goal_title": goal.title,
        "goal_url": goal.get_absolute_url(),
        **results.plan_context(item.indicator),
        "cycles": _cycles(snapshots),
        "sources": [
            results.source_entry(definition, snapshots.get(number), number)
            for number in catalogue.CYCLES
        ],
        "values": values,
        "delta": _delta(values),
        "change": change,
        "targets": targets_progress(item, values),
        "membership_evidence": results.membership_evidence(definition, snapshots),
        "synthetic": any(v.synthetic_reports for v in values),
        "demo_records": any(_demo_records(v) for v in values),
        "groups": [{"group": name, "label": group_label(name)} for name in groups],
        "provenance_group": group,
        "provenance_label": group_label(group) if group else _("All Parties"),
    }


PROGRESS_REASONS = {
    "no baseline value": gettext_lazy("no baseline value"),
    "no midterm value": gettext_lazy("no midterm value"),
    "the baseline is at the target already": gettext_lazy("the baseline is at the target already"),
    "a cycle is not loaded": gettext_lazy("a cycle is not loaded"),
}
"""Why progress toward a target is unknown (`engine.targets`), in the reader's language."""


def targets_progress(item: catalogue.BoundIndicator, values: list) -> list[dict]:
    """The indicator's targets in its plan version (2030, interim milestones), each with the
    progress of all Parties' value from baseline to midterm toward it (`engine.targets`)."""
    by_cycle = {value.cycle: value for value in values}
    base, mid = by_cycle.get(catalogue.BASELINE), by_cycle.get(catalogue.MIDTERM)
    limits = (0.0, 100.0) if item.definition.measure == "percentage" else (0.0, None)
    found = []
    for target in IndicatorTarget.objects.filter(
        version=item.indicator.goal.version, indicator_code=item.code
    ):
        if base is None or mid is None or not (base.deadline and mid.deadline):
            reached = Progress(target.value, target.year, reason="a cycle is not loaded")
        else:
            reached = progress(
                Point(base.value, date.fromisoformat(base.deadline)),
                Point(mid.value, date.fromisoformat(mid.deadline)),
                target.value,
                target.year,
                limits,
            )
        found.append(
            {
                "year": target.year,
                "value": target.value,
                "source": target.source,
                "note": target.note,
                "covered": reached.covered,
                "projected": reached.projected,
                "on_track": reached.on_track,
                "reason": str(PROGRESS_REASONS[reached.reason]) if reached.reason else None,
            }
        )
    return found


def value_rows(
    *,
    cycle: int | None = None,
    by: Sequence[str] = (),
    code: str | None = None,
    snapshots: Mapping[int, CycleSnapshot] | None = None,
) -> list[results.IndicatorRow]:
    """Flat values for the API and the CLI: one row per indicator and cycle, with `by` holding
    the requested groups' rows. `by` takes group names, or "region" for the five regions. Of
    the live data, or of the cycles' `snapshots`."""
    bound = catalogue.bound_indicators()
    if code is not None:
        bound = [item for item in bound if item.code == code]
    numbers = [cycle] if cycle is not None else list(catalogue.CYCLES)
    if snapshots is None:
        snapshots = cycle_snapshots(numbers)
    groups = expand_groups(by, snapshots)
    rows = []
    for item in bound:
        for value in cycle_values(item.definition, snapshots, by=groups):
            if value.cycle in numbers:
                rows.append(
                    value.extended(
                        results.IndicatorRow, code=item.code, goal=item.indicator.goal.code
                    )
                )
    return rows


def expand_groups(by: Sequence[str], snapshots: Mapping[int, CycleSnapshot]) -> list[str]:
    """ "region" → the five regions; "all" → every group; a group name stays. ValueError names
    an unknown group."""
    known = all_groups(snapshots)
    expanded: list[str] = []
    for name in by:
        if name == "region":
            chosen = [group for group in known if group.startswith(REGION_PREFIX)]
        elif name == "all":
            chosen = known
        elif name in known:
            chosen = [name]
        else:
            raise ValueError(
                _("unknown disaggregation %(name)s; use region, all or one of %(known)s")
                % {"name": repr(name), "known": ", ".join(known)}
            )
        expanded += [group for group in chosen if group not in expanded]
    return expanded


COUNTED = {results.YES, results.NO}


def party_scorecard(
    government: Government, snapshots: Mapping[int, CycleSnapshot] | None = None
) -> dict:
    """For every indicator and plan cycle: whether the government counts in the numerator, in
    the live data or in the given cycles (a snapshot's)."""
    bound = catalogue.bound_indicators()
    snapshots = party_snapshots(government) if snapshots is None else snapshots
    code = government.code
    rows = []
    for item in bound:
        definition = item.definition
        cells = []
        for number in catalogue.CYCLES:
            snapshot = snapshots.get(number)
            result = compute(definition, snapshot.facts) if snapshot else None
            population = (
                snapshot.facts.populations.get(definition.population) if snapshot else None
            ) or frozenset()
            status = results.standing(result, code, in_population=code in population)
            cells.append(
                {
                    "cycle": number,
                    "standing": status,
                    "label": results.standing_label(status, definition, snapshot, code),
                    "report_url": snapshot.report_url(code) if snapshot else None,
                }
            )
        comparable, warnings = results.comparison(definition)
        rows.append(
            {
                **_indicator_head(item),
                "cycles": cells,
                "comparable": comparable,
                "warnings": warnings,
            }
        )
    totals = [
        {
            "cycle": number,
            "yes": sum(row["cycles"][i]["standing"] == results.YES for row in rows),
            "counted": sum(row["cycles"][i]["standing"] in COUNTED for row in rows),
        }
        for i, number in enumerate(catalogue.CYCLES)
    ]
    return {
        "government": code,
        "name": government.name,
        "totals": totals,
        "synthetic": any(code in s.synthetic for s in snapshots.values()),
        "indicators": rows,
    }
