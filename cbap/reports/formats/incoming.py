"""What every reader yields: the reports read from a file (`IncomingReport`), before they are
checked, and the problems found while reading (`ImportProblem`, collected by `Reading`)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from django.utils.translation import ngettext

from cbap.parties.models import Government
from cbap.reports.models import ReportingCycle


@dataclass(frozen=True)
class ImportProblem:
    """One thing wrong in an import file. `report` is the government as the file names it;
    `row` where in the file ("row 12", "feed item 3", "Answers row 14"); `question` the key."""

    file: str
    reason: str
    report: str = ""
    row: str = ""
    question: str = ""
    value: str = ""

    def as_dict(self) -> dict[str, str]:
        return asdict(self)

    def __str__(self) -> str:
        where = ", ".join(
            part
            for part in (
                f"report {self.report}" if self.report else "",
                self.row,
                f"question {self.question}" if self.question else "",
                f"value {self.value!r}" if self.value else "",
            )
            if part
        )
        return f"{self.file}: {where + ': ' if where else ''}{self.reason}"


@dataclass
class IncomingReport:
    """One report as read from a file, before it is checked."""

    government: str
    where: str
    answers: dict[str, Any] = field(default_factory=dict)
    cycle: str | int | None = None
    status: str | None = None
    submitted_on: date | None = None
    document_id: int | None = None
    bch_identifier: str = ""
    synthetic: bool = False
    based_on: int | None = None  # the version of cbap's report the file was made from
    # question key -> where its answer is in the file, and (key, value) -> where that value is
    rows: dict[str, str] = field(default_factory=dict)
    value_rows: dict[tuple[str, str], str] = field(default_factory=dict)
    # question key -> the answer as the file writes it (CSV, XLSX), to quote in problems
    shown: dict[str, str] = field(default_factory=dict)


MAX_PROBLEMS = 200
"""Problems listed per file: enough to fix a batch; a file of errors is not kept whole."""


class Reading:
    """What the readers share: the file name and the problems found so far (the first
    MAX_PROBLEMS, and how many there were)."""

    def __init__(self, file: str):
        self.file = file
        self.problems: list[ImportProblem] = []
        self.count = 0

    def problem(self, reason: str, **where: str) -> None:
        self.count += 1
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(ImportProblem(self.file, reason, **where))

    def listed(self) -> list[ImportProblem]:
        """The problems, the last one saying how many more there are when not all are listed."""
        more = self.count - len(self.problems)
        if more <= 0:
            return self.problems
        return [
            *self.problems,
            ImportProblem(
                self.file,
                ngettext(
                    "… and %(more)s more problem (%(count)s in all).",
                    "… and %(more)s more problems (%(count)s in all).",
                    more,
                )
                % {"more": f"{more:,}", "count": f"{self.count:,}"},
            ),
        ]


class Governments:
    """Finds a government by its code (ISO3, "EU"), ISO alpha-2 (the BCH's, any case) or ISO3."""

    def __init__(self):
        self.by_id: dict[str, Government] = {}
        for government in Government.objects.all():
            for code in (government.iso2, government.iso3, government.code):
                if code:
                    self.by_id.setdefault(code.upper(), government)

    def find(self, text: str) -> Government | None:
        return self.by_id.get((text or "").strip().upper())


def lookup_cycle(text, cycles, default) -> ReportingCycle | None:
    """The cycle a table names ("5", "NR5", "cpbNationalReport5"), or `default` if it names none."""
    value = str(text or "").strip()
    if not value:
        return default
    number = value[2:] if value.lower().startswith("nr") else value
    if number.isdigit():
        return cycles.get(int(number))
    return next((c for c in cycles.values() if c.schema.lower() == value.lower()), None)
