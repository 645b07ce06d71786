"""The BCH question sets parsed once for the tests of tests/bch, and the values they share."""

import json
from pathlib import Path

from cbap.bch.questionnaire import questionnaire_from_json

DATA = Path(__file__).resolve().parents[2] / "cbap" / "bch" / "data" / "bch"
RAW = {cycle: json.loads((DATA / f"nr{cycle}-questions.json").read_text()) for cycle in (3, 4, 5)}
NR3, NR4, NR5 = (questionnaire_from_json(RAW[c], cycle=c) for c in (3, 4, 5))
BY_CYCLE = {3: NR3, 4: NR4, 5: NR5}

APPROVED_WITH_CONDITIONS = "3EFF4792-A896-4DC7-9945-04FE9C8B5B4F"
PROHIBITED = "6DD1B161-4CDB-4900-BD31-DBB97E86B2AE"
WITHOUT_CONDITIONS = "3B9ECE67-B35C-40FF-8C06-4EA5FF762899"
OTHER_AREA = "5B6177DD-5E5E-434E-8CB7-D63D67D5EBED"
RISK_MANAGEMENT = "B6B916B4-1700-430C-BCFB-FCE81D6F1349"


def entries(data):
    """The JSON walked on its own: (entry, containing section key, parent key), depth first."""

    def walk(questions, section, parent):
        for entry in questions:
            yield entry, section, parent
            yield from walk(entry.get("questions") or [], section, entry["key"])

    for section in data["sections"]:
        yield from walk(section["questions"], section["key"], None)


def yes(value="true"):
    return {"value": value}


def applicable(states, key):
    return states[key].applicable


def mini(**changes):
    """A tiny question set of a hypothetical 6th cycle, in the same JSON shape."""
    data = {
        "report": "cpbNationalReport6",
        "semantics": {"customValidations": {"isAOrB": "QA01 or QA02 answered 'yes'"}},
        "sections": [
            {
                "key": "S1",
                "title": "Section one",
                "questions": [
                    {"key": "QA01", "section": "S1", "number": "1", "type": "option",
                     "title": "A?", "multiple": False, "mandatory": True,
                     "options": [{"value": "yes", "title": "Yes"}, {"value": "no", "title": "No"}],
                     "validations": [{"question": "QA03", "type": "&isAOrB", "trigger": "enable"}]},
                    {"key": "QA02", "section": "S1", "number": "2", "type": "option",
                     "title": "B?", "multiple": False,
                     "options": [{"value": "yes", "title": "Yes"}, {"value": "no", "title": "No"}],
                     "validations": [{"question": "QA03", "type": "&isAOrB", "trigger": "enable"}]},
                    {"key": "QA03", "section": "S1", "number": "3", "type": "lstring",
                     "title": "Why?", "mandatory": True},
                ],
            }
        ],
    }  # fmt: skip
    for path, value in changes.items():
        target = data
        *steps, last = path.split("__")
        for step in steps:
            target = target[int(step)] if step.isdigit() else target[step]
        target[last] = value
    return data
