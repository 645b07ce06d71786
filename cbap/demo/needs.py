"""Synthetic needs, offers, declarations and matches: a seeded generator, so every demo site
holds the same ones, each marked synthetic.

Most demo Parties get a published self-assessment, started as a Party's would be (pre-filled
from its synthetic reports) and then rated: the areas its reports name as still needing
capacity-building are rated high or medium, the others low, none or not assessed; each is dated
in the fifth reporting period, as its reports' needs were assessed. Kenya is left
without one, so that its focal point can start one on the demo site. The demo organizations
offer support (validated), declare their interests (reviewed), and some offers are matched
with needs, one match in each state; a few Parties ask for support on their high needs.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.utils import timezone

from cbap.accounts.models import Organization
from cbap.accounts.permissions import SYSTEM
from cbap.activities.models import Activity
from cbap.needs import reasons, selectors
from cbap.needs.models import Declaration, Match, Offer, SelfAssessment, SupportRequest
from cbap.needs.vocabularies import KINDS, audiences
from cbap.parties.models import Grouping
from cbap.records import services as record_services
from cbap.reports.models import NationalReport

LEFT_FOR_THE_WALK = "KEN"
ASSESSED_FROM, ASSESSED_DAYS = date(2024, 1, 1), 760
"""The demo self-assessments are dated in the fifth reporting period, before its deadline
(2026-02-28), as the needs its synthetic reports state were assessed."""


def demo_needs_load(out, *, seed: int = 11) -> None:
    if SelfAssessment.objects.filter(is_synthetic=True).exists():
        out.write("needs: demo self-assessments already loaded.")
        return
    rng = random.Random(seed)
    assessed = _assessments(rng)
    offers = _offers(rng)
    _declarations(rng)
    matches = _matches(rng, assessed, offers)
    requests = _requests(rng, assessed)
    out.write(
        f"needs: {len(assessed)} demo self-assessments, {requests} requests for support, "
        f"{len(offers)} offers and {matches} matches (synthetic)."
    )


def _requests(rng: random.Random, assessed: list[SelfAssessment]) -> int:
    """A few Parties ask for support on one or two of their high needs, published."""
    made = 0
    for assessment in rng.sample(assessed, min(len(assessed), 40)):
        high = sorted(code for code, line in assessment.lines.items() if line["level"] == "high")
        if not high or made == 8:
            continue
        asked = rng.sample(high, min(len(high), rng.randint(1, 2)))
        request = record_services.record_create(
            model=SupportRequest,
            actor=SYSTEM,
            data={
                "title": f"Demo request for support on {', '.join(asked)} (synthetic)",
                "description": "Demo data (synthetic).",
                "key_areas": asked,
                "kinds": rng.sample(sorted(KINDS), rng.randint(1, 2)),
                "audiences": [],
                "languages": assessment.languages,
                "needed_by": timezone.localdate() + timedelta(days=rng.randint(60, 300)),
                "contact": "",
            },
            owner_party=assessment.owner_party,
        )
        SupportRequest.objects.filter(pk=request.pk).update(is_synthetic=True)
        record_services.record_transition(record=request, actor=SYSTEM, action="publish")
        made += 1
    return made


def _assessments(rng: random.Random) -> list[SelfAssessment]:
    parties = sorted(
        {
            report.government
            for report in NationalReport.objects.filter(
                is_synthetic=True, published_version__isnull=False
            ).select_related("government")
        },
        key=lambda g: g.code,
    )
    made = []
    for party in parties:
        if party.code == LEFT_FOR_THE_WALK or rng.random() < 0.25:
            continue
        start = selectors.prefill(party)
        named = {code for code in start.sources if code not in ("", "*")}
        lines = {}
        for code, line in start.lines.items():
            if line["level"] == "none":
                lines[code] = line
                continue
            level = (
                rng.choice(["high", "high", "medium"])
                if code in named
                else rng.choice(["low", "none", "not_assessed", "medium"])
            )
            lines[code] = {"level": level}
            if level in ("high", "medium") and rng.random() < 0.5:
                lines[code]["kinds"] = rng.sample(sorted(KINDS), rng.randint(1, 2))
            if level == "high" and rng.random() < 0.1:
                lines[code]["confidential"] = True
        pressing = [code for code, line in lines.items() if line["level"] == "high"]
        for rank, code in enumerate(rng.sample(pressing, min(5, len(pressing))), start=1):
            lines[code]["rank"] = rank
        assessment = record_services.record_create(
            model=SelfAssessment,
            actor=SYSTEM,
            data={
                "assessed_on": ASSESSED_FROM + timedelta(days=rng.randint(0, ASSESSED_DAYS)),
                "lines": lines,
                "sources": start.sources,
                "notes": "Demo data (synthetic).",
                "languages": rng.sample(["en", "fr", "es", "ar", "ru", "zh"], rng.randint(1, 2)),
            },
            owner_party=party,
        )
        SelfAssessment.objects.filter(pk=assessment.pk).update(is_synthetic=True)
        made.append(
            record_services.record_transition(record=assessment, actor=SYSTEM, action="publish")
        )
    return made


def _offers(rng: random.Random) -> list[Offer]:
    organizations = list(Organization.objects.filter(is_demo=True).order_by("name"))
    regions = list(
        Grouping.objects.filter(kind=Grouping.Kind.REGION).values_list("code", flat=True)
    )
    goals = selectors.key_areas_by_goal()
    all_audiences = sorted(audiences())
    offers = []
    for number in range(40 if organizations else 0):
        organization = organizations[number % len(organizations)]
        goal = rng.choice(goals)
        areas = (
            [goal.code]
            if rng.random() < 0.15
            else rng.sample([code for code, _text in goal.key_areas], min(2, len(goal.key_areas)))
        )
        start = timezone.localdate() + timedelta(days=rng.randint(-200, 200))
        offer = record_services.record_create(
            model=Offer,
            actor=SYSTEM,
            data={
                "title": f"Demo {rng.choice(sorted(KINDS)).replace('_', ' ')} for {goal.code} "
                f"(synthetic {number + 1})",
                "description": "Demo data (synthetic): not a real offer.",
                "key_areas": areas,
                "kinds": rng.sample(sorted(KINDS), rng.randint(1, 2)),
                "eligible": rng.sample(regions, 1) + (["ldc"] if rng.random() < 0.3 else [])
                if regions and rng.random() < 0.5
                else [],
                "languages": rng.sample(["en", "fr", "es", "ar", "ru", "zh"], rng.randint(1, 2)),
                "audiences": rng.sample(all_audiences, rng.randint(0, 2)),
                "places": rng.choice([None, 10, 20, 30]),
                "budget": None,
                "currency": "",
                "start_date": start.isoformat(),
                "end_date": (start + timedelta(days=rng.randint(30, 365))).isoformat(),
                "contact": "",
            },
            owner_organization=organization,
        )
        Offer.objects.filter(pk=offer.pk).update(is_synthetic=True)
        offers.append(
            record_services.record_transition(record=offer, actor=SYSTEM, action="publish")
        )
    return offers


def _declarations(rng: random.Random) -> None:
    today = timezone.localdate()
    for number, organization in enumerate(
        Organization.objects.filter(is_demo=True).order_by("name")
    ):
        status = ["accepted", "managed", "pending", "conflicted"][number % 4]
        Declaration.objects.create(
            organization=organization,
            interests=[]
            if status == "accepted"
            else [
                {
                    "kind": "research",
                    "with": "Demo seed developer (synthetic)",
                    "what": "Demo data (synthetic): a joint field trial.",
                }
            ],
            declared_on=today - timedelta(days=30),
            valid_until=today + timedelta(days=335),
            status=status,
            measure="" if status in ("accepted", "pending") else "Demo data (synthetic).",
            conflicted_parties=["BRA"] if status == "conflicted" else [],
            reviewed_at=None if status == "pending" else timezone.now(),
        )


def _matches(rng: random.Random, assessed: list[SelfAssessment], offers: list[Offer]) -> int:
    """A few matches of needs and offers that fit, one in each state; the delivered ones by an
    activity of the offer's owner completed in the fifth reporting period."""
    states = [state for state in Match.State.values]
    made = 0
    for assessment in rng.sample(assessed, min(len(assessed), 30)):
        if made == len(states):
            break
        for code, line in assessment.lines.items():
            if line.get("level") not in ("high", "medium") or made == len(states):
                continue
            for offer in offers:
                found = selectors.line_match(assessment, code, offer)
                if found is None:
                    continue
                state = states[made]
                activity = (
                    Activity.objects.filter(
                        owner_organization=offer.owner_organization,
                        published_version__isnull=False,
                        activity_status="completed",
                        start_date__range=(ASSESSED_FROM, ASSESSED_FROM + timedelta(ASSESSED_DAYS)),
                    ).first()
                    if state in ("delivered", "closed")
                    else None
                )
                now = timezone.now()
                Match.objects.create(
                    assessment=assessment,
                    key_area=code,
                    offer=offer,
                    state=state,
                    proposed_by=rng.choice(Match.Side.values),
                    party_accepted_at=now,
                    provider_accepted_at=None if state == "proposed" else now,
                    score=found.score,
                    possible=found.possible,
                    terms=[reasons.kept(term) for term in found.terms],
                    activity=activity,
                    outcome="met" if state == "closed" else "",
                    note="Demo data (synthetic).",
                )
                made += 1
                break
    return made
