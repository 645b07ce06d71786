"""What the analyzer is asked: the choices parsed from a query string, and checked against a
cycle's questionnaire.

The same :class:`Choices` serve the page, the API and ``cbap analyze``; `Choices.query_string`
makes a view shareable. A choice that cannot be analysed raises :class:`AnalyzerError`, whose
message says what to choose instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlencode

from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from cbap.bch.questionnaire import CHOICE_TYPES, Question, Questionnaire
from cbap.bch.text import plain_option_title
from cbap.engine import analyzer as engine
from cbap.reports.models import ReportingCycle


def _percent(label) -> str:
    """ "% " and a translated label: a lone % sign in a message confuses format checks."""
    return format_lazy("% {}", label)


MEASURES = {
    "count": gettext_lazy("Count (BCH): number of governments that gave each answer"),
    "row": _percent(gettext_lazy("by row (BCH): share of the answer's governments in each column")),
    "column": _percent(
        gettext_lazy(
            "by column (BCH): share of the column's ticks, every answer ticked by the "
            "column's governments counted"
        )
    ),
    "overall": _percent(gettext_lazy("overall (BCH): share of all ticks of the question")),
    "respondents": _percent(
        gettext_lazy(
            "of responding governments (cbap): share of the column's governments that "
            "answered the question"
        )
    ),
    "parties": _percent(
        gettext_lazy(
            "of all Parties (cbap): share of all Parties of the column on the deadline, "
            "non-reporting Parties included"
        )
    ),
}
"""What each measure is, in words (the page's caption, the downloads' "About", the JSON)."""
FIGURES = {
    "count": gettext_lazy("count"),
    "row": _percent(gettext_lazy("by row")),
    "column": _percent(gettext_lazy("by column")),
    "overall": _percent(gettext_lazy("overall")),
    "respondents": _percent(gettext_lazy("of respondents")),
    "parties": _percent(gettext_lazy("of Parties")),
}
MEASURE_CHOICES = {
    "count": gettext_lazy("Count"),
    "row": _percent(gettext_lazy("by row")),
    "column": _percent(gettext_lazy("by column")),
    "overall": _percent(gettext_lazy("overall")),
    "respondents": _percent(gettext_lazy("of responding governments")),
    "parties": _percent(gettext_lazy("of all Parties (non-reporters included)")),
}
MEASURE_ORIGINS = (
    (gettext_lazy("The BCH's measures"), engine.BCH_MEASURES),
    (gettext_lazy("cbap's additions"), engine.CBAP_MEASURES),
)
# Translators: each placeholder is the name of a measure, e.g. "% by row".
_MEASURES_NOTE = gettext_noop(
    "Count, %(row)s, %(column)s and %(overall)s are the BCH's measures, computed as the BCH "
    "does (a multiple-choice percentage is of ticks, one per answer ticked); %(respondents)s "
    "and %(parties)s are cbap's additions."
)


MEASURES_NOTE = _MEASURES_NOTE % {
    "row": "% by row",
    "column": "% by column",
    "overall": "% overall",
    "respondents": "% of responding governments",
    "parties": "% of all Parties",
}
"""Which measures are the BCH's and which cbap's, in English (the CLI's help)."""


def measures_note() -> str:
    """`MEASURES_NOTE` in the reader's language (the page, the API's schema)."""
    return _(_MEASURES_NOTE) % {
        "row": str(MEASURE_CHOICES["row"]),
        "column": str(MEASURE_CHOICES["column"]),
        "overall": str(MEASURE_CHOICES["overall"]),
        "respondents": str(MEASURE_CHOICES["respondents"]),
        "parties": "% " + _("of all Parties"),
    }


measures_note_lazy = lazy(measures_note, str)
"""`measures_note()` when it is read (for the API's schema, built at import)."""


class AnalyzerError(ValueError):
    """A choice that cannot be analysed; the message says what to choose instead."""


@dataclass(frozen=True)
class AnswerFilter:
    """Keep only the governments that gave `value` as their answer to `question`."""

    question: str
    value: str

    @classmethod
    def parse(cls, text: str) -> AnswerFilter:
        """ "Q011:true" or "Q011=true"."""
        match = re.fullmatch(r"\s*([A-Za-z0-9_]+)\s*[:=]\s*(\S.*?)\s*", text or "")
        if not match:
            raise AnalyzerError(
                _("A filter is QUESTION:ANSWER, e.g. Q011:true; got %(text)s.")
                % {"text": f"{text!r}"}
            )
        return cls(match[1], match[2])

    def __str__(self) -> str:
        return f"{self.question}:{self.value}"


@dataclass(frozen=True)
class Choices:
    """Everything a view of the analyzer depends on; `query_string()` makes it shareable.

    `question` is "all", "section:KEY" or a question key (a sub-section key means its
    questions); `by` is "region", "party-status", "supplementary", a grouping code (ldc, sids …)
    or "countries:KEN,BRA"; `compare` the number of the previous cycle.
    """

    cycle: int
    question: str = "all"
    by: str = "region"
    measure: str = "count"
    compare: int | None = None
    filters: tuple[AnswerFilter, ...] = ()

    def __post_init__(self) -> None:
        if self.measure not in MEASURES:
            raise AnalyzerError(
                _("The measure must be one of %(MEASURES)s; got %(measure)s.")
                % {"MEASURES": ", ".join(MEASURES), "measure": f"{self.measure!r}"}
            )

    @property
    def countries(self) -> tuple[str, ...]:
        return country_codes(self.by)

    def params(self) -> list[tuple[str, str]]:
        pairs = [
            ("cycle", str(self.cycle)),
            ("question", self.question),
            ("by", self.by),
            ("measure", self.measure),
        ]
        if self.compare is not None:
            pairs.append(("compare", str(self.compare)))
        pairs += [("filter", str(f)) for f in self.filters]
        return pairs

    def query_string(self) -> str:
        return "?" + urlencode(self.params())

    def adding(self, answer_filter: AnswerFilter) -> Choices:
        if answer_filter in self.filters:
            return self
        return replace(self, filters=(*self.filters, answer_filter))

    def removing(self, answer_filter: AnswerFilter) -> Choices:
        return replace(self, filters=tuple(f for f in self.filters if f != answer_filter))


def country_codes(by: str) -> tuple[str, ...]:
    """ "countries:ken, BRA" -> ("KEN", "BRA"); () for any other `by`."""
    if not by.startswith("countries:"):
        return ()
    codes = re.split(r"[\s,;]+", by.split(":", 1)[1].upper())
    return tuple(dict.fromkeys(code for code in codes if code))


def choices_from_query(query: Any, *, default_question: str = "all") -> Choices:
    """Choices from a query string (a Django QueryDict or {name: [values]}); the cycle defaults
    to the latest, `by` to region, the measure to count. Raises AnalyzerError."""

    def get(name: str, default: str = "") -> str:
        values = values_of(query, name)
        return (values[-1] if values else default).strip() or default

    number = get("cycle")
    if number:
        if not number.isdigit():
            raise AnalyzerError(
                _("The cycle is a number such as 5; got %(number)s.") % {"number": f"{number!r}"}
            )
        cycle = int(number)
    else:
        latest = ReportingCycle.objects.order_by("-number").values_list("number", flat=True)
        cycle = latest.first()
        if cycle is None:
            raise AnalyzerError(_("No reporting cycle is loaded (run `cbap setup`)."))
    by = get("by", "region")
    if by == "countries":  # the page's form sends the codes in a field of their own
        by = "countries:" + get("countries")
    compare = get("compare")
    if compare and not compare.isdigit():
        raise AnalyzerError(
            _("compare is the number of the previous cycle; got %(compare)s.")
            % {"compare": f"{compare!r}"}
        )
    filters = tuple(
        dict.fromkeys(AnswerFilter.parse(text) for text in values_of(query, "filter") if text)
    )
    return Choices(
        cycle=cycle,
        question=get("question", default_question),
        by=by,
        measure=get("measure", "count"),
        compare=int(compare) if compare else None,
        filters=filters,
    )


def values_of(query: Any, name: str) -> list[str]:
    """Every value of `name` in a QueryDict or a {name: [values]} mapping."""
    if hasattr(query, "getlist"):
        return query.getlist(name)
    value = query.get(name, [])
    return [value] if isinstance(value, str) else list(value)


# ------------------------------------------------------------------------------------------
# Checking the choices against the cycle
# ------------------------------------------------------------------------------------------


def questions_chosen(
    questionnaire: Questionnaire, chosen: str, cycle: ReportingCycle
) -> list[Question]:
    """The entries `chosen` names ("all", "section:KEY", a question or a sub-section heading
    followed by its questions), in questionnaire order."""
    questions = questionnaire.questions
    if chosen == "all":
        return list(questions.values())
    if chosen.startswith("section:"):
        key = chosen.split(":", 1)[1]
        entries = [q for q in questions.values() if q.section == key]
        if not entries:
            sections = ", ".join(s.key for s in questionnaire.sections)
            raise AnalyzerError(
                _("NR%(number)s has no section %(key)s; its sections: %(sections)s.")
                % {"number": cycle.number, "key": f"{key!r}", "sections": sections}
            )
        return entries
    question = questions.get(chosen)
    if question is None or question.type == "legend":
        raise AnalyzerError(
            _(
                "%(chosen)s is not a question of NR%(number)s: give a question key such as "
                "%(key)s, section:KEY or all."
            )
            % {
                "chosen": f"{chosen!r}",
                "number": cycle.number,
                "key": next(iter(questionnaire.answerable)).key,
            }
        )
    if question.answerable:
        return [question]
    return [question, *(questions[key] for key in question.children)]


def filter_titles(
    questionnaire: Questionnaire, filters: Iterable[AnswerFilter], cycle: ReportingCycle
) -> dict[AnswerFilter, str]:
    """Each filter in words ("Q011: Yes"), once checked to name an option of a choice
    question of the cycle."""
    titles = {}
    for answer_filter in filters:
        question = questionnaire.questions.get(answer_filter.question)
        if question is None or question.type not in CHOICE_TYPES:
            raise AnalyzerError(
                _(
                    "Filter %(answer_filter)s: %(question)s is not a choice question of "
                    "NR%(number)s."
                )
                % {
                    "answer_filter": answer_filter,
                    "question": answer_filter.question,
                    "number": cycle.number,
                }
            )
        option = question.option(answer_filter.value)
        if option is None:
            values = ", ".join(o.value for o in question.options)
            raise AnalyzerError(
                _(
                    "Filter %(answer_filter)s: %(value)s is not an answer to %(key)s; "
                    "its answers: %(values)s."
                )
                % {
                    "answer_filter": answer_filter,
                    "value": f"{answer_filter.value!r}",
                    "key": question.key,
                    "values": values,
                }
            )
        titles[answer_filter] = f"{question.key}: {plain_option_title(option.title)}"
    return titles


def previous_cycle(cycle: ReportingCycle, number: int) -> ReportingCycle:
    """The cycle to compare with, when `number` is the one the cycle is mapped to."""
    previous = cycle.previous
    if previous is None:
        raise AnalyzerError(
            _("NR%(number)s has no previous cycle to compare with.") % {"number": cycle.number}
        )
    if previous.number != number:
        raise AnalyzerError(
            _("NR%(number)s is mapped to NR%(number2)s only; compare with %(number2)s.")
            % {"number": cycle.number, "number2": previous.number}
        )
    if not previous.questionnaire:
        raise AnalyzerError(
            _("%(previous)s has no questionnaire loaded (run `cbap setup`).")
            % {"previous": previous}
        )
    return previous
