from django.apps import AppConfig


class PlanConfig(AppConfig):
    name = "cbap.plan"

    def load_reference_data(self, out):
        """The adopted plan (CP-10/4); it becomes current only when no version is current yet."""
        from cbap.plan import catalogue, services

        version, outcome = services.plan_version_load_reference(
            data=catalogue.load_file(), source=str(catalogue.ADOPTED_PLAN_FILE.name)
        )
        current = " (current)" if version.is_current else " (kept; another version is current)"
        out.write(f"Plan {version.code}: {outcome}{current}")
