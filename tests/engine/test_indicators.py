"""A hand-checked world of seven Parties (AAA..GGG) and one reporting non-Party (XXX).

Cycle 5, A.1.b-like indicator: "Parties with training needs (Q118) that trained
staff (Q011) at least once (Q012 >= 1)".

    gov  Q118  Q011  Q012  Q007     eligible?        numerator?
    AAA  yes   yes   3     a, b     yes              yes
    BBB  yes   no    0     a        yes              no
    CCC  no    yes   1     b        no (condition)   -
    DDD  yes   -     -     -        yes              unknown (no answer)
    EEE  yes   yes   0     -        yes              no
    FFF  -     yes   2     -        no (unknown)     -
    GGG  (did not report)
    XXX  yes   yes   5     c        not a Party
"""

import json
from dataclasses import replace
from datetime import date

import pytest

from cbap.bch.answers import Answer
from cbap.engine.definitions import NOT_PARTIES
from cbap.engine.facts import Cycle, Report
from cbap.engine.fingerprints import fingerprint
from cbap.engine.indicators import Members, Span, compute, definition_from_dict

YES, NO = Answer(values=("true",)), Answer(values=("false",))


def times(n):
    return Answer(number=n)


def report(government, **answers):
    return Report(government=government, answers=answers)


PARTIES = frozenset({"AAA", "BBB", "CCC", "DDD", "EEE", "FFF", "GGG"})
CYCLE = Cycle(
    number=5,
    deadline=date(2023, 10, 1),
    populations={"cartagena_parties": PARTIES},
    groups={
        "region:Africa": frozenset({"AAA", "BBB", "CCC", "DDD"}),
        "region:Europe": frozenset({"EEE", "FFF", "GGG", "XXX"}),
        "ldc": frozenset({"BBB", "GGG"}),
        "sids": frozenset({"GGG"}),
    },
    reports={
        "AAA": report("AAA", Q118=YES, Q011=YES, Q012=times(3), Q007=Answer(values=("a", "b"))),
        "BBB": report("BBB", Q118=YES, Q011=NO, Q012=times(0), Q007=Answer(values=("a",))),
        "CCC": report("CCC", Q118=NO, Q011=YES, Q012=times(1), Q007=Answer(values=("b",))),
        "DDD": report("DDD", Q118=YES),
        "EEE": report("EEE", Q118=YES, Q011=YES, Q012=times(0)),
        "FFF": report("FFF", Q011=YES, Q012=times(2)),
        "XXX": report("XXX", Q118=YES, Q011=YES, Q012=times(5), Q007=Answer(values=("c",))),
    },
)

TRAINED = {"all": [{"q": "Q011", "in": ["true"]}, {"q": "Q012", "min": 1}]}
WITH_NEEDS = {"q": "Q118", "in": ["true"]}


def definition(measure="percentage", unit="cases", **source):
    return definition_from_dict(
        {
            "code": "A.1.b",
            "measure": measure,
            **({} if measure == "percentage" else {"unit": unit}),
            "population": "cartagena_parties",
            "population_label": "Parties on the deadline",
            "data_needed": ["capacity_building_activities"],
            "sources": {
                5: {"fit": "direct", "rationale": "Asked directly.", **source},
                4: {"fit": "not_measured", "rationale": "NR4 did not ask."},
            },
        }
    )


PERCENTAGE = definition(condition=WITH_NEEDS, numerator=TRAINED)


def test_it_computes_a_conditional_percentage_over_the_parties():
    result = compute(PERCENTAGE, CYCLE)
    assert (result.status, result.reason, result.fit) == ("ok", None, "direct")
    assert (result.numerator, result.denominator) == (1, 3)
    assert result.value == pytest.approx(100 / 3)
    assert (result.reported, result.parties) == (6, 7)
    assert result.coverage == pytest.approx(6 / 7)


def test_it_keeps_the_members_behind_every_figure():
    members = compute(PERCENTAGE, CYCLE).members
    assert members.numerator == ("AAA",)
    assert members.denominator == ("AAA", "BBB", "EEE")
    assert members.no_answer == ("DDD",)
    assert members.excluded_by_condition == ("CCC", "FFF")
    assert members.not_reported == ("GGG",)


def test_it_ignores_reports_of_governments_outside_the_population():
    members = compute(PERCENTAGE, CYCLE).members
    assert all("XXX" not in codes for codes in vars(members).values())


def test_it_bounds_the_percentage_by_every_non_reporter_answering_no_or_yes():
    result = compute(PERCENTAGE, CYCLE)
    assert (result.lower_bound, result.upper_bound) == (25.0, 50.0)  # 1/4 and 2/4


NOT_LISTED = {"not": {"member_of": "listed"}}
LISTED_BBB_GGG = replace(
    CYCLE, populations={**CYCLE.populations, "listed": frozenset({"BBB", "GGG"})}
)


@pytest.mark.parametrize(
    ("label", "definition_", "cycle", "value", "bounds"),
    [
        # GGG did not report: it is on a registry list, so the numerator is a known no for it,
        # and whether it has needs is unknown, so at best it is out of the base, at worst a no.
        (
            "known no, maybe in the base",
            definition(condition=WITH_NEEDS, numerator=NOT_LISTED),
            LISTED_BBB_GGG,
            75.0,
            (60.0, 75.0),
        ),
        # Without a condition it is surely in the base, as a no: the whole population's value
        # is known, below the reporters' own.
        (
            "known no",
            definition(numerator=NOT_LISTED),
            LISTED_BBB_GGG,
            5 / 6 * 100,
            (5 / 7 * 100,) * 2,
        ),
        # A registry fact: GGG is a Party to the Supplementary Protocol, which the condition
        # leaves out, whatever GGG would have answered.
        (
            "known out of the base",
            definition(condition={"not": {"member_of": "sp"}}, numerator=TRAINED),
            replace(CYCLE, populations={**CYCLE.populations, "sp": frozenset({"GGG"})}),
            60.0,
            (60.0, 60.0),
        ),
        # Known in the base (not in "sp"), answer unknown: a no at worst, a yes at best.
        (
            "known in the base",
            definition(condition={"not": {"member_of": "sp"}}, numerator=TRAINED),
            replace(CYCLE, populations={**CYCLE.populations, "sp": frozenset()}),
            60.0,
            (50.0, 400 / 6),
        ),
    ],
)
def test_its_bounds_keep_what_is_known_of_a_non_reporter(label, definition_, cycle, value, bounds):
    result = compute(definition_, cycle)
    assert result.value == pytest.approx(value), label
    assert (result.lower_bound, result.upper_bound) == pytest.approx(bounds), label


def test_its_bounds_of_a_number_keep_a_known_no():
    result = compute(definition("number", numerator=NOT_LISTED), LISTED_BBB_GGG)
    assert (result.value, result.lower_bound, result.upper_bound) == (5, 5, 5)


def test_it_gives_the_wilson_interval_in_percent():
    result = compute(PERCENTAGE, CYCLE)
    assert (result.ci_low, result.ci_high) == pytest.approx((6.14919447, 79.23403992))


@pytest.mark.parametrize(
    ("group", "value", "counts", "bounds", "members"),
    [
        ("region:Africa", 50.0, (1, 2, 4, 4), (50.0, 50.0), (("AAA",), ("CCC",), ("DDD",), ())),
        ("region:Europe", 0.0, (0, 1, 2, 3), (0.0, 50.0), ((), ("FFF",), (), ("GGG",))),
        ("ldc", 0.0, (0, 1, 1, 2), (0.0, 50.0), ((), (), (), ("GGG",))),
    ],
)
def test_it_disaggregates_by_group_within_the_population(group, value, counts, bounds, members):
    result = compute(PERCENTAGE, CYCLE, by=[group]).by[group]
    assert (result.status, result.value) == ("ok", value)
    assert (result.numerator, result.denominator, result.reported, result.parties) == counts
    assert (result.lower_bound, result.upper_bound) == bounds
    got = result.members
    assert (got.numerator, got.excluded_by_condition, got.no_answer, got.not_reported) == members
    assert result.by == {}


def test_it_gives_one_nested_result_per_group_asked_for():
    result = compute(PERCENTAGE, CYCLE, by=["region:Africa", "ldc"])
    assert list(result.by) == ["region:Africa", "ldc"]
    assert compute(PERCENTAGE, CYCLE).by == {}


def test_it_has_no_data_rather_than_zero_when_nobody_is_in_the_denominator():
    result = compute(PERCENTAGE, CYCLE, by=["sids"]).by["sids"]
    assert (result.status, result.reason) == ("no_data", "nobody in the denominator")
    assert result.value is None
    assert (result.numerator, result.denominator) == (0, 0)
    assert (result.ci_low, result.ci_high) == (None, None)
    assert (result.lower_bound, result.upper_bound) == (0.0, 100.0)


def test_it_has_no_data_rather_than_zero_in_a_cycle_that_did_not_measure_it():
    result = compute(PERCENTAGE, replace(CYCLE, number=4))
    assert (result.status, result.fit, result.value) == ("no_data", "not_measured", None)
    assert result.reason == "not measured by report 4"
    assert result.rationale == "NR4 did not ask."
    assert result.data_needed == ("capacity_building_activities",)
    assert (result.numerator, result.denominator, result.lower_bound) == (None, None, None)
    assert (result.reported, result.parties) == (6, 7)
    assert result.members.not_reported == ("GGG",)


def test_it_has_no_data_in_a_cycle_the_definition_has_no_source_for():
    result = compute(PERCENTAGE, replace(CYCLE, number=3))
    assert (result.status, result.reason, result.fit, result.value) == (
        "no_data",
        "no source for this cycle",
        None,
        None,
    )


def test_it_counts_parties_for_a_number_measure_and_bounds_it_in_parties():
    result = compute(definition("number", condition=WITH_NEEDS, numerator=TRAINED), CYCLE)
    assert (result.value, result.numerator, result.denominator) == (1, 1, 3)
    assert (result.lower_bound, result.upper_bound) == (1, 2)
    assert (result.ci_low, result.ci_high) == (None, None)


def test_it_takes_everyone_who_answered_when_there_is_no_condition():
    result = compute(definition(numerator={"q": "Q011", "in": ["true"]}), CYCLE)
    assert result.members.denominator == ("AAA", "BBB", "CCC", "EEE", "FFF")
    assert result.value == 80.0
    assert result.members.no_answer == ("DDD",)
    assert result.members.excluded_by_condition == ()


@pytest.mark.parametrize(
    ("condition", "value", "denominator", "counted", "no_answer"),
    [
        (None, 6, 5, ("AAA", "CCC", "FFF"), ("DDD",)),
        (WITH_NEEDS, 3, 3, ("AAA",), ("DDD",)),
    ],
)
def test_it_sums_a_number_over_the_eligible_parties_that_gave_one(
    condition, value, denominator, counted, no_answer
):
    result = compute(definition("sum", sum_of=["Q012"], condition=condition), CYCLE)
    assert (result.status, result.value) == ("ok", Span(value, value))
    assert result.numerator == len(counted)  # the Parties that reported more than none
    assert result.denominator == denominator
    assert (result.members.numerator, result.members.no_answer) == (counted, no_answer)
    # GGG did not report and DDD did not answer: the sum could be any larger.
    assert (result.lower_bound, result.upper_bound, result.ci_low) == (value, None, None)


def test_it_sums_per_group():
    result = compute(definition("sum", sum_of=["Q012"]), CYCLE, by=["region:Africa"])
    assert (result.by["region:Africa"].value, result.by["region:Africa"].denominator) == (
        Span(4, 4),
        3,
    )


def test_it_has_no_data_rather_than_an_empty_sum():
    result = compute(definition("sum", sum_of=["Q999"]), CYCLE)
    assert (result.status, result.value) == ("no_data", None)


def test_it_gives_a_json_ready_dict():
    result = compute(PERCENTAGE, CYCLE, by=["ldc"]).to_dict()
    assert json.loads(json.dumps(result)) == result
    assert {
        key: result[key]
        for key in ("code", "cycle", "status", "measure", "fit", "numerator", "denominator")
    } == {
        "code": "A.1.b",
        "cycle": 5,
        "status": "ok",
        "measure": "percentage",
        "fit": "direct",
        "numerator": 1,
        "denominator": 3,
    }
    assert (result["reported"], result["parties"]) == (6, 7)
    assert (result["lower_bound"], result["upper_bound"]) == (25.0, 50.0)
    assert result["members"] == {
        "numerator": ["AAA"],
        "denominator": ["AAA", "BBB", "EEE"],
        "not_reported": ["GGG"],
        "no_answer": ["DDD"],
        "excluded_by_condition": ["CCC", "FFF"],
        "unknown_membership": [],
    }
    assert result["by"]["ldc"]["value"] == 0.0
    assert result["by"]["ldc"]["by"] == {}
    assert {"coverage", "ci_low", "ci_high", "value"} <= set(result)


def test_it_gives_a_sum_as_a_json_range():
    result = compute(definition("sum", sum_of=["Q012"]), CYCLE).to_dict()
    assert (result["value"], result["unit"]) == ({"low": 6, "high": 6}, "cases")


def test_it_refuses_an_unknown_group():
    with pytest.raises(ValueError, match="no group 'sids:pacific'"):
        compute(PERCENTAGE, CYCLE, by=["sids:pacific"])


def test_it_has_no_number_of_parties_for_a_population_nobody_knows_yet():
    unknown = replace(CYCLE, populations={"cartagena_parties": None})
    result = compute(PERCENTAGE, unknown, by=["ldc"])
    assert (result.status, result.value, result.reported, result.parties) == (
        "no_data",
        None,
        None,
        None,
    )
    assert result.reason == "no data yet on who is in the population (cartagena_parties)"
    assert (result.coverage, result.lower_bound, result.members) == (None, None, Members())
    assert result.by["ldc"].parties is None
    assert len(fingerprint(PERCENTAGE, unknown)) == 64


def test_it_has_no_number_of_parties_for_a_population_of_things():
    tools = definition_from_dict(
        {
            "code": "A.2.a",
            "measure": "percentage",
            "population": NOT_PARTIES,
            "population_label": "Interactive support tools of the BCH",
            "data_needed": ["secretariat_records"],
            "sources": {5: {"fit": "not_measured", "rationale": "Not a report's business."}},
        }
    )
    result = compute(tools, CYCLE)
    assert (result.status, result.reason) == ("no_data", "not measured by report 5")
    assert (result.reported, result.parties, result.coverage) == (None, None, None)
    assert result.to_dict()["parties"] is None


def test_it_refuses_an_unknown_population():
    cycle = replace(CYCLE, populations={"supplementary_protocol_parties": PARTIES})
    with pytest.raises(ValueError, match="no population 'cartagena_parties'"):
        compute(PERCENTAGE, cycle)


def answered(cycle, government, **answers):
    old = cycle.reports[government]
    new = replace(old, answers={**old.answers, **answers})
    return replace(cycle, reports={**cycle.reports, government: new})


def test_it_fingerprints_equal_facts_equally():
    rebuilt = replace(CYCLE, reports=dict(CYCLE.reports), groups=dict(CYCLE.groups))
    assert fingerprint(PERCENTAGE, CYCLE) == fingerprint(PERCENTAGE, rebuilt)
    assert len(fingerprint(PERCENTAGE, CYCLE)) == 64


@pytest.mark.parametrize(
    ("label", "changed"),
    [
        ("a numerator answer", answered(CYCLE, "AAA", Q011=NO)),
        ("a number the numerator reads", answered(CYCLE, "BBB", Q012=times(1))),
        ("a condition answer", answered(CYCLE, "CCC", Q118=YES)),
        (
            "text on a ticked value",
            answered(CYCLE, "AAA", Q118=Answer(("true",), frozenset({"true"}))),
        ),
        ("a new answer", answered(CYCLE, "DDD", Q011=YES)),
        ("an unknown membership", replace(CYCLE, unknown_members={"cartagena_parties": {"XXX"}})),
        ("the deadline", replace(CYCLE, deadline=date(2023, 12, 31))),
        ("the population", replace(CYCLE, populations={"cartagena_parties": PARTIES - {"FFF"}})),
        ("a group", replace(CYCLE, groups={**CYCLE.groups, "ldc": frozenset({"BBB"})})),
        ("a new report", replace(CYCLE, reports={**CYCLE.reports, "GGG": report("GGG")})),
    ],
)
def test_it_changes_the_fingerprint_when_a_fact_the_result_depends_on_changes(label, changed):
    assert fingerprint(PERCENTAGE, changed) != fingerprint(PERCENTAGE, CYCLE), label


@pytest.mark.parametrize(
    ("label", "changed"),
    [
        ("an unrelated question", answered(CYCLE, "AAA", Q999=YES)),
        ("a non-Party's answer", answered(CYCLE, "XXX", Q011=NO)),
        ("free text of an answer", answered(CYCLE, "AAA", Q011=replace(YES, text="We did."))),
        ("the order of reports", replace(CYCLE, reports=dict(reversed(CYCLE.reports.items())))),
    ],
)
def test_it_keeps_the_fingerprint_when_nothing_the_result_reads_changes(label, changed):
    assert fingerprint(PERCENTAGE, changed) == fingerprint(PERCENTAGE, CYCLE), label


def test_it_changes_the_fingerprint_with_the_definition():
    reworded = definition(condition=WITH_NEEDS, numerator=TRAINED, rationale="Reworded.")
    assert fingerprint(reworded, CYCLE) != fingerprint(PERCENTAGE, CYCLE)
