"""The profile form. It validates like the model (its `clean` included) but never saves:
`cbap.records.services` does, from `ProfileForm.content()`."""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy

from cbap.organizations.models import DEFAULT_LABELS, PROFILE_MAX, OrganizationProfile
from cbap.parties.models import Government
from cbap.records.forms import ContactChannelsForm, RecordForm


class ProfileForm(ContactChannelsForm, RecordForm):
    country = forms.ChoiceField(
        label=capfirst(DEFAULT_LABELS["country"]),
        help_text=gettext_lazy("Where the organization is based."),
    )
    profile = forms.CharField(
        label=gettext_lazy("Organization’s profile"),
        max_length=PROFILE_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=OrganizationProfile._meta.get_field("profile").help_text,
    )

    class Meta:
        model = OrganizationProfile
        fields = list(OrganizationProfile.content_fields)
        labels = {name: capfirst(label) for name, label in DEFAULT_LABELS.items()}
        widgets = {"address": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", "—")] + list(
            Government.objects.order_by("name").values_list("code", "name")
        )


class ProfileCreateForm(ProfileForm):
    """A new profile names its organization, among those the person may write one for."""

    organization = forms.ModelChoiceField(
        queryset=None,
        label=gettext_lazy("Organization"),
        help_text=gettext_lazy("Whose profile this is."),
    )
    field_order = ["organization"]

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations


class ProfileEditForm(ProfileForm):
    """Editing carries the version the person started from, so a stale save is caught."""

    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
