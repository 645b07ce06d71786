"""The reviewed indicator definitions (cbap/indicators/data/definitions.yaml) against the plan
and the national-report questionnaires, and their records sources against the plan's codes and
the vocabularies of activities and resources.

Pure Python: no Django, no engine import. The condition tree is walked here, independently of
cbap.engine, so that a definition that the engine would accept but that names a question or
option the questionnaire does not have (or a plan code, a term or a facet the records do not
have) still fails.

Run: python3 -m pytest tests/indicators -q -p no:cacheprovider -p no:django
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
DEFINITIONS = ROOT / "cbap" / "indicators" / "data" / "definitions.yaml"
POPULATIONS_FILE = ROOT / "cbap" / "indicators" / "data" / "populations.yaml"
QUESTIONNAIRES = {
    4: ROOT / "cbap" / "bch" / "data" / "bch" / "nr4-questions.json",
    5: ROOT / "cbap" / "bch" / "data" / "bch" / "nr5-questions.json",
}
PLAN = ROOT / "cbap" / "plan" / "data" / "cp-10-4.json"
CB_AREAS = ROOT / "cbap" / "bch" / "data" / "bch" / "cb-areas-nr.json"
VOCABULARIES = ROOT / "cbap" / "activities" / "vocabularies.py"
NEEDS_VOCABULARIES = ROOT / "cbap" / "needs" / "vocabularies.py"

# Indicator letters per goal, counted in the appendix of decision CP-10/4
# (cbap/plan/data/source/CBD-CP-MOP-DEC-10-4.txt).
INDICATORS_PER_GOAL = {
    "A.1": 2,
    "A.2": 3,
    "A.3": 3,
    "A.4": 1,
    "A.5": 6,
    "A.6": 4,
    "A.7": 2,
    "A.8": 4,
    "A.9": 4,
    "A.10": 6,
    "B.1": 5,
    "B.2": 4,
    "B.3": 7,
    "B.4": 2,
}
EXPECTED_CODES = [
    f"{goal}.{chr(ord('a') + i)}"
    for goal, count in INDICATORS_PER_GOAL.items()
    for i in range(count)
]
SUPPLEMENTARY_PROTOCOL_CODES = {"A.10.b", "A.10.c", "A.10.d", "A.10.e", "A.10.f"}
NOT_PARTIES_CODES = {"A.2.a", "A.2.b", "A.9.b"}  # tools, users, materials
NON_COMPLIANT_CODES = {"A.4.a"}

MEASURES = {"percentage": "numerator", "number": "numerator", "sum": "sum_of"}
POPULATION_ENTRIES = yaml.safe_load(POPULATIONS_FILE.read_text(encoding="utf-8"))
POPULATIONS = set(POPULATION_ENTRIES)
PARTY_POPULATIONS = {name for name, entry in POPULATION_ENTRIES.items() if entry.get("parties")}
FITS = {"direct", "proxy", "not_measured"}
CYCLES = {4, 5}
DATA_NEEDED = {
    "capacity_building_activities",
    "capacity_building_resources",
    "resource_usage_statistics",
    "needs_self_assessments",
    "support_offers",
    "compliance_committee_cases",
    "bch_records",
    "bch_usage_statistics",
    "laboratory_networks",
    "secretariat_records",
}
ENTRY_FIELDS = {
    "code",
    "measure",
    "unit",
    "population",
    "population_label",
    "data_needed",
    "sources",
}
SOURCE_FIELDS = {
    "source",
    "beside",
    "fit",
    "questions",
    "condition",
    "numerator",
    "sum_of",
    "bands",
    "context",
    "rationale",
    "wording_change",
}
RECORDS_FIELDS = {
    "source",
    "fit",
    "where",
    "party",
    "count",
    "context",
    "rationale",
    "wording_change",
    "beside",
}
RECORD_SOURCES = {"activities", "resources", "needs", "matches"}
COUNTING_FIELDS = ("condition", "numerator", "sum_of", "bands", "context")
NOT_ANSWERABLE = {"sub-section", "legend"}
ANSWER_TESTS = {"in", "not_in", "answered", "text_on", "min"}


# --- loading -------------------------------------------------------------------------------


def load_questionnaire(path: Path) -> dict[str, dict]:
    """Every answerable question of a report, nested sub-questions included, by key."""

    def walk(questions):
        for question in questions:
            yield question
            yield from walk(question.get("questions") or [])

    data = json.loads(path.read_text(encoding="utf-8"))
    return {
        question["key"]: question
        for section in data["sections"]
        for question in walk(section["questions"])
        if question["type"] not in NOT_ANSWERABLE
    }


QUESTIONS = {cycle: load_questionnaire(path) for cycle, path in QUESTIONNAIRES.items()}
ENTRIES = yaml.safe_load(DEFINITIONS.read_text(encoding="utf-8"))
BY_CODE = {entry.get("code"): entry for entry in ENTRIES if isinstance(entry, dict)}


def entry_for(code: str) -> dict:
    assert code in BY_CODE, f"{code} has no definition in {DEFINITIONS.name}"
    return BY_CODE[code]


def sources_of(code: str):
    """(cycle, source) pairs of an entry, for the cycles that are present."""
    sources = entry_for(code).get("sources") or {}
    return [(cycle, sources[cycle]) for cycle in sorted(CYCLES) if cycle in sources]


# --- the condition walker and the checks (plain functions returning problems) ---------------


def leaves(node, where: str = "condition"):
    """Yield (q, operator, argument, where) for every question test in a condition tree.

    Raises AssertionError on a node that is not part of the condition language.
    """
    assert isinstance(node, dict), f"{where}: {node!r} is not a mapping"
    if "q" in node:
        operators = set(node) - {"q"}
        assert isinstance(node["q"], str), f"{where}: q must be a question key, got {node['q']!r}"
        assert len(operators) == 1 and operators <= ANSWER_TESTS, (
            f"{where}: {node!r} needs q and exactly one of {sorted(ANSWER_TESTS)}"
        )
        (operator,) = operators
        yield node["q"], operator, node[operator], where
        return
    assert len(node) == 1, f"{where}: {node!r} must have exactly one operator"
    ((operator, argument),) = node.items()
    if operator in ("all", "any"):
        assert isinstance(argument, list) and argument, f"{where}.{operator} needs a list"
        for i, child in enumerate(argument):
            yield from leaves(child, f"{where}.{operator}[{i}]")
    elif operator == "not":
        yield from leaves(argument, f"{where}.not")
    elif operator == "member_of":
        assert argument in PARTY_POPULATIONS, f"{where}: unknown population {argument!r}"
    else:
        raise AssertionError(f"{where}: unknown operator {operator!r}")


def used_questions(source: dict) -> dict[str, list[tuple[str, object, str]]]:
    """Question key -> the tests made on it, over condition, numerator, context and sum_of (with
    a summed question's bands as the argument)."""
    used: dict[str, list] = {}
    conditions = [(name, source.get(name)) for name in ("condition", "numerator")]
    conditions += [
        (f"context[{i}]", item.get("condition"))
        for i, item in enumerate(source.get("context") or [])
    ]
    for name, condition in conditions:
        if condition is not None:
            for key, operator, argument, where in leaves(condition, name):
                used.setdefault(key, []).append((operator, argument, where))
    for key in source.get("sum_of") or []:
        used.setdefault(key, []).append(("sum_of", (source.get("bands") or {}).get(key), "sum_of"))
    return used


def _english(title) -> str:
    return title.get("en", "") if isinstance(title, dict) else (title or "")


def band_of_title(title: str) -> list | None:
    """ "None" -> [0, 0], "1 to 4" -> [1, 4], "10 or more" -> [10, None]; None for an option
    that is not a count ("Not applicable")."""
    title = title.strip().lower()
    if title == "none" or title.startswith("none "):
        return [0, 0]
    if match := re.fullmatch(r"(\d+) to (\d+)", title):
        return [int(match[1]), int(match[2])]
    if match := re.fullmatch(r"(\d+) or more", title):
        return [int(match[1]), None]
    return None


def option_problems(cycle: int, source: dict, questionnaire: dict[str, dict]) -> list[str]:
    """Every way in which the source's question tests do not fit the questionnaire."""
    problems = []
    for key, tests in used_questions(source).items():
        question = questionnaire.get(key)
        if question is None:
            problems.append(f"NR{cycle} has no answerable question {key}")
            continue
        options = {option["value"]: option for option in question.get("options") or []}
        for operator, argument, where in tests:
            if operator in ("in", "not_in", "text_on"):
                if not isinstance(argument, list) or not argument:
                    problems.append(f"{where}: {operator} on {key} needs a non-empty list")
                    continue
                for value in argument:
                    if not isinstance(value, str):
                        problems.append(
                            f"{where}: {key} value {value!r} is not a string (quote it in YAML)"
                        )
                    elif value not in options:
                        problems.append(f"{where}: {value!r} is not an option of NR{cycle} {key}")
                    elif operator == "text_on" and options[value].get("type") != "lstring":
                        problems.append(
                            f"{where}: option {value!r} of NR{cycle} {key} takes no text"
                        )
            elif operator == "min":
                if question["type"] != "int":
                    problems.append(
                        f"{where}: min on NR{cycle} {key}, whose type is {question['type']}, not int"
                    )
                if not isinstance(argument, int) or isinstance(argument, bool):
                    problems.append(f"{where}: min on {key} needs an integer")
            elif operator == "answered":
                if argument is not True:
                    problems.append(f"{where}: answered on {key} must be true")
            elif operator == "sum_of" and argument is None and question["type"] != "int":
                problems.append(
                    f"sum_of: NR{cycle} {key} is a {question['type']} question without bands"
                )
            elif operator == "sum_of" and argument is not None:
                titles = {value: _english(option["title"]) for value, option in options.items()}
                expected = {
                    value: band for value, title in titles.items() if (band := band_of_title(title))
                }
                if argument != expected:
                    problems.append(
                        f"bands: NR{cycle} {key} bands {argument} are not its options' titles "
                        f"{expected}"
                    )
    return problems


# --- the plan ------------------------------------------------------------------------------


def test_the_expected_codes_are_the_53_indicators_of_the_action_plan():
    assert len(EXPECTED_CODES) == 53
    assert EXPECTED_CODES[:3] == ["A.1.a", "A.1.b", "A.2.a"]
    assert EXPECTED_CODES[-1] == "B.4.b"


def test_the_definitions_list_every_indicator_once_in_plan_order():
    codes = [entry.get("code") if isinstance(entry, dict) else entry for entry in ENTRIES]
    missing = [code for code in EXPECTED_CODES if code not in codes]
    extra = [code for code in codes if code not in EXPECTED_CODES]
    duplicated = sorted({code for code in codes if codes.count(code) > 1}, key=str)
    assert not missing, f"missing indicators: {missing}"
    assert not extra, f"indicators not in the plan: {extra}"
    assert not duplicated, f"indicators defined twice: {duplicated}"
    assert codes == EXPECTED_CODES, "the indicators are not in plan order"


# --- one entry -----------------------------------------------------------------------------


@pytest.mark.parametrize("code", EXPECTED_CODES)
def test_an_indicator_has_only_the_known_fields(code):
    entry = entry_for(code)
    assert set(entry) <= ENTRY_FIELDS, f"unknown fields {sorted(set(entry) - ENTRY_FIELDS)}"
    for cycle, source in sources_of(code):
        known = RECORDS_FIELDS if from_records(source) else SOURCE_FIELDS
        unknown = set(source) - known
        assert not unknown, f"NR{cycle}: unknown fields {sorted(unknown)}"
        if "beside" in source:
            unknown = set(source["beside"]) - RECORDS_FIELDS
            assert not unknown, f"NR{cycle} beside: unknown fields {sorted(unknown)}"


@pytest.mark.parametrize("code", EXPECTED_CODES)
def test_an_indicator_has_a_measure_a_population_and_a_population_label(code):
    entry = entry_for(code)
    assert entry.get("measure") in MEASURES, f"measure {entry.get('measure')!r}"
    assert entry.get("population") in POPULATIONS, f"population {entry.get('population')!r}"
    label = entry.get("population_label")
    assert isinstance(label, str) and label.strip(), "population_label is empty"


@pytest.mark.parametrize("code", EXPECTED_CODES)
def test_an_indicator_counts_the_population_it_is_about(code):
    if code in SUPPLEMENTARY_PROTOCOL_CODES:
        expected = "supplementary_protocol_parties"
    elif code in NOT_PARTIES_CODES:
        expected = "none"
    elif code in NON_COMPLIANT_CODES:
        expected = "non_compliant_parties"
    else:
        expected = "cartagena_parties"
    assert entry_for(code).get("population") == expected


@pytest.mark.parametrize("code", EXPECTED_CODES)
def test_an_indicator_whose_population_is_not_parties_is_not_measured_by_reports(code):
    if entry_for(code).get("population") in PARTY_POPULATIONS:
        return
    for cycle, source in sources_of(code):
        if from_records(source):  # records count things: the records, or their use
            assert source.get("count") in ("records", "views", "downloads"), f"NR{cycle}"
            assert "party" not in source, f"NR{cycle}: a count of things counts no Party"
            continue
        assert source.get("fit") == "not_measured", f"NR{cycle} measures a count of things"
    assert entry_for(code).get("data_needed"), "says which data would count them"


def test_every_population_is_described_and_used():
    for name, entry in POPULATION_ENTRIES.items():
        assert set(entry) <= {"parties", "label", "source", "data_needed", "asked"}, name
        for cycle, key in (entry.get("asked") or {}).items():
            question = QUESTIONS[cycle].get(key)
            assert question is not None, f"{name}: NR{cycle} has no question {key}"
            values = {option["value"] for option in question.get("options") or []}
            assert {"true", "false"} <= values, f"{name}: NR{cycle} {key} is not a yes/no"
        assert isinstance(entry.get("parties"), bool) and entry.get("label"), name
        assert entry.get("source") in (None, "registry"), name
        assert not (entry.get("source") and not entry["parties"]), name
        assert set(entry.get("data_needed") or []) <= DATA_NEEDED, name
        if entry["parties"] and entry.get("source") is None:
            assert entry.get("data_needed"), f"{name}: no data yet, so say which data is needed"
    used = {entry.get("population") for entry in ENTRIES}
    assert used == POPULATIONS, f"unused: {sorted(POPULATIONS - used)}"


@pytest.mark.parametrize("code", EXPECTED_CODES)
def test_an_indicator_is_defined_for_the_baseline_and_the_midterm_report(code):
    sources = entry_for(code).get("sources")
    assert isinstance(sources, dict), "sources must map cycle numbers to sources"
    assert set(sources) == CYCLES, f"cycles {sorted(sources, key=str)}, expected 4 and 5"


@pytest.mark.parametrize("code", EXPECTED_CODES)
def test_every_cycle_has_a_fit_a_rationale_and_a_wording_change_field(code):
    for cycle, source in sources_of(code):
        assert source.get("fit") in FITS, f"NR{cycle}: fit {source.get('fit')!r}"
        rationale = source.get("rationale")
        assert isinstance(rationale, str) and rationale.strip(), f"NR{cycle}: no rationale"
        assert "wording_change" in source, f"NR{cycle}: wording_change missing (null or text)"
        change = source["wording_change"]
        assert change is None or (isinstance(change, str) and change.strip()), (
            f"NR{cycle}: wording_change must be null or a sentence"
        )


@pytest.mark.parametrize("code", EXPECTED_CODES)
def test_a_measured_cycle_names_its_questions_and_what_it_counts(code):
    counted_by = MEASURES[entry_for(code)["measure"]]
    for cycle, source in sources_of(code):
        if source.get("fit") == "not_measured" or from_records(source):
            continue  # records sources: test_a_records_source_says_what_it_counts
        assert source.get("questions"), (
            f"NR{cycle}: a {source.get('fit')} source lists no questions"
        )
        assert source.get(counted_by) is not None, f"NR{cycle}: {counted_by} is missing"
        others = [
            name
            for name in ("numerator", "sum_of")
            if name != counted_by and source.get(name) is not None
        ]
        assert not others, f"NR{cycle}: {others} do not apply to a {entry_for(code)['measure']}"


@pytest.mark.parametrize("code", EXPECTED_CODES)
def test_a_count_says_what_it_counts_and_never_calls_other_things_parties(code):
    entry = entry_for(code)
    if entry["measure"] == "percentage":
        assert "unit" not in entry, "a percentage is in percent"
        return
    assert isinstance(entry.get("unit"), str) and entry["unit"], "a count names its unit"
    if entry["measure"] == "sum" or entry["population"] not in PARTY_POPULATIONS:
        assert entry["unit"] != "Parties", f"{code} counts {entry['unit']}, not Parties"


def test_the_band_check_reads_the_option_titles():
    assert [band_of_title(t) for t in ("None", "1 to 4", "10 or more", "Not applicable")] == [
        [0, 0],
        [1, 4],
        [10, None],
        None,
    ]
    wrong = {"sum_of": ["Q076"], "bands": {"Q076": {"0": [0, 0], "1+": [1, 5]}}}
    (problem,) = option_problems(5, wrong, QUESTIONS[5])
    assert problem.startswith("bands: NR5 Q076 bands")


@pytest.mark.parametrize("code", EXPECTED_CODES)
def test_a_not_measured_cycle_has_no_questions_and_counts_nothing(code):
    for cycle, source in sources_of(code):
        if source.get("fit") != "not_measured":
            continue
        assert source.get("questions") == [], f"NR{cycle}: questions must be []"
        present = [name for name in COUNTING_FIELDS if source.get(name) is not None]
        assert not present, f"NR{cycle}: a not_measured source has {present}"


@pytest.mark.parametrize("code", EXPECTED_CODES)
def test_every_question_used_is_answerable_in_that_cycles_questionnaire(code):
    for cycle, source in sources_of(code):
        unknown = [key for key in used_questions(source) if key not in QUESTIONS[cycle]]
        assert not unknown, f"NR{cycle} has no answerable question {unknown}"
        listed = [key for key in source.get("questions") or [] if key not in QUESTIONS[cycle]]
        assert not listed, f"NR{cycle}: questions lists {listed}, not answerable questions"


@pytest.mark.parametrize("code", EXPECTED_CODES)
def test_every_question_used_is_listed_and_every_listed_question_is_used(code):
    for cycle, source in sources_of(code):
        listed = source.get("questions") or []
        used = set(used_questions(source))
        assert len(listed) == len(set(listed)), f"NR{cycle}: questions lists a key twice"
        assert not used - set(listed), (
            f"NR{cycle}: used but not listed {sorted(used - set(listed))}"
        )
        assert not set(listed) - used, (
            f"NR{cycle}: listed but not used {sorted(set(listed) - used)}"
        )


@pytest.mark.parametrize("code", EXPECTED_CODES)
def test_every_option_value_is_an_option_of_its_question(code):
    for cycle, source in sources_of(code):
        problems = option_problems(cycle, source, QUESTIONS[cycle])
        assert not problems, "\n".join(problems)


@pytest.mark.parametrize("code", EXPECTED_CODES)
def test_an_indicator_not_measured_in_some_cycle_says_what_data_is_needed(code):
    entry = entry_for(code)
    needed = entry.get("data_needed")
    assert isinstance(needed, list), "data_needed must be a list (possibly empty)"
    assert set(needed) <= DATA_NEEDED, f"not in the vocabulary: {sorted(set(needed) - DATA_NEEDED)}"
    assert len(needed) == len(set(needed)), "data_needed lists an item twice"
    unmeasured = [
        cycle for cycle, source in sources_of(code) if source.get("fit") == "not_measured"
    ]
    if unmeasured:
        assert needed, f"NR{unmeasured} not measured but data_needed is empty"


# --- the checks catch what they are meant to catch ------------------------------------------


def test_the_checks_accept_a_well_formed_source():
    source = {
        "condition": {
            "any": [{"q": "Q122", "in": ["true"]}, {"not": {"q": "Q118", "in": ["false"]}}]
        },
        "numerator": {
            "all": [{"q": "Q011", "in": ["true"]}, {"member_of": "supplementary_protocol_parties"}]
        },
    }
    assert set(used_questions(source)) == {"Q122", "Q118", "Q011"}
    assert option_problems(5, source, QUESTIONS[5]) == []


def test_the_checks_reject_an_option_the_question_does_not_have():
    source = {"numerator": {"q": "Q011", "in": ["true.some"]}}
    assert option_problems(5, source, QUESTIONS[5]) == [
        "numerator: 'true.some' is not an option of NR5 Q011"
    ]


def test_the_checks_reject_an_unquoted_yaml_boolean():
    source = yaml.safe_load("numerator: {q: Q011, in: [true]}")
    assert "is not a string" in option_problems(5, source, QUESTIONS[5])[0]


def test_the_checks_reject_a_question_of_the_other_report():
    source = {"numerator": {"q": "Q155_e", "in": ["true"]}}
    assert option_problems(4, source, QUESTIONS[4]) == ["NR4 has no answerable question Q155_e"]


def test_the_checks_reject_a_sub_section_container():
    source = {"numerator": {"q": "Q102", "answered": True}}
    assert option_problems(5, source, QUESTIONS[5]) == ["NR5 has no answerable question Q102"]


def test_the_checks_reject_text_on_an_option_without_text():
    source = {"numerator": {"q": "Q118", "text_on": ["true"]}}
    assert option_problems(5, source, QUESTIONS[5]) == [
        "numerator: option 'true' of NR5 Q118 takes no text"
    ]
    assert (
        option_problems(5, {"numerator": {"q": "Q118", "text_on": ["true.some"]}}, QUESTIONS[5])
        == []
    )


def test_the_checks_reject_min_on_a_question_that_is_not_an_integer():
    assert option_problems(5, {"numerator": {"q": "Q088", "min": 1}}, QUESTIONS[5]) == [
        "numerator: min on NR5 Q088, whose type is option, not int"
    ]
    assert option_problems(5, {"numerator": {"q": "Q026_adq", "min": 1}}, QUESTIONS[5]) == []


def test_the_walker_reaches_leaves_nested_deep_in_the_tree():
    condition = {
        "all": [
            {"any": [{"not": {"q": "Q123", "in": ["x"]}}]},
            {"member_of": "supplementary_protocol_parties"},
        ]
    }
    assert [leaf[:2] for leaf in leaves(condition)] == [("Q123", "in")]


def test_the_walker_rejects_an_unknown_operator():
    with pytest.raises(AssertionError, match="unknown operator"):
        list(leaves({"some": [{"q": "Q011", "in": ["true"]}]}))


# --- records sources: the published activities and resources ---------------------------------

FACETS = {
    "activities": {
        "goal",
        "key_area",
        "plan_activity",
        "country",
        "region",
        "scope",
        "status",
        "category",
        "audience",
        "actor",
        "funding",
        "funder_type",
        "year",
        "new_tech",
        "owner",
        "cb_area",
        "organization",
    },
    "resources": {
        "goal",
        "key_area",
        "plan_activity",
        "country",
        "resource_type",
        "language",
        "training",
        "year",
        "new_tech",
        "owner",
        "cb_area",
        "organization",
    },
    "needs": {"goal", "key_area", "level", "kind", "audience"},
    "matches": {"goal", "key_area", "kind", "outcome", "provider"},
}
"""The facets of the public index of cbap/activities, per kind of record (its `facets.py`), and
of the needs and matches of cbap/needs (as cbap/indicators/records.py reads them)."""
VOCABULARY_OF = {
    "category": "CATEGORIES",
    "audience": "AUDIENCES",
    "actor": "ACTORS",
    "scope": "SCOPES",
    "status": "STATUSES",
    "funding": "FUNDING_TYPES",
    "funder_type": "ORGANIZATION_TYPES",
    "resource_type": "RESOURCE_TYPES",
}
"""Facet → the vocabulary of cbap/activities/vocabularies.py whose keys it holds."""
LEAF_TESTS = {"in", "other_than"}
DATA_OF = {
    "activities": "capacity_building_activities",
    "resources": "capacity_building_resources",
    "needs": "needs_self_assessments",
    "matches": "support_offers",
}
"""A records source → the data it is, as `data_needed` names it."""


def from_records(source: dict) -> bool:
    return source.get("source", "report") in RECORD_SOURCES


def vocabulary_keys() -> dict[str, set[str]]:
    """Each vocabulary's term keys, read from the source without importing it (it needs Django):
    NAME = _terms(Term("key", …), …)."""
    found = {}
    tree = ast.parse(VOCABULARIES.read_text(encoding="utf-8"))
    for node in tree.body:
        if (
            isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Call)
            and getattr(node.value.func, "id", "") == "_terms"
        ):
            (target,) = node.targets
            found[target.id] = {term.args[0].value for term in node.value.args}
    return found


def needs_terms() -> dict[str, set[str]]:
    """The needs' and matches' terms: the keys of cbap/needs/vocabularies.py's LEVELS and KINDS
    (read without importing it), a match's outcomes and providers."""
    tree = ast.parse(NEEDS_VOCABULARIES.read_text(encoding="utf-8"))
    found = {
        node.targets[0].id: {key.value for key in node.value.keys}
        for node in tree.body
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Dict)
    }
    return {
        "level": found["LEVELS"],
        "kind": found["KINDS"],
        "outcome": {"met", "partly_met", "not_met", "pending"},
        "provider": {"party", "organization"},
    }


def plan_codes() -> dict[str, set[str]]:
    """The plan's goals, key areas and plan activities, as the facets name them."""
    plan = json.loads(PLAN.read_text(encoding="utf-8"))
    codes: dict[str, set[str]] = {"goal": set(), "key_area": set(), "plan_activity": set()}
    for goal in plan["goals"]:
        codes["goal"].add(goal["code"])
        codes["key_area"].update(f"{goal['code']}.{k['number']}" for k in goal["key_areas"])
        codes["plan_activity"].update(f"{goal['code']}.{a['number']}" for a in goal["activities"])
    return codes


TERMS = vocabulary_keys()
NEEDS_TERMS = needs_terms()
PLAN_CODES = plan_codes()
AREAS = {term["identifier"] for term in json.loads(CB_AREAS.read_text(encoding="utf-8"))["terms"]}


def facet_leaves(node, where: str = "where"):
    """Yield (facet, test, values, where) for every leaf of a records condition."""
    assert isinstance(node, dict) and node, f"{where}: {node!r} is not a condition"
    if "facet" in node:
        tests = set(node) - {"facet"}
        assert len(tests) == 1 and tests <= LEAF_TESTS, f"{where}: {node!r}"
        (test,) = tests
        yield node["facet"], test, node[test], where
        return
    assert len(node) == 1, f"{where}: {node!r} must have exactly one operator"
    ((operator, argument),) = node.items()
    if operator in ("all", "any"):
        assert isinstance(argument, list) and argument, f"{where}.{operator} needs a list"
        for i, child in enumerate(argument):
            yield from facet_leaves(child, f"{where}.{operator}[{i}]")
    elif operator == "not":
        yield from facet_leaves(argument, f"{where}.not")
    else:
        raise AssertionError(f"{where}: unknown operator {operator!r}")


def facet_problems(records: str, where) -> list[str]:
    """Every way in which a records condition does not fit the facets and their values."""
    problems = []
    for facet, test, values, at in facet_leaves(where):
        if facet not in FACETS[records]:
            problems.append(f"{at}: {records} have no facet {facet!r}")
            continue
        if not isinstance(values, list) or not values:
            problems.append(f"{at}: {test} on {facet} needs a non-empty list")
            continue
        for value in values:
            if not isinstance(value, str):
                problems.append(f"{at}: {facet} value {value!r} is not a string (quote it)")
            elif facet in PLAN_CODES and value not in PLAN_CODES[facet]:
                problems.append(f"{at}: {value!r} is not a {facet} of the plan")
            elif facet in VOCABULARY_OF and value not in TERMS[VOCABULARY_OF[facet]]:
                problems.append(f"{at}: {value!r} is not a term of {VOCABULARY_OF[facet]}")
            elif facet in NEEDS_TERMS and value not in NEEDS_TERMS[facet]:
                problems.append(f"{at}: {value!r} is not a {facet} of needs and matches")
            elif facet == "cb_area" and value not in AREAS:
                problems.append(f"{at}: {value!r} is not a capacity-building area")
            elif facet in ("training", "new_tech") and value not in ("yes", "no"):
                problems.append(f"{at}: {facet} is 'yes' or 'no', not {value!r}")
            elif facet == "owner" and value not in ("national", "reference"):
                problems.append(f"{at}: owner is 'national' or 'reference', not {value!r}")
            elif facet == "language" and not re.fullmatch(r"[a-z]{2,3}", value):
                problems.append(f"{at}: {value!r} is not an ISO 639 code")
    return problems


def records_sources(code: str):
    """(where, source) of every records source of an entry: a cycle's, or one beside it."""
    for cycle, source in sources_of(code):
        if from_records(source):
            yield f"NR{cycle}", source
        if "beside" in source:
            yield f"NR{cycle} beside", source["beside"]


@pytest.mark.parametrize("code", EXPECTED_CODES)
def test_a_records_source_says_what_it_counts(code):
    measure = entry_for(code)["measure"]
    for at, source in records_sources(code):
        assert source.get("fit") in ("direct", "proxy"), f"{at}: a records source measures"
        assert "questions" not in source, f"{at}: records answer no question"
        assert isinstance(source.get("rationale"), str) and source["rationale"].strip(), at
        assert "wording_change" in source, f"{at}: wording_change missing (null or text)"
        if measure == "percentage":
            assert source.get("party") in ("country", "owner"), f"{at}: how records count"
            assert "count" not in source, f"{at}: a percentage counts Parties"
        else:
            assert measure == "number", f"{at}: records are counted, not summed"
            assert source.get("count") in ("records", "views", "downloads", "parties"), at
            assert ("party" in source) == (source["count"] == "parties"), at
        for i, item in enumerate(source.get("context") or []):
            assert set(item) == {"label", "where"}, f"{at} context[{i}]"


@pytest.mark.parametrize("code", EXPECTED_CODES)
def test_every_facet_and_value_of_a_records_source_exists(code):
    for at, source in records_sources(code):
        wheres = [source.get("where")] + [i["where"] for i in source.get("context") or []]
        for where in wheres:
            problems = facet_problems(source["source"], where)
            assert not problems, f"{at}: " + "\n".join(problems)


@pytest.mark.parametrize("code", EXPECTED_CODES)
def test_the_baseline_reads_no_records(code):
    """The records' window starts with the plan's adoption (2022-12-19), after the fourth
    report's deadline: a baseline from them would measure what was recorded, not done."""
    source = entry_for(code)["sources"][4]
    assert not from_records(source) and "beside" not in source


@pytest.mark.parametrize("code", EXPECTED_CODES)
def test_a_source_beside_a_value_is_records_beside_a_measured_value(code):
    for cycle, source in sources_of(code):
        if "beside" in source:
            assert source.get("fit") != "not_measured", f"NR{cycle}: beside no value"
            assert from_records(source["beside"]), f"NR{cycle}: beside is a records source"
            assert "beside" not in source["beside"], f"NR{cycle}: nothing beside the beside"
            assert entry_for(code)["measure"] == "percentage", "beside counts Parties"


@pytest.mark.parametrize("code", EXPECTED_CODES)
def test_a_records_source_names_its_data_among_the_data_needed(code):
    needed = set(entry_for(code).get("data_needed") or [])
    for at, source in records_sources(code):
        if source.get("count") in ("views", "downloads"):
            assert "resource_usage_statistics" in needed, at
        else:
            assert DATA_OF[source["source"]] in needed, at


def test_the_indicators_of_activities_resources_and_use_are_measured_at_the_midterm():
    """The issue "Indicators come alive": every indicator whose data is activities, resources or
    their use is bound to the records at the midterm, or says why their use is no fair measure."""
    bound = {
        code
        for code in EXPECTED_CODES
        for at, _source in records_sources(code)
        if at.startswith("NR5")
    }
    assert bound >= {"A.3.c", "A.5.f", "A.9.b", "A.9.d", "B.1.d", "B.3.a", "B.3.d"}
    assert bound >= {"B.4.a", "B.4.b", "A.2.b"}
    assert "beside" in entry_for("B.4.a")["sources"][5]  # the report decides, the records beside
    not_fair = entry_for("A.10.d")["sources"][5]
    assert not_fair["fit"] == "not_measured" and "not a fair" in not_fair["rationale"]


def test_the_records_checks_catch_what_they_are_meant_to_catch():
    assert facet_problems("activities", {"facet": "plan_activity", "in": ["A.5.v"]}) == []
    assert facet_problems("activities", {"facet": "plan_activity", "in": ["A.5.xi"]}) == [
        "where: 'A.5.xi' is not a plan_activity of the plan"
    ]
    assert facet_problems("resources", {"facet": "actor", "in": ["academia"]}) == [
        "where: resources have no facet 'actor'"
    ]
    assert facet_problems("activities", {"facet": "category", "in": ["fellowships"]}) == [
        "where: 'fellowships' is not a term of CATEGORIES"
    ]
    unquoted = yaml.safe_load("{facet: training, in: [yes]}")
    assert "is not a string" in facet_problems("resources", unquoted)[0]
    nested = {"all": [{"any": [{"not": {"facet": "cb_area", "in": ["nope"]}}]}]}
    assert facet_problems("activities", nested) == [
        "where.all[0].any[0].not: 'nope' is not a capacity-building area"
    ]
    with pytest.raises(AssertionError, match="unknown operator"):
        facet_problems("activities", {"some": [{"facet": "goal", "in": ["A.5"]}]})
    assert {"fellowship", "training"} <= TERMS["CATEGORIES"]
    assert {"academia", "iplc"} <= TERMS["ACTORS"]
