"""Web pages of needs: self-assessments (the published ones, one with where its lines came from
and the offers that fit them, starting one pre-filled, editing it in the form or as a workbook),
support offers (with the needs that fit them), requests for support (with the offers that fit
them), matches and their steps, declarations of interests and their review, and the gap
analysis with its downloads. Saving a stale form gets the merged form; the workflow steps and
the history are the generic record pages'.

Over 600 lines: each page is a few lines over the selectors, and they are the pages of one
concept, the needs and the support that meets them."""

from __future__ import annotations

import json
from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cbap.accounts import permissions
from cbap.activities import selectors as activity_selectors
from cbap.activities.models import Activity
from cbap.core import downloads
from cbap.engine import gaps
from cbap.needs import gap_analysis, selectors, services, workbook
from cbap.needs.forms import OfferForm, SelfAssessmentForm, SupportRequestForm
from cbap.needs.models import Declaration, Match, Offer, SelfAssessment, SupportRequest
from cbap.parties.models import Government, Grouping
from cbap.records import selectors as record_selectors
from cbap.records import services as record_services
from cbap.records.views import readable_or_404, record_created, record_edit


def assessment_list(request):
    parties, _organizations = activity_selectors.owners_for(request.user)
    return render(
        request,
        "needs/assessment_list.html",
        {
            "published": selectors.published_assessments(),
            "own": [(party, selectors.assessments_of(party)) for party in parties],
        },
    )


@require_POST
def assessment_start(request, code: str):
    party = get_object_or_404(Government, code=code)
    if not permissions.can(request.user, permissions.Action.CREATE, party=party):
        raise PermissionDenied(
            _("Your roles do not allow you to write the self-assessment of %(party)s.")
            % {"party": party.name}
        )
    assessment = services.self_assessment_start(party=party, actor=request.user, request=request)
    messages.success(
        request,
        _("A new self-assessment, pre-filled from what %(party)s already said: check each line.")
        % {"party": party.name},
    )
    return redirect("needs:assessment_edit", pk=assessment.pk)


def _readable(request, pk: int, model=SelfAssessment):
    """The record if the person may read it (a draft is its owner's and the Secretariat's)."""
    return readable_or_404(request, model.listed().filter(pk=pk).first())


def assessment_detail(request, pk: int):
    assessment = _readable(request, pk)
    view = record_selectors.record_view(request.user, assessment)
    lines = selectors.visible_lines(request.user, assessment, view.content)
    matched = selectors.open_matches(request.user, assessment=assessment)
    fitting = selectors.offers_for_lines(request.user, assessment, view.content, limit=3)
    offers = {
        code: (
            [(o, found, matched.get((assessment.pk, code, o.pk))) for o, found in fits.best],
            fits.candidates,
        )
        for code, fits in fitting.items()
    }
    return render(
        request,
        "needs/assessment_detail.html",
        {
            "view": view,
            "record": assessment,
            "rows": selectors.assessment_rows(lines, view.content.get("sources") or {}, offers),
            "may_propose": assessment.is_public
            and permissions.can(
                request.user, permissions.Action.EDIT, party=assessment.owner_party
            ),
            "general": (view.content.get("sources") or {}).get("*", []),
            "unplaced": (view.content.get("sources") or {}).get("", []),
            "here": request.path,
        },
    )


def assessment_edit(request, pk: int):
    assessment = _readable(request, pk)
    return record_edit(
        request,
        assessment,
        form_class=partial(
            SelfAssessmentForm,
            owner_party=assessment.owner_party,
            goals=selectors.key_areas_by_goal(),
        ),
        template_name="needs/assessment_form.html",
        context={"record": assessment},
    )


def offer_list(request):
    offers = record_selectors.record_views(
        request.user, Offer.listed().filter(published_version__isnull=False)
    )
    parties, organizations = activity_selectors.owners_for(request.user)
    return render(
        request,
        "needs/offer_list.html",
        {
            "offers": offers,
            "own": activity_selectors.own_records(request.user, Offer),
            "may_create": bool(parties or organizations),
        },
    )


def offer_detail(request, pk: int):
    offer = _readable(request, pk, Offer)
    view = record_selectors.record_view(request.user, offer)
    matched = selectors.open_matches(request.user, offer=offer)
    fits = [
        (assessment, found, matched.get((assessment.pk, found.need.key_area, offer.pk)))
        for assessment, found in selectors.needs_for_offer(request.user, offer, view.content)
    ]
    return render(
        request,
        "needs/offer_detail.html",
        {
            "view": view,
            "record": offer,
            "places": selectors.place_names(view.content["eligible"]),
            "declaration": selectors.current_declarations(timezone.localdate()).get(
                offer.owner_organization_id
            ),
            "fits": fits,
            "may_propose": offer.is_public
            and permissions.can(
                request.user,
                permissions.Action.EDIT,
                party=offer.owner_party,
                organization=offer.owner_organization,
            ),
            "here": request.path,
        },
    )


def offer_create(request):
    parties, organizations = activity_selectors.owners_for(request.user)
    if not parties and not organizations:
        if not request.user.is_authenticated:
            raise PermissionDenied(_("Please sign in to offer support."))
        raise PermissionDenied(
            _("Your roles do not allow you to record for any Party or organization.")
        )
    owners = activity_selectors.owner_choices(parties, organizations)
    chosen = request.POST.get("owner") or (owners[0][0] if len(owners) == 1 else "")
    party, organization = activity_selectors.chosen_owner(chosen, parties, organizations)
    form = OfferForm(
        request.POST if request.method == "POST" else None,
        owner_party=party,
        owner_organization=organization,
    )
    if request.method == "POST" and not (party or organization):
        form.add_error(None, _("Choose whose record this is."))
    elif request.method == "POST" and form.is_valid():
        return record_created(
            request, form, model=Offer, owner_party=party, owner_organization=organization
        )
    return render(
        request,
        "needs/offer_form.html",
        {"form": form, "owners": owners, "owner": chosen},
        status=400 if form.errors else 200,
    )


def offer_edit(request, pk: int):
    offer = _readable(request, pk, Offer)
    return record_edit(
        request,
        offer,
        form_class=partial(
            OfferForm,
            owner_party=offer.owner_party,
            owner_organization=offer.owner_organization,
        ),
        template_name="needs/offer_form.html",
        context={"record": offer},
    )


# ------------------------------------------------------------------------------------------
# Requests for support
# ------------------------------------------------------------------------------------------


def request_list(request):
    requests = record_selectors.record_views(
        request.user, SupportRequest.listed().filter(published_version__isnull=False)
    )
    parties, _organizations = activity_selectors.owners_for(request.user)
    return render(
        request,
        "needs/request_list.html",
        {
            "requests": requests,
            "own": activity_selectors.own_records(request.user, SupportRequest),
            "may_create": bool(parties),
        },
    )


def request_detail(request, pk: int):
    asked = _readable(request, pk, SupportRequest)
    view = record_selectors.record_view(request.user, asked)
    newest = SelfAssessment.newest_published(asked.owner_party)
    fitting = selectors.offers_for_request(asked, view.content, limit=5)
    matched = selectors.open_matches(request.user, assessment=newest[0]) if newest else {}
    offers = [
        (
            code,
            [(o, found, matched.get((newest[0].pk, code, o.pk))) for o, found in fits.best],
            fits.candidates,
        )
        for code, fits in ((code, fitting.get(code)) for code in view.content["key_areas"])
        if fits
    ]
    return render(
        request,
        "needs/request_detail.html",
        {
            "view": view,
            "record": asked,
            "assessment": newest[0] if newest else None,
            "offers": offers,
            "unmatched": [c for c in view.content["key_areas"] if c not in fitting],
            "may_propose": asked.is_public
            and permissions.can(request.user, permissions.Action.EDIT, party=asked.owner_party),
        },
    )


def request_create(request):
    parties, _organizations = activity_selectors.owners_for(request.user)
    if not parties:
        if not request.user.is_authenticated:
            raise PermissionDenied(_("Please sign in to ask for support."))
        raise PermissionDenied(_("Your roles do not allow you to record for any Party."))
    chosen = request.GET.get("party") or (parties[0].code if len(parties) == 1 else "")
    party = next((p for p in parties if p.code == chosen), None)
    if party is None:  # whose request: chosen first, since its key areas are that Party's needs
        return render(request, "needs/request_form.html", {"parties": parties})
    form = SupportRequestForm(request.POST if request.method == "POST" else None, owner_party=party)
    if request.method == "POST" and form.is_valid():
        return record_created(request, form, model=SupportRequest, owner_party=party)
    return render(
        request,
        "needs/request_form.html",
        {"form": form, "party": party},
        status=400 if form.errors else 200,
    )


def request_edit(request, pk: int):
    asked = _readable(request, pk, SupportRequest)
    return record_edit(
        request,
        asked,
        form_class=partial(SupportRequestForm, owner_party=asked.owner_party),
        template_name="needs/request_form.html",
        context={"record": asked, "party": asked.owner_party},
    )


# ------------------------------------------------------------------------------------------
# Matches
# ------------------------------------------------------------------------------------------


@require_POST
def match_propose(request):
    assessment = get_object_or_404(SelfAssessment.listed(), pk=request.POST.get("assessment"))
    offer = get_object_or_404(Offer.listed(), pk=request.POST.get("offer"))
    asked = request.POST.get("request")
    try:
        match = services.match_propose(
            assessment=assessment,
            key_area=request.POST.get("key_area", ""),
            offer=offer,
            actor=request.user,
            support_request=get_object_or_404(SupportRequest, pk=asked) if asked else None,
        )
    except services.MatchError as error:
        raise PermissionDenied(str(error)) from error
    messages.success(request, _("Proposed: the other side is told and may accept it."))
    return redirect(match)


def _visible_match(request, pk: int) -> Match:
    """A match is its two sides' and the Secretariat's; to anyone else it does not exist."""
    return get_object_or_404(selectors.matches_of(request.user), pk=pk)


def match_detail(request, pk: int):
    match = _visible_match(request, pk)
    side = selectors.match_side(request.user, assessment=match.assessment, offer=match.offer)
    activities = (
        record_selectors.record_views(
            request.user,
            Activity.listed().filter(
                owner_party=match.offer.owner_party,
                owner_organization=match.offer.owner_organization,
                published_version__isnull=False,
            ),
        )
        if side == Match.Side.PROVIDER
        else []
    )
    return render(
        request,
        "needs/match_detail.html",
        {
            "match": match,
            "side": side,
            "steps": match.steps_open_to(side),
            "activities": activities,
            "outcomes": Match.Outcome.choices,
        },
    )


@require_POST
def match_step(request, pk: int, step: str):
    match = _visible_match(request, pk)
    take = {
        "accept": lambda: services.match_accept(match=match, actor=request.user),
        "decline": lambda: services.match_decline(
            match=match, actor=request.user, note=request.POST.get("note", "")
        ),
        "start": lambda: services.match_start(match=match, actor=request.user),
        "deliver": lambda: services.match_deliver(
            match=match,
            actor=request.user,
            activity=Activity.objects.filter(pk=request.POST.get("activity") or 0).first(),
        ),
        "close": lambda: services.match_close(
            match=match,
            actor=request.user,
            outcome=request.POST.get("outcome", ""),
            note=request.POST.get("note", ""),
        ),
    }
    if step not in take:
        raise Http404(_("No such step."))
    try:
        take[step]()
    except services.MatchError as error:
        messages.error(request, str(error))
        return redirect(match)
    messages.success(request, _("Done: both sides are told."))
    return redirect(match)


def my_matches(request):
    if not request.user.is_authenticated:
        raise PermissionDenied(_("Please sign in to see your matches."))
    return render(
        request,
        "needs/my_matches.html",
        {"matches": selectors.matches_of(request.user)},
    )


# ------------------------------------------------------------------------------------------
# Declarations of interest
# ------------------------------------------------------------------------------------------

INTEREST_ROWS = 5


def declaration_list(request):
    if not request.user.is_authenticated:
        raise PermissionDenied(_("Please sign in to declare or review interests."))
    _parties, organizations = activity_selectors.owners_for(request.user)
    if request.method == "POST":
        chosen = request.POST.get("organization", "")
        organization = next((o for o in organizations if str(o.pk) == chosen), None)
        interests = [
            {
                "kind": request.POST.get(f"kind_{n}", ""),
                "with": request.POST.get(f"with_{n}", "").strip(),
                "what": request.POST.get(f"what_{n}", "").strip(),
            }
            for n in range(INTEREST_ROWS)
            if request.POST.get(f"what_{n}", "").strip()
            or request.POST.get(f"with_{n}", "").strip()
        ]
        if chosen and organization is None:
            raise PermissionDenied(_("Only the organization's editors declare its interests."))
        try:
            declaration = services.declaration_submit(
                actor=request.user, interests=interests, organization=organization
            )
        except services.DeclarationError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Declared: the Secretariat reviews it."))
            return redirect(declaration)
    return render(
        request,
        "needs/declaration_list.html",
        {
            "declarations": selectors.declarations_for(request.user),
            "organizations": organizations,
            "kinds": Declaration.Kind.choices,
            "rows": range(INTEREST_ROWS),
        },
    )


def declaration_detail(request, pk: int):
    declaration = get_object_or_404(selectors.declarations_for(request.user), pk=pk)
    may_review = permissions.can(
        request.user, permissions.Action.PUBLISH, organization=declaration.organization
    )
    if request.method == "POST" and not may_review:
        raise PermissionDenied(_("Declarations of interest are reviewed by the Secretariat."))
    if request.method == "POST":
        try:
            services.declaration_review(
                declaration=declaration,
                actor=request.user,
                status=request.POST.get("status", ""),
                measure=request.POST.get("measure", ""),
                parties=request.POST.getlist("parties"),
                topics=request.POST.getlist("topics"),
            )
        except services.DeclarationError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Reviewed."))
        return redirect(declaration)
    return render(
        request,
        "needs/declaration_detail.html",
        {
            "declaration": declaration,
            "may_review": may_review,
            "statuses": Declaration.Status.choices[1:],
            "parties": Government.objects.order_by("name"),
            "goals": selectors.key_areas_by_goal(),
        },
    )


def gap_page(request):
    table = gap_analysis.gap_table()
    names = dict(Grouping.objects.values_list("code", "name"))
    names[gaps.ALL] = _("All Parties")
    columns = [(group, names.get(group, group), table.coverage[group]) for group in table.groups]
    return render(
        request,
        "needs/gaps.html",
        {
            "table": table,
            "columns": columns,
            "heat": gap_analysis.heat_map(table, names),
            "priorities": gaps.candidate_priorities(table)[:15],
        },
    )


def assessment_workbook(request, pk: int):
    """The self-assessment as a workbook to fill in offline: the working copy for its Party's
    people, the published lines (confidential ones as such) for everyone else."""
    assessment = _readable(request, pk)
    view = record_selectors.record_view(request.user, assessment)
    content = {
        **view.content,
        "lines": selectors.visible_lines(request.user, assessment, view.content),
    }
    name = downloads.file_name(
        "self-assessment",
        assessment.owner_party.code,
        view.content["assessed_on"],
        extension="xlsx",
    )
    return downloads.download(workbook.assessment_workbook(assessment, content), name)


def assessment_upload(request, pk: int):
    """A filled-in workbook saved as the next version of the draft: all of it, or nothing with
    every problem named; one made from an older version is a conflict (409)."""
    assessment = _readable(request, pk)
    permissions.require(request.user, permissions.Action.EDIT, assessment)
    problems, status = [], 200
    if request.method == "POST" and (upload := request.FILES.get("file")):
        reading = workbook.read_assessment_workbook(
            upload.read(workbook.MAX_BYTES + 1), file=upload.name, assessment=assessment
        )
        problems, status = reading.problems, 400
        if reading.ok:
            try:
                record_services.record_update(
                    record=assessment,
                    actor=request.user,
                    data=reading.content(),
                    expected_version=reading.version,
                    message=_("Uploaded from %(file)s.") % {"file": upload.name},
                    request=request,
                )
            except record_services.ConflictError:
                messages.error(
                    request,
                    _(
                        "The self-assessment changed after this workbook was downloaded: "
                        "download it again and carry your changes over."
                    ),
                )
                status = 409
            except record_services.RecordError as error:
                messages.error(request, str(error))
                status = 409
            else:
                messages.success(request, _("Saved from the workbook."))
                return redirect(assessment)
    return render(
        request,
        "needs/assessment_upload.html",
        {"record": assessment, "problems": problems},
        status=status,
    )


def gap_download(request, fmt: str):
    table = gap_analysis.gap_table()
    rows = gap_analysis.gap_rows(table)
    about = [
        (_("What"), _("Capacity-building needs against support, by key area and group")),
        (
            _("Needs"),
            _(
                "Each Party's newest published self-assessment; a Party without one is counted "
                "in no level (group_assessed of group_parties assessed at all)."
            ),
        ),
        (_("Unmet"), _("Parties with a high need and no delivered match for it.")),
        (_("Demo data"), _("On the demo site every self-assessment and offer is synthetic.")),
    ]
    name = downloads.file_name("needs-gaps", timezone.localdate(), extension=fmt)
    if fmt == "json":
        cells = [dict(zip(gap_analysis.GAP_HEADER, row, strict=True)) for row in rows]
        content = json.dumps({"about": dict(about), "cells": cells}, ensure_ascii=False).encode()
    elif fmt == "csv":
        content = downloads.csv_bytes(gap_analysis.GAP_HEADER, rows)
    else:
        sheet = downloads.Sheet(_("Gaps"), gap_analysis.GAP_HEADER, rows)
        content = downloads.xlsx_bytes([sheet], about)
    return downloads.download(content, name)


PRIORITY_CANDIDATES = 10


def priorities_download(request):
    """The candidate priorities as the `priorities` entry of a plan adjustment file: the
    Secretariat fills in the decision and the period a meeting of the Parties sets, keeps the
    codes it decides, and loads the version with `cbap plan load` (which refuses it until the
    decision and the dates are given). cbap never sets priorities itself."""
    table = gap_analysis.gap_table()
    candidates = gaps.candidate_priorities(table)[:PRIORITY_CANDIDATES]
    today = timezone.localdate()
    entry = {
        "decision": "",
        "starts_on": "",
        "ends_on": "",
        "element_codes": [p.key_area for p in candidates],
        "note": " ".join(
            [
                _("Candidates from the gap analysis of %(day)s, by needs left unmet:")
                % {"day": today.isoformat()},
                *(f"{p.key_area}: {'; '.join(p.reasons)}." for p in candidates),
            ]
        ),
    }
    content = json.dumps({"priorities": [entry]}, ensure_ascii=False, indent=1).encode()
    return downloads.download(
        content, downloads.file_name("candidate-priorities", today, extension="json")
    )


OFFER_COLUMNS = (
    "id",
    "title",
    "owner",
    "key_areas",
    "kinds",
    "eligible",
    "languages",
    "audiences",
    "places",
    "budget",
    "currency",
    "start_date",
    "end_date",
    "contact",
    "demo",
)


def offers_download(request, fmt: str):
    """Every published offer, one row each; lists as codes joined by "; "."""
    rows = []
    for offer, content in selectors.published_offers():
        owner = offer.owner_organization or offer.owner_party
        rows.append(
            {
                **{name: content.get(name) for name in OFFER_COLUMNS if name in content},
                **{
                    name: "; ".join(content[name])
                    for name in ("key_areas", "kinds", "eligible", "languages", "audiences")
                },
                "id": offer.pk,
                "owner": str(owner),
                "demo": "yes" if offer.is_synthetic else "no",
            }
        )
    about = [
        (_("What"), _("Published capacity-building support offers")),
        (_("Empty cells"), _("Not stated: unknown, not “none”.")),
        (_("Demo data"), _("Rows marked demo = yes are synthetic demo data, not real records.")),
    ]
    name = downloads.file_name("offers", extension=fmt)
    if fmt == "json":
        content = json.dumps({"about": dict(about), "offers": rows}, ensure_ascii=False)
        return downloads.download(content.encode(), name)
    if fmt == "csv":
        return downloads.download(downloads.csv_bytes(OFFER_COLUMNS, rows), name)
    sheet = downloads.Sheet(_("Offers"), OFFER_COLUMNS, rows)
    return downloads.download(downloads.xlsx_bytes([sheet], about), name)
