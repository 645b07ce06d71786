"""Entering a national report in the browser: the questionnaire as form fields, and back again.

No HTTP here (the views in `entry_views` parse, call one of these, render), and no writes: the
record services save. The rules stay those of :mod:`cbap.bch.rules`; this module
only translates between its BCH answer shapes and HTML form fields::

    qn = selectors.questionnaire_for(cycle)
    section_answers = parse_section(qn, "Article2", request.POST)  # {"Q007": {...}, "Q008": None}
    draft = check_draft(qn, merge(report.answers, section_answers), section_answers)
    draft.answers   # what to save: answers to questions that no longer apply are dropped
    draft.dropped   # the Problems saying which and why, to tell the user
    draft.problems  # what refuses the save (an exclusive option combined with others …)

Form field names: ``q:<key>`` carries a question's answer (option values, or the text or
number typed); ``q:<key>:info:<option value>`` the free text or number that goes with an option
(the BCH ``additionalInformation``). HTML ids use the option's position instead of its value,
because values hold characters such as ``+`` and ``.``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from cbap.bch.problems import Problem
from cbap.bch.questionnaire import Question, Questionnaire
from cbap.bch.rules import ANSWERED, NOT_APPLICABLE, QuestionState, answer_states, question_states
from cbap.bch.text import answer_value, item_value, plain, text_in
from cbap.bch.validation import validate

PREFIX = "q:"


def field_name(key: str) -> str:
    return f"{PREFIX}{key}"


def info_name(key: str, value: str) -> str:
    return f"{PREFIX}{key}:info:{value}"


# --------------------------------------------------------------------------------------------
# Titles: the BCH writes them in HTML with a little markup (<i>, <sup>, <u>, <br>)
# --------------------------------------------------------------------------------------------

SAFE_TAGS = frozenset({"i", "em", "b", "strong", "u", "sup", "sub", "br"})
DROPPED_TAGS = frozenset({"script", "style"})  # their content goes too


class _Sanitizer(HTMLParser):
    """Keeps the tags of SAFE_TAGS without any attribute, drops every other tag (keeping its
    text, except that of DROPPED_TAGS) and escapes all text, so the result is safe in a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.open: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in DROPPED_TAGS:
            self.skipping += 1
        elif tag == "br":
            self.out.append("<br>")
        elif tag in SAFE_TAGS:
            self.out.append(f"<{tag}>")
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag == "br":
            self.out.append("<br>")

    def handle_endtag(self, tag: str) -> None:
        if tag in DROPPED_TAGS:
            self.skipping = max(0, self.skipping - 1)
        elif tag in SAFE_TAGS and tag in self.open:
            while self.open:
                closing = self.open.pop()
                self.out.append(f"</{closing}>")
                if closing == tag:
                    break

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.out.append(escape(data))

    def result(self) -> str:
        self.close()
        return "".join(self.out) + "".join(f"</{tag}>" for tag in reversed(self.open))


def safe_html(text: str | None) -> SafeString:
    """A BCH title or description reduced to a safe subset of HTML (see SAFE_TAGS)."""
    sanitizer = _Sanitizer()
    sanitizer.feed(text or "")
    return mark_safe(sanitizer.result().strip())  # noqa: S308 - built from escaped parts only


# --------------------------------------------------------------------------------------------
# The questionnaire of a cycle
# --------------------------------------------------------------------------------------------


def section_questions(qn: Questionnaire, section_key: str) -> list[Question]:
    """Every entry of a section (questions, sub-sections, legends), in order."""
    return [q for q in qn.questions.values() if q.section == section_key]


def section_keys(qn: Questionnaire, section_key: str) -> list[str]:
    """The keys of the answerable questions of a section."""
    return [q.key for q in section_questions(qn, section_key) if q.answerable]


# --------------------------------------------------------------------------------------------
# Reading the stored BCH shapes (tolerant: imported reports come in several shapes)
# --------------------------------------------------------------------------------------------


def chosen(question: Question, raw: Any) -> dict[str, str]:
    """{option value: its free text or number as a string ('' if none)} of a choice answer,
    in the order given."""
    if raw is None:
        return {}
    items = raw if isinstance(raw, list) else [raw]
    result: dict[str, str] = {}
    for item in items:
        value = item_value(item)
        if value is None or value in result:
            continue
        info = item.get("additionalInformation") if isinstance(item, Mapping) else None
        if isinstance(info, bool) or info is None:
            result[value] = ""
        elif isinstance(info, int | float):
            result[value] = str(int(info)) if float(info).is_integer() else str(info)
        elif isinstance(info, Mapping) and set(info) == {"value"}:
            result[value] = str(info["value"])
        else:
            result[value] = text_in(info)
    return result


def typed_text(question: Question, raw: Any) -> str:
    """What the text or number box of a question shows for a stored answer."""
    if raw is None:
        return ""
    value = answer_value(raw)
    if question.type == "int":
        return "" if value is None or isinstance(value, bool) else str(value)
    return text_in(value)


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


def parse_answer(question: Question, data) -> Any:
    """The BCH answer of one question from form data (a QueryDict or {name: [values]});
    None when unanswered. Choice answers: ``{"value": v}`` or a list of them (term questions:
    ``{"identifier": v}``), with ``additionalInformation`` ``{"en": text}`` or a number;
    lstring / lstringRte: ``{"value": {"en": text}}``; int: ``{"value": n}``."""
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
    if not text:
        return None
    if question.type == "int":
        return {"value": _whole(text)}
    if question.type == "text":
        return text
    return {"value": {"en": text}}


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
                    f"{question.describe()}: something was typed beside "
                    f"“{plain(option.title)}”, but that option is not chosen. Choose it, "
                    "or clear what was typed.",
                    "orphan_text",
                )
            )
    return problems


def parse_section(qn: Questionnaire, section_key: str, data) -> dict[str, Any]:
    """{key: BCH answer or None} for every answerable question of a section; the form shows them
    all, so a question missing from the data was left unanswered (or cleared)."""
    return {
        q.key: parse_answer(q, data) for q in section_questions(qn, section_key) if q.answerable
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
    answers are not required in a draft).
    """

    answers: dict[str, Any]
    dropped: list[Problem] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

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
    return Draft(answers=kept, dropped=dropped, problems=blocking)


def check_submission(qn: Questionnaire, answers: Mapping[str, Any]) -> list[Problem]:
    """Every problem that stops a report being submitted, mandatory answers included."""
    return validate(qn, answers, require_mandatory=True)


def _position(qn: Questionnaire, key: str) -> int:
    for index, k in enumerate(qn.questions):
        if k == key:
            return index
    return len(qn.questions)


# --------------------------------------------------------------------------------------------
# Answers for people to read (print view, baselines, what changed)
# --------------------------------------------------------------------------------------------


def answer_lines(question: Question, raw: Any, value_mapping: Mapping[str, str] | None = None):
    """The answer as lines of text (option titles, with their free text or number after a
    colon; free text; a number). Option values unknown to the question are shown as they are.
    `value_mapping` first translates stored values (an earlier cycle's answers)."""
    if raw is None:
        return []
    if question.type in ("option", "term"):
        lines = []
        for value, info in chosen(question, raw).items():
            value = (value_mapping or {}).get(value, value)
            option = question.option(value)
            lines.append(_with_info(plain(option.title) if option else value, info))
        return lines
    text = typed_text(question, raw)
    return [text] if text else []


@dataclass(frozen=True)
class Baseline:
    """A Party's answer in the previous cycle to the question mapped to this one."""

    previous_key: str
    lines: list[str]
    equivalent: bool
    caution: str
    cycle: int

    @property
    def report_name(self) -> str:
        n = self.cycle
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"{n}{suffix} national report"


def baselines(
    qn: Questionnaire,
    previous_qn: Questionnaire | None,
    previous_answers: Mapping[str, Any],
    mappings: Iterable,
) -> dict[str, Baseline]:
    """{key: Baseline} for the questions of `qn` mapped (QuestionMapping rows, or anything
    with key, previous_key, value_mapping, equivalent, caution) to an answered question of the
    previous cycle. Option values go through `value_mapping`, then to the titles of this
    cycle's options; the previous cycle's titles are the fallback."""
    result = {}
    for mapping in mappings:
        question = qn.questions.get(mapping.key)
        raw = previous_answers.get(mapping.previous_key)
        if question is None or not question.answerable or raw is None:
            continue
        lines = answer_lines(question, raw, mapping.value_mapping or {})
        if previous_qn is not None and question.type in ("option", "term"):
            old = previous_qn.questions.get(mapping.previous_key)
            if old is not None:
                lines = [
                    _title_either(question, old, v, info, mapping.value_mapping or {})
                    for v, info in chosen(old, raw).items()
                ]
        if lines:
            result[mapping.key] = Baseline(
                previous_key=mapping.previous_key,
                lines=lines,
                equivalent=mapping.equivalent,
                caution=mapping.caution,
                cycle=previous_qn.cycle if previous_qn else qn.cycle - 1,
            )
    return result


def _title_either(question: Question, old: Question, value: str, info: str, mapping) -> str:
    option = question.option(mapping.get(value, value)) or old.option(value)
    return _with_info(plain(option.title) if option else value, info)


def _with_info(title: str, info: str) -> str:
    """ "Yes, to some extent: in agriculture" (titles often end with their own colon)."""
    if not info:
        return title
    return f"{title} {info}" if title.endswith(":") else f"{title}: {info}"


@dataclass(frozen=True)
class Change:
    key: str
    label: str
    before: list[str]
    after: list[str]


def answer_changes(
    qn: Questionnaire, before: Mapping[str, Any], after: Mapping[str, Any]
) -> list[Change]:
    """The questions whose answers differ between two versions of a report, in order."""
    changes = []
    for key, question in qn.questions.items():
        if before.get(key) != after.get(key):
            changes.append(
                Change(
                    key=key,
                    label=_label(question),
                    before=answer_lines(question, before.get(key)),
                    after=answer_lines(question, after.get(key)),
                )
            )
    return changes


def _label(question: Question) -> str:
    number = f"{question.number}. " if question.number else ""
    return f"{number}{question.plain_title}"


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

    @property
    def id(self) -> str:
        return f"q-{self.key}"

    @property
    def describedby(self) -> str:
        ids = []
        if self.problems:
            ids.append(f"{self.id}-errors")
        if self.baseline:
            ids.append(f"{self.id}-baseline")
        if self.footnote:
            ids.append(f"{self.id}-note")
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
) -> list[Field]:
    """The fields of one section, filled with `answers` (stored, or as typed when a save is
    refused), with each question's problems, baseline and rule state; sub-sections hold their
    children."""
    states = states if states is not None else question_states(qn, answers)
    by_key: dict[str, list[str]] = {}
    for problem in problems:
        by_key.setdefault(problem.question, []).append(problem.reason)
    baselines = baselines or {}
    fields: dict[str, Field] = {}
    top: list[Field] = []
    for question in section_questions(qn, section_key):
        f = _field(question, answers.get(question.key))
        f.state = states.get(question.key, QuestionState())
        f.problems = by_key.get(question.key, [])
        f.baseline = baselines.get(question.key)
        fields[question.key] = f
        parent = fields.get(question.parent_key) if question.parent_key else None
        (parent.children if parent else top).append(f)
    return top


def _field(question: Question, raw: Any) -> Field:
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
        title=safe_html(question.title),
        label=_label(question),
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
                title=safe_html(option.title),
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
    elif kind in ("text", "int"):
        f.text = typed_text(question, raw)
    return f


# --------------------------------------------------------------------------------------------
# Progress, and the rules for the browser
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SectionProgress:
    key: str
    title: SafeString
    answered: int
    applicable: int
    mandatory_missing: int

    @property
    def complete(self) -> bool:
        return self.answered == self.applicable


def progress(qn: Questionnaire, answers: Mapping[str, Any]) -> list[SectionProgress]:
    """For every section: how many applicable questions are answered, and how many mandatory
    ones are still missing."""
    states = answer_states(qn, answers)
    result = []
    for section in qn.sections:
        keys = section_keys(qn, section.key)
        applicable = [k for k in keys if states[k] != NOT_APPLICABLE]
        answered = [k for k in applicable if states[k] == ANSWERED]
        missing = [k for k in applicable if qn.questions[k].mandatory and states[k] != ANSWERED]
        result.append(
            SectionProgress(
                key=section.key,
                title=safe_html(section.title),
                answered=len(answered),
                applicable=len(applicable),
                mandatory_missing=len(missing),
            )
        )
    return result


def rules_data(qn: Questionnaire, section_key: str, answers: Mapping[str, Any]) -> dict[str, Any]:
    """What ``entry.js`` needs to run the rules of one section in the browser (the same walk as
    :func:`cbap.bch.rules.question_states`): the section's entries in order with
    their rules, the custom rules, the answers of questions outside the section that custom
    rules read, and the server's state of entries that rules of other sections decide."""
    entries = section_questions(qn, section_key)
    inside = {q.key for q in entries}
    custom_keys = {k for rule in qn.custom_rules.values() for k in rule.keys}
    states = question_states(qn, answers)
    outside_targets = {
        rule.target_key
        for q in qn.questions.values()
        if q.section != section_key
        for rule in q.rules
        if rule.target_key in inside or rule.base_key in inside
    }
    outside_answers = {}
    for key in custom_keys - inside:
        if key in qn.questions and states[key].applicable:
            values = list(chosen(qn.questions[key], answers.get(key)))
            if values:
                outside_answers[key] = values
    return {
        "questions": [
            {
                "key": q.key,
                "parent": q.parent_key,
                "children": list(q.children),
                "answerable": q.answerable,
                "rules": [
                    {
                        "target": r.target_key,
                        "base": r.base_key,
                        "kind": r.kind,
                        "values": list(r.values) if r.values is not None else None,
                        "trigger": r.trigger,
                    }
                    for r in q.rules
                ],
            }
            for q in entries
        ],
        "custom": {
            name: {"keys": list(rule.keys), "values": list(rule.values)}
            for name, rule in qn.custom_rules.items()
        },
        "outside": outside_answers,
        "fixed": {
            key: [states[key].visible, states[key].enabled]
            for key in sorted(outside_targets)
            if key in states
        },
    }
