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
    try:
        cache.set("cbap:ready", "ok", 10)
        if cache.get("cbap:ready") != "ok":
            problems.append("The cache does not keep what is written to it.")
    except Exception as error:  # noqa: BLE001
        problems.append(f"The cache does not answer: {type(error).__name__}.")
    return problems
