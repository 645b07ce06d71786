"""A cycle's facts survive being frozen as JSON: the same facts come back, so every number
computed from them is the same."""

import json
from datetime import date

from cbap.engine.definitions import definition_from_dict
from cbap.engine.facts import Cycle, RecordRef, Records, Report, Selection
from cbap.engine.frozen import FrozenAnswer, cycle_data, cycle_from_data
from cbap.engine.indicators import compute

STAFF = definition_from_dict(
    {
        "code": "A.1.b",
        "measure": "percentage",
        "population": "cartagena_parties",
        "population_label": "Parties",
        "sources": {
            5: {
                "fit": "direct",
                "questions": ["Q011"],
                "numerator": {"q": "Q011", "in": ["true"]},
                "rationale": "Staff.",
                "wording_change": None,
            },
            4: {"fit": "not_measured", "questions": [], "rationale": "None."},
        },
    }
)

CYCLE = Cycle(
    number=5,
    deadline=date(2026, 2, 28),
    populations={"cartagena_parties": frozenset({"KEN", "BRA", "DEU"}), "non_compliant": None},
    groups={"region:Africa": frozenset({"KEN"})},
    reports={
        "KEN": Report("KEN", {"Q011": FrozenAnswer(values=("true",))}),
        "BRA": Report("BRA", {"Q011": FrozenAnswer(("false",), frozenset({"false"}), 3)}),
    },
    unknown_members={"cartagena_parties": frozenset({"XXK"})},
    records=Records(
        since=date(2022, 12, 19),
        until=date(2026, 2, 28),
        selections={
            "k": Selection(
                records=2,
                demo=1,
                parties=frozenset({"KEN"}),
                items=(RecordRef("activity", 7, "A course", ("KEN",), True, date(2024, 3, 4)),),
            )
        },
        recorded={"activities": frozenset({"KEN", "BRA"})},
    ),
)


def test_the_facts_come_back_as_they_were_frozen():
    data = json.loads(json.dumps(cycle_data(CYCLE)))
    back = cycle_from_data(data)
    assert back == CYCLE
    assert cycle_data(back) == data


def test_a_number_computed_from_frozen_facts_is_the_same():
    back = cycle_from_data(json.loads(json.dumps(cycle_data(CYCLE))))
    assert compute(STAFF, back).to_dict() == compute(STAFF, CYCLE).to_dict()
    assert compute(STAFF, back).value == 50.0
