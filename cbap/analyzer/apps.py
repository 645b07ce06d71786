from django.apps import AppConfig


class AnalyzerConfig(AppConfig):
    """The report analyzer: no models and no reference data of its own; it reads the published
    national reports through `reports.selectors`."""

    name = "cbap.analyzer"
