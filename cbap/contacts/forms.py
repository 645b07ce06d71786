"""The contact form. It validates like the model (its `clean` included) but never saves:
`cbap.records.services` does, from `ContactForm.content()`."""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy

from cbap.contacts.models import DEFAULT_LABELS, RESPONSIBILITIES_MAX, NationalContact
from cbap.records.forms import ContactChannelsForm, RecordForm


class ContactForm(ContactChannelsForm, RecordForm):
    responsible_for_all = forms.NullBooleanField(
        required=False,
        label=(
            gettext_lazy(
                "Is this the only designated competent national authority (CNA) in your country?"
            )
        ),
        help_text=gettext_lazy("Competent national authorities only."),
        widget=forms.NullBooleanSelect,
    )
    responsibilities = forms.CharField(
        required=False,
        max_length=RESPONSIBILITIES_MAX,
        label=gettext_lazy("Short description of CNA responsibilities"),
        help_text=(
            gettext_lazy(
                "If it is not the only one (at most %(RESPONSIBILITIES_MAX)s characters; "
                "competent national authorities only)."
            )
            % {"RESPONSIBILITIES_MAX": RESPONSIBILITIES_MAX}
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    class Meta:
        model = NationalContact
        fields = list(NationalContact.content_fields)
        labels = {name: capfirst(label) for name, label in DEFAULT_LABELS.items()}
        widgets = {"address": forms.Textarea(attrs={"rows": 3})}


class ContactEditForm(ContactForm):
    """Editing carries the version the person started from, so a stale save is caught."""

    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
