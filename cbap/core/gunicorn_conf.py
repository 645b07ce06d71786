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
