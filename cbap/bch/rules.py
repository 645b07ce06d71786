"""The conditional rules of a questionnaire: which questions apply, given a report's answers.

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

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from cbap.bch.answers import Answer, read_answer
from cbap.bch.problems import NOT_APPLICABLE
from cbap.bch.questionnaire import CustomRule, Question, Questionnaire, Rule

__all__ = [
    "ANSWERED",
    "NOT_ANSWERED",
    "NOT_APPLICABLE",
    "QuestionState",
    "RuleWalk",
    "answer_states",
    "question_states",
    "walk_rules",
]

# The three answer states of a question in a report.
ANSWERED = "answered"
NOT_ANSWERED = "not_answered"
# NOT_APPLICABLE = "not_applicable", also the kind of the problem of answering such a question.


@dataclass(frozen=True)
class QuestionState:
    visible: bool = True
    enabled: bool = True

    @property
    def applicable(self) -> bool:
        return self.visible and self.enabled


_DEFAULT = QuestionState()


class RuleWalk:
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
            return _custom_rule_holds(self.qn.custom_rules[name], self.lookup)
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


def walk_rules(questionnaire: Questionnaire, answers: Mapping[str, Answer | None]) -> RuleWalk:
    """Every rule run over `answers` in question order: the walk then says which questions
    apply (:meth:`RuleWalk.applicable`) and which rule made one not apply (:meth:`RuleWalk.why`)."""
    walk = RuleWalk(questionnaire, answers)
    for question in questionnaire.questions.values():
        walk.visit(question, answers.get(question.key))
    return walk


def _custom_rule_holds(rule: CustomRule, lookup: Callable[[str], Answer | None]) -> bool:
    for key in rule.keys:
        answer = lookup(key)
        if answer is not None and any(v in rule.values for v in answer.values):
            return True
    return False


def parsed_answers(questionnaire: Questionnaire, answers: Mapping[str, Any]) -> dict[str, Answer]:
    """Raw or normalised answers -> {key: Answer}, best effort, for known answerable keys."""
    result: dict[str, Answer] = {}
    for key, raw in answers.items():
        question = questionnaire.questions.get(key)
        if question is None or not question.answerable:
            continue
        answer = raw if isinstance(raw, Answer) else read_answer(question, raw)[0]
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
    walk = walk_rules(questionnaire, parsed_answers(questionnaire, answers))
    return {key: walk.state(key) for key in questionnaire.questions}


def answer_states(questionnaire: Questionnaire, answers: Mapping[str, Any]) -> dict[str, str]:
    """For every answerable question: ``"answered"``, ``"not_answered"`` or
    ``"not_applicable"`` (hidden or disabled by a rule; an answer given anyway does not count)."""
    parsed = parsed_answers(questionnaire, answers)
    walk = walk_rules(questionnaire, parsed)
    result = {}
    for question in questionnaire.answerable:
        if not walk.applicable(question.key):
            result[question.key] = NOT_APPLICABLE
        elif question.key in parsed:
            result[question.key] = ANSWERED
        else:
            result[question.key] = NOT_ANSWERED
    return result
