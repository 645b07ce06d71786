"""Comparing two contents of a record, field by field. Pure Python: no Django, no database.

A record's content is a flat dict of JSON values (`Record.content()`), so comparing two revisions
is comparing two dicts; values are equal when their JSON is equal (a list stays ordered).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

MISSING = None  # a field absent on one side compares as null (e.g. added to the model later)


@dataclass(frozen=True)
class Change:
    """One field's value before and after."""

    old: Any
    new: Any

    def as_dict(self) -> dict[str, Any]:
        return {"old": self.old, "new": self.new}


def diff_content(old: dict, new: dict) -> dict[str, Change]:
    """The fields whose value differs, in the new content's order, then fields only in the old.

    >>> diff_content({"name": "A", "city": "X"}, {"name": "B", "city": "X"})
    {'name': Change(old='A', new='B')}
    """
    changes: dict[str, Change] = {}
    for name in [*new, *(key for key in old if key not in new)]:
        before, after = old.get(name, MISSING), new.get(name, MISSING)
        if before != after or type(before) is not type(after) and not _both_numbers(before, after):
            changes[name] = Change(before, after)
    return changes


def changed_fields(old: dict, new: dict) -> list[str]:
    return list(diff_content(old, new))


def changes_as_dict(changes: dict[str, Change]) -> dict[str, dict[str, Any]]:
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
