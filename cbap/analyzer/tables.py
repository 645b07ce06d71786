"""The tables as shown, and as JSON: one list of :class:`Line` feeds the page, CSV and XLSX;
:func:`analysis_json` is the same object for the API and ``cbap analyze``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cbap.analyzer.query import FIGURES, MEASURES, AnswerFilter
from cbap.analyzer.results import (
    CROSS_SECTION,
    MAIN,
    PANEL,
    Analysis,
    Line,
    QuestionResult,
)
from cbap.core.downloads import SYNTHETIC_NOTICE
from cbap.engine import analyzer as engine


def _rounded(cell: float | int | None, style: str) -> float | int | None:
    if cell is None or style == "count":
        return cell
    return round(cell, 1)


ANSWERED_ALL = gettext_lazy("Answered, non-Parties included")
TICKS = gettext_lazy("Answers ticked (the BCH's denominator)")


def table_lines(result: QuestionResult, analysis: Analysis) -> list[Line]:
    """The question's tables: the measure with n and N, then (when comparing) the
    cross-section and the panel, each answer as now / before / change, in the same measure.

    n is the measure's own (`engine.Table.n`): with "% of all Parties" the Parties that
    answered, followed by everyone that answered, non-Parties included. A multiple-choice
    question in the BCH's "% by column" or "% overall" also shows its ticks, their
    denominators."""
    labels, choices = analysis.labels, analysis.choices
    table = result.table
    measure = choices.measure
    style = "count" if measure == "count" else "percent"

    def line(part, value, label, figure, cells: Mapping, style=style, **extra) -> Line:
        rounded = tuple(_rounded(cells[name], style) for name in labels)
        return Line(part, value, str(label), str(figure), rounded, style, **extra)

    lines = [
        line(
            MAIN,
            row.value,
            _title(row.value, row.title),
            str(FIGURES[measure]),
            row.cells,
            filter=choices.adding(AnswerFilter(result.key, row.value)).query_string()
            if result.kind == "choice"
            else "",
        )
        for row in table.rows
    ]
    if measure == "parties":
        answered = _("Parties that answered (n)")
        lines.append(line(MAIN, "", answered, "n", table.n, "count"))
        lines.append(line(MAIN, "", ANSWERED_ALL, _("answered"), table.respondents, "count"))
    else:
        lines.append(line(MAIN, "", _("Answered (n)"), "n", table.n, "count"))
    if result.question.multiple and measure in ("column", "overall"):
        lines.append(line(MAIN, "", TICKS, _("ticks"), table.ticks, "count"))
    lines.append(line(MAIN, "", analysis.parties_label, "N", table.parties, "count"))
    comparison = result.comparison
    if comparison is None:
        return lines
    now, before = f"NR{analysis.cycle.number}", f"NR{analysis.previous.number}"
    if measure == "count":
        unit, change = _("count"), _("change (count)")
    else:
        unit, change = "%", _("change (pp)")
    for part, attribute in ((CROSS_SECTION, "cross_section"), (PANEL, "panel")):
        for row in comparison.rows:
            shifts = getattr(row, attribute)
            for figure, name, kind in (
                (f"{now} {unit}", "now", style),
                (f"{before} {unit}", "before", style),
                (change, "delta", "delta"),
            ):
                cells = {label: getattr(shift, name) for label, shift in shifts.items()}
                lines.append(line(part, row.value, row.title, figure, cells, kind))
        bases: list[tuple[str, str, Mapping[str, int]]] = []
        if part == CROSS_SECTION and measure == "parties":
            answered = _("Parties that answered (n)")
            bases += [
                (answered, f"{now} n", comparison.party_respondents_now),
                (answered, f"{before} n", comparison.party_respondents_before),
            ]
        elif part == CROSS_SECTION:
            bases += [
                (_("Answered (n)"), f"{now} n", comparison.respondents_now),
                (_("Answered (n)"), f"{before} n", comparison.respondents_before),
            ]
        elif measure == "parties":
            both = _("Answered both times, a Party on the deadline (n)")
            bases += [
                (both, f"{now} n", comparison.panel_parties_now),
                (both, f"{before} n", comparison.panel_parties_before),
            ]
        else:
            bases.append((_("Answered both times (n)"), "n", comparison.panel_size))
        if measure == "parties":
            parties = (
                _("Parties on the deadline that gave the filtered answers (N)")
                if choices.filters
                else _("Parties on the deadline (N)")
            )
            bases += [
                (parties, f"{now} N", comparison.parties_now),
                (parties, f"{before} N", comparison.parties_before),
            ]
        lines += [line(part, "", label, figure, cells, "count") for label, figure, cells in bases]
    return lines


def _title(value: str, title: str) -> str:
    """An answer's title; the engine's one row of a free-text question, "Answered", in the
    reader's language."""
    return _("Answered") if (value, title) == engine.ANSWERED else title


# ------------------------------------------------------------------------------------------
# JSON (the API and `cbap analyze`)
# ------------------------------------------------------------------------------------------


def analysis_json(analysis: Analysis) -> dict | list[dict]:
    """One object for one question; a list of them for several (sections, all)."""
    objects = [question_json(result, analysis) for result in analysis.tables]
    return objects[0] if analysis.single else objects


def question_json(result: QuestionResult, analysis: Analysis) -> dict[str, Any]:
    question = result.question
    data: dict[str, Any] = {"cycle": analysis.cycle.number, **result.table.to_dict()}
    data.update(
        measure_label=str(MEASURES[analysis.choices.measure]),
        title=result.title,
        section=question.section,
        parent={"question": result.parent.key, "title": result.parent.plain_title}
        if result.parent
        else None,
        type=question.type,
        multiple=question.multiple,
        by=analysis.choices.by,
        members={c.label: sorted(c.members) for c in analysis.columns},
        filters=[str(f) for f in analysis.choices.filters],
        overlaps=analysis.overlaps,
        overlap_note=analysis.overlap_note or None,
        synthetic=analysis.synthetic,
        texts=[
            {"government": t.government, "name": t.name, "value": t.value or None, "text": t.text}
            for t in result.texts
        ],
    )
    if analysis.previous is not None:
        compared: dict[str, Any] = {
            "cycle": analysis.previous.number,
            "previous_question": result.previous_key,
            "equivalent": result.equivalent if result.previous_key else None,
            "warning": result.warning or None,
            "left_out": list(result.left_out),
        }
        if result.comparison is not None:
            compared.update(
                {k: v for k, v in result.comparison.to_dict().items() if k != "question"}
            )
        data["comparison"] = compared
    if analysis.synthetic:
        data["notice"] = _(SYNTHETIC_NOTICE)
    return data
