"""An analysis's charts: the main table's numbers as stacked horizontal bars, drawn as
accessible inline SVG beside the table that gives the same numbers."""

from __future__ import annotations

import textwrap

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from cbap.analyzer.query import FIGURES
from cbap.analyzer.results import Analysis, QuestionResult
from cbap.core.charts import TABLEAU20, Bars, Row, render_chart
from cbap.core.numbers import localized


def question_chart(result: QuestionResult, analysis: Analysis) -> SafeString:
    """The main table of a choice question as accessible inline SVG (see `chart_bars`)."""
    figure = FIGURES[analysis.choices.measure]
    answers = [line.label for line in result.main_lines if line.value]
    # the BCH's "% by column" and "% overall" are of ticks: their bars never pass 100 %
    several = result.question.multiple and analysis.choices.measure not in (
        "count",
        "column",
        "overall",
    )
    description = _(
        "Stacked bars, one per column (%(columns)s), one segment per answer (%(answers)s); "
        "the table beside gives the same numbers."
    ) % {"columns": ", ".join(analysis.headings), "answers": ", ".join(answers)}
    if several:
        description += " " + _(
            "A government may tick several answers, so a bar can be longer than the whole."
        )
    return render_chart(
        chart_bars(result, analysis),
        title=_("%(key)s: %(figure)s of each answer, by column")
        % {"key": result.key, "figure": figure},
        description=description,
    )


# Labels are wrapped so that the chart stays narrow enough to sit beside its table; these are
# the longest lines, in characters.
COLUMN_LINE, ANSWER_LINE = 24, 42


def chart_bars(result: QuestionResult, analysis: Analysis) -> Bars:
    """Stacked horizontal bars: one bar per column (n / N under its label), one segment per
    answer, the main table's cells as they are shown."""
    table = result.table
    answers = [line for line in result.main_lines if line.value]
    rows = tuple(
        Row(
            label=(*_wrap(heading, COLUMN_LINE), f"(n {table.n[label]}/N {table.parties[label]})"),
            values=tuple(line.cells[i] for line in answers),
            shown=tuple(_shown(line.cells[i], analysis) for line in answers),
        )
        for i, (label, heading) in enumerate(zip(analysis.labels, analysis.headings, strict=True))
    )
    return Bars(
        rows=rows,
        series=tuple(_wrap(line.label, ANSWER_LINE) for line in answers),
        colours=TABLEAU20,
        axis_title=FIGURES[analysis.choices.measure],
        stacked=True,
        plot_width=200,
    )


def _shown(cell, analysis: Analysis) -> str:
    if cell is None:
        return _("none")
    return localized(cell) if analysis.choices.measure == "count" else f"{localized(cell)} %"


def _wrap(text: str, width: int) -> tuple[str, ...]:
    """`text` in lines of at most `width` characters (longer words stay whole)."""
    return tuple(textwrap.wrap(text, width, break_long_words=False)) or (text,)
