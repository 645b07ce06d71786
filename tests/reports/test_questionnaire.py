"""The BCH questionnaires: loading, rules, answer normalisation and validation (no Django)."""

import ast
import copy
import json
from pathlib import Path

import pytest

from cbap.engine.facts import Answer
from cbap.reports.questionnaire import (
    CUSTOM_RULES,
    AnswerShapeError,
    Option,
    QuestionState,
    Rule,
    answer_states,
    normalize,
    parse_custom_rule,
    question_states,
    questionnaire_from_json,
    validate,
)

DATA = Path(__file__).resolve().parents[2] / "cbap" / "reports" / "data" / "bch"
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


# --------------------------------------------------------------------------------------------
# Loading
# --------------------------------------------------------------------------------------------


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


# --------------------------------------------------------------------------------------------
# Rules
# --------------------------------------------------------------------------------------------

ENABLE_ON = QuestionState(visible=True, enabled=True)
DISABLED = QuestionState(visible=True, enabled=False)
HIDDEN = QuestionState(visible=False, enabled=True)


@pytest.mark.parametrize(
    ("questionnaire", "answers", "target", "state"),
    [
        # @hasValues with values, trigger enable
        (NR5, {"Q011": yes()}, "Q012", ENABLE_ON),
        (NR5, {"Q011": yes("false")}, "Q012", DISABLED),
        # @hasValues with values, trigger visible
        (NR5, {"Q010": yes()}, "Q010_adq", ENABLE_ON),
        (NR5, {"Q010": yes("false")}, "Q010_adq", HIDDEN),
        (NR5, {"Q118": yes("true.some")}, "Q119", ENABLE_ON),
        # @hasValues without values: positive as soon as the carrier is answered, even "None"
        (NR5, {"Q011": yes(), "Q012": yes("1+")}, "Q012_adq", ENABLE_ON),
        (NR5, {"Q095": yes("0")}, "Q096", ENABLE_ON),
        # a rule whose carrying question is unanswered does nothing
        (NR5, {}, "Q012", ENABLE_ON),
        (NR5, {}, "Q012_adq", ENABLE_ON),
        # @hasValuesExcept
        (NR5, {"Q085": yes("false")}, "Q086", DISABLED),
        (NR5, {"Q085": yes("true.some")}, "Q086", ENABLE_ON),
        (NR5, {"Q070_a": yes("0")}, "Q070_a_adq", HIDDEN),
        (NR5, {"Q070_a": yes("10+")}, "Q070_a_adq", ENABLE_ON),
        # @hasAdditionalValues (NR4 Q036 -> Q037): a listed option carrying a (non-zero) number
        (NR4, {"Q036": [{"value": APPROVED_WITH_CONDITIONS, "additionalInformation": 40}]},
         "Q037", ENABLE_ON),
        (NR4, {"Q036": [{"value": PROHIBITED, "additionalInformation": {"value": 5}}]},
         "Q037", ENABLE_ON),
        (NR4, {"Q036": [{"value": APPROVED_WITH_CONDITIONS}]}, "Q037", DISABLED),
        (NR4, {"Q036": [{"value": APPROVED_WITH_CONDITIONS, "additionalInformation": 0}]},
         "Q037", DISABLED),
        (NR4, {"Q036": [{"value": WITHOUT_CONDITIONS, "additionalInformation": 100}]},
         "Q037", DISABLED),
    ],
)  # fmt: skip
def test_it_evaluates_each_kind_of_rule(questionnaire, answers, target, state):
    assert question_states(questionnaire, answers)[target] == state


@pytest.mark.parametrize(
    ("questionnaire", "answers", "target", "enabled"),
    [
        # is79Or80Or81: Q079 or Q080 or Q081 answered 'true' or 'true.some'
        (NR5, {"Q079": yes("false"), "Q080": yes("true.some"), "Q081": yes("false")}, "Q082", True),
        (NR5, {"Q079": yes("false"), "Q080": yes("false"), "Q081": yes("true")}, "Q082", True),
        (NR5, {"Q079": yes("true")}, "Q082", True),
        (NR5, {"Q079": yes("false"), "Q080": yes("false"), "Q081": yes("false")}, "Q082", False),
        (NR5, {"Q079": yes("false")}, "Q082", False),
        # is141Or142
        (NR5, {"Q141": yes("false"), "Q142": yes("true")}, "Q143", True),
        (NR5, {"Q141": yes("false"), "Q142": yes("false")}, "Q143", False),
        # is66_aOr66_b (inside sub-section Q066)
        (NR5, {"Q066_a": yes("true"), "Q066_b": yes("false")}, "Q067", True),
        (NR5, {"Q066_a": yes("false"), "Q066_b": yes("false")}, "Q067", False),
        # is162_aOr162_b (Q162_a also carries plain rules on Q163 and Q164)
        (NR5, {"Q162_a": yes("false"), "Q162_b": yes("true")}, "Q165", True),
        (NR5, {"Q162_a": yes("false"), "Q162_b": yes("false")}, "Q165", False),
        (NR5, {"Q162_a": yes("false"), "Q162_b": yes("true")}, "Q163", False),
        # NR4: is71aOr71b, is173aOr173b, is154Or155, is91Or92Or93
        (NR4, {"Q071_a": yes("false"), "Q071_b": yes("true")}, "Q072", True),
        (NR4, {"Q071_a": yes("false"), "Q071_b": yes("false")}, "Q072", False),
        (NR4, {"Q173_a": yes("true"), "Q173_b": yes("false")}, "Q176", True),
        (NR4, {"Q173_a": yes("false"), "Q173_b": yes("false")}, "Q176", False),
        (NR4, {"Q154": yes("false"), "Q155": yes("true")}, "Q156", True),
        (NR4, {"Q154": yes("false"), "Q155": yes("false")}, "Q156", False),
        (NR4, {"Q091": yes("false"), "Q092": yes("true.some"), "Q093": yes("false")}, "Q094", True),
        (NR4, {"Q091": yes("false"), "Q092": yes("false"), "Q093": yes("false")}, "Q094", False),
    ],
)  # fmt: skip
def test_it_evaluates_each_custom_rule(questionnaire, answers, target, enabled):
    state = question_states(questionnaire, answers)[target]
    assert (state.visible, state.enabled) == (True, enabled)


@pytest.mark.parametrize(("answer", "enabled"), [("true", True), ("false", False)])
def test_it_looks_targets_up_inside_the_base_sub_section_and_flags_it_too(answer, enabled):
    states = question_states(NR5, {"Q022": yes(answer)})
    assert states["Q025_a"].enabled is states["Q025_b"].enabled is enabled
    assert states["Q025"].enabled is enabled  # as the form does for a non-"visible" trigger


def test_it_leaves_the_sub_section_alone_for_a_visible_trigger():
    states = question_states(NR5, {"Q155_c": yes("false")})
    assert states["Q155_c_adq"] == HIDDEN
    assert states["Q155"] == ENABLE_ON
    assert states["Q155_d"] == ENABLE_ON


def test_it_makes_the_children_of_a_disabled_sub_section_not_applicable():
    states = question_states(NR5, {"Q042": yes("false")})
    assert states["Q043"] == DISABLED
    assert states["Q043_a"] == states["Q043_b"] == DISABLED


@pytest.mark.parametrize(
    ("answers", "key"),
    [
        # Q011 = No disables Q012; Q012's own rule then hides Q012_adq, stale answer or not.
        ({"Q011": yes("false"), "Q012": yes("1+")}, "Q012_adq"),
        ({"Q011": yes("false")}, "Q012_adq"),
        # Q055 = No disables Q059_b (in sub-section Q059), whose rule then disables Q060.
        ({"Q055": yes("false"), "Q059_b": yes("true")}, "Q060"),
        # Q042 = No disables sub-section Q043 as a whole.
        ({"Q042": yes("false"), "Q043_a": yes("true")}, "Q043_b"),
    ],
)
def test_it_cascades_through_questions_that_do_not_apply(answers, key):
    assert not question_states(NR5, answers)[key].applicable


def test_it_ignores_the_answer_of_a_question_that_does_not_apply_in_custom_rules():
    # QA01 = no disables QA02, so QA02's stale "yes" must not make the custom rule positive.
    sixth = questionnaire_from_json(
        mini(
            sections__0__questions__0__validations=[
                {"question": "QA02", "type": "@hasValues", "values": ["yes"], "trigger": "enable"},
                {"question": "QA03", "type": "&isAOrB", "trigger": "enable"},
            ],
            sections__0__questions__1__validations=[],
        ),
        cycle=6,
    )
    states = question_states(sixth, {"QA01": yes("no"), "QA02": yes("yes")})
    assert not states["QA02"].enabled
    assert not states["QA03"].enabled
    assert question_states(sixth, {"QA01": yes("yes")})["QA03"].enabled


def test_it_accepts_normalised_answers_as_well_as_raw_ones():
    raw = question_states(NR5, {"Q011": yes("false")})
    normalised = question_states(NR5, {"Q011": Answer(values=("false",))})
    assert raw == normalised


def test_it_gives_a_state_to_every_entry():
    states = question_states(NR5, {})
    assert set(states) == set(NR5.questions)
    assert all(state == ENABLE_ON for state in states.values())


def test_it_tells_answered_not_answered_and_not_applicable_apart():
    answers = {"Q010": yes("false"), "Q010_adq": yes("true"), "Q011": yes("true")}
    states = answer_states(NR5, answers)
    assert set(states) == {q.key for q in NR5.answerable}
    assert "Q025" not in states  # a sub-section heading
    assert states["Q010"] == "answered"
    assert states["Q010_adq"] == "not_applicable"  # hidden by Q010 = No, answer ignored
    assert states["Q011"] == "answered"
    assert states["Q012"] == "not_answered"


# --------------------------------------------------------------------------------------------
# Normalising answers
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("questionnaire", "key", "raw", "answer"),
    [
        # single choice
        (NR5, "Q010", {"value": "true"}, Answer(values=("true",))),
        (NR5, "Q010", {"identifier": "true"}, Answer(values=("true",))),
        (NR5, "Q010", "true", Answer(values=("true",))),
        (NR5, "Q010", [{"value": "true"}], Answer(values=("true",))),
        (NR5, "Q009", {"value": "true.some", "additionalInformation": {"en": "Some"}},
         Answer(values=("true.some",), with_text=frozenset({"true.some"}), text="Some")),
        (NR5, "Q009", {"value": "true.some", "additionalInformation": {"en": ""}},
         Answer(values=("true.some",))),
        (NR5, "Q009", {"value": "true.some", "additionalInformation": "Plain"},
         Answer(values=("true.some",), with_text=frozenset({"true.some"}), text="Plain")),
        # multiple choice and terms
        (NR5, "Q008", [{"value": "instrument.nationalBiosafetyLaws"},
                       {"identifier": "instrument.biosafetyGuidelines"}, "instrument.indirectLaws"],
         Answer(values=("instrument.nationalBiosafetyLaws", "instrument.biosafetyGuidelines",
                        "instrument.indirectLaws"))),
        (NR5, "Q119", [{"value": RISK_MANAGEMENT},
                       {"value": OTHER_AREA, "additionalInformation": {"fr": "Autre", "en": "Other"}}],
         Answer(values=(RISK_MANAGEMENT, OTHER_AREA), with_text=frozenset({OTHER_AREA}),
                text="Other")),
        (NR5, "Q027", [{"value": APPROVED_WITH_CONDITIONS, "additionalInformation": 60},
                       {"value": PROHIBITED, "additionalInformation": 0}],
         Answer(values=(APPROVED_WITH_CONDITIONS, PROHIBITED),
                with_text=frozenset({APPROVED_WITH_CONDITIONS}))),
        # free text
        (NR5, "Q008_a", {"value": {"en": "The Biosafety Act"}}, Answer(text="The Biosafety Act")),
        (NR5, "Q008_a", {"value": {"fr": "La loi", "en": "The Act"}}, Answer(text="The Act")),
        (NR5, "Q008_a", {"value": {"es": "La ley"}}, Answer(text="La ley")),
        (NR5, "Q008_a", {"en": "Bare multilingual"}, Answer(text="Bare multilingual")),
        (NR5, "Q175", {"value": {"en": "<p>Rich</p>"}}, Answer(text="<p>Rich</p>")),
        (NR3, "Q013", "Older free text", Answer(text="Older free text")),
        (NR3, "Q013", {"value": "Older free text"}, Answer(text="Older free text")),
        # numbers
        (NR5, "Q026_adq", {"value": 4}, Answer(number=4)),
        (NR5, "Q026_adq", 4, Answer(number=4)),
        (NR5, "Q026_adq", {"value": 0}, Answer(number=0)),
    ],
)  # fmt: skip
def test_it_normalises_every_answer_shape(questionnaire, key, raw, answer):
    assert normalize(questionnaire.questions[key], raw) == answer


@pytest.mark.parametrize(
    ("key", "raw"),
    [("Q010", None), ("Q010", ""), ("Q010", {}), ("Q010", {"value": ""}), ("Q008", []),
     ("Q008_a", {"value": None}), ("Q008_a", {"value": {"en": "  "}}), ("Q026_adq", {"value": None})],
)  # fmt: skip
def test_it_normalises_an_empty_answer_to_no_answer(key, raw):
    assert normalize(NR5.questions[key], raw) is None


@pytest.mark.parametrize(
    ("key", "raw", "message"),
    [
        ("Q010", [{"value": "true"}, {"value": "false"}], "single-choice question, but 2"),
        ("Q010", 1, "an option must be given as"),
        ("Q008", {"value": "instrument.none"}, "must be a list"),
        ("Q026_adq", {"value": "4"}, "expects a whole number"),
        ("Q026_adq", "4", "expects a whole number"),
        ("Q026_adq", {"value": 2.5}, "expects a whole number"),
        ("Q008_a", {"value": {"en": 5}}, "expects multilingual text"),
        ("Q008_a", [{"value": "x"}], "expects multilingual text"),
        (
            "Q027",
            [{"value": APPROVED_WITH_CONDITIONS, "additionalInformation": "sixty"}],
            "takes a whole number",
        ),
    ],
)
def test_it_refuses_to_normalise_an_answer_of_the_wrong_shape(key, raw, message):
    with pytest.raises(AnswerShapeError, match=message):
        normalize(NR5.questions[key], raw)


def test_it_keeps_unknown_options_when_normalising_and_drops_text_where_none_is_taken():
    raw = [{"value": "instrument.mystery"},
           {"value": "instrument.nationalBiosafetyLaws", "additionalInformation": {"en": "x"}}]  # fmt: skip
    assert normalize(NR5.questions["Q008"], raw) == Answer(
        values=("instrument.mystery", "instrument.nationalBiosafetyLaws")
    )


# --------------------------------------------------------------------------------------------
# Validation
# --------------------------------------------------------------------------------------------


def kinds(problems):
    return {(p.question, p.value, p.kind) for p in problems}


def test_it_reports_every_problem_at_once():
    answers = {
        "Q999": {"value": "true"},  # unknown question
        "Q025": {"value": "true"},  # a sub-section heading
        "Q007": {"value": "implementation.perhaps"},  # unknown option
        "Q010": [{"value": "true"}, {"value": "false"}],  # several answers, single choice
        "Q026_adq": "four",  # a string for an int
        "Q008": [
            {"value": "instrument.none"},  # exclusive option combined with others
            {"value": "instrument.biosafetyGuidelines", "additionalInformation": {"en": "x"}},
        ],  # ... and text on an option that takes none
        "Q011": {"value": "false"},
        "Q012": {"value": "1+"},  # disabled by Q011 = No
    }
    problems = validate(NR5, answers, require_mandatory=True)
    assert kinds(problems) >= {
        ("Q999", None, "unknown_question"),
        ("Q025", None, "not_a_question"),
        ("Q007", "implementation.perhaps", "unknown_option"),
        ("Q010", None, "several_answers"),
        ("Q026_adq", None, "wrong_shape"),
        ("Q008", "instrument.none", "exclusive_option"),
        ("Q008", "instrument.biosafetyGuidelines", "text_not_allowed"),
        ("Q012", None, "not_applicable"),
        ("Q009", None, "mandatory_missing"),
    }
    assert problems[-1].question == "Q999"  # unknown keys come last
    assert all(p.reason.endswith(".") and p.reason[0] in "“Q" for p in problems)
    assert not any(p.question in ("Q012", "Q012_adq") and p.kind == "mandatory_missing"
                   for p in problems)  # fmt: skip


@pytest.mark.parametrize(
    ("answers", "expected", "words"),
    [
        ({"Q999": yes()}, ("Q999", None, "unknown_question"),
         ["“Q999” is not a question of the 5th national report (cpbNationalReport5)"]),
        ({"legend55-68": yes()}, ("legend55-68", None, "not_a_question"), ["is a legend"]),
        ({"Q007": yes("implementation.perhaps")},
         ("Q007", "implementation.perhaps", "unknown_option"),
         ["“implementation.perhaps” is not an option of Q007", "national measures"]),
        ({"Q010": [yes("true"), yes("false")]}, ("Q010", None, "several_answers"),
         ["is a single-choice question, but 2 options were given", "“Yes” (true)", "“No” (false)"]),
        ({"Q026_adq": "4"}, ("Q026_adq", None, "wrong_shape"), ["expects a whole number"]),
        ({"Q008": [yes("instrument.none"), yes("instrument.indirectLaws")]},
         ("Q008", "instrument.none", "exclusive_option"),
         ["“No instruments are in place”", "excludes every other option",
          "“Other laws, regulations or guidelines that indirectly apply to biosafety”"]),
        ({"Q008": [yes("instrument.indirectLaws"), yes("instrument.indirectLaws")]},
         ("Q008", "instrument.indirectLaws", "duplicate_option"), ["more than once"]),
        ({"Q010": {"value": "true", "additionalInformation": {"en": "Plenty"}}},
         ("Q010", "true", "text_not_allowed"), ["option “Yes” (true) does not take free text"]),
        ({"Q010": yes("false"), "Q010_adq": yes("true")},
         ("Q010_adq", None, "not_applicable"),
         ["Q010_adq (“Are these resources adequate:”) is hidden by the answer to Q010",
          "must be left unanswered"]),
        ({"Q011": yes("false"), "Q012_adq": yes("true")},
         ("Q012_adq", None, "not_applicable"), ["hidden because Q012", "does not apply"]),
        ({"Q022": yes("false"), "Q025_a": yes("true")},
         ("Q025_a", None, "not_applicable"), ["is disabled by the answer to Q022"]),
    ],
)  # fmt: skip
def test_it_explains_each_kind_of_problem(answers, expected, words):
    problems = validate(NR5, answers, require_mandatory=False)
    assert kinds(problems) == {expected}
    for word in words:
        assert word in problems[0].reason


def test_it_requires_mandatory_answers_only_when_asked():
    assert validate(NR5, {}, require_mandatory=False) == []
    missing = {p.question for p in validate(NR5, {}, require_mandatory=True)}
    mandatory = {q.key for q in NR5.answerable if q.mandatory}
    assert missing == mandatory
    assert all(
        p.reason.endswith("is mandatory but was not answered.")
        for p in validate(NR5, {}, require_mandatory=True)
    )


@pytest.mark.parametrize(
    ("answers", "required", "excused"),
    [
        ({"Q011": yes("true")}, {"Q012"}, set()),
        ({"Q011": yes("false")}, set(), {"Q012", "Q012_adq"}),
        ({"Q022": yes("true")}, {"Q023", "Q024", "Q025_a", "Q025_b"}, set()),
        ({"Q022": yes("false")}, set(), {"Q023", "Q024", "Q025_a", "Q025_b"}),
        ({"Q070_a": yes("0")}, {"Q070_b_adq"}, {"Q070_a_adq"}),
        ({"Q118": yes("false")}, set(), {"Q119", "Q120"}),
    ],
)
def test_it_requires_mandatory_questions_only_where_they_apply(answers, required, excused):
    missing = {p.question for p in validate(NR5, answers, require_mandatory=True)
               if p.kind == "mandatory_missing"}  # fmt: skip
    assert required <= missing
    assert not excused & missing


def test_it_accepts_a_complete_consistent_report():
    answers = {q.key: _first_answer(q) for q in NR5.answerable if q.mandatory}
    # Choose the first option everywhere, then drop what the rules make not applicable.
    states = answer_states(NR5, answers)
    answers = {k: v for k, v in answers.items() if states[k] != "not_applicable"}
    assert validate(NR5, answers, require_mandatory=True) == []


def _first_answer(question):
    if question.type in ("option", "term"):
        first = {"value": question.options[0].value}
        return [first] if question.multiple else first
    if question.type == "int":
        return {"value": 1}
    return {"value": {"en": "Text"}}


def test_it_does_not_mutate_the_answers_it_validates():
    answers = {"Q011": yes("false"), "Q012": yes("1+"), "Q008": [yes("instrument.none")]}
    before = copy.deepcopy(answers)
    validate(NR5, answers, require_mandatory=True)
    question_states(NR5, answers)
    assert answers == before


@pytest.mark.parametrize("module", ["questionnaire", "bch_format"])
def test_the_report_modules_stay_plain_python(module):
    source = (DATA.parents[1] / f"{module}.py").read_text(encoding="utf-8")
    roots = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    assert roots & {"django", "rest_framework"} == set()
