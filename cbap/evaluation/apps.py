from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class EvaluationConfig(AppConfig):
    name = "cbap.evaluation"
    verbose_name = gettext_lazy("Midterm evaluation")
