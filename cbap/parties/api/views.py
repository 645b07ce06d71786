"""Read-only API of the registry. Lists take `?as_of=YYYY-MM-DD` (default: today)."""

from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets

from cbap.parties.api import serializers
from cbap.parties.filtersets import GovernmentFilterSet, GroupingFilterSet
from cbap.parties.models import Government, Grouping

AS_OF = OpenApiParameter(
    "as_of",
    OpenApiTypes.DATE,
    description=gettext_lazy("Membership and groupings on this date (default: today)."),
)


@extend_schema_view(retrieve=extend_schema(parameters=[AS_OF]))
class GovernmentViewSet(viewsets.ReadOnlyModelViewSet):
    """Every government in the registry, Party or not, with ISO codes, membership dates and
    groupings. The registry is small (about 200 governments), so a list is one response."""

    serializer_class = serializers.GovernmentSerializer
    lookup_field = "code"
    lookup_value_regex = r"[A-Za-z]{2,3}"  # any case: /api/v1/parties/ken/ is Kenya
    pagination_class = None
    queryset = Government.objects.all()
    filterset_class = GovernmentFilterSet

    def get_object(self):
        self.kwargs["code"] = self.kwargs["code"].upper()
        return super().get_object()


@extend_schema_view(retrieve=extend_schema(parameters=[AS_OF]))
class GroupingViewSet(viewsets.ReadOnlyModelViewSet):
    """Regions (UN regional groups, used as an approximation of the CBD's five regions), LDC,
    SIDS, LLDC, developed/developing and economies in transition, with their members on `as_of`."""

    serializer_class = serializers.GroupingSerializer
    lookup_field = "code"
    lookup_value_regex = r"[A-Za-z0-9_-]+"  # any case: /api/v1/groupings/EIT/ is eit
    pagination_class = None
    queryset = Grouping.objects.all()
    filterset_class = GroupingFilterSet

    def get_object(self):
        self.kwargs["code"] = self.kwargs["code"].lower()
        return super().get_object()
