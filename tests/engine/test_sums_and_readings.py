"""Sums of banded answers as ranges, context counts, and populations with members of unknown
membership, on hand-made facts whose figures are worked out in the comments."""

from dataclasses import replace
from datetime import date

import pytest

from cbap.bch.answers import Answer
from cbap.engine.conditions import referenced_populations
from cbap.engine.definitions import Source, definition_from_dict, shared_numerators
from cbap.engine.facts import Cycle, Report
from cbap.engine.indicators import Span, compute

BANDS = {"0": [0, 0], "1+": [1, 4], "5+": [5, 9], "10+": [10, None]}


def band(value):
    return Answer(values=(value,))


def report(government, **answers):
    return Report(government=government, answers=answers)


# A.6.b by hand. Q076: unintentional movements into the territory; Q146: illegal movements;
# Q074: releases that may have led to a movement out (context only, never added).
#
#   gov  Q076  Q146  Q074   adds            reported more than none?
#   AAA  1+    0     0      1..4            yes
#   BBB  10+   5+    1+     15..open        yes
#   CCC  0     0     0      0..0            no
#   DDD  5+    -     -      no answer (half a sum is no sum)
#   EEE  (did not report)
#   sum of AAA, BBB, CCC: 16 .. open (BBB's "10 or more" has no upper limit)
CASES = Cycle(
    number=5,
    deadline=date(2026, 2, 28),
    populations={"cartagena_parties": frozenset({"AAA", "BBB", "CCC", "DDD", "EEE"})},
    groups={"region:Africa": frozenset({"AAA", "CCC"})},
    reports={
        "AAA": report("AAA", Q076=band("1+"), Q146=band("0"), Q074=band("0")),
        "BBB": report("BBB", Q076=band("10+"), Q146=band("5+"), Q074=band("1+")),
        "CCC": report("CCC", Q076=band("0"), Q146=band("0"), Q074=band("0")),
        "DDD": report("DDD", Q076=band("5+")),
    },
)
A_6_B = definition_from_dict(
    {
        "code": "A.6.b",
        "measure": "sum",
        "unit": "cases",
        "population": "cartagena_parties",
        "population_label": "Parties that answered both questions",
        "sources": {
            5: {
                "fit": "proxy",
                "rationale": "Bands summed.",
                "sum_of": ["Q076", "Q146"],
                "bands": {"Q076": BANDS, "Q146": BANDS},
                "context": [
                    {"label": "Releases", "condition": {"q": "Q074", "in": ["1+", "5+", "10+"]}}
                ],
            }
        },
    }
)


def test_it_sums_bands_into_a_range_of_cases_open_where_a_band_is_open():
    result = compute(A_6_B, CASES)
    assert (result.status, result.value, result.unit) == ("ok", Span(16, None), "cases")
    assert (result.numerator, result.denominator) == (2, 3)
    assert result.members.numerator == ("AAA", "BBB")
    assert result.members.no_answer == ("DDD",)
    assert result.distribution == {"Q076": {"0": 1, "1+": 1, "10+": 1}, "Q146": {"0": 2, "5+": 1}}
    assert (result.lower_bound, result.upper_bound) == (16, None)
    assert result.to_dict()["value"] == {"low": 16, "high": None}


def test_it_closes_the_range_when_every_band_is_closed_and_everyone_answered():
    closed = replace(
        CASES,
        populations={"cartagena_parties": frozenset({"AAA", "CCC"})},
        reports={code: CASES.reports[code] for code in ("AAA", "CCC")},
    )
    result = compute(A_6_B, closed)
    assert (result.value, result.lower_bound, result.upper_bound) == (Span(1, 4), 1, 4)


def test_a_non_reporter_leaves_the_upper_bound_open_but_not_the_value():
    result = compute(A_6_B, CASES, by=["region:Africa"]).by["region:Africa"]
    assert (result.value, result.lower_bound, result.upper_bound) == (Span(1, 4), 1, 4)
    with_absent = replace(CASES, groups={"region:Africa": frozenset({"AAA", "CCC", "EEE"})})
    result = compute(A_6_B, with_absent, by=["region:Africa"]).by["region:Africa"]
    assert (result.value, result.lower_bound, result.upper_bound) == (Span(1, 4), 1, None)


def test_it_counts_the_context_among_the_denominator():
    (releases,) = compute(A_6_B, CASES).context
    assert (releases.label, releases.count, releases.known) == ("Releases", 1, 3)


# A population with members of unknown membership. SP Parties certain: AAA, BBB; unknown:
# CCC, DDD (no date in the registry). A.10.b-like: % of SP Parties with L&R activities.
#
#   gov  L&R activity   narrow reading (AAA, BBB)   wide reading (AAA..DDD)
#   AAA  yes            yes                         yes
#   BBB  no             no                          no
#   CCC  yes            -                           yes
#   DDD  (did not report)                           not reported
#   narrow 1/2 = 50 %, bounds 50-50; wide 2/3 = 66.7 %, bounds 2/4-3/4 = 50-75 %
YES, NO = Answer(values=("true",)), Answer(values=("false",))
SP = Cycle(
    number=5,
    deadline=date(2026, 2, 28),
    populations={
        "cartagena_parties": frozenset({"AAA", "BBB", "CCC", "DDD", "EEE"}),
        "supplementary_protocol_parties": frozenset({"AAA", "BBB"}),
    },
    groups={"supplementary_protocol": frozenset({"AAA", "BBB"})},
    reports={
        "AAA": report("AAA", Q118=YES),
        "BBB": report("BBB", Q118=NO),
        "CCC": report("CCC", Q118=YES),
        "EEE": report("EEE", Q118=YES),
    },
    unknown_members={
        "supplementary_protocol_parties": frozenset({"CCC", "DDD"}),
        "supplementary_protocol": frozenset({"CCC", "DDD"}),
    },
)


def percentage(population, condition=None):
    source = {"fit": "proxy", "rationale": "r", "numerator": {"q": "Q118", "in": ["true"]}}
    if condition:
        source["condition"] = condition
    return definition_from_dict(
        {
            "code": "A.10.b",
            "measure": "percentage",
            "population": population,
            "population_label": "p",
            "sources": {5: source},
        }
    )


def test_it_computes_both_readings_of_a_population_with_members_of_unknown_membership():
    result = compute(percentage("supplementary_protocol_parties"), SP)
    assert (result.value, result.parties, result.reported) == (50.0, 2, 2)
    other = result.if_members
    assert (other.parties, other.reported, other.numerator, other.denominator) == (4, 3, 2, 3)
    assert other.value == pytest.approx(200 / 3)
    assert result.members.unknown_membership == ("CCC", "DDD")
    assert (result.lower_bound, result.upper_bound) == (50.0, 75.0)


def test_it_reads_membership_in_a_condition_both_ways():
    # A.10.a-like: Cartagena Parties that are not Parties to the Supplementary Protocol.
    not_sp = percentage(
        "cartagena_parties", {"not": {"member_of": "supplementary_protocol_parties"}}
    )
    result = compute(not_sp, SP)
    assert result.members.denominator == ("CCC", "EEE")  # CCC read as not a Party
    assert result.if_members.members.denominator == ("EEE",)  # CCC read as a Party
    assert result.members.unknown_membership == ("CCC", "DDD")  # read both ways
    assert result.if_members.members.excluded_by_condition == ("AAA", "BBB", "CCC")


def test_it_reads_a_group_of_unknown_members_both_ways_and_only_the_group():
    result = compute(percentage("cartagena_parties"), SP, by=["supplementary_protocol"])
    group = result.by["supplementary_protocol"]
    assert (group.parties, group.if_members.parties) == (2, 4)
    assert group.members.unknown_membership == ("CCC", "DDD")
    # All Parties do not depend on who is a Party to the Supplementary Protocol.
    assert (result.if_members, result.members.unknown_membership) == (None, ())


def test_it_computes_one_reading_when_membership_is_known():
    known = replace(SP, unknown_members={})
    result = compute(percentage("supplementary_protocol_parties"), known)
    assert (result.if_members, result.members.unknown_membership) == (None, ())


def test_it_names_the_populations_a_condition_reads():
    condition = {"all": [{"q": "Q1", "in": ["x"]}, {"not": {"member_of": "sp"}}]}
    assert referenced_populations({"any": [condition, {"member_of": "parties"}]}) == {
        "sp",
        "parties",
    }


def test_it_finds_the_indicators_that_count_the_same_parties():
    same = percentage("cartagena_parties")
    other = percentage("supplementary_protocol_parties")  # other denominator, same numerator
    different = replace(same, code="A.10.c", sources={5: Source("not_measured", "r")})
    found = shared_numerators([replace(same, code="A.10.a"), other, different])
    assert found == {"A.10.a": ("A.10.b",), "A.10.b": ("A.10.a",)}
