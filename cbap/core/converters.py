"""URL parts every app shares."""

from django.urls import register_converter

ID_PATTERN = r"[0-9]{1,18}"
"""A database identifier or a number in a URL: at most 18 digits, so that a longer one is a 404
before it reaches the database (where it would overflow a 64-bit integer: a server error)."""


class IdConverter:
    regex = ID_PATTERN

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(value)


register_converter(IdConverter, "id")
