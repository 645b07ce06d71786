"""API of national contacts: list and create here; the rest is the shared record API."""

from django_filters.utils import translate_validation

from cbap.contacts import selectors
from cbap.contacts.api import serializers
from cbap.contacts.filtersets import NationalContactFilterSet
from cbap.contacts.models import NationalContact
from cbap.records.api.views import RecordViewSet, documented


@documented(serializers.ContactInputSerializer, serializers.ContactOutputSerializer)
class ContactViewSet(RecordViewSet):
    """National contacts: the public sees published contents; people with rights see drafts."""

    model = NationalContact
    input_serializer_class = serializers.ContactInputSerializer
    output_serializer_class = serializers.ContactOutputSerializer
    serializer_class = serializers.ContactOutputSerializer  # for the schema
    queryset = NationalContact.objects.none()  # for the schema; reads go through selectors
    filterset_class = NationalContactFilterSet  # for the schema; `list` applies it

    def list(self, request):
        filterset = NationalContactFilterSet(
            request.query_params, queryset=NationalContact.objects.all(), request=request
        )
        if not filterset.is_valid():
            raise translate_validation(filterset.errors)
        views = selectors.contact_views(request.user, filterset.qs, **filterset.seen)
        page = self.paginate_queryset(views)
        out = serializers.ContactOutputSerializer(page, many=True, context={"request": request})
        return self.get_paginated_response(out.data)

    def create(self, request):
        incoming = serializers.ContactInputSerializer(
            data=request.data, context={"request": request}
        )
        incoming.is_valid(raise_exception=True)
        return self.create_record(incoming, owner_party=incoming.validated_data["party"])
