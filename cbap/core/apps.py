from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "cbap.core"

    def ready(self):
        from cbap.core import checks, converters  # noqa: F401  register a check and <id:...>
