"""API of organization profiles: list and create here; the rest is the shared record API."""

from django_filters.utils import translate_validation

from cbap.organizations import selectors
from cbap.organizations.api import serializers
from cbap.organizations.filtersets import OrganizationProfileFilterSet
from cbap.organizations.models import OrganizationProfile
from cbap.records.api.views import RecordViewSet, documented


@documented(serializers.ProfileInputSerializer, serializers.ProfileOutputSerializer)
class OrganizationProfileViewSet(RecordViewSet):
    """Organization profiles (reference records): editors write and submit, the Secretariat
    publishes; the public sees published contents only."""

    model = OrganizationProfile
    input_serializer_class = serializers.ProfileInputSerializer
    output_serializer_class = serializers.ProfileOutputSerializer
    serializer_class = serializers.ProfileOutputSerializer  # for the schema
    queryset = OrganizationProfile.objects.none()  # for the schema; reads go through selectors
    filterset_class = OrganizationProfileFilterSet  # for the schema; `list` applies it

    def list(self, request):
        filterset = OrganizationProfileFilterSet(
            request.query_params, queryset=OrganizationProfile.objects.all(), request=request
        )
        if not filterset.is_valid():
            raise translate_validation(filterset.errors)
        views = selectors.profile_views(request.user, filterset.qs, **filterset.seen)
        page = self.paginate_queryset(views)
        out = serializers.ProfileOutputSerializer(page, many=True, context={"request": request})
        return self.get_paginated_response(out.data)

    def create(self, request):
        incoming = serializers.ProfileInputSerializer(
            data=request.data, context={"request": request}
        )
        incoming.is_valid(raise_exception=True)
        owner = incoming.validated_data["organization"]
        return self.create_record(incoming, owner_organization=owner)
