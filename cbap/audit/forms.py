"""The audit trail's filter; it parses the page's and the API's query string alike."""

from django import forms

from cbap.audit.services import Event


class AuditFilterForm(forms.Form):
    event = forms.ChoiceField(
        required=False, choices=[("", "Any event"), *[(e.value, e.label) for e in Event]]
    )
    actor = forms.CharField(required=False, label="Actor e-mail", max_length=254)
    target_type = forms.CharField(required=False, label="Target type", max_length=60)
    date_from = forms.DateField(
        required=False, label="From", widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        required=False, label="To", widget=forms.DateInput(attrs={"type": "date"})
    )

    def filters(self) -> dict:
        """The filters that were given; call only on a valid form."""
        return {name: value for name, value in self.cleaned_data.items() if value}
