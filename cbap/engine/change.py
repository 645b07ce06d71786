"""How an indicator moved between a baseline and a midterm cycle: as two cross-sections (every
Party that answered, then and now) and as a panel of the same governments, with an exact McNemar
test. Built on `indicators.compute`, so it counts exactly what the values count."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field

from cbap.engine.definitions import Definition
from cbap.engine.facts import Cycle
from cbap.engine.indicators import IndicatorResult, compute
from cbap.engine.stats import mcnemar_exact, percent

COMPARABLE = ("percentage", "number")
"""Measures that compare() takes: both count Parties for which the numerator holds."""


@dataclass(frozen=True)
class CrossSection:
    """The published figure of each cycle: every Party that answered, then and now.

    In the measure's unit: percent (the delta in percentage points) or Parties. A number of
    Parties also moves with coverage (who reported), so each cycle's coverage comes with it.
    """

    baseline: float | None
    midterm: float | None
    delta: float | None
    baseline_coverage: float | None = None
    midterm_coverage: float | None = None


@dataclass(frozen=True)
class Panel:
    """Only governments in the denominator of both cycles.

    The panel's change cannot come from a change in who reported, unlike the
    cross-section's. b = yes_no and c = no_yes are the discordant pairs behind the McNemar
    p-value; `cells` names the governments of each of the four (yes_yes, yes_no, no_yes,
    no_no). Values in the measure's unit: percent of the panel, or Parties.
    """

    members: tuple[str, ...]
    yes_yes: int
    yes_no: int
    no_yes: int
    no_no: int
    baseline: float | None
    midterm: float | None
    delta: float | None
    p_value: float | None
    cells: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class IndicatorChange:
    """A percentage or number indicator between a baseline and a midterm cycle."""

    code: str
    measure: str
    baseline_cycle: int
    midterm_cycle: int
    cross_section: CrossSection
    panel: Panel
    warnings: tuple[str, ...]
    unit: str = "%"

    def to_dict(self) -> dict:
        panel = asdict(self.panel)
        panel["members"] = list(self.panel.members)
        panel["cells"] = {name: list(codes) for name, codes in self.panel.cells.items()}
        return {
            "code": self.code,
            "measure": self.measure,
            "unit": "percentage points" if self.measure == "percentage" else self.unit,
            "baseline_cycle": self.baseline_cycle,
            "midterm_cycle": self.midterm_cycle,
            "cross_section": asdict(self.cross_section),
            "panel": {"size": len(self.panel.members), **panel},
            "warnings": list(self.warnings),
        }


def compare(definition: Definition, *, baseline: Cycle, midterm: Cycle) -> IndicatorChange:
    """How a percentage or a number of Parties moved, as cross-section and as a panel of the
    same governments (yes or no in each cycle, with an exact McNemar test either way)."""
    if definition.measure not in COMPARABLE:
        raise ValueError(
            f"indicator {definition.code}: only {' and '.join(COMPARABLE)} measures can be "
            f"compared, not {definition.measure}"
        )
    before, after = compute(definition, baseline), compute(definition, midterm)
    warnings = []
    for cycle, result in ((baseline, before), (midterm, after)):
        source = definition.source_for(cycle.number)
        if source and source.wording_change:
            warnings.append(f"NR{cycle.number}: {source.wording_change}")
        if result.status != "ok":
            warnings.append(f"not comparable: NR{cycle.number} has no data ({result.reason})")
    if definition.measure == "number" and before.status == after.status == "ok":
        warnings.append(
            "A number of Parties also moves with who reported: "
            f"NR{baseline.number} {_coverage(before)}, NR{midterm.number} {_coverage(after)}. "
            "The panel counts the same Parties in both cycles."
        )

    members = set(before.members.denominator) & set(after.members.denominator)
    yes_before = members & set(before.members.numerator)
    yes_after = members & set(after.members.numerator)
    cells = {
        "yes_yes": yes_before & yes_after,
        "yes_no": yes_before - yes_after,
        "no_yes": yes_after - yes_before,
        "no_no": members - yes_before - yes_after,
    }
    if definition.measure == "percentage":
        panel_before = percent(len(yes_before), len(members))
        panel_after = percent(len(yes_after), len(members))
    else:
        panel_before, panel_after = (len(yes_before), len(yes_after)) if members else (None, None)
    return IndicatorChange(
        code=definition.code,
        measure=definition.measure,
        baseline_cycle=baseline.number,
        midterm_cycle=midterm.number,
        unit=definition.unit,
        cross_section=CrossSection(
            baseline=before.value,
            midterm=after.value,
            delta=_delta(before.value, after.value),
            baseline_coverage=before.coverage,
            midterm_coverage=after.coverage,
        ),
        panel=Panel(
            members=tuple(sorted(members)),
            **{name: len(codes) for name, codes in cells.items()},
            baseline=panel_before,
            midterm=panel_after,
            delta=_delta(panel_before, panel_after),
            p_value=(
                mcnemar_exact(len(cells["yes_no"]), len(cells["no_yes"])) if members else None
            ),
            cells={name: tuple(sorted(codes)) for name, codes in cells.items()},
        ),
        warnings=tuple(warnings),
    )


def _coverage(result: IndicatorResult) -> str:
    if result.parties is None or result.coverage is None:
        return "coverage unknown"
    return f"{result.reported} of {result.parties} Parties reported ({100 * result.coverage:.0f} %)"


def _delta(before: float | None, after: float | None) -> float | None:
    return None if before is None or after is None else after - before
