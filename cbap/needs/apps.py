from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class NeedsConfig(AppConfig):
    name = "cbap.needs"
    verbose_name = gettext_lazy("Capacity-building needs, support offers and matching")
