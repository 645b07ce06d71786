"""What every upload job shares (the national reports' imports, the activities' and resources'):
the job row's common fields, its outcome in words, and running it now or in the worker
(`cbap db_worker`, Django's tasks framework on the database). Each app's job adds what its
files need (a cycle, a format, an owner) and how it imports them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

STALLED_AFTER = timedelta(hours=1)
# Uploads up to this size are imported while the request waits; bigger ones by the worker.
INLINE_IMPORT_BYTES = 256 * 1024


class UploadJob(models.Model):
    """One uploaded file being imported; its page shows how far it got and every problem. A
    subclass has a `Status` with DONE and FAILED among its choices."""

    file_name = models.CharField(max_length=255)
    data = models.BinaryField(
        help_text=gettext_lazy("The uploaded file, dropped once the job has run.")
    )
    processed = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"import of {self.file_name} ({self.get_status_display()})"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def stalled(self) -> bool:
        """Unfinished an hour after the upload: its worker stopped (or none runs)."""
        return not self.finished and timezone.now() - self.created_at > STALLED_AFTER


OUTCOMES = {
    "created": gettext_lazy("%(count)s created"),
    "updated": gettext_lazy("%(count)s updated"),
    "unchanged": gettext_lazy("%(count)s unchanged"),
}


def counted(outcome: dict[str, int]) -> str:
    """A job's outcome in words ("2 created, 1 updated"), what did not happen left out."""
    return ", ".join(
        str(OUTCOMES[what]) % {"count": n} if what in OUTCOMES else f"{n} {what}"
        for what, n in outcome.items()
        if n
    )


def job_subject(job: UploadJob) -> str:
    """What a job's notification says of it: "Import of nr5.json: imported"."""
    return _("Import of %(file)s: %(status)s") % {
        "file": job.file_name,
        "status": str(job.Status(job.status).label).lower(),
    }


def job_start(job: UploadJob, *, run: Callable, task, background: bool | None = None) -> None:
    """Run the job now (`run(job=job)`), or hand it to the worker (`task`) for big files (or
    when `background` says so), once the job row is committed so that the worker can read
    it."""
    if background is None:
        background = len(job.data) > INLINE_IMPORT_BYTES
    if not background:
        run(job=job)
        return
    transaction.on_commit(lambda: task.enqueue(job.pk))
