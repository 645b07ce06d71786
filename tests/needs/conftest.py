"""What the needs tests share: Kenya's national reports saying what still needs
capacity-building, and self-assessments made through the services."""

import pytest

from cbap.accounts.permissions import SYSTEM
from cbap.needs import services
from cbap.needs.models import Offer
from cbap.records import services as record_services
from cbap.reports.services import report_save

RISK_MANAGEMENT = "B6B916B4-1700-430C-BCFB-FCE81D6F1349"
DETECTION = "0FF8F112-C0E9-4A18-83E1-40D4EF61503E"
TECHNOLOGY_TRANSFER = "6F6C058C-6741-4878-A448-AE56299821A8"


def report(cycle, government, answers):
    saved, _ = report_save(
        cycle=cycle,
        government=government,
        answers=answers,
        status="published",
        submitted_on=cycle.deadline,
        is_synthetic=True,
        actor=SYSTEM,
    )
    return saved


def still_needed(question_yes: str, question_areas: str, *areas) -> dict:
    return {
        question_yes: {"value": "true"},
        question_areas: [{"value": area} for area in areas],
    }


@pytest.fixture
def kenya_nr5(plan, cycles, kenya):
    """Kenya's fifth report: risk management, detection and technology transfer still need
    capacity-building."""
    return report(
        cycles[5],
        kenya,
        still_needed("Q122", "Q123", RISK_MANAGEMENT, DETECTION, TECHNOLOGY_TRANSFER),
    )


def started(party, actor):
    return services.self_assessment_start(party=party, actor=actor)


def published(assessment, actor):
    return record_services.record_transition(record=assessment, actor=actor, action="publish")


def offer_data(**changes) -> dict:
    return {
        "title": "Demo course on LMO detection (synthetic)",
        "description": "Demo data (synthetic).",
        "key_areas": ["A.8.2", "A.5"],
        "kinds": ["training"],
        "eligible": [],
        "languages": ["en"],
        "audiences": [],
        "places": 20,
        "budget": None,
        "currency": "",
        "start_date": None,
        "end_date": None,
        "contact": "",
        **changes,
    }


def new_offer(actor, *, organization=None, party=None, **changes) -> Offer:
    return record_services.record_create(
        model=Offer,
        actor=actor,
        data=offer_data(**changes),
        owner_organization=organization,
        owner_party=party,
    )


def validated(offer, editor, analyst):
    submitted = record_services.record_transition(record=offer, actor=editor, action="submit")
    return record_services.record_transition(record=submitted, actor=analyst, action="publish")


@pytest.fixture
def kenya_needs(kenya_nr5, kenya, kenya_focal_point):
    """Kenya's published self-assessment: detection high and first, risk management medium,
    a confidential line on A.5.4."""
    assessment = started(kenya, kenya_focal_point)
    assessment.lines["A.8.2"] = {"level": "high", "rank": 1, "kinds": ["training"]}
    assessment.lines["A.5.2"] = {"level": "medium", "rank": 2}
    assessment.lines["A.5.4"] = {"level": "high", "confidential": True}
    assessment.save()
    return published(assessment, kenya_focal_point)


@pytest.fixture
def offer(kenya_needs, provider, editor, analyst):
    """The provider's validated offer of training on A.8.2 and goal A.5, open to every Party."""
    return validated(new_offer(editor, organization=provider), editor, analyst)
