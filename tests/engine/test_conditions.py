from dataclasses import replace
from datetime import date

import pytest

from cbap.bch.answers import Answer
from cbap.engine.conditions import (
    ANSWER_TESTS,
    OPERATORS,
    absent_verdicts,
    evaluate,
    referenced_questions,
    verdicts,
)
from cbap.engine.facts import Cycle, Report

CYCLE = Cycle(
    number=5,
    deadline=date(2023, 10, 1),
    populations={"parties": frozenset({"AAA", "BBB"}), "nobody": frozenset(), "unknown": None},
    groups={},
    reports={},
)

REPORT = Report(
    government="AAA",
    answers={
        "Q1": Answer(values=("true",)),
        "Q2": Answer(values=("a", "b"), with_text=frozenset({"b"})),
        "Q3": Answer(number=3),
        "Q5": Answer(values=("x",)),  # answered, but not with a number
    },
)

TRUE = {"member_of": "parties"}
FALSE = {"member_of": "nobody"}
UNKNOWN = {"q": "Q4", "in": ["true"]}  # Q4 was not answered


def check(condition, report=REPORT, government="AAA"):
    return evaluate(condition, report=report, cycle=CYCLE, government=government)


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        ({"q": "Q1", "in": ["true"]}, True),
        ({"q": "Q1", "in": ["false", "true"]}, True),
        ({"q": "Q1", "in": ["false"]}, False),
        ({"q": "Q4", "in": ["true"]}, None),
        ({"q": "Q2", "not_in": ["c"]}, True),
        ({"q": "Q2", "not_in": ["b", "c"]}, False),
        ({"q": "Q4", "not_in": ["c"]}, None),
        ({"q": "Q1", "answered": True}, True),
        ({"q": "Q4", "answered": True}, False),
        ({"q": "Q2", "text_on": ["b"]}, True),
        ({"q": "Q2", "text_on": ["a"]}, False),
        ({"q": "Q2", "text_on": ["c"]}, False),
        ({"q": "Q4", "text_on": ["b"]}, None),
        ({"q": "Q3", "min": 3}, True),
        ({"q": "Q3", "min": 4}, False),
        ({"q": "Q4", "min": 1}, None),
        ({"q": "Q5", "min": 1}, None),
        ({"member_of": "parties"}, True),
        ({"member_of": "nobody"}, False),
    ],
)
def test_it_evaluates_each_leaf_for_a_reporter(condition, expected):
    assert check(condition) is expected


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        ({"q": "Q1", "in": ["true"]}, None),
        ({"q": "Q1", "not_in": ["true"]}, None),
        ({"q": "Q1", "answered": True}, None),
        ({"q": "Q2", "text_on": ["b"]}, None),
        ({"q": "Q3", "min": 1}, None),
        ({"member_of": "parties"}, True),
        ({"member_of": "nobody"}, False),
        ({"member_of": "unknown"}, None),
        ({"all": [{"member_of": "nobody"}, {"q": "Q1", "in": ["true"]}]}, False),
    ],
)
def test_it_knows_of_a_non_reporter_only_what_needs_no_report(condition, expected):
    assert check(condition, report=None) is expected


@pytest.mark.parametrize("report", [REPORT, None], ids=["reporter", "non-reporter"])
def test_membership_of_a_population_nobody_knows_yet_is_unknown(report):
    assert check({"member_of": "unknown"}, report=report) is None
    assert check({"not": {"member_of": "unknown"}}, report=report) is None


def test_it_asks_the_registry_about_the_government_being_evaluated():
    assert check({"member_of": "parties"}, government="ZZZ") is False


LEAVES = {"T": TRUE, "F": FALSE, "?": UNKNOWN}
VALUES = {"T": True, "F": False, "?": None}


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        ("T", "T", "T"),
        ("T", "F", "F"),
        ("T", "?", "?"),
        ("F", "T", "F"),
        ("F", "F", "F"),
        ("F", "?", "F"),
        ("?", "T", "?"),
        ("?", "F", "F"),
        ("?", "?", "?"),
    ],
)
def test_it_follows_the_kleene_table_for_all(left, right, expected):
    assert check({"all": [LEAVES[left], LEAVES[right]]}) is VALUES[expected]


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        ("T", "T", "T"),
        ("T", "F", "T"),
        ("T", "?", "T"),
        ("F", "T", "T"),
        ("F", "F", "F"),
        ("F", "?", "?"),
        ("?", "T", "T"),
        ("?", "F", "?"),
        ("?", "?", "?"),
    ],
)
def test_it_follows_the_kleene_table_for_any(left, right, expected):
    assert check({"any": [LEAVES[left], LEAVES[right]]}) is VALUES[expected]


@pytest.mark.parametrize(("operand", "expected"), [("T", "F"), ("F", "T"), ("?", "?")])
def test_it_follows_the_kleene_table_for_not(operand, expected):
    assert check({"not": LEAVES[operand]}) is VALUES[expected]


def test_it_nests_connectives():
    condition = {
        "all": [
            {"q": "Q1", "in": ["true"]},
            {"any": [{"q": "Q3", "min": 5}, {"not": {"q": "Q2", "not_in": ["b"]}}]},
        ]
    }
    assert check(condition) is True


@pytest.mark.parametrize(
    "condition",
    [
        {"q": "Q1"},
        {"q": "Q1", "in": ["true"], "min": 1},
        {"q": "Q1", "equals": "true"},
        {"q": 1, "in": ["true"]},
        {"q": "Q1", "in": "true"},
        {"q": "Q1", "in": []},
        {"q": "Q1", "in": [True]},
        {"q": "Q1", "answered": False},
        {"q": "Q1", "min": "1"},
        {"q": "Q1", "min": True},
        {"all": []},
        {"any": {"member_of": "parties"}},
        {"not": [TRUE]},
        {"member_of": ""},
        {"member_of": "parties", "not": TRUE},
        {"xor": [TRUE, FALSE]},
        {},
        ["q", "Q1"],
    ],
)
def test_it_refuses_a_malformed_node(condition):
    with pytest.raises(ValueError, match="condition node"):
        check(condition)


def test_it_names_the_offending_node_even_deep_inside():
    with pytest.raises(ValueError, match="'typo'"):
        check({"all": [FALSE, {"any": [{"q": "Q1", "typo": ["x"]}]}]})


def test_it_refuses_a_malformed_node_even_for_a_non_reporter():
    with pytest.raises(ValueError, match="min"):
        check({"q": "Q1", "min": "one"}, report=None)


def test_it_refuses_an_unknown_population():
    with pytest.raises(ValueError, match="unknown population 'martians'"):
        check({"member_of": "martians"})


@pytest.mark.parametrize(
    ("condition", "questions"),
    [
        ({"q": "Q1", "in": ["true"]}, {"Q1": {"true"}}),
        ({"q": "Q1", "not_in": ["false"]}, {"Q1": {"false"}}),
        ({"q": "Q2", "text_on": ["b"]}, {"Q2": {"b"}}),
        ({"q": "Q1", "answered": True}, {"Q1": set()}),
        ({"q": "Q3", "min": 1}, {"Q3": set()}),
        ({"member_of": "parties"}, {}),
        (
            {
                "all": [
                    {"q": "Q1", "in": ["true"]},
                    {"any": [{"q": "Q1", "in": ["partly"]}, {"not": {"q": "Q3", "min": 2}}]},
                ]
            },
            {"Q1": {"true", "partly"}, "Q3": set()},
        ),
    ],
)
def test_it_lists_the_questions_and_values_a_condition_names(condition, questions):
    assert referenced_questions(condition) == questions


def test_it_refuses_to_list_the_questions_of_a_malformed_condition():
    with pytest.raises(ValueError, match="condition node"):
        referenced_questions({"any": [{"q": "Q1", "in": ["a"]}, {"q": "Q2", "max": 3}]})


# ------------------------------------------------------------------------------------------
# `verdicts`: the same logic as sets over every reporter of a cycle
# ------------------------------------------------------------------------------------------

SHARED_YES = Answer(values=("true",))  # reports share Answer objects, as the selectors make them
WORLD = Cycle(
    number=5,
    deadline=date(2023, 10, 1),
    populations={
        "parties": frozenset({"AAA", "BBB", "CCC", "DDD", "EEE", "FFF", "GGG"}),
        "sp": frozenset({"AAA", "CCC", "GGG"}),
        "nobody": frozenset(),
        "unknown": None,
    },
    groups={},
    reports={
        "AAA": REPORT,
        "BBB": Report(
            government="BBB",
            answers={
                "Q1": SHARED_YES,
                "Q2": Answer(values=("c",)),
                "Q3": Answer(number=0),
                "Q4": SHARED_YES,
            },
        ),
        "CCC": Report(
            government="CCC",
            answers={"Q1": Answer(values=("false",)), "Q2": Answer(values=("a", "b"))},
        ),
        "DDD": Report(government="DDD"),
        "EEE": Report(
            government="EEE",
            answers={"Q1": Answer(values=("true",)), "Q3": Answer(number=7), "Q4": SHARED_YES},
        ),
        # A reporting non-Party; FFF and GGG are Parties that did not report.
        "XXX": Report(
            government="XXX",
            answers={"Q1": SHARED_YES, "Q2": Answer(values=("b",), with_text=frozenset({"b"}))},
        ),
    },
)

Q1_YES = {"q": "Q1", "in": ["true"]}
Q4_YES = {"q": "Q4", "in": ["true"]}
CONDITIONS = [
    Q1_YES,
    {"q": "Q1", "in": ["false", "partly"]},
    {"q": "Q2", "not_in": ["b"]},
    {"q": "Q2", "text_on": ["b"]},
    {"q": "Q2", "answered": True},
    {"q": "Q3", "min": 1},
    {"q": "Q5", "min": 1},  # answered by AAA, but not with a number
    Q4_YES,
    {"member_of": "sp"},
    {"member_of": "nobody"},
    {"member_of": "unknown"},
    {"not": {"member_of": "sp"}},
    {"any": [{"member_of": "nobody"}, {"member_of": "sp"}]},
    {"not": Q1_YES},
    {"all": [Q1_YES, Q4_YES]},
    {"all": [Q1_YES, {"q": "Q3", "min": 1}, {"member_of": "parties"}]},
    {"any": [Q1_YES, Q4_YES]},
    {"any": [{"q": "Q3", "min": 5}, {"not": {"q": "Q2", "answered": True}}]},
    {"not": {"any": [{"q": "Q1", "in": ["false"]}, Q4_YES]}},
    {"all": [{"any": [Q4_YES, {"member_of": "sp"}]}, {"not": {"all": [Q1_YES, Q4_YES]}}]},
]


def verdict_of(government, true, known):
    return (government in true) if government in known else None


@pytest.mark.parametrize("condition", CONDITIONS, ids=str)
def test_its_sets_equal_the_verdict_of_each_reporter(condition):
    true, known = verdicts(condition, WORLD)
    assert {g: verdict_of(g, true, known) for g in WORLD.reports} == {
        g: evaluate(condition, report=report, cycle=WORLD, government=g)
        for g, report in WORLD.reports.items()
    }


@pytest.mark.parametrize("condition", CONDITIONS, ids=str)
def test_its_sets_of_non_reporters_equal_the_verdict_of_each_non_reporter(condition):
    true, known = absent_verdicts(condition, WORLD)
    assert known <= {"FFF", "GGG"}  # the Parties without a report; never a reporter
    assert {g: verdict_of(g, true, known) for g in ("FFF", "GGG")} == {
        g: evaluate(condition, report=None, cycle=WORLD, government=g) for g in ("FFF", "GGG")
    }


def test_its_sets_of_non_reporters_know_registry_facts_only():
    assert absent_verdicts({"member_of": "sp"}, WORLD) == ({"GGG"}, {"FFF", "GGG"})
    outside = {"all": [{"member_of": "nobody"}, Q1_YES]}
    assert absent_verdicts(outside, WORLD) == (set(), {"FFF", "GGG"})
    assert absent_verdicts(Q1_YES, WORLD) == (set(), set())


@pytest.mark.parametrize("condition", CONDITIONS, ids=str)
def test_its_sets_leave_out_the_governments_that_did_not_report(condition):
    true, known = verdicts(condition, WORLD)
    assert true <= known <= WORLD.reports.keys()


def test_its_table_covers_every_operator_and_every_outcome():
    operators = set()

    def walk(node):
        operator, argument = next((k, v) for k, v in node.items() if k != "q")
        operators.add(operator)
        for child in argument if operator in ("all", "any") else [argument]:
            if isinstance(child, dict):
                walk(child)

    for condition in CONDITIONS:
        walk(condition)
    outcomes = {
        evaluate(condition, report=report, cycle=WORLD, government=g)
        for condition in CONDITIONS
        for g, report in WORLD.reports.items()
    }
    assert operators == ANSWER_TESTS | OPERATORS
    assert outcomes == {True, False, None}


def test_its_sets_agree_with_a_condition_evaluated_alone_after_others_sharing_its_leaves():
    cycle = replace(WORLD)  # a fresh cycle: nothing kept yet
    for condition in CONDITIONS:
        verdicts(condition, cycle)
    assert verdicts({"all": [Q4_YES, Q1_YES]}, cycle) == verdicts(
        {"all": [Q4_YES, Q1_YES]}, replace(WORLD)
    )


def test_its_sets_follow_the_facts_of_each_cycle_object():
    before = replace(WORLD)
    assert "DDD" not in verdicts(Q1_YES, before)[1]
    answered = replace(WORLD.reports["DDD"], answers={"Q1": SHARED_YES})
    after = replace(before, reports={**WORLD.reports, "DDD": answered})
    assert "DDD" in verdicts(Q1_YES, after)[0]
    assert "DDD" not in verdicts(Q1_YES, before)[1]


@pytest.mark.parametrize(
    "condition",
    [
        {"q": "Q3", "min": True},
        {"q": "Q3", "min": 1.0},
        {"q": "Q1", "answered": 1},
        {"all": [Q1_YES, {"q": "Q1", "typo": ["x"]}]},
    ],
    ids=str,
)
def test_its_sets_refuse_a_malformed_node_even_like_one_seen_before(condition):
    cycle = replace(WORLD)
    verdicts({"q": "Q3", "min": 1}, cycle)
    verdicts({"q": "Q1", "answered": True}, cycle)
    verdicts({"all": [Q1_YES]}, cycle)
    with pytest.raises(ValueError, match="condition node"):
        verdicts(condition, cycle)


def test_its_sets_refuse_a_malformed_node_or_unknown_population_without_reporters():
    empty = replace(WORLD, reports={})
    with pytest.raises(ValueError, match="min"):
        verdicts({"q": "Q1", "min": "one"}, empty)
    with pytest.raises(ValueError, match="unknown population 'martians'"):
        verdicts({"any": [Q1_YES, {"member_of": "martians"}]}, empty)
