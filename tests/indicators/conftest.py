"""Fixtures of the indicator tests: a small world whose every value can be worked out by hand,
and the full demo data (loaded once per module, rolled back afterwards).

Django is imported inside the fixtures only, so that test_definitions.py still runs without
Django (`-p no:django`, as the data README says).
"""

import io
from datetime import date

import pytest

NR4_DEADLINE, NR5_DEADLINE = date(2019, 10, 1), date(2026, 2, 28)

# code, name, Cartagena in force from, Supplementary Protocol in force from, groupings
WORLD = [
    ("KEN", "Kenya", date(2003, 9, 11), None, ["african_group", "developing"]),
    ("BRA", "Brazil", date(2004, 2, 22), None, ["grulac", "developing"]),
    ("DEU", "Germany", date(2003, 9, 11), date(2018, 3, 5), ["weog"]),
    ("USA", "United States of America", None, None, ["weog"]),  # never a Party
    ("TLS", "Timor-Leste", date(2020, 5, 1), None, ["asia_pacific_group", "ldc", "sids"]),
    ("EU", "European Union", date(2003, 9, 11), date(2018, 3, 5), []),
]
REGIONS = [
    ("african_group", "African Group"),
    ("asia_pacific_group", "Asia-Pacific Group"),
    ("eastern_european_group", "Eastern European Group"),
    ("grulac", "Latin American and Caribbean Group (GRULAC)"),
    ("weog", "Western European and Others Group (WEOG)"),
]


@pytest.fixture
def world(db, plan, cycles):
    """Six governments (one never a Party, one a Party only since 2020), regions and groupings,
    and the two plan cycles; no reports yet."""
    from cbap.parties.models import Government, Grouping, GroupingMembership, ProtocolMembership

    for position, (code, name) in enumerate(REGIONS):
        Grouping.objects.create(code=code, name=name, kind="region", position=position)
    for code, kind in [("ldc", "ldc"), ("ldc_2020", "ldc"), ("sids", "sids")]:
        Grouping.objects.create(code=code, name=code.upper(), kind=kind, position=10)
    Grouping.objects.create(code="lldc", name="LLDC", kind="lldc", position=11)
    Grouping.objects.create(code="developing", name="Developing", kind="development", position=12)
    governments = {}
    for code, name, cartagena, supplementary, groupings in WORLD:
        government = Government.objects.create(
            code=code, iso3=code if len(code) == 3 else "", iso2=code[:2], name=name
        )
        governments[code] = government
        for protocol, day in (("cartagena", cartagena), ("supplementary", supplementary)):
            if day:
                ProtocolMembership.objects.create(
                    government=government, protocol=protocol, entry_into_force_on=day
                )
        for grouping in groupings:
            GroupingMembership.objects.create(
                grouping=Grouping.objects.get(code=grouping), government=government
            )
    return governments


def publish(cycle, government, answers, *, status="published", submitted_on=None, synthetic=False):
    """Save a report through the reports service, as an import would."""
    from cbap.accounts.permissions import SYSTEM
    from cbap.reports import services

    report, _ = services.report_save(
        cycle=cycle,
        government=government,
        answers=answers,
        status=status,
        submitted_on=submitted_on or cycle.deadline,
        is_synthetic=synthetic,
        actor=SYSTEM,
    )
    return report


YES_ADEQUATE = {"Q011": {"value": "true"}, "Q012": {"value": "5+"}, "Q012_adq": {"value": "true"}}
YES_NOT_ADEQUATE = {
    "Q011": {"value": "true"},
    "Q012": {"value": "5+"},
    "Q012_adq": {"value": "false"},
}


@pytest.fixture
def nr5_reports(world, cycles):
    """NR5 (A.1.b reads Q011 and Q012_adq): Kenya yes, Brazil no, Timor-Leste silent on them,
    the United States (not a Party) yes, Germany a draft only; the EU did not report."""
    nr5 = cycles[5]
    return {
        "KEN": publish(nr5, world["KEN"], YES_ADEQUATE),
        "BRA": publish(nr5, world["BRA"], YES_NOT_ADEQUATE),
        "TLS": publish(nr5, world["TLS"], {"Q007": {"value": "implementation.fullInPlace"}}),
        "USA": publish(nr5, world["USA"], YES_ADEQUATE),
        "DEU": publish(nr5, world["DEU"], YES_ADEQUATE, status="draft"),
    }


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker):
    """`cbap setup --demo` once for a module's tests, inside a transaction rolled back at the
    end, so other modules see an empty database (tests then run in savepoints)."""
    from django.core.management import call_command
    from django.db import transaction

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            call_command("setup", demo=True, verbosity=0, stdout=io.StringIO())
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
