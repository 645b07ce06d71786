"""API of self-assessments, offers and requests for support: the public lists hold the
published ones (a self-assessment's confidential lines say only that they are); the rest is the
shared record API (If-Match, 409, 428, workflow steps, revisions)."""

from django.utils.translation import gettext as _
from rest_framework import exceptions

from cbap.needs.api import serializers
from cbap.needs.models import Offer, SelfAssessment, SupportRequest
from cbap.records.api.views import RecordViewSet, documented
from cbap.records.selectors import record_views


class PublishedList(RecordViewSet):
    """A record API whose list holds the published records, as the public sees them."""

    def list(self, request):
        records = self.model.listed().filter(published_version__isnull=False).order_by("pk")
        views = self.paginate_queryset(record_views(None, records))
        out = self.output_serializer_class(views, many=True, context={"request": request})
        return self.get_paginated_response(out.data)


class NationalRecords(PublishedList):
    """A Party's records: created for the Party its code names."""

    def create(self, request):
        incoming = self.input_serializer_class(data=request.data, context={"request": request})
        incoming.is_valid(raise_exception=True)
        return self.create_record(incoming, owner_party=incoming.validated_data["party"])


@documented(serializers.SelfAssessmentInputSerializer, serializers.SelfAssessmentOutputSerializer)
class SelfAssessmentViewSet(NationalRecords):
    """Parties' self-assessments of capacity-building needs (national records: its users draft,
    its focal point publishes). The list holds the published ones."""

    model = SelfAssessment
    input_serializer_class = serializers.SelfAssessmentInputSerializer
    output_serializer_class = serializers.SelfAssessmentOutputSerializer
    serializer_class = serializers.SelfAssessmentOutputSerializer  # for the schema
    queryset = SelfAssessment.objects.none()  # for the schema; reads go through selectors


@documented(serializers.SupportRequestInputSerializer, serializers.SupportRequestOutputSerializer)
class SupportRequestViewSet(NationalRecords):
    """Parties' requests for support, for key areas that their published self-assessment rates
    as needs (national records). The list holds the published ones."""

    model = SupportRequest
    input_serializer_class = serializers.SupportRequestInputSerializer
    output_serializer_class = serializers.SupportRequestOutputSerializer
    serializer_class = serializers.SupportRequestOutputSerializer
    queryset = SupportRequest.objects.none()


@documented(serializers.OfferInputSerializer, serializers.OfferOutputSerializer)
class OfferViewSet(PublishedList):
    """Support offers of organizations (validated by the Secretariat) and Parties (published
    by their focal point). The list holds the published ones."""

    model = Offer
    input_serializer_class = serializers.OfferInputSerializer
    output_serializer_class = serializers.OfferOutputSerializer
    serializer_class = serializers.OfferOutputSerializer
    queryset = Offer.objects.none()

    def create(self, request):
        incoming = self.input_serializer_class(data=request.data, context={"request": request})
        incoming.is_valid(raise_exception=True)
        party = incoming.validated_data.get("party")
        organization = incoming.validated_data.get("organization")
        if party is None and organization is None:
            raise exceptions.ValidationError({"party": _("Give the owner.")})
        return self.create_record(incoming, owner_party=party, owner_organization=organization)
