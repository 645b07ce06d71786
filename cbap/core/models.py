"""The one row that says when what the public sees last changed."""

from django.db import models


class DataVersion(models.Model):
    """Grows by one with every change of public data: a publication or withdrawal, the
    registry, the plan, the questionnaires (`cbap.core.dataversion.data_changed`). Pages derived
    from published data are cached under it, so a change shows on the very next request."""

    number = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"data version {self.number}"
