"""Web pages of national reports: cycles, the reports of a cycle, one report, downloads, import."""

from __future__ import annotations

import json

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from cbap.accounts.permissions import Action, can
from cbap.core import downloads
from cbap.parties.models import Government
from cbap.records.services import ConflictError, RecordError
from cbap.reports import permissions as report_permissions
from cbap.reports import selectors, services
from cbap.reports.filtersets import NationalReportFilterSet
from cbap.reports.formats import exporting
from cbap.reports.formats.jobs import import_job_create, import_job_progress, import_job_start
from cbap.reports.formats.renderers import RENDERERS
from cbap.reports.formats.workbook import render_workbook
from cbap.reports.models import ImportJob, NationalReport, ReportingCycle, ReportQuery

CYCLE_DOWNLOADS = ("feed", "document", "csv", "wide-csv", "wide-xlsx")
REPORT_DOWNLOADS = ("feed", "document", "csv", "xlsx")


def _cycle(number: int) -> ReportingCycle:
    return get_object_or_404(ReportingCycle, number=number)


def index(request: HttpRequest) -> HttpResponse:
    cycles = list(selectors.cycles_with_counts().select_related("previous"))
    return render(
        request,
        "reports/index.html",
        {
            "cycles": cycles,
            "any_synthetic": any(c.synthetic_count for c in cycles),
            "may_upload": report_permissions.may_upload(request.user),
        },
    )


def report_list(request: HttpRequest, cycle: int) -> HttpResponse:
    reporting_cycle = _cycle(cycle)
    filterset = NationalReportFilterSet(
        request.GET,
        queryset=selectors.reports_visible_to(request.user, reporting_cycle),
        request=request,
    )
    reports = selectors.as_seen(request.user, filterset.qs.defer("answers"))
    parties = selectors.party_codes_on(reporting_cycle.deadline)
    rows = [
        {
            "report": report,
            "is_party": report.government.code in parties,
        }
        for report in reports
    ]
    return render(
        request,
        "reports/list.html",
        {
            "cycle": reporting_cycle,
            "rows": rows,
            "form": filterset.form,
            "filtered": any(filterset.form.cleaned_data.values()),
            "any_synthetic": any(r.is_synthetic for r in reports),
            "downloads": CYCLE_DOWNLOADS,
            "timeliness": selectors.submission_timeliness(reporting_cycle),
        },
    )


TIMELINESS_COLUMNS = ["cycle", "deadline", "government", "name", "submitted"]


def timeliness_download(request: HttpRequest, cycle: int, fmt: str) -> HttpResponse:
    """Each Party on the deadline with whether it submitted by it (CSV), or the counts and
    the Parties of each kind (JSON)."""
    reporting_cycle = _cycle(cycle)
    timeliness = selectors.submission_timeliness(reporting_cycle)
    names = dict(Government.objects.values_list("code", "name"))
    standing = timeliness.standing()
    if fmt == "csv":
        rows = [
            {
                "cycle": reporting_cycle.number,
                "deadline": timeliness.deadline.isoformat(),
                "government": code,
                "name": names.get(code, code),
                "submitted": kind,
            }
            for code, kind in standing
        ]
        content = downloads.csv_bytes(TIMELINESS_COLUMNS, rows)
    else:
        low, high = timeliness.share_range or (None, None)
        content = json.dumps(
            {
                "cycle": reporting_cycle.number,
                "deadline": timeliness.deadline.isoformat(),
                "population": "Parties to the Cartagena Protocol on the deadline",
                "parties": timeliness.parties,
                "percent_by_the_deadline": {"lowest": low, "highest": high},
                "percent_by_the_deadline_of_dated_reports": timeliness.share_of_dated,
                "note": TIMELINESS_NOTE,
                **{
                    kind: list(getattr(timeliness, kind))
                    for kind in ("on_time", "late", "date_unknown", "not_submitted")
                },
            },
            indent=2,
        ).encode("utf-8")
    name = downloads.file_name("submitted-by-the-deadline", f"nr{cycle}", extension=fmt)
    return downloads.download(content, name)


TIMELINESS_NOTE = (
    "The first submission of the report published now counts (a correction republished later "
    "does not make a Party late). A report whose submission date is unknown (every BCH feed "
    "import: feeds carry no dates) is date_unknown, never late; the share is therefore a range."
)


def report_detail(request: HttpRequest, cycle: int, code: str) -> HttpResponse:
    reporting_cycle = _cycle(cycle)
    report = selectors.report_for(request.user, reporting_cycle, code)
    if report is None:
        raise Http404(
            _("No %(cycle)s of %(code)s to show.")
            % {"cycle": reporting_cycle.title.lower(), "code": code}
        )
    [report] = selectors.as_seen(request.user, [report])
    version = selectors.version_read_by(request.user, report)
    answers = version.answers if version else {}
    shown = "working copy" if report.seen.working_copy else "published"
    questionnaire = selectors.questionnaire_for(reporting_cycle)
    sections = selectors.report_sections(questionnaire, answers)
    user = request.user
    return render(
        request,
        "reports/detail.html",
        {
            "cycle": reporting_cycle,
            "report": report,
            "sections": sections,
            "shown": shown,
            "updated_on": selectors.updated_on(report),
            "is_party": selectors.is_party_on(report.government, reporting_cycle.deadline),
            "may_import": report_permissions.may_import(user, report.government),
            "may_review": can(user, Action.VIEW_HISTORY, report),
            "queries": selectors.queries_of(report) if can(user, Action.VIEW_DRAFT, report) else (),
            "may_ask": can(user, Action.ASK_QUERY, report) and report.published_version,
            "may_answer": can(user, Action.ANSWER_QUERY, report),
            "downloads": REPORT_DOWNLOADS if report.published_version is not None else (),
        },
    )


@login_required
@require_POST
def query_ask(request: HttpRequest, cycle: int, code: str) -> HttpResponse:
    """The Secretariat asks the Party a question about its published report."""
    report = _report_or_404(request, cycle, code)
    try:
        services.report_query_ask(
            report=report,
            actor=request.user,
            text=request.POST.get("text", ""),
            question_key=request.POST.get("question", "").strip(),
            request=request,
        )
    except RecordError as error:
        messages.error(request, _("Not asked: %(error)s") % {"error": error})
    else:
        messages.success(request, _("Your question was sent to the Party's focal point."))
    return redirect(report.get_absolute_url() + "#queries")


@login_required
@require_POST
def query_answer(request: HttpRequest, cycle: int, code: str, pk: int) -> HttpResponse:
    """The Party answers a question of the Secretariat."""
    report = _report_or_404(request, cycle, code)
    query = get_object_or_404(ReportQuery, pk=pk, report=report)
    try:
        services.report_query_answer(
            query=query, actor=request.user, text=request.POST.get("text", ""), request=request
        )
    except ConflictError:
        messages.error(request, _("Someone of your Party answered this question meanwhile."))
    except RecordError as error:
        messages.error(request, _("Not answered: %(error)s") % {"error": error})
    else:
        messages.success(request, _("Your answer was sent to the Secretariat."))
    return redirect(report.get_absolute_url() + f"#query-{query.pk}")


def _report_or_404(request, cycle: int, code: str) -> NationalReport:
    report = selectors.report_for(request.user, _cycle(cycle), code)
    if report is None:
        raise Http404(_("No report of %(code)s in this cycle to show.") % {"code": code})
    return report


def cycle_download(request: HttpRequest, cycle: int, fmt: str) -> HttpResponse:
    reporting_cycle = _cycle(cycle)
    export = exporting.export_set(cycle=reporting_cycle)
    return downloads.download(RENDERERS[fmt](export), exporting.file_name(reporting_cycle, fmt))


def report_download(request: HttpRequest, cycle: int, code: str, fmt: str) -> HttpResponse:
    reporting_cycle = _cycle(cycle)
    government = get_object_or_404(Government, code=code.upper())
    export = exporting.export_set(cycle=reporting_cycle, government=government)
    if not export.reports:
        raise Http404(_("This report has no published version."))
    content = RENDERERS[fmt](export)
    return downloads.download(content, exporting.file_name(reporting_cycle, fmt, government))


@login_required
def workbook(request: HttpRequest, cycle: int, code: str) -> HttpResponse:
    """The XLSX workbook to fill in offline: the working copy, or blank (`?blank=1`)."""
    reporting_cycle = _cycle(cycle)
    government = get_object_or_404(Government, code=code.upper())
    if not report_permissions.may_import(request.user, government):
        raise PermissionDenied(
            _(
                "The workbook is for importing: a Secretariat administrator or the Party's "
                "national focal point downloads it (national authorized users use the web form)."
            )
        )
    report = None
    if not request.GET.get("blank"):
        report = reporting_cycle.reports.filter(government=government).first()
    content = render_workbook(
        cycle=reporting_cycle,
        questionnaire=selectors.questionnaire_for(reporting_cycle),
        government=government,
        report=selectors.working_version(report) if report else None,
    )
    blank = [] if report else ["blank"]
    name = downloads.file_name(
        f"nr{reporting_cycle.number}", government.code, *blank, extension="xlsx"
    )
    return downloads.download(content, name)


# ------------------------------------------------------------------------------------------
# Import
# ------------------------------------------------------------------------------------------


MAX_UPLOAD_BYTES = 50 * 1024 * 1024  # a whole cycle's BCH feed is about 2 MB


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy(
            "A BCH report-analyzer feed or BCH document (JSON), a CSV in long form, or a "
            "report workbook (XLSX)."
        ),
    )
    cycle = forms.TypedChoiceField(
        label=gettext_lazy("Cycle"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=gettext_lazy("Needed only when the file does not say (BCH feeds do not)."),
    )
    dry_run = forms.BooleanField(
        required=False, label=gettext_lazy("Only check the file; import nothing")
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _(
                    "The file is %(size)s MB; files up to %(limit)s MB are imported here "
                    "(use `cbap reports import`)."
                )
                % {"size": upload.size // 2**20, "limit": MAX_UPLOAD_BYTES // 2**20}
            )
        return upload

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cycle"].choices = [("", _("As the file says"))] + [
            (c.number, f"NR{c.number} – {c.title}")
            for c in ReportingCycle.objects.defer("questionnaire")
        ]


@login_required
def import_upload(request: HttpRequest) -> HttpResponse:
    # Refused before the upload is read (`may_upload`); each report of the file is then checked
    # against the uploader's rights (the Secretariat: any Party; a national focal point: theirs).
    if not report_permissions.may_upload(request.user):
        raise PermissionDenied(
            _(
                "Importing national reports is for the Secretariat's administrators and the "
                "national focal points: you hold no role that imports a Party's report."
            )
        )
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        job = import_job_create(
            file_name=upload.name,
            data=upload.read(),
            actor=request.user,
            cycle_number=form.cleaned_data["cycle"],
            dry_run=form.cleaned_data["dry_run"],
        )
        import_job_start(job=job)
        return redirect(job)
    jobs = ImportJob.objects.filter(created_by=request.user).defer("data")[:10]
    return render(request, "reports/import.html", {"form": form, "jobs": jobs})


@login_required
def import_job(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_object_or_404(ImportJob.objects.defer("data"), pk=pk)
    if not report_permissions.may_see_job(request.user, job):
        raise Http404(_("No such import."))
    progress = import_job_progress(job=job)
    return render(request, "reports/import_job.html", {"job": job, "progress": progress})
