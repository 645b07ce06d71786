"""The questionnaire's rules for the browser: `static/reports/entry.js` runs them live while the
person types (the server decides again on every save)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cbap.bch.questionnaire import Questionnaire
from cbap.bch.rules import question_states
from cbap.reports.entry.answers import chosen, section_questions


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
