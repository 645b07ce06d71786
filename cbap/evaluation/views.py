"""Web pages of the midterm evaluation: the snapshots (freezing one, its progress, what it
holds), the indicators as a snapshot froze them, their downloads, and comparisons; findings and
recommendations written beside a snapshot's numbers (the workflow steps and history are the
generic record pages'); the documents built from a snapshot in the background and their files."""

from __future__ import annotations

import re
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import BadRequest, PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from cbap.accounts import permissions
from cbap.activities import selectors as activity_selectors
from cbap.core import downloads
from cbap.evaluation import profile, report, selectors, sentences, services
from cbap.evaluation.forms import FindingForm
from cbap.evaluation.models import Finding, ReportBuild, Snapshot
from cbap.indicators import charts, exports
from cbap.indicators import selectors as indicators
from cbap.plan.models import Goal, PlanVersion
from cbap.records import selectors as record_selectors
from cbap.records.views import readable_or_404, record_created, record_edit


def snapshot_list(request):
    may_freeze = permissions.can(request.user, permissions.Action.FREEZE_DATA)
    if request.method == "POST":
        if not may_freeze:
            raise PermissionDenied(_("Only the Secretariat freezes snapshots."))
        try:
            snapshot = services.snapshot_create(
                name=request.POST.get("name", "").strip(),
                reason=request.POST.get("reason", "").strip(),
                actor=request.user,
            )
        except services.SnapshotError as error:
            messages.error(request, str(error))
        else:
            return redirect(snapshot)
    return render(
        request,
        "evaluation/snapshot_list.html",
        {"snapshots": selectors.snapshots(), "may_freeze": may_freeze, "form": request.POST},
        status=400 if request.method == "POST" else 200,
    )


def snapshot_detail(request, name: str):
    snapshot = selectors.snapshot_named(name)
    return render(
        request,
        "evaluation/snapshot_detail.html",
        {
            "snapshot": snapshot,
            "others": selectors.snapshots()
            .filter(status=Snapshot.Status.FROZEN)
            .exclude(pk=snapshot.pk),
            "may_freeze": permissions.can(request.user, permissions.Action.FREEZE_DATA),
            "cycles": sorted(snapshot.summary.items()),
        },
    )


@require_POST
def snapshot_retry(request, name: str):
    snapshot = selectors.snapshot_named(name)
    try:
        services.snapshot_retry(snapshot=snapshot, actor=request.user)
    except services.SnapshotError as error:
        raise PermissionDenied(str(error)) from error
    return redirect(snapshot)


def snapshot_indicators(request, name: str):
    snapshot = selectors.frozen_snapshot(name)
    data = indicators.dashboard(
        selectors.frozen_cycles(snapshot),
        link=lambda code: reverse("evaluation:indicator", args=[name, code]),
    )
    return render(
        request, "evaluation/snapshot_indicators.html", {"snapshot": snapshot, "data": data}
    )


def snapshot_indicators_download(request, name: str, fmt: str):
    snapshot = selectors.frozen_snapshot(name)
    data = indicators.dashboard(selectors.frozen_cycles(snapshot))
    content = exports.DASHBOARD_RENDERERS[fmt](data, base_url=_site(request))
    name_of_file = downloads.file_name("indicators", snapshot.name, extension=fmt)
    return downloads.download(content, name_of_file)


def snapshot_indicator(request, name: str, code: str):
    snapshot = selectors.frozen_snapshot(name)
    group = request.GET.get("group") or None
    try:
        data = indicators.indicator_detail(
            code, group=group, snapshots=selectors.frozen_cycles(snapshot)
        )
    except ValueError as error:
        raise BadRequest(str(error)) from error
    if data is None:
        raise Http404(_("The Action Plan has no indicator %(code)s.") % {"code": code})
    return render(
        request,
        "evaluation/snapshot_indicator.html",
        {
            "snapshot": snapshot,
            "data": data,
            "chart": charts.indicator_chart(data["code"], data["measure"], data["values"]),
            "chart_rows": charts.table_rows(data["values"]),
            "group_query": f"?{urlencode({'group': group})}" if group else "",
        },
    )


def snapshot_compare(request, name: str):
    other = request.GET.get("with") or selectors.LIVE
    comparison = selectors.compare(name, other)
    return render(
        request,
        "evaluation/snapshot_compare.html",
        {"comparison": comparison, "snapshot": selectors.frozen_snapshot(name)},
    )


def snapshot_report(request, name: str):
    built = report.build(selectors.frozen_snapshot(name))
    return render(request, "evaluation/report.html", {"report": built})


def snapshot_profiles(request, name: str):
    """Every Party's country profile in the snapshot; a Party chosen in the form is sent to
    its own."""
    snapshot = selectors.frozen_snapshot(name)
    if party := request.GET.get("party", "").strip().upper():
        if not re.fullmatch(r"[A-Z]{2,3}", party):
            raise Http404(_("No government has the code %(code)s.") % {"code": party})
        return redirect("evaluation:profile", name, party)
    return render(
        request,
        "evaluation/profile_list.html",
        {"snapshot": snapshot, "parties": selectors.snapshot_parties(snapshot)},
    )


def snapshot_profile(request, name: str, party: str):
    try:
        built = profile.build(selectors.frozen_snapshot(name), party)
    except profile.UnknownParty as error:
        raise Http404(str(error)) from error
    return render(
        request, "evaluation/profile.html", {"profile": built, "formats": report.DOCUMENTS}
    )


@never_cache  # "not built yet" turns into the file once the worker has built it
def snapshot_report_download(request, name: str, fmt: str, party: str = ""):
    """The report's (or the `party`'s profile's) file as last built, while it is up to date;
    else a page that offers to build it (in the background: `build_create`)."""
    snapshot = selectors.frozen_snapshot(name)
    if party and selectors.government_coded(party) is None:
        raise Http404(_("No government has the code %(code)s.") % {"code": party})
    wanted = {"snapshot": snapshot, "party": party, "fmt": fmt, "language": get_language()}
    if build := selectors.report_build_fresh(**wanted):
        return _build_file(build)
    return render(
        request,
        "evaluation/build_missing.html",
        {
            "wanted": ReportBuild(**wanted),
            "pending": selectors.report_build_pending(**wanted),
        },
    )


@require_POST
def build_create(request):
    snapshot = selectors.snapshot_named(request.POST.get("snapshot", ""))
    try:
        build = services.report_build_create(
            snapshot=snapshot,
            fmt=request.POST.get("fmt", ""),
            party=request.POST.get("party", ""),
            site=_site(request),
            actor=request.user,
        )
    except services.ReportBuildError as error:
        raise BadRequest(str(error)) from error
    return redirect(build)


@never_cache  # its progress
def build_detail(request, pk: int):
    build = selectors.report_build(pk)
    return render(
        request,
        "evaluation/build_detail.html",
        {"build": build, "fresh": selectors.report_build_is_fresh(build)},
    )


@require_POST
def build_retry(request, pk: int):
    build = selectors.report_build(pk)
    try:
        services.report_build_retry(build=build, actor=request.user)
    except services.ReportBuildError as error:
        raise BadRequest(str(error)) from error
    return redirect(build)


def build_download(request, pk: int):
    build = selectors.report_build(pk)
    if not selectors.report_build_is_fresh(build):
        raise Http404(_("This file is not built, or out of date."))
    build.refresh_from_db(fields=["content"])
    return _build_file(build)


def _build_file(build):
    name = build.snapshot.name
    parts = ("profile", build.party, name) if build.party else ("evaluation", name)
    return downloads.download(
        bytes(build.content), downloads.file_name(*parts, extension=build.fmt)
    )


def _site(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


# ------------------------------------------------------------------------------------------
# Findings and recommendations
# ------------------------------------------------------------------------------------------


def finding_list(request):
    published = Finding.objects.filter(published_version__isnull=False)
    return render(
        request,
        "evaluation/finding_list.html",
        {
            "findings": record_selectors.record_views(request.user, published),
            "own": activity_selectors.own_records(request.user, Finding),
            "may_write": permissions.can(request.user, permissions.Action.CREATE),
            "snapshots": selectors.snapshots().filter(status=Snapshot.Status.FROZEN),
            "goals": Goal.objects.filter(version=PlanVersion.current()),
        },
    )


def finding_create(request):
    permissions.require(request.user, permissions.Action.CREATE)
    asked = request.POST if request.method == "POST" else request.GET
    snapshot = selectors.frozen_snapshot(asked.get("snapshot", ""))
    goal = asked.get("goal", "")
    offered = sentences.goal_sentences(snapshot, goal)
    if request.method == "POST":
        form = FindingForm(request.POST)
        if form.is_valid():
            return record_created(request, form, model=Finding)
    else:
        form = FindingForm(
            initial={
                "snapshot": snapshot.name,
                "goal": goal,
                "kind": Finding.Kind.FINDING,
                "text": "\n\n".join(s.text for s in offered),
                "sources": [s.code for s in offered],
            }
        )
    return render(
        request,
        "evaluation/finding_form.html",
        {"form": form, "offered": offered, "snapshot": snapshot},
        status=400 if form.errors else 200,
    )


def finding_detail(request, pk: int):
    finding = readable_or_404(request, Finding.objects.filter(pk=pk).first())
    view = record_selectors.record_view(request.user, finding)
    return render(
        request,
        "evaluation/finding_detail.html",
        {"view": view, "record": finding, "here": request.path},
    )


def finding_edit(request, pk: int):
    finding = readable_or_404(request, Finding.objects.filter(pk=pk).first())
    snapshot = selectors.snapshots().filter(name=finding.snapshot).first()
    offered = sentences.goal_sentences(snapshot, finding.goal) if snapshot else []
    return record_edit(
        request,
        finding,
        form_class=FindingForm,
        template_name="evaluation/finding_form.html",
        context={"record": finding, "offered": offered, "snapshot": snapshot},
    )
