"""A request leaves no database connection open behind it, on the thread that served it: a
server that starts a thread per request (`cbap serve`) would otherwise keep one connection per
thread and exhaust a shared PostgreSQL server."""

import threading
from wsgiref.util import setup_testing_defaults

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="PostgreSQL's connections are the shared, counted resource (the test database of "
        "SQLite is in memory and never closed)",
    ),
]


def test_the_connection_of_a_request_is_closed_when_it_ends(cycles):
    open_after = []

    def serve_on_this_thread():
        environ = {"PATH_INFO": "/api/v1/cycles/", "REQUEST_METHOD": "GET"}
        setup_testing_defaults(environ)
        response = WSGIHandler()(environ, lambda status, headers: None)
        b"".join(response)
        response.close()  # the server's last step: request_finished
        open_after.append(connection.connection is not None)

    thread = threading.Thread(target=serve_on_this_thread)
    thread.start()
    thread.join(timeout=30)
    assert open_after == [False]
