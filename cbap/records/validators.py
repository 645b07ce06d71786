"""Validators record types share: their content is JSON, so lists are JSON lists."""

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _


@deconstructible
class ListOf:
    """Validates a JSON list of strings, each checked as an e-mail address, a URL, or text."""

    CHECKS = {
        "email": EmailValidator(),
        "url": URLValidator(schemes=["http", "https"]),
        "text": None,
    }

    def __init__(self, kind: str):
        self.kind = kind

    def __call__(self, values) -> None:
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise ValidationError(_("Give a list of texts."))
        if any("\x00" in value for value in values):
            raise ValidationError(_("A text may not hold a NUL character (\\x00)."))
        check = self.CHECKS[self.kind]
        for value in values if check else ():
            check(value)

    def __eq__(self, other) -> bool:
        return isinstance(other, ListOf) and other.kind == self.kind
