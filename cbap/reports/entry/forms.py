"""The questionnaire as HTML form fields, and back again.

No HTTP here (the views parse, call one of these, render), and no writes: the services save.
The rules stay those of :mod:`cbap.bch`; this module only translates between
its BCH answer shapes and HTML form fields::

    qn = selectors.questionnaire_for(cycle)
    section_answers = parse_section(qn, "Article2", request.POST)  # {"Q007": {...}, "Q008": None}
    draft = check_draft(qn, merge(report.answers, section_answers), section_answers)
    draft.answers   # what to save: answers to questions that no longer apply are dropped
    draft.dropped   # the Problems saying which and why, to tell the user
    draft.problems  # what refuses the save (an exclusive option combined with others …)

Form field names: ``q:<key>`` carries a question's answer (option values, or the text or
number typed); ``q:<key>:info:<option value>`` the free text or number that goes with an option
(the BCH ``additionalInformation``); ``q:<key>:lang`` the language the free text of a
multilingual (lstring) question is written in, which the person chooses. HTML ids use the
option's position instead of its value, because values hold characters such as ``+`` and ``.``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from cbap.bch.problems import MANDATORY_MISSING, Problem
from cbap.bch.questionnaire import Question, Questionnaire
from cbap.bch.rules import NOT_APPLICABLE, QuestionState, question_states
from cbap.bch.text import LANGUAGES, answer_value, plain, texts
from cbap.bch.validation import validate
from cbap.reports.entry.answers import (
    chosen,
    label,
    other_languages,
    section_questions,
    text_language,
    typed_text,
)
from cbap.reports.entry.baselines import Baseline
from cbap.reports.entry.markup import safe_html, title_html

PREFIX = "q:"


def field_name(key: str) -> str:
    return f"{PREFIX}{key}"


def info_name(key: str, value: str) -> str:
    return f"{PREFIX}{key}:info:{value}"


def language_name(key: str) -> str:
    return f"{PREFIX}{key}:lang"


def interface_language(code: str | None) -> str:
    """The text language a form offers first: the interface language ("en-gb" -> "en") when it
    is one of the BCH's, else English."""
    base = (code or "").split("-")[0].lower()
    return base if base in LANGUAGES else "en"


# --------------------------------------------------------------------------------------------
# Form data -> BCH answers
# --------------------------------------------------------------------------------------------


def _whole(text: str) -> int | str:
    """A typed whole number as an int; anything else stays the typed string, so that validation
    reports it and the form shows it again."""
    try:
        return int(text.replace(" ", "").replace(",", ""))
    except ValueError:
        return text


def parse_answer(question: Question, data, stored: Any = None, language: str = "en") -> Any:
    """The BCH answer of one question from form data (a QueryDict or {name: [values]});
    None when unanswered. Choice answers: ``{"value": v}`` or a list of them (term questions:
    ``{"identifier": v}``), with ``additionalInformation`` ``{"en": text}`` or a number;
    lstring / lstringRte: ``{"value": {<chosen language>: text}}`` (`language` when none was
    chosen), keeping the `stored` answer's texts in other languages; int: ``{"value": n}``."""
    name = field_name(question.key)
    if question.type in ("option", "term"):
        id_key = "identifier" if question.type == "term" else "value"
        values = [v for v in _getlist(data, name) if v]
        items = []
        for value in dict.fromkeys(values):
            item: dict[str, Any] = {id_key: value}
            option = question.option(value)
            info = _get(data, info_name(question.key, value)).strip()
            if option is not None and info:
                if option.takes_number:
                    item["additionalInformation"] = _whole(info)
                elif option.takes_text:
                    item["additionalInformation"] = {"en": info}
            items.append(item)
        if not items:
            return None
        if question.multiple:
            return items
        return items[0] if len(items) == 1 else items  # several: validation says so
    text = _get(data, name).strip()
    if question.type == "int":
        return {"value": _whole(text)} if text else None
    if question.type == "text":
        return text or None
    written = texts(answer_value(stored)) if stored is not None else {}
    chosen_language = typed_language(question, data, written, language)
    if text:
        written[chosen_language] = text
    else:
        written.pop(chosen_language, None)  # cleared in this language only
    return {"value": written} if written else None


def typed_language(question: Question, data, written: Mapping[str, str], default: str) -> str:
    """The language chosen for a question's free text: one of the BCH's languages, or one the
    stored text is already written in; else `default`."""
    given = _get(data, language_name(question.key))
    return given if given in LANGUAGES or given in written else default


def typed_languages(qn: Questionnaire, section_key: str, data) -> dict[str, str]:
    """{key: language chosen} of a section's free-text fields, as sent (to show a refused form
    again in the languages the person chose)."""
    return {
        q.key: given
        for q in section_questions(qn, section_key)
        if (given := _get(data, language_name(q.key)))
    }


def orphan_texts(question: Question, data) -> list[Problem]:
    """Free text or numbers typed beside options that were not chosen (refused, not dropped:
    nothing typed may be lost silently)."""
    if question.type not in ("option", "term"):
        return []
    picked = set(_getlist(data, field_name(question.key)))
    problems = []
    for option in question.options:
        typed = _get(data, info_name(question.key, option.value)).strip()
        takes_something = option.takes_text or option.takes_number
        if takes_something and option.value not in picked and typed:
            problems.append(
                Problem(
                    question.key,
                    option.value,
                    _(
                        "%(question)s: something was typed beside “%(option)s”, but that "
                        "option is not chosen. Choose it, or clear what was typed."
                    )
                    % {"question": question.describe(), "option": plain(option.title)},
                    "orphan_text",
                )
            )
    return problems


def parse_section(
    qn: Questionnaire,
    section_key: str,
    data,
    saved: Mapping[str, Any] | None = None,
    language: str = "en",
) -> dict[str, Any]:
    """{key: BCH answer or None} for every answerable question of a section; the form shows them
    all, so a question missing from the data was left unanswered (or cleared). `saved` (the
    report's answers) keeps the texts of other languages; `language` is the one a text is
    stored under when none was chosen."""
    saved = saved or {}
    return {
        q.key: parse_answer(q, data, saved.get(q.key), language)
        for q in section_questions(qn, section_key)
        if q.answerable
    }


def merge(answers: Mapping[str, Any], section_answers: Mapping[str, Any]) -> dict[str, Any]:
    """The report's answers with one section's replaced (None removes an answer)."""
    merged = {k: v for k, v in answers.items() if k not in section_answers}
    merged.update({k: v for k, v in section_answers.items() if v is not None})
    return merged


def _getlist(data, name: str) -> list[str]:
    if hasattr(data, "getlist"):
        return data.getlist(name)
    value = data.get(name, [])
    return list(value) if isinstance(value, list | tuple) else [value]


def _get(data, name: str) -> str:
    values = _getlist(data, name)
    return values[-1] if values else ""


# --------------------------------------------------------------------------------------------
# Checking a draft before it is saved
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Draft:
    """A report's answers ready to save, or the problems that refuse the save.

    `dropped`: answers removed because their question no longer applies (the rules decided),
    each with the reason for the user. `problems`: what must be fixed before saving (mandatory
    answers are not required in a draft). `typed`: every answer as the person sent it, to show
    the form again when the save is refused.
    """

    answers: dict[str, Any]
    dropped: list[Problem] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    typed: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems


def check_draft(
    qn: Questionnaire,
    answers: Mapping[str, Any],
    changed: Iterable[str] = (),
    extra_problems: Iterable[Problem] = (),
    previous: Mapping[str, Any] | None = None,
) -> Draft:
    """Drop answers to questions that do not apply; refuse problems of the `changed` questions
    (those of the section being saved). Problems elsewhere (an imported report's oddities) do
    not block saving a section. `previous` (the answers saved before) lets the user hear of
    answers the browser did not send back because the rules had already disabled them."""
    changed = set(changed)
    problems = validate(qn, answers, require_mandatory=False)
    dropped = [p for p in problems if p.kind == NOT_APPLICABLE]
    gone = {p.question for p in dropped}
    blocking = [p for p in problems if p.kind != NOT_APPLICABLE and p.question in changed]
    blocking = sorted([*blocking, *extra_problems], key=lambda p: _position(qn, p.question))
    kept = {k: v for k, v in answers.items() if k not in gone}
    if previous:
        unsent = {k: v for k, v in previous.items() if k in changed and answers.get(k) is None}
        if unsent:
            again = validate(qn, {**kept, **unsent}, require_mandatory=False)
            dropped += [p for p in again if p.kind == NOT_APPLICABLE and p.question in unsent]
            dropped.sort(key=lambda p: _position(qn, p.question))
    return Draft(answers=kept, dropped=dropped, problems=blocking, typed=dict(answers))


def section_draft(
    qn: Questionnaire, section_key: str, data, saved: Mapping[str, Any], language: str = "en"
) -> Draft:
    """The draft a section's form data (`data`) makes of the report's `saved` answers; free text
    goes under the language chosen for it, else `language`."""
    section_answers = parse_section(qn, section_key, data, saved, language)
    orphans = [
        problem
        for question in section_questions(qn, section_key)
        for problem in orphan_texts(question, data)
    ]
    return check_draft(
        qn,
        merge(saved, section_answers),
        changed=section_answers,
        extra_problems=orphans,
        previous=saved,
    )


def _position(qn: Questionnaire, key: str) -> int:
    for index, k in enumerate(qn.questions):
        if k == key:
            return index
    return len(qn.questions)


# --------------------------------------------------------------------------------------------
# The form of one section, ready for the template
# --------------------------------------------------------------------------------------------


@dataclass
class Choice:
    value: str
    title: SafeString
    id: str
    checked: bool
    exclusive: bool
    takes_text: bool
    takes_number: bool
    caption: SafeString
    info: str
    info_name: str


@dataclass
class Field:
    """One entry of the form: a question (``kind`` choice, text or int), a sub-section
    (``group``, with `children`) or a ``legend``."""

    key: str
    kind: str
    type: str
    number: str
    title: SafeString
    label: str
    name: str
    mandatory: bool = False
    multiple: bool = False
    choices: list[Choice] = field(default_factory=list)
    text: str = ""
    state: QuestionState = QuestionState()
    problems: list[str] = field(default_factory=list)
    baseline: Baseline | None = None
    footnote: SafeString | None = None
    children: list[Field] = field(default_factory=list)
    language: str = ""
    language_name: str = ""
    other_languages: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return f"q-{self.key}"

    @property
    def multilingual(self) -> bool:
        """A free text written in a language the person chooses (BCH lstring / lstringRte)."""
        return self.type in ("lstring", "lstringRte")

    @property
    def language_choices(self) -> list[tuple[str, str]]:
        """(code, name in itself) of the languages offered, with the shown text's own language
        when the BCH's six do not include it."""
        choices = list(LANGUAGES.items())
        if self.language and self.language not in LANGUAGES:
            choices.append((self.language, self.language))
        return choices

    @property
    def describedby(self) -> str:
        ids = []
        if self.problems:
            ids.append(f"{self.id}-errors")
        if self.baseline:
            ids.append(f"{self.id}-baseline")
        if self.footnote:
            ids.append(f"{self.id}-note")
        if self.other_languages:
            ids.append(f"{self.id}-languages")
        return " ".join(ids)

    @property
    def rich(self) -> bool:
        return self.type == "lstringRte"


def section_form(
    qn: Questionnaire,
    section_key: str,
    answers: Mapping[str, Any],
    *,
    problems: Iterable[Problem] = (),
    baselines: Mapping[str, Baseline] | None = None,
    states: Mapping[str, QuestionState] | None = None,
    language: str = "en",
    languages: Mapping[str, str] | None = None,
) -> list[Field]:
    """The fields of one section, filled with `answers` (stored, or as typed when a save is
    refused), with each question's problems, baseline and rule state; sub-sections hold their
    children. A free text is shown in the language chosen for it (`languages`, as typed), else
    in `language` (the interface language) when written in it, else in its first language."""
    states = states if states is not None else question_states(qn, answers)
    by_key: dict[str, list[str]] = {}
    for problem in problems:
        by_key.setdefault(problem.question, []).append(reason_shown(problem, qn))
    baselines = baselines or {}
    fields: dict[str, Field] = {}
    top: list[Field] = []
    for question in section_questions(qn, section_key):
        f = _field(
            question, answers.get(question.key), (languages or {}).get(question.key), language
        )
        f.state = states.get(question.key, QuestionState())
        f.problems = by_key.get(question.key, [])
        f.baseline = baselines.get(question.key)
        fields[question.key] = f
        parent = fields.get(question.parent_key) if question.parent_key else None
        (parent.children if parent else top).append(f)
    return top


def _field(question: Question, raw: Any, chosen_language: str | None, language: str) -> Field:
    kind = {
        "sub-section": "group",
        "legend": "legend",
        "option": "choice",
        "term": "choice",
        "int": "int",
    }.get(question.type, "text")
    f = Field(
        key=question.key,
        kind=kind,
        type=question.type,
        number=question.number,
        title=title_html(question.title, question.footnote),
        label=label(question),
        name=field_name(question.key),
        mandatory=question.mandatory,
        multiple=question.multiple,
        footnote=safe_html(question.footnote) if question.footnote else None,
    )
    if kind == "choice":
        picked = chosen(question, raw)
        f.choices = [
            Choice(
                value=option.value,
                title=title_html(option.title, question.footnote),
                id=f"q-{question.key}-{index}",
                checked=option.value in picked,
                exclusive=option.exclusive,
                takes_text=option.takes_text,
                takes_number=option.takes_number,
                caption=safe_html(option.caption) if option.caption else mark_safe(""),
                info=picked.get(option.value, ""),
                info_name=info_name(question.key, option.value),
            )
            for index, option in enumerate(question.options)
        ]
    elif f.multilingual:
        f.language = chosen_language or text_language(raw, language)
        f.language_name = language_name(question.key)
        f.text = typed_text(question, raw, f.language) if _written_in(raw, f.language) else ""
        f.other_languages = [LANGUAGES.get(lang, lang) for lang in other_languages(raw, f.language)]
    elif kind in ("text", "int"):
        f.text = typed_text(question, raw)
    return f


def _written_in(raw: Any, language: str) -> bool:
    return raw is not None and bool(texts(answer_value(raw)).get(language, "").strip())


def reason_shown(problem: Problem, qn: Questionnaire) -> str:
    """A problem of the pure checks (`cbap.bch`, worded in English) in the reader's language,
    for the kinds people meet when they save and submit; the others as the checks word them."""
    question = qn.questions.get(problem.question)
    if question is None or translation.get_language() == settings.LANGUAGE_CODE:
        return problem.reason
    if problem.kind == MANDATORY_MISSING:
        return _("%(question)s is mandatory but was not answered.") % {
            "question": question.describe()
        }
    if problem.kind == NOT_APPLICABLE:
        return _(
            "%(question)s does not apply with the answers given, so it must be left unanswered."
        ) % {"question": question.describe()}
    return problem.reason
