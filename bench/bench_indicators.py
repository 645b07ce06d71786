"""Indicators: all 53 indicators × both cycles × every disaggregation, at real and 100× scale.

Real scale is the demo data (`cbap setup --demo`: ≈196 governments, ≈300 published reports).
The 100× scale replicates it with new government codes (≈19,600 governments, ≈30,600 reports):
once in memory, for the engine alone, and once in the database, for the selectors too.
Targets (bench/README.md): under 0.2 s at real scale, under 5 s at 100×, growing linearly.
"""

from __future__ import annotations

import io
from dataclasses import replace

from django.core.management import call_command
from django.db import transaction
from django.db.models import F

from cbap.engine.facts import Cycle, Report
from cbap.engine.fingerprints import fingerprint
from cbap.engine.indicators import compute
from cbap.indicators import definitions, selectors
from cbap.parties.models import Government, GroupingMembership, ProtocolMembership
from cbap.reports.models import NationalReport

SCALE = 100


def run(measure):
    # Leave the database as found: the benchmarks after this one share it.
    with transaction.atomic():
        _run(measure)
        transaction.set_rollback(True)


def _run(measure):
    if not NationalReport.objects.filter(is_synthetic=True).exists():
        call_command("setup", demo=True, stdout=io.StringIO())
    bound = [definitions.definition_for(code) for code in definitions.definitions()]
    facts = {number: selectors.cycle_facts(number) for number in definitions.CYCLES}
    reports = sum(len(cycle.reports) for cycle in facts.values())
    label = f"{len(bound)} indicators × 2 cycles × {len(facts[5].groups) + 1} groups"

    def engine(cycles):
        for cycle in cycles.values():
            # A new Cycle on the same facts, as each request makes: what the engine keeps with
            # a cycle (`Cycle.memo`) must not carry over from one run to the next.
            cycle = replace(cycle)
            for definition in bound:
                compute(definition, cycle, by=list(cycle.groups))

    def with_selectors():
        engine({number: selectors.cycle_facts(number) for number in definitions.CYCLES})

    measure(f"indicators engine, {label} ({reports} reports)", lambda: engine(facts))
    measure(
        "indicators selectors, facts of both cycles, every report read afresh",
        facts_afresh,
    )
    measure(
        "indicators selectors, facts of both cycles, reports read before",
        lambda: [selectors.cycle_facts(number) for number in definitions.CYCLES],
    )
    measure(f"indicators selectors + engine, {label}", with_selectors)
    measure(
        "indicators fingerprints of the 106 values (what a value cache would cost)",
        lambda: [fingerprint(d, c) for c in facts.values() for d in bound],
    )
    measure("indicators dashboard data (53 × 2 values)", selectors.dashboard)
    measure(
        "indicators page data of A.1.a (11 groups, provenance, change)",
        lambda: selectors.indicator_detail("A.1.a"),
    )

    large = {number: replicated(cycle, SCALE) for number, cycle in facts.items()}
    large_reports = sum(len(cycle.reports) for cycle in large.values())
    ten = {number: replicated(cycle, 10) for number, cycle in facts.items()}
    measure(
        f"indicators engine at 10× ({sum(len(c.reports) for c in ten.values())} reports)",
        lambda: engine(ten),
    )
    measure(f"indicators engine at {SCALE}× ({large_reports} reports)", lambda: engine(large))

    with transaction.atomic():
        replicate_in_database(SCALE)
        measure(
            f"indicators selectors at {SCALE}×, facts of both cycles, every report read afresh",
            facts_afresh,
            repeat=1,
        )
        measure(
            f"indicators selectors at {SCALE}×, facts of both cycles, reports read before",
            lambda: [selectors.cycle_facts(number) for number in definitions.CYCLES],
        )
        measure(f"indicators selectors + engine at {SCALE}×", with_selectors)
        transaction.set_rollback(True)


def facts_afresh():
    """Both cycles' facts as a new server process reads them: no report normalised before."""
    selectors._READ.clear()
    selectors._SEEN.clear()
    return [selectors.cycle_facts(number) for number in definitions.CYCLES]


def copies(code: str, scale: int) -> list[str]:
    return [code] + [f"{code}{k:02d}" for k in range(1, scale)]


def replicated(cycle: Cycle, scale: int) -> Cycle:
    """The cycle with every government replicated `scale` times under new codes."""

    def grow(codes):
        return frozenset(copy for code in codes for copy in copies(code, scale))

    return Cycle(
        number=cycle.number,
        deadline=cycle.deadline,
        populations={
            name: None if codes is None else grow(codes)
            for name, codes in cycle.populations.items()
        },
        groups={name: grow(codes) for name, codes in cycle.groups.items()},
        reports={
            # Each copy gets its own answers mapping, as reports read from a database do.
            copy: Report(government=copy, answers=dict(report.answers))
            for code, report in cycle.reports.items()
            for copy in copies(code, scale)
        },
        unknown_members={name: grow(codes) for name, codes in cycle.unknown_members.items()},
    )


def replicate_in_database(scale: int) -> None:
    """Governments, memberships, groupings and published reports, `scale` times (bulk inserts
    that bypass the record services: this is load, not history)."""
    originals = list(Government.objects.all())
    clones = {
        (government.pk, k): Government(
            code=f"{government.code}{k:02d}",
            iso3="",
            iso2=f"{government.iso2}{k:02d}",
            m49="",
            name=f"{government.name} ({k})",
            kind=government.kind,
        )
        for government in originals
        for k in range(1, scale)
    }
    Government.objects.bulk_create(clones.values(), batch_size=2000)
    ids = {key: clone.pk for key, clone in clones.items()}
    if None in ids.values():  # a backend that does not return primary keys
        by_code = dict(Government.objects.values_list("code", "pk"))
        ids = {key: by_code[clone.code] for key, clone in clones.items()}
    ProtocolMembership.objects.bulk_create(
        [
            ProtocolMembership(
                government_id=ids[(m.government_id, k)],
                protocol=m.protocol,
                entry_into_force_on=m.entry_into_force_on,
                not_before=m.not_before,
                date_quality=m.date_quality,
            )
            for m in ProtocolMembership.objects.all()
            for k in range(1, scale)
        ],
        batch_size=2000,
    )
    GroupingMembership.objects.bulk_create(
        [
            GroupingMembership(
                grouping_id=m.grouping_id,
                government_id=ids[(m.government_id, k)],
                valid_from=m.valid_from,
                valid_to=m.valid_to,
            )
            for m in GroupingMembership.objects.all()
            for k in range(1, scale)
        ],
        batch_size=2000,
    )
    published = NationalReport.objects.filter(status="published", version=F("published_version"))
    for report in published.iterator():
        NationalReport.objects.bulk_create(
            [
                NationalReport(
                    cycle_id=report.cycle_id,
                    government_id=ids[(report.government_id, k)],
                    answers=report.answers,
                    submitted_on=report.submitted_on,
                    is_synthetic=report.is_synthetic,
                    status="published",
                    version=report.published_version,
                    published_version=report.published_version,
                )
                for k in range(1, scale)
            ]
        )
