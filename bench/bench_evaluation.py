"""The midterm evaluation on the demo data (`cbap setup --demo`: about 300 synthetic reports,
3,000 activities, 300 resources, needs and matches): freezing a snapshot, then building the
evaluation report from it and rendering it in all four formats (target: under 15 s together).

Each run freezes a new snapshot, so that nothing is read from the process's memory of an older
one; the report is built anew for each format, as each download builds it."""

import io
import itertools
import time

from django.core.management import call_command

from cbap.accounts.permissions import SYSTEM
from cbap.evaluation import report, selectors, services

TARGET_S = 15.0
SITE = "https://cbap.example.org"


def run(measure):
    call_command("setup", demo=True, verbosity=0, stdout=io.StringIO())
    names = (f"bench-{n}" for n in itertools.count())
    formats = ("html", "xlsx", "docx", "pdf")

    def freeze():
        snapshot = services.snapshot_create(name=next(names), actor=SYSTEM, background=False)
        assert snapshot.frozen, snapshot.error
        return snapshot

    def every_format(snapshot) -> dict[str, float]:
        took = {}
        for fmt in formats:
            start = time.perf_counter()
            report.render(report.build(selectors.frozen_snapshot(snapshot.name)), fmt, SITE)
            took[fmt] = time.perf_counter() - start
        return took

    frozen = measure("freeze a snapshot of the demo data", freeze)
    last = services.snapshot_create(name="bench-report", actor=SYSTEM, background=False)
    timings = every_format(last)
    for fmt in formats:
        measure(
            f"build the evaluation report and render it as {fmt.upper()}",
            lambda fmt=fmt: report.render(report.build(last), fmt, SITE),
        )
    total = frozen + sum(timings.values())
    print(f"{total:9.4f} s  freeze + all four formats (target under {TARGET_S:.0f} s)")
    assert total < TARGET_S, f"freeze + report in every format took {total:.1f} s"
