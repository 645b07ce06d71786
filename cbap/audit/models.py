"""The audit trail: who did what, when, from where; the bottom layer every app may write to."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy


class AuditEntry(models.Model):
    """Who did what, when, from where. Written by `cbap.audit.services.audit`, never edited."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    actor_email = models.CharField(
        max_length=254, blank=True, help_text=gettext_lazy("Kept if the user goes.")
    )
    event = models.CharField(max_length=40, db_index=True)
    target_type = models.CharField(max_length=60, blank=True)
    target_id = models.CharField(max_length=60, blank=True)
    target_label = models.CharField(max_length=300, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    details = models.JSONField(default=dict)

    class Meta:
        # The table was created when the trail lived in `records`; the name stays, no data moves.
        db_table = "records_auditentry"
        ordering = ["-at", "-id"]
        verbose_name_plural = gettext_lazy("audit entries")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_email} {self.event} {self.target_label}"
