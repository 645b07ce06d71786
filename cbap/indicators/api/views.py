"""Read-only API of the indicator values: the list (filtered) and one indicator in full."""

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from cbap.indicators import selectors
from cbap.indicators.api import serializers

LIST_PARAMETERS = [
    OpenApiParameter("cycle", int, description="Reporting cycle: 4 (baseline) or 5 (midterm)."),
    OpenApiParameter(
        "by",
        str,
        description='Disaggregation: "region" (the five regions), "all", or a group name '
        '("ldc", "sids", "lldc", "developing", "supplementary_protocol", '
        '"region:African Group" …); repeat or separate with commas.',
    ),
    OpenApiParameter("code", str, description="Indicator code, e.g. A.1.b."),
]


class IndicatorValueList(APIView):
    """Every indicator's value in each plan cycle, computed from the published reports now."""

    @extend_schema(
        parameters=LIST_PARAMETERS, responses=serializers.IndicatorValueRowSerializer(many=True)
    )
    def get(self, request):
        params = request.query_params
        cycle = params.get("cycle")
        if cycle is not None and cycle not in ("4", "5"):
            raise ValidationError({"cycle": "must be 4 or 5"})
        by = [name for value in params.getlist("by") for name in value.split(",") if name]
        try:
            rows = selectors.value_rows(
                cycle=int(cycle) if cycle else None, by=by, code=params.get("code") or None
            )
        except ValueError as error:
            raise ValidationError({"by": str(error)}) from error
        return Response(serializers.IndicatorValueRowSerializer(rows, many=True).data)


class IndicatorDetail(APIView):
    """One indicator: definition, sources, both cycles by every group with the Parties behind
    each figure, and the change between them."""

    @extend_schema(responses=serializers.IndicatorDetailSerializer)
    def get(self, request, code: str):
        data = selectors.indicator_detail(code)
        if data is None:
            raise Http404(f"No indicator {code}.")
        return Response(serializers.IndicatorDetailSerializer(data).data)
