"""The API's list filters refuse what they do not understand, instead of ignoring it: a
misspelt or empty filter would otherwise return the whole list as if it had filtered."""

from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ValidationError

ALWAYS = {"limit", "offset", "format"}
"""Query parameters of every list: pagination, and DRF's own ?format=."""


class StrictFilterBackend(DjangoFilterBackend):
    """django-filter's backend, with a 400 naming each unknown or empty parameter of a list."""

    def filter_queryset(self, request, queryset, view):
        filterset = self.get_filterset(request, queryset, view)
        if filterset is not None and getattr(view, "action", "list") == "list":
            known = set(filterset.filters) | ALWAYS
            problems = {}
            for name, values in request.query_params.lists():
                if name not in known:
                    problems[name] = [f"unknown parameter; use {', '.join(sorted(known))}"]
                elif not any(value.strip() for value in values):
                    problems[name] = ["empty: give a value, or leave the parameter out"]
            if problems:
                raise ValidationError(problems)
        return super().filter_queryset(request, queryset, view)
