"""Small, exact statistics for counts of Parties.

Populations are a few hundred governments at most, so everything here is closed-form
and stdlib-only; results are proportions (0..1) unless a name says percent.
"""

from __future__ import annotations

import math
from fractions import Fraction

Z_95 = 1.959963984540054
"""The two-sided 95 % standard normal quantile."""


def percent(part: float, whole: float) -> float | None:
    """100 * part / whole, or None when there is nothing to divide by (never a fake 0)."""
    if whole == 0:
        return None
    return 100 * part / whole


def wilson_interval(successes: int, trials: int, z: float = Z_95) -> tuple[float, float] | None:
    """Wilson score interval for a proportion.

    Chosen over the normal (Wald) interval because it stays inside 0..1 and behaves
    at 0 % and 100 %, which are common when a group holds a handful of Parties.
    """
    _check_counts(successes, trials)
    if trials == 0:
        return None
    p = successes / trials
    z2 = z * z
    scale = 1 + z2 / trials
    centre = (p + z2 / (2 * trials)) / scale
    half = z * math.sqrt(p * (1 - p) / trials + z2 / (4 * trials * trials)) / scale
    low = 0.0 if successes == 0 else max(0.0, centre - half)
    high = 1.0 if successes == trials else min(1.0, centre + half)
    return low, high


def proportion_range(
    successes: int,
    trials: int,
    *,
    yes: int = 0,
    no: int = 0,
    unknown: int = 0,
    maybe_yes: int = 0,
    maybe_no: int = 0,
    maybe_unknown: int = 0,
) -> tuple[float | None, float | None]:
    """The lowest and highest the proportion can be once units not yet counted are added.

    `yes`, `no` and `unknown` certainly count, with a known answer or with any; the `maybe_*`
    ones may also not count at all (whether they belong is unknown). A yes only ever raises a
    proportion and a no only lowers it, so the lowest takes every unknown as no and leaves out
    every maybe-yes, and the highest the reverse. Either end is None when nothing would be
    counted. With only `unknown`: everyone missing saying no (low) or yes (high).
    """
    _check_counts(successes, trials)
    counts = (yes, no, unknown, maybe_yes, maybe_no, maybe_unknown)
    if min(counts) < 0:
        raise ValueError(f"counts must not be negative, got {counts}")
    low_whole = trials + yes + no + unknown + maybe_no + maybe_unknown
    high_whole = trials + yes + no + unknown + maybe_yes + maybe_unknown
    high_part = successes + yes + unknown + maybe_yes + maybe_unknown
    return (
        (successes + yes) / low_whole if low_whole else None,
        high_part / high_whole if high_whole else None,
    )


def mcnemar_exact(b: int, c: int) -> float:
    """Two-sided exact McNemar p-value for the discordant pairs b (yes→no) and c (no→yes).

    Exact binomial rather than the chi-squared approximation because panels of
    Parties are small; computed with integers so that symmetric cases give exactly 1.
    """
    if b < 0 or c < 0:
        raise ValueError(f"discordant counts must not be negative, got b={b}, c={c}")
    n = b + c
    if n == 0:
        return 1.0
    tail = Fraction(sum(math.comb(n, i) for i in range(min(b, c) + 1)), 2**n)
    return float(min(Fraction(1), 2 * tail))


def _check_counts(successes: int, trials: int) -> None:
    if not 0 <= successes <= trials:
        raise ValueError(f"need 0 <= successes <= trials, got {successes}/{trials}")
