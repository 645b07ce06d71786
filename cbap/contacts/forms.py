"""The contact form. It validates like the model (its `clean` included) but never saves:
`cbap.records.services` does, from `ContactForm.content()`."""

from django import forms

from cbap.contacts.models import RESPONSIBILITIES_MAX, NationalContact
from cbap.records.forms import ContactChannelsForm, RecordForm


class ContactForm(ContactChannelsForm, RecordForm):
    responsible_for_all = forms.NullBooleanField(
        required=False,
        label=("Is this the only designated competent national authority (CNA) in your country?"),
        help_text="Competent national authorities only.",
        widget=forms.NullBooleanSelect,
    )
    responsibilities = forms.CharField(
        required=False,
        max_length=RESPONSIBILITIES_MAX,
        label="Short description of CNA responsibilities",
        help_text=(
            f"If it is not the only one (at most {RESPONSIBILITIES_MAX} characters; "
            "competent national authorities only)."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    class Meta:
        model = NationalContact
        fields = list(NationalContact.content_fields)
        widgets = {"address": forms.Textarea(attrs={"rows": 3})}


class ContactEditForm(ContactForm):
    """Editing carries the version the person started from, so a stale save is caught."""

    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
