"""The organization profiles list's filters: one definition for the API and its schema.

Both filter what each person sees (the public reads the published revision, whose country and
status may differ from the working copy's), so they leave the queryset alone and
`profile_views` applies them to the views (`seen`)."""

import django_filters
from django.utils.translation import gettext_lazy

from cbap.organizations.models import OrganizationProfile
from cbap.parties.filtersets import GovernmentCodeFilter
from cbap.records.models import Status


class OrganizationProfileFilterSet(django_filters.FilterSet):
    country = GovernmentCodeFilter(
        method="_on_views", help_text=gettext_lazy("Government code, e.g. KEN")
    )
    status = django_filters.ChoiceFilter(choices=Status.choices, method="_on_views")

    class Meta:
        model = OrganizationProfile
        fields = ["country", "status"]

    def _on_views(self, queryset, name, value: str):
        return queryset  # filters what each person sees: see `seen`

    @property
    def seen(self) -> dict[str, str]:
        """The filters on what each person sees, for `profile_views`; call on a valid set."""
        return {name: self.form.cleaned_data.get(name) or "" for name in ("country", "status")}
