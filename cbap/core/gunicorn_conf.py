"""gunicorn's settings for cbap (`cbap serve --production`; `gunicorn -c` this file).

Threaded workers: a page spends most of its time in Python, a little in the database, so one
process per core with a few threads each keeps the cores busy without one process per request.
`cbap serve --production ADDR:PORT` binds; CBAP_WORKERS, CBAP_THREADS and
CBAP_FORWARDED_ALLOW_IPS change the rest (and GUNICORN_CMD_ARGS any of gunicorn's settings).
"""

import multiprocessing
import os

workers = int(os.environ.get("CBAP_WORKERS", multiprocessing.cpu_count()))
worker_class = "gthread"
threads = int(os.environ.get("CBAP_THREADS", 4))
timeout = 60  # an import or a whole-cycle analysis may take a while; a hung worker is replaced
graceful_timeout = 30
max_requests = 2000  # a worker is replaced now and then, so no leak grows for ever
max_requests_jitter = 200
preload_app = True  # the app is loaded once, before the workers fork: they start warm
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms'
forwarded_allow_ips = os.environ.get("CBAP_FORWARDED_ALLOW_IPS", "127.0.0.1")
# A fixed pool of threads: each keeps its database connection (workers × threads in all)
# instead of opening one per request, which on PostgreSQL costs more than a cached page.
os.environ.setdefault("CBAP_DB_CONN_MAX_AGE", "600")


def when_ready(server):
    """Started: the workers fork from a process that has read what they keep in memory, and the
    worker warms the heavy public pages unless they are in the cache already (`cbap warm`). No
    database connection of this process may cross into the forked workers."""
    from django.core.management import call_command
    from django.db import connections

    try:
        call_command("warm", this_process=True)
    except Exception:  # noqa: BLE001 - e.g. not migrated yet: serve all the same, cold
        server.log.exception("Warming up failed; the pages are computed on their first request.")
    finally:
        connections.close_all()
