"""Progress toward an indicator's target: how much of the distance from the baseline to the
target the midterm value covered, and where the trajectory from baseline to midterm, continued
in a straight line, would be in the target's year.

The trajectory runs between the two cycles' deadlines (the day each value is of) and is read at
the end of the target's year. It is arithmetic, not a forecast: it says whether the pace so far
would be enough, and nothing about whether it will hold. Whatever it needs and does not have (a
value of either cycle, a baseline already at the target) is unknown, and says why.

    progress(Point(13.9, date(2019, 10, 1)), Point(28.4, date(2026, 2, 28)), 50.0, 2030)
    # covered 0.40 (40 % of the distance), projected 39.3 by the end of 2030: not on track
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Point:
    """An indicator's value on the day it is of (its cycle's deadline); None: no value."""

    value: float | None
    day: date


@dataclass(frozen=True)
class Progress:
    """`covered`: the share of the distance from baseline to target that the midterm covered
    (1 = reached, above 1 = beyond it, below 0 = moved away); `projected`: the value the
    trajectory reaches by the end of `year`; `on_track`: whether that reaches the target.
    Each None when unknown, `reason` saying why."""

    target: float
    year: int
    covered: float | None = None
    projected: float | None = None
    on_track: bool | None = None
    reason: str | None = None


def progress(
    baseline: Point,
    midterm: Point,
    target: float,
    year: int,
    limits: tuple[float | None, float | None] = (None, None),
) -> Progress:
    """Progress from `baseline` toward `target` by the end of `year`, as of `midterm`; the
    projection stays within the values the indicator can take (`limits`: 0 and 100 for a
    percentage)."""
    if baseline.value is None or midterm.value is None:
        which = "baseline" if baseline.value is None else "midterm"
        return Progress(target, year, reason=f"no {which} value")
    distance = target - baseline.value
    if distance == 0:
        return Progress(target, year, reason="the baseline is at the target already")
    days = (midterm.day - baseline.day).days
    if days <= 0:
        raise ValueError("the midterm must come after the baseline")
    covered = (midterm.value - baseline.value) / distance
    pace = (midterm.value - baseline.value) / days
    projected = midterm.value + pace * (date(year, 12, 31) - midterm.day).days
    low, high = limits
    projected = max(projected, low) if low is not None else projected
    projected = min(projected, high) if high is not None else projected
    on_track = projected >= target if distance > 0 else projected <= target
    return Progress(target, year, covered=covered, projected=projected, on_track=on_track)
