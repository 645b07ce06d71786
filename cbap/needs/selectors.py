"""Reads of needs: the plan's key areas grouped by goal, a Party's self-assessments, what a
new self-assessment starts from (`prefill`), the lines a reader may see, needs and offers as
the matching engine's facts and what it finds, the matches and declarations a person may see.
The gap analysis's reads are in `gap_analysis`."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.db.models import F, Q, QuerySet
from django.utils import timezone

from cbap.accounts import permissions
from cbap.engine import matching
from cbap.needs import mapping
from cbap.needs.models import Declaration, Match, Offer, SelfAssessment, SupportRequest
from cbap.needs.validation import key_area_codes
from cbap.parties.models import Government, Grouping, GroupingMembership
from cbap.parties.selectors import valid_q
from cbap.plan.models import KeyArea, PlanVersion
from cbap.records.selectors import published_contents
from cbap.reports.models import NationalReport
from cbap.reports.selectors import ReportVersion, published_versions


@dataclass(frozen=True)
class GoalAreas:
    code: str
    title: str
    key_areas: list[tuple[str, str]]  # (code, text)


def key_areas_by_goal() -> list[GoalAreas]:
    """The current plan's key areas under their goals, in the plan's order."""
    areas = (
        KeyArea.objects.filter(goal__version=PlanVersion.current())
        .select_related("goal")
        .order_by("goal__position", "position")
    )
    goals: dict[str, GoalAreas] = {}
    for area in areas:
        goal = goals.setdefault(area.goal.code, GoalAreas(area.goal.code, area.goal.title, []))
        goal.key_areas.append((area.code, area.text))
    return list(goals.values())


def assessments_of(party) -> QuerySet[SelfAssessment]:
    """A Party's self-assessments, newest first."""
    return SelfAssessment.objects.filter(owner_party=party).order_by("-assessed_on", "-id")


def published_assessments() -> list[tuple[SelfAssessment, dict, Counter]]:
    """Each Party's newest published self-assessment with its published content and how many
    key areas it rates at each level (a confidential line counts as confidential only), by
    Party."""
    published = list(SelfAssessment.listed().filter(published_version__isnull=False))
    contents = published_contents(published)
    newest: dict[int, tuple[SelfAssessment, dict]] = {}
    for assessment in published:
        content = contents[assessment.pk]
        held = newest.get(assessment.owner_party_id)
        if held is None or (content["assessed_on"], assessment.pk) > (
            held[1]["assessed_on"],
            held[0].pk,
        ):
            newest[assessment.owner_party_id] = (assessment, content)
    return [
        (assessment, content, level_counts(content["lines"]))
        for assessment, content in sorted(
            newest.values(), key=lambda pair: pair[0].owner_party.name
        )
    ]


def level_counts(lines: dict) -> Counter:
    """Key areas by level of need; confidential lines by that alone; missing lines not
    assessed."""
    counts = Counter(
        "confidential" if line.get("confidential") else line.get("level", "not_assessed")
        for line in lines.values()
    )
    counts["not_assessed"] += len(set(key_area_codes()) - set(lines))
    return counts


@dataclass(frozen=True)
class Prefill:
    """What a new self-assessment starts from: lines, where each came from, and the report
    answers that no key area takes (technology transfer, "other")."""

    lines: dict
    sources: dict
    languages: list


def prefill(party) -> Prefill:
    """A new self-assessment's content: the lines of the Party's newest published
    self-assessment, else what its newest national report with the needs questions (NR5, else
    NR4) says, carried to key areas by the reviewed table; every key area "not assessed"
    where nothing is known."""
    lines = {code: {"level": "not_assessed"} for code in key_area_codes()}
    sources: dict[str, list] = {}
    languages: list[str] = []
    report = _newest_needs_report(party)
    if report is not None:
        _from_report(report, lines, sources)
    if previous := SelfAssessment.newest_published(party):
        assessment, content = previous
        languages = list(content.get("languages") or [])
        for code, line in content["lines"].items():
            if code in lines:
                lines[code] = dict(line)
                sources.setdefault(code, []).insert(
                    0,
                    {
                        "source": "self_assessment",
                        "record": assessment.pk,
                        "assessed_on": content["assessed_on"],
                    },
                )
    return Prefill(lines, sources, languages)


def _newest_needs_report(party) -> ReportVersion | None:
    versions = published_versions(
        NationalReport.objects.filter(
            government=party, cycle__number__in=list(mapping.NEEDS_QUESTIONS)
        )
    )
    return max(versions, key=lambda v: v.cycle_number, default=None)


def _from_report(report: ReportVersion, lines: dict, sources: dict) -> None:
    still, areas = mapping.NEEDS_QUESTIONS[report.cycle_number]
    answer = (report.answers.get(still) or {}).get("value")
    where = {"source": "report", "cycle": report.cycle_number, "report": report.report_id}
    if answer == "false":  # said of every area at once: kept once, under "*"
        for code in lines:
            lines[code]["level"] = "none"
        sources.setdefault("*", []).append({**where, "question": still, "answer": "no"})
        return
    if answer != "true":
        return
    named = [item.get("value") for item in report.answers.get(areas) or []]
    for cb_area in named:
        for link in mapping.links_of(cb_area):
            entry = {
                **where,
                "question": areas,
                "cb_area": cb_area,
                "cb_area_title": link.cb_area_title,
                "fit": link.fit,
                "rationale": link.rationale,
            }
            sources.setdefault(link.key_area or "", []).append(entry)


def visible_lines(user, assessment: SelfAssessment, content: dict) -> dict:
    """The lines a reader may see: all of them for those who see the Party's drafts (its
    people, the Secretariat); for a provider matched with a line, that line too; for others,
    a confidential line says only that it is one."""
    if permissions.can(user, permissions.Action.VIEW_DRAFT, assessment):
        return content["lines"]
    matched = set(
        matches_of(user)
        .filter(assessment=assessment)
        .exclude(state=Match.State.DECLINED)
        .values_list("key_area", flat=True)
    )
    return {
        code: ({"confidential": True} if line.get("confidential") and code not in matched else line)
        for code, line in content["lines"].items()
    }


@dataclass(frozen=True)
class Row:
    code: str
    text: str
    line: dict
    sources: list
    offers: list  # (offer, match, existing match) that fit the line, the best first
    fitting: int  # how many offers fit it


def assessment_rows(
    lines: dict, sources: dict, offers: dict | None = None
) -> list[tuple[GoalAreas, list[Row]]]:
    """The lines under their goals in the plan's order, each with where it came from and the
    offers that fit it: key area → (how many, [the best])."""
    offers = offers or {}
    return [
        (
            goal,
            [
                Row(
                    code,
                    text,
                    lines.get(code) or {"level": "not_assessed"},
                    sources.get(code, []),
                    *offers.get(code, ([], 0)),
                )
                for code, text in goal.key_areas
            ],
        )
        for goal in key_areas_by_goal()
    ]


# ------------------------------------------------------------------------------------------
# Matching: published needs and offers as the engine's facts
# ------------------------------------------------------------------------------------------


def party_memberships(day) -> dict[int, frozenset[str]]:
    """Government id → its code and the codes of the groupings it belongs to on `day`."""
    memberships: dict[int, set[str]] = {
        pk: {code} for pk, code in Government.objects.values_list("pk", "code")
    }
    for government_id, code in GroupingMembership.objects.filter(valid_q(day)).values_list(
        "government_id", "grouping__code"
    ):
        memberships.setdefault(government_id, set()).add(code)
    return {pk: frozenset(codes) for pk, codes in memberships.items()}


def engine_needs(
    assessments: list[tuple[SelfAssessment, dict]], *, day, confidential: bool
) -> list[matching.Need]:
    """The lines of matched levels of these self-assessments as the engine's needs (keyed
    "assessment id:key area"); confidential lines only when `confidential` (the Secretariat)."""
    memberships = party_memberships(day)
    needs = []
    for assessment, content in assessments:
        for code, line in content["lines"].items():
            if line.get("level") not in matching.LEVELS:
                continue
            if line.get("confidential") and not confidential:
                continue
            needs.append(
                matching.Need(
                    key=f"{assessment.pk}:{code}",
                    party=assessment.owner_party.code,
                    key_area=code,
                    level=line["level"],
                    rank=line.get("rank"),
                    audiences=frozenset(line.get("audiences") or ()),
                    kinds=frozenset(line.get("kinds") or ()),
                    languages=frozenset(content.get("languages") or ()),
                    memberships=memberships.get(assessment.owner_party_id, frozenset()),
                )
            )
    return needs


def request_needs(support_request: SupportRequest, content: dict, *, day) -> list[matching.Need]:
    """The request's key areas that its Party's newest published self-assessment still rates
    as needs, as the engine's needs (keyed "request id:key area"): each line's level and rank,
    with the request's kinds of support, audiences, languages and date in place of the line's."""
    party = support_request.owner_party
    newest = SelfAssessment.newest_published(party)
    lines = newest[1]["lines"] if newest else {}
    memberships = party_memberships(day).get(party.pk, frozenset())
    return [
        matching.Need(
            key=f"{support_request.pk}:{code}",
            party=party.code,
            key_area=code,
            level=lines[code]["level"],
            rank=lines[code].get("rank"),
            audiences=frozenset(content["audiences"]),
            kinds=frozenset(content["kinds"]),
            languages=frozenset(content["languages"]),
            by=_day(content["needed_by"]),
            memberships=memberships,
        )
        for code in content["key_areas"]
        if lines.get(code, {}).get("level") in matching.LEVELS
    ]


def current_declarations(day) -> dict[int, Declaration]:
    """Organization id → its newest declaration of interests still valid on `day`."""
    current: dict[int, Declaration] = {}
    for declaration in Declaration.objects.filter(
        organization__isnull=False, valid_until__gte=day, declared_on__lte=day
    ).order_by("declared_on", "id"):
        current[declaration.organization_id] = declaration
    return current


def engine_offer(
    offer: Offer, content: dict, declarations: dict[int, Declaration]
) -> matching.Offer:
    """The offer as the engine's fact, with its organization's current declaration of
    interests (a Party's offer has none to make: "none", and pages say nothing of it)."""
    declaration = declarations.get(offer.owner_organization_id)
    conflicted = declaration is not None and declaration.status == Declaration.Status.CONFLICTED
    return matching.Offer(
        key=str(offer.pk),
        provider=offer.owner_organization.name
        if offer.owner_organization_id
        else (offer.owner_party.code),
        key_areas=frozenset(content["key_areas"]),
        kinds=frozenset(content["kinds"]),
        eligible=frozenset(content["eligible"]),
        languages=frozenset(content["languages"]),
        audiences=frozenset(content["audiences"]),
        start=_day(content["start_date"]),
        end=_day(content["end_date"]),
        capacity=content["places"],
        declaration=declaration.status if declaration else "none",
        conflicted=frozenset(declaration.conflicted_parties if conflicted else ()),
        conflicted_topics=frozenset(declaration.conflicted_topics if conflicted else ()),
    )


def published_offers() -> list[tuple[Offer, dict]]:
    offers = list(Offer.listed().filter(published_version__isnull=False))
    contents = published_contents(offers)
    return [(offer, contents[offer.pk]) for offer in offers if offer.pk in contents]


@dataclass(frozen=True)
class Fits:
    """The offers that fit a line: how many, and the best of them (offer, engine match)."""

    candidates: int
    best: list


def offers_for_lines(
    user, assessment: SelfAssessment, content: dict, *, limit: int | None = None
) -> dict[str, Fits]:
    """Key area → the published offers that fit the line, best first (the `limit` best; all
    without one), and how many fit."""
    today = timezone.localdate()
    confidential = permissions.can(user, permissions.Action.VIEW_DRAFT, assessment)
    needs = engine_needs([(assessment, content)], day=today, confidential=confidential)
    return _ranked(needs, today=today, limit=limit)


def offers_for_request(
    support_request: SupportRequest, content: dict, *, limit: int | None = None
) -> dict[str, Fits]:
    """Key area → the published offers that fit the request there, best first (`limit`), and
    how many fit; a key area that is no longer a need of the Party has none."""
    today = timezone.localdate()
    needs = request_needs(support_request, content, day=today)
    return _ranked(needs, today=today, limit=limit)


def _ranked(needs: list[matching.Need], *, today, limit: int | None) -> dict[str, Fits]:
    """Key area → the published offers that fit each need (keyed "…:key area")."""
    published = published_offers()
    offers = {str(offer.pk): offer for offer, _content in published}
    declarations = current_declarations(today)
    ranked = matching.rank_all(
        needs, [engine_offer(o, c, declarations) for o, c in published], today=today, limit=limit
    )
    return {
        key.split(":", 1)[1]: Fits(
            ranking.candidates, [(offers[m.offer.key], m) for m in ranking.matches]
        )
        for key, ranking in ranked.items()
        if ranking.candidates
    }


def needs_for_offer(user, offer: Offer, content: dict) -> list:
    """The published needs of Parties that fit the offer, best first, with their
    self-assessments (confidential lines for the Secretariat only)."""
    today = timezone.localdate()
    assessments = [(a, c) for a, c, _counts in published_assessments()]
    by_id = {a.pk: a for a, _c in assessments}
    confidential = permissions.can(user, permissions.Action.VIEW_DRAFT, party=None)
    needs = engine_needs(assessments, day=today, confidential=confidential)
    offered = engine_offer(offer, content, current_declarations(today))
    matches = matching.needs_for(offered, needs, today=today)
    return [(by_id[int(m.need.key.split(":")[0])], m) for m in matches]


def _day(value):
    return date.fromisoformat(value) if value else None


def place_names(codes) -> list[str]:
    """The names of government and grouping codes, in the order given (a code nobody has,
    as it is)."""
    names = dict(Government.objects.filter(code__in=codes).values_list("code", "name"))
    names |= dict(Grouping.objects.filter(code__in=codes).values_list("code", "name"))
    return [names.get(code, code) for code in codes]


def line_match(
    assessment: SelfAssessment,
    key_area: str,
    offer: Offer,
    support_request: SupportRequest | None = None,
):
    """The engine's match of a line of the published self-assessment (or of the published
    request for it) with the published offer, or None when one of them is not published or
    the offer does not fit."""
    asked = support_request or assessment
    need_content = published_contents([asked]).get(asked.pk)
    offer_content = published_contents([offer]).get(offer.pk)
    if need_content is None or offer_content is None:
        return None
    today = timezone.localdate()
    if support_request is not None:
        asked_here = {**need_content, "key_areas": [key_area]}
        needs = request_needs(support_request, asked_here, day=today)
    else:
        line = {"lines": {key_area: need_content["lines"].get(key_area) or {}}}
        needs = engine_needs([(assessment, {**need_content, **line})], day=today, confidential=True)
    if not needs:
        return None
    offered = engine_offer(offer, offer_content, current_declarations(today))
    found = matching.needs_for(offered, needs, today=today)
    return found[0] if found else None


def matches_of(user) -> QuerySet[Match]:
    """The matches the person acts in: those of the Parties and organizations they write for
    (every match for the Secretariat)."""
    matches = Match.objects.select_related(
        "assessment__owner_party",
        "offer__owner_party",
        "offer__owner_organization",
        "activity",
        "request",
    )
    if not getattr(user, "is_authenticated", False):
        return matches.none()
    if permissions.can(user, permissions.Action.VIEW_DRAFT, party=None):
        return matches
    edit = permissions.Action.EDIT
    return matches.filter(
        Q(assessment__in=permissions.records_where(user, edit, SelfAssessment.objects.all()))
        | Q(offer__in=permissions.records_where(user, edit, Offer.objects.all()))
    )


def open_matches(user, **where) -> dict[tuple[int, str, int], Match]:
    """(assessment id, key area, offer id) → the match not declined that the person may see
    (`matches_of`), of an offer or of a self-assessment (`offer=` or `assessment=`)."""
    return {
        (m.assessment_id, m.key_area, m.offer_id): m
        for m in matches_of(user).filter(**where).exclude(state=Match.State.DECLINED)
    }


def declarations_for(user) -> QuerySet[Declaration]:
    """The declarations the person may read: all for the Secretariat, their organizations'
    and their own for everyone else."""
    declarations = Declaration.objects.select_related("organization", "expert", "reviewed_by")
    if not getattr(user, "is_authenticated", False):
        return declarations.none()
    if permissions.can(user, permissions.Action.VIEW_DRAFT, party=None):
        # those waiting for review first
        return declarations.order_by(F("reviewed_at").asc(nulls_first=True), "-declared_on")
    organizations = [
        o
        for o in user.organizations()
        if permissions.can(user, permissions.Action.EDIT, organization=o)
    ]
    return declarations.filter(Q(organization__in=organizations) | Q(expert=user))


def match_side(actor, *, assessment: SelfAssessment, offer: Offer) -> str | None:
    """Which side of a match the person acts for: the Party whose need it is, or the owner of
    the offer (None: neither; a Party offering to itself is the Party)."""
    can = permissions.can
    if can(actor, permissions.Action.EDIT, party=assessment.owner_party):
        return Match.Side.PARTY
    if can(
        actor,
        permissions.Action.EDIT,
        party=offer.owner_party,
        organization=offer.owner_organization,
    ):
        return Match.Side.PROVIDER
    return None


def matches_waiting_for(user) -> list[Match]:
    """The matches where a step is the person's to take (accept what the other side proposed,
    deliver, close), oldest change first."""
    open_matches = (
        matches_of(user)
        .exclude(state__in=(Match.State.CLOSED, Match.State.DECLINED))
        .order_by("updated_at")
    )
    waiting = []
    for match in open_matches:
        side = match_side(user, assessment=match.assessment, offer=match.offer)
        if set(match.steps_open_to(side)) - {"decline", "start"}:
            waiting.append(match)
    return waiting
