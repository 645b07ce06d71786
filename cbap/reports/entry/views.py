"""Entering a national report in the browser: the section list, one section, printing, workflow.

A Party's national users draft the report section by section; its focal point submits and
publishes it. Views parse (`cbap.reports.entry.forms`), call one service of
`cbap.reports.services` (the only writers, which hold the workflow and permission rules), and
render. The server decides everything (rules, validation, versions); `static/reports/entry.js`
only runs the rules live and autosaves.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from cbap.accounts import permissions
from cbap.bch.questionnaire import Questionnaire
from cbap.bch.text import plain
from cbap.parties.models import Government
from cbap.records.models import Status
from cbap.records.selectors import record_actions, record_history, revision_content
from cbap.records.services import ConflictError, RecordError
from cbap.reports import selectors, services
from cbap.reports.entry import answers as entry_answers
from cbap.reports.entry import forms, progress, rules
from cbap.reports.entry.baselines import Baseline, answer_changes, baselines, changes_meanwhile
from cbap.reports.entry.markup import safe_html, title_html
from cbap.reports.models import NationalReport, ReportingCycle
from cbap.reports.permissions import EDIT, REOPEN, entry_access, require_step


@dataclass
class Place:
    """The report being entered: a cycle, a government and its report (None until saved)."""

    cycle: ReportingCycle
    government: Government
    report: NationalReport | None
    qn: Questionnaire

    @property
    def answers(self) -> dict[str, Any]:
        return dict(self.report.answers) if self.report else {}

    @property
    def version(self) -> int:
        return self.report.version if self.report else 0

    def url(self, name: str = "overview", *args) -> str:
        return reverse(f"entry:{name}", args=[self.cycle.number, self.government.code, *args])


def _place(cycle: int, code: str) -> Place:
    cycle_row = get_object_or_404(ReportingCycle, number=cycle)
    government = get_object_or_404(Government, code=code.upper())
    report = (
        NationalReport.objects.select_related("cycle", "government")
        .filter(cycle=cycle_row, government=government)
        .first()
    )
    try:
        qn = selectors.questionnaire_for(cycle_row, translation.get_language())
    except LookupError as error:
        raise Http404(str(error)) from error
    return Place(cycle_row, government, report, qn)


def _access(user, place: Place) -> str:
    return entry_access(user, place.government, place.report)


def _baselines(place: Place) -> dict[str, Baseline]:
    """The Party's own published answers in the previous cycle, under each mapped question."""
    previous = selectors.previous_answers(place.cycle, place.government)
    if previous is None:
        return {}
    return baselines(place.qn, previous.questionnaire, previous.answers, previous.mappings)


def _sections(place: Place, section_key: str):
    keys = [s.key for s in place.qn.sections]
    if section_key not in keys:
        raise Http404(
            _("The %(cycle)s has no section %(section_key)s.")
            % {"cycle": place.cycle, "section_key": section_key}
        )
    index = keys.index(section_key)
    section = place.qn.sections[index]
    previous = place.qn.sections[index - 1] if index > 0 else None
    following = place.qn.sections[index + 1] if index + 1 < len(keys) else None
    return section, previous, following


def _workflow(user, place: Place) -> dict[str, bool]:
    """Which workflow steps the overview offers: those the workflow and the person's rights
    allow now (`cbap.records.selectors.record_actions`)."""
    steps = record_actions(user, place.report) if place.report is not None else set()
    return {step: step in steps for step in ("submit", "publish", "return", "reopen")}


# --------------------------------------------------------------------------------------------
# Pages
# --------------------------------------------------------------------------------------------


@login_required
def overview(request: HttpRequest, cycle: int, code: str) -> HttpResponse:
    """The sections of the report with how far each is filled in, and the workflow steps."""
    place = _place(cycle, code)
    access = _access(request.user, place)
    return _render_overview(request, place, access)


def _render_overview(request, place: Place, access: str, problems=(), status: int = 200):
    problems = list(problems)
    return render(
        request,
        "reports/entry/overview.html",
        {
            "place": place,
            "access": access,
            "progress": progress.progress(place.qn, place.answers),
            "workflow": _workflow(request.user, place),
            "problems": _linked(place, problems),
        },
        status=status,
    )


def _linked(place: Place, problems) -> list[dict[str, str]]:
    """Problems with a link to their question in its section."""
    linked = []
    for problem in problems:
        question = place.qn.questions.get(problem.question)
        url = place.url("section", question.section) + f"#q-{question.key}" if question else ""
        reason = forms.reason_shown(problem, place.qn)
        linked.append({"key": problem.question, "reason": reason, "url": url})
    return linked


@login_required
def section(request: HttpRequest, cycle: int, code: str, section_key: str) -> HttpResponse:
    """One section of the report as a form; POST saves it as a draft."""
    place = _place(cycle, code)
    access = _access(request.user, place)
    if request.method == "POST":
        if access == REOPEN:
            return _waits_for_publication(request, place, section_key)
        if access != EDIT:
            raise PermissionDenied(_("You may read this report but not change it."))
        return _save(request, place, section_key)
    return _render_section(request, place, section_key, access=access, answers=place.answers)


def _render_section(
    request,
    place: Place,
    section_key: str,
    *,
    access: str,
    answers: dict[str, Any],
    problems=(),
    dropped=(),
    conflict: dict | None = None,
    version: int | None = None,
    status: int = 200,
) -> HttpResponse:
    current, previous, following = _sections(place, section_key)
    problems = list(problems)
    fields = forms.section_form(
        place.qn,
        section_key,
        answers,
        problems=problems,
        baselines=_baselines(place),
        language=_text_language(request),
        languages=(
            forms.typed_languages(place.qn, section_key, request.POST)
            if request.method == "POST"
            else None
        ),
    )
    return render(
        request,
        "reports/entry/section.html",
        {
            "place": place,
            "access": access,
            "section": current,
            "section_title": title_html(current.title, current.footnote),
            "section_name": plain(current.title),
            "section_footnote": safe_html(current.footnote) if current.footnote else None,
            "section_description": safe_html(current.description) if current.description else None,
            "previous": previous,
            "following": following,
            "sections": [(s.key, title_html(s.title)) for s in place.qn.sections],
            "fields": fields,
            "problems": _linked(place, problems),
            "dropped": list(dropped),
            "conflict": conflict,
            "version": place.version if version is None else version,
            "rules": rules.rules_data(place.qn, section_key, answers),
        },
        status=status,
    )


def _text_language(request) -> str:
    """The language a free text is offered in first: the interface language."""
    code = getattr(request, "LANGUAGE_CODE", None) or translation.get_language()
    return forms.interface_language(code)


def _save(request, place: Place, section_key: str) -> HttpResponse:
    """Save one section as a draft: drop answers the rules make not applicable (saying so),
    refuse real problems (all shown at once, with what was typed), refuse a stale version
    (409, showing what changed meanwhile) and never require mandatory answers."""
    _sections(place, section_key)
    wants_json = "application/json" in request.headers.get("Accept", "")
    try:
        expected = int(request.POST.get("version", ""))
    except ValueError:
        expected = -1
    draft = forms.section_draft(
        place.qn, section_key, request.POST, place.answers, _text_language(request)
    )
    if not draft.ok:
        count = len(draft.problems)
        message = ngettext(
            "Not saved: %(count)s problem to fix first (see the questions marked below).",
            "Not saved: %(count)s problems to fix first (see the questions marked below).",
            count,
        ) % {"count": count}
        if wants_json:
            return JsonResponse(
                {
                    "message": message,
                    "problems": [forms.reason_shown(p, place.qn) for p in draft.problems],
                },
                status=400,
            )
        return _render_section(
            request,
            place,
            section_key,
            access=EDIT,
            answers=draft.typed,
            problems=draft.problems,
            version=expected,
            status=400,
        )

    try:
        report, changed = services.report_answers_save(
            cycle=place.cycle,
            government=place.government,
            answers=draft.answers,
            expected_version=expected,
            actor=request.user,
            request=request,
        )
    except ConflictError as conflict:
        return _conflict(request, place, section_key, draft.typed, expected, conflict, wants_json)

    when = timezone.localtime().strftime("%H:%M")
    saved = (
        _("Draft saved at %(time)s.") % {"time": when}
        if changed
        else _("No changes since the last save.")
    )
    dropped_notes = [forms.reason_shown(p, place.qn) for p in draft.dropped]
    if wants_json:
        message = saved
        if dropped_notes:
            count = len(dropped_notes)
            message += " " + ngettext(
                "%(count)s answer removed: %(notes)s",
                "%(count)s answers removed: %(notes)s",
                count,
            ) % {"count": count, "notes": " ".join(dropped_notes)}
        return JsonResponse(
            {"version": report.version, "message": message, "dropped": dropped_notes}
        )
    messages.success(request, saved)
    for note in dropped_notes:
        messages.warning(request, _("Answer removed: %(note)s") % {"note": note})
    place.report = report
    target = section_key
    if "go_next" in request.POST:
        *_before, following = _sections(place, section_key)
        if following is not None:
            target = following.key
    return redirect(place.url("section", target))


def _waits_for_publication(request, place: Place, section_key: str) -> HttpResponse:
    """A save (an autosave too) of a submitted report: refused, saying what to do, so that
    nothing moves the report back to draft behind its publisher's back (409)."""
    message = _(
        "Not saved: the report is submitted for publication and waits for the focal point. "
        "To change it, take it back to draft first (“Take back to draft to edit”)."
    )
    if "application/json" in request.headers.get("Accept", ""):
        return JsonResponse({"message": message}, status=409)
    messages.error(request, message)
    return _render_section(
        request, place, section_key, access=REOPEN, answers=place.answers, status=409
    )


def _conflict(request, place, section_key, typed, expected, conflict, wants_json):
    current = NationalReport.objects.get(cycle=place.cycle, government=place.government)
    place.report = current
    message = _(
        "Not saved: someone else saved this report since you opened it (it is now at version "
        "%(version)s). Nothing was overwritten and what you typed is still here; "
        "press “Save draft” to see what changed meanwhile."
    ) % {"version": conflict.current_version}
    if wants_json:
        return JsonResponse(
            {"message": message, "version": conflict.current_version, "conflict": True},
            status=409,
        )
    # What the record services saw change since the version the person started from.
    answers_change = conflict.changes_since.get("answers")
    if answers_change is not None:
        base = answers_change.old or {}
    else:
        base = {} if expected <= 0 else current.answers
    status_change = conflict.changes_since.get("status")
    authors = sorted(
        {str(r.author) for r in record_history(current).filter(number__gt=expected) if r.author}
    )
    return _render_section(
        request,
        place,
        section_key,
        access=EDIT,
        answers=typed,
        conflict={
            "changes": changes_meanwhile(place.qn, base, current.answers, typed),
            "status": (
                (Status(status_change.old).label, Status(status_change.new).label)
                if status_change
                else None
            ),
            "authors": authors,
            "version": current.version,
            "yours": expected,
        },
        version=current.version,  # saving again now is a deliberate overwrite
        status=409,
    )


# --------------------------------------------------------------------------------------------
# Workflow
# --------------------------------------------------------------------------------------------


@login_required
@require_POST
def transition(request: HttpRequest, cycle: int, code: str, action: str) -> HttpResponse:
    """Submit or publish the report; the service first checks every answer, mandatory ones
    included, and the person's right to take the step."""
    place = _place(cycle, code)
    access = _access(request.user, place)
    if place.report is None:
        messages.error(request, _("Save a draft of the report first."))
        return redirect(place.url())
    seen = _posted_version(request)
    if seen is None:
        messages.error(
            request, _("The page was out of date: look at the report again, then retry.")
        )
        return redirect(place.url())
    try:
        services.report_transition(
            report=place.report,
            actor=request.user,
            action=action,
            expected_version=seen,
            request=request,
        )
    except services.ReportNotReady as error:
        count = len(error.problems)
        if action == "submit":
            not_ready = ngettext(
                "The report cannot be submitted yet: %(count)s problem to fix, listed below.",
                "The report cannot be submitted yet: %(count)s problems to fix, listed below.",
                count,
            )
        else:
            not_ready = ngettext(
                "The report cannot be published yet: %(count)s problem to fix, listed below.",
                "The report cannot be published yet: %(count)s problems to fix, listed below.",
                count,
            )
        messages.error(request, not_ready % {"count": count})
        return _render_overview(request, place, access, error.problems, status=400)
    except ConflictError as error:
        changed = ", ".join(sorted(error.changes_since)) or _("the report")
        if action == "submit":
            stale = _(
                "Someone saved the report after you opened this page (now version "
                "%(current_version)s; changed: %(changed)s). Nothing was submitted: look "
                "at the answers, then retry."
            )
        else:
            stale = _(
                "Someone saved the report after you opened this page (now version "
                "%(current_version)s; changed: %(changed)s). Nothing was published: look "
                "at the answers, then retry."
            )
        messages.error(
            request, stale % {"current_version": error.current_version, "changed": changed}
        )
        return redirect(place.url())
    except RecordError as error:
        messages.error(request, str(error))
        return redirect(place.url())
    done = {
        "submit": _("The report was submitted for publication."),
        "publish": _("The report was published."),
    }[action]
    messages.success(request, done)
    return redirect(place.url())


@login_required
def publish(request: HttpRequest, cycle: int, code: str) -> HttpResponse:
    """Publishing asks first: the page shows what the public will see change (the answers that
    differ from the published version), and only its confirming POST publishes."""
    if request.method == "POST" and request.POST.get("confirmed") == "yes":
        return transition(request, cycle, code, action="publish")
    place = _place(cycle, code)
    if place.report is None:
        raise Http404(_("Nothing is saved yet: there is nothing to publish."))
    require_step(request.user, "publish", place.report)
    published = place.report.published_version
    before = _answers_of(place.report, published) if published else {}
    return render(
        request,
        "reports/entry/publish.html",
        {
            "place": place,
            "published": published,
            "changes": answer_changes(place.qn, before, place.answers),
        },
    )


@login_required
def changes(request: HttpRequest, cycle: int, code: str) -> HttpResponse:
    """What changed between two versions of the report (`a`, `b`; by default the published
    version and the working copy), question by question, in words."""
    place = _place(cycle, code)
    if place.report is None:
        raise Http404(_("Nothing is saved yet."))
    permissions.require(request.user, permissions.Action.VIEW_HISTORY, place.report)
    revisions = list(record_history(place.report).defer("content"))  # two are read below
    numbers = {r.number for r in revisions}
    a = _revision_number(request.GET.get("a"), place.report.published_version or 0)
    b = _revision_number(request.GET.get("b"), place.report.version)
    if a not in numbers | {0} or b not in numbers:
        raise Http404(
            _("The report has revisions 1 to %(version)s.") % {"version": place.report.version}
        )
    return render(
        request,
        "reports/entry/changes.html",
        {
            "place": place,
            "revisions": revisions,
            "a": a,
            "b": b,
            "caption": (
                _("from revision %(a)s to revision %(b)s") % {"a": a, "b": b}
                if a
                else _("up to revision %(b)s") % {"b": b}
            ),
            "changes": answer_changes(
                place.qn, _answers_of(place.report, a), _answers_of(place.report, b)
            ),
        },
    )


def _answers_of(report: NationalReport, number: int) -> dict[str, Any]:
    """The answers of revision `number` (0: before the first, no answers)."""
    content = revision_content(report, number) if number else None
    return (content or {}).get("answers") or {}


def _revision_number(raw: str | None, default: int) -> int:
    try:
        return int(raw) if raw not in (None, "") else default
    except ValueError as error:
        raise Http404(_("A revision is a whole number.")) from error


def _posted_version(request: HttpRequest) -> int | None:
    """The report version the person's page showed (a hidden field of the step forms)."""
    try:
        return int(request.POST["version"])
    except (KeyError, ValueError):
        return None


# --------------------------------------------------------------------------------------------
# Printing
# --------------------------------------------------------------------------------------------


@login_required
def print_report(request: HttpRequest, cycle: int, code: str) -> HttpResponse:
    """Every section and answer on one page, laid out for paper."""
    place = _place(cycle, code)
    _access(request.user, place)
    return render(
        request,
        "reports/entry/print.html",
        {
            "place": place,
            "sections": entry_answers.printed_sections(place.qn, place.answers),
            "printed": timezone.localtime(),
        },
    )
