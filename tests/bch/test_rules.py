"""The conditional rules of the BCH questionnaires: question and answer states (no Django)."""

import pytest

from cbap.bch.answers import Answer
from cbap.bch.questionnaire import (
    questionnaire_from_json,
)
from cbap.bch.rules import QuestionState, answer_states, question_states
from tests.bch.questionnaires import (
    APPROVED_WITH_CONDITIONS,
    NR4,
    NR5,
    PROHIBITED,
    WITHOUT_CONDITIONS,
    mini,
    yes,
)

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
