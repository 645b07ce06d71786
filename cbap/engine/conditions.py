"""A tiny condition language over one government's facts, with Kleene three-valued logic.

Conditions are plain mappings as loaded from the reviewed YAML definitions, e.g.
``{all: [{q: Q011, in: ['true']}, {q: Q012, min: 1}]}``. A missing answer is unknown
(None), not "no": an indicator must not count a silent Party as a negative one.
Registry facts (`member_of`) are always known.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from cbap.engine.facts import Answer, Cycle, Report

ANSWER_TESTS = frozenset({"in", "not_in", "answered", "text_on", "min"})
"""Operators of a leaf `{q: KEY, <operator>: argument}`."""

OPERATORS = frozenset({"all", "any", "not", "submitted_by_deadline", "member_of"})
"""Operators of every other node, each alone in its mapping."""


Evaluator = Callable[[Report | None, Cycle, str], "bool | None"]
"""A checked condition: (report, cycle, government) -> True, False or None."""


def evaluate(
    condition: Mapping, *, report: Report | None, cycle: Cycle, government: str
) -> bool | None:
    """True, False or None (unknown) for one government; `report` is None for a non-reporter.

    The whole condition is checked first, so that a malformed node fails loudly whatever the
    data; to evaluate one condition for many governments, `compile_condition` it once.
    """
    return compile_condition(condition)(report, cycle, government)


def compile_condition(condition: Mapping) -> Evaluator:
    """Check every node of the condition once and return the function that evaluates it.

    Every branch is still evaluated (no short-circuit), so that an unknown population in a
    `member_of` fails loudly whatever the data.
    """
    operator, argument = _parts(condition)
    if operator in ("all", "any"):
        children = [compile_condition(child) for child in argument]
        combine = _kleene_all if operator == "all" else _kleene_any

        def combined(report, cycle, government):
            return combine([child(report, cycle, government) for child in children])

        return combined
    if operator == "not":
        inner = compile_condition(argument)

        def negated(report, cycle, government):
            value = inner(report, cycle, government)
            return None if value is None else not value

        return negated
    if operator == "member_of":

        def member(report, cycle, government):
            if argument not in cycle.populations:
                raise ValueError(
                    f"unknown population {argument!r} in condition {dict(condition)!r}"
                )
            return government in cycle.populations[argument]

        return member
    if operator == "submitted_by_deadline":

        def in_time(report, cycle, government):
            if report is None:
                return None
            return report.submitted_on is not None and report.submitted_on <= cycle.deadline

        return in_time
    key = condition["q"]
    if operator == "answered":
        return lambda report, cycle, government: None if report is None else key in report.answers
    test = _ANSWER_TESTS[operator](argument)

    def tested(report, cycle, government):
        if report is None:
            return None
        answer = report.answers.get(key)
        return None if answer is None else test(answer)

    return tested


def referenced_questions(condition: Mapping) -> dict[str, set[str]]:
    """Question key → option values the condition names (empty for `answered`/`min`).

    Lets definition files be checked against the questionnaires before anything runs.
    """
    operator, argument = _parts(condition)
    if operator in ("all", "any"):
        found: dict[str, set[str]] = {}
        for child in argument:
            for key, values in referenced_questions(child).items():
                found.setdefault(key, set()).update(values)
        return found
    if operator == "not":
        return referenced_questions(argument)
    if operator in ANSWER_TESTS:
        named = argument if operator in ("in", "not_in", "text_on") else ()
        return {condition["q"]: set(named)}
    return {}


def _ticked_any(argument) -> Callable[[Answer], bool]:
    values = frozenset(argument)
    return lambda answer: not values.isdisjoint(answer.values)


def _ticked_none(argument) -> Callable[[Answer], bool]:
    values = frozenset(argument)
    return lambda answer: values.isdisjoint(answer.values)


def _ticked_with_text(argument) -> Callable[[Answer], bool]:
    values = frozenset(argument)
    return lambda answer: bool(values.intersection(answer.values) & answer.with_text)


def _at_least(argument) -> Callable[[Answer], bool | None]:
    # An answer without a number says nothing about the number.
    return lambda answer: None if answer.number is None else answer.number >= argument


_ANSWER_TESTS = {
    "in": _ticked_any,
    "not_in": _ticked_none,
    "text_on": _ticked_with_text,
    "min": _at_least,
}
"""Operator -> (argument -> test of an Answer); an unanswered question never reaches a test."""


def _kleene_all(values: list[bool | None]) -> bool | None:
    if False in values:
        return False
    return None if None in values else True


def _kleene_any(values: list[bool | None]) -> bool | None:
    if True in values:
        return True
    return None if None in values else False


def _parts(node) -> tuple[str, object]:
    """The (operator, argument) of a well-formed node; ValueError naming the node otherwise."""
    if not isinstance(node, Mapping):
        raise ValueError(f"condition node {node!r} is not a mapping")
    keys = set(node)
    if "q" in keys:
        operators = keys - {"q"}
        if not isinstance(node["q"], str) or len(operators) != 1 or not operators <= ANSWER_TESTS:
            raise ValueError(
                f"condition node {dict(node)!r}: a question node needs q: KEY and exactly one "
                f"of {sorted(ANSWER_TESTS)}"
            )
    else:
        operators = keys
        if len(operators) != 1 or not operators <= OPERATORS:
            raise ValueError(
                f"condition node {dict(node)!r}: expected exactly one of "
                f"{sorted(OPERATORS)} or a q node"
            )
    (operator,) = operators
    argument = node[operator]
    if not _ARGUMENT_CHECKS[operator](argument):
        raise ValueError(
            f"condition node {dict(node)!r}: {operator} needs {_ARGUMENT_NEEDS[operator]}"
        )
    return operator, argument


def _strings(argument) -> bool:
    return (
        isinstance(argument, Sequence)
        and not isinstance(argument, str)
        and len(argument) > 0
        and all(isinstance(value, str) for value in argument)
    )


def _nodes(argument) -> bool:
    return isinstance(argument, Sequence) and not isinstance(argument, str) and len(argument) > 0


_ARGUMENT_CHECKS = {
    "in": _strings,
    "not_in": _strings,
    "text_on": _strings,
    "answered": lambda argument: argument is True,
    "min": lambda argument: isinstance(argument, int) and not isinstance(argument, bool),
    "all": _nodes,
    "any": _nodes,
    "not": lambda argument: isinstance(argument, Mapping),
    "submitted_by_deadline": lambda argument: argument is True,
    "member_of": lambda argument: isinstance(argument, str) and argument != "",
}

_ARGUMENT_NEEDS = {
    "in": "a non-empty list of option values (strings)",
    "not_in": "a non-empty list of option values (strings)",
    "text_on": "a non-empty list of option values (strings)",
    "answered": "true (use {not: ...} for unanswered)",
    "min": "an integer",
    "all": "a non-empty list of conditions",
    "any": "a non-empty list of conditions",
    "not": "one condition",
    "submitted_by_deadline": "true (use {not: ...} for late reports)",
    "member_of": "a population name",
}
