from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "cbap.accounts"
    verbose_name = "People and roles"

    def ready(self):
        from cbap.accounts import sessions  # noqa: F401  connects the sign-in signal
