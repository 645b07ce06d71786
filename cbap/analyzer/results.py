"""What an analysis is, as plain data: the :class:`Analysis` of the questions asked for, each
question's :class:`QuestionResult`, and the :class:`Line` of a table as shown. `analysis`
builds them; `tables`, `charts` and `exports` read them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.utils.formats import date_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from cbap.analyzer.columns import Column
from cbap.analyzer.query import FIGURES, MEASURES, AnswerFilter, Choices
from cbap.bch.questionnaire import Question
from cbap.engine import analyzer as engine
from cbap.reports.models import ReportingCycle

MAIN, CROSS_SECTION, PANEL = "table", "cross-section", "panel"


@dataclass(frozen=True)
class Line:
    """One row of a table as shown: an answer's cells, or the n / N of each column.

    `cells` follow `Analysis.labels`, rounded as shown (percentages and percentage points to
    one decimal); None where a denominator is 0. `filter` is the query string that adds a
    cross-filter on this answer (main table only).
    """

    table: str  # MAIN, CROSS_SECTION or PANEL
    value: str  # the answer's option value; "" for n / N lines
    label: str
    figure: str
    cells: tuple[float | int | None, ...]
    style: str = "count"  # "count", "percent" or "delta"
    filter: str = ""

    @property
    def shown(self) -> list[str]:
        return [_shown(cell, self.style) for cell in self.cells]


def _shown(cell: float | int | None, style: str) -> str:
    if cell is None:
        return "–"
    if style == "percent":
        return f"{cell:.1f} %"
    if style == "delta":
        return f"{cell:+d}" if isinstance(cell, int) else f"{cell:+.1f}"
    return str(cell)


@dataclass(frozen=True)
class Text:
    """Free text of one government: a text answer, or the additional information on an option."""

    government: str
    name: str
    value: str  # the option carrying the text, "" for a text answer
    option: str
    text: str


@dataclass
class QuestionResult:
    """One question (or a sub-section heading) of the analysis."""

    question: Question
    kind: str  # "choice", "text" or "heading"
    parent: Question | None = None
    table: engine.Table | None = None
    comparison: engine.Comparison | None = None
    previous_key: str | None = None
    equivalent: bool = True
    warning: str = ""  # set when the comparison is not of equivalent questions, or impossible
    left_out: tuple[str, ...] = ()  # previous answers with no option in this cycle
    texts: list[Text] = field(default_factory=list)
    chart: SafeString | None = None
    lines: list[Line] = field(default_factory=list)  # the tables as shown and downloaded

    @property
    def key(self) -> str:
        return self.question.key

    @property
    def title(self) -> str:
        return self.question.plain_title

    @property
    def main_lines(self) -> list[Line]:
        return [line for line in self.lines if line.table == MAIN]

    @property
    def cross_section_lines(self) -> list[Line]:
        return [line for line in self.lines if line.table == CROSS_SECTION]

    @property
    def panel_lines(self) -> list[Line]:
        return [line for line in self.lines if line.table == PANEL]

    @property
    def comparison_tables(self) -> list[tuple[str, list[Line]]]:
        return [(CROSS_SECTION, self.cross_section_lines), (PANEL, self.panel_lines)]


@dataclass
class Analysis:
    """Every question asked for, tabulated (and compared), with what the page shows around."""

    choices: Choices
    cycle: ReportingCycle
    previous: ReportingCycle | None
    columns: tuple[Column, ...]
    results: list[QuestionResult]
    names: Mapping[str, str]
    reporters: frozenset[str]
    governments: frozenset[str] | None  # those the filters keep; None without filters
    synthetic: bool
    unreadable: int
    filter_titles: dict[AnswerFilter, str]

    @property
    def labels(self) -> list[str]:
        """The columns' labels and the engine's "Total": the keys of every table's cells."""
        return [column.label for column in self.columns] + [engine.TOTAL]

    @property
    def headings(self) -> list[str]:
        """`labels` as shown: "Total" in the reader's language."""
        return [column.label for column in self.columns] + [_("Total")]

    @property
    def single(self) -> bool:
        """One question asked for (the JSON is then one object, not a list)."""
        return any(r.key == self.choices.question for r in self.tables)

    @property
    def tables(self) -> list[QuestionResult]:
        return [r for r in self.results if r.kind != "heading"]

    @property
    def measure_label(self) -> str:
        return str(MEASURES[self.choices.measure])

    @property
    def parties_label(self) -> str:
        """The label of the N line of the main tables."""
        deadline = date_format(self.cycle.deadline, "j M Y")
        if self.choices.filters:
            return _("Parties on %(deadline)s that gave the filtered answers (N)") % {
                "deadline": deadline
            }
        return _("Parties on %(deadline)s (N)") % {"deadline": deadline}

    @property
    def comparison_label(self) -> str:
        """What the comparison tables hold, in words."""
        if self.choices.measure == "count":
            return _("numbers of governments; change in governments")
        return _("%(figure)s; change in percentage points") % {
            "figure": FIGURES[self.choices.measure]
        }

    @cached_property
    def overlaps(self) -> list[dict[str, Any]]:
        """Governments counted in more than one column: {code, name, columns}."""
        columns = {column.label: column.members for column in self.columns}
        return [
            {"code": code, "name": self.names.get(code, code), "columns": list(names)}
            for code, names in engine.overlaps(columns).items()
        ]

    @cached_property
    def overlap_note(self) -> str:
        """The footnote on governments counted in several columns ("" when there are none)."""
        if not self.overlaps:
            return ""
        each = "; ".join(
            _("%(name)s (%(code)s) is in %(columns)s")
            % {"name": o["name"], "code": o["code"], "columns": _and(o["columns"])}
            for o in self.overlaps
        )
        return _(
            "%(governments)s. A government in several columns counts in each of them and once "
            "in Total, so the columns add up to more than Total."
        ) % {"governments": each}

    def column_members(self) -> list[dict[str, Any]]:
        """Each column with its governments (name order): Party on the deadline? reported?"""
        result = []
        for column in self.columns:
            members = sorted(column.members, key=lambda code: self.names.get(code, code))
            result.append(
                {
                    "column": column,
                    "parties": len(column.parties),
                    "reported": len(column.members & self.reporters),
                    "members": [
                        {
                            "code": code,
                            "name": self.names.get(code, code),
                            "party": code in column.parties,
                            "reported": code in self.reporters,
                        }
                        for code in members
                    ],
                }
            )
        return result

    def filter_chips(self) -> list[dict[str, str]]:
        return [
            {
                "filter": str(f),
                "title": self.filter_titles.get(f, str(f)),
                "remove": self.choices.removing(f).query_string(),
            }
            for f in self.choices.filters
        ]


def _and(names: list[str]) -> str:
    if len(names) == 1:
        return names[0]
    # Translators: the end of a list of names, e.g. "African Group, GRULAC and WEOG"
    return _("%(names)s and %(last)s") % {"names": ", ".join(names[:-1]), "last": names[-1]}
