"""Synthetic capacity-building activities and library resources, with their use: a seeded
generator, so every demo site (and every benchmark) holds the same records.

Every record says it is synthetic: `is_synthetic`, a title ending "(synthetic)", and the demo
badge on every page and download. The owners are the demo organizations and real Parties (a
Party's national activities here are invented, which is why they are marked).
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.conf import settings

from cbap.accounts.models import Organization
from cbap.accounts.permissions import SYSTEM
from cbap.activities import vocabularies
from cbap.activities.formats.importing import records_import
from cbap.activities.formats.incoming import Incoming
from cbap.activities.models import Activity, Resource, ResourceUsage
from cbap.parties.models import Government, Grouping
from cbap.plan.selectors import addressable_codes

PREFIX = "demo-cbap"
DONORS = [
    ("Demo bilateral donor (synthetic)", "10"),
    ("Demo multilateral fund (synthetic)", "40"),
    ("Demo foundation (synthetic)", "60"),
]
TOPICS = [
    "risk assessment",
    "detection and identification of LMOs",
    "public awareness and participation",
    "socioeconomic considerations",
    "handling, transport, packaging and identification",
    "national biosafety frameworks",
    "the Biosafety Clearing-House",
    "liability and redress",
]


def demo_activities_load(out, *, seed: int = 7) -> None:
    """Load the synthetic activities (`CBAP_DEMO_ACTIVITIES`), a tenth as many resources, and
    their use, once (published and indexed)."""
    activities = settings.CBAP_DEMO_ACTIVITIES
    resources = activities // 10
    if Activity.objects.filter(external_id__startswith=PREFIX).exists():
        out.write("activities: demo activities already loaded.")
        return
    governments = list(
        Government.objects.filter(memberships__protocol="cartagena")
        .distinct()
        .values_list("code", flat=True)
    )
    organizations = list(Organization.objects.filter(is_demo=True).values_list("name", flat=True))
    if not governments or not organizations:
        out.write("activities: no Parties or demo organizations; demo activities skipped.")
        return
    incoming = synthetic_records(
        governments=sorted(governments),
        organizations=sorted(organizations),
        regions=sorted(
            Grouping.objects.filter(kind=Grouping.Kind.REGION).values_list("code", flat=True)
        ),
        plan_codes=sorted(addressable_codes()),
        activities=activities,
        resources=resources,
        seed=seed,
    )
    result = records_import(incoming=incoming, file="demo data", actor=SYSTEM, publish=True)
    if result.problem_count:
        raise RuntimeError(f"Demo activities do not validate: {result.problems[:3]}")
    _usage(seed)
    out.write(f"activities: {activities} demo activities and {resources} resources (synthetic).")


def synthetic_records(
    *, governments, organizations, regions, plan_codes, activities, resources, seed
) -> list[Incoming]:
    """`resources` library resources and `activities` activities, the same for the same seed."""
    rng = random.Random(f"cbap-demo-activities:{seed}")
    records = []
    for number in range(1, resources + 1):
        national = rng.random() < 0.4
        topic = rng.choice(TOPICS)
        year = rng.randint(2018, 2026)
        training = rng.random() < 0.6
        kind_of = "training material" if training else "guidance"
        records.append(
            Incoming(
                kind="resource",
                key=f"{PREFIX}-resource-{number}",
                where=f"demo resource {number}",
                owner_party=rng.choice(governments) if national else "",
                owner_organization="" if national else rng.choice(organizations),
                synthetic=True,
                content={
                    "title": {"en": f"Demo {kind_of} on {topic} (synthetic)"},
                    "resource_types": [
                        "training_material"
                        if training
                        else rng.choice(["guidance", "manual", "report", "e_learning_module"])
                    ],
                    "publication_date": f"{year}-{rng.randint(1, 12):02d}",
                    "summary": {
                        "en": f"Demo data (synthetic), not a real resource: material on {topic}."
                    },
                    "links": [f"https://example.org/demo/resource-{number}"],
                    "languages": rng.sample(
                        ["en", "fr", "es", "ar", "ru", "zh"], rng.randint(1, 2)
                    ),
                    "plan_codes": rng.sample(plan_codes, rng.randint(1, 3)),
                    "is_training_material": training,
                    "new_technologies": rng.random() < 0.1,
                },
            )
        )
    for number in range(1, activities + 1):
        national = rng.random() < 0.5
        scope = (
            "national" if national else rng.choice(["global", "regional", "regional", "national"])
        )
        start = date(2019, 1, 1) + timedelta(days=rng.randint(0, 8 * 365))
        end = start + timedelta(days=rng.choice([3, 5, 30, 180, 365, 730]))
        status = (
            "completed"
            if end < date(2026, 12, 1)
            else rng.choice(["ongoing", "approved", "proposed"])
        )
        country = rng.choice(governments)
        category = rng.choice(list(vocabularies.CATEGORIES))
        topic = rng.choice(TOPICS)
        donor, donor_type = rng.choice(DONORS)
        participants = rng.choice([None, rng.randint(8, 120)])
        women = rng.randint(0, participants) if participants else None
        content = {
            "title": {"en": f"Demo {category.replace('_', ' ')} on {topic} (synthetic)"},
            "description": {"en": f"Demo data (synthetic), not a real activity: {topic}."},
            "activity_status": status,
            "start_date": start.isoformat() if status not in ("proposed",) else None,
            "end_date": end.isoformat() if status not in ("proposed",) else None,
            "duration": rng.randint(2, 24) if status == "proposed" else None,
            "duration_unit": "months" if status == "proposed" else "",
            "scope": scope,
            "countries": [country] if scope == "national" else [],
            "regions": [rng.choice(regions)] if scope == "regional" and regions else [],
            "organizations": [
                {"role": "funding", "name": donor, "type": donor_type},
                {"role": "implementing", "name": rng.choice(organizations), "type": "80"},
            ],
            "funding_types": [rng.choice(list(vocabularies.FUNDING_TYPES))],
            "budget": str(rng.randint(5, 500) * 1000),
            "currency": "USD",
            "categories": [category],
            "audiences": rng.sample(list(vocabularies.AUDIENCES)[:-1], rng.randint(1, 2)),
            "actors": rng.sample(list(vocabularies.ACTORS), rng.randint(1, 3)),
            "participants": participants,
            "participants_by_sex": {"women": women, "men": participants - women}
            if participants
            else {},
            "plan_codes": rng.sample(plan_codes, rng.randint(1, 3)),
            "new_technologies": rng.random() < 0.08,
            "achievements": {"en": "Demo data (synthetic): participants trained."}
            if status == "completed"
            else {},
        }
        if scope == "regional" and not content["regions"]:
            content["scope"] = "global"
        records.append(
            Incoming(
                kind="activity",
                key=f"{PREFIX}-activity-{number}",
                where=f"demo activity {number}",
                owner_party=country if national else "",
                owner_organization="" if national else rng.choice(organizations),
                synthetic=True,
                content=content,
            )
        )
    return records


def _usage(seed: int) -> None:
    """Views and downloads per month for each demo resource since its publication."""
    rng = random.Random(f"cbap-demo-usage:{seed}")
    rows = []
    today = date.today().replace(day=1)
    for resource in Resource.objects.filter(external_id__startswith=PREFIX).only(
        "pk", "publication_date"
    ):
        month = date(
            int(resource.publication_date[:4]), int(resource.publication_date[5:7] or 1), 1
        )
        month = max(month, date(today.year - 2, today.month, 1))
        while month <= today:
            rows.append(
                ResourceUsage(
                    resource=resource,
                    month=month,
                    views=rng.randint(0, 60),
                    downloads=rng.randint(0, 20),
                )
            )
            month = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    ResourceUsage.objects.bulk_create(rows, batch_size=2000)
