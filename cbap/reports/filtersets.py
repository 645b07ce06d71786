"""The list of national reports' filters: one definition shared by a cycle's page and the API.
Both filter the reports the person may see (`selectors.reports_visible_to` on the page,
`permissions.visible` in the API), never the whole table."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy

from cbap.accounts import permissions
from cbap.accounts.permissions import Action
from cbap.records.models import Status
from cbap.reports.models import NationalReport


class NationalReportFilterSet(django_filters.FilterSet):
    cycle = django_filters.NumberFilter(
        field_name="cycle__number", decimal_places=0, help_text=gettext_lazy("Cycle number, e.g. 5")
    )
    government = django_filters.CharFilter(
        method="_of_government", help_text=gettext_lazy("Government code (ISO3; EU)")
    )
    q = django_filters.CharFilter(
        method="_matching", help_text=gettext_lazy("Part of the government's name, or its code")
    )
    status = django_filters.ChoiceFilter(
        method="_status",
        choices=Status.choices,
        empty_label=gettext_lazy("Any"),
        help_text=gettext_lazy("Status as you see it: the public sees published reports only"),
    )
    synthetic = django_filters.ChoiceFilter(
        method="_synthetic",
        choices=[
            ("no", gettext_lazy("Real reports only")),
            ("yes", gettext_lazy("Demo data only")),
        ],
        empty_label=gettext_lazy("Included"),
        help_text=gettext_lazy("Demo data: yes (only) or no (real reports only)"),
    )

    class Meta:
        model = NationalReport
        fields = ["cycle", "government", "q", "status", "synthetic"]

    def _of_government(self, queryset, name, value: str):
        return queryset.filter(government__code=value.upper())

    def _matching(self, queryset, name, value: str):
        return queryset.filter(
            Q(government__name__icontains=value) | Q(government__code__iexact=value)
        )

    def _status(self, queryset, name, value: str):
        """The status as the person sees it: the working copy's where they may see drafts,
        "published" for every other report they see (its public version), so that the filter
        never tells the public which Parties have a newer draft."""
        user = getattr(self.request, "user", None)
        drafts = permissions.where_allowed(user, Action.VIEW_DRAFT, queryset.model)
        seen = Q(status=value) & drafts
        if value == Status.PUBLISHED:
            seen |= ~drafts & Q(published_version__isnull=False)
        return queryset.filter(seen)

    def _synthetic(self, queryset, name, value: str):
        return queryset.filter(is_synthetic=value == "yes")
