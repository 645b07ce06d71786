"""The questionnaires in the reader's language, from the BCH's own translations: every title of
NR4 and NR5 in French and Spanish, the English kept (and said so) where a text has none."""

from dataclasses import replace

import pytest

from cbap.bch.translations import bch_language, titles_of_cycle, translated
from tests.bch.questionnaires import BY_CYCLE, NR5


@pytest.mark.parametrize("cycle", [4, 5])
@pytest.mark.parametrize("language", ["fr", "es", "ar", "ru", "zh-hans"])
def test_every_title_of_the_4th_and_5th_reports_is_translated(cycle, language):
    english = BY_CYCLE[cycle]
    shown = translated(english, titles_of_cycle(cycle), language)
    code = bch_language(language)
    assert {q.language for q in shown.questions.values()} == {code}
    assert {o.language for q in shown.questions.values() for o in q.options} <= {code}
    assert {s.language for s in shown.sections} == {code}
    # the structure is the English one: same keys, options, rules
    assert list(shown.questions) == list(english.questions)
    for key, question in shown.questions.items():
        assert [o.value for o in question.options] == [
            o.value for o in english.questions[key].options
        ]
        assert question.rules == english.questions[key].rules


def test_the_titles_are_the_bchs_own():
    french = translated(NR5, titles_of_cycle(5), "fr")
    assert french.questions["Q007"].title == (
        "Votre pays a-t-il adopté les mesures nationales nécessaires à l’application du Protocole?"
    )
    assert french.questions["Q007"].option("implementation.fullInPlace").title == (
        "Les mesures nationales sont pleinement en place"
    )
    assert french.sections[0].title == "Article 2 – Dispositions générales"
    assert french.questions["Q107"].option("true").caption == (
        "Veuillez fournir l’adresse du site Internet"
    )


def test_a_text_without_translation_stays_english_and_says_so():
    titles = titles_of_cycle(5)
    q007 = titles["questions"]["Q007"]
    partial = {
        **titles,
        "questions": {
            **titles["questions"],
            "Q007": {**q007, "title": {**q007["title"], "fr": None}},
        },
    }
    french = translated(NR5, partial, "fr")
    assert french.questions["Q007"].title == NR5.questions["Q007"].title
    assert french.questions["Q007"].language == "en"
    assert french.questions["Q008"].language == "fr"


def test_english_and_the_3rd_report_are_as_given():
    assert translated(NR5, titles_of_cycle(5), "en") is NR5
    assert titles_of_cycle(3) is None  # the BCH publishes no translation of NR3: shown in English
    assert replace(NR5.sections[0]).language == "en"
