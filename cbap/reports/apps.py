from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "cbap.reports"

    def load_reference_data(self, out):
        """Reporting cycles, their questionnaires and the reviewed mapping between them."""
        from cbap.reports import services

        for line in services.reference_data_load():
            out.write(line)
