"""Forms of the generic record pages, and form fields record types share."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.translation import gettext_lazy


class LinesField(forms.CharField):
    """A list of strings typed one per line (phones, e-mails, websites)."""

    widget = forms.Textarea(attrs={"rows": 2})

    def __init__(self, *, item_validator=None, **kwargs):
        self.item_validator = item_validator
        kwargs.setdefault("help_text", gettext_lazy("One per line."))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value) -> list[str]:
        text = super().to_python(value) or ""
        return [line.strip() for line in text.splitlines() if line.strip()]

    def validate(self, value) -> None:
        if self.required and not value:
            raise forms.ValidationError(self.error_messages["required"], code="required")

    def run_validators(self, value) -> None:
        if self.item_validator:
            for item in value:
                self.item_validator(item)


class ChangeNoteField(forms.CharField):
    """The optional note a person leaves on an edit (`message`), shown in the history."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", gettext_lazy("Note on this change (optional)"))
        kwargs.setdefault("help_text", gettext_lazy("Shown in the history."))
        kwargs.setdefault("max_length", 1000)
        super().__init__(**kwargs)


class RecordForm(forms.ModelForm):
    """Base of a record type's form: it validates like the model but never saves, since
    `cbap.records.services` does, from `content()`."""

    message = ChangeNoteField()

    def content(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.model.content_fields}


class CheckedRecordForm(RecordForm):
    """A record form that checks its content by the model's own rules, as it will be saved,
    for the owner it is written for: each model error on its field (`field_of` maps a model
    field the form shows under another name), the others on the form. The form's own instance
    is never filled, so Django's instance check has nothing to do."""

    field_of: dict[str, str] = {}
    # Model fields the form does not stand for (set by the services, not typed).
    unchecked: tuple[str, ...] = ()

    def __init__(self, *args, owner_party=None, owner_organization=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.owner_party, self.owner_organization = owner_party, owner_organization

    def checked_content(self) -> dict:
        """The content the model's rules check (the form's `content()` unless it differs)."""
        return self.content()

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        record = self._meta.model(
            owner_party=self.owner_party, owner_organization=self.owner_organization
        )
        try:
            record.apply_content(self.checked_content())
            record.full_clean(exclude=list(self.unchecked), validate_unique=False)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                target = name if name in self.fields else self.field_of.get(name)
                for message in messages:
                    self.add_error(target, message)
        return cleaned

    def _post_clean(self):
        """The model's rules ran in `clean`."""


class ContactChannelsForm(forms.Form):
    """The fields of `records.models.ContactChannels`, typed one per line."""

    phones = LinesField(label=gettext_lazy("Phone number(s)"), required=False)
    emails = LinesField(label=gettext_lazy("E-mail(s)"), item_validator=EmailValidator())
    websites = LinesField(
        label=gettext_lazy("Website address(es)"),
        required=False,
        item_validator=URLValidator(schemes=["http", "https"]),
    )


class VersionForm(forms.Form):
    """The version the person looked at (a hidden field), so that nobody deletes, publishes,
    returns or withdraws content saved after they opened the page. A deletion is only this."""

    version = forms.IntegerField(
        min_value=0,
        widget=forms.HiddenInput,
        error_messages={
            "required": gettext_lazy("This form is out of date: open the record again.")
        },
    )


class TransitionForm(VersionForm):
    """A workflow step: its message or reason, and the version (see `VersionForm`)."""

    message = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))


class RestoreForm(forms.Form):
    revision = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)


class DiffForm(forms.Form):
    a = forms.IntegerField(min_value=1, label=gettext_lazy("Compare revision"))
    b = forms.IntegerField(min_value=1, label=gettext_lazy("with revision"))
