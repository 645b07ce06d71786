"""API of activities and resources: the public list reads the index (published contents,
filtered by facets and words as on the pages); the rest is the shared record API."""

from django.utils.translation import gettext as _
from rest_framework import exceptions

from cbap.activities import selectors
from cbap.activities.api import serializers
from cbap.activities.filtersets import ActivityFilterSet, ResourceFilterSet
from cbap.activities.models import Activity, Listing, Resource
from cbap.records.api.views import RecordViewSet, documented
from cbap.records.selectors import record_views


class _ListingViewSet(RecordViewSet):
    kind: str

    def list(self, request):
        filterset = self.filterset_class(request.query_params, queryset=Listing.objects.none())
        if not filterset.is_valid():
            raise exceptions.ValidationError(filterset.errors)
        ids = selectors.matching(self.kind, filterset.chosen, filterset.query)
        page = selectors.listings_of(self.paginate_queryset(ids))
        records = self.model.objects.filter(pk__in=[listing.record_id for listing in page])
        views = {
            view.record.pk: view
            for view in record_views(None, records.select_related("owner_party"))
        }
        rows = [views[listing.record_id] for listing in page if listing.record_id in views]
        out = self.output_serializer_class(rows, many=True, context={"request": request})
        return self.get_paginated_response(out.data)

    def create(self, request):
        incoming = self.input_serializer_class(data=request.data, context={"request": request})
        incoming.is_valid(raise_exception=True)
        party = incoming.validated_data.get("party")
        organization = incoming.validated_data.get("organization")
        if party is None and organization is None:
            raise exceptions.ValidationError({"party": _("Give the owner.")})
        return self.create_record(incoming, owner_party=party, owner_organization=organization)


@documented(serializers.ActivityInputSerializer, serializers.ActivityOutputSerializer)
class ActivityViewSet(_ListingViewSet):
    """Capacity-building activities: national (a Party's users draft, its focal point publishes)
    and reference (an organization's editors write, the Secretariat validates). The list holds
    published activities, filtered like the page (`goal`, `country`, … repeated for several
    values; `q` for words)."""

    kind = Listing.Kind.ACTIVITY
    model = Activity
    input_serializer_class = serializers.ActivityInputSerializer
    output_serializer_class = serializers.ActivityOutputSerializer
    serializer_class = serializers.ActivityOutputSerializer  # for the schema
    queryset = Listing.objects.none()  # for the schema (the filters' model); reads: selectors
    filterset_class = ActivityFilterSet


@documented(serializers.ResourceInputSerializer, serializers.ResourceOutputSerializer)
class ResourceViewSet(_ListingViewSet):
    """Resources of the virtual library, owned and published as activities are. The list holds
    published resources, filtered like the page."""

    kind = Listing.Kind.RESOURCE
    model = Resource
    input_serializer_class = serializers.ResourceInputSerializer
    output_serializer_class = serializers.ResourceOutputSerializer
    serializer_class = serializers.ResourceOutputSerializer
    queryset = Listing.objects.none()
    filterset_class = ResourceFilterSet
