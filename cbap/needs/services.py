"""Writes of needs: starting a self-assessment from what the Party already said (saving,
submitting and publishing it go through the record services, as every record's), and the
life of a match between a need and an offer: proposed, accepted, started, delivered, closed."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cbap.accounts import permissions
from cbap.accounts import selectors as account_selectors
from cbap.audit.services import Event, audit
from cbap.core.dataversion import data_changed
from cbap.core.languages import deferred
from cbap.needs import reasons, selectors
from cbap.needs.models import STEPS, Declaration, Match, Offer, SelfAssessment, SupportRequest
from cbap.notifications.models import Notification
from cbap.notifications.services import notify
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
            "languages": start.languages,
        },
        owner_party=party,
        request=request,
    )


# ------------------------------------------------------------------------------------------
# Matches
# ------------------------------------------------------------------------------------------


class MatchError(Exception):
    """A step the match cannot take now (its state moved on, or the person is not a side)."""


@transaction.atomic
def match_propose(
    *,
    assessment: SelfAssessment,
    key_area: str,
    offer: Offer,
    actor,
    support_request: SupportRequest | None = None,
) -> Match:
    """Either side proposes a published offer for a line of the Party's published
    self-assessment that it fits, or for that line as the Party's published request asks for
    it; the proposing side has accepted it, the other is told."""
    side = selectors.match_side(actor, assessment=assessment, offer=offer)
    if side is None:
        raise MatchError(_("Only the Party or the offer's owner may propose this match."))
    if support_request is not None and support_request.owner_party_id != assessment.owner_party_id:
        raise MatchError(_("The request and the self-assessment are not of the same Party."))
    found = selectors.line_match(assessment, key_area, offer, support_request)
    if found is None:
        raise MatchError(_("This offer does not fit that need (or one of them is not published)."))
    if (
        Match.objects.filter(assessment=assessment, key_area=key_area, offer=offer)
        .exclude(state=Match.State.DECLINED)
        .exists()
    ):
        raise MatchError(_("This need and this offer are matched already."))
    now = timezone.now()
    match = Match.objects.create(
        assessment=assessment,
        key_area=key_area,
        offer=offer,
        request=support_request,
        proposed_by=side,
        party_accepted_at=now if side == Match.Side.PARTY else None,
        provider_accepted_at=now if side == Match.Side.PROVIDER else None,
        score=found.score,
        possible=found.possible,
        terms=[reasons.kept(term) for term in found.terms],
    )
    _step(match, actor, "propose", side)
    return match


def match_accept(*, match: Match, actor) -> Match:
    """The other side accepts a proposed match: both have accepted it."""
    return _move(match, actor, "accept")


def match_decline(*, match: Match, actor, note: str = "") -> Match:
    return _move(match, actor, "decline", note=note)


def match_start(*, match: Match, actor) -> Match:
    return _move(match, actor, "start")


def match_deliver(*, match: Match, actor, activity) -> Match:
    """The provider names the recorded activity that delivered the support: published, and
    owned by the offer's owner."""
    return _move(match, actor, "deliver", activity=activity)


def match_close(*, match: Match, actor, outcome: str, note: str = "") -> Match:
    """The Party closes a delivered match with its outcome: need met, partly met, not met."""
    return _move(match, actor, "close", outcome=outcome, note=note)


@transaction.atomic
def _move(match: Match, actor, step: str, *, activity=None, outcome="", note="") -> Match:
    locked = (
        Match.objects.select_for_update(of=("self",))
        .select_related(
            "assessment__owner_party", "offer__owner_party", "offer__owner_organization"
        )
        .get(pk=match.pk)
    )
    side = selectors.match_side(actor, assessment=locked.assessment, offer=locked.offer)
    if side not in locked.sides_taking(step):
        raise MatchError(_("You are not the side of this match that takes this step."))
    if locked.state not in STEPS[step][0]:
        raise MatchError(
            _("This match is %(state)s now: it cannot be %(step)s.")
            % {"state": locked.get_state_display().lower(), "step": STEP_WORDS[step]}
        )
    if step == "accept":
        now = timezone.now()
        locked.party_accepted_at = locked.party_accepted_at or now
        locked.provider_accepted_at = locked.provider_accepted_at or now
    if step == "deliver":
        owner_party, owner_organization = (
            locked.offer.owner_party_id,
            locked.offer.owner_organization_id,
        )
        if (
            activity is None
            or not activity.is_public
            or (activity.owner_party_id, activity.owner_organization_id)
            != (owner_party, owner_organization)
        ):
            raise MatchError(
                _(
                    "Name a published activity recorded by the offer's owner: the one that "
                    "delivered the support."
                )
            )
        locked.activity = activity
    if step == "close":
        if outcome not in Match.Outcome.values:
            raise MatchError(_("Say whether the need was met, partly met or not met."))
        locked.outcome = outcome
    if note:
        locked.note = note
    locked.state = STEPS[step][1]
    locked.save()
    _step(locked, actor, step, side)
    return locked


STEP_WORDS = {
    "accept": gettext_lazy("accepted"),
    "decline": gettext_lazy("declined"),
    "start": gettext_lazy("started"),
    "deliver": gettext_lazy("delivered"),
    "close": gettext_lazy("closed"),
}
SUBJECT = gettext_lazy("Match of %(need)s with “%(offer)s”: %(state)s")
TOLD = {
    "propose": gettext_lazy("%(by)s proposed a match of %(need)s with “%(offer)s”."),
    "accept": gettext_lazy("%(by)s accepted the match of %(need)s with “%(offer)s”."),
    "decline": gettext_lazy("%(by)s declined the match of %(need)s with “%(offer)s”."),
    "start": gettext_lazy("The support for %(need)s from “%(offer)s” has started (%(by)s)."),
    "deliver": gettext_lazy("%(by)s delivered the support for %(need)s from “%(offer)s”."),
    "close": gettext_lazy("%(by)s closed the match of %(need)s with “%(offer)s”: %(outcome)s."),
}


def _step(match: Match, actor, step: str, side: str) -> None:
    """Tell both sides (never the actor), keep the step in the audit trail, and refresh the
    public pages (the gap analysis counts matches)."""
    need = f"{match.assessment.owner_party.name} {match.key_area}"
    offer = match.offer
    people = account_selectors.writers_of(party=match.assessment.owner_party) + (
        account_selectors.writers_of(party=offer.owner_party, organization=offer.owner_organization)
    )
    notify(
        recipients=people,
        kind=Notification.Kind.MATCH,
        subject=deferred(
            SUBJECT, need=need, offer=str(offer), state=Match.State(match.state).label
        ),
        text=deferred(
            TOLD[step],
            by=actor.email,
            need=need,
            offer=str(offer),
            outcome=Match.Outcome(match.outcome).label if match.outcome else "",
        ),
        link=match.get_absolute_url(),
        actor=actor,
    )
    audit(
        event=Event.CREATE if step == "propose" else Event.CHANGE,
        actor=actor,
        target=match,
        details={"step": step, "side": side, "state": match.state},
    )
    data_changed()


# ------------------------------------------------------------------------------------------
# Declarations of interest
# ------------------------------------------------------------------------------------------


class DeclarationError(Exception):
    """A declaration or review that cannot be made (no right, an unknown kind …)."""


def declaration_submit(*, actor, interests: list[dict], organization=None) -> Declaration:
    """An organization's editor declares its interests (or, with no organization, an expert
    their own), valid for a year from today; the Secretariat reviews it."""
    if organization is not None and not permissions.can(
        actor, permissions.Action.EDIT, organization=organization
    ):
        raise DeclarationError(_("Only the organization's editors declare its interests."))
    for interest in interests:
        if interest.get("kind") not in Declaration.Kind.values or not interest.get("what"):
            raise DeclarationError(_("Each interest has a kind from the list and says what it is."))
    today = timezone.localdate()
    declaration = Declaration.objects.create(
        organization=organization,
        expert=None if organization is not None else actor,
        interests=interests,
        declared_on=today,
        valid_until=today + timedelta(days=365),
        declared_by=actor,
    )
    audit(event=Event.CREATE, actor=actor, target=declaration, details={"step": "declare"})
    data_changed()  # offers show their owner's declaration
    notify(
        recipients=account_selectors.reviewers(),
        kind=Notification.Kind.SUBMITTED,
        subject=deferred(
            gettext_lazy("Declaration of interests to review: %(who)s"), who=str(declaration)
        ),
        text=deferred(
            gettext_lazy("%(who)s declared %(n)s interest(s)."),
            who=str(declaration),
            n=len(interests),
        ),
        link=declaration.get_absolute_url(),
        actor=actor,
    )
    return declaration


@transaction.atomic
def declaration_review(
    *, declaration: Declaration, actor, status: str, measure: str = "", parties=(), topics=()
) -> Declaration:
    """The Secretariat's review: accepted, managed with a measure, or conflicted for named
    Parties or topics (key areas); a measure or a reason is required but for "accepted"."""
    if not permissions.can(
        actor, permissions.Action.PUBLISH, organization=declaration.organization
    ):
        raise DeclarationError(_("Declarations of interest are reviewed by the Secretariat."))
    if status not in (
        Declaration.Status.ACCEPTED,
        Declaration.Status.MANAGED,
        Declaration.Status.CONFLICTED,
    ):
        raise DeclarationError(_("Choose accepted, managed or conflicted."))
    if status != Declaration.Status.ACCEPTED and not measure.strip():
        raise DeclarationError(_("Say which measure manages it, or why it is conflicted."))
    if status == Declaration.Status.CONFLICTED and not (parties or topics):
        raise DeclarationError(_("Name the Parties or the topics it is conflicted for."))
    locked = Declaration.objects.select_for_update().get(pk=declaration.pk)
    locked.status, locked.measure = status, measure.strip()
    locked.conflicted_parties, locked.conflicted_topics = list(parties), list(topics)
    locked.reviewed_by, locked.reviewed_at = actor, timezone.now()
    locked.save()
    audit(
        event=Event.CHANGE,
        actor=actor,
        target=locked,
        details={
            "step": "review",
            "status": status,
            "parties": list(parties),
            "topics": list(topics),
        },
    )
    data_changed()
    return locked
