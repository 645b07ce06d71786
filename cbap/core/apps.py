from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "cbap.core"

    def ready(self):
        from cbap.core import converters  # noqa: F401  registers the <id:...> URL converter
