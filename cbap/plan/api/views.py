"""Read-only API of the plan.

`/api/v1/plan/` is the whole plan (like the JSON export); every endpoint reads the current version
or `?version=CODE`. Version codes contain "/" (`CP-10/4`), so a version's own URL takes the code
as a path, `/api/v1/plan/versions/CP-10/4/`, and query strings take it URL-encoded
(`?version=CP-10%2F4`). Elements are reachable by their stable code, e.g. `elements/A.5.3/`.
"""

from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import generics, viewsets
from rest_framework.response import Response
from rest_framework.views import APIView

from cbap.plan import catalogue, selectors
from cbap.plan.api import serializers
from cbap.plan.filtersets import IndicatorFilterSet
from cbap.plan.models import Goal, Indicator, NarrativeParagraph, PlanVersion

VERSION_PARAM = OpenApiParameter(
    "version",
    str,
    description=gettext_lazy("Plan version code, e.g. CP-10/4 (default: the current version)"),
)
CODE_PATTERN = r"[AB]\.\d+(\.[a-z0-9]+)?"
KIND_PARAM = OpenApiParameter(
    "kind",
    str,
    enum=["goal", *catalogue.ELEMENT_KINDS],
    description=gettext_lazy("Only elements of this kind"),
)


def requested_version(request) -> PlanVersion:
    code = request.query_params.get("version")
    try:
        return selectors.plan_version(code)
    except PlanVersion.DoesNotExist as error:
        if code:
            raise Http404(_("No plan version %(code)s.") % {"code": code}) from error
        raise Http404(_("No plan version loaded.")) from error


class VersionedMixin:
    """Lists and details of one plan version; subclasses say what to read from it."""

    lookup_field = "code"
    lookup_value_regex = CODE_PATTERN
    model = None

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation reads no data
            return self.model.objects.none()
        return self.versioned_queryset(requested_version(self.request))


class PlanView(APIView):
    """The whole plan of one version: version, header row, goals with every element, narrative,
    vocabularies and priority periods — the JSON export's shape."""

    @extend_schema(parameters=[VERSION_PARAM], responses=serializers.PlanSerializer)
    def get(self, request):
        plan = selectors.plan_as_dict(requested_version(request))
        return Response(serializers.PlanSerializer(plan).data)


class PlanVersionList(generics.ListAPIView):
    """Every version of the plan, oldest first."""

    queryset = PlanVersion.objects.select_related("previous")
    serializer_class = serializers.PlanVersionSerializer
    pagination_class = None


@extend_schema(
    parameters=[
        OpenApiParameter(
            "code",
            str,
            OpenApiParameter.PATH,
            description=gettext_lazy(
                "Version code with its slash, e.g. CP-10/4 (as is, or as CP-10%2F4)"
            ),
        )
    ]
)
class PlanVersionDetail(generics.RetrieveAPIView):
    """One version by its code, slash included: `/api/v1/plan/versions/CP-10/4/`."""

    queryset = PlanVersion.objects.select_related("previous").prefetch_related("priorities")
    serializer_class = serializers.VersionDetailSerializer
    lookup_field = "code"

    def get_object(self):
        version = self.get_queryset().filter(code=self.kwargs["code"]).first()
        if version is None:
            raise Http404(_("No plan version %(code)s.") % {"code": self.kwargs["code"]})
        return version


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
    filterset_class = IndicatorFilterSet
    model = Indicator

    def versioned_queryset(self, version):
        return Indicator.objects.select_related("goal").filter(goal__version=version)


@extend_schema_view(
    list=extend_schema(parameters=[VERSION_PARAM]),
    retrieve=extend_schema(parameters=[VERSION_PARAM]),
)
class NarrativeViewSet(VersionedMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.PlanNarrativeSerializer
    pagination_class = None
    lookup_value_regex = r"[a-z0-9.]+"
    model = NarrativeParagraph

    def versioned_queryset(self, version):
        return version.narrative.all()


class ElementList(APIView):
    """Every goal, key area, plan activity, indicator and outcome, in plan order, by code."""

    @extend_schema(
        operation_id="plan_elements_list",
        parameters=[VERSION_PARAM, KIND_PARAM],
        responses=serializers.ElementSerializer(many=True),
    )
    def get(self, request):
        rows = selectors.version_elements(requested_version(request))
        if kind := request.query_params.get("kind"):
            rows = [e for e in rows if e.kind == kind]
        return Response(serializers.ElementSerializer(rows, many=True).data)


class ElementDetail(APIView):
    """One goal or goal element by its stable code, e.g. A.5, A.5.3, A.5.ii, A.5.c, A.5.o1."""

    @extend_schema(
        operation_id="plan_elements_retrieve",
        parameters=[VERSION_PARAM],
        responses=serializers.ElementSerializer,
    )
    def get(self, request, code: str):
        version = requested_version(request)
        found = next((e for e in selectors.version_elements(version) if e.code == code), None)
        if found is None:
            raise Http404(
                _("No element %(code)s in %(code2)s.") % {"code": code, "code2": version.code}
            )
        return Response(serializers.ElementSerializer(found).data)


class VocabularyView(APIView):
    """The actors (annex ¶14), target audiences (¶15) and levels (¶13) the plan names."""

    @extend_schema(parameters=[VERSION_PARAM], responses=serializers.VocabulariesSerializer)
    def get(self, request):
        terms = selectors.vocabularies(requested_version(request))
        return Response(serializers.VocabulariesSerializer(terms).data)


class PriorityList(APIView):
    """Priority periods set by the meeting of the Parties (annex ¶21–22); empty until it sets
    some — cbap never fills them in itself."""

    @extend_schema(parameters=[VERSION_PARAM], responses=serializers.PrioritySerializer(many=True))
    def get(self, request):
        periods = requested_version(request).priorities.all()
        return Response(serializers.PrioritySerializer(periods, many=True).data)


class ArticleList(APIView):
    """The Protocol articles the version's texts cite, with the codes of what cites each."""

    @extend_schema(parameters=[VERSION_PARAM], responses=serializers.ArticleSerializer(many=True))
    def get(self, request):
        titles = catalogue.article_titles()
        rows = [
            {"number": n, "title": titles.get(n, ""), "cited_by": [c.code for c in by]}
            for n, by in selectors.article_citations(requested_version(request)).items()
        ]
        return Response(serializers.ArticleSerializer(rows, many=True).data)
