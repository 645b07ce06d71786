"""Import jobs: an uploaded file of activities or resources (`ImportForm`) imported while its
page shows how far it got, as the national reports' imports are (`cbap.reports.formats.jobs`).

Small files are imported while the request waits; big ones are a task for the worker
(`cbap db_worker`), so that no web process holds a long import. The records of a file are
written in one transaction, which other connections cannot see into: progress goes to the
cache, the outcome and every problem to the job. A worker that dies mid-import leaves nothing
half-written, and the job page says so (`ImportJob.stalled`).
"""

from __future__ import annotations

import io
import logging

from django import forms
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks import task

from cbap.activities.formats.exchange import records_file_import
from cbap.activities.models import ImportJob
from cbap.core.jobs import counted, job_start, job_subject
from cbap.notifications.models import Notification
from cbap.notifications.services import notify

logger = logging.getLogger(__name__)

CACHE_SECONDS = 3600


class ImportForm(forms.Form):
    """An activities or resources file to import, with the owner of the records whose file does
    not name one (IATI files never do; BCH documents name their government or organization)."""

    MAX_BYTES = 100 * 2**20  # 100,000 activities in IATI XML are 245 MB: the command's work

    file = forms.FileField(label=gettext_lazy("File"))
    fmt = forms.ChoiceField(label=gettext_lazy("Format"))
    owner = forms.ChoiceField(
        label=gettext_lazy("Owner of the records"),
        required=False,
        help_text=gettext_lazy(
            "Needed for IATI files; BCH documents that name their government or organization "
            "keep it. Every record is checked against your roles."
        ),
    )
    publish = forms.BooleanField(
        required=False,
        label=gettext_lazy("Publish what is imported"),
        help_text=gettext_lazy(
            "Only if you may publish every record of the file (a focal point their Party's, "
            "the Secretariat any); unticked, the records are saved as drafts."
        ),
    )

    FORMAT_LABELS = {
        "bch": gettext_lazy("BCH documents (JSON)"),
        "iati": gettext_lazy("IATI 2.03 activity file (XML)"),
    }

    def __init__(self, *args, formats: tuple[str, ...], owners: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fmt"].choices = [(f, self.FORMAT_LABELS[f]) for f in formats]
        self.fields["owner"].choices = [("", _("As the file says"))] + owners

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise ValidationError(
                _(
                    "The file is %(size)s MB; files up to %(limit)s MB are imported here "
                    "(use `cbap activities import` or `cbap resources import`)."
                )
                % {"size": upload.size // 2**20, "limit": self.MAX_BYTES // 2**20}
            )
        return upload


def import_job_create(
    *,
    kind: str,
    fmt: str,
    file_name: str,
    data: bytes,
    actor,
    owner_party: str = "",
    owner_organization: str = "",
    publish: bool = False,
) -> ImportJob:
    """A job of the person uploading the file (`actor`), imported with their rights."""
    return ImportJob.objects.create(
        kind=kind,
        fmt=fmt,
        file_name=file_name[:255],
        data=data,
        owner_party=owner_party,
        owner_organization=owner_organization,
        publish=publish,
        created_by=actor,
    )


def _progress_key(pk: int) -> str:
    return f"activities:import-job:{pk}:processed"


def import_job_run(*, job: ImportJob) -> ImportJob:
    """Import the job's file with its creator's rights (a job whose creator's account is gone
    fails: nobody's rights cover it)."""
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.RUNNING)
    if job.created_by is None:
        reason = _("The account that uploaded this file no longer exists; nothing was imported.")
        job.errors, job.problem_count = [{"file": job.file_name, "reason": reason}], 1
        job.status = ImportJob.Status.FAILED
    else:
        _import(job)
    job.data = b""
    job.finished_at = timezone.now()
    job.save()
    cache.delete(_progress_key(job.pk))
    _tell_uploader(job)
    return job


def _import(job: ImportJob) -> None:
    def progress(processed: int) -> None:
        cache.set(_progress_key(job.pk), processed, CACHE_SECONDS)

    try:
        result = records_file_import(
            stream=io.BytesIO(bytes(job.data)),
            file=job.file_name,
            fmt=job.fmt,
            actor=job.created_by,
            publish=job.publish,
            owner_party=job.owner_party,
            owner_organization=job.owner_organization,
            progress=progress,
        )
    except Exception as error:  # noqa: BLE001 - the job page must say it failed, whatever it was
        logger.exception("import job %s failed", job.pk)
        reason = _("Unexpected error: %(error)s") % {"error": error}
        job.errors, job.problem_count = [{"file": job.file_name, "reason": reason}], 1
        job.status = ImportJob.Status.FAILED
        return
    job.errors = [problem.as_dict() for problem in result.problems]
    job.problem_count = result.problem_count
    job.outcome = result.counts()
    job.processed = sum(job.outcome.values())
    job.status = ImportJob.Status.FAILED if result.problem_count else ImportJob.Status.DONE


def _outcome(job: ImportJob) -> str:
    if job.status != ImportJob.Status.DONE:
        return _("Nothing was imported: %(count)s problem(s) to fix, listed on its page.") % {
            "count": job.problem_count
        }
    return _("Imported: %(counts)s.") % {"counts": counted(job.outcome) or _("no record")}


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


def import_job_processed(*, job: ImportJob) -> int:
    """How many records the job has read so far: the running import's count, else the job's."""
    if not job.finished:
        live = cache.get(_progress_key(job.pk))
        if live is not None:
            return live
    return job.processed


def import_job_start(*, job: ImportJob, background: bool | None = None) -> None:
    """Run the job now, or by the worker for a big file (`core.jobs.job_start`)."""
    job_start(job, run=import_job_run, task=import_job_task, background=background)


@task()
def import_job_task(job_pk: int) -> None:
    """The worker's side of `import_job_start`."""
    import_job_run(job=ImportJob.objects.get(pk=job_pk))
