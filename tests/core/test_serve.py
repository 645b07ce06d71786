"""`cbap serve --production`: granian with cbap's settings answers, static files included, and
logs each request, as text or as JSON lines."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(tmp_path, **env) -> tuple[str, str]:
    """Starts the server on an empty database, reads /health/ and a static file, stops it:
    what /health/ said and what the server printed."""
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path}/cbap.sqlite3",
        "CBAP_WORKERS": "1",
        "CBAP_THREADS": "2",
        **env,
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "cbap.cli", "serve", "--production", f"127.0.0.1:{port}"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        body = ""
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/health/", timeout=1) as r:
                    body = r.read().decode()
                break
            except OSError:
                time.sleep(0.1)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/static/core/cbap.css") as response:
            assert response.status == 200 and b"--warn" in response.read()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        output = server.communicate(timeout=30)[0].decode()
    return body, output


def test_the_production_server_serves_pages_and_static_files(tmp_path):
    body, output = serve(tmp_path)
    assert body == '{"status": "ok"}'
    assert "Starting granian" in output and "Spawning worker-1" in output
    # not migrated: the warm-up fails, the server serves all the same
    assert "Warming up failed: the pages start cold." in output
    assert '"GET /health/ HTTP/1.1" 200' in output  # the access log


def test_its_logs_can_be_json_lines_with_each_request_s_fields(tmp_path):
    body, output = serve(tmp_path, CBAP_LOG_FORMAT="json")
    assert body == '{"status": "ok"}'
    lines = [json.loads(line) for line in output.splitlines()[1:] if line.strip()]
    [health] = [line for line in lines if line.get("path") == "/health/"]
    assert health["logger"] == "granian.access" and health["status"] == 200
    assert health["method"] == "GET" and health["dt_ms"] > 0
    assert any(line["level"] == "ERROR" and "exc_info" in line for line in lines)
