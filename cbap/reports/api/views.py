"""Read-only API of national reports: cycles, their questions, reports with answers."""

from django.shortcuts import get_object_or_404
from rest_framework import generics, viewsets
from rest_framework.response import Response

from cbap.bch.rules import answer_states
from cbap.core.converters import ID_PATTERN
from cbap.reports import permissions as report_permissions
from cbap.reports import selectors
from cbap.reports.api import serializers
from cbap.reports.filtersets import NationalReportFilterSet
from cbap.reports.models import NationalReport, ReportingCycle


class CycleViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.CycleSerializer
    lookup_field = "number"
    lookup_value_regex = ID_PATTERN
    pagination_class = None

    def get_queryset(self):
        return selectors.cycles_with_counts().select_related("previous")


class QuestionList(generics.ListAPIView):
    """Every entry of the cycle's questionnaire in order, with options, rules and mapping."""

    serializer_class = serializers.QuestionSerializer
    pagination_class = None
    filter_backends: list = []

    def cycle(self) -> ReportingCycle:
        if not hasattr(self, "_cycle"):
            self._cycle = get_object_or_404(
                ReportingCycle.objects.defer("questionnaire"), number=self.kwargs["number"]
            )
        return self._cycle

    def get_queryset(self):
        return self.cycle().questions.all()

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if getattr(self, "swagger_fake_view", False):
            return context
        context["mappings"] = selectors.mappings_of(self.cycle())
        return context


class ReportViewSet(viewsets.ReadOnlyModelViewSet):
    """Published reports for everyone; drafts too for those allowed to see them."""

    filterset_class = NationalReportFilterSet
    lookup_value_regex = ID_PATTERN

    def get_serializer_class(self):
        if self.action == "retrieve":
            return serializers.ReportDetailSerializer
        return serializers.ReportSerializer

    def get_queryset(self):
        reports = (
            NationalReport.objects.select_related("government", "cycle")
            .defer("cycle__questionnaire")
            .order_by("cycle__number", "government__name")
        )
        if self.action == "list":
            reports = reports.defer("answers")
        return report_permissions.visible(self.request.user, reports)

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        return None if page is None else selectors.as_seen(self.request.user, page)

    def retrieve(self, request, *args, **kwargs):
        report = get_object_or_404(self.get_queryset(), pk=kwargs["pk"])
        [report] = selectors.as_seen(request.user, [report])
        version = selectors.version_read_by(request.user, report)
        answers = version.answers if version else {}
        shown = "working copy" if report.seen.working_copy else "published"
        states = answer_states(selectors.questionnaire_for(report.cycle), answers)
        context = {"answers": answers, "answers_shown": shown, "states": states}
        serializer = serializers.ReportDetailSerializer(
            report, context={**self.get_serializer_context(), **context}
        )
        return Response(serializer.data)
