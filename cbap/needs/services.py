"""Writes of needs: starting a self-assessment from what the Party already said. Saving,
submitting and publishing it go through the record services, as every record's."""

from __future__ import annotations

from django.utils import timezone

from cbap.needs import selectors
from cbap.needs.models import SelfAssessment
from cbap.records import services as record_services


def self_assessment_start(*, party, actor, request=None) -> SelfAssessment:
    """A draft self-assessment of the Party dated today, pre-filled (`selectors.prefill`)."""
    start = selectors.prefill(party)
    return record_services.record_create(
        model=SelfAssessment,
        actor=actor,
        data={
            "assessed_on": timezone.localdate().isoformat(),
            "lines": start.lines,
            "sources": start.sources,
            "notes": "",
        },
        owner_party=party,
        request=request,
    )
