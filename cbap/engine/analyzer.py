"""The national-report analyzer's table maths, in the manner of the BCH report analyzer.

One question becomes a table: a row per option (in questionnaire order), a column per
group of governments plus "Total". Columns may overlap (a Party can be both a SIDS
and in a region; Türkiye is in two UN regional groups), so Total is the union of the
columns, not their sum; `overlaps` names the governments counted in several columns.

The measures: "count", "row", "column" and "overall" are the BCH's, computed as the BCH
computes them; "respondents" and "parties" are cbap's additions. The BCH divides by ticks, not
by governments: "% by column" by the ticks of the column (every option ticked by every
government in it), so a column adds up to 100 %; "% overall" by all ticks of the question
(those of Total). A single-choice answer is one tick, so ticks and governments agree there; a
multiple-choice answer is one tick per option ticked. "% of responding governments" divides by
the column's governments that answered, so a multiple-choice column can add up to more than
100 %; "% of all Parties" by every Party of the column, reporting or not.

Every table carries its bases: `respondents` (governments that answered), `ticks` (options
ticked by them), `party_respondents` (those of them that are Parties) and `parties` (N, every
Party of the column). The n that goes with a measure is `Table.n`: the Parties that answered
for "parties" (the only measure that counts Parties alone), every government that answered
otherwise.

A free-text or number question is tabulated as the BCH does, as one "answered" row
(:func:`answered_question`, :func:`answered`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from cbap.engine.stats import percent

TOTAL = "Total"
BCH_MEASURES = ("count", "row", "column", "overall")
CBAP_MEASURES = ("respondents", "parties")
MEASURES = BCH_MEASURES + CBAP_MEASURES
PERCENTAGE_POINTS = "percentage points"
GOVERNMENTS = "governments"

Answers = Mapping[str, tuple[str, ...]]
"""Government → ticked option values; only governments that answered appear."""


@dataclass(frozen=True)
class ChoiceQuestion:
    key: str
    options: tuple[tuple[str, str], ...]  # (value, title), in questionnaire order
    multiple: bool = False


@dataclass(frozen=True)
class Row:
    value: str
    title: str
    cells: Mapping[str, float | int | None]


@dataclass(frozen=True)
class Table:
    """One question tabulated; a cell is None where its denominator is 0."""

    question: ChoiceQuestion
    measure: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    respondents: Mapping[str, int]
    parties: Mapping[str, int]
    party_respondents: Mapping[str, int]
    ticks: Mapping[str, int]

    @property
    def n(self) -> Mapping[str, int]:
        """The n of the measure: Parties that answered for "parties", else all that answered."""
        return self.party_respondents if self.measure == "parties" else self.respondents

    def to_dict(self) -> dict:
        return {
            "question": self.question.key,
            "measure": self.measure,
            "columns": list(self.columns),
            "rows": [
                {"value": row.value, "title": row.title, "cells": dict(row.cells)}
                for row in self.rows
            ],
            "n": dict(self.n),
            "respondents": dict(self.respondents),
            "ticks": dict(self.ticks),
            "party_respondents": dict(self.party_respondents),
            "parties": dict(self.parties),
        }


ANSWERED = ("answered", "Answered")
"""The one row of a free-text or number question: (value, title)."""


def answered_question(key: str) -> ChoiceQuestion:
    """A free-text or number question as the BCH tabulates it: a single "answered" row."""
    return ChoiceQuestion(key=key, options=(ANSWERED,))


def answered(governments: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """The answers to an :func:`answered_question`: each government that answered ticks it."""
    return {government: (ANSWERED[0],) for government in governments}


def tabulate(
    question: ChoiceQuestion,
    answers: Answers,
    *,
    columns: Mapping[str, frozenset[str]],
    parties: Mapping[str, frozenset[str]],
    measure: str = "count",
) -> Table:
    """Count; the BCH's % by row, by column or overall (of ticks); or cbap's % of responding
    governments or of all Parties of the column.

    The "parties" measure counts only the column's Parties that ticked the option, so
    a reporting non-Party cannot push it past 100 %; its denominator keeps the
    non-reporting Parties, which is the honest base for "share of Parties".
    """
    if measure not in MEASURES:
        raise ValueError(f"measure must be one of {', '.join(MEASURES)}, got {measure!r}")
    if TOTAL in columns:
        raise ValueError(f"{TOTAL!r} is computed and cannot be a given column")
    if missing := [name for name in columns if name not in parties]:
        raise ValueError(f"no Parties given for columns {missing}")
    _check_single_choice(question, answers)

    members = {**columns, TOTAL: _union(columns.values())}
    party_members = {
        **{name: parties[name] for name in columns},
        TOTAL: _union(parties[name] for name in columns),
    }
    respondents = {
        name: frozenset(government for government in governments if government in answers)
        for name, governments in members.items()
    }
    ticked_by = {
        value: frozenset(government for government, values in answers.items() if value in values)
        for value, _ in question.options
    }
    counts_by = {
        value: {name: len(ticked & respondents[name]) for name in members}
        for value, ticked in ticked_by.items()
    }
    # ticks of the question's options only, so that a BCH column adds up to 100 %
    ticks = {name: sum(counts[name] for counts in counts_by.values()) for name in members}
    rows = []
    for value, title in question.options:
        cells = {
            name: _cell(
                measure,
                name,
                ticked=ticked_by[value],
                counts=counts_by[value],
                ticks=ticks,
                respondents=respondents,
                parties=party_members,
            )
            for name in members
        }
        rows.append(Row(value=value, title=title, cells=cells))
    return Table(
        question=question,
        measure=measure,
        columns=tuple(members),
        rows=tuple(rows),
        respondents={name: len(governments) for name, governments in respondents.items()},
        parties={name: len(governments) for name, governments in party_members.items()},
        party_respondents={
            name: len(governments & party_members[name])
            for name, governments in respondents.items()
        },
        ticks=ticks,
    )


def overlaps(columns: Mapping[str, frozenset[str]]) -> dict[str, tuple[str, ...]]:
    """Governments in more than one column → those columns, in column order (sorted by code).

    They count once in each of their columns and once in Total, so the columns' respondents
    add up to more than Total's: a footnote should say who they are.
    """
    where: dict[str, list[str]] = {}
    for name, governments in columns.items():
        for government in governments:
            where.setdefault(government, []).append(name)
    return {
        government: tuple(names) for government, names in sorted(where.items()) if len(names) > 1
    }


def cross_filter(
    answers_by_question: Mapping[str, Answers], question: str, value: str
) -> frozenset[str]:
    """The governments that ticked `value` for `question`; restrict other questions to them."""
    if question not in answers_by_question:
        raise ValueError(f"no answers for question {question!r} to filter on")
    return frozenset(
        government
        for government, values in answers_by_question[question].items()
        if value in values
    )


def restrict(answers: Answers, governments: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """Only the answers of `governments` (after a cross-filter, or for a panel)."""
    keep = frozenset(governments)
    return {government: values for government, values in answers.items() if government in keep}


def map_previous(answers: Answers, value_mapping: Mapping[str, str]) -> dict[str, tuple[str, ...]]:
    """Previous-cycle answers in the current questionnaire's option values.

    Unmapped values are kept, as the BCH analyzer does: most options kept their value.
    """
    return {
        government: tuple(dict.fromkeys(value_mapping.get(value, value) for value in values))
        for government, values in answers.items()
    }


@dataclass(frozen=True)
class Shift:
    """A cell of the measure now and before, and the change: in percentage points for the
    percentage measures, in governments for "count"."""

    now: float | None
    before: float | None
    delta: float | None


@dataclass(frozen=True)
class ComparedRow:
    value: str
    title: str
    cross_section: Mapping[str, Shift]
    panel: Mapping[str, Shift]


@dataclass(frozen=True)
class Comparison:
    """One question in two cycles, by column, in one measure.

    Cross-section compares everyone who answered each time; panel only the
    governments that answered both times, so a shift there is not a change of who
    reported. `panel_size` is per column; `panel_parties_now`/`_before` are the panel's
    governments that were Parties on each cycle's deadline (the n of "parties").
    """

    question: ChoiceQuestion
    measure: str
    columns: tuple[str, ...]
    rows: tuple[ComparedRow, ...]
    respondents_now: Mapping[str, int]
    respondents_before: Mapping[str, int]
    party_respondents_now: Mapping[str, int]
    party_respondents_before: Mapping[str, int]
    panel_size: Mapping[str, int]
    panel_parties_now: Mapping[str, int]
    panel_parties_before: Mapping[str, int]
    parties_now: Mapping[str, int]
    parties_before: Mapping[str, int]

    @property
    def delta_unit(self) -> str:
        return GOVERNMENTS if self.measure == "count" else PERCENTAGE_POINTS

    def to_dict(self) -> dict:
        def shifts(by_column: Mapping[str, Shift]) -> dict:
            return {
                name: {"now": shift.now, "before": shift.before, "delta": shift.delta}
                for name, shift in by_column.items()
            }

        return {
            "question": self.question.key,
            "measure": self.measure,
            "delta_unit": self.delta_unit,
            "columns": list(self.columns),
            "rows": [
                {
                    "value": row.value,
                    "title": row.title,
                    "cross_section": shifts(row.cross_section),
                    "panel": shifts(row.panel),
                }
                for row in self.rows
            ],
            "respondents": {
                "now": dict(self.respondents_now),
                "before": dict(self.respondents_before),
            },
            "party_respondents": {
                "now": dict(self.party_respondents_now),
                "before": dict(self.party_respondents_before),
            },
            "panel_size": dict(self.panel_size),
            "panel_parties": {
                "now": dict(self.panel_parties_now),
                "before": dict(self.panel_parties_before),
            },
            "parties": {"now": dict(self.parties_now), "before": dict(self.parties_before)},
        }


def compare(
    question: ChoiceQuestion,
    *,
    current: Answers,
    previous: Answers,
    columns: Mapping[str, frozenset[str]],
    parties_current: Mapping[str, frozenset[str]],
    parties_previous: Mapping[str, frozenset[str]],
    measure: str = "column",
) -> Comparison:
    """The measure now and before, and the change; map `previous` through map_previous()
    first.

    Each cycle is tabulated on its own bases: for "parties" the denominators are each
    cycle's own Parties on its deadline (`parties_current`, `parties_previous`), in the
    cross-section and the panel alike, so a Party that joined between the cycles is in N
    only the second time. "count" deltas are differences in numbers of governments.
    """

    def table(answers: Answers, parties: Mapping[str, frozenset[str]]) -> Table:
        return tabulate(question, answers, columns=columns, parties=parties, measure=measure)

    panel = current.keys() & previous.keys()
    now, before = table(current, parties_current), table(previous, parties_previous)
    panel_now = table(restrict(current, panel), parties_current)
    panel_before = table(restrict(previous, panel), parties_previous)
    rows = tuple(
        ComparedRow(
            value=row.value,
            title=row.title,
            cross_section=_shifts(row, before_row),
            panel=_shifts(panel_row, panel_before_row),
        )
        for row, before_row, panel_row, panel_before_row in zip(
            now.rows, before.rows, panel_now.rows, panel_before.rows, strict=True
        )
    )
    return Comparison(
        question=question,
        measure=measure,
        columns=now.columns,
        rows=rows,
        respondents_now=now.respondents,
        respondents_before=before.respondents,
        party_respondents_now=now.party_respondents,
        party_respondents_before=before.party_respondents,
        panel_size=panel_now.respondents,
        panel_parties_now=panel_now.party_respondents,
        panel_parties_before=panel_before.party_respondents,
        parties_now=now.parties,
        parties_before=before.parties,
    )


def _shifts(now: Row, before: Row) -> dict[str, Shift]:
    return {
        name: Shift(
            now=now.cells[name],
            before=before.cells[name],
            delta=None
            if now.cells[name] is None or before.cells[name] is None
            else now.cells[name] - before.cells[name],
        )
        for name in now.cells
    }


def _cell(
    measure: str,
    name: str,
    *,
    ticked: frozenset[str],
    counts: Mapping[str, int],
    ticks: Mapping[str, int],
    respondents: Mapping[str, frozenset[str]],
    parties: Mapping[str, frozenset[str]],
) -> float | int | None:
    if measure == "count":
        return counts[name]
    if measure == "row":
        return percent(counts[name], counts[TOTAL])
    if measure == "column":
        return percent(counts[name], ticks[name])
    if measure == "overall":
        return percent(counts[name], ticks[TOTAL])
    if measure == "respondents":
        return percent(counts[name], len(respondents[name]))
    return percent(len(ticked & respondents[name] & parties[name]), len(parties[name]))


def _union(sets: Iterable[frozenset[str]]) -> frozenset[str]:
    return frozenset().union(*sets)


def _check_single_choice(question: ChoiceQuestion, answers: Answers) -> None:
    """A single-choice answer with several values means the normalisation went wrong."""
    if question.multiple:
        return
    for government, values in answers.items():
        if len(set(values)) > 1:
            raise ValueError(
                f"{question.key} is single choice but {government} ticked {list(values)}"
            )
