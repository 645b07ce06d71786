"""The report analyzer's pages: one GET form whose query string is the shareable view, and the
same view as CSV or XLSX (exactly the tables shown)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from cbap.analyzer import exports, forms, listing
from cbap.analyzer.analysis import analyze, draw_charts
from cbap.analyzer.query import AnalyzerError, choices_from_query
from cbap.core import downloads

DOWNLOADS = tuple(exports.RENDERERS)
# Questions (section headings included) per page: a whole cycle compared with the previous one
# is ~2 MB of tables, too much for a slow connection; the downloads hold every question.
QUESTIONS_PER_PAGE = 10


def analyzer(request: HttpRequest) -> HttpResponse:
    options = forms.form_options(request.GET)
    context = {"options": options}
    choices, status = None, 200
    try:
        choices = choices_from_query(request.GET, default_question=options["default_question"])
        analysis = analyze(choices)
        page = Paginator(analysis.results, QUESTIONS_PER_PAGE).get_page(request.GET.get("page"))
        draw_charts(page.object_list, analysis)
        context.update(analysis=analysis, page=page)
    except AnalyzerError as error:
        context["error"], status = str(error), 400
    context["values"] = forms.form_values(request.GET, choices, options["default_question"])
    return render(request, "analyzer/index.html", context, status=status)


def download(request: HttpRequest, fmt: str) -> HttpResponse:
    try:
        result = analyze(choices_from_query(request.GET))
    except AnalyzerError as error:
        return HttpResponse(str(error), status=400, content_type="text/plain; charset=utf-8")
    return downloads.download(exports.RENDERERS[fmt](result), exports.file_name(result, fmt))


def answers(request: HttpRequest) -> HttpResponse:
    """The governments behind a count (`list=governments`), or one question's free texts,
    government by government, narrowed to a `column`; with the same view as files."""
    context: dict = {"columns": [], "values": request.GET}
    status = 200
    try:
        found = _listing(request)
        context.update(found=found, columns=found.columns)
    except AnalyzerError as error:
        context["error"], status = str(error), 400
    return render(request, "analyzer/answers.html", context, status=status)


def answers_download(request: HttpRequest, fmt: str) -> HttpResponse:
    try:
        found = _listing(request)
    except AnalyzerError as error:
        return HttpResponse(str(error), status=400, content_type="text/plain; charset=utf-8")
    return downloads.download(listing.RENDERERS[fmt](found), listing.file_name(found, fmt))


def _listing(request: HttpRequest) -> listing.Listing:
    return listing.listing(
        choices_from_query(request.GET),
        column=request.GET.get("column", "").strip(),
        governments=request.GET.get("list") == "governments",
    )
