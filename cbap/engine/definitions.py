"""Indicator definitions: the reviewed YAML entries, checked and frozen.

Checking happens once, on load, so that a typo in a definition file fails the build
with the indicator code and field instead of silently producing a wrong figure.
"""

from __future__ import annotations

import copy
import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field

from cbap.engine import records as facet_conditions
from cbap.engine.conditions import referenced_questions
from cbap.engine.records import Selector

MEASURES = ("percentage", "number", "sum")
NOT_PARTIES = "none"
"""The population of an indicator that counts things (tools, users, materials), not Parties: it
has no number of Parties, no coverage, and no national-report source."""
FITS = ("direct", "proxy", "not_measured")
REPORT = "report"
SOURCE_KINDS = (REPORT, *facet_conditions.KINDS)
"""Where a cycle's value comes from: the national reports of the cycle (the default), or the
published records of capacity-building activities or library resources in the cycle's window
(`records`)."""

_MEASURE_FIELDS = {"percentage": "numerator", "number": "numerator", "sum": "sum_of"}
"""The source field that says what is counted, per measure."""
PARTIES = "Parties"
"""The unit of a number of Parties; a percentage's unit is always percent (no `unit`)."""

_DEFINITION_FIELDS = {
    "code",
    "measure",
    "unit",
    "population",
    "population_label",
    "data_needed",
    "sources",
}
_SOURCE_FIELDS = {
    "source",
    "beside",
    "fit",
    "questions",
    "condition",
    "numerator",
    "sum_of",
    "bands",
    "context",
    "rationale",
    "wording_change",
}
_RECORDS_FIELDS = {
    "source",
    "fit",
    "where",
    "party",
    "count",
    "context",
    "rationale",
    "wording_change",
    "beside",
}


@dataclass(frozen=True)
class Context:
    """A count shown beside a value, never instead of it: how many Parties of the denominator
    `condition` holds for (e.g. the outcome a training aims at, beside the training)."""

    label: str
    condition: Mapping


@dataclass(frozen=True)
class Source:
    """How one reporting cycle's questionnaire measures an indicator (or why it cannot), or
    how published records (activities, resources, needs, matches) measure it in the cycle's
    window.

    `condition` and `numerator` stay the reviewed mappings of the condition language. A sum
    adds up the integer or banded answers to `sum_of`; `bands` gives each banded question's
    option values as (lowest, highest) counts, highest None for an open band ("10 or more").

    A records source (`kind` one of `records.KINDS`) selects the published records for which
    the facet condition `where` holds (`records` module), counted for Parties by `party`
    (country or owner), or counted themselves (`count`: records, views, downloads, parties, for
    a number); its `context` items hold facet conditions. `beside` is a records source shown
    beside a source's value, which it never decides.
    """

    fit: str
    rationale: str
    questions: tuple[str, ...] = ()
    condition: Mapping | None = None
    numerator: Mapping | None = None
    sum_of: tuple[str, ...] = ()
    bands: Mapping[str, Mapping[str, tuple[int, int | None]]] = field(default_factory=dict)
    context: tuple[Context, ...] = ()
    wording_change: str | None = None
    kind: str = REPORT
    where: Mapping | None = None
    party: str | None = None
    count: str | None = None
    beside: Source | None = None

    @property
    def measured(self) -> bool:
        return self.fit != "not_measured"

    @property
    def from_records(self) -> bool:
        return self.kind != REPORT

    def record_selectors(self) -> tuple[Selector, ...]:
        """What this source reads of the published records: for a records source its selection
        first, then each context item's (the selection with the item's condition too); then
        what the source beside it reads (a report source reads nothing else)."""
        beside = self.beside.record_selectors() if self.beside else ()
        if not self.from_records:
            return beside
        usage = self.count in facet_conditions.USAGE
        party = self.party or "country"
        main = Selector(self.kind, self.where, party, by_use=usage)
        return (
            main,
            *(
                Selector(self.kind, {"all": [self.where, item.condition]}, party, by_use=usage)
                for item in self.context
            ),
            *beside,
        )

    def referenced_questions(self) -> dict[str, set[str]]:
        """Question key → option values that the computation reads."""
        found: dict[str, set[str]] = {}
        if self.from_records:
            return found
        conditions = (self.condition, self.numerator, *(item.condition for item in self.context))
        for condition in conditions:
            for key, values in (referenced_questions(condition) if condition else {}).items():
                found.setdefault(key, set()).update(values)
        for key in self.sum_of:
            found.setdefault(key, set()).update(self.bands.get(key, {}))
        return found


@dataclass(frozen=True)
class Definition:
    """One Action Plan indicator, with a Source per reporting cycle number."""

    code: str
    measure: str
    population: str
    population_label: str
    sources: Mapping[int, Source]
    data_needed: tuple[str, ...] = field(default=())
    unit: str = "%"
    """What the value counts: percent, "Parties", or the things a sum adds up ("cases")."""

    def source_for(self, cycle_number: int) -> Source | None:
        return self.sources.get(cycle_number)

    def to_dict(self) -> dict:
        return asdict(self)


def shared_numerators(definitions: Iterable[Definition]) -> dict[str, tuple[str, ...]]:
    """Code → the other codes whose numerator is the same in every cycle (the same questions
    and answers counted): such indicators count the same Parties, and a reader must be told
    that they are not separate evidence."""
    groups: dict[str, list[str]] = defaultdict(list)
    for definition in definitions:
        counted = {
            number: [source.numerator, source.sum_of, source.bands]
            if not source.from_records
            else [source.kind, source.where, source.party, source.count]
            for number, source in sorted(definition.sources.items())
            if source.measured
        }
        if counted:
            groups[json.dumps([definition.measure, counted], sort_keys=True)].append(
                definition.code
            )
    return {
        code: tuple(other for other in codes if other != code)
        for codes in groups.values()
        if len(codes) > 1
        for code in codes
    }


def definition_from_dict(d: Mapping) -> Definition:
    """Build a Definition from one YAML entry; ValueError names the code and the field."""
    if not isinstance(d, Mapping):
        raise ValueError(f"an indicator definition must be a mapping, got {d!r}")
    code = d.get("code")
    if not isinstance(code, str) or not code:
        raise ValueError(f"definition {dict(d)!r}: code must be a non-empty string")
    fail = _failer(code)
    _reject_unknown(d, _DEFINITION_FIELDS, fail, "")
    measure = d.get("measure")
    if measure not in MEASURES:
        fail("measure", f"must be one of {', '.join(MEASURES)}, got {measure!r}")
    unit = d.get("unit")
    if measure == "percentage" and unit is not None:
        fail("unit", "does not apply to a percentage (its unit is percent)")
    if measure != "percentage" and (not isinstance(unit, str) or not unit):
        fail("unit", f"is required for a {measure} measure (what it counts)")
    if measure == "sum" and unit == PARTIES:
        fail("unit", "a sum adds up things reported by Parties, not Parties")
    for name in ("population", "population_label"):
        if not isinstance(d.get(name), str) or not d[name]:
            fail(name, "must be a non-empty string")
    raw_sources = d.get("sources")
    if not isinstance(raw_sources, Mapping) or not raw_sources:
        fail("sources", "must map cycle numbers to sources")
    sources = {}
    for number, raw in raw_sources.items():
        if not isinstance(number, int) or isinstance(number, bool):
            fail(f"sources.{number}", "cycle numbers must be integers")
        sources[number] = _source_from_dict(raw, measure=measure, fail=fail, at=f"sources.{number}")
        source = sources[number]
        if d["population"] == NOT_PARTIES and source.measured and not source.from_records:
            fail(
                f"sources.{number}.fit",
                f"population {NOT_PARTIES!r} is not a set of Parties: national reports cannot "
                "measure it",
            )
        for records in (source, source.beside):
            if (
                records is not None
                and records.from_records
                and d["population"] == NOT_PARTIES
                and (records.party is not None or records.count == "parties")
            ):
                fail(
                    f"sources.{number}",
                    f"population {NOT_PARTIES!r} is not a set of Parties: its records "
                    "count themselves (count: records, views or downloads), not Parties",
                )
    return Definition(
        code=code,
        measure=measure,
        unit=unit or "%",
        population=d["population"],
        population_label=d["population_label"],
        sources=sources,
        data_needed=_keys(d.get("data_needed", []), fail, "data_needed"),
    )


def _source_from_dict(raw, *, measure: str, fail, at: str) -> Source:
    if not isinstance(raw, Mapping):
        fail(at, "must be a mapping")
    kind = raw.get("source", REPORT)
    if kind not in SOURCE_KINDS:
        fail(f"{at}.source", f"must be one of {', '.join(SOURCE_KINDS)}, got {kind!r}")
    if kind != REPORT:
        return _records_source(raw, kind=kind, measure=measure, fail=fail, at=at)
    _reject_unknown(raw, _SOURCE_FIELDS, fail, f"{at}.")
    fit = raw.get("fit")
    if fit not in FITS:
        fail(f"{at}.fit", f"must be one of {', '.join(FITS)}, got {fit!r}")
    rationale = raw.get("rationale")
    if not isinstance(rationale, str) or not rationale.strip():
        fail(f"{at}.rationale", "must be a non-empty string")
    wording_change = raw.get("wording_change")
    if wording_change is not None and not isinstance(wording_change, str):
        fail(f"{at}.wording_change", "must be text or null")

    counted_by = _MEASURE_FIELDS[measure]
    allowed = set()
    if fit != "not_measured":
        allowed = {"condition", "context", counted_by} | ({"bands"} if measure == "sum" else set())
    for name in ("condition", "numerator", "sum_of", "bands", "context"):
        present = raw.get(name) is not None
        if present and name not in allowed:
            why = "a not_measured source" if fit == "not_measured" else f"a {measure} measure"
            fail(f"{at}.{name}", f"does not apply to {why}")
        if not present and name == counted_by and fit != "not_measured":
            fail(f"{at}.{name}", f"is required for a {measure} measure")
    for name in ("condition", "numerator"):
        if raw.get(name) is not None:
            _condition(raw[name], fail, f"{at}.{name}")
    sum_of = _keys(raw.get("sum_of"), fail, f"{at}.sum_of")
    if raw.get("sum_of") is not None and not sum_of:
        fail(f"{at}.sum_of", "must list at least one question key")
    beside = _beside(raw, fit=fit, measure=measure, fail=fail, at=at)
    return Source(
        fit=fit,
        rationale=rationale,
        questions=_keys(raw.get("questions", []), fail, f"{at}.questions"),
        # Copied so that the frozen Source cannot change under a caller's feet.
        condition=copy.deepcopy(raw.get("condition")),
        numerator=copy.deepcopy(raw.get("numerator")),
        sum_of=sum_of,
        bands=_bands(raw.get("bands") or {}, sum_of, fail, f"{at}.bands"),
        context=_contexts(raw.get("context") or [], fail, f"{at}.context"),
        wording_change=wording_change,
        beside=beside,
    )


def _beside(raw: Mapping, *, fit: str, measure: str, fail, at: str) -> Source | None:
    """The records source beside a source's value (None without one): it counts Parties, as
    the value does, and has nothing beside it itself."""
    if raw.get("beside") is None:
        return None
    if fit == "not_measured":
        fail(f"{at}.beside", "is shown beside a value: a not_measured source has none")
    kinds = ", ".join(facet_conditions.KINDS)
    if not isinstance(raw["beside"], Mapping) or raw["beside"].get("source") in (None, REPORT):
        fail(f"{at}.beside", f"must be a records source (source: {kinds})")
    if raw["beside"].get("beside") is not None:
        fail(f"{at}.beside.beside", "a source beside a value has nothing beside it")
    beside = _source_from_dict(raw["beside"], measure=measure, fail=fail, at=f"{at}.beside")
    if beside.count is not None and beside.count != "parties":
        fail(f"{at}.beside.count", "a source beside a value counts Parties, as the value does")
    return beside


def _records_source(raw: Mapping, *, kind: str, measure: str, fail, at: str) -> Source:
    """A source that counts published records of activities or resources (see `Source`)."""
    _reject_unknown(raw, _RECORDS_FIELDS, fail, f"{at}.")
    fit = raw.get("fit")
    if fit not in ("direct", "proxy"):
        fail(f"{at}.fit", f"a records source measures: direct or proxy, got {fit!r}")
    rationale = raw.get("rationale")
    if not isinstance(rationale, str) or not rationale.strip():
        fail(f"{at}.rationale", "must be a non-empty string")
    wording_change = raw.get("wording_change")
    if wording_change is not None and not isinstance(wording_change, str):
        fail(f"{at}.wording_change", "must be text or null")
    try:
        facet_conditions.check(raw.get("where"), kind, f"{at}.where")
    except ValueError as error:
        raise ValueError(f"{fail.code}: {error}") from None
    party, count = raw.get("party"), raw.get("count")
    if measure == "sum":
        fail(f"{at}.source", "a sum adds up report answers; records are counted (number)")
    if party is not None and party not in facet_conditions.PARTY_BY:
        fail(f"{at}.party", f"must be one of {', '.join(facet_conditions.PARTY_BY)}")
    if count is not None and count not in facet_conditions.COUNTS:
        fail(f"{at}.count", f"must be one of {', '.join(facet_conditions.COUNTS)}")
    if count in facet_conditions.USAGE and kind != "resources":
        fail(f"{at}.count", f"only library resources have {count}, not {kind}")
    if kind not in facet_conditions.INDEXED and count not in (None, "parties"):
        fail(f"{at}.count", f"{kind} count Parties (a percentage, or count: parties)")
    if measure == "percentage":
        if party is None:
            fail(f"{at}.party", "is required: a percentage of Parties says how records count")
        if count is not None:
            fail(f"{at}.count", "does not apply to a percentage (it counts Parties)")
    else:
        if count is None:
            fail(f"{at}.count", "is required for a number (records, views, downloads, parties)")
        if (count == "parties") != (party is not None):
            fail(f"{at}.party", "is given exactly when a number counts Parties (count: parties)")
    contexts = []
    for index, item in enumerate(raw.get("context") or []):
        where = f"{at}.context.{index}"
        if (
            measure != "percentage"
            or not isinstance(item, Mapping)
            or set(item)
            != {
                "label",
                "where",
            }
        ):
            fail(where, "a records source's context is {label, where}, beside a percentage")
        if not isinstance(item["label"], str) or not item["label"].strip():
            fail(f"{where}.label", "must be a non-empty string")
        try:
            facet_conditions.check(item["where"], kind, f"{where}.where")
        except ValueError as error:
            raise ValueError(f"{fail.code}: {error}") from None
        contexts.append(Context(label=item["label"], condition=copy.deepcopy(item["where"])))
    return Source(
        fit=fit,
        rationale=rationale,
        kind=kind,
        where=copy.deepcopy(raw["where"]),
        party=party,
        count=count,
        context=tuple(contexts),
        wording_change=wording_change,
        beside=_beside(raw, fit=fit, measure=measure, fail=fail, at=at),
    )


def _condition(raw, fail, at: str) -> Mapping:
    try:
        referenced_questions(raw)
    except ValueError as error:
        fail(at, str(error))
    return copy.deepcopy(raw)


def _bands(raw, sum_of: tuple[str, ...], fail, at: str) -> dict:
    """{question: {option value: (lowest, highest or None)}}, each band a real range."""
    if not isinstance(raw, Mapping):
        fail(at, "must map question keys to their bands")
    bands = {}
    for key, options in raw.items():
        if key not in sum_of:
            fail(f"{at}.{key}", "is not a question of sum_of")
        if not isinstance(options, Mapping) or not options:
            fail(f"{at}.{key}", "must map option values to [lowest, highest] (highest null: open)")
        bands[key] = {}
        for value, span in options.items():
            low, high = span if isinstance(span, (list, tuple)) and len(span) == 2 else (None, 0)
            if not _count(low) or not (high is None or (_count(high) and high >= low)):
                fail(f"{at}.{key}.{value}", f"must be [lowest, highest or null], got {span!r}")
            bands[key][str(value)] = (low, high)
    return bands


def _count(number) -> bool:
    return isinstance(number, int) and not isinstance(number, bool) and number >= 0


def _contexts(raw, fail, at: str) -> tuple[Context, ...]:
    if not isinstance(raw, (list, tuple)):
        fail(at, "must be a list of {label, condition}")
    found = []
    for index, item in enumerate(raw):
        where = f"{at}.{index}"
        if not isinstance(item, Mapping) or set(item) != {"label", "condition"}:
            fail(where, "must have exactly a label and a condition")
        if not isinstance(item["label"], str) or not item["label"].strip():
            fail(f"{where}.label", "must be a non-empty string")
        found.append(
            Context(label=item["label"], condition=_condition(item["condition"], fail, where))
        )
    return tuple(found)


def _keys(raw, fail, at: str) -> tuple[str, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, (list, tuple)) or not all(isinstance(key, str) for key in raw):
        fail(at, "must be a list of strings")
    return tuple(raw)


def _reject_unknown(raw: Mapping, known: set[str], fail, prefix: str) -> None:
    unknown = sorted(set(raw) - known, key=str)
    if unknown:
        fail(f"{prefix}{unknown[0]}", f"is not a known field (known: {', '.join(sorted(known))})")


def _failer(code: str):
    def fail(at: str, problem: str):
        raise ValueError(f"indicator {code}: {at}: {problem}")

    fail.code = f"indicator {code}"
    return fail
