"""Horizontal bar charts drawn on the server as accessible SVG from a template, with no chart
library: the pages' charts are simple bars, and a library that renders them cost ~100 MB of
install and most of a goal page's time.

Every chart gets `role="img"`, a <title> and a <desc>, and each bar a tooltip with its value;
pages put the same numbers in a table beside it. `layout` is pure geometry; `render_chart` draws
its result with `core/chart.svg`.
"""

from __future__ import annotations

import functools
import hashlib
import math
import multiprocessing
import os
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from cbap.core.numbers import localized

# Vega's "tableau20": ten hues, each dark then light, told apart by most readers.
TABLEAU20 = (
    "#4c78a8", "#9ecae9", "#f58518", "#ffbf79", "#54a24b", "#88d27a", "#b79a20", "#f2cf5b",
    "#439894", "#83bcb6", "#e45756", "#ff9d98", "#79706e", "#bab0ac", "#d67195", "#fcbfd2",
    "#b279a2", "#d6a5c9", "#9e765f", "#d8b5a5",
)  # fmt: skip
FONT_SIZE, LINE, CHAR = 12, 14, 7  # px; CHAR is wider than most fonts' average character
BAR, GAP, TICKS = 14, 6, 5


@dataclass(frozen=True)
class Row:
    """A category (its label in lines) and its value per series, None where it has none."""

    label: tuple[str, ...]
    values: tuple[float | None, ...]
    shown: tuple[str, ...]  # the values as the table beside shows them


@dataclass(frozen=True)
class Bars:
    """One row per category; per row a segment of each series end to end (`stacked`), or a
    bar of each under one another."""

    rows: tuple[Row, ...]
    series: tuple[tuple[str, ...], ...]  # each series' name, in lines
    colours: tuple[str, ...]
    axis_title: str
    stacked: bool = False
    maximum: float | None = None  # the axis's end (100 for percentages), else from the data
    plot_width: int = 320
    legend_on_top: bool = False


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float
    fill: str
    tooltip: str


@dataclass(frozen=True)
class Text:
    x: float
    y: float
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Layout:
    width: int
    height: int
    plot_left: int
    plot_top: int
    plot_bottom: int
    rects: tuple[Rect, ...]
    labels: tuple[Text, ...]
    ticks: tuple[tuple[float, str], ...]
    axis_title: Text
    legend: tuple[tuple[Rect, Text], ...]


def layout(bars: Bars) -> Layout:
    """Where everything goes, in pixels."""
    label_width = CHAR * max((len(line) for row in bars.rows for line in row.label), default=4)
    left = min(label_width, 300) + 10
    end, step = _axis(bars)
    scale = bars.plot_width / end
    colours = [bars.colours[i % len(bars.colours)] for i in range(len(bars.series))]
    top = LINE + 10 if bars.legend_on_top else 6
    legend_top: list[tuple[Rect, Text]] = []
    if bars.legend_on_top:
        x = left
        for name, colour in zip(bars.series, colours, strict=True):
            label = " ".join(name)
            legend_top.append((Rect(x, 2, 10, 10, colour, label), Text(x + 14, 11, (label,))))
            x += 14 + CHAR * len(label) + 16
    rects, labels, y = [], [], top
    for row in bars.rows:
        tall = max(len(row.label) * LINE, BAR if bars.stacked else BAR * len(bars.series))
        band = tall + 2 * GAP
        labels.append(Text(left - 6, y + band / 2 - (len(row.label) - 1) * LINE / 2, row.label))
        x = left  # where a stacked bar's next segment starts
        for i, (value, shown) in enumerate(zip(row.values, row.shown, strict=True)):
            if not value:
                continue
            tooltip = f"{' '.join(row.label)}, {' '.join(bars.series[i])}: {shown}"
            if bars.stacked:
                rects.append(
                    Rect(x, y + band / 2 - BAR / 2, value * scale, BAR, colours[i], tooltip)
                )
                x += value * scale
            else:
                bar_y = y + GAP + (tall - BAR * len(bars.series)) / 2 + i * BAR
                rects.append(Rect(left, bar_y, value * scale, BAR - 1, colours[i], tooltip))
        y += band
    bottom = y
    ticks = tuple(
        (left + i * step * scale, _number(round(i * step, 10)))
        for i in range(round(end / step) + 1)
    )
    axis_title = Text(left + bars.plot_width / 2, bottom + 2 * LINE + 4, (bars.axis_title,))
    y = bottom + 3 * LINE + 8
    legend = list(legend_top)
    if not bars.legend_on_top:
        for name, colour in zip(bars.series, colours, strict=True):
            legend.append(
                (Rect(left, y + 2, 10, 10, colour, " ".join(name)), Text(left + 14, y + 11, name))
            )
            y += len(name) * LINE + 4
    widest_legend = max((CHAR * len(line) for name in bars.series for line in name), default=0)
    width = max(left + bars.plot_width + 24, left + 14 + widest_legend + 8)
    return Layout(
        width=math.ceil(width),
        height=math.ceil(y + 4),
        plot_left=left,
        plot_top=top,
        plot_bottom=bottom,
        rects=tuple(rects),
        labels=tuple(labels),
        ticks=ticks,
        axis_title=axis_title,
        legend=tuple(legend),
    )


def render_chart(bars: Bars, *, title: str, description: str) -> Chart:
    """The chart as inline SVG, named by `title` and described by `description` for screen
    readers (which read the table beside it for the numbers)."""
    ident = "c" + hashlib.sha1(f"{title}|{description}|{bars}".encode()).hexdigest()[:10]
    svg = render_to_string(
        "core/chart.svg",
        {
            "layout": layout(bars),
            "ident": ident,
            "title": title,
            "description": description,
            "font_size": FONT_SIZE,
            "line": LINE,
        },
    )
    chart = Chart(svg.strip())
    chart.alt = f"{title}. {description}"
    return chart


class Chart(SafeString):
    """A chart's SVG, safe to put in a page, with its words (`alt`: title and description) and
    its picture for the documents that show it as one."""

    alt: str = ""
    _png: bytes | None = None

    @property
    def png(self) -> bytes:
        """The chart as a PNG picture, drawn once (a report's Word document and PDF share it)."""
        if self._png is None:
            self._png = picture_of(str(self))
        return self._png


PICTURE_WIDTH = 800  # px: 135 dpi at the Word document's 15 cm, 250 dpi at the PDF's 8 cm


def picture_of(svg: str) -> bytes:
    """An SVG chart as an opaque PNG on white: without an alpha channel the picture is smaller,
    and WeasyPrint embeds it in one pass instead of two (colour, then mask)."""
    return _opaque_surface().convert(
        bytestring=svg.encode("utf-8"), output_width=PICTURE_WIDTH, background_color="white"
    )


@functools.cache
def _opaque_surface():
    """CairoSVG's PNG surface without an alpha channel (it has no option for one); Cairo loads
    here, only when a picture is asked for."""
    import cairocffi
    from cairosvg.surface import PNGSurface

    class OpaquePNGSurface(PNGSurface):
        def _create_surface(self, width, height):
            width, height = round(width), round(height)
            return cairocffi.ImageSurface(cairocffi.FORMAT_RGB24, width, height), width, height

    return OpaquePNGSurface


def draw_pictures(charts: Iterable[Chart]) -> None:
    """Draw the charts' pictures on every core at once: a report has about 90 charts, seconds of
    drawing. Each child process draws from the SVG text alone; none touches the database."""
    todo = [chart for chart in charts if chart._png is None]
    # forking is safe on Linux (sched_getaffinity's platform), not on macOS: there, one by one
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
    if cores < 2 or len(todo) < 2 * cores:
        return  # not worth a process: each is drawn when it is asked for
    _opaque_surface()  # Cairo loaded before the fork, not in each child
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=cores, mp_context=context) as pool:
        svgs = [str(chart) for chart in todo]
        for chart, png in zip(todo, pool.map(picture_of, svgs, chunksize=8), strict=True):
            chart._png = png


def _axis(bars: Bars) -> tuple[float, float]:
    """The axis's end and the step between its ticks: round numbers, about five ticks."""
    if bars.maximum is not None:
        return bars.maximum, bars.maximum / TICKS
    totals = [
        sum(v for v in row.values if v)
        if bars.stacked
        else max((v or 0 for v in row.values), default=0)
        for row in bars.rows
    ]
    largest = max(totals, default=0) or 1
    raw = largest / TICKS
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    step = max(step, 1) if all(float(v).is_integer() for v in totals) else step
    return math.ceil(largest / step) * step, step


def _number(value: float) -> str:
    return localized(int(value) if float(value).is_integer() else value)
