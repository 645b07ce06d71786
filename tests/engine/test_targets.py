"""Progress toward a target: the share of the distance covered at midterm, and where the pace
from baseline to midterm, continued in a straight line, would be in the target's year."""

from datetime import date

import pytest

from cbap.engine.targets import Point, progress

BASELINE, MIDTERM = date(2019, 10, 1), date(2026, 2, 28)  # 2,342 days apart


@pytest.mark.parametrize(
    ("baseline", "midterm", "target", "covered", "projected", "on_track"),
    [
        (13.9, 28.4, 50.0, 0.4017, 39.34, False),  # rising, not fast enough
        (20.0, 40.0, 50.0, 0.6667, 55.09, True),  # rising fast enough
        (60.0, 40.0, 70.0, -2.0, 24.91, False),  # moved away from the target
        (40.0, 30.0, 20.0, 0.5, 22.45, False),  # a target below the baseline, falling too slowly
        (40.0, 20.0, 20.0, 1.0, 4.91, True),  # reached already
        (90.0, 99.0, 100.0, 0.9, 100.0, True),  # a percentage's projection stops at 100
    ],
)
def test_progress_is_the_distance_covered_and_the_pace_continued(
    baseline, midterm, target, covered, projected, on_track
):
    found = progress(Point(baseline, BASELINE), Point(midterm, MIDTERM), target, 2030, (0, 100))
    assert found.covered == pytest.approx(covered, abs=1e-4)
    assert found.projected == pytest.approx(projected, abs=0.01)
    assert (found.on_track, found.reason) == (on_track, None)


@pytest.mark.parametrize(
    ("baseline", "midterm", "reason"),
    [
        (None, 30.0, "no baseline value"),
        (30.0, None, "no midterm value"),
        (50.0, 60.0, "the baseline is at the target already"),
    ],
)
def test_what_progress_cannot_know_is_unknown_and_says_why(baseline, midterm, reason):
    found = progress(Point(baseline, BASELINE), Point(midterm, MIDTERM), 50.0, 2030)
    assert (found.covered, found.projected, found.on_track, found.reason) == (
        None,
        None,
        None,
        reason,
    )


def test_the_midterm_comes_after_the_baseline():
    with pytest.raises(ValueError, match="after the baseline"):
        progress(Point(1.0, MIDTERM), Point(2.0, BASELINE), 50.0, 2030)
