"""The BCH questionnaires as loaded from their JSON files (no Django)."""

import copy

import pytest

from cbap.bch.questionnaire import (
    CUSTOM_RULES,
    Option,
    Rule,
    parse_custom_rule,
    questionnaire_from_json,
)
from cbap.bch.rules import question_states
from cbap.bch.validation import validate
from tests.bch.questionnaires import (
    BY_CYCLE,
    NR5,
    RAW,
    entries,
    mini,
    yes,
)


@pytest.mark.parametrize(
    ("cycle", "schema", "sections", "entries_", "answerable"),
    [(5, "cpbNationalReport5", 25, 237, 221), (4, "cpbNationalReport4", 25, 220, 211)],
)
def test_it_counts_the_entries_of_each_question_set(cycle, schema, sections, entries_, answerable):
    questionnaire = BY_CYCLE[cycle]
    assert questionnaire.cycle == cycle
    assert questionnaire.schema == schema
    assert len(questionnaire.sections) == sections
    assert len(questionnaire.questions) == entries_
    assert len(questionnaire.answerable) == answerable
    assert sum(1 for _ in entries(RAW[cycle])) == entries_


@pytest.mark.parametrize("cycle", [5, 4, 3])
def test_it_reproduces_every_question_option_and_rule_of_the_json(cycle):
    questionnaire = BY_CYCLE[cycle]
    walked = list(entries(RAW[cycle]))
    assert list(questionnaire.questions) == [entry["key"] for entry, _, _ in walked]
    for entry, section, parent in walked:
        question = questionnaire.questions[entry["key"]]
        assert question.section == section
        assert question.parent_key == parent == entry.get("parentKey")
        assert question.number == entry["number"]
        assert question.type == entry["type"]
        assert question.title == entry["title"]
        assert question.multiple is bool(entry.get("multiple"))
        assert question.mandatory is bool(entry.get("mandatory"))
        assert question.footnote == entry.get("footnote")
        assert question.children == tuple(c["key"] for c in entry.get("questions") or [])
        assert question.answerable is (entry["type"] not in ("sub-section", "legend"))
        assert question.options == tuple(
            Option(
                value=o["value"],
                title=o["title"],
                exclusive=bool(o.get("exclusive")),
                takes_text=o.get("type") == "lstring",
                caption=o.get("caption"),
                takes_number=o.get("type") == "int",
            )
            for o in entry.get("options") or []
        )
        assert question.rules == tuple(
            Rule(
                source_key=entry["key"],
                target_key=v["question"],
                base_key=v.get("baseQuestion"),
                kind=v["type"],
                values=tuple(v["values"]) if "values" in v else None,
                trigger=v["trigger"],
            )
            for v in entry.get("validations") or []
        )


@pytest.mark.parametrize("cycle", [5, 4])
def test_it_keeps_the_sections_in_order(cycle):
    sections = BY_CYCLE[cycle].sections
    assert [(s.key, s.title, s.description) for s in sections] == [
        (s["key"], s["title"], s.get("description")) for s in RAW[cycle]["sections"]
    ]


def test_it_files_a_question_under_the_section_that_contains_it_not_under_its_typo():
    # The source says "Article2" for Q026_adq, which sits in "Articles7-10".
    assert NR5.questions["Q026_adq"].section == "Articles7-10"


def test_it_flattens_sub_sections_but_remembers_the_parent():
    assert NR5.questions["Q025"].children == ("Q025_a", "Q025_b")
    assert NR5.questions["Q025_a"].parent_key == "Q025"
    assert list(NR5.questions).index("Q025_a") == list(NR5.questions).index("Q025") + 1


@pytest.mark.parametrize("cycle", [5, 4])
def test_it_knows_every_custom_rule_the_json_describes(cycle):
    described = RAW[cycle]["semantics"]["customValidations"]
    questionnaire = BY_CYCLE[cycle]
    assert set(questionnaire.custom_rules) == set(described)
    for name, text in described.items():
        parsed = parse_custom_rule(name, text)
        known = CUSTOM_RULES[name]
        assert (set(parsed.keys), set(parsed.values)) == (set(known.keys), set(known.values))
        assert questionnaire.custom_rules[name] == known


@pytest.mark.parametrize(
    ("name", "text", "keys", "values"),
    [
        ("is79Or80Or81", "Q079 or Q080 or Q081 answered 'true' or 'true.some'",
         ("Q079", "Q080", "Q081"), ("true", "true.some")),
        ("is91Or92Or93", "any of Q091, Q092, Q093 answered 'true' or 'true.some'",
         ("Q091", "Q092", "Q093"), ("true", "true.some")),
        ("is66_aOr66_b", "Q066_a or Q066_b answered 'true'", ("Q066_a", "Q066_b"), ("true",)),
    ],
)  # fmt: skip
def test_it_parses_a_custom_rule_description(name, text, keys, values):
    rule = parse_custom_rule(name, text)
    assert (rule.name, rule.keys, rule.values) == (name, keys, values)


def test_it_loads_a_sixth_cycle_as_just_another_json_file():
    sixth = questionnaire_from_json(mini(), cycle=6)
    assert (sixth.cycle, sixth.schema, list(sixth.questions)) == (6, "cpbNationalReport6",
                                                                  ["QA01", "QA02", "QA03"])  # fmt: skip
    assert sixth.custom_rules["isAOrB"].keys == ("QA01", "QA02")
    assert not question_states(sixth, {"QA01": yes("no")})["QA03"].enabled
    assert question_states(sixth, {"QA01": yes("no"), "QA02": yes("yes")})["QA03"].enabled
    assert validate(sixth, {"QA01": yes("yes"), "QA03": {"value": {"en": "x"}}},
                    require_mandatory=True) == []  # fmt: skip


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"sections__0__questions__1__key": "QA01"}, "appears twice"),
        ({"sections__0__questions__2__type": "slider"}, "unknown type"),
        ({"sections__0__questions__0__validations": [
            {"question": "QZ99", "type": "@hasValues", "trigger": "enable"}]}, "unknown QZ99"),
        ({"sections__0__questions__0__validations": [
            {"question": "QA03", "baseQuestion": "QA02", "type": "@hasValues",
             "trigger": "enable"}]}, "not in sub-section QA02"),
        ({"sections__0__questions__0__validations": [
            {"question": "QA03", "type": "@hasValues", "trigger": "blink"}]}, "unknown trigger"),
        ({"sections__0__questions__0__validations": [
            {"question": "QA03", "type": "&isMystery", "trigger": "enable"}]},
         "neither known nor described"),
    ],
)  # fmt: skip
def test_it_refuses_an_inconsistent_question_set(changes, message):
    with pytest.raises(ValueError, match=message):
        questionnaire_from_json(mini(**changes), cycle=6)


def test_it_refuses_a_custom_rule_description_that_contradicts_the_edit_form():
    data = copy.deepcopy(RAW[5])
    data["semantics"]["customValidations"]["is79Or80Or81"] = "Q079 answered 'true'"
    with pytest.raises(ValueError, match="but the edit form tests"):
        questionnaire_from_json(data, cycle=5)
