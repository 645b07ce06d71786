from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class AccountsConfig(AppConfig):
    name = "cbap.accounts"
    verbose_name = gettext_lazy("People and roles")

    def ready(self):
        from cbap.accounts import sessions  # noqa: F401  connects the sign-in signal
