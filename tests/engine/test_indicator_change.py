"""Baseline (NR4) to midterm (NR5) for "Parties that trained staff" (Q011 = yes).

gov  NR4   NR5          in the panel?
AAA  no    yes          yes (no → yes)
BBB  no    no           yes (no → no)
CCC  yes   yes          yes (yes → yes)
DDD  yes   no answer    no
EEE  -     yes          no (did not report NR4)
FFF  blank yes          no (reported NR4 without answering)
GGG  no    -            no (did not report NR5)
"""

import json
from datetime import date

import pytest

from cbap.bch.answers import Answer
from cbap.engine.change import compare
from cbap.engine.facts import Cycle, Report
from cbap.engine.indicators import definition_from_dict

ANSWERS = {"y": Answer(values=("true",)), "n": Answer(values=("false",))}


def cycle(number, marks):
    """A cycle from {government: 'y' | 'n' | '' (reported, no answer) | None (no report)}."""
    return Cycle(
        number=number,
        deadline=date(2000 + 4 * number, 10, 1),
        populations={"cartagena_parties": frozenset(marks)},
        groups={},
        reports={
            government: Report(
                government=government,
                answers={"Q011": ANSWERS[mark]} if mark else {},
            )
            for government, mark in marks.items()
            if mark is not None
        },
    )


def definition(nr4=None, measure="percentage"):
    numerator = {"q": "Q011", "in": ["true"]}
    return definition_from_dict(
        {
            "code": "A.2.a",
            "measure": measure,
            **({"unit": "Parties"} if measure == "number" else {}),
            "population": "cartagena_parties",
            "population_label": "Parties on the deadline",
            "sources": {
                4: nr4 or {"fit": "direct", "rationale": "Asked.", "numerator": numerator},
                5: {
                    "fit": "direct",
                    "rationale": "Asked.",
                    "numerator": numerator,
                    "wording_change": "NR5 adds 'in the last four years'.",
                },
            },
        }
    )


NR4 = cycle(4, {"AAA": "n", "BBB": "n", "CCC": "y", "DDD": "y", "EEE": None, "FFF": "", "GGG": "n"})
NR5 = cycle(5, {"AAA": "y", "BBB": "n", "CCC": "y", "DDD": "", "EEE": "y", "FFF": "y", "GGG": None})


def test_it_compares_the_cross_section_of_everyone_who_answered():
    cross_section = compare(definition(), baseline=NR4, midterm=NR5).cross_section
    assert (cross_section.baseline, cross_section.midterm, cross_section.delta) == (
        40.0,
        80.0,
        40.0,
    )


def test_it_follows_the_governments_in_the_denominator_of_both_cycles():
    panel = compare(definition(), baseline=NR4, midterm=NR5).panel
    assert panel.members == ("AAA", "BBB", "CCC")
    assert (panel.yes_yes, panel.yes_no, panel.no_yes, panel.no_no) == (1, 0, 1, 1)
    assert (panel.baseline, panel.midterm, panel.delta) == pytest.approx(
        (100 / 3, 200 / 3, 100 / 3)
    )
    assert panel.p_value == 1.0


@pytest.mark.parametrize(
    ("moves", "p_value"),
    [
        ({"ny": 6}, 0.03125),  # 2 / 2**6
        ({"ny": 9, "yn": 1, "yy": 3}, 0.021484375),
        ({"ny": 5, "yn": 5, "nn": 2}, 1.0),
    ],
)
def test_it_tests_the_panel_change_with_exact_mcnemar(moves, p_value):
    pairs = [move for move, count in moves.items() for _ in range(count)]
    marks = {f"G{i:02}": move for i, move in enumerate(pairs)}
    baseline = cycle(4, {government: move[0] for government, move in marks.items()})
    midterm = cycle(5, {government: move[1] for government, move in marks.items()})
    panel = compare(definition(), baseline=baseline, midterm=midterm).panel
    assert (panel.yes_no, panel.no_yes) == (moves.get("yn", 0), moves.get("ny", 0))
    assert panel.p_value == p_value


def test_it_warns_about_a_change_of_wording():
    assert compare(definition(), baseline=NR4, midterm=NR5).warnings == (
        "NR5: NR5 adds 'in the last four years'.",
    )


def test_it_warns_and_gives_no_change_when_a_cycle_has_no_data():
    unmeasured = definition(nr4={"fit": "not_measured", "rationale": "NR4 did not ask."})
    change = compare(unmeasured, baseline=NR4, midterm=NR5)
    assert change.warnings == (
        "not comparable: NR4 has no data (not measured by report 4)",
        "NR5: NR5 adds 'in the last four years'.",
    )
    assert (change.cross_section.baseline, change.cross_section.delta) == (None, None)
    assert change.cross_section.midterm == 80.0
    assert (change.panel.members, change.panel.delta, change.panel.p_value) == ((), None, None)


def test_it_names_the_governments_of_each_cell_of_the_panel():
    cells = compare(definition(), baseline=NR4, midterm=NR5).panel.cells
    assert cells == {"yes_yes": ("CCC",), "yes_no": (), "no_yes": ("AAA",), "no_no": ("BBB",)}


def test_it_compares_a_number_of_parties_in_parties_with_the_coverage_of_each_cycle():
    change = compare(definition(measure="number"), baseline=NR4, midterm=NR5)
    cross, panel = change.cross_section, change.panel
    assert (cross.baseline, cross.midterm, cross.delta) == (2, 4, 2)  # Parties, not percent
    assert (cross.baseline_coverage, cross.midterm_coverage) == (6 / 7, 6 / 7)
    assert (panel.baseline, panel.midterm, panel.delta) == (1, 2, 1)  # yes among the 3
    assert (panel.yes_no, panel.no_yes, panel.p_value) == (0, 1, 1.0)
    assert change.warnings[-1] == (
        "A number of Parties also moves with who reported: NR4 6 of 7 Parties reported (86 %), "
        "NR5 6 of 7 Parties reported (86 %). The panel counts the same Parties in both cycles."
    )
    assert change.to_dict()["unit"] == "Parties"


def test_it_compares_only_percentages_and_numbers():
    source = {"fit": "direct", "rationale": "Asked.", "sum_of": ["Q011"]}
    counted = definition_from_dict(
        {
            "code": "A.5.c",
            "measure": "sum",
            "unit": "people trained",
            "population": "cartagena_parties",
            "population_label": "Parties on the deadline",
            "sources": {4: source, 5: source},
        }
    )
    with pytest.raises(ValueError, match="only percentage and number measures"):
        compare(counted, baseline=NR4, midterm=NR5)


def test_it_gives_a_json_ready_change():
    result = compare(definition(), baseline=NR4, midterm=NR5).to_dict()
    assert json.loads(json.dumps(result)) == result
    assert result["cross_section"] == {
        "baseline": 40.0,
        "midterm": 80.0,
        "delta": 40.0,
        "baseline_coverage": 6 / 7,
        "midterm_coverage": 6 / 7,
    }
    assert result["panel"]["size"] == 3
    assert result["panel"]["members"] == ["AAA", "BBB", "CCC"]
    assert result["panel"]["cells"]["no_yes"] == ["AAA"]
    assert (result["measure"], result["unit"]) == ("percentage", "percentage points")
    assert (result["baseline_cycle"], result["midterm_cycle"]) == (4, 5)
    assert result["warnings"] == ["NR5: NR5 adds 'in the last four years'."]
