"""The report analyzer's pages: one GET form whose query string is the shareable view, and the
same view as CSV or XLSX (exactly the tables shown)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from cbap.reports import analysis
from cbap.reports.analysis import AnalyzerError

DOWNLOADS = tuple(analysis.RENDERERS)


def analyzer(request: HttpRequest) -> HttpResponse:
    options = analysis.form_options(request.GET)
    context = {"options": options, "max_charts": analysis.MAX_CHARTS}
    choices, status = None, 200
    try:
        choices = analysis.choices_from_query(
            request.GET, default_question=options["default_question"]
        )
        context["analysis"] = analysis.analyze(choices, charts=True)
    except AnalyzerError as error:
        context["error"], status = str(error), 400
    context["values"] = analysis.form_values(request.GET, choices, options["default_question"])
    return render(request, "reports/analyzer.html", context, status=status)


def download(request: HttpRequest, fmt: str) -> HttpResponse:
    try:
        result = analysis.analyze(analysis.choices_from_query(request.GET))
    except AnalyzerError as error:
        return HttpResponse(str(error), status=400, content_type="text/plain; charset=utf-8")
    response = HttpResponse(analysis.RENDERERS[fmt](result), analysis.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{analysis.file_name(result, fmt)}"'
    return response
