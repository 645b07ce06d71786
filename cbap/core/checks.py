"""`cbap check --deploy`: what a production start would miss."""

import os

from django.conf import settings
from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage
from django.core.checks import Error, Tags, register
from django.core.checks import Warning as CheckWarning

from cbap.core.readiness import WORKER_LATE_MINUTES, cache_problem, waiting_tasks


@register(Tags.staticfiles, deploy=True)
def static_files_collected(app_configs, **kwargs):
    """With DEBUG off, the static files are served from what `cbap collectstatic` wrote; without
    it pages still render (`core.storage`), but unstyled and without scripts."""
    if not isinstance(staticfiles_storage, ManifestFilesMixin):
        return []
    if staticfiles_storage.exists(staticfiles_storage.manifest_name):
        return []
    return [
        Error(
            f"The static files were not collected into {settings.STATIC_ROOT}.",
            hint="Run `cbap collectstatic --no-input` before starting the server.",
            id="cbap.E001",
        )
    ]


@register(Tags.caches, deploy=True)
def cache_answers(app_configs, **kwargs):
    """Sign-in throttling, import progress and charts live in the cache: one that does not
    answer (a wrong REDIS_URL, Redis down) would fail those pages."""
    problem = cache_problem()
    if not problem:
        return []
    where = settings.CACHES["default"].get("LOCATION") or "the in-process cache"
    return [
        Error(
            f"The cache ({where}) does not answer: {problem}.",
            hint="Check REDIS_URL and that Redis runs, or unset REDIS_URL to use files.",
            id="cbap.E002",
        )
    ]


@register(deploy=True)
def mail_configured(app_configs, **kwargs):
    """Invitations, password resets and notifications go by e-mail: with the SMTP backend and
    no EMAIL_HOST, or a sender at localhost, they would not reach anybody."""
    if not settings.EMAIL_BACKEND.endswith("smtp.EmailBackend"):
        return []
    problems = []
    if not os.environ.get("EMAIL_HOST"):
        problems.append(
            CheckWarning(
                "EMAIL_HOST is not set: e-mail goes to an SMTP server on localhost.",
                hint="Set EMAIL_HOST (and EMAIL_PORT, EMAIL_HOST_USER … as needed).",
                id="cbap.W002",
            )
        )
    if "@localhost" in settings.DEFAULT_FROM_EMAIL:
        problems.append(
            CheckWarning(
                f"DEFAULT_FROM_EMAIL is {settings.DEFAULT_FROM_EMAIL!r}: replies go nowhere.",
                hint="Set DEFAULT_FROM_EMAIL to an address of the Secretariat's domain.",
                id="cbap.W003",
            )
        )
    return problems


@register(deploy=True)
def worker_runs(app_configs, **kwargs):
    """Big imports and the warming of public pages after a change are done by the worker
    (`cbap db_worker`): tasks that wait for long mean that none runs."""
    waiting, oldest = waiting_tasks()
    if not waiting:
        return []
    return [
        CheckWarning(
            f"{waiting} background task(s) waited over {WORKER_LATE_MINUTES} minutes (the oldest "
            f"queued {oldest:%Y-%m-%d %H:%M} UTC): no worker seems to run.",
            hint="Start the worker: `cbap db_worker` (docs/deployment.md, cbap-worker.service).",
            id="cbap.W004",
        )
    ]
