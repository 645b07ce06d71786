"""Web pages of needs: the published self-assessments, one self-assessment with where its
lines came from, starting one (pre-filled) and editing it. Saving a stale form gets the merged
form; the workflow steps and the history are the generic record pages'."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cbap.accounts import permissions
from cbap.needs import selectors, services
from cbap.needs.forms import SelfAssessmentForm
from cbap.needs.models import SelfAssessment
from cbap.parties.models import Government
from cbap.records import selectors as record_selectors
from cbap.records.views import record_edit


def assessment_list(request):
    parties = _parties_of(request.user)
    return render(
        request,
        "needs/assessment_list.html",
        {
            "published": selectors.published_assessments(),
            "own": [(party, selectors.assessments_of(party)) for party in parties],
        },
    )


def _parties_of(user) -> list[Government]:
    """The Parties whose self-assessments the person writes (none for the Secretariat, who
    write for no Party of their own)."""
    if not getattr(user, "is_authenticated", False) or permissions.can(
        user, permissions.Action.CREATE, party=None
    ):
        return []
    return [
        g
        for g in Government.objects.order_by("name")
        if permissions.can(user, permissions.Action.CREATE, party=g)
    ]


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


def _readable(request, pk: int) -> SelfAssessment:
    assessment = get_object_or_404(SelfAssessment.listed(), pk=pk)
    if not record_selectors.can_read(request.user, assessment):
        raise Http404(_("No such record."))
    return assessment


def assessment_detail(request, pk: int):
    assessment = _readable(request, pk)
    view = record_selectors.record_view(request.user, assessment)
    lines = selectors.visible_lines(request.user, assessment, view.content)
    return render(
        request,
        "needs/assessment_detail.html",
        {
            "view": view,
            "record": assessment,
            "rows": selectors.assessment_rows(lines, view.content.get("sources") or {}),
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
