"""The entry form's logic without HTTP: BCH answers to form fields and back, drafts, baselines."""

from types import SimpleNamespace

import pytest
from django.http import QueryDict

from cbap.bch.questionnaire import questionnaire_from_json
from cbap.bch.validation import validate
from cbap.reports.entry.answers import answer_lines
from cbap.reports.entry.baselines import answer_changes, baselines
from cbap.reports.entry.forms import (
    check_draft,
    merge,
    orphan_texts,
    parse_section,
    section_form,
)
from cbap.reports.entry.markup import safe_html
from cbap.reports.entry.progress import progress
from cbap.reports.entry.rules import rules_data

YES_NO = [{"value": "true", "title": "Yes"}, {"value": "false", "title": "No"}]

# A tiny question set in the BCH shape: a rule, an exclusive option, mandatory questions, an
# option with free text, a sub-section, a number, a term question and an option carrying a number.
QUESTIONNAIRE = {
    "report": "cpbNationalReport5",
    "sections": [
        {
            "key": "Article2",
            "title": "Article 2 – <i>General</i> provisions",
            "questions": [
                {
                    "key": "Q007",
                    "number": "7",
                    "type": "option",
                    "title": "Has your country introduced the necessary national measures?",
                    "mandatory": True,
                    "options": [
                        {"value": "implementation.fullInPlace", "title": "Fully in place"},
                        {"value": "implementation.partiallyInPlace", "title": "Partially"},
                        {"value": "implementation.none", "title": "No measures yet"},
                    ],
                },
                {
                    "key": "Q008",
                    "number": "8",
                    "type": "option",
                    "multiple": True,
                    "title": "Which instruments are in place? (select all that apply)",
                    "options": [
                        {"value": "instrument.laws", "title": "Biosafety laws"},
                        {"value": "instrument.guidelines", "title": "Biosafety guidelines"},
                        {"value": "instrument.none", "title": "No instruments", "exclusive": True},
                    ],
                },
                {
                    "key": "Q009",
                    "number": "9",
                    "type": "option",
                    "title": "Has your country integrated biosafety in national strategies?",
                    "options": [
                        {"value": "true", "title": "Yes"},
                        {"value": "true.some", "title": "Yes, to some extent:", "type": "lstring"},
                        {"value": "false", "title": "No"},
                    ],
                },
                {
                    "key": "Q010",
                    "number": "10",
                    "type": "option",
                    "title": "Does your country have resources for biosafety from national budgets?",
                    "mandatory": True,
                    "options": YES_NO,
                    "validations": [
                        {
                            "question": "Q010_adq",
                            "type": "@hasValues",
                            "values": ["true"],
                            "trigger": "visible",
                        }
                    ],
                },
                {
                    "key": "Q010_adq",
                    "number": "",
                    "type": "option",
                    "title": "Are these resources adequate:",
                    "mandatory": True,
                    "options": YES_NO,
                },
                {
                    "key": "Q013",
                    "number": "13",
                    "type": "lstring",
                    "title": 'Further details <a href="javascript:x()">here</a><script>alert(1)</script>',
                },
            ],
        },
        {
            "key": "Other",
            "title": "Other information",
            "questions": [
                {
                    "key": "Q025",
                    "number": "25",
                    "type": "sub-section",
                    "title": "Has your country informed the following of its decision(s):",
                    "questions": [
                        {
                            "key": "Q025_a",
                            "number": "a",
                            "type": "option",
                            "title": "The notifier?",
                            "options": YES_NO,
                        }
                    ],
                },
                {"key": "Q026", "number": "26", "type": "int", "title": "How many decisions?"},
                {
                    "key": "Q027",
                    "number": "27",
                    "type": "option",
                    "multiple": True,
                    "title": "What percentage of decisions fall into these categories?",
                    "options": [
                        {"value": "A1", "title": "Approval", "type": "int"},
                        {"value": "P1", "title": "Prohibition", "type": "int"},
                    ],
                },
                {
                    "key": "Q119",
                    "number": "119",
                    "type": "term",
                    "multiple": True,
                    "title": "In which areas were these activities undertaken?",
                    "options": [
                        {"value": "BB3CA716", "title": "Institutional capacity"},
                        {"value": "5B6177DD", "title": "Other", "type": "lstring"},
                    ],
                },
            ],
        },
    ],
}


@pytest.fixture
def qn():
    return questionnaire_from_json(QUESTIONNAIRE, cycle=5)


def post(pairs) -> QueryDict:
    data = QueryDict(mutable=True)
    for name, value in pairs:
        data.appendlist(name, value)
    return data


# -- titles ----------------------------------------------------------------------------------


def test_titles_keep_simple_markup_and_lose_everything_else():
    assert safe_html("If you answered <i>Yes</i> to question 55<sup>6</sup>") == (
        "If you answered <i>Yes</i> to question 55<sup>6</sup>"
    )
    html = safe_html('Details <a href="javascript:x()">here</a><script>alert(1)</script>')
    assert html == "Details here"
    assert safe_html('<i onclick="x()">a & b</i><b>unclosed') == ("<i>a &amp; b</i><b>unclosed</b>")
    assert safe_html("x<br/>y") == "x<br>y"


# -- form data to BCH answers -----------------------------------------------------------------


def test_a_section_is_read_into_bch_answer_shapes(qn):
    data = post(
        [
            ("q:Q007", "implementation.partiallyInPlace"),
            ("q:Q008", "instrument.laws"),
            ("q:Q008", "instrument.guidelines"),
            ("q:Q009", "true.some"),
            ("q:Q009:info:true.some", "  in the agriculture strategy "),
            ("q:Q009:info:false", ""),
            ("q:Q013", "Biosafety Act 2009"),
        ]
    )
    assert parse_section(qn, "Article2", data) == {
        "Q007": {"value": "implementation.partiallyInPlace"},
        "Q008": [{"value": "instrument.laws"}, {"value": "instrument.guidelines"}],
        "Q009": {
            "value": "true.some",
            "additionalInformation": {"en": "in the agriculture strategy"},
        },
        "Q010": None,
        "Q010_adq": None,
        "Q013": {"value": {"en": "Biosafety Act 2009"}},
    }


def test_a_free_text_is_stored_under_the_language_chosen_for_it(qn):
    data = post([("q:Q013", "Loi sur la biosécurité"), ("q:Q013:lang", "fr")])
    assert parse_section(qn, "Article2", data)["Q013"] == {
        "value": {"fr": "Loi sur la biosécurité"}
    }
    unchosen = post([("q:Q013", "Ley de bioseguridad")])
    assert parse_section(qn, "Article2", unchosen, language="es")["Q013"] == {
        "value": {"es": "Ley de bioseguridad"}
    }


def test_editing_a_free_text_in_one_language_keeps_its_other_languages(qn):
    saved = {"Q013": {"value": {"en": "Biosafety Act", "fr": "Loi sur la biosécurité"}}}
    data = post([("q:Q013", "Loi sur la biosécurité, 2009"), ("q:Q013:lang", "fr")])
    assert parse_section(qn, "Article2", data, saved)["Q013"] == {
        "value": {"en": "Biosafety Act", "fr": "Loi sur la biosécurité, 2009"}
    }
    cleared = post([("q:Q013", ""), ("q:Q013:lang", "fr")])
    assert parse_section(qn, "Article2", cleared, saved)["Q013"] == {
        "value": {"en": "Biosafety Act"}
    }
    only = {"Q013": {"value": {"fr": "Loi"}}}
    assert parse_section(qn, "Article2", cleared, only)["Q013"] is None


def test_a_free_text_field_shows_the_text_in_the_interface_language_else_its_own(qn):
    both = {"Q013": {"value": {"fr": "Loi", "en": "Act"}}}
    [field] = [f for f in section_form(qn, "Article2", both) if f.key == "Q013"]
    assert (field.language, field.text, field.other_languages) == ("en", "Act", ["Français"])
    french = {"Q013": {"value": {"fr": "Loi"}}}
    [field] = [f for f in section_form(qn, "Article2", french) if f.key == "Q013"]
    assert (field.language, field.text, field.other_languages) == ("fr", "Loi", [])
    [field] = [
        f for f in section_form(qn, "Article2", both, languages={"Q013": "es"}) if f.key == "Q013"
    ]
    assert (field.language, field.text) == ("es", "")
    assert [code for code, _ in field.language_choices] == ["ar", "en", "es", "fr", "ru", "zh"]


def test_numbers_terms_and_option_numbers_are_read_too(qn):
    data = post(
        [
            ("q:Q025_a", "true"),
            ("q:Q026", "12"),
            ("q:Q027", "A1"),
            ("q:Q027:info:A1", "70"),
            ("q:Q119", "5B6177DD"),
            ("q:Q119:info:5B6177DD", "Customs training"),
        ]
    )
    assert parse_section(qn, "Other", data) == {
        "Q025_a": {"value": "true"},
        "Q026": {"value": 12},
        "Q027": [{"value": "A1", "additionalInformation": 70}],
        "Q119": [{"identifier": "5B6177DD", "additionalInformation": {"en": "Customs training"}}],
    }


def test_a_number_that_is_not_one_is_kept_as_typed_for_validation_to_refuse(qn):
    answers = parse_section(qn, "Other", post([("q:Q026", "twelve")]))
    assert answers["Q026"] == {"value": "twelve"}
    draft = check_draft(qn, merge({}, answers), changed=answers)
    assert [p.question for p in draft.problems] == ["Q026"]
    assert "whole number" in draft.problems[0].reason


def test_text_typed_beside_an_option_that_is_not_chosen_is_refused_not_lost(qn):
    data = post([("q:Q009", "true"), ("q:Q009:info:true.some", "partly")])
    problems = orphan_texts(qn.questions["Q009"], data)
    assert len(problems) == 1 and "Yes, to some extent:" in problems[0].reason


def test_merging_replaces_one_section_and_keeps_the_others():
    saved = {"Q007": {"value": "x"}, "Q026": {"value": 3}}
    assert merge(saved, {"Q007": None, "Q008": [{"value": "y"}]}) == {
        "Q026": {"value": 3},
        "Q008": [{"value": "y"}],
    }


# -- drafts -------------------------------------------------------------------------------------


def test_a_draft_needs_no_mandatory_answers(qn):
    draft = check_draft(qn, {"Q013": {"value": {"en": "later"}}}, changed=["Q013"])
    assert draft.ok and draft.answers == {"Q013": {"value": {"en": "later"}}}


def test_answers_to_questions_that_no_longer_apply_are_dropped_with_the_reason(qn):
    answers = {"Q010": {"value": "false"}, "Q010_adq": {"value": "true"}}
    draft = check_draft(qn, answers, changed=answers)
    assert draft.ok
    assert draft.answers == {"Q010": {"value": "false"}}
    assert [p.question for p in draft.dropped] == ["Q010_adq"]
    assert "hidden by the answer to Q010" in draft.dropped[0].reason


def test_an_answer_the_browser_no_longer_sent_is_reported_as_dropped_too(qn):
    saved = {"Q010": {"value": "true"}, "Q010_adq": {"value": "true"}}
    now = {"Q010": {"value": "false"}}
    draft = check_draft(qn, now, changed=["Q010", "Q010_adq"], previous=saved)
    assert [p.question for p in draft.dropped] == ["Q010_adq"]


def test_an_exclusive_option_combined_with_others_is_refused(qn):
    answers = {"Q008": [{"value": "instrument.laws"}, {"value": "instrument.none"}]}
    draft = check_draft(qn, answers, changed=answers)
    assert not draft.ok
    assert draft.problems[0].question == "Q008"
    assert "excludes every other option" in draft.problems[0].reason


def test_problems_outside_the_section_being_saved_do_not_block_it(qn):
    answers = {"Q026": {"value": "many"}, "Q007": {"value": "implementation.none"}}
    assert check_draft(qn, answers, changed=["Q007"]).ok


def test_submission_lists_every_missing_mandatory_answer_at_once(qn):
    problems = validate(qn, {"Q010": {"value": "true"}}, require_mandatory=True)
    assert [p.question for p in problems] == ["Q007", "Q010_adq"]
    assert all(p.kind == "mandatory_missing" for p in problems)


# -- reading answers back ----------------------------------------------------------------------


def test_the_form_of_a_section_is_filled_with_the_saved_answers(qn):
    answers = {
        "Q009": {"value": "true.some", "additionalInformation": {"en": "agriculture"}},
        "Q010": {"value": "false"},
        "Q013": {"value": {"fr": "Loi de 2009"}},
    }
    fields = {f.key: f for f in section_form(qn, "Article2", answers)}
    assert fields["Q007"].mandatory and fields["Q007"].kind == "choice"
    q009 = {c.value: c for c in fields["Q009"].choices}
    assert q009["true.some"].checked and q009["true.some"].takes_text
    assert q009["true.some"].info == "agriculture"
    assert not q009["true"].checked
    assert fields["Q013"].text == "Loi de 2009"
    assert fields["Q013"].title == "Further details here"
    assert not fields["Q010_adq"].state.visible


def test_sub_sections_hold_their_questions(qn):
    fields = section_form(qn, "Other", {})
    assert [f.key for f in fields] == ["Q025", "Q026", "Q027", "Q119"]
    assert fields[0].kind == "group" and [c.key for c in fields[0].children] == ["Q025_a"]


def test_answers_read_as_lines_of_option_titles(qn):
    raw = [{"identifier": "BB3CA716"}, {"value": "5B6177DD", "additionalInformation": {"en": "x"}}]
    assert answer_lines(qn.questions["Q119"], raw) == ["Institutional capacity", "Other: x"]
    assert answer_lines(qn.questions["Q026"], {"value": 4}) == ["4"]
    assert answer_lines(qn.questions["Q007"], None) == []


def test_the_baseline_is_the_previous_answer_translated_to_this_cycles_options(qn):
    nr4 = questionnaire_from_json(
        {
            "report": "cpbNationalReport4",
            "sections": [
                {
                    "key": "Article2",
                    "title": "Article 2",
                    "questions": [
                        {
                            "key": "Q014",
                            "number": "14",
                            "type": "option",
                            "title": "Measures?",
                            "options": [{"value": "old.partial", "title": "Partly (NR4 words)"}],
                        },
                        {
                            "key": "Q018",
                            "number": "18",
                            "type": "option",
                            "title": "Staff?",
                            "options": YES_NO,
                        },
                    ],
                }
            ],
        },
        cycle=4,
    )
    mappings = [
        SimpleNamespace(
            key="Q007",
            previous_key="Q014",
            value_mapping={"old.partial": "implementation.partiallyInPlace"},
            equivalent=True,
            caution="",
        ),
        SimpleNamespace(
            key="Q010",
            previous_key="Q018",
            value_mapping={},
            equivalent=False,
            caution="Permanent staff then.",
        ),
        SimpleNamespace(
            key="Q013", previous_key="Q099", value_mapping={}, equivalent=True, caution=""
        ),
    ]
    answers = {"Q014": {"value": "old.partial"}, "Q018": {"value": "true"}}
    found = baselines(qn, nr4, answers, mappings)
    assert set(found) == {"Q007", "Q010"}
    assert found["Q007"].lines == ["Partially"]
    assert found["Q007"].report_name == "4th national report"
    assert found["Q010"].lines == ["Yes"] and not found["Q010"].equivalent
    assert found["Q010"].caution == "Permanent staff then."


def test_changes_between_two_versions_are_listed_per_question(qn):
    changes = answer_changes(
        qn,
        {"Q007": {"value": "implementation.none"}},
        {"Q007": {"value": "implementation.fullInPlace"}, "Q026": {"value": 2}},
    )
    assert [(c.key, c.before, c.after) for c in changes] == [
        ("Q007", ["No measures yet"], ["Fully in place"]),
        ("Q026", [], ["2"]),
    ]


# -- progress and rules for the browser ------------------------------------------------------------


def test_progress_counts_answered_applicable_and_missing_mandatory_questions(qn):
    answers = {"Q007": {"value": "implementation.none"}, "Q010": {"value": "false"}}
    article2, other = progress(qn, answers)
    # Q010_adq is hidden by Q010 = No, so five questions apply, two answered, none mandatory missing.
    assert (article2.answered, article2.applicable, article2.mandatory_missing) == (2, 5, 0)
    assert (other.answered, other.applicable) == (0, 4)
    answers["Q010"] = {"value": "true"}
    assert progress(qn, answers)[0].mandatory_missing == 1


def test_the_rules_of_a_section_are_given_to_the_browser(qn):
    data = rules_data(qn, "Article2", {})
    q010 = next(q for q in data["questions"] if q["key"] == "Q010")
    assert q010["rules"] == [
        {
            "target": "Q010_adq",
            "base": None,
            "kind": "@hasValues",
            "values": ["true"],
            "trigger": "visible",
        }
    ]
    assert data["fixed"] == {} and data["outside"] == {}
