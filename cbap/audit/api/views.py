"""The audit trail in the API, with the web page's filters."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, generics

from cbap.audit import selectors
from cbap.audit.api import serializers
from cbap.audit.forms import AuditFilterForm
from cbap.audit.permissions import require_reader

AUDIT_PARAMS = [
    OpenApiParameter("event", str, description="create, change, publish, login …"),
    OpenApiParameter("actor", str, description="Part of the actor's e-mail address"),
    OpenApiParameter("target_type", str, description="e.g. contacts.nationalcontact"),
    OpenApiParameter("date_from", str, description="First day, YYYY-MM-DD"),
    OpenApiParameter("date_to", str, description="Last day, YYYY-MM-DD"),
]


@extend_schema(parameters=AUDIT_PARAMS)
class AuditEntryList(generics.ListAPIView):
    """The audit trail, newest first (Secretariat only), with the web page's filters."""

    serializer_class = serializers.AuditEntryOutputSerializer
    filter_backends: list = []

    def get_queryset(self):
        require_reader(self.request.user)
        form = AuditFilterForm(self.request.query_params)
        if not form.is_valid():
            raise exceptions.ValidationError(form.errors)
        return selectors.audit_entries(**form.filters())
