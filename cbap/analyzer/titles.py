"""Titles of options and sections as plain text, read exactly as the questionnaire reads a
question's title (`Question.plain_title`), so that the analyzer words them as every other page
and download does. Question titles are read from `Question.plain_title` directly."""

from cbap.reports.questionnaire import Question


def plain(title: str | None) -> str:
    """`title` without its markup and entities, as `Question.plain_title` gives it."""
    return Question(key="", section="", number="", type="legend", title=title or "").plain_title


def plain_option_title(title: str | None) -> str:
    """An option's title as a label: without the colon that ends the title of an option opening
    a text field ("Other, please specify:")."""
    return plain(title).rstrip(":").strip()
