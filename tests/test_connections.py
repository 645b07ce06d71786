"""A burst of requests, each on its own thread as `cbap serve` runs them, leaves no database
connection open behind it (PostgreSQL, where connections are a shared, counted resource)."""

import threading
import urllib.request

import pytest
from django.db import connection

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="counts PostgreSQL connections"),
]
BURST = 20


def open_connections() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()")
        return cursor.fetchone()[0]


def test_a_burst_of_requests_on_their_own_threads_keeps_no_connection(cycles, live_server):
    before = open_connections()
    start = threading.Barrier(BURST)

    def request():
        start.wait()
        with urllib.request.urlopen(f"{live_server.url}/api/v1/cycles/") as response:
            assert response.status == 200

    threads = [threading.Thread(target=request) for _ in range(BURST)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert open_connections() <= before
