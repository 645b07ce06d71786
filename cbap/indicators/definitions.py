"""The reviewed indicator definitions (`data/definitions.yaml`), loaded once and bound to the plan.

The YAML is parsed and checked by the engine the first time it is needed; a broken entry fails
with its code and field. Binding joins each definition with the plan's verbatim indicator text
from the current plan version in the database.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from cbap.engine.definitions import Definition, definition_from_dict
from cbap.engine.definitions import shared_numerators as _shared_numerators
from cbap.engine.records import Selector
from cbap.plan.models import Indicator, PlanVersion

DEFINITIONS_FILE = Path(__file__).resolve().parent / "data" / "definitions.yaml"
POPULATIONS_FILE = Path(__file__).resolve().parent / "data" / "populations.yaml"
BASELINE, MIDTERM = 4, 5
"""The reporting cycles the plan is measured by: NR4 is the baseline, NR5 the midterm."""
CYCLES = (BASELINE, MIDTERM)
PLAN_ADOPTED = date(2022, 12, 19)
"""The adoption of the plan these definitions measure (decision CP-10/4; `adopted_on` of its
version in cbap/plan/data/cp-10-4.json, which a test holds equal): the start of every cycle's
window for the records of activities and resources."""


@dataclass(frozen=True)
class Population:
    """A denominator the definitions may name (`data/populations.yaml`).

    `parties` is False for an indicator that counts things, not Parties; `source` is
    "registry" (Parties on the deadline) or None (no data yet on who is in it); `asked` maps a
    cycle to the report question in which a government says whether it is a member, evidence
    to set beside the registry."""

    name: str
    parties: bool
    label: str
    source: str | None = None
    data_needed: tuple[str, ...] = ()
    asked: dict[int, str] = field(default_factory=dict)

    @property
    def known(self) -> bool:
        """Whether cbap knows who is in it (a registry fact on the deadline)."""
        return self.parties and self.source == "registry"


@functools.cache
def populations() -> dict[str, Population]:
    """Every population by name."""
    return load_populations(POPULATIONS_FILE)


def load_populations(path: Path) -> dict[str, Population]:
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(entries, dict):
        raise ValueError(f"{path.name}: expected a mapping of population names")
    found = {}
    for name, entry in entries.items():
        if not isinstance(entry, dict) or set(entry) - {
            "parties",
            "label",
            "source",
            "data_needed",
            "asked",
        }:
            raise ValueError(f"{path.name}: population {name}: unknown or missing fields")
        if not isinstance(entry.get("parties"), bool) or not entry.get("label"):
            raise ValueError(f"{path.name}: population {name}: needs parties (bool) and label")
        if entry.get("source") not in (None, "registry") or (
            entry.get("source") and not entry["parties"]
        ):
            raise ValueError(f"{path.name}: population {name}: source must be registry or null")
        found[name] = Population(
            name=name,
            parties=entry["parties"],
            label=" ".join(entry["label"].split()),
            source=entry.get("source"),
            data_needed=tuple(entry.get("data_needed") or ()),
            asked=dict(entry.get("asked") or {}),
        )
    return found


@functools.cache
def definitions() -> dict[str, Definition]:
    """Every definition by indicator code, in the file's (plan) order; each names a population
    of `populations()`."""
    found = load_definitions(DEFINITIONS_FILE)
    known = populations()
    for definition in found.values():
        if definition.population not in known:
            raise ValueError(
                f"{DEFINITIONS_FILE.name}: indicator {definition.code}: population "
                f"{definition.population!r} is not in {POPULATIONS_FILE.name}"
            )
    return found


def load_definitions(path: Path) -> dict[str, Definition]:
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(entries, list):
        raise ValueError(f"{path.name}: expected a list of indicator definitions")
    found: dict[str, Definition] = {}
    for entry in entries:
        definition = definition_from_dict(entry)
        if definition.code in found:
            raise ValueError(f"{path.name}: indicator {definition.code} is defined twice")
        found[definition.code] = definition
    return found


@functools.cache
def shared_numerators() -> dict[str, tuple[str, ...]]:
    """Code → the indicators that count the same Parties (see the engine's function)."""
    return _shared_numerators(definitions().values())


def definition_for(code: str) -> Definition | None:
    return definitions().get(code)


def questions_read(cycle_number: int) -> frozenset[str]:
    """Every question key that some definition reads in that cycle, and the questions in which
    a government says whether it is in a population (`Population.asked`)."""
    return _questions_read(cycle_number)


@functools.cache
def _questions_read(cycle_number: int) -> frozenset[str]:
    keys = {
        population.asked[cycle_number]
        for population in populations().values()
        if cycle_number in population.asked
    }
    for definition in definitions().values():
        source = definition.source_for(cycle_number)
        if source is not None:
            keys.update(source.referenced_questions())
    return frozenset(keys)


def record_selectors(cycle_number: int) -> tuple[Selector, ...]:
    """Every selection of the published records that some definition reads in that cycle (its
    records source, the source beside a report's, their context items), each once."""
    return _record_selectors(cycle_number)


@functools.cache
def _record_selectors(cycle_number: int) -> tuple[Selector, ...]:
    found: dict[str, Selector] = {}
    for definition in definitions().values():
        source = definition.source_for(cycle_number)
        if source is not None and source.measured:
            for selector in source.record_selectors():
                found.setdefault(selector.key, selector)
    return tuple(found.values())


@dataclass(frozen=True)
class BoundIndicator:
    """A plan indicator (verbatim text, goal) with its definition."""

    indicator: Indicator
    definition: Definition

    @property
    def code(self) -> str:
        return self.indicator.code


def bound_indicators(version: PlanVersion | None = None) -> list[BoundIndicator]:
    """The plan version's indicators (default: the current version), in plan order, each with its
    definition. One query. Raises LookupError naming the codes if the two do not match."""
    version = version or PlanVersion.current()
    rows = list(
        Indicator.objects.filter(goal__version=version)
        .select_related("goal__version")
        .order_by("goal__position", "position")
    )
    known = definitions()
    missing, extra = unmatched([row.code for row in rows])
    if missing or extra:
        raise LookupError(
            f"plan {version.code} and {DEFINITIONS_FILE.name} disagree: "
            f"no definition for {missing or 'none'}; no plan indicator for {extra or 'none'}"
        )
    return [BoundIndicator(row, known[row.code]) for row in rows]


def unmatched(plan_codes: list[str]) -> tuple[list[str], list[str]]:
    """(plan codes without a definition, definition codes without a plan indicator)."""
    known = definitions()
    missing = [code for code in plan_codes if code not in known]
    extra = [code for code in known if code not in set(plan_codes)]
    return missing, extra
