"""`/api/v1/analyzer/`: the report analyzer as JSON, the same as `cbap analyze --format json`.

    /api/v1/analyzer/?cycle=5&question=Q007&by=region&measure=count&compare=4&filter=Q011:true

One question gives one object; `question=all` or `question=section:Article22` a list of them.
"""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy
from drf_spectacular.plumbing import build_array_type, build_basic_type
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from cbap.analyzer.analysis import analyze
from cbap.analyzer.api.serializers import ErrorSerializer
from cbap.analyzer.query import MEASURES, AnalyzerError, choices_from_query, measures_note_lazy
from cbap.analyzer.tables import analysis_json

PARAMETERS = [
    OpenApiParameter(
        "cycle", int, description=gettext_lazy("Reporting cycle, e.g. 5 (default: the latest).")
    ),
    OpenApiParameter(
        "question",
        str,
        description=gettext_lazy("A question key (Q007), section:KEY, or all (default)."),
    ),
    OpenApiParameter(
        "by",
        str,
        description=gettext_lazy(
            "Columns: region (default), ldc, sids, lldc, developing, any other grouping "
            "code, party-status, supplementary, or countries:KEN,BRA."
        ),
    ),
    OpenApiParameter(
        "measure",
        str,
        enum=list(MEASURES),
        description=format_lazy("{} {}", gettext_lazy("Default: count."), measures_note_lazy()),
    ),
    OpenApiParameter(
        "compare", int, description=gettext_lazy("The previous cycle's number, e.g. 4.")
    ),
    OpenApiParameter(
        "filter",
        str,
        many=True,
        description=gettext_lazy(
            "QUESTION:ANSWER, e.g. Q011:true; repeat to combine (governments giving all)."
        ),
    ),
]


class AnalyzerView(APIView):
    """Published national reports of a cycle tabulated by answer and column (the BCH's count,
    % by row, column or overall, or cbap's % of responding governments or of all Parties), with
    n answered and N Parties per column, free texts, and optionally the comparison with the
    previous cycle (cross-section and panel)."""

    @extend_schema(
        parameters=PARAMETERS,
        responses={
            200: OpenApiResponse(
                {
                    "oneOf": [
                        build_basic_type(OpenApiTypes.OBJECT),
                        build_array_type(build_basic_type(OpenApiTypes.OBJECT)),
                    ]
                },
                description=gettext_lazy(
                    "One question's table, or a list of them (a section, all)."
                ),
            ),
            400: ErrorSerializer,
        },
        operation_id="analyzer",
    )
    def get(self, request):
        try:
            result = analyze(choices_from_query(request.query_params))
        except AnalyzerError as error:
            return Response({"detail": str(error)}, status=status.HTTP_400_BAD_REQUEST)
        return Response(analysis_json(result))
