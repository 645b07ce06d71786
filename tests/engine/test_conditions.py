from datetime import date

import pytest

from cbap.engine.conditions import evaluate, referenced_questions
from cbap.engine.facts import Answer, Cycle, Report

CYCLE = Cycle(
    number=5,
    deadline=date(2023, 10, 1),
    populations={"parties": frozenset({"AAA", "BBB"}), "nobody": frozenset()},
    groups={},
    reports={},
)

REPORT = Report(
    government="AAA",
    submitted_on=date(2023, 9, 30),
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
        ({"submitted_by_deadline": True}, True),
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
        ({"submitted_by_deadline": True}, None),
        ({"member_of": "parties"}, True),
        ({"member_of": "nobody"}, False),
    ],
)
def test_it_knows_nothing_of_a_non_reporter_but_its_registry_facts(condition, expected):
    assert check(condition, report=None) is expected


@pytest.mark.parametrize(
    ("submitted_on", "expected"),
    [
        (date(2023, 9, 30), True),
        (date(2023, 10, 1), True),
        (date(2023, 10, 2), False),
        (None, False),
    ],
)
def test_it_counts_a_report_as_on_time_up_to_and_including_the_deadline(submitted_on, expected):
    report = Report(government="AAA", submitted_on=submitted_on)
    assert check({"submitted_by_deadline": True}, report=report) is expected


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
        {"submitted_by_deadline": "yes"},
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
        ({"submitted_by_deadline": True}, {}),
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
