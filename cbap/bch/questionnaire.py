"""The BCH national-report questionnaires: the question sets as read from their JSON files.

Plain Python with no Django import, so that it tests fast; a Django app wraps it.

A questionnaire is read from one of the JSON files in ``cbap/bch/data/bch`` (the
report-analyzer question sets of the BCH, see the README there)::

    data = json.loads(Path("cbap/bch/data/bch/nr5-questions.json").read_text())
    nr5 = questionnaire_from_json(data, cycle=5)
    nr5.questions["Q010"].rules          # (Rule(source_key='Q010', target_key='Q010_adq', ...),)

Nothing here is specific to one cycle: a sixth report is just another JSON file of the same
shape. The only code-side knowledge is the table of the edit forms' named custom rules
(:data:`CUSTOM_RULES`), and even those are parsed from the file's ``customValidations``
descriptions when the table does not know them. What the rules do is :mod:`cbap.bch.rules`;
how answers are read and checked, :mod:`cbap.bch.answers` and :mod:`cbap.bch.validation`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from cbap.bch.text import plain

__all__ = [
    "CHOICE_TYPES",
    "CONTAINER_TYPES",
    "CUSTOM_RULES",
    "TEXT_TYPES",
    "CustomRule",
    "Option",
    "Question",
    "Questionnaire",
    "Rule",
    "Section",
    "parse_custom_rule",
    "questionnaire_from_json",
]

CONTAINER_TYPES = frozenset({"sub-section", "legend"})
CHOICE_TYPES = frozenset({"option", "term"})
TEXT_TYPES = frozenset({"lstring", "lstringRte", "text"})
QUESTION_TYPES = CHOICE_TYPES | TEXT_TYPES | {"int"} | CONTAINER_TYPES
RULE_KINDS = frozenset({"@hasValues", "@hasValuesExcept", "@hasAdditionalValues"})
TRIGGERS = frozenset({"enable", "visible"})


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    description: str | None = None
    footnote: str | None = None
    language: str = "en"  # of the title: English, or the reader's where the BCH translated it


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
    language: str = "en"  # of the title


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
    language: str = "en"  # of the title
    _by_value: Mapping[str, Option] = field(
        init=False, repr=False, compare=False, hash=False, default_factory=dict
    )
    _plain_title: str = field(init=False, repr=False, compare=False, hash=False, default="")

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_value", {o.value: o for o in self.options})
        object.__setattr__(self, "_plain_title", plain(self.title))

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
                footnote=raw_section.get("footnote") or None,
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
