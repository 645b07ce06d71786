"""Read-only API of the registry. Lists take `?as_of=YYYY-MM-DD` (default: today)."""

from datetime import date

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.exceptions import ValidationError

from cbap.parties import selectors
from cbap.parties.api import serializers
from cbap.parties.forms import STATUS_CHOICES, AsOfForm, RegistryFilterForm
from cbap.parties.models import Government

AS_OF = OpenApiParameter(
    "as_of",
    OpenApiTypes.DATE,
    description="Membership and groupings on this date (default: today).",
)
GOVERNMENT_FILTERS = [
    AS_OF,
    OpenApiParameter(
        "q", str, description="Part of the name, or an ISO alpha-3/alpha-2 or M49 code."
    ),
    OpenApiParameter("region", str, description="Code of a region grouping, e.g. weog."),
    OpenApiParameter("grouping", str, description="Code of any grouping, e.g. ldc, sids."),
    OpenApiParameter("status", str, enum=[value for value, _ in STATUS_CHOICES]),
]


@extend_schema_view(
    list=extend_schema(parameters=GOVERNMENT_FILTERS), retrieve=extend_schema(parameters=[AS_OF])
)
class GovernmentViewSet(viewsets.ReadOnlyModelViewSet):
    """Every government in the registry, Party or not, with ISO codes, membership dates and
    groupings. The registry is small (about 200 governments), so a list is one response."""

    serializer_class = serializers.GovernmentSerializer
    lookup_field = "code"
    lookup_value_regex = r"[A-Za-z]{2,3}"  # any case: /api/v1/parties/ken/ is Kenya
    pagination_class = None

    def get_object(self):
        self.kwargs["code"] = self.kwargs["code"].upper()
        return super().get_object()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator, no request
            return Government.objects.none()
        form = RegistryFilterForm(self.request.query_params)
        day = _as_of(form)
        governments = selectors.registry_on(day)
        if self.action == "list":
            governments = selectors.filter_governments(governments, day, **form.filters())
        return governments


@extend_schema_view(
    list=extend_schema(parameters=[AS_OF]), retrieve=extend_schema(parameters=[AS_OF])
)
class GroupingViewSet(viewsets.ReadOnlyModelViewSet):
    """Regions (UN regional groups, used as an approximation of the CBD's five regions), LDC,
    SIDS, LLDC, developed/developing and economies in transition, with their members on `as_of`."""

    serializer_class = serializers.GroupingSerializer
    lookup_field = "code"
    lookup_value_regex = r"[A-Za-z0-9_-]+"  # any case: /api/v1/groupings/EIT/ is eit
    pagination_class = None
    filterset_fields = ["kind"]

    def get_object(self):
        self.kwargs["code"] = self.kwargs["code"].lower()
        return super().get_object()

    def get_queryset(self):
        return selectors.groupings_on(_as_of(AsOfForm(self.request.query_params)))


def _as_of(form: AsOfForm) -> date:
    """The form's date; any invalid parameter is a 400 naming it."""
    if not form.is_valid():
        raise ValidationError(form.errors)
    return form.as_of_day()
