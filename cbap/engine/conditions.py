"""A tiny condition language over the facts of a reporting cycle, with Kleene three-valued logic.

Conditions are plain mappings as loaded from the reviewed YAML definitions, e.g.
``{all: [{q: Q011, in: ['true']}, {q: Q012, min: 1}]}``. A missing answer is unknown
(None), not "no": an indicator must not count a silent Party as a negative one.

Registry facts are known without a report, and stay known for a government that did not report
(`member_of`, unless nobody knows the population's members yet); its answers are unknown.

`verdicts` evaluates a condition for every reporting government at once, as sets, and
`absent_verdicts` for every government that did not report; `evaluate` is the same logic for
one government, the plain statement of what both compute (the tests hold them equal).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from cbap.engine.facts import Answer, Cycle, Report

ANSWER_TESTS = frozenset({"in", "not_in", "answered", "text_on", "min"})
"""Operators of a leaf `{q: KEY, <operator>: argument}`."""

OPERATORS = frozenset({"all", "any", "not", "member_of"})
"""Operators of every other node, each alone in its mapping."""


def evaluate(
    condition: Mapping, *, report: Report | None, cycle: Cycle, government: str
) -> bool | None:
    """True, False or None (unknown) for one government; `report` is None for a non-reporter.

    Every node is checked and every branch evaluated (no short-circuit), so that a malformed
    node or an unknown population fails loudly whatever the data.
    """
    operator, argument = _parts(condition)
    if operator in ("all", "any"):
        values = [
            evaluate(child, report=report, cycle=cycle, government=government) for child in argument
        ]
        return _kleene_all(values) if operator == "all" else _kleene_any(values)
    if operator == "not":
        value = evaluate(argument, report=report, cycle=cycle, government=government)
        return None if value is None else not value
    if operator == "member_of":
        members = _population(condition, cycle)
        return None if members is None else government in members
    if report is None:
        return None
    if operator == "answered":
        return condition["q"] in report.answers
    answer = report.answers.get(condition["q"])
    return None if answer is None else _ANSWER_TESTS[operator](argument)(answer)


def verdicts(condition: Mapping, cycle: Cycle) -> tuple[frozenset[str], frozenset[str]]:
    """(the governments for which the condition is true, those for which it is known), over
    every government that reported in the cycle; non-reporters are in neither set.

    Government by government this is `evaluate`, but computed with set algebra, a node at a
    time: a leaf's test runs once per distinct answer instead of once per government, and the
    sets of every node are kept with the cycle (`Cycle.memo`), so indicators that share a
    condition, or only a leaf of one, evaluate it once per cycle. The whole condition is checked
    the first time it is seen, so that a malformed node fails loudly whatever the data.
    """
    memo = _memo(cycle)
    # Keyed by identity, holding the condition so that its id cannot be reused meanwhile.
    seen = memo.conditions.get(id(condition))
    if seen is None or seen[0] is not condition:
        _check(condition)
        true, false = _truth(condition, cycle, memo)
        seen = memo.conditions[id(condition)] = (condition, (true, true | false))
    return seen[1]


def absent_verdicts(condition: Mapping, cycle: Cycle) -> tuple[frozenset[str], frozenset[str]]:
    """(true, known) like `verdicts`, over the governments of the cycle's populations that did
    not report: only facts known without a report decide (see the module's docstring), so
    bounds need not guess them. Kept with the cycle, like `verdicts`."""
    memo = _memo(cycle)
    key = ("absent", _frozen(condition))
    if key not in memo.nodes:
        _check(condition)
        absent = (
            frozenset().union(*(codes for codes in cycle.populations.values() if codes is not None))
            - memo.reported
        )
        true, false = _absent_truth(condition, cycle, absent)
        memo.nodes[key] = (true, true | false)
    return memo.nodes[key]


def _absent_truth(node: Mapping, cycle: Cycle, absent: frozenset[str]):
    """(true, false) over `absent`, governments without a report."""
    operator, argument = _parts(node)
    if operator in ("all", "any"):
        return _combined(operator, [_absent_truth(child, cycle, absent) for child in argument])
    if operator == "not":
        true, false = _absent_truth(argument, cycle, absent)
        return false, true
    if operator == "member_of":
        members = _population(node, cycle)
        if members is None:
            return frozenset(), frozenset()
        return absent & members, absent - members
    return frozenset(), frozenset()  # an answer: unknown without a report


def answer_groups(cycle: Cycle, key: str) -> list[tuple[Answer | None, tuple[str, ...]]]:
    """The governments that answered question `key` in the cycle, grouped by answer object.

    Reports share their (immutable) Answer objects wherever the selectors could, so a question
    has a few groups, and whatever reads an answer reads it once per group, not per government.
    Kept with the cycle, like `verdicts`.
    """
    memo = _memo(cycle)
    if key not in memo.answers:
        groups: dict[int, tuple[Answer | None, list[str]]] = {}
        for government, report in cycle.reports.items():
            answers = report.answers
            if key in answers:
                answer = answers[key]
                group = groups.get(id(answer))
                if group is None:
                    groups[id(answer)] = (answer, [government])
                else:
                    group[1].append(government)
        # Tuples: a fraction of the memory of sets, and every reader only iterates them.
        memo.answers[key] = [(answer, tuple(codes)) for answer, codes in groups.values()]
    return memo.answers[key]


@dataclass
class _Memo:
    """What `verdicts` and `answer_groups` keep about one cycle: derived from its facts only,
    so it lives and dies with the Cycle object (a new Cycle, e.g. after a publication, starts
    empty)."""

    reported: frozenset[str]
    conditions: dict[int, tuple[Mapping, tuple[frozenset[str], frozenset[str]]]] = field(
        default_factory=dict
    )
    nodes: dict[tuple, tuple[frozenset[str], frozenset[str]]] = field(default_factory=dict)
    answers: dict[str, list[tuple[Answer | None, tuple[str, ...]]]] = field(default_factory=dict)


def share_answers(source: Cycle, target: Cycle) -> None:
    """Let `target`, a reading of the same reports with other populations, reuse what `source`
    found on the answers alone so far: the answer groups and every node that names no
    population (a `member_of` node, and the verdicts of non-reporters, depend on the
    populations). Called before each use of `target`, it copies only what is new."""
    found, memo = _memo(source), _memo(target)
    memo.answers = found.answers  # the same dict: answers do not depend on populations
    memo.nodes.update(
        (key, sets)
        # a copy: another thread computing on the same cycle (kept by the selectors for the
        # data version) may add nodes meanwhile
        for key, sets in list(found.nodes.items())
        if key not in memo.nodes and key[:1] != ("absent",) and "member_of" not in _names(key)
    )


def _names(key) -> set:
    """Every string in a frozen node (its operators, keys and values)."""
    if isinstance(key, tuple):
        return set().union(*(_names(part) for part in key)) if key else set()
    return {key} if isinstance(key, str) else set()


def _memo(cycle: Cycle) -> _Memo:
    memo = cycle.memo.get(__name__)
    if memo is None:
        memo = cycle.memo[__name__] = _Memo(reported=frozenset(cycle.reports))
    return memo


def _truth(node: Mapping, cycle: Cycle, memo: _Memo) -> tuple[frozenset[str], frozenset[str]]:
    """(true, false) over the reporters of a checked node: Kleene logic is then plain set
    algebra, and the reporters in neither set are those for which the node is unknown."""
    key = _frozen(node)
    if key in memo.nodes:
        return memo.nodes[key]
    operator, argument = _parts(node)
    if operator in ("all", "any"):
        found = _combined(operator, [_truth(child, cycle, memo) for child in argument])
    elif operator == "not":
        true, false = _truth(argument, cycle, memo)
        found = false, true
    elif operator == "member_of":
        members = _population(node, cycle)
        if members is None:  # nobody knows who is in it yet: unknown for everyone
            found = frozenset(), frozenset()
        else:
            true = memo.reported & members
            found = true, memo.reported - true
    elif operator == "answered":
        true = frozenset().union(*(codes for _, codes in answer_groups(cycle, node["q"])))
        found = true, memo.reported - true
    else:
        test = _ANSWER_TESTS[operator](argument)
        true_parts, false_parts = [], []
        for answer, codes in answer_groups(cycle, node["q"]):
            value = None if answer is None else test(answer)
            if value is not None:
                (true_parts if value else false_parts).append(codes)
        found = frozenset().union(*true_parts), frozenset().union(*false_parts)
    memo.nodes[key] = found
    return found


def _combined(operator: str, parts: list[tuple[frozenset[str], frozenset[str]]]):
    """(true, false) of `all` or `any` from its children's: Kleene logic as set algebra (`all`
    is true on the intersection of the true sets and false on the union of the false ones,
    `any` the reverse)."""
    trues = [true for true, _ in parts]
    falses = [false for _, false in parts]
    if operator == "all":
        return frozenset.intersection(*trues), frozenset.union(*falses)
    return frozenset.union(*trues), frozenset.intersection(*falses)


def _frozen(node):
    """A hashable copy of a checked condition node, equal for equal nodes."""
    if isinstance(node, Mapping):
        return tuple(sorted((name, _frozen(value)) for name, value in node.items()))
    if isinstance(node, Sequence) and not isinstance(node, str):
        return tuple(_frozen(value) for value in node)
    return node


def _check(node) -> None:
    """ValueError naming the first malformed node of the condition, if any."""
    operator, argument = _parts(node)
    if operator in ("all", "any"):
        for child in argument:
            _check(child)
    elif operator == "not":
        _check(argument)


def _population(node: Mapping, cycle: Cycle) -> frozenset[str] | None:
    name = node["member_of"]
    if name not in cycle.populations:
        raise ValueError(f"unknown population {name!r} in condition {dict(node)!r}")
    return cycle.populations[name]


def referenced_populations(condition: Mapping) -> set[str]:
    """The populations the condition names with `member_of`."""
    operator, argument = _parts(condition)
    if operator in ("all", "any"):
        return set().union(*(referenced_populations(child) for child in argument))
    if operator == "not":
        return referenced_populations(argument)
    return {argument} if operator == "member_of" else set()


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
    "member_of": "a population name",
}
