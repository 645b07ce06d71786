"""Read-only API of the plan. Every list takes `?version=CODE` (default: the current version)."""

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets

from cbap.plan import selectors
from cbap.plan.api import serializers
from cbap.plan.models import Goal, Indicator, NarrativeParagraph, PlanVersion

VERSION_PARAM = OpenApiParameter("version", str, description="Plan version code, e.g. CP-10/4")
CODE_PATTERN = r"[AB]\.\d+(\.[a-z0-9]+)?"


class VersionedMixin:
    """Lists and details of one plan version; subclasses say what to read from it."""

    lookup_field = "code"
    lookup_value_regex = CODE_PATTERN
    model = None

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation reads no data
            return self.model.objects.none()
        return self.versioned_queryset(self.plan_version())

    def plan_version(self) -> PlanVersion:
        try:
            return selectors.plan_version(self.request.query_params.get("version"))
        except PlanVersion.DoesNotExist as error:
            raise Http404("No such plan version.") from error


class PlanVersionViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = PlanVersion.objects.select_related("previous")
    serializer_class = serializers.PlanVersionSerializer
    lookup_field = "code"
    lookup_value_regex = r"[^/]+"
    pagination_class = None


@extend_schema_view(
    list=extend_schema(parameters=[VERSION_PARAM]),
    retrieve=extend_schema(parameters=[VERSION_PARAM]),
)
class GoalViewSet(VersionedMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.GoalSerializer
    pagination_class = None
    model = Goal

    def versioned_queryset(self, version):
        return selectors.goals_with_elements(version)


@extend_schema_view(
    list=extend_schema(parameters=[VERSION_PARAM]),
    retrieve=extend_schema(parameters=[VERSION_PARAM]),
)
class IndicatorViewSet(VersionedMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.IndicatorSerializer
    pagination_class = None
    filterset_fields = ["measure", "scope"]
    model = Indicator

    def versioned_queryset(self, version):
        return Indicator.objects.select_related("goal").filter(goal__version=version)


@extend_schema_view(list=extend_schema(parameters=[VERSION_PARAM]))
class NarrativeViewSet(VersionedMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.NarrativeParagraphSerializer
    pagination_class = None
    lookup_value_regex = r"[a-z0-9.]+"
    model = NarrativeParagraph

    def versioned_queryset(self, version):
        return version.narrative.all()
