"""Import jobs: an uploaded file imported while its page shows how far it got.

Small files are imported while the request waits; big ones are a task for the worker
(`cbap db_worker`, Django's tasks framework on the database: no other service), so that no web
process holds a long import and a restart of the web server loses nothing. The reports of a
file are saved in one transaction: a worker that dies mid-import leaves nothing half-written,
and the job page says so (`ImportJob.stalled`). This module depends on `importing`, never the
other way round.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django_tasks import task

from cbap.core.jobs import counted, job_start, job_subject
from cbap.notifications.models import Notification
from cbap.notifications.services import notify
from cbap.reports.formats import importing
from cbap.reports.models import ImportJob

logger = logging.getLogger(__name__)

CACHE_SECONDS = 3600


def import_job_create(
    *, file_name: str, data: bytes, actor, cycle_number: int | None = None, dry_run: bool = False
) -> ImportJob:
    """A job of the person uploading the file (`actor`), imported with their rights."""
    return ImportJob.objects.create(
        file_name=file_name[:255],
        data=data,
        cycle_number=cycle_number,
        dry_run=dry_run,
        created_by=actor,
    )


def _progress_key(pk: int) -> str:
    return f"reports:import-job:{pk}:progress"


def import_job_run(*, job: ImportJob) -> ImportJob:
    """Import the job's file with its creator's rights, keeping its progress current for the
    job page (a job whose creator's account is gone fails: nobody's rights cover it).

    While checking, each progress update is saved on the job (and commits on its own). The
    reports are then written in one transaction, all or nothing, which other connections cannot
    see into: progress while saving goes to the cache, where `import_job_progress` reads it
    (across processes with a shared cache, REDIS_URL; else in the importing process)."""

    def progress(processed: int, total: int, status: str) -> None:
        cache.set(_progress_key(job.pk), (processed, total, status), CACHE_SECONDS)
        if status != ImportJob.Status.SAVING or not connection.in_atomic_block:
            ImportJob.objects.filter(pk=job.pk).update(
                processed=processed, total=total, status=status
            )

    if job.created_by is None:  # the uploader's account was deleted before the job ran
        reason = _("The account that uploaded this file no longer exists; nothing was imported.")
        job.errors = [{"file": job.file_name, "reason": reason}]
        job.status = ImportJob.Status.FAILED
    else:
        _import(job, progress)
    job.data = b""
    job.finished_at = timezone.now()
    job.save()
    cache.delete(_progress_key(job.pk))
    _tell_uploader(job)
    return job


def _outcome(job: ImportJob) -> str:
    """What the import did, in words."""
    if job.status != ImportJob.Status.DONE:
        return _("Nothing was imported: %(count)s problem(s) to fix, listed on its page.") % {
            "count": len(job.errors)
        }
    counts = counted(job.outcome) or _("no report")
    if job.dry_run:
        return _("Checked (a trial run, nothing saved): %(counts)s.") % {"counts": counts}
    return _("Imported: %(counts)s.") % {"counts": counts}


def _tell_uploader(job: ImportJob) -> None:
    """The uploader may have left the page of a long import: the outcome waits in their list
    (its words put together when read, in the reader's language then active)."""
    done = job.status == ImportJob.Status.DONE
    notify(
        recipients=[job.created_by],
        kind=Notification.Kind.IMPORT_DONE if done else Notification.Kind.IMPORT_FAILED,
        subject=lazy(job_subject, str)(job),
        text=lazy(_outcome, str)(job),
        link=job.get_absolute_url(),
    )


def _import(job: ImportJob, progress) -> None:
    try:
        result = importing.reports_import(
            content=bytes(job.data),
            file_name=job.file_name,
            cycle_number=job.cycle_number,
            actor=job.created_by,
            dry_run=job.dry_run,
            progress=progress,
        )
    except Exception as error:  # noqa: BLE001 - the job page must say it failed, whatever it was
        logger.exception("import job %s failed", job.pk)
        job.errors = [
            {"file": job.file_name, "reason": _("Unexpected error: %(error)s") % {"error": error}}
        ]
        job.status = ImportJob.Status.FAILED
    else:
        job.errors = [problem.as_dict() for problem in result.problems]
        job.outcome = result.counts()
        job.total = result.total
        job.processed = result.total
        job.status = ImportJob.Status.FAILED if result.problems else ImportJob.Status.DONE


@dataclass(frozen=True)
class Progress:
    processed: int
    total: int
    status: str

    @property
    def label(self) -> str:
        return ImportJob.Status(self.status).label

    @property
    def saving(self) -> bool:
        return self.status == ImportJob.Status.SAVING


def import_job_progress(*, job: ImportJob) -> Progress:
    """How far the job is: the latest progress report while it runs, else the job's own."""
    if not job.finished:
        live = cache.get(_progress_key(job.pk))
        if live is not None:
            return Progress(*live)
    return Progress(job.processed, job.total, job.status)


def import_job_start(*, job: ImportJob, background: bool | None = None) -> None:
    """Run the job now, or by the worker for a big file (`core.jobs.job_start`)."""
    job_start(job, run=import_job_run, task=import_job_task, background=background)


@task()
def import_job_task(job_pk: int) -> None:
    """The worker's side of `import_job_start`."""
    import_job_run(job=ImportJob.objects.get(pk=job_pk))
