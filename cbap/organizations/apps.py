from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    name = "cbap.organizations"
    verbose_name = "Organizations"
