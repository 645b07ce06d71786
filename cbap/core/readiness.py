"""What `/ready/` asks before a load balancer sends people to this server."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.migrations.executor import MigrationExecutor
from django.db.models import Count, Min
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

WORKER_LATE_MINUTES = 5


def readiness_problems() -> list[str]:
    problems = []
    try:
        connection = connections[DEFAULT_DB_ALIAS]
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if pending:
            problems.append(f"{len(pending)} migration(s) not applied: run `cbap migrate`.")
    except Exception as error:  # noqa: BLE001 - whatever the driver raises, say it
        problems.append(f"The database does not answer: {type(error).__name__}.")
    if cache_problem():  # its details (addresses) are for `cbap check --deploy`, not the public
        problems.append("The cache does not answer: see `cbap check --deploy`.")
    return problems


def cache_problem() -> str:
    """Why the cache does not keep a value written to it ("" when it does)."""
    try:
        cache.set("cbap:ready", "ok", 10)
        return "" if cache.get("cbap:ready") == "ok" else "a value written was not read back"
    except Exception as error:  # noqa: BLE001 - whatever the client raises, say it
        return f"{type(error).__name__}: {error}"


def waiting_tasks() -> tuple[int, datetime | None]:
    """The tasks due for over WORKER_LATE_MINUTES that no worker took, and the oldest's time."""
    late = timezone.now() - timedelta(minutes=WORKER_LATE_MINUTES)
    try:
        found = DBTaskResult.objects.filter(
            status=TaskResultStatus.READY, run_after__lt=late
        ).aggregate(waiting=Count("pk"), oldest=Min("run_after"))
        return found["waiting"], found["oldest"]
    except DatabaseError:  # not migrated yet: `readiness_problems` says so
        return 0, None
