"""The midterm evaluation on the demo data (`cbap setup --demo`: about 300 synthetic reports,
3,000 activities, 300 resources, needs and matches): freezing a snapshot, then building the
evaluation report from it once and rendering it in all four formats (target: under 15 s
together), and a country profile (target: under 1 s).

Each run freezes a new snapshot, so that nothing is read from the process's memory of an older
one. A worker builds each file the same way: the report from the snapshot, then one format."""

import io
import itertools

from django.core.management import call_command

from cbap.accounts.permissions import SYSTEM
from cbap.evaluation import profile, report, services

TARGET_S = 15.0
PROFILE_TARGET_S = 1.0
SITE = "https://cbap.example.org"
PARTY = "SLV"  # a demo Party with a self-assessment, matches and activities


def run(measure):
    call_command("setup", demo=True, verbosity=0, stdout=io.StringIO())
    names = (f"bench-{n}" for n in itertools.count())
    formats = ("html", "xlsx", "docx", "pdf")

    def freeze():
        snapshot = services.snapshot_create(name=next(names), actor=SYSTEM, background=False)
        assert snapshot.frozen, snapshot.error
        return snapshot

    def every_format(snapshot) -> None:
        built = report.build(snapshot)
        for fmt in formats:
            report.render(built, fmt, SITE)

    frozen = measure("freeze a snapshot of the demo data", freeze)
    last = services.snapshot_create(name="bench-report", actor=SYSTEM, background=False)
    every_format(last)  # the snapshot's cycles are read once per process, as a worker does
    for fmt in formats:  # as each worker task does: the report anew, then one format
        measure(
            f"build the evaluation report and render it as {fmt.upper()}",
            lambda fmt=fmt: report.render(report.build(last), fmt, SITE),
        )
    together = measure("build it once and render all four formats", lambda: every_format(last))

    country = measure(
        f"build the country profile of {PARTY}, as HTML",
        lambda: profile.render(profile.build(last, PARTY), "html", SITE),
    )
    for fmt in ("xlsx", "docx", "pdf"):
        measure(
            f"build the country profile and render it as {fmt.upper()}",
            lambda fmt=fmt: profile.render(profile.build(last, PARTY), fmt, SITE),
        )
    total = frozen + together
    print(f"{total:9.4f} s  freeze + all four formats (target under {TARGET_S:.0f} s)")
    assert country < PROFILE_TARGET_S, f"a country profile took {country:.2f} s"
    assert total < TARGET_S, f"freeze + report in every format took {total:.1f} s"
