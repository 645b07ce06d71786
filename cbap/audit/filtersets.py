"""The audit trail's filters: one definition shared by the page, its CSV export and the API.
No help texts: the page renders the widgets by hand, and a help text would make them point
(`aria-describedby`) at an element the page does not have."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy

from cbap.audit.models import AuditEntry
from cbap.audit.services import Event

DAY = forms.DateInput(attrs={"type": "date"})


class AuditEntryFilterSet(django_filters.FilterSet):
    event = django_filters.ChoiceFilter(
        choices=[(e.value, e.label) for e in Event], empty_label=gettext_lazy("Any event")
    )
    actor = django_filters.CharFilter(
        field_name="actor_email",
        lookup_expr="icontains",
        label=gettext_lazy("Actor e-mail"),
        max_length=254,
    )
    target_type = django_filters.CharFilter(label=gettext_lazy("Target type"), max_length=60)
    date_from = django_filters.DateFilter(
        field_name="at", lookup_expr="date__gte", label=gettext_lazy("From"), widget=DAY
    )
    date_to = django_filters.DateFilter(
        field_name="at", lookup_expr="date__lte", label=gettext_lazy("To"), widget=DAY
    )

    class Meta:
        model = AuditEntry
        fields = ["event", "actor", "target_type", "date_from", "date_to"]
