"""The filters of the activity and resource lists: one definition for the pages, their
downloads and the API. Each facet takes several values (`?country=KEN&country=UGA`); the
selectors apply them to the public index (`selectors.matching`), so the set leaves the
queryset alone and hands over `chosen` and `query`."""

from __future__ import annotations

import django_filters
from django import forms
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema_field

from cbap.activities.facets import ACTIVITY_FACETS, RESOURCE_FACETS
from cbap.activities.models import Listing
from cbap.activities.selectors import FACET_LABELS


class ValuesField(forms.Field):
    """Every value given for the name (at most 50, each at most 40 characters)."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value) -> list[str]:
        values = value if isinstance(value, list | tuple) else [value] if value else []
        return [str(v)[:40] for v in values if v][:50]


@extend_schema_field({"type": "array", "items": {"type": "string"}})
class FacetFilter(django_filters.Filter):
    field_class = ValuesField

    def filter(self, queryset, value):
        return queryset  # applied to the index by the selectors: see `chosen`


class _ListingFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="_words",
        label=gettext_lazy("Words"),
        help_text=gettext_lazy("Every word must occur."),
    )
    facets: tuple[str, ...] = ()

    class Meta:
        model = Listing
        fields: list[str] = []

    def _words(self, queryset, name, value):
        return queryset  # applied by the selectors: see `query`

    @property
    def chosen(self) -> dict[str, list[str]]:
        """facet → the values asked for; call on a valid set."""
        return {name: self.form.cleaned_data.get(name) or [] for name in self.facets}

    @property
    def query(self) -> str:
        return (self.form.cleaned_data.get("q") or "").strip()[:200]


def _with_facets(name: str, facets: tuple[str, ...]) -> type[_ListingFilterSet]:
    attrs = {
        facet: FacetFilter(
            label=FACET_LABELS.get(facet, facet),
            help_text=gettext_lazy("Repeat for several values; any of them matches."),
        )
        for facet in facets
    }
    attrs["facets"] = facets
    attrs["__module__"] = __name__
    return type(name, (_ListingFilterSet,), attrs)


ActivityFilterSet = _with_facets("ActivityFilterSet", ACTIVITY_FACETS)
ResourceFilterSet = _with_facets("ResourceFilterSet", RESOURCE_FACETS)
