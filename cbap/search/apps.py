from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "cbap.search"
