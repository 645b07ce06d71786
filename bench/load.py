"""`make bench-load`: the public pages under load, on the production server, as readers see them.

For each database (the embedded SQLite, then PostgreSQL when one answers) the benchmark makes a
throw-away site with the demo data, starts `cbap serve --production` and the worker as `make run`
does, times the first request to each page after the start (cold), warms every page once, then
runs wrk at 64 connections on each page and on a static file in the same run. It prints
requests/s, p50 and p99, and each page's rate as a share of the static file's, against the
targets of the issue "Pages as fast as files": every page ≥ 0.3 × the static file, p99 < 100 ms,
the first request after a start < 0.2 s. Figures go to `bench/results/load-<database>.json`.

    python -m bench.load [--database sqlite|postgres|both] [--seconds 10] [--connections 64]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
POSTGRES = "postgres://postgres@127.0.0.1:5432/"
DATABASE = "cbap_bench_load"

STATIC = "/static/core/cbap.css"
PAGES = [
    "/",
    "/plan/",
    "/plan/A.1/",
    "/indicators/A.1.a/",
    "/indicators/",
    "/analyzer/?cycle=5&question=Q011",
    "/analyzer/?cycle=5&question=Q011&compare=4",
    "/parties/KEN/",
    "/api/v1/plan/",
    "/api/v1/indicators/",
    "/api/v1/indicators/?by=region",
]
# The pages whose whole-cycle view must stay small (the issue: no page over 300 KB).
LARGEST = ["/analyzer/?cycle=5&question=all&compare=4", "/analyzer/?cycle=5&question=all"]
RATIO, P99_MS, COLD_S, MAX_KB = 0.3, 100, 0.2, 300
GZIP = "Accept-Encoding: gzip"  # as every browser sends it


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=64)
    args = parser.parse_args()
    wrk = _wrk()
    failed = False
    for database in ["sqlite", "postgres"] if args.database == "both" else [args.database]:
        if database == "postgres" and not _answers("127.0.0.1", 5432):
            print("PostgreSQL: skipped, no server answers on 127.0.0.1:5432")
            continue
        with site(database) as (_, base):
            failed |= not measure(database, base, wrk, args.seconds, args.connections)
    return 1 if failed else 0


def measure(database: str, base: str, wrk: str, seconds: int, connections: int) -> bool:
    print(f"\n# {database}: cold first requests after a start (target < {COLD_S} s)")
    cold = {path: _timed_get(base + path)[0] for path in PAGES}
    for path, took in cold.items():
        print(f"{took:7.3f} s  {path}")
    sizes = {path: _largest_page(base + path) for path in LARGEST}
    print(f"\n# {database}: the largest page of a whole cycle, uncompressed (target ≤ {MAX_KB} KB)")
    for path, size in sizes.items():
        print(f"{size / 1024:7.0f} KB  {path}")
    print(f"\n# {database}: wrk -c{connections} -d{seconds}s, after one warming request each")
    rows = []
    static = _wrk_run(wrk, base + STATIC, seconds, connections)
    for path in [STATIC, *PAGES]:
        _timed_get(base + path)
        row = static if path == STATIC else _wrk_run(wrk, base + path, seconds, connections)
        row |= {"path": path, "ratio": round(row["rps"] / static["rps"], 2)}
        row["ok"] = row["ratio"] >= RATIO and row["p99_ms"] < P99_MS and not row["errors"]
        row["ok"] = row["ok"] and cold.get(path, 0) < COLD_S
        rows.append(row)
        print(
            f"{row['rps']:9.0f} req/s  p50 {row['p50_ms']:6.1f} ms  p99 {row['p99_ms']:7.1f} ms"
            f"  ×{row['ratio']:.2f}  errors {row['errors']}  {'ok ' if row['ok'] else 'MISS'}"
            f"  {path}"
        )
    HERE.joinpath("results").mkdir(exist_ok=True)
    HERE.joinpath("results", f"load-{database}.json").write_text(
        json.dumps({"cold_s": cold, "sizes": sizes, "load": rows}, indent=2)
    )
    return all(row["ok"] for row in rows) and max(sizes.values()) <= MAX_KB * 1024


@contextmanager
def site(database: str):
    """A throw-away site on `database` with the demo data, served as `make run` serves it, once
    the worker has warmed its pages (as it does after every change of data)."""
    data_dir = Path(tempfile.mkdtemp(prefix="cbap-load-"))
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "CBAP_DATA_DIR": str(data_dir),
        "DEBUG": "0",
        "CBAP_DEMO": "1",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "CBAP_SITE_URL": base,
        "SECURE_SSL_REDIRECT": "0",
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
    }
    env.pop("REDIS_URL", None)
    if database == "postgres":
        env["DATABASE_URL"] = POSTGRES + DATABASE
        _psql(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)", f"CREATE DATABASE {DATABASE}")
    else:
        env.pop("DATABASE_URL", None)
    for command in (
        ["migrate", "--no-input"],
        ["setup", "--demo"],
        ["collectstatic", "--no-input"],
    ):
        subprocess.run([BIN / "cbap", *command], env=env, check=True, stdout=subprocess.DEVNULL)
    worker_log = data_dir / "worker.log"
    start = time.perf_counter()
    with worker_log.open("w") as log:
        worker = subprocess.Popen(
            [BIN / "cbap", "db_worker", "--no-reload"], env=env, stdout=log, stderr=log, **_APART
        )
    HERE.joinpath("results").mkdir(exist_ok=True)
    web_log = HERE / "results" / f"server-{database}.log"  # kept: its errors, if any
    with web_log.open("w") as log:
        web = subprocess.Popen(
            [BIN / "cbap", "serve", "--production", f"127.0.0.1:{port}"],
            env={**env, "CBAP_LOG_FORMAT": "json"},
            stdout=log,
            stderr=log,
            **_APART,
        )
    try:
        _wait_ready(base)
        _wait_for(lambda: "warmed" in worker_log.read_text(), "the worker's warm-up")
        print(f"\n{database}: ready and warmed {time.perf_counter() - start:.1f} s after the start")
        yield env, base
    finally:
        for process in (web, worker):
            process.send_signal(signal.SIGTERM)
            process.wait(30)
        shutil.rmtree(data_dir, ignore_errors=True)
        if database == "postgres":
            _psql(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")


_APART = {"start_new_session": True}


def _wrk() -> str:
    """wrk from the system packages, installed here when missing (Debian's `wrk`)."""
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() != 0:
        sys.exit("wrk is needed: install it with `sudo apt-get install wrk`.")
    subprocess.run(["apt-get", "update", "-qq"], check=True)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", "wrk"], check=True, stdout=subprocess.DEVNULL
    )
    return shutil.which("wrk") or sys.exit("wrk could not be installed.")


def _wrk_run(wrk: str, url: str, seconds: int, connections: int) -> dict:
    out = subprocess.run(
        [wrk, "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "-H", GZIP, url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    errors += int(_find(r"Non-2xx or 3xx responses: (\d+)", out) or 0)
    return {
        "rps": float(_find(r"Requests/sec:\s+([\d.]+)", out)),
        "p50_ms": _ms(_find(r"50%\s+([\d.]+\w+)", out)),
        "p99_ms": _ms(_find(r"99%\s+([\d.]+\w+)", out)),
        "errors": errors,
    }


def _find(pattern: str, text: str) -> str | None:
    match = re.search(pattern, text)
    return match.group(1) if match else None


def _ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def _largest_page(url: str) -> int:
    """The size of the largest page of an analysis shown a page of questions at a time."""
    sizes, previous, number = [], None, 1
    while True:
        body = _timed_get(f"{url}&page={number}", compressed=False)[1]
        if body == previous:  # past the last page, the last one again
            return max(sizes)
        sizes.append(len(body))
        previous, number = body, number + 1


def _timed_get(url: str, *, compressed: bool = True) -> tuple[float, bytes]:
    """The time to the whole body, and the body as sent (compressed, as browsers ask)."""
    start = time.perf_counter()
    request = urllib.request.Request(url, headers=dict([GZIP.split(": ")]) if compressed else {})
    with urllib.request.urlopen(request, timeout=60) as response:
        body = response.read()
    return round(time.perf_counter() - start, 3), body


def _wait_ready(base: str) -> None:
    def ready() -> bool:
        try:
            with urllib.request.urlopen(base + "/ready/", timeout=2) as response:
                return response.status == 200
        except OSError:
            return False

    _wait_for(ready, f"the server at {base}")


def _wait_for(condition, what: str, seconds: int = 180) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit(f"Gave up waiting for {what} after {seconds} s.")
        time.sleep(0.2)


def _answers(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), 2):
            return True
    except OSError:
        return False


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _psql(*statements: str) -> None:
    for statement in statements:
        subprocess.run(
            ["psql", "-q", "-h", "127.0.0.1", "-U", "postgres", "-c", statement],
            check=True,
            stdout=subprocess.DEVNULL,
        )


if __name__ == "__main__":
    sys.exit(main())
