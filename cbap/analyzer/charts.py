"""An analysis's charts: the main table's numbers as stacked horizontal bars, drawn as
accessible inline SVG beside the table that gives the same numbers."""

from __future__ import annotations

import textwrap

import altair as alt
from django.utils.safestring import SafeString

from cbap.analyzer.query import FIGURES
from cbap.analyzer.results import Analysis, QuestionResult
from cbap.core.charts import render_svg


def question_chart(result: QuestionResult, analysis: Analysis) -> SafeString:
    """The main table of a choice question as accessible inline SVG (see `chart_spec`)."""
    figure = FIGURES[analysis.choices.measure]
    answers = [line.label for line in result.main_lines if line.value]
    # the BCH's "% by column" and "% overall" are of ticks: their bars never pass 100 %
    multiple = " A government may tick several answers, so a bar can pass 100 %." * bool(
        result.question.multiple and analysis.choices.measure not in ("count", "column", "overall")
    )
    return render_svg(
        chart_spec(result, analysis),
        title=f"{result.key}: {figure} of each answer, by column",
        description=(
            f"Stacked bars, one per column ({', '.join(analysis.labels)}), one segment per "
            f"answer ({', '.join(answers)}); the table beside gives the same numbers.{multiple}"
        ),
    )


# Labels are wrapped (vl-convert draws each line of "a\nb" apart) so that the chart stays narrow
# enough to sit beside its table; these are the longest lines, in characters.
COLUMN_LINE, ANSWER_LINE = 24, 42


def chart_spec(result: QuestionResult, analysis: Analysis) -> dict:
    """Stacked horizontal bars: one bar per column (n / N under its label), one segment per
    answer, the main table's cells as they are shown."""
    table = result.table
    axis = [
        f"{_wrap(label, COLUMN_LINE)}\n(n {table.n[label]}/N {table.parties[label]})"
        for label in analysis.labels
    ]
    answers = [line for line in result.main_lines if line.value]
    names = [_wrap(line.label, ANSWER_LINE) for line in answers]
    tallest = max((name.count("\n") + 1 for name in axis), default=1)
    values = [
        {"column": axis[i], "answer": names[order], "order": order, "value": cell}
        for order, line in enumerate(answers)
        for i, cell in enumerate(line.cells)
        if cell is not None
    ]
    lines = "split(datum.label, '\\n')"
    chart = (
        alt.Chart(alt.Data(values=values))
        .mark_bar()
        .encode(
            x=alt.X(
                "value:Q",
                stack="zero",
                title=FIGURES[analysis.choices.measure],
                axis=alt.Axis(tickCount=5),
            ),
            # vl-convert measures text with its own fonts, the browser draws it with others:
            # leave the labels room to spare so that none is cut off
            y=alt.Y(
                "column:N",
                sort=axis,
                title=None,
                axis=alt.Axis(labelExpr=lines, labelLimit=400, minExtent=7 * COLUMN_LINE),
            ),
            color=alt.Color(
                "answer:N",
                sort=names,
                scale=alt.Scale(scheme="tableau20"),
                legend=alt.Legend(
                    orient="bottom",
                    direction="vertical",
                    labelExpr=lines,
                    labelLimit=400,
                    title=None,
                ),
            ),
            order=alt.Order("order:Q"),
        )
        .properties(
            width=180,
            height=alt.Step(11 * tallest + 8),
            # room for legend labels the browser draws wider than vl-convert measured them
            padding={"left": 5, "top": 5, "bottom": 5, "right": 5 + ANSWER_LINE},
        )
    )
    return chart.to_dict()


def _wrap(text: str, width: int) -> str:
    """`text` in lines of at most `width` characters (longer words stay whole), joined by
    newlines."""
    return "\n".join(textwrap.wrap(text, width, break_long_words=False)) or text
