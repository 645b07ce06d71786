import altair as alt

from cbap.core.charts import render_svg


def bar_spec():
    data = alt.Data(values=[{"region": "Africa", "n": 5}, {"region": "GRULAC", "n": 2}])
    return alt.Chart(data).mark_bar().encode(x="n:Q", y="region:N").to_dict()


def test_it_renders_accessible_svg_with_title_and_description():
    svg = render_svg(bar_spec(), title="Reports by region", description="Africa 5 & GRULAC 2")
    assert svg.startswith('<svg role="img" aria-labelledby=')
    assert "<title id=" in svg and ">Reports by region</title>" in svg
    assert "Africa 5 &amp; GRULAC 2</desc>" in svg
    assert "Africa" in svg  # labels stay text, readable and searchable


def test_it_escapes_titles():
    svg = render_svg(bar_spec(), title="<script>", description="d")
    assert "<script>" not in svg
