"""`/api/v1/analyzer/`: the report analyzer as JSON, the same as `cbap analyze --format json`.

    /api/v1/analyzer/?cycle=5&question=Q007&by=region&measure=count&compare=4&filter=Q011:true

One question gives one object; `question=all` or `question=section:Article22` a list of them.
"""

from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from cbap.reports import analysis
from cbap.reports.analysis import AnalyzerError

PARAMETERS = [
    OpenApiParameter("cycle", int, description="Reporting cycle, e.g. 5 (default: the latest)."),
    OpenApiParameter(
        "question", str, description="A question key (Q007), section:KEY, or all (default)."
    ),
    OpenApiParameter(
        "by",
        str,
        description="Columns: region (default), ldc, sids, lldc, developing, any other grouping "
        "code, party-status, supplementary, or countries:KEN,BRA.",
    ),
    OpenApiParameter("measure", str, enum=list(analysis.MEASURES), description="Default: count."),
    OpenApiParameter("compare", int, description="The previous cycle's number, e.g. 4."),
    OpenApiParameter(
        "filter",
        str,
        many=True,
        description="QUESTION:ANSWER, e.g. Q011:true; repeat to combine (governments giving all).",
    ),
]


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()


class AnalyzerView(APIView):
    """Published national reports of a cycle tabulated by answer and column (count, % by row,
    column or overall, or % of all Parties), with n answered and N Parties per column, free
    texts, and optionally the comparison with the previous cycle (cross-section and panel)."""

    @extend_schema(
        parameters=PARAMETERS,
        responses={200: OpenApiTypes.OBJECT, 400: ErrorSerializer},
        operation_id="analyzer",
    )
    def get(self, request):
        try:
            choices = analysis.choices_from_query(request.query_params)
            result = analysis.analyze(choices)
        except AnalyzerError as error:
            return Response({"detail": str(error)}, status=status.HTTP_400_BAD_REQUEST)
        return Response(analysis.analysis_json(result))


urlpatterns = [path("", AnalyzerView.as_view(), name="reports-analyzer")]
