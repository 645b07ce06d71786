"""Web pages of the indicators: the dashboard, one indicator, and their downloads."""

from django.http import Http404, HttpResponse
from django.shortcuts import render

from cbap.indicators import charts, exports, selectors


def dashboard(request):
    return render(request, "indicators/dashboard.html", {"data": selectors.dashboard()})


def dashboard_download(request, fmt: str):
    return _download(exports.DASHBOARD_RENDERERS[fmt](selectors.dashboard()), fmt, "indicators")


def detail(request, code: str):
    data = _detail(code)
    chart = charts.indicator_chart(data["code"], data["measure"], data["values"])
    return render(
        request,
        "indicators/detail.html",
        {"data": data, "chart": chart, "chart_rows": charts.table_rows(data["values"])},
    )


def detail_download(request, code: str, fmt: str):
    content = exports.INDICATOR_RENDERERS[fmt](_detail(code))
    return _download(content, fmt, f"indicator-{code}")


def _detail(code: str) -> dict:
    data = selectors.indicator_detail(code)
    if data is None:
        raise Http404(f"The Action Plan has no indicator {code}.")
    return data


def _download(content: bytes, fmt: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=exports.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="cbap-{name}.{fmt}"'
    return response
