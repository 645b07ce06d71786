"""The audit trail in the API, with the web page's filters."""

from rest_framework import generics

from cbap.audit import selectors
from cbap.audit.api import serializers
from cbap.audit.filtersets import AuditEntryFilterSet
from cbap.audit.permissions import require_reader


class AuditEntryList(generics.ListAPIView):
    """The audit trail, newest first (Secretariat only), with the web page's filters."""

    serializer_class = serializers.AuditEntryOutputSerializer
    queryset = selectors.audit_entries()
    filterset_class = AuditEntryFilterSet

    def list(self, request, *args, **kwargs):
        require_reader(request.user)
        return super().list(request, *args, **kwargs)
