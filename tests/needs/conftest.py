"""What the needs tests share: Kenya's national reports saying what still needs
capacity-building, and self-assessments made through the services."""

import pytest

from cbap.accounts.permissions import SYSTEM
from cbap.needs import services
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
