"""The users list's filter: one definition for the page (there is no users API)."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy

from cbap.accounts.models import User


class UserFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="_matching", label=gettext_lazy("E-mail address or name"))

    class Meta:
        model = User
        fields = ["q"]

    def _matching(self, queryset, name, value: str):
        return queryset.filter(Q(email__icontains=value) | Q(full_name__icontains=value))
