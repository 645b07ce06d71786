"""Activities and resources the activities tests share: a small world (Kenya and Brazil in their
regional groups, the suite's provider and people) and records made through the services."""

import pytest

from cbap.activities.models import Activity, Resource
from cbap.records import services
from tests import personas


def activity_data(**changes) -> dict:
    return {
        "title": {"en": "Demo training on LMO detection (synthetic)"},
        "description": {"en": "Demo data (synthetic): a hands-on course for laboratory staff."},
        "activity_status": "completed",
        "start_date": "2024-03-04",
        "end_date": "2024-03-08",
        "scope": "national",
        "countries": ["KEN"],
        "categories": ["training"],
        "audiences": ["laboratory_technicians"],
        "plan_codes": ["A.8.i"],
        **changes,
    }


def resource_data(**changes) -> dict:
    return {
        "title": {"en": "Demo manual on LMO detection (synthetic)"},
        "resource_types": ["manual"],
        "publication_date": "2024-05",
        "summary": {"en": "Demo data (synthetic): the course's manual."},
        "links": ["https://example.org/manual.pdf"],
        "languages": ["en"],
        "plan_codes": ["A.8.ii"],
        "is_training_material": True,
        **changes,
    }


def new_activity(actor, *, party=None, organization=None, **changes) -> Activity:
    return services.record_create(
        model=Activity,
        actor=actor,
        data=activity_data(**changes),
        owner_party=party,
        owner_organization=organization,
    )


def new_resource(actor, *, party=None, organization=None, **changes) -> Resource:
    return services.record_create(
        model=Resource,
        actor=actor,
        data=resource_data(**changes),
        owner_party=party,
        owner_organization=organization,
    )


def published(record, actor):
    return services.record_transition(record=record, actor=actor, action="publish")


@pytest.fixture
def kenya_activity(plan, regions, kenya, kenya_focal_point):
    """Kenya's national activity, published by its focal point."""
    return published(new_activity(kenya_focal_point, party=kenya), kenya_focal_point)


@pytest.fixture
def provider_activity(plan, regions, provider, editor, analyst):
    """The provider's regional activity for Africa, written by its editor, validated by the
    Secretariat."""
    draft = new_activity(
        editor,
        organization=provider,
        title={"en": "Demo regional workshop on risk assessment (synthetic)"},
        scope="regional",
        countries=[],
        regions=["african_group"],
        plan_codes=["A.5.ii", "A.5.1"],
        categories=["workshop"],
        organizations=[{"role": "funding", "name": "Demo donor (synthetic)", "type": "40"}],
    )
    submitted = services.record_transition(record=draft, actor=editor, action="submit")
    return published(submitted, analyst)


@pytest.fixture
def finnish_countries(db):
    """The countries of the real Finnish IATI file (`fixtures/finland-mfa-…`)."""
    for code, iso2, name in [
        ("BEN", "BJ", "Benin"),
        ("ERI", "ER", "Eritrea"),
        ("ETH", "ET", "Ethiopia"),
    ]:
        personas.government(code, iso2, name)
