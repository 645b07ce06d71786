"""A self-assessment's lines are refused with each problem named: an unknown key area, a level
off the scale, a rank that is not a whole number from 1 or is given twice, unknown terms."""

import pytest

from cbap.needs.validation import line_problems

KEY_AREAS = ("A.1.1", "A.5.1", "A.8.2")


@pytest.mark.parametrize(
    "lines, expected",
    [
        ({"A.5.1": {"level": "high", "rank": 1}}, []),
        ({"Z.9.9": {"level": "high"}}, [("Z.9.9", "key_area", "Z.9.9")]),
        ({"A.5.1": {"level": "severe"}}, [("A.5.1", "level", "severe")]),
        ({"A.5.1": {"level": "low", "rank": 0}}, [("A.5.1", "rank", "0")]),
        ({"A.5.1": {"level": "low", "rank": "1"}}, [("A.5.1", "rank", "1")]),
        (
            {"A.5.1": {"level": "high", "rank": 1}, "A.8.2": {"level": "low", "rank": 1}},
            [("A.8.2", "rank", "1")],
        ),
        ({"A.1.1": {"level": "low", "kinds": ["loans"]}}, [("A.1.1", "kinds", "loans")]),
        ({"A.1.1": {"level": "low", "audiences": ["pilots"]}}, [("A.1.1", "audiences", "pilots")]),
        (
            {"A.1.1": {"level": "low", "colour": "red"}},
            [("A.1.1", "line", "{'level': 'low', 'colour': 'red'}")],
        ),
        ([], [("", "lines", "[]")]),
    ],
)
def test_each_problem_names_the_key_area_field_and_value(lines, expected):
    problems = line_problems(lines, KEY_AREAS)
    assert [(p.key_area, p.field, p.value) for p in problems] == expected
    assert all(p.reason for p in problems)


def test_the_rank_given_twice_names_the_line_that_had_it():
    lines = {"A.5.1": {"level": "high", "rank": 1}, "A.8.2": {"level": "low", "rank": 1}}
    [problem] = line_problems(lines, KEY_AREAS)
    assert problem.reason == "The rank 1 is already given to A.5.1."
