from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class ActivitiesConfig(AppConfig):
    name = "cbap.activities"
    verbose_name = gettext_lazy("Capacity-building activities and the virtual library")
