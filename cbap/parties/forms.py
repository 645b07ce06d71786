"""Forms of the registry's pages: the validity of a government's membership of a grouping."""

from __future__ import annotations

from django import forms

from cbap.parties.models import Government, Grouping


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
