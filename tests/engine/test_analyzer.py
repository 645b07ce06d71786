"""Q007 (select all that apply) in two regions; XXX reports but is not a Party.

gov  region   Party  NR5 answer  NR4 answer (mapped)
AAA  Africa   yes    a, b        b
BBB  Africa   yes    a           old_a → a
CCC  Africa   yes    c           -
DDD  Africa   yes    -           a
EEE  Europe   yes    a, c        c
FFF  Europe   yes    b           -
GGG  Europe   yes    -           a
XXX  Europe   no     b           -
"""

import json

import pytest

from cbap.engine.analyzer import (
    ChoiceQuestion,
    answered,
    answered_question,
    compare,
    cross_filter,
    map_previous,
    overlaps,
    restrict,
    tabulate,
)

QUESTION = ChoiceQuestion(
    key="Q007", options=(("a", "Alpha"), ("b", "Beta"), ("c", "Gamma")), multiple=True
)
COLUMNS = {
    "Africa": frozenset({"AAA", "BBB", "CCC", "DDD"}),
    "Europe": frozenset({"EEE", "FFF", "GGG", "XXX"}),
}
PARTIES = {
    "Africa": frozenset({"AAA", "BBB", "CCC", "DDD"}),
    "Europe": frozenset({"EEE", "FFF", "GGG"}),
}
CURRENT = {
    "AAA": ("a", "b"),
    "BBB": ("a",),
    "CCC": ("c",),
    "EEE": ("a", "c"),
    "FFF": ("b",),
    "XXX": ("b",),
}
PREVIOUS = {"AAA": ("b",), "BBB": ("old_a",), "DDD": ("a",), "EEE": ("c",), "GGG": ("a",)}


def cells(table):
    return {row.value: row.cells for row in table.rows}


def table(measure, answers=CURRENT, columns=COLUMNS, parties=PARTIES):
    return tabulate(QUESTION, answers, columns=columns, parties=parties, measure=measure)


THIRD, SIXTH = 100 / 3, 100 / 6


@pytest.mark.parametrize(
    ("measure", "expected"),
    [
        (
            "count",
            {
                "a": {"Africa": 2, "Europe": 1, "Total": 3},
                "b": {"Africa": 1, "Europe": 2, "Total": 3},
                "c": {"Africa": 1, "Europe": 1, "Total": 2},
            },
        ),
        (
            "row",
            {
                "a": {"Africa": 2 * THIRD, "Europe": THIRD, "Total": 100.0},
                "b": {"Africa": THIRD, "Europe": 2 * THIRD, "Total": 100.0},
                "c": {"Africa": 50.0, "Europe": 50.0, "Total": 100.0},
            },
        ),
        (
            # The BCH's: of the column's ticks, 4 in Africa, 4 in Europe, 8 in Total
            "column",
            {
                "a": {"Africa": 50.0, "Europe": 25.0, "Total": 37.5},
                "b": {"Africa": 25.0, "Europe": 50.0, "Total": 37.5},
                "c": {"Africa": 25.0, "Europe": 25.0, "Total": 25.0},
            },
        ),
        (
            # The BCH's: of all 8 ticks of the question
            "overall",
            {
                "a": {"Africa": 25.0, "Europe": 12.5, "Total": 37.5},
                "b": {"Africa": 12.5, "Europe": 25.0, "Total": 37.5},
                "c": {"Africa": 12.5, "Europe": 12.5, "Total": 25.0},
            },
        ),
        (
            # cbap's: of the column's governments that answered, 3 / 3 / 6
            "respondents",
            {
                "a": {"Africa": 2 * THIRD, "Europe": THIRD, "Total": 50.0},
                "b": {"Africa": THIRD, "Europe": 2 * THIRD, "Total": 50.0},
                "c": {"Africa": THIRD, "Europe": THIRD, "Total": THIRD},
            },
        ),
        (
            # Only Parties count, over every Party of the column: XXX's "b" is left out.
            "parties",
            {
                "a": {"Africa": 50.0, "Europe": THIRD, "Total": 300 / 7},
                "b": {"Africa": 25.0, "Europe": THIRD, "Total": 200 / 7},
                "c": {"Africa": 25.0, "Europe": THIRD, "Total": 200 / 7},
            },
        ),
    ],
)
def test_it_tabulates_each_measure_by_hand(measure, expected):
    got = cells(table(measure))
    assert got == {value: pytest.approx(row) for value, row in expected.items()}


# A "None of the above" option is exclusive: a government ticking it ticks nothing else, while
# others tick several answers, so a column's ticks (the BCH's base) differ from its governments
# that answered (cbap's base).
#
# gov  region  Party  answer            ticks
# AAA  Africa  yes    law, reg          2
# BBB  Africa  yes    none              1
# CCC  Africa  yes    law               1
# DDD  Africa  yes    -                 0
# EEE  Europe  yes    law, reg, guide   3
# FFF  Europe  yes    none              1
# GGG  Europe  yes    none              1
# XXX  Europe  no     reg               1
#
#            Africa  Europe  Total
# answered   3       4       7
# ticks      4       6       10
# Parties    4       3       7
MEASURES_QUESTION = ChoiceQuestion(
    key="Q020",
    options=(
        ("law", "Laws"),
        ("reg", "Regulations"),
        ("guide", "Guidelines"),
        ("none", "None of the above"),
    ),
    multiple=True,
)
WITH_NONE = {
    "AAA": ("law", "reg"),
    "BBB": ("none",),
    "CCC": ("law",),
    "EEE": ("law", "reg", "guide"),
    "FFF": ("none",),
    "GGG": ("none",),
    "XXX": ("reg",),
}


@pytest.mark.parametrize(
    ("measure", "expected"),
    [
        (
            "count",
            {
                "law": {"Africa": 2, "Europe": 1, "Total": 3},
                "reg": {"Africa": 1, "Europe": 2, "Total": 3},
                "guide": {"Africa": 0, "Europe": 1, "Total": 1},
                "none": {"Africa": 1, "Europe": 2, "Total": 3},
            },
        ),
        (
            # the BCH's % by column: of the column's ticks (4, 6, 10); each column adds up to 100
            "column",
            {
                "law": {"Africa": 2 / 4 * 100, "Europe": 1 / 6 * 100, "Total": 3 / 10 * 100},
                "reg": {"Africa": 1 / 4 * 100, "Europe": 2 / 6 * 100, "Total": 3 / 10 * 100},
                "guide": {"Africa": 0.0, "Europe": 1 / 6 * 100, "Total": 1 / 10 * 100},
                "none": {"Africa": 1 / 4 * 100, "Europe": 2 / 6 * 100, "Total": 3 / 10 * 100},
            },
        ),
        (
            # the BCH's % overall: of all 10 ticks of the question
            "overall",
            {
                "law": {"Africa": 20.0, "Europe": 10.0, "Total": 30.0},
                "reg": {"Africa": 10.0, "Europe": 20.0, "Total": 30.0},
                "guide": {"Africa": 0.0, "Europe": 10.0, "Total": 10.0},
                "none": {"Africa": 10.0, "Europe": 20.0, "Total": 30.0},
            },
        ),
        (
            # cbap's % of responding governments: of those that answered (3, 4, 7)
            "respondents",
            {
                "law": {"Africa": 2 / 3 * 100, "Europe": 1 / 4 * 100, "Total": 3 / 7 * 100},
                "reg": {"Africa": 1 / 3 * 100, "Europe": 2 / 4 * 100, "Total": 3 / 7 * 100},
                "guide": {"Africa": 0.0, "Europe": 1 / 4 * 100, "Total": 1 / 7 * 100},
                "none": {"Africa": 1 / 3 * 100, "Europe": 2 / 4 * 100, "Total": 3 / 7 * 100},
            },
        ),
        (
            # cbap's % of all Parties: Parties' ticks (not XXX's) of every Party (4, 3, 7)
            "parties",
            {
                "law": {"Africa": 2 / 4 * 100, "Europe": 1 / 3 * 100, "Total": 3 / 7 * 100},
                "reg": {"Africa": 1 / 4 * 100, "Europe": 1 / 3 * 100, "Total": 2 / 7 * 100},
                "guide": {"Africa": 0.0, "Europe": 1 / 3 * 100, "Total": 1 / 7 * 100},
                "none": {"Africa": 1 / 4 * 100, "Europe": 2 / 3 * 100, "Total": 3 / 7 * 100},
            },
        ),
    ],
)
def test_it_computes_the_bchs_measures_on_ticks_and_cbaps_on_governments(measure, expected):
    result = tabulate(
        MEASURES_QUESTION, WITH_NONE, columns=COLUMNS, parties=PARTIES, measure=measure
    )
    assert cells(result) == {value: pytest.approx(row) for value, row in expected.items()}
    assert result.ticks == {"Africa": 4, "Europe": 6, "Total": 10}
    assert result.respondents == {"Africa": 3, "Europe": 4, "Total": 7}


@pytest.mark.parametrize("measure", ["column", "overall"])
def test_the_bchs_percentages_of_a_column_add_up_to_its_share_of_ticks(measure):
    result = tabulate(
        MEASURES_QUESTION, WITH_NONE, columns=COLUMNS, parties=PARTIES, measure=measure
    )
    total = {name: sum(row.cells[name] for row in result.rows) for name in result.columns}
    shares = {"Africa": 40.0, "Europe": 60.0} if measure == "overall" else {}
    assert total == pytest.approx({"Africa": 100.0, "Europe": 100.0, **shares, "Total": 100.0})


def test_ticks_and_governments_agree_on_a_single_choice_question():
    single = ChoiceQuestion(key="Q008", options=(("yes", "Yes"), ("no", "No")))
    answers = {"AAA": ("yes",), "BBB": ("no",), "EEE": ("yes",), "XXX": ("no",)}

    def by(measure):
        return tabulate(single, answers, columns=COLUMNS, parties=PARTIES, measure=measure)

    assert by("column").ticks == by("column").respondents == {"Africa": 2, "Europe": 2, "Total": 4}
    assert cells(by("column")) == cells(by("respondents"))
    # overall: of the 4 governments that answered, one tick each
    assert cells(by("overall"))["yes"] == {"Africa": 25.0, "Europe": 25.0, "Total": 50.0}


@pytest.mark.parametrize(
    ("measure", "expected"),
    [
        ("count", {"Africa": 2, "Europe": 1, "Total": 3}),
        ("row", {"Africa": 2 * THIRD, "Europe": THIRD, "Total": 100.0}),
        ("column", {"Africa": 100.0, "Europe": 100.0, "Total": 100.0}),
        ("overall", {"Africa": 2 * THIRD, "Europe": THIRD, "Total": 100.0}),
        ("respondents", {"Africa": 100.0, "Europe": 100.0, "Total": 100.0}),
        ("parties", {"Africa": 50.0, "Europe": 0.0, "Total": 200 / 7}),  # XXX is no Party
    ],
)
def test_a_free_text_question_has_the_bchs_one_answered_row(measure, expected):
    result = tabulate(
        answered_question("Q030"),
        answered(["AAA", "CCC", "XXX"]),
        columns=COLUMNS,
        parties=PARTIES,
        measure=measure,
    )
    assert [(row.value, row.title) for row in result.rows] == [("answered", "Answered")]
    assert result.rows[0].cells == pytest.approx(expected)


def test_it_keeps_the_question_order_and_adds_a_total_column():
    result = table("count")
    assert [(row.value, row.title) for row in result.rows] == [
        ("a", "Alpha"),
        ("b", "Beta"),
        ("c", "Gamma"),
    ]
    assert result.columns == ("Africa", "Europe", "Total")


def test_it_counts_respondents_and_parties_per_column():
    result = table("count")
    assert result.respondents == {"Africa": 3, "Europe": 3, "Total": 6}
    assert result.parties == {"Africa": 4, "Europe": 3, "Total": 7}


@pytest.mark.parametrize(
    ("measure", "n"),
    [
        ("count", {"Africa": 3, "Europe": 3, "Total": 6}),
        ("column", {"Africa": 3, "Europe": 3, "Total": 6}),
        ("respondents", {"Africa": 3, "Europe": 3, "Total": 6}),
        # XXX answered but is not a Party: the n of "% of all Parties" leaves it out, so n <= N
        ("parties", {"Africa": 3, "Europe": 2, "Total": 5}),
    ],
)
def test_the_n_of_a_measure_counts_only_parties_for_the_parties_measure(measure, n):
    result = table(measure)
    assert result.n == n
    assert result.party_respondents == {"Africa": 3, "Europe": 2, "Total": 5}
    assert result.respondents == {"Africa": 3, "Europe": 3, "Total": 6}


def test_it_takes_the_union_of_overlapping_columns_as_total():
    columns = {**COLUMNS, "LDC": frozenset({"BBB", "EEE", "GGG"})}
    parties = {**PARTIES, "LDC": frozenset({"BBB", "EEE", "GGG"})}
    result = table("count", columns=columns, parties=parties)
    assert cells(result)["a"] == {"Africa": 2, "Europe": 1, "LDC": 2, "Total": 3}
    assert result.respondents == {"Africa": 3, "Europe": 3, "LDC": 2, "Total": 6}
    assert result.parties["Total"] == 7


@pytest.mark.parametrize(
    ("columns", "expected"),
    [
        (COLUMNS, {}),
        (
            {**COLUMNS, "LDC": frozenset({"BBB", "EEE"}), "SIDS": frozenset({"EEE"})},
            {"BBB": ("Africa", "LDC"), "EEE": ("Europe", "LDC", "SIDS")},
        ),
        (
            {"Asia-Pacific": frozenset({"TUR", "CHN"}), "WEOG": frozenset({"TUR"})},
            {"TUR": ("Asia-Pacific", "WEOG")},
        ),
    ],
)
def test_it_names_the_governments_counted_in_several_columns(columns, expected):
    assert overlaps(columns) == expected


def test_it_counts_a_tick_once_even_if_repeated():
    assert cells(table("count", answers={"AAA": ("a", "a")}))["a"]["Africa"] == 1


def test_it_ignores_answers_of_governments_in_no_column():
    assert table("count", answers={**CURRENT, "ZZZ": ("a",)}) == table("count")


@pytest.mark.parametrize(
    ("measure", "answers", "value", "column", "expected"),
    [
        ("row", {"AAA": ("a",)}, "b", "Africa", None),  # nobody ticked b at all
        ("row", {"AAA": ("a",)}, "a", "Europe", 0.0),
        ("column", {"AAA": ("a",)}, "a", "Europe", None),  # nobody in Europe answered
        ("column", {"AAA": ("a",)}, "b", "Africa", 0.0),
        ("respondents", {"AAA": ("a",)}, "a", "Europe", None),
        ("respondents", {"AAA": ("a",)}, "b", "Africa", 0.0),
        ("overall", {}, "a", "Total", None),  # nobody answered
        ("overall", {"AAA": ("a",)}, "a", "Europe", 0.0),
    ],
)
def test_it_leaves_a_cell_empty_only_when_its_denominator_is_zero(
    measure, answers, value, column, expected
):
    assert cells(table(measure, answers=answers))[value][column] == expected


def test_it_leaves_a_parties_cell_empty_for_a_column_without_parties():
    columns = {**COLUMNS, "Observers": frozenset({"XXX"})}
    parties = {**PARTIES, "Observers": frozenset()}
    assert cells(table("parties", columns=columns, parties=parties))["b"]["Observers"] is None


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"measure": "median"}, "measure must be one of"),
        ({"columns": {**COLUMNS, "Total": frozenset()}}, "'Total' is computed"),
        ({"parties": {"Africa": PARTIES["Africa"]}}, r"no Parties given for columns \['Europe'\]"),
    ],
)
def test_it_refuses_a_bad_table_request(kwargs, message):
    with pytest.raises(ValueError, match=message):
        table(**{"measure": "count", **kwargs})


def test_it_refuses_several_values_for_a_single_choice_question():
    single = ChoiceQuestion(key="Q008", options=(("a", "Alpha"), ("b", "Beta")))
    with pytest.raises(ValueError, match="Q008 is single choice but AAA ticked"):
        tabulate(single, CURRENT, columns=COLUMNS, parties=PARTIES)


def test_it_gives_a_json_ready_table():
    result = table("column").to_dict()
    assert json.loads(json.dumps(result)) == result
    assert result["question"] == "Q007"
    assert result["measure"] == "column"
    assert result["columns"] == ["Africa", "Europe", "Total"]
    assert result["rows"][2] == {
        "value": "c",
        "title": "Gamma",
        "cells": {"Africa": 25.0, "Europe": 25.0, "Total": 25.0},
    }
    assert result["respondents"] == {"Africa": 3, "Europe": 3, "Total": 6}
    assert result["ticks"] == {"Africa": 4, "Europe": 4, "Total": 8}
    assert result["parties"] == {"Africa": 4, "Europe": 3, "Total": 7}
    assert result["n"] == result["respondents"]
    assert table("parties").to_dict()["n"] == {"Africa": 3, "Europe": 2, "Total": 5}


ANSWERS_BY_QUESTION = {
    "Q007": CURRENT,
    "Q118": {"AAA": ("true",), "CCC": ("false",), "XXX": ("true",)},
}


@pytest.mark.parametrize(
    ("question", "value", "governments"),
    [
        ("Q118", "true", {"AAA", "XXX"}),
        ("Q118", "false", {"CCC"}),
        ("Q007", "c", {"CCC", "EEE"}),
        ("Q007", "z", set()),
    ],
)
def test_it_cross_filters_on_the_governments_that_ticked_a_value(question, value, governments):
    assert cross_filter(ANSWERS_BY_QUESTION, question, value) == governments


def test_it_tabulates_a_question_restricted_to_a_cross_filter():
    chosen = cross_filter(ANSWERS_BY_QUESTION, "Q118", "true")
    result = table("count", answers=restrict(CURRENT, chosen))
    assert cells(result)["b"] == {"Africa": 1, "Europe": 1, "Total": 2}
    assert result.respondents == {"Africa": 1, "Europe": 1, "Total": 2}


def test_it_refuses_to_cross_filter_on_a_question_without_answers():
    with pytest.raises(ValueError, match="Q999"):
        cross_filter(ANSWERS_BY_QUESTION, "Q999", "true")


@pytest.mark.parametrize(
    ("answers", "mapped"),
    [
        ({"BBB": ("old_a",)}, {"BBB": ("a",)}),
        ({"AAA": ("b",)}, {"AAA": ("b",)}),
        ({"AAA": ("old_a", "c")}, {"AAA": ("a", "c")}),
        ({"AAA": ("old_a", "a")}, {"AAA": ("a",)}),
    ],
)
def test_it_maps_previous_values_and_keeps_unmapped_ones(answers, mapped):
    assert map_previous(answers, {"old_a": "a"}) == mapped


def comparison(measure="column"):
    return compare(
        QUESTION,
        current=CURRENT,
        previous=map_previous(PREVIOUS, {"old_a": "a"}),
        columns=COLUMNS,
        parties_current=PARTIES,
        # GGG was not yet a Party on the previous deadline
        parties_previous={**PARTIES, "Europe": frozenset({"EEE", "FFF"})},
        measure=measure,
    )


def shifts(row_shifts):
    return {name: (shift.now, shift.before, shift.delta) for name, shift in row_shifts.items()}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        # % by column of ticks: now 4 / 4 / 8, before 3 / 2 / 5
        (
            "a",
            {
                "Africa": (50.0, 2 * THIRD, 50.0 - 2 * THIRD),
                "Europe": (25.0, 50.0, -25.0),
                "Total": (37.5, 60.0, -22.5),
            },
        ),
        (
            "b",
            {
                "Africa": (25.0, THIRD, 25.0 - THIRD),
                "Europe": (50.0, 0.0, 50.0),
                "Total": (37.5, 20.0, 17.5),
            },
        ),
    ],
)
def test_it_compares_the_cross_sections_of_all_respondents(value, expected):
    row = next(row for row in comparison().rows if row.value == value)
    assert shifts(row.cross_section) == {name: pytest.approx(s) for name, s in expected.items()}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        # the panel's ticks: now 3 / 2 / 5, before 2 / 1 / 3
        (
            "a",
            {
                "Africa": (2 * THIRD, 50.0, 2 * THIRD - 50),
                "Europe": (50.0, 0.0, 50.0),
                "Total": (60.0, THIRD, 60.0 - THIRD),
            },
        ),
        (
            "b",
            {
                "Africa": (THIRD, 50.0, THIRD - 50),
                "Europe": (0.0, 0.0, 0.0),
                "Total": (20.0, THIRD, 20.0 - THIRD),
            },
        ),
        (
            "c",
            {
                "Africa": (0.0, 0.0, 0.0),
                "Europe": (50.0, 100.0, -50.0),
                "Total": (20.0, THIRD, 20.0 - THIRD),
            },
        ),
    ],
)
def test_it_compares_the_panel_of_governments_that_answered_both_times(value, expected):
    row = next(row for row in comparison().rows if row.value == value)
    assert shifts(row.panel) == {name: pytest.approx(s) for name, s in expected.items()}


# Mapped NR4 answers: AAA b, BBB a, DDD a (Africa); EEE c, GGG a (Europe; GGG no Party then).
# Panel (answered both times): AAA, BBB, EEE.


@pytest.mark.parametrize(
    ("value", "part", "expected"),
    [
        # % of all Parties, each cycle over its own Parties: N now 4 / 3 / 7, before 4 / 2 / 6
        (
            "a",
            "cross_section",
            {
                "Africa": (50.0, 50.0, 0.0),  # AAA, BBB of 4 / BBB, DDD of 4
                "Europe": (THIRD, 0.0, THIRD),  # EEE of 3 / GGG was no Party: 0 of 2
                "Total": (300 / 7, 100 / 3, 300 / 7 - 100 / 3),
            },
        ),
        (
            "b",
            "cross_section",
            {
                "Africa": (25.0, 25.0, 0.0),
                "Europe": (THIRD, 0.0, THIRD),  # FFF of 3 (XXX is no Party) / nobody of 2
                "Total": (200 / 7, 100 / 6, 200 / 7 - 100 / 6),
            },
        ),
        (
            "c",
            "cross_section",
            {
                "Africa": (25.0, 0.0, 25.0),
                "Europe": (THIRD, 50.0, THIRD - 50),  # EEE of 3 / EEE of 2
                "Total": (200 / 7, 100 / 6, 200 / 7 - 100 / 6),
            },
        ),
        (
            "a",
            "panel",
            {
                "Africa": (50.0, 25.0, 25.0),  # AAA, BBB of 4 / BBB of 4
                "Europe": (THIRD, 0.0, THIRD),  # EEE of 3 / EEE said c: 0 of 2
                "Total": (300 / 7, 100 / 6, 300 / 7 - 100 / 6),
            },
        ),
    ],
)
def test_it_compares_shares_of_all_parties_over_each_cycles_own_parties(value, part, expected):
    result = comparison("parties")
    row = next(row for row in result.rows if row.value == value)
    assert shifts(getattr(row, part)) == {name: pytest.approx(s) for name, s in expected.items()}
    assert result.parties_now == {"Africa": 4, "Europe": 3, "Total": 7}
    assert result.parties_before == {"Africa": 4, "Europe": 2, "Total": 6}
    assert result.party_respondents_now == {"Africa": 3, "Europe": 2, "Total": 5}
    assert result.party_respondents_before == {"Africa": 3, "Europe": 1, "Total": 4}
    assert result.panel_parties_now == {"Africa": 2, "Europe": 1, "Total": 3}
    assert result.panel_parties_before == {"Africa": 2, "Europe": 1, "Total": 3}
    assert (result.measure, result.delta_unit) == ("parties", "percentage points")


@pytest.mark.parametrize(
    ("value", "part", "expected"),
    [
        # counts of governments (non-Parties included), deltas in governments
        ("a", "cross_section", {"Africa": (2, 2, 0), "Europe": (1, 1, 0), "Total": (3, 3, 0)}),
        ("b", "cross_section", {"Africa": (1, 1, 0), "Europe": (2, 0, 2), "Total": (3, 1, 2)}),
        ("c", "cross_section", {"Africa": (1, 0, 1), "Europe": (1, 1, 0), "Total": (2, 1, 1)}),
        ("a", "panel", {"Africa": (2, 1, 1), "Europe": (1, 0, 1), "Total": (3, 1, 2)}),
        ("b", "panel", {"Africa": (1, 1, 0), "Europe": (0, 0, 0), "Total": (1, 1, 0)}),
        ("c", "panel", {"Africa": (0, 0, 0), "Europe": (1, 1, 0), "Total": (1, 1, 0)}),
    ],
)
def test_it_compares_counts_as_differences_in_governments(value, part, expected):
    result = comparison("count")
    row = next(row for row in result.rows if row.value == value)
    assert shifts(getattr(row, part)) == expected
    assert (result.measure, result.delta_unit) == ("count", "governments")


def test_the_comparison_is_in_the_measure_asked_for():
    deltas = {
        measure: [shifts(row.cross_section) for row in comparison(measure).rows]
        for measure in ("count", "column", "respondents", "parties")
    }
    assert deltas["count"] != deltas["column"] != deltas["respondents"] != deltas["parties"]
    assert comparison().measure == "column"  # the BCH's comparison, by default


def test_it_gives_the_panel_size_and_both_cycles_bases_per_column():
    result = comparison()
    assert result.panel_size == {"Africa": 2, "Europe": 1, "Total": 3}
    assert result.respondents_now == {"Africa": 3, "Europe": 3, "Total": 6}
    assert result.respondents_before == {"Africa": 3, "Europe": 2, "Total": 5}
    assert result.parties_now == {"Africa": 4, "Europe": 3, "Total": 7}
    assert result.parties_before == {"Africa": 4, "Europe": 2, "Total": 6}


def test_it_has_no_delta_where_a_column_had_no_respondents():
    result = compare(
        QUESTION,
        current={"AAA": ("a",)},
        previous={"EEE": ("a",)},
        columns=COLUMNS,
        parties_current=PARTIES,
        parties_previous=PARTIES,
    )
    a = result.rows[0]
    assert (a.cross_section["Africa"].now, a.cross_section["Africa"].before) == (100.0, None)
    assert a.cross_section["Africa"].delta is None
    assert result.panel_size == {"Africa": 0, "Europe": 0, "Total": 0}
    assert a.panel["Total"] == type(a.panel["Total"])(now=None, before=None, delta=None)


def test_it_gives_a_json_ready_comparison():
    result = comparison().to_dict()
    assert json.loads(json.dumps(result)) == result
    assert result["question"] == "Q007"
    assert (result["measure"], result["delta_unit"]) == ("column", "percentage points")
    assert result["party_respondents"]["before"] == {"Africa": 3, "Europe": 1, "Total": 4}
    assert result["panel_parties"]["now"] == {"Africa": 2, "Europe": 1, "Total": 3}
    assert result["columns"] == ["Africa", "Europe", "Total"]
    assert [row["value"] for row in result["rows"]] == ["a", "b", "c"]
    assert result["rows"][2]["panel"]["Europe"] == {"now": 50.0, "before": 100.0, "delta": -50.0}
    assert result["panel_size"] == {"Africa": 2, "Europe": 1, "Total": 3}
    assert result["respondents"]["before"] == {"Africa": 3, "Europe": 2, "Total": 5}
    assert result["parties"]["before"]["Total"] == 6
