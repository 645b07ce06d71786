from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class PartiesConfig(AppConfig):
    name = "cbap.parties"
    verbose_name = gettext_lazy("Parties and groupings")

    def load_reference_data(self, out):
        """Governments, their memberships of the two protocols and the country groupings."""
        from django.core.management.base import CommandError

        from cbap.parties import reference, services

        try:
            lines = services.reference_data_load()
        except reference.ReferenceDataError as error:
            raise CommandError(f"Parties not loaded (nothing was changed): {error}") from error
        for line in lines:
            out.write(line)
