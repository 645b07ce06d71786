"""The plan's list filters, one definition each, documented in the API's schema."""

import django_filters

from cbap.plan.models import Indicator


class IndicatorFilterSet(django_filters.FilterSet):
    class Meta:
        model = Indicator
        fields = ["measure", "scope"]
