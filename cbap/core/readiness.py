"""What `/ready/` asks before a load balancer sends people to this server."""

from __future__ import annotations

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor


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
