"""Bar charts drawn from a template: accessible, to scale, and escaped."""

import io
import re
from xml.etree import ElementTree

from PIL import Image

from cbap.core.charts import PICTURE_WIDTH, Bars, Row, draw_pictures, layout, render_chart


def bars(**changes) -> Bars:
    rows = (
        Row(("Africa",), (5.0, 1.0), ("5", "1")),
        Row(("GRULAC", "(n 2/N 4)"), (2.0, None), ("2", "no data")),
    )
    return Bars(**{"rows": rows, "series": (("NR4",), ("NR5",)), "colours": ("#111", "#222"),
                   "axis_title": "Parties", "plot_width": 300, **changes})  # fmt: skip


def test_it_renders_accessible_svg_with_title_and_description():
    svg = render_chart(bars(), title="Reports by region", description="Africa 5 & GRULAC 2")
    assert svg.startswith('<svg role="img" xmlns="http://www.w3.org/2000/svg" aria-labelledby=')
    assert ">Reports by region</title>" in svg and "Africa 5 &amp; GRULAC 2</desc>" in svg
    assert ">Africa</tspan>" in svg and ">(n 2/N 4)</tspan>" in svg  # labels stay text
    assert "<title>Africa, NR4: 5</title>" in svg  # each bar says its value


def test_it_escapes_titles_and_labels():
    svg = render_chart(
        bars(rows=(Row(("<b>",), (1.0, 1.0), ("1", "1")),)), title="<script>", description="d"
    )
    assert "<script>" not in svg and "<b>" not in svg and "&lt;b&gt;" in svg


def test_grouped_bars_are_to_scale_and_a_missing_value_draws_nothing():
    drawn = layout(bars())
    widths = [rect.width for rect in drawn.rects]
    assert len(widths) == 3  # GRULAC has no NR5 value: no bar, not a bar of 0
    # the axis ends on a round number above the largest value: 5 → ticks 0, 1, … 5
    assert [label for _, label in drawn.ticks] == ["0", "1", "2", "3", "4", "5"]
    assert widths == [300.0, 60.0, 120.0]


def test_stacked_bars_add_up_and_a_percentage_axis_ends_at_100():
    drawn = layout(bars(stacked=True, maximum=100))
    africa_nr4, africa_nr5, grulac = drawn.rects
    assert africa_nr5.x == africa_nr4.x + africa_nr4.width  # end to end
    assert africa_nr4.width == 15.0 and grulac.width == 6.0  # 5 and 2 of 100 on 300 px
    assert drawn.ticks[-1][1] == "100"


def test_the_svg_is_well_formed_and_as_wide_as_its_labels():
    long = bars(rows=(Row(("A very long name of a regional group",), (1.0, 2.0), ("1", "2")),))
    svg = render_chart(long, title="t", description="d")
    assert ElementTree.fromstring(svg).tag == "{http://www.w3.org/2000/svg}svg"  # parses
    width = int(re.search(r'width="(\d+)"', svg).group(1))
    assert width >= len("A very long name of a regional group") * 6 + 300


def test_pictures_drawn_on_every_core_are_those_drawn_one_by_one_opaque_and_full_width():
    def charts():
        return [
            render_chart(bars(axis_title=f"Parties {n}"), title=f"Chart {n}", description="d")
            for n in range(12)
        ]

    one_by_one = [chart.png for chart in charts()]
    at_once = charts()
    draw_pictures(at_once)
    assert all(chart._png is not None for chart in at_once)  # drawn before anyone asks
    assert [chart.png for chart in at_once] == one_by_one
    assert len(set(one_by_one)) == 12  # each its own chart, none mixed up with another
    picture = Image.open(io.BytesIO(one_by_one[0]))
    assert (picture.format, picture.mode, picture.width) == ("PNG", "RGB", PICTURE_WIDTH)
    assert picture.getpixel((0, 0)) == (255, 255, 255)  # on white, not on black
