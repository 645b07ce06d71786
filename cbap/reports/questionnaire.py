"""The BCH national-report questionnaires: loading, conditional rules, answers and validation.

Plain Python with no Django import, so that it tests fast; a Django app wraps it.

A questionnaire is read from one of the JSON files in ``cbap/reports/data/bch`` (the
report-analyzer question sets of the BCH, see the README there)::

    data = json.loads(Path("cbap/reports/data/bch/nr5-questions.json").read_text())
    nr5 = questionnaire_from_json(data, cycle=5)
    nr5.questions["Q010"].rules          # (Rule(source_key='Q010', target_key='Q010_adq', ...),)
    validate(nr5, {"Q010": {"value": "maybe"}}, require_mandatory=False)
    # [Problem(question='Q010', value='maybe',
    #          reason='“maybe” is not an option of Q010 (“Does your country have resources …”).')]

Nothing here is specific to one cycle: a sixth report is just another JSON file of the same
shape. The only code-side knowledge is the table of the edit forms' named custom rules
(:data:`CUSTOM_RULES`), and even those are parsed from the file's ``customValidations``
descriptions when the table does not know them.

Rule semantics (the ``semantics.validations`` text of the JSON files, checked against the edit
form ``app/views/forms/edit/directives/edit-national-report.directive.js`` of
scbd/absch.cbd.int):

* rules run in question order, each when its carrying question is reached;
* a rule tests the answer of the question carrying it: ``@hasValues`` is positive if any answer
  value is in ``values`` (without ``values``: if answered), ``@hasValuesExcept`` if no answer
  value is in ``values``, ``@hasAdditionalValues`` if an answer value in ``values`` carries
  additional information, ``&name`` if the named custom function of the edit form is true;
* a positive rule sets the target's flag named by ``trigger`` (``enable`` or ``visible``) to
  true, a negative one sets it to false and clears the target's answer; when the target sits in
  the sub-section ``baseQuestion`` and the trigger is not ``visible``, the sub-section gets the
  same flag (as the form does);
* a rule whose carrying question is unanswered does nothing;
* a question that is hidden or disabled, or inside a hidden or disabled sub-section, is *not
  applicable*: its answer does not count. When such a question carries rules itself, they are
  negative (the form clears the answer and re-runs the question's rules, which cascades), so a
  chain like Q011 = No -> Q012 disabled -> Q012_adq hidden works as in the form.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from cbap.engine.facts import Answer

__all__ = [
    "CUSTOM_RULES",
    "AnswerShapeError",
    "CustomRule",
    "Option",
    "Problem",
    "Question",
    "QuestionState",
    "Questionnaire",
    "Rule",
    "Section",
    "answer_states",
    "normalize",
    "parse_custom_rule",
    "question_states",
    "questionnaire_from_json",
    "validate",
]

CONTAINER_TYPES = frozenset({"sub-section", "legend"})
CHOICE_TYPES = frozenset({"option", "term"})
TEXT_TYPES = frozenset({"lstring", "lstringRte", "text"})
QUESTION_TYPES = CHOICE_TYPES | TEXT_TYPES | {"int"} | CONTAINER_TYPES
RULE_KINDS = frozenset({"@hasValues", "@hasValuesExcept", "@hasAdditionalValues"})
TRIGGERS = frozenset({"enable", "visible"})

# Problem kinds (Problem.kind), for code that wants to sort or count problems.
UNKNOWN_QUESTION = "unknown_question"
NOT_A_QUESTION = "not_a_question"
UNKNOWN_OPTION = "unknown_option"
WRONG_SHAPE = "wrong_shape"
SEVERAL_ANSWERS = "several_answers"
DUPLICATE_OPTION = "duplicate_option"
EXCLUSIVE_OPTION = "exclusive_option"
TEXT_NOT_ALLOWED = "text_not_allowed"
NOT_APPLICABLE = "not_applicable"
MANDATORY_MISSING = "mandatory_missing"
SHAPE_KINDS = frozenset({WRONG_SHAPE, SEVERAL_ANSWERS})

ANSWERED = "answered"
NOT_ANSWERED = "not_answered"
# "not_applicable" is both an answer state and a problem kind.

_LANGUAGE_KEY = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]+)?$")
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


# --------------------------------------------------------------------------------------------
# The questionnaire
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    description: str | None = None


@dataclass(frozen=True)
class Option:
    """One option of a choice question.

    `takes_text`: the option carries a free-text field (JSON ``type: 'lstring'``), stored as the
    answer item's ``additionalInformation``; `caption` labels that field. `takes_number`: the
    option carries a whole number instead (JSON ``type: 'int'``, e.g. the percentages of NR5
    Q027). `exclusive`: choosing it excludes every other option.
    """

    value: str
    title: str
    exclusive: bool = False
    takes_text: bool = False
    caption: str | None = None
    takes_number: bool = False


@dataclass(frozen=True)
class Rule:
    """A rule carried by question `source_key` that shows/enables question `target_key`.

    `kind` is ``@hasValues``, ``@hasValuesExcept``, ``@hasAdditionalValues`` or ``&name`` (a
    named custom rule); `values` is None when the JSON gives none; `base_key` is the
    sub-section holding the target (JSON ``baseQuestion``), if given.
    """

    source_key: str
    target_key: str
    base_key: str | None
    kind: str
    values: tuple[str, ...] | None
    trigger: str

    @property
    def custom_name(self) -> str | None:
        return self.kind[1:] if self.kind.startswith("&") else None


@dataclass(frozen=True)
class Question:
    """One entry of the question set: a question, a sub-section container or a legend.

    Sub-section children are flattened into `Questionnaire.questions` and keep `parent_key`;
    a sub-section lists them in `children`. `section` is the key of the section that contains
    the entry (the JSON's own ``section`` field is wrong for a handful of entries, e.g. NR5
    Q026_adq says "Article2").
    """

    key: str
    section: str
    number: str
    type: str
    title: str
    multiple: bool = False
    mandatory: bool = False
    options: tuple[Option, ...] = ()
    rules: tuple[Rule, ...] = ()
    parent_key: str | None = None
    footnote: str | None = None
    children: tuple[str, ...] = ()
    _by_value: Mapping[str, Option] = field(
        init=False, repr=False, compare=False, hash=False, default_factory=dict
    )
    _plain_title: str = field(init=False, repr=False, compare=False, hash=False, default="")

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_value", {o.value: o for o in self.options})
        object.__setattr__(self, "_plain_title", _plain(self.title))

    @property
    def answerable(self) -> bool:
        return self.type not in CONTAINER_TYPES

    def option(self, value: str) -> Option | None:
        return self._by_value.get(value)

    @property
    def plain_title(self) -> str:
        """The title without HTML tags and entities."""
        return self._plain_title

    def describe(self) -> str:
        """``Q012 ("If you answered Yes to question 11, how many qualified staff…")``."""
        title = self.plain_title
        if len(title) > 90:
            title = title[:89].rstrip() + "…"
        return f"{self.key} (“{title}”)" if title else self.key


@dataclass(frozen=True)
class CustomRule:
    """A named custom rule of an edit form: positive if any of `keys` is answered with any of
    `values` (the forms test ``(answers[key] || {}).value == value``)."""

    name: str
    keys: tuple[str, ...]
    values: tuple[str, ...]

    def test(self, lookup: Callable[[str], Answer | None]) -> bool:
        for key in self.keys:
            answer = lookup(key)
            if answer is not None and any(v in self.values for v in answer.values):
                return True
        return False


# The custom rules of the edit forms, transcribed from scbd/absch.cbd.int (commit ddbb08b0):
#   NR5: app/views/forms/edit/bch/edit-national-report-5.js
#        is141Or142, is66_aOr66_b, is79Or80Or81, is162_aOr162_b
#   NR4: app/views/forms/edit/bch/edit-national-report-4.js
#        is71aOr71b, is173aOr173b, is154Or155, is91Or92Or93
# Each function is an OR of `(answers[key] || {}).value == value` over the keys and values
# below. The JSON files describe the same functions in `semantics.customValidations`; the
# loader parses those descriptions and refuses to load if they disagree with this table.
CUSTOM_RULES: Mapping[str, CustomRule] = MappingProxyType(
    {
        rule.name: rule
        for rule in (
            CustomRule("is79Or80Or81", ("Q079", "Q080", "Q081"), ("true", "true.some")),
            CustomRule("is141Or142", ("Q141", "Q142"), ("true",)),
            CustomRule("is66_aOr66_b", ("Q066_a", "Q066_b"), ("true",)),
            CustomRule("is162_aOr162_b", ("Q162_a", "Q162_b"), ("true",)),
            CustomRule("is71aOr71b", ("Q071_a", "Q071_b"), ("true",)),
            CustomRule("is173aOr173b", ("Q173_a", "Q173_b"), ("true",)),
            CustomRule("is154Or155", ("Q154", "Q155"), ("true",)),
            CustomRule("is91Or92Or93", ("Q091", "Q092", "Q093"), ("true", "true.some")),
        )
    }
)

_QUESTION_KEY = re.compile(r"\bQ\d{3}[A-Za-z0-9_]*")
_QUOTED = re.compile(r"'([^']+)'")


_WORD = re.compile(r"[A-Za-z0-9_-]+")


def parse_custom_rule(
    name: str, description: str, known_keys: Iterable[str] | None = None
) -> CustomRule:
    """Read a ``customValidations`` description such as
    ``"Q079 or Q080 or Q081 answered 'true' or 'true.some'"``: the question keys it names (the
    words that are among `known_keys`, or else words like Q079 / Q066_a) and the quoted values."""
    unquoted = _QUOTED.sub(" ", description)
    if known_keys is None:
        found = _QUESTION_KEY.findall(unquoted)
    else:
        known = set(known_keys)
        found = [word for word in _WORD.findall(unquoted) if word in known]
    keys = tuple(dict.fromkeys(found))
    values = tuple(dict.fromkeys(_QUOTED.findall(description)))
    if not keys or not values:
        raise ValueError(f"cannot read the custom rule {name!r} from {description!r}")
    return CustomRule(name, keys, values)


@dataclass(frozen=True, eq=False)
class Questionnaire:
    """A national-report question set. `questions` is ordered as in the JSON (depth first,
    sub-section children right after their sub-section)."""

    cycle: int
    schema: str
    sections: tuple[Section, ...]
    questions: Mapping[str, Question]
    custom_rules: Mapping[str, CustomRule] = field(default_factory=dict)

    @property
    def answerable(self) -> tuple[Question, ...]:
        return tuple(q for q in self.questions.values() if q.answerable)

    def __repr__(self) -> str:
        return (
            f"Questionnaire(cycle={self.cycle}, schema={self.schema!r}, "
            f"{len(self.sections)} sections, {len(self.questions)} entries)"
        )


def questionnaire_from_json(data: Mapping[str, Any], *, cycle: int) -> Questionnaire:
    """Build a :class:`Questionnaire` from a question-set JSON document (``nr5-questions.json``
    and the like). Raises ValueError on an inconsistent file: duplicate keys, unknown question
    types, rules pointing at unknown questions or at a question outside the given sub-section,
    unknown custom rules."""
    schema = data.get("report") or data.get("schema")
    if not schema:
        raise ValueError("the question set names no report schema ('report')")
    sections: list[Section] = []
    questions: dict[str, Question] = {}

    def add(entry: Mapping[str, Any], section_key: str, parent_key: str | None) -> None:
        key = entry["key"]
        if key in questions:
            raise ValueError(f"{schema}: question key {key} appears twice")
        qtype = entry.get("type")
        if qtype not in QUESTION_TYPES:
            raise ValueError(f"{schema}: question {key} has an unknown type {qtype!r}")
        options = tuple(_option(o, key, schema) for o in entry.get("options") or ())
        rules = tuple(_rule(r, key, schema) for r in entry.get("validations") or ())
        children = entry.get("questions") or ()
        questions[key] = Question(
            key=key,
            section=section_key,
            number=str(entry.get("number") or ""),
            type=qtype,
            title=entry.get("title") or "",
            multiple=bool(entry.get("multiple", False)),
            mandatory=bool(entry.get("mandatory", False)),
            options=options,
            rules=rules,
            parent_key=parent_key,
            footnote=entry.get("footnote") or None,
            children=tuple(c["key"] for c in children),
        )
        for child in children:
            add(child, section_key, key)

    for raw_section in data["sections"]:
        sections.append(
            Section(
                key=raw_section["key"],
                title=raw_section.get("title") or "",
                description=raw_section.get("description") or None,
            )
        )
        for entry in raw_section.get("questions") or ():
            add(entry, raw_section["key"], None)

    custom_rules = _custom_rules(data, questions, schema)
    _check_rules(questions, schema)
    return Questionnaire(
        cycle=cycle,
        schema=schema,
        sections=tuple(sections),
        questions=MappingProxyType(questions),
        custom_rules=MappingProxyType(custom_rules),
    )


def _option(raw: Mapping[str, Any], key: str, schema: str) -> Option:
    kind = raw.get("type")
    if kind not in (None, "lstring", "int"):
        raise ValueError(f"{schema}: option {raw.get('value')!r} of {key} has type {kind!r}")
    return Option(
        value=str(raw["value"]),
        title=raw.get("title") or "",
        exclusive=bool(raw.get("exclusive", False)),
        takes_text=kind == "lstring",
        caption=raw.get("caption") or None,
        takes_number=kind == "int",
    )


def _rule(raw: Mapping[str, Any], key: str, schema: str) -> Rule:
    kind = raw.get("type") or ""
    if kind not in RULE_KINDS and not re.fullmatch(r"&\w+", kind):
        raise ValueError(f"{schema}: rule on {key} has an unknown type {kind!r}")
    trigger = raw.get("trigger")
    if trigger not in TRIGGERS:
        raise ValueError(f"{schema}: rule on {key} has an unknown trigger {trigger!r}")
    values = raw.get("values")
    if kind == "@hasValuesExcept" and values is None:
        raise ValueError(f"{schema}: @hasValuesExcept rule on {key} lists no values")
    return Rule(
        source_key=key,
        target_key=raw["question"],
        base_key=raw.get("baseQuestion") or None,
        kind=kind,
        values=None if values is None else tuple(str(v) for v in values),
        trigger=trigger,
    )


def _check_rules(questions: Mapping[str, Question], schema: str) -> None:
    # The edit form looks the target up among the top-level questions of the section, or
    # among the children of `baseQuestion` when it is given; keys are unique, so we check that
    # the target sits where the form would look for it.
    for question in questions.values():
        for rule in question.rules:
            target = questions.get(rule.target_key)
            if target is None:
                raise ValueError(
                    f"{schema}: rule on {question.key} targets unknown {rule.target_key}"
                )
            if target.parent_key != rule.base_key:
                where = f"sub-section {rule.base_key}" if rule.base_key else "the top level"
                raise ValueError(
                    f"{schema}: rule on {question.key} targets {rule.target_key}, "
                    f"which is not in {where}"
                )


def _custom_rules(
    data: Mapping[str, Any], questions: Mapping[str, Question], schema: str
) -> dict[str, CustomRule]:
    described = (data.get("semantics") or {}).get("customValidations") or {}
    used = {rule.custom_name for q in questions.values() for rule in q.rules} - {None}
    result: dict[str, CustomRule] = {}
    for name in sorted(used | set(described)):
        known = CUSTOM_RULES.get(name)
        parsed = parse_custom_rule(name, described[name], questions) if name in described else None
        if known and parsed and not _same_custom_rule(known, parsed):
            raise ValueError(
                f"{schema}: custom rule {name} is described as {described[name]!r}, "
                f"but the edit form tests {known.keys} for {known.values}"
            )
        rule = known or parsed
        if rule is None:
            raise ValueError(f"{schema}: the custom rule {name!r} is neither known nor described")
        missing = [k for k in rule.keys if k not in questions]
        if missing:
            raise ValueError(f"{schema}: custom rule {name} tests unknown questions {missing}")
        result[name] = rule
    return result


def _same_custom_rule(a: CustomRule, b: CustomRule) -> bool:
    return set(a.keys) == set(b.keys) and set(a.values) == set(b.values)


# --------------------------------------------------------------------------------------------
# Reading answers
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """Something wrong with one answer (or a missing one). `value` is the offending option value
    when there is one; `kind` is one of the module's problem-kind constants."""

    question: str
    value: str | None
    reason: str
    kind: str = field(default="", compare=False)


class AnswerShapeError(ValueError):
    """Raised by :func:`normalize` when an answer does not have the BCH shape of its question."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(p.reason for p in problems))
        self.problems = problems


def _plain(text: str) -> str:
    return _SPACE.sub(" ", html.unescape(_TAG.sub("", text or ""))).strip()


def _option_name(question: Question, value: str) -> str:
    option = question.option(value)
    title = _plain(option.title) if option else ""
    return f"“{title}” ({value})" if title and title != value else f"“{value}”"


_EMPTY_KEYS = frozenset({"value", "identifier"})


def _blank(raw: Any) -> bool:
    """An empty answer: None, "", [], {}, or {"value"/"identifier": <empty>} only."""
    if raw is None:
        return True
    if isinstance(raw, str | list):
        return not raw
    if isinstance(raw, Mapping):
        return not raw or (raw.keys() <= _EMPTY_KEYS and all(_blank(v) for v in raw.values()))
    return False


def _language_text(raw: Any) -> tuple[str | None, bool]:
    """The text of a multilingual string {lang: text} (English preferred), or of a plain string.
    Returns (text or None, well_formed)."""
    if isinstance(raw, str):
        return (raw.strip() or None), True
    if isinstance(raw, Mapping):
        if not all(isinstance(k, str) and _LANGUAGE_KEY.match(k) for k in raw):
            return None, False
        if not all(v is None or isinstance(v, str) for v in raw.values()):
            return None, False
        for lang in ("en", *raw):
            text = (raw.get(lang) or "").strip()
            if text:
                return text, True
        return None, True
    return None, False


def _whole_number(raw: Any) -> int | None:
    if isinstance(raw, Mapping) and set(raw) == {"value"}:
        raw = raw["value"]
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float) and math.isfinite(raw) and raw.is_integer():
        return int(raw)
    return None


class _Reader:
    """Reads one raw answer: a best-effort Answer (None when unanswered) and its problems."""

    def __init__(self, question: Question):
        self.q = question
        self.problems: list[Problem] = []

    def problem(self, kind: str, reason: str, value: str | None = None) -> None:
        self.problems.append(Problem(self.q.key, value, reason, kind))

    def read(self, raw: Any) -> Answer | None:
        if _blank(raw):
            return None
        if self.q.type in CHOICE_TYPES:
            return self.choice(raw)
        if self.q.type == "int":
            return self.integer(raw)
        return self.text(raw)

    # -- free text and numbers ---------------------------------------------------------------

    def text(self, raw: Any) -> Answer | None:
        value = raw["value"] if isinstance(raw, Mapping) and "value" in raw else raw
        text, ok = _language_text(value)
        if not ok:
            shape = (
                'a plain string or {"value": "…"}'
                if self.q.type == "text"
                else 'multilingual text such as {"value": {"en": "…"}}'
            )
            self.problem(
                WRONG_SHAPE,
                f"{self.q.describe()} expects {shape}, but the answer is {_show(raw)}.",
            )
            return None
        return Answer(text=text) if text else None

    def integer(self, raw: Any) -> Answer | None:
        number = _whole_number(raw)
        if number is None:
            self.problem(
                WRONG_SHAPE,
                f'{self.q.describe()} expects a whole number such as {{"value": 4}}, '
                f"but the answer is {_show(raw)}.",
            )
            return None
        return Answer(number=number)

    # -- choices -----------------------------------------------------------------------------

    def choice(self, raw: Any) -> Answer | None:
        q = self.q
        if q.multiple:
            if isinstance(raw, list):
                items = raw
            else:
                self.problem(
                    WRONG_SHAPE,
                    f"{q.describe()} allows several options, so its answer must be a list "
                    f'such as [{{"value": "…"}}], but the answer is {_show(raw)}.',
                )
                items = [raw]
        elif isinstance(raw, list):
            items = raw
            chosen = [i for i in raw if not _blank(i)]
            if len(chosen) > 1:
                names = ", ".join(_option_name(q, v) for v in map(_item_value, chosen) if v)
                self.problem(
                    SEVERAL_ANSWERS,
                    f"{q.describe()} is a single-choice question, but {len(chosen)} options "
                    f"were given: {names}.",
                )
        else:
            items = [raw]

        values: list[str] = []
        with_text: set[str] = set()
        texts: list[str] = []
        for item in items:
            if _blank(item):
                continue
            value = _item_value(item)
            if value is None:
                self.problem(
                    WRONG_SHAPE,
                    f'{q.describe()}: an option must be given as {{"value": "<option value>"}}, '
                    f"but the answer holds {_show(item)}.",
                )
                continue
            if value in values:
                self.problem(
                    DUPLICATE_OPTION,
                    f"{q.describe()}: option {_option_name(q, value)} is chosen more than once.",
                    value,
                )
                continue
            values.append(value)
            option = q.option(value)
            if option is None:
                self.problem(
                    UNKNOWN_OPTION,
                    f"“{value}” is not an option of {q.describe()}.",
                    value,
                )
            info = item.get("additionalInformation") if isinstance(item, Mapping) else None
            if _blank(info):
                continue
            if option is None:
                continue  # already reported; its text is not read
            if option.takes_number:
                number = _whole_number(info)
                if number is None:
                    self.problem(
                        WRONG_SHAPE,
                        f"{q.describe()}: option {_option_name(q, value)} takes a whole number, "
                        f"but {_show(info)} was given.",
                        value,
                    )
                elif number:  # the form tests the raw value, so 0 carries nothing
                    with_text.add(value)
            elif option.takes_text:
                text, ok = _language_text(info)
                if not ok:
                    self.problem(
                        WRONG_SHAPE,
                        f"{q.describe()}: the text for option {_option_name(q, value)} must be "
                        f'multilingual text such as {{"en": "…"}}, but it is {_show(info)}.',
                        value,
                    )
                elif text:
                    with_text.add(value)
                    texts.append(text)
            else:
                self.problem(
                    TEXT_NOT_ALLOWED,
                    f"{q.describe()}: option {_option_name(q, value)} does not take free text, "
                    f"but additional information was given with it.",
                    value,
                )
        if not values:
            return None
        if q.multiple and len(values) > 1:
            for value in values:
                option = q.option(value)
                if option is not None and option.exclusive:
                    others = ", ".join(_option_name(q, v) for v in values if v != value)
                    self.problem(
                        EXCLUSIVE_OPTION,
                        f"{q.describe()}: option {_option_name(q, value)} excludes every other "
                        f"option, but it was chosen together with {others}.",
                        value,
                    )
        return Answer(
            values=tuple(values),
            with_text=frozenset(with_text),
            text="\n".join(texts) or None,
        )


def _item_value(item: Any) -> str | None:
    """The analyzer's value || identifier || itself, for one answer item."""
    if isinstance(item, str):
        return item or None
    if isinstance(item, Mapping):
        value = item.get("value") or item.get("identifier")
        return value if isinstance(value, str) and value else None
    return None


def _show(raw: Any) -> str:
    text = repr(raw)
    return text if len(text) <= 60 else text[:59] + "…"


def _read(question: Question, raw: Any) -> tuple[Answer | None, list[Problem]]:
    reader = _Reader(question)
    return reader.read(raw), reader.problems


def normalize(question: Question, raw: Any) -> Answer | None:
    """The engine's :class:`~cbap.engine.facts.Answer` for one raw BCH answer; None when the
    raw answer is empty (None, "", [], {}, {"value": ""}, {"value": {"en": ""}} …).

    Accepted shapes: single choice ``{"value": "x", "additionalInformation"?: {"en": …}}`` (also
    ``{"identifier": "x"}``, a bare ``"x"`` or a one-item list); multiple choice / term
    ``[{"value": "x", "additionalInformation"?: …}, …]`` (items may also be
    ``{"identifier": …}`` or bare strings); lstring / lstringRte ``{"value": {"en": …}}`` (also
    ``{"en": …}``); int ``{"value": 4}`` (also a bare 4); text a plain string or
    ``{"value": "…"}``.

    `values` keeps the given order; `with_text` holds the values whose option carries
    additional information (text, or a non-zero number on an ``int`` option); `text` joins the
    texts of the answer (free text, or the options' texts, one per line). Option numbers (e.g.
    NR5 Q027 percentages) are not part of an Answer. Unknown option values are kept (validation
    reports them); text given on an option that takes none is dropped.

    Raises :class:`AnswerShapeError` when the raw answer does not have the question's shape.
    """
    answer, problems = _read(question, raw)
    shape = [p for p in problems if p.kind in SHAPE_KINDS]
    if shape:
        raise AnswerShapeError(shape)
    return answer


# --------------------------------------------------------------------------------------------
# Rules
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class QuestionState:
    visible: bool = True
    enabled: bool = True

    @property
    def applicable(self) -> bool:
        return self.visible and self.enabled


_DEFAULT = QuestionState()


class _Walk:
    """One in-order pass of the rules over a questionnaire.

    Questions are visited in order with :meth:`visit`; a question's state is final when it is
    visited (the BCH sets have no rule pointing backwards, and a backward rule is still handled
    like the form does: the target's own rules are re-run, negatively). `ahead` holds answers of
    questions not visited yet, which custom rules may read.
    """

    def __init__(self, questionnaire: Questionnaire, ahead: Mapping[str, Answer | None]):
        self.qn = questionnaire
        self.ahead = ahead
        self.flags: dict[str, list[bool]] = {}  # key -> [visible, enabled], when set by a rule
        self.cause: dict[str, Rule] = {}  # key -> the last rule that set one of its flags false
        self.effective: dict[str, Answer] = {}
        self.visited: set[str] = set()

    def own(self, key: str) -> QuestionState:
        flags = self.flags.get(key)
        return QuestionState(*flags) if flags else _DEFAULT

    def state(self, key: str) -> QuestionState:
        own = self.own(key)
        parent_key = self.qn.questions[key].parent_key
        if parent_key is None:
            return own
        parent = self.state(parent_key)
        return QuestionState(own.visible and parent.visible, own.enabled and parent.enabled)

    def applicable(self, key: str | None) -> bool:
        questions = self.qn.questions
        while key is not None:
            flags = self.flags.get(key)
            if flags is not None and not (flags[0] and flags[1]):
                return False
            key = questions[key].parent_key
        return True

    def lookup(self, key: str) -> Answer | None:
        if key in self.visited:
            return self.effective.get(key)
        if key not in self.qn.questions or not self.applicable(key):
            return None
        return self.ahead.get(key)

    def visit(self, question: Question, answer: Answer | None) -> None:
        if answer is not None and question.answerable and self.applicable(question.key):
            self.effective[question.key] = answer
        self.visited.add(question.key)
        self.run_rules(question, depth=0)

    def run_rules(self, question: Question, depth: int) -> None:
        if not question.rules:
            return
        applicable = self.applicable(question.key)
        answer = self.effective.get(question.key)
        for rule in question.rules:
            if not applicable:
                positive = False  # cascade: a cleared question's rules come out negative
            elif answer is None:
                continue  # a rule whose carrying question is unanswered does nothing
            else:
                positive = self.test(rule, answer)
            self.apply(rule, positive, depth)

    def test(self, rule: Rule, answer: Answer) -> bool:
        name = rule.custom_name
        if name is not None:
            return self.qn.custom_rules[name].test(self.lookup)
        if rule.kind == "@hasValues":
            if rule.values is None:
                return True  # answered
            return any(v in rule.values for v in answer.values)
        if rule.kind == "@hasValuesExcept":
            return not any(v in (rule.values or ()) for v in answer.values)
        # @hasAdditionalValues
        return any(v in (rule.values or ()) for v in answer.with_text)

    def apply(self, rule: Rule, positive: bool, depth: int) -> None:
        index = 0 if rule.trigger == "visible" else 1
        targets = [rule.target_key]
        if rule.base_key and rule.trigger != "visible":
            targets.append(rule.base_key)
        for key in targets:
            self.flags.setdefault(key, [True, True])[index] = positive
            if positive:
                if key in self.cause and self.own(key).applicable:
                    del self.cause[key]
            else:
                self.cause[key] = rule
        if positive:
            return
        cleared = list(self._with_descendants(targets))
        for key in cleared:
            self.effective.pop(key, None)
        if depth < len(self.qn.questions):
            for key in cleared:
                if key in self.visited:
                    self.run_rules(self.qn.questions[key], depth + 1)

    def _with_descendants(self, keys: Iterable[str]) -> Iterable[str]:
        for key in keys:
            yield key
            yield from self._with_descendants(self.qn.questions[key].children)

    def why(self, key: str) -> Rule | None:
        """The rule that made `key` (or its sub-section) not applicable."""
        while key is not None:
            if not self.own(key).applicable and key in self.cause:
                return self.cause[key]
            key = self.qn.questions[key].parent_key
        return None


def _walk(questionnaire: Questionnaire, answers: Mapping[str, Answer | None]) -> _Walk:
    walk = _Walk(questionnaire, answers)
    for question in questionnaire.questions.values():
        walk.visit(question, answers.get(question.key))
    return walk


def _answers(questionnaire: Questionnaire, answers: Mapping[str, Any]) -> dict[str, Answer]:
    """Raw or normalised answers -> {key: Answer}, best effort, for known answerable keys."""
    result: dict[str, Answer] = {}
    for key, raw in answers.items():
        question = questionnaire.questions.get(key)
        if question is None or not question.answerable:
            continue
        answer = raw if isinstance(raw, Answer) else _read(question, raw)[0]
        if answer is not None:
            result[key] = answer
    return result


def question_states(
    questionnaire: Questionnaire, answers: Mapping[str, Any]
) -> dict[str, QuestionState]:
    """The visible/enabled state of every entry (questions, sub-sections and legends) after
    running the rules on `answers` (raw BCH answers or :class:`Answer` objects). The state of a
    sub-section's child includes its sub-section's: a question is applicable when
    ``state.applicable``."""
    walk = _walk(questionnaire, _answers(questionnaire, answers))
    return {key: walk.state(key) for key in questionnaire.questions}


def answer_states(questionnaire: Questionnaire, answers: Mapping[str, Any]) -> dict[str, str]:
    """For every answerable question: ``"answered"``, ``"not_answered"`` or
    ``"not_applicable"`` (hidden or disabled by a rule; an answer given anyway does not count)."""
    parsed = _answers(questionnaire, answers)
    walk = _walk(questionnaire, parsed)
    result = {}
    for question in questionnaire.answerable:
        if not walk.applicable(question.key):
            result[question.key] = NOT_APPLICABLE
        elif question.key in parsed:
            result[question.key] = ANSWERED
        else:
            result[question.key] = NOT_ANSWERED
    return result


# --------------------------------------------------------------------------------------------
# Validation
# --------------------------------------------------------------------------------------------


def validate(
    questionnaire: Questionnaire, answers: Mapping[str, Any], *, require_mandatory: bool
) -> list[Problem]:
    """Every problem of a report's answers (raw BCH shapes keyed by question key), never only
    the first: unknown questions, answers to sub-section headings or legends, wrong shapes,
    several answers to a single-choice question, unknown or repeated options, an exclusive
    option combined with others, free text on an option that takes none, answers to questions
    that the rules make not applicable, and (with `require_mandatory`) mandatory questions left
    unanswered although they apply. Problems come in question order, unknown keys last."""
    per_key: dict[str, list[Problem]] = {}
    unknown: list[Problem] = []
    parsed: dict[str, Answer] = {}
    for key, raw in answers.items():
        question = questionnaire.questions.get(key)
        if question is None:
            unknown.append(
                Problem(
                    key,
                    None,
                    f"“{key}” is not a question of the {_ordinal(questionnaire.cycle)} national "
                    f"report ({questionnaire.schema}).",
                    UNKNOWN_QUESTION,
                )
            )
            continue
        if not question.answerable:
            if not _blank(raw):
                what = "a sub-section heading" if question.type == "sub-section" else "a legend"
                per_key.setdefault(key, []).append(
                    Problem(
                        key,
                        None,
                        f"{question.describe()} is {what}, not a question; it cannot be answered.",
                        NOT_A_QUESTION,
                    )
                )
            continue
        answer, problems = _read(question, raw)
        if problems:
            per_key.setdefault(key, []).extend(problems)
        if answer is not None:
            parsed[key] = answer

    walk = _walk(questionnaire, parsed)
    for question in questionnaire.answerable:
        key = question.key
        if not walk.applicable(key):
            if key in parsed:
                per_key.setdefault(key, []).append(
                    Problem(key, None, _not_applicable_reason(walk, question), NOT_APPLICABLE)
                )
        elif require_mandatory and question.mandatory and key not in parsed:
            per_key.setdefault(key, []).append(
                Problem(
                    key,
                    None,
                    f"{question.describe()} is mandatory but was not answered.",
                    MANDATORY_MISSING,
                )
            )
    ordered = [p for key in questionnaire.questions for p in per_key.get(key, ())]
    return ordered + unknown


def _not_applicable_reason(walk: _Walk, question: Question) -> str:
    state = walk.state(question.key)
    how = "hidden" if not state.visible else "disabled"
    rule = walk.why(question.key)
    if rule is None:
        because = ""
    else:
        source = walk.qn.questions[rule.source_key]
        if walk.applicable(source.key):
            because = f" by the answer to {source.describe()}"
        else:
            because = f" because {source.describe()} does not apply"
    return f"{question.describe()} is {how}{because}, so it must be left unanswered."


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
