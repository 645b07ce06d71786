"""Indicator definitions: the reviewed YAML entries, checked and frozen.

Checking happens once, on load, so that a typo in a definition file fails the build
with the indicator code and field instead of silently producing a wrong figure.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field

from cbap.engine.conditions import referenced_questions

MEASURES = ("percentage", "number", "sum", "distribution")
NOT_PARTIES = "none"
"""The population of an indicator that counts things (tools, users, materials), not Parties: it
has no number of Parties, no coverage, and no national-report source."""
FITS = ("direct", "proxy", "not_measured")

_MEASURE_FIELDS = {
    "percentage": "numerator",
    "number": "numerator",
    "sum": "sum_of",
    "distribution": "distribution_of",
}
"""The source field that says what is counted, per measure."""

_DEFINITION_FIELDS = {"code", "measure", "population", "population_label", "data_needed", "sources"}
_SOURCE_FIELDS = {
    "fit",
    "questions",
    "condition",
    "numerator",
    "sum_of",
    "distribution_of",
    "rationale",
    "wording_change",
}


@dataclass(frozen=True)
class Source:
    """How one reporting cycle's questionnaire measures an indicator (or why it cannot).

    `condition` and `numerator` stay the reviewed mappings of the condition language.
    """

    fit: str
    rationale: str
    questions: tuple[str, ...] = ()
    condition: Mapping | None = None
    numerator: Mapping | None = None
    sum_of: str | None = None
    distribution_of: str | None = None
    wording_change: str | None = None

    @property
    def measured(self) -> bool:
        return self.fit != "not_measured"

    def referenced_questions(self) -> dict[str, set[str]]:
        """Question key → option values that the computation reads."""
        found: dict[str, set[str]] = {}
        for condition in (self.condition, self.numerator):
            for key, values in (referenced_questions(condition) if condition else {}).items():
                found.setdefault(key, set()).update(values)
        for key in (self.sum_of, self.distribution_of):
            if key:
                found.setdefault(key, set())
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

    def source_for(self, cycle_number: int) -> Source | None:
        return self.sources.get(cycle_number)

    def to_dict(self) -> dict:
        return asdict(self)


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
        if d["population"] == NOT_PARTIES and sources[number].measured:
            fail(
                f"sources.{number}.fit",
                f"population {NOT_PARTIES!r} is not a set of Parties: national reports cannot "
                "measure it",
            )
    return Definition(
        code=code,
        measure=measure,
        population=d["population"],
        population_label=d["population_label"],
        sources=sources,
        data_needed=_keys(d.get("data_needed", []), fail, "data_needed"),
    )


def _source_from_dict(raw, *, measure: str, fail, at: str) -> Source:
    if not isinstance(raw, Mapping):
        fail(at, "must be a mapping")
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
    allowed = {"condition", counted_by} if fit != "not_measured" else set()
    for name in ("condition", "numerator", "sum_of", "distribution_of"):
        present = raw.get(name) is not None
        if present and name not in allowed:
            why = "a not_measured source" if fit == "not_measured" else f"a {measure} measure"
            fail(f"{at}.{name}", f"does not apply to {why}")
        if not present and name == counted_by and fit != "not_measured":
            fail(f"{at}.{name}", f"is required for a {measure} measure")
    for name in ("condition", "numerator"):
        if raw.get(name) is not None:
            try:
                referenced_questions(raw[name])
            except ValueError as error:
                fail(f"{at}.{name}", str(error))
    for name in ("sum_of", "distribution_of"):
        if raw.get(name) is not None and (not isinstance(raw[name], str) or not raw[name]):
            fail(f"{at}.{name}", "must be a question key")

    return Source(
        fit=fit,
        rationale=rationale,
        questions=_keys(raw.get("questions", []), fail, f"{at}.questions"),
        # Copied so that the frozen Source cannot change under a caller's feet.
        condition=copy.deepcopy(raw.get("condition")),
        numerator=copy.deepcopy(raw.get("numerator")),
        sum_of=raw.get("sum_of"),
        distribution_of=raw.get("distribution_of"),
        wording_change=wording_change,
    )


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

    return fail
