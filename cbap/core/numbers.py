"""Numbers as the reader writes them: 1,234.5 in English, 1 234,5 in French, 1.234,5 in Spanish
(Django's formats of the active language)."""

from __future__ import annotations

from django.utils.formats import number_format


def localized(value: float | int, digits: int | None = None) -> str:
    """`value` rounded to `digits` decimals (as many as it has when None), grouped by
    thousands. Rounded first: Django's number_format cuts a float's extra decimals off."""
    if digits is not None:
        value = round(value, digits)
    return number_format(value, decimal_pos=digits, use_l10n=True, force_grouping=True)
