"""Web pages of the indicators: the dashboard, one indicator, and their downloads."""

from urllib.parse import urlencode

from django.core.exceptions import BadRequest
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from cbap.core import downloads
from cbap.indicators import charts, exports, selectors


def dashboard(request):
    return render(request, "indicators/dashboard.html", {"data": selectors.dashboard()})


def dashboard_download(request, fmt: str):
    content = exports.DASHBOARD_RENDERERS[fmt](selectors.dashboard(), base_url=_site(request))
    return downloads.download(content, downloads.file_name("indicators", extension=fmt))


def detail(request, code: str):
    data = _detail(code, request)
    chart = charts.indicator_chart(data["code"], data["measure"], data["values"])
    return render(
        request,
        "indicators/detail.html",
        {
            "data": data,
            "chart": chart,
            "chart_rows": charts.table_rows(data["values"]),
            "group_query": f"?{urlencode({'group': data['provenance_group']})}"
            if data["provenance_group"]
            else "",
        },
    )


def detail_download(request, code: str, fmt: str):
    data = _detail(code, request)
    content = exports.INDICATOR_RENDERERS[fmt](data, base_url=_site(request))
    name = downloads.file_name(
        "indicator", code, filters={"group": data["provenance_group"]}, extension=fmt
    )
    return downloads.download(content, name)


def _site(request) -> str:
    """The site's address as this request reached it, e.g. "https://cbap.example.org"."""
    return request.build_absolute_uri("/").rstrip("/")


def _detail(code: str, request) -> dict:
    """The indicator's data, its provenance for the group in `?group=` (all Parties without)."""
    try:
        data = selectors.indicator_detail(code, group=request.GET.get("group") or None)
    except ValueError as error:
        raise BadRequest(str(error)) from error
    if data is None:
        raise Http404(_("The Action Plan has no indicator %(code)s.") % {"code": code})
    return data
