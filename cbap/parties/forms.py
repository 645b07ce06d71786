"""Forms of the registry's pages: the validity of a government's membership of a grouping."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cbap.parties.models import Government, Grouping


class MemberDatesForm(forms.Form):
    """The validity of a government's membership of a grouping (both days inclusive)."""

    valid_from = forms.DateField(
        required=False,
        label=gettext_lazy("From"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=gettext_lazy("First day; empty = always."),
    )
    valid_to = forms.DateField(
        required=False,
        label=gettext_lazy("To"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=gettext_lazy("Last day; empty = still a member."),
    )
    note = forms.CharField(
        required=False,
        max_length=500,
        label=gettext_lazy("Note"),
        help_text=gettext_lazy("e.g. a source."),
    )

    def clean(self):
        data = super().clean()
        first, last = data.get("valid_from"), data.get("valid_to")
        if first and last and first > last:
            raise forms.ValidationError(_("The first day must not be after the last day."))
        return data


class MemberAddForm(MemberDatesForm):
    """A government to put in a grouping, among those not in it yet."""

    government = forms.ModelChoiceField(queryset=None, label=gettext_lazy("Government"))
    field_order = ["government", "valid_from", "valid_to", "note"]

    def __init__(self, *args, grouping: Grouping, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["government"].queryset = Government.objects.exclude(
            grouping_memberships__grouping=grouping
        ).order_by("name")
