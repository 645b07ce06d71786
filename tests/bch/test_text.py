"""Reading the BCH's titles as plain text (no Django)."""

import pytest

from cbap.bch.text import plain, without_footnote_markers
from tests.bch.questionnaires import NR4, NR5

SECTION = {s.key: s for s in NR5.sections}


@pytest.mark.parametrize(
    ("questionnaire", "key", "title"),
    [
        (NR5, "Article17", "Article 17 – Unintentional transboundary movements and emergency measures"),
        (NR5, "Article25", "Article 25 – Illegal transboundary movements"),
        (NR4, "Article17", "Article 17 – Unintentional transboundary movements and emergency measures"),
        (NR4, "Article25", "Article 25 – Illegal transboundary movements"),
    ],
)  # fmt: skip
def test_a_plain_section_title_has_no_footnote_marker(questionnaire, key, title):
    [section] = [s for s in questionnaire.sections if s.key == key]
    assert "<sup>" in section.title  # the marker is in the BCH's JSON ...
    assert plain(section.title) == title  # ... not in the plain title
    assert section.footnote.startswith("<sup>")  # its text is the section's footnote


def test_plain_question_and_option_titles_have_no_footnote_marker():
    assert NR5.questions["Q062"].plain_title.endswith("prior to the first release of a LMO?")
    assert "Management) for conducting" in NR5.questions["Q067"].plain_title
    assert "(developed by the Online Forum" in NR5.questions["Q067"].plain_title
    assert "it is available and whether" in NR5.questions["Q102"].plain_title
    titles = [plain(o.title) for o in NR5.questions["Q071_a"].options]
    assert "Manual on risk assessment of LMOs developed by the CBD Secretariat" in titles


@pytest.mark.parametrize(
    ("title", "text"),
    [
        ("Illegal transboundary movements⁵", "Illegal transboundary movements"),
        ("Illegal transboundary movements ⁷", "Illegal transboundary movements"),
        ("movements¹² and emergency measures", "movements and emergency measures"),
        ("movements<sup> 5 </sup>, emergency", "movements, emergency"),
        ("<i>Yes</i> to question 66(a)", "Yes to question 66(a)"),
    ],
)
def test_plain_drops_superscript_digits_and_sup_markers(title, text):
    assert plain(title) == text


def test_a_marker_whose_footnote_is_shown_is_kept_in_the_title():
    section = SECTION["Article25"]
    assert without_footnote_markers(section.title, section.footnote) == section.title
    assert without_footnote_markers(section.title) == "Article 25 – Illegal transboundary movements"
    assert without_footnote_markers("a<sup>3</sup> b<sup>4</sup>", "<sup>4</sup> Doc") == (
        "a b<sup>4</sup>"
    )
