"""The filters of the Parties list, shared by the web page, the downloads and the API."""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils import timezone

from cbap.parties.models import Government, Grouping

STATUS_CHOICES = [
    ("cartagena", "Party to the Cartagena Protocol"),
    ("supplementary", "Party to the Supplementary Protocol"),
    ("non_party", "Not a Party to the Cartagena Protocol"),
]


class AsOfForm(forms.Form):
    as_of = forms.DateField(
        required=False,
        label="As of",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Membership and groupings on this date (default: today).",
    )

    def as_of_day(self) -> date:
        """The date asked for, or today (also when the form is unbound or the date invalid)."""
        return self._valid_data().get("as_of") or timezone.localdate()

    def _valid_data(self) -> dict:
        if not self.is_bound:
            return {}
        self.is_valid()
        return self.cleaned_data


class RegistryFilterForm(AsOfForm):
    q = forms.CharField(required=False, max_length=100, label="Name or code")
    region = forms.ChoiceField(required=False, label="Region")
    grouping = forms.ChoiceField(required=False, label="Grouping")
    status = forms.ChoiceField(
        required=False, choices=[("", "Any")] + STATUS_CHOICES, label="Membership"
    )
    field_order = ["q", "region", "grouping", "status", "as_of"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        groupings = list(Grouping.objects.values_list("code", "name", "kind"))
        self.fields["region"].choices = [("", "All regions")] + [
            (code, name) for code, name, kind in groupings if kind == Grouping.Kind.REGION
        ]
        self.fields["grouping"].choices = [("", "All groupings")] + [
            (code, name) for code, name, kind in groupings if kind != Grouping.Kind.REGION
        ]

    def filters(self) -> dict[str, str]:
        """The valid filters (an invalid one is left out, and the form shows its error), as
        keyword arguments of `selectors.filter_governments`."""
        data = self._valid_data()
        return {
            "region": data.get("region", ""),
            "grouping": data.get("grouping", ""),
            "status": data.get("status", ""),
            "query": data.get("q", ""),
        }


class MemberDatesForm(forms.Form):
    """The validity of a government's membership of a grouping (both days inclusive)."""

    valid_from = forms.DateField(
        required=False,
        label="From",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="First day; empty = always.",
    )
    valid_to = forms.DateField(
        required=False,
        label="To",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Last day; empty = still a member.",
    )
    note = forms.CharField(required=False, max_length=500, label="Note", help_text="e.g. a source.")

    def clean(self):
        data = super().clean()
        first, last = data.get("valid_from"), data.get("valid_to")
        if first and last and first > last:
            raise forms.ValidationError("The first day must not be after the last day.")
        return data


class MemberAddForm(MemberDatesForm):
    """A government to put in a grouping, among those not in it yet."""

    government = forms.ModelChoiceField(queryset=None, label="Government")
    field_order = ["government", "valid_from", "valid_to", "note"]

    def __init__(self, *args, grouping: Grouping, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["government"].queryset = Government.objects.exclude(
            grouping_memberships__grouping=grouping
        ).order_by("name")
