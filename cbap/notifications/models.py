"""What waits for someone: a notification in their list, also sent to them by e-mail."""

from django.conf import settings
from django.db import models


class Notification(models.Model):
    """Something happened to a record or a job the recipient is responsible for."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", "Waits for publication"
        RETURNED = "returned", "Returned to draft"
        PUBLISHED = "published", "Published"
        IMPORT_DONE = "import_done", "Import finished"
        IMPORT_FAILED = "import_failed", "Import failed"
        QUERY = "query", "Question about a report"
        QUERY_ANSWERED = "query_answered", "Answer to a question"

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    subject = models.CharField(max_length=300)
    text = models.TextField(blank=True)
    link = models.CharField(max_length=500, help_text="Where the recipient acts on it.")
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return f"{self.recipient} · {self.subject}"
