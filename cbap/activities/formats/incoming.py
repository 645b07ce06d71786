"""What every reader of activities and resources yields (`Incoming`), and the problems found
while reading or checking a file (`Problem`, collected by `Reading`)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

MAX_PROBLEMS = 200
"""Problems listed per file: enough to fix a batch; a file of errors is not kept whole."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong in an import file: the file, where in it (`record`: "document 3",
    "line 120, activity FI-3-…"), the field, the value as the file gives it, and why."""

    file: str
    reason: str
    record: str = ""
    field: str = ""
    value: str = ""

    def as_dict(self) -> dict[str, str]:
        return asdict(self)

    def __str__(self) -> str:
        where = ", ".join(
            part
            for part in (
                self.record,
                f"field {self.field}" if self.field else "",
                f"value {self.value!r}" if self.value else "",
            )
            if part
        )
        return f"{self.file}: {where + ': ' if where else ''}{self.reason}"


@dataclass
class Incoming:
    """One activity or resource as read from a file, before it is checked. `key` is its
    identifier in the source (BCH document identifier, IATI identifier): a re-import of the
    same key changes that record. The owner is a government code or an organization's name."""

    kind: str  # "activity" | "resource"
    key: str
    where: str
    content: dict[str, Any] = field(default_factory=dict)
    owner_party: str = ""
    owner_organization: str = ""
    synthetic: bool = False  # demo data made by cbap (a new record is marked so)


class Reading:
    """The file name and the problems found so far (the first MAX_PROBLEMS, and how many)."""

    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []
        self.count = 0

    def problem(self, reason: str, *, record: str = "", field: str = "", value: Any = "") -> None:
        self.count += 1
        if len(self.problems) < MAX_PROBLEMS:
            shown = value if isinstance(value, str) else repr(value) if value != "" else ""
            self.problems.append(Problem(self.file, str(reason), record, field, shown[:200]))
