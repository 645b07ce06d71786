"""What can be wrong with the answers of a report: one :class:`Problem` per wrong (or missing)
answer, each of a kind that code may sort or count by. Reading an answer finds the shape
problems (:mod:`cbap.bch.answers`); validating a report finds the others
(:mod:`cbap.bch.validation`)."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["AnswerShapeError", "Problem"]

# Problem kinds (Problem.kind).
UNKNOWN_QUESTION = "unknown_question"
NOT_A_QUESTION = "not_a_question"
UNKNOWN_OPTION = "unknown_option"
WRONG_SHAPE = "wrong_shape"
SEVERAL_ANSWERS = "several_answers"
DUPLICATE_OPTION = "duplicate_option"
EXCLUSIVE_OPTION = "exclusive_option"
TEXT_NOT_ALLOWED = "text_not_allowed"
NOT_APPLICABLE = "not_applicable"  # also an answer state, see cbap.bch.rules
MANDATORY_MISSING = "mandatory_missing"
TOO_LONG = "too_long"
MAX_TEXT = 30_000
"""Characters of a free text, per language: a long national answer fits many times over, and
every file cbap writes reads back (Python's CSV reader takes fields up to 131,072)."""
SHAPE_KINDS = frozenset({WRONG_SHAPE, SEVERAL_ANSWERS})


@dataclass(frozen=True)
class Problem:
    """Something wrong with one answer (or a missing one). `value` is the offending option value
    when there is one; `kind` is one of the module's problem-kind constants."""

    question: str
    value: str | None
    reason: str
    kind: str = field(default="", compare=False)


class AnswerShapeError(ValueError):
    """Raised by :func:`cbap.bch.answers.normalize` when an answer does not have the BCH shape
    of its question."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(p.reason for p in problems))
        self.problems = problems
