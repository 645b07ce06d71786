from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Synthetic data for demonstrations; nothing else in cbap imports it."""

    name = "cbap.demo"
    verbose_name = "Demo data"

    def ready(self) -> None:
        from cbap.demo import checks  # noqa: F401  (registers the system check)

    def load_demo_data(self, out) -> None:
        from cbap.demo import services

        services.demo_data_load(out=out)
