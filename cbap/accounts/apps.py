from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "cbap.accounts"
    verbose_name = "People and roles"
