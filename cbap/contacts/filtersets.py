"""The national contacts list's filters: one definition for the API and its schema.

`party` narrows the records themselves. `role` and `status` filter what each person sees (the
public reads the published revision, whose role and status may differ from the working copy's),
so they leave the queryset alone and `contact_views` applies them to the views (`seen`)."""

import django_filters
from django.utils.translation import gettext_lazy

from cbap.contacts.models import ContactRole, NationalContact
from cbap.parties.filtersets import GovernmentCodeFilter
from cbap.records.models import Status


class NationalContactFilterSet(django_filters.FilterSet):
    party = GovernmentCodeFilter(
        field_name="owner_party__code", help_text=gettext_lazy("Party code (ISO alpha-3), e.g. KEN")
    )
    role = django_filters.ChoiceFilter(choices=ContactRole.choices, method="_on_views")
    status = django_filters.ChoiceFilter(choices=Status.choices, method="_on_views")

    class Meta:
        model = NationalContact
        fields = ["party", "role", "status"]

    def _on_views(self, queryset, name, value: str):
        return queryset  # filters what each person sees: see `seen`

    @property
    def seen(self) -> dict[str, str]:
        """The filters on what each person sees, for `contact_views`; call on a valid set."""
        return {name: self.form.cleaned_data.get(name) or "" for name in ("role", "status")}
