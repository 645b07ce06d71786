"""Read-only API of the indicator values: the list (filtered) and one indicator in full."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from cbap.indicators import selectors
from cbap.indicators.api import serializers

LIST_PARAMETERS = [
    OpenApiParameter(
        "cycle", int, description=gettext_lazy("Reporting cycle: 4 (baseline) or 5 (midterm).")
    ),
    OpenApiParameter(
        "by",
        str,
        description=gettext_lazy(
            'Disaggregation: "region" (the five regions), "all", or a group name '
            '("ldc", "sids", "lldc", "developing", "supplementary_protocol", '
            '"region:African Group" …); repeat or separate with commas.'
        ),
    ),
    OpenApiParameter(
        "code",
        str,
        description=gettext_lazy("Indicator code, e.g. A.1.b; an unknown code is a 400."),
    ),
]


class IndicatorValueList(APIView):
    """Every indicator's value in each plan cycle, computed from the published reports now.
    Any parameter other than cycle, by and code is refused (400)."""

    def cycles(self, **kwargs):
        """The cycles the values are computed on: None, the live ones (a frozen dataset's
        view gives its own)."""
        return None

    @extend_schema(
        parameters=LIST_PARAMETERS, responses=serializers.IndicatorValueRowSerializer(many=True)
    )
    def get(self, request, **kwargs):
        query = serializers.IndicatorValueListQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        try:
            rows = selectors.value_rows(
                cycle=params.get("cycle"),
                by=params.get("by", []),
                code=params.get("code"),
                snapshots=self.cycles(**kwargs),
            )
        except ValueError as error:
            raise ValidationError({"by": str(error)}) from error
        return Response(serializers.IndicatorValueRowSerializer(rows, many=True).data)


class IndicatorDetail(APIView):
    """One indicator: definition, sources, both cycles by every group with the Parties behind
    each figure, and the change between them."""

    cycles = IndicatorValueList.cycles

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "group",
                str,
                description=gettext_lazy(
                    'Give the provenance of one group ("region:African Group", "ldc" '
                    "…) instead of all Parties."
                ),
            )
        ],
        responses=serializers.IndicatorDetailSerializer,
    )
    def get(self, request, code: str, **kwargs):
        try:
            data = selectors.indicator_detail(
                code,
                group=request.query_params.get("group") or None,
                snapshots=self.cycles(**kwargs),
            )
        except ValueError as error:
            raise ValidationError({"group": str(error)}) from error
        if data is None:
            raise NotFound(_("No indicator %(code)s.") % {"code": code})
        return Response(serializers.IndicatorDetailSerializer(data).data)
