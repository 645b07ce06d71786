"""Comparing contents of a record, field by field, and merging two people's changes.
Pure Python: no Django, no database.

A record's content is a flat dict of JSON values (`Record.content()`), so comparing two revisions
is comparing two dicts; values are equal when their JSON is equal (a list stays ordered).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

MISSING = None  # a field absent on one side compares as null (e.g. added to the model later)


@dataclass(frozen=True)
class FieldChange:
    """One field's value before and after."""

    old: Any
    new: Any

    def as_dict(self) -> dict[str, Any]:
        return {"old": self.old, "new": self.new}


def diff_content(old: dict, new: dict) -> dict[str, FieldChange]:
    """The fields whose value differs, in the new content's order, then fields only in the old.

    >>> diff_content({"name": "A", "city": "X"}, {"name": "B", "city": "X"})
    {'name': FieldChange(old='A', new='B')}
    """
    changes: dict[str, FieldChange] = {}
    for name in [*new, *(key for key in old if key not in new)]:
        before, after = old.get(name, MISSING), new.get(name, MISSING)
        if not same_value(before, after):
            changes[name] = FieldChange(before, after)
    return changes


def same_value(a: Any, b: Any) -> bool:
    """Equal as JSON values: 1 and 1.0 are, True and 1 are not."""
    return a == b and (type(a) is type(b) or _both_numbers(a, b))


@dataclass(frozen=True)
class Clash:
    """A field both people changed, to different values."""

    base: Any
    theirs: Any
    yours: Any


@dataclass(frozen=True)
class Merge:
    """Your changes on top of theirs. `content` keeps every field you changed and takes theirs
    for the others; `clashes` are the fields you both changed differently (yours kept, for you
    to decide); `theirs_taken` names the fields only they changed."""

    content: dict[str, Any]
    clashes: dict[str, Clash]
    theirs_taken: list[str]


def merge_three_way(base: dict, theirs: dict, yours: dict) -> Merge:
    """Merge your content and theirs, both made from `base` (the revision you started from).

    A field you left as it was in `base` takes their value, so saving again does not undo their
    change; a field only you changed keeps yours; a field you both changed to the same value is
    no clash.

    >>> m = merge_three_way({"a": 1, "b": 1}, {"a": 2, "b": 1}, {"a": 1, "b": 3})
    >>> m.content, m.clashes, m.theirs_taken
    ({'a': 2, 'b': 3}, {}, ['a'])
    """
    content: dict[str, Any] = {}
    clashes: dict[str, Clash] = {}
    taken: list[str] = []
    for name in [*yours, *(key for key in theirs if key not in yours)]:
        b, t, y = base.get(name, MISSING), theirs.get(name, MISSING), yours.get(name, MISSING)
        if name not in yours or same_value(b, y):
            content[name] = t
            if not same_value(b, t):
                taken.append(name)
            continue
        content[name] = y
        if not same_value(b, t) and not same_value(t, y):
            clashes[name] = Clash(b, t, y)
    return Merge(content, clashes, taken)


def changed_fields(old: dict, new: dict) -> list[str]:
    return list(diff_content(old, new))


def changes_as_dict(changes: dict[str, FieldChange]) -> dict[str, dict[str, Any]]:
    """The JSON shape the API gives: `{"field": {"old": …, "new": …}}`."""
    return {name: change.as_dict() for name, change in changes.items()}


def _both_numbers(a: Any, b: Any) -> bool:
    # 1 and 1.0 are the same JSON number; True and 1 are not the same value to a reader.
    numbers = (int, float)
    return (
        isinstance(a, numbers)
        and isinstance(b, numbers)
        and not isinstance(a, bool)
        and not isinstance(b, bool)
    )
