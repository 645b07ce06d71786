"""What waits for someone: a notification in their list, also sent to them by e-mail."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy


class Notification(models.Model):
    """Something happened to a record or a job the recipient is responsible for."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", gettext_lazy("Waits for publication")
        RETURNED = "returned", gettext_lazy("Returned to draft")
        PUBLISHED = "published", gettext_lazy("Published")
        IMPORT_DONE = "import_done", gettext_lazy("Import finished")
        IMPORT_FAILED = "import_failed", gettext_lazy("Import failed")
        QUERY = "query", gettext_lazy("Question about a report")
        QUERY_ANSWERED = "query_answered", gettext_lazy("Answer to a question")
        MATCH = "match", gettext_lazy("A need and an offer matched")
        TASK_DONE = "task_done", gettext_lazy("Background work finished")
        TASK_FAILED = "task_failed", gettext_lazy("Background work failed")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    subject = models.CharField(max_length=300)
    text = models.TextField(blank=True)
    link = models.CharField(
        max_length=500, help_text=gettext_lazy("Where the recipient acts on it.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return f"{self.recipient} · {self.subject}"
