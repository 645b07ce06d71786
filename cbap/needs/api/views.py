"""API of self-assessments and offers: the public lists hold the published ones (a
self-assessment's confidential lines say only that they are); the rest is the shared record
API (If-Match, 409, 428, workflow steps, revisions)."""

from django.utils.translation import gettext as _
from rest_framework import exceptions

from cbap.needs.api import serializers
from cbap.needs.models import Offer, SelfAssessment
from cbap.records.api.views import RecordViewSet, documented
from cbap.records.selectors import record_views


@documented(serializers.SelfAssessmentInputSerializer, serializers.SelfAssessmentOutputSerializer)
class SelfAssessmentViewSet(RecordViewSet):
    """Parties' self-assessments of capacity-building needs (national records: its users draft,
    its focal point publishes). The list holds the published ones."""

    model = SelfAssessment
    input_serializer_class = serializers.SelfAssessmentInputSerializer
    output_serializer_class = serializers.SelfAssessmentOutputSerializer
    serializer_class = serializers.SelfAssessmentOutputSerializer  # for the schema
    queryset = SelfAssessment.objects.none()  # for the schema; reads go through selectors

    def list(self, request):
        records = SelfAssessment.listed().filter(published_version__isnull=False)
        views = self.paginate_queryset(record_views(None, records.order_by("pk")))
        out = self.output_serializer_class(views, many=True, context={"request": request})
        return self.get_paginated_response(out.data)

    def create(self, request):
        incoming = self.input_serializer_class(data=request.data, context={"request": request})
        incoming.is_valid(raise_exception=True)
        return self.create_record(incoming, owner_party=incoming.validated_data["party"])


@documented(serializers.OfferInputSerializer, serializers.OfferOutputSerializer)
class OfferViewSet(RecordViewSet):
    """Support offers of organizations (validated by the Secretariat) and Parties (published
    by their focal point). The list holds the published ones."""

    model = Offer
    input_serializer_class = serializers.OfferInputSerializer
    output_serializer_class = serializers.OfferOutputSerializer
    serializer_class = serializers.OfferOutputSerializer
    queryset = Offer.objects.none()

    def list(self, request):
        records = Offer.listed().filter(published_version__isnull=False).order_by("pk")
        views = self.paginate_queryset(record_views(None, records))
        out = self.output_serializer_class(views, many=True, context={"request": request})
        return self.get_paginated_response(out.data)

    def create(self, request):
        incoming = self.input_serializer_class(data=request.data, context={"request": request})
        incoming.is_valid(raise_exception=True)
        party = incoming.validated_data.get("party")
        organization = incoming.validated_data.get("organization")
        if party is None and organization is None:
            raise exceptions.ValidationError({"party": _("Give the owner.")})
        return self.create_record(incoming, owner_party=party, owner_organization=organization)
