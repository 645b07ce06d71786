"""`make bench-soak`: ten minutes at a steady 100 requests/s of public pages and API reads, with a
report withdrawn or published again every 30 s in the middle, on the production server as
`make run` starts it (bench/load.py makes the site).

Passes with no error, every change of publication visible on the very next request, and the
web server's memory (all its processes) grown by under 10 % from the first minute to the last.

    python -m bench.soak [--database sqlite|postgres] [--minutes 10] [--rate 100]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import queue
import random
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

from bench.load import HERE, site

MIX = [  # (weight, address): what readers and API clients read most
    (4, "/"),
    (3, "/plan/"),
    (3, "/plan/A.{goal}/"),
    (3, "/indicators/"),
    (4, "/indicators/A.{goal}.a/"),
    (2, "/analyzer/?cycle=5&question=Q0{question}"),
    (1, "/analyzer/?cycle=5&question=Q0{question}&compare=4"),
    (3, "/parties/{party}/"),
    (2, "/reports/5/"),
    (2, "/api/v1/plan/"),
    (2, "/api/v1/indicators/"),
    (1, "/api/v1/indicators/?by=region"),
    (1, "/static/core/cbap.css"),
]
PARTIES = ["KEN", "UGA", "BRA", "DEU", "IND", "MEX", "PER", "ZAF", "NOR", "JPN"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--rate", type=int, default=100)
    args = parser.parse_args()
    with site(args.database) as (env, base):
        os.environ.update(env)
        return soak(base, args.minutes * 60, args.rate, args.database)


def soak(base: str, seconds: float, rate: int, database: str) -> int:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cbap.settings")
    django.setup()
    changes = Publications()
    results: queue.SimpleQueue = queue.SimpleQueue()
    due: queue.Queue = queue.Queue()
    readers = [
        threading.Thread(target=_reader, args=(base, due, results), daemon=True) for _ in range(48)
    ]
    for thread in readers:
        thread.start()
    start = time.monotonic()
    memory = {"first minute": None, "last": None, "each minute": []}
    next_change, visible, sent = start + seconds * 0.2, [], 0
    while (now := time.monotonic()) < start + seconds:
        while sent < (now - start) * rate:  # open loop: a request every 1/rate s, come what may
            due.put((start + sent / rate, _address()))
            sent += 1
        if memory["first minute"] is None and now > start + min(60, seconds * 0.2):
            memory["first minute"] = _server_memory(base)
        if now > start + 60 * (len(memory["each minute"]) + 1):
            memory["each minute"].append(_server_memory(base))
        if now >= next_change and now < start + seconds * 0.8:
            changes.times.append(round(now - start))
            visible.append(changes.toggle_and_look(base))
            next_change += 30
        time.sleep(0.002)
    memory["last"] = _server_memory(base)
    due.join()
    latencies, errors = [], []
    windows: dict[int, list[float]] = {}
    while not results.empty():
        when, took, status, address = results.get()
        latencies.append(took)
        windows.setdefault(int((when - start) // 10) * 10, []).append(took)
        if status != 200:
            errors.append((status, address))
    latencies.sort()
    slowest = sorted(windows, key=lambda w: -_p99(windows[w]))[:5]
    growth = memory["last"] / memory["first minute"] - 1
    report = {
        "database": database,
        "seconds": round(seconds),
        "requests": len(latencies),
        "rate": round(len(latencies) / seconds, 1),
        "p50_ms": round(latencies[len(latencies) // 2] * 1000, 1),
        "p99_ms": round(latencies[int(len(latencies) * 0.99)] * 1000, 1),
        "max_ms": round(latencies[-1] * 1000, 1),
        "errors": len(errors),
        "error_examples": errors[:5],
        "slowest_10s_windows_p99_ms": {f"{w}s": round(_p99(windows[w]) * 1000) for w in slowest},
        "changes_at_s": changes.times,
        "changes": len(visible),
        "changes_seen_on_next_request": sum(visible),
        "memory_first_minute_mb": round(memory["first minute"] / 2**20),
        "memory_last_mb": round(memory["last"] / 2**20),
        "memory_growth": f"{growth:+.1%}",
        "memory_each_minute_mb": [round(m / 2**20) for m in memory["each minute"]],
    }
    print(json.dumps(report, indent=2))
    HERE.joinpath("results").mkdir(exist_ok=True)
    HERE.joinpath("results", f"soak-{database}.json").write_text(json.dumps(report, indent=2))
    passed = not errors and all(visible) and growth < 0.10
    print("PASS" if passed else "FAIL")
    return 0 if passed else 1


class Publications:
    """Withdraws one published demo report, or publishes it again, through the services, and
    reads the reports' list at once: the change must be there."""

    def __init__(self):
        from cbap.reports.models import NationalReport

        self.report = NationalReport.objects.filter(cycle__number=5, status="published").first()
        self.times: list[int] = []

    def toggle_and_look(self, base: str) -> bool:
        from cbap.accounts.permissions import SYSTEM
        from cbap.records import services

        published = self.report.status == "published"
        action = "withdraw" if published else "publish"
        message = "Soak test: withdrawn for a moment." if published else ""
        self.report = services.record_transition(
            record=self.report, actor=SYSTEM, action=action, message=message
        )
        listed = f'href="/reports/5/{self.report.government.code}/"' in _get(base, "/reports/5/")
        return listed != published  # listed again once published, gone once withdrawn


def _p99(latencies: list[float]) -> float:
    return sorted(latencies)[int(len(latencies) * 0.99)]


def _address() -> str:
    weights, addresses = zip(*MIX, strict=True)
    [address] = random.choices(addresses, weights)
    return address.format(
        goal=random.randint(1, 10),
        question=random.randint(11, 99),
        party=random.choice(PARTIES),
    )


def _reader(base: str, due: queue.Queue, results: queue.SimpleQueue) -> None:
    """Sends the requests that are due; each is timed from when it was due, so that a server
    falling behind shows in the latencies (no coordinated omission)."""
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    while True:
        when, address = due.get()
        time.sleep(max(0.0, when - time.monotonic()))
        try:
            connection.request("GET", address, headers={"Accept-Encoding": "gzip"})
            response = connection.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException) as error:
            status = type(error).__name__
            connection.close()
            connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        results.put((when, time.monotonic() - when, status, address))
        due.task_done()


def _get(base: str, address: str) -> str:
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    connection.request("GET", address)
    return connection.getresponse().read().decode()


def _server_memory(base: str) -> int:
    """The resident memory of every process of the web server (granian and its workers)."""
    port = str(urlsplit(base).port)
    total = 0
    for status in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            command = status.read_bytes().replace(b"\0", b" ").decode()
            if "cbap.core.webserver" in command and port in command:
                rss = status.with_name("status").read_text().split("VmRSS:")[1].split()[0]
                total += int(rss) * 1024
        except (OSError, IndexError):
            continue
    return total


if __name__ == "__main__":
    sys.exit(main())
