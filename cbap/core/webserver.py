"""The production web server (`cbap serve --production`): granian, an HTTP server written in
Rust, running cbap's WSGI application in CBAP_WORKERS processes (one per core) of CBAP_THREADS
threads each. Measured against gunicorn on this project's pages it served several times as many
requests (bench/README.md).

Before the processes fork from this one, it reads what they keep in memory (each cycle's
normalised answers) and queues the warming of the public pages for the worker (`cbap warm`), so
that the first requests after a start are as fast as the next ones. Each thread keeps its
database connection (CBAP_DB_CONN_MAX_AGE, 600 s here): the threads are a fixed pool.
"""

from __future__ import annotations

import logging
import os
import sys

logger = logging.getLogger(__name__)


def main(addrport: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cbap.settings")
    os.environ["CBAP_DB_CONN_MAX_AGE"] = os.environ.get("CBAP_DB_CONN_MAX_AGE") or "600"
    import django

    django.setup()
    from django.conf import settings
    from granian import Granian
    from granian.constants import Interfaces

    from cbap.core.logs import granian_logging

    host, port = addrport.rsplit(":", 1)
    server = Granian(
        "cbap.wsgi:application",
        address=host,
        port=int(port),
        interface=Interfaces.WSGI,
        websockets=False,
        workers=_number("CBAP_WORKERS", os.cpu_count() or 1),
        blocking_threads=_number("CBAP_THREADS", 4),
        respawn_failed_workers=True,
        workers_max_rss=_number("CBAP_WORKER_MAX_MB", 1024),  # a process that grows is replaced
        workers_kill_timeout=30,
        log_access=True,
        log_dictconfig=granian_logging(settings.LOG_FORMAT),
    )
    server.on_startup(_before_the_workers_fork)
    server.serve()


def _before_the_workers_fork() -> None:
    from django.core.cache import caches
    from django.core.management import call_command
    from django.db import connections

    try:
        call_command("warm", this_process=True)
    except Exception:  # noqa: BLE001 - e.g. not migrated yet: serve all the same, cold
        logger.exception("Warming up failed: the pages start cold.")
    finally:  # no connection of this process may be shared by the forked ones
        connections.close_all()
        for cache in caches.all(initialized_only=True):
            cache.close()


def _number(name: str, default: int) -> int:
    return int(os.environ.get(name) or default)


if __name__ == "__main__":
    main(sys.argv[1])
