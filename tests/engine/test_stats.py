import pytest

from cbap.engine.stats import (
    mcnemar_exact,
    percent,
    proportion_range,
    wilson_interval,
)


# Roots of (p_hat - p)^2 = z^2 p (1 - p) / n, solved by hand to 40 digits.
@pytest.mark.parametrize(
    ("successes", "trials", "low", "high"),
    [
        (8, 10, 0.4901624715, 0.9433178485),
        (0, 10, 0.0, 0.2775327999),
        (10, 10, 0.7224672001, 1.0),
        (1, 3, 0.0614919447, 0.7923403992),
        (5, 10, 0.2365930905, 0.7634069095),
    ],
)
def test_it_gives_the_wilson_score_interval(successes, trials, low, high):
    assert wilson_interval(successes, trials) == pytest.approx((low, high), abs=1e-9)


def test_it_pins_the_wilson_interval_to_the_edges_at_0_and_100_percent():
    assert wilson_interval(0, 10)[0] == 0.0
    assert wilson_interval(10, 10)[1] == 1.0


def test_it_has_no_wilson_interval_without_trials():
    assert wilson_interval(0, 0) is None


def test_it_widens_the_wilson_interval_with_a_larger_z():
    narrow, wide = wilson_interval(8, 10, z=1.0), wilson_interval(8, 10)
    assert wide[0] < narrow[0] and narrow[1] < wide[1]


@pytest.mark.parametrize(("successes", "trials"), [(-1, 3), (4, 3)])
def test_it_refuses_impossible_counts(successes, trials):
    with pytest.raises(ValueError, match="successes"):
        wilson_interval(successes, trials)


@pytest.mark.parametrize(
    ("b", "c", "p_value"),
    [
        (1, 9, 0.021484375),  # 2 * (1 + 10) / 1024
        (9, 1, 0.021484375),
        (5, 5, 1.0),
        (0, 0, 1.0),
        (0, 1, 1.0),
        (0, 5, 0.0625),  # 2 / 32
        (2, 8, 0.109375),  # 2 * (1 + 10 + 45) / 1024
    ],
)
def test_it_gives_the_two_sided_exact_mcnemar_p_value(b, c, p_value):
    assert mcnemar_exact(b, c) == p_value


def test_it_refuses_negative_discordant_counts():
    with pytest.raises(ValueError):
        mcnemar_exact(-1, 2)


@pytest.mark.parametrize(
    ("successes", "trials", "missing", "bounds"),
    [
        (1, 3, 1, (0.25, 0.5)),
        (3, 4, 0, (0.75, 0.75)),
        (0, 0, 2, (0.0, 1.0)),
    ],
)
def test_it_bounds_a_proportion_by_everyone_missing_saying_no_or_yes(
    successes, trials, missing, bounds
):
    assert proportion_range(successes, trials, unknown=missing) == bounds


@pytest.mark.parametrize(
    ("counts", "bounds"),
    [
        ({"unknown": 1}, (0.25, 0.5)),  # everyone missing says no or yes
        ({"no": 1}, (0.25, 0.25)),  # a known no lowers both ends
        ({"yes": 1}, (0.5, 0.5)),
        ({"maybe_no": 1}, (0.25, 1 / 3)),  # at best it stays out
        ({"maybe_yes": 1}, (1 / 3, 0.5)),  # at worst it stays out
        ({"maybe_unknown": 1}, (0.25, 0.5)),
        ({"yes": 1, "no": 1, "maybe_yes": 2, "maybe_no": 2}, (2 / 7, 4 / 7)),
    ],
)
def test_it_ranges_a_proportion_over_what_is_not_known_of_the_missing(counts, bounds):
    assert proportion_range(1, 3, **counts) == pytest.approx(bounds)


def test_its_range_has_an_open_end_when_nothing_would_be_counted():
    assert proportion_range(0, 0, maybe_yes=1) == (None, 1.0)
    assert proportion_range(0, 0) == (None, None)
    with pytest.raises(ValueError):
        proportion_range(1, 3, no=-1)


@pytest.mark.parametrize(("part", "whole", "result"), [(1, 4, 25.0), (0, 4, 0.0), (0, 0, None)])
def test_it_gives_a_percentage_or_none_when_there_is_no_whole(part, whole, result):
    assert percent(part, whole) == result
