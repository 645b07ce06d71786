"""The reviewed table from the reports' capacity-building areas to the plan's key areas holds
together with both lists it joins."""

import json
from pathlib import Path

from cbap.needs import mapping
from cbap.plan.selectors import addressable_codes

CB_AREAS = Path(mapping.__file__).parents[1] / "bch" / "data" / "bch" / "cb-areas-nr.json"


def test_every_area_of_the_reports_has_a_line_with_a_reason(plan):
    terms = {t["identifier"]: t for t in json.loads(CB_AREAS.read_text())["terms"]}
    lines = mapping.links()
    assert {line.cb_area for line in lines} == set(terms)
    codes = addressable_codes()
    for line in lines:
        assert line.cb_area_title == terms[line.cb_area]["nameNR5"]  # verbatim
        assert line.fit in mapping.FITS and line.rationale.strip()
        assert (line.key_area == "") == (line.fit == "none")
        assert not line.key_area or (line.key_area in codes and line.key_area.count(".") == 2)
    assert len({(line.cb_area, line.key_area) for line in lines}) == len(lines)


def test_the_needs_questions_are_the_reports_still_needed_questions():
    stated = {
        (int(q["report"][-1]), q["question"])
        for q in json.loads(CB_AREAS.read_text())["questions"]
        if q["role"] == "stillNeeded"
    }
    assert {(cycle, areas) for cycle, (_yes, areas) in mapping.NEEDS_QUESTIONS.items()} <= stated
