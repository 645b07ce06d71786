"""Reading the BCH's answer shapes into one normalised :class:`Answer`.

The BCH writes an answer in several shapes (see :func:`normalize`); everything that counts or
compares answers (the rules, validation, the analyzer, the indicators) reads the one
:class:`Answer` made here, never the raw shapes.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cbap.bch.problems import (
    DUPLICATE_OPTION,
    EXCLUSIVE_OPTION,
    MAX_TEXT,
    SEVERAL_ANSWERS,
    SHAPE_KINDS,
    TEXT_NOT_ALLOWED,
    TOO_LONG,
    UNKNOWN_OPTION,
    WRONG_SHAPE,
    AnswerShapeError,
    Problem,
)
from cbap.bch.questionnaire import CHOICE_TYPES, Question
from cbap.bch.text import answer_value, item_value, plain, text_in

__all__ = ["Answer", "is_blank", "normalize", "read_answer"]

_LANGUAGE_KEY = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]+)?$")


@dataclass(frozen=True)
class Answer:
    """One government's answer to one question, normalised from the BCH answer shape.

    `values` holds option values or thesaurus term identifiers (one for single choice);
    `with_text` the values whose option carries free text (BCH `additionalInformation`);
    `number` an integer answer; `text` free text (any language, English preferred).
    A question that was not answered has no Answer at all. It is what the engine's
    :class:`cbap.engine.facts.Answer` protocol asks for.
    """

    values: tuple[str, ...] = ()
    with_text: frozenset[str] = frozenset()
    number: int | None = None
    text: str | None = None


def _option_name(question: Question, value: str) -> str:
    option = question.option(value)
    title = plain(option.title) if option else ""
    return f"“{title}” ({value})" if title and title != value else f"“{value}”"


_EMPTY_KEYS = frozenset({"value", "identifier"})


def is_blank(raw: Any) -> bool:
    """An empty answer: None, "", [], {}, or {"value"/"identifier": <empty>} only."""
    if raw is None:
        return True
    if isinstance(raw, str | list):
        return not raw
    if isinstance(raw, Mapping):
        return not raw or (raw.keys() <= _EMPTY_KEYS and all(is_blank(v) for v in raw.values()))
    return False


def _language_text(raw: Any) -> tuple[str | None, bool]:
    """The text of a multilingual string {lang: text} (English preferred), or of a plain string,
    without the white space around it. Returns (text or None, well_formed)."""
    if isinstance(raw, Mapping):
        if not all(isinstance(k, str) and _LANGUAGE_KEY.match(k) for k in raw):
            return None, False
        if not all(v is None or isinstance(v, str) for v in raw.values()):
            return None, False
    elif not isinstance(raw, str):
        return None, False
    return (text_in(raw).strip() or None), True


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
        if is_blank(raw):
            return None
        if self.q.type in CHOICE_TYPES:
            return self.choice(raw)
        if self.q.type == "int":
            return self.integer(raw)
        return self.text(raw)

    # -- free text and numbers ---------------------------------------------------------------

    def text(self, raw: Any) -> Answer | None:
        value = answer_value(raw)
        if self.q.type != "text" and isinstance(value, str):
            self.problem(
                WRONG_SHAPE,
                f"{self.q.describe()} expects multilingual text such as "
                f'{{"value": {{"en": "…"}}}} (the language of the text must be said), but the '
                f"answer is a plain string: {_show(raw)}.",
            )
            return None
        text, ok = _language_text(value)
        if ok and self.unfit_text(value):
            return None
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

    def unfit_text(self, text: Any, value: str | None = None) -> bool:
        """Whether a (multilingual) text holds a NUL character (no database stores one) or is
        longer than MAX_TEXT; says so when it does."""
        texts = [t for t in (text.values() if isinstance(text, Mapping) else [text])]
        if any(isinstance(t, str) and "\x00" in t for t in texts):
            self.problem(
                WRONG_SHAPE, f"{self.q.describe()}: the text holds a NUL character (\\x00).", value
            )
            return True
        longest = max((len(t) for t in texts if isinstance(t, str)), default=0)
        if longest <= MAX_TEXT:
            return False
        self.problem(
            TOO_LONG,
            f"{self.q.describe()}: the text is {longest:,} characters long; a text may have at "
            f"most {MAX_TEXT:,} characters (in each language).",
            value,
        )
        return True

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
            chosen = [i for i in raw if not is_blank(i)]
            if len(chosen) > 1:
                names = ", ".join(_option_name(q, v) for v in map(item_value, chosen) if v)
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
            if is_blank(item):
                continue
            value = item_value(item)
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
            if is_blank(info):
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
                if ok and self.unfit_text(info, value):
                    continue
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


def _show(raw: Any) -> str:
    text = repr(raw)
    return text if len(text) <= 60 else text[:59] + "…"


def read_answer(question: Question, raw: Any) -> tuple[Answer | None, list[Problem]]:
    """The best-effort :class:`Answer` of one raw answer (None when unanswered) and every problem
    found on the way (shapes, options), for validation and the rules, which read on regardless."""
    reader = _Reader(question)
    return reader.read(raw), reader.problems


def normalize(question: Question, raw: Any) -> Answer | None:
    """The :class:`Answer` of one raw BCH answer; None when the raw answer is empty (None, "",
    [], {}, {"value": ""}, {"value": {"en": ""}} …).

    Accepted shapes: single choice ``{"value": "x", "additionalInformation"?: {"en": …}}`` (also
    ``{"identifier": "x"}``, a bare ``"x"`` or a one-item list); multiple choice / term
    ``[{"value": "x", "additionalInformation"?: …}, …]`` (items may also be
    ``{"identifier": …}`` or bare strings); lstring / lstringRte ``{"value": {"en": …}}`` (also
    ``{"en": …}``), never a plain string, whose language nobody could tell (the BCH serves
    free text as a language map); int ``{"value": 4}`` (also a bare 4); text (the 3rd report's
    free text) a plain string or ``{"value": "…"}``.

    `values` keeps the given order; `with_text` holds the values whose option carries
    additional information (text, or a non-zero number on an ``int`` option); `text` joins the
    texts of the answer (free text, or the options' texts, one per line). Option numbers (e.g.
    NR5 Q027 percentages) are not part of an Answer. Unknown option values are kept (validation
    reports them); text given on an option that takes none is dropped.

    Raises :class:`AnswerShapeError` when the raw answer does not have the question's shape.
    """
    answer, problems = read_answer(question, raw)
    shape = [p for p in problems if p.kind in SHAPE_KINDS]
    if shape:
        raise AnswerShapeError(shape)
    return answer
