"""The filters of the registry's lists: one definition each, shared by the web page, its
downloads and the API (django-filter, so the OpenAPI schema documents every parameter)."""

from __future__ import annotations

from datetime import date

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from cbap.parties import selectors
from cbap.parties.models import GOVERNMENT_CODE, Government, Grouping

# "membership filter": the same words are also a plural form and part of a sentence elsewhere.
STATUS_CHOICES = [
    ("cartagena", pgettext_lazy("membership filter", "Party to the Cartagena Protocol")),
    ("supplementary", pgettext_lazy("membership filter", "Party to the Supplementary Protocol")),
    (
        "supplementary_unknown",
        pgettext_lazy(
            "membership filter", "Supplementary Protocol: membership unknown on the date"
        ),
    ),
    ("non_party", pgettext_lazy("membership filter", "Not a Party to the Cartagena Protocol")),
]


class GovernmentCodeFormField(forms.CharField):
    """A government's code in any case ("ken" is Kenya), cleaned to the registry's "KEN"."""

    def to_python(self, value):
        return super().to_python(value).upper()

    def validate(self, value):
        super().validate(value)
        known = GOVERNMENT_CODE.fullmatch(value) and Government.objects.filter(code=value).exists()
        if value and not known:
            raise forms.ValidationError(  # params, not an f-string: a "%" typed must stay text
                _("No government %(code)s in the registry."), code="unknown", params={"code": value}
            )


class GovernmentCodeFilter(django_filters.CharFilter):
    """A filter on a government's code that refuses a code the registry does not have."""

    field_class = GovernmentCodeFormField


class AsOfFilterSet(django_filters.FilterSet):
    """A list of the registry on a date: membership and groupings change over time."""

    as_of = django_filters.DateFilter(
        method="_on_day",
        label=gettext_lazy("As of"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=gettext_lazy("Membership and groupings on this date (default: today)."),
    )

    @property
    def day(self) -> date:
        """The date asked for, or today (also when it is missing or not a date)."""
        if not self.is_bound:
            return timezone.localdate()
        self.is_valid()  # fills cleaned_data with the valid parameters
        return self.form.cleaned_data.get("as_of") or timezone.localdate()

    def _on_day(self, queryset, name, value):
        return queryset  # the date shapes the whole list (`filter_queryset`), not one filter


class GovernmentFilterSet(AsOfFilterSet):
    q = django_filters.CharFilter(
        method="_matching",
        label=gettext_lazy("Name or code"),
        max_length=100,
        help_text=gettext_lazy("Part of the name, or an ISO alpha-3/alpha-2 or M49 code."),
    )
    region = django_filters.ChoiceFilter(
        method="_in_grouping",
        label=gettext_lazy("Region"),
        choices=(),  # the registry's, set when the filters are made
        empty_label=gettext_lazy("All regions"),
        help_text=gettext_lazy("Code of a region grouping, e.g. weog."),
    )
    grouping = django_filters.ChoiceFilter(
        method="_in_grouping",
        label=gettext_lazy("Grouping"),
        choices=(),
        empty_label=gettext_lazy("All groupings"),
        help_text=gettext_lazy("Code of any other grouping, e.g. ldc, sids."),
    )
    status = django_filters.ChoiceFilter(
        method="_with_status",
        label=gettext_lazy("Membership"),
        choices=STATUS_CHOICES,
        empty_label=gettext_lazy("Any"),
    )

    class Meta:
        model = Government
        fields = ["q", "region", "grouping", "status", "as_of"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        groupings = list(Grouping.objects.values_list("code", "name", "kind"))
        for field, regions in (("region", True), ("grouping", False)):
            self.form.fields[field].choices = [
                (code, name)
                for code, name, kind in groupings
                if (kind == Grouping.Kind.REGION) == regions
            ]

    def filter_queryset(self, queryset):
        return super().filter_queryset(selectors.registry_on(self.day, queryset))

    def _matching(self, queryset, name, value: str):
        return selectors.filter_governments(queryset, self.day, query=value)

    def _in_grouping(self, queryset, name, value: str):
        return selectors.filter_governments(queryset, self.day, grouping=value)

    def _with_status(self, queryset, name, value: str):
        return selectors.filter_governments(queryset, self.day, status=value)


class GroupingFilterSet(AsOfFilterSet):
    class Meta:
        model = Grouping
        fields = ["kind", "as_of"]

    def filter_queryset(self, queryset):
        return super().filter_queryset(selectors.groupings_on(self.day, queryset))
