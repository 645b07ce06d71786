from django.apps import AppConfig


class PlanConfig(AppConfig):
    name = "cbap.plan"

    def load_reference_data(self, out):
        from cbap.plan import catalogue, services

        version, outcome = services.plan_version_load(data=catalogue.load_file())
        out.write(f"Plan {version.code}: {outcome}")
