"""National reports: importing 1,000 synthetic NR5 reports as one BCH analyzer feed.

The 1,000 governments are made up for the benchmark (codes "000"–"999"): the registry has fewer
than 200 real ones, and one report per government per cycle is the rule.
"""

import json
import string
from itertools import product

from cbap.accounts.permissions import SYSTEM
from cbap.demo.synthetic import GovernmentProfile, generate_reports
from cbap.parties.models import Government
from cbap.reports import services
from cbap.reports.formats import importing
from cbap.reports.selectors import cycle_by_number, questionnaire_for

REGIONS = ["African Group", "Asia-Pacific Group", "Eastern European Group", "GRULAC", "WEOG"]
COUNT = 1000


def made_up_governments(count: int) -> list[Government]:
    alphabet = string.ascii_uppercase + string.digits
    iso2_codes = ("".join(pair) for pair in product(alphabet, repeat=2))
    return Government.objects.bulk_create(
        Government(code=f"{i:03d}", iso2=next(iso2_codes), name=f"Benchmark government {i:03d}")
        for i in range(count)
    )


def feed(count: int) -> bytes:
    governments = made_up_governments(int(count * 1.25))
    profiles = [
        GovernmentProfile(code_iso2=g.iso2.lower(), region=REGIONS[i % 5])
        for i, g in enumerate(governments)
    ]
    questionnaire = questionnaire_for(cycle_by_number(5))
    reports = generate_reports(questionnaire, profiles, seed=2026)[:count]
    assert len(reports) == count
    return json.dumps(reports).encode()


def run(measure):
    services.reference_data_load()
    content = feed(COUNT)

    def first_import():
        result = importing.reports_import(
            content=content, file_name="bench.json", cycle_number=5, actor=SYSTEM
        )
        assert not result.problems, result.summary()

    measure(f"import {COUNT} NR5 reports (new)", first_import, repeat=1)
    measure(f"import {COUNT} NR5 reports again (unchanged)", first_import, repeat=1)
    measure(
        f"check {COUNT} NR5 reports (dry run)",
        lambda: importing.reports_import(
            content=content, file_name="bench.json", cycle_number=5, dry_run=True, actor=SYSTEM
        ),
        repeat=1,
    )
