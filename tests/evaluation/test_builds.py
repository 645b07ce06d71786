"""The report's files are built in the background: anyone asks, the worker builds, the page
shows the progress and then the file, and the person who asked is told; a failure keeps no
file, says why and can be retried; a second ask gets the build under way; a file is served
only while it holds the findings published beside its snapshot (one published or withdrawn
since puts it out of date)."""

import io

import docx
import openpyxl
import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from cbap.audit.models import AuditEntry
from cbap.evaluation import report, services
from cbap.evaluation.models import Finding, ReportBuild, Snapshot
from cbap.records import services as record_services
from tests.evaluation.test_report import snapshot, written  # noqa: F401 (a fixture)

SITE = "http://testserver"


def asked(snapshot, fmt="xlsx", *, actor=None, background=False, **more):  # noqa: F811
    return services.report_build_create(
        snapshot=snapshot, fmt=fmt, site=SITE, actor=actor, background=background, **more
    )


def file_url(fmt: str) -> str:
    return f"/evaluation/snapshots/midterm-2026/report.{fmt}"


def run_worker() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", stdout=io.StringIO())


@pytest.mark.django_db(transaction=True)  # the worker reads what the page committed
def test_the_worker_builds_what_the_page_asked_and_tells_who_asked(
    client,
    snapshot,  # noqa: F811
    kenya_focal_point,
    mailoutbox,
):
    client.force_login(kenya_focal_point)
    missing = client.get(file_url("docx"))
    assert missing["Content-Type"].startswith("text/html")
    assert "This document is not built yet" in missing.content.decode()
    assert "Build it" in missing.content.decode()
    mailoutbox.clear()  # the snapshot's own news

    response = client.post(
        reverse("evaluation:build_create"), {"snapshot": "midterm-2026", "fmt": "docx"}
    )
    build = ReportBuild.objects.get()
    assert response["Location"] == build.get_absolute_url() == f"/evaluation/builds/{build.pk}/"
    page = client.get(build.get_absolute_url()).content.decode()
    assert build.status == "queued" and 'http-equiv="refresh"' in page
    assert "This document is being built" in client.get(file_url("docx")).content.decode()

    run_worker()
    build.refresh_from_db()
    assert (build.status, build.step, build.created_by, build.site) == (
        "built",
        "",
        kenya_focal_point,
        SITE,
    )
    page = client.get(build.get_absolute_url()).content.decode()
    assert 'http-equiv="refresh"' not in page
    assert reverse("evaluation:build_download", args=[build.pk]) in page
    response = client.get(file_url("docx"))
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="cbap-evaluation-midterm-2026.docx"'
    )
    document = docx.Document(io.BytesIO(response.content))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "A.1. Parties have in place functional national biosafety frameworks" in headings
    assert client.get(reverse("evaluation:build_download", args=[build.pk])).content == (
        response.content
    )

    [told] = kenya_focal_point.notifications.all()
    assert (told.kind, told.link) == ("task_done", build.get_absolute_url())
    [mail] = mailoutbox
    assert mail.to == [kenya_focal_point.email]
    assert "Evaluation report, snapshot midterm-2026 (DOCX): built" in mail.subject
    assert f"{build.get_absolute_url()}" in mail.body
    assert AuditEntry.objects.filter(target_type="evaluation.reportbuild", event="create").exists()


@pytest.mark.django_db(transaction=True)
def test_a_failed_build_keeps_no_file_says_why_and_is_built_on_retry(
    client,
    snapshot,  # noqa: F811
    kenya_focal_point,
    monkeypatch,
):
    def broken(built, fmt, site):
        raise RuntimeError("the renderer fell over")

    monkeypatch.setattr(report, "render", broken)
    client.force_login(kenya_focal_point)
    client.post(reverse("evaluation:build_create"), {"snapshot": "midterm-2026", "fmt": "xlsx"})
    run_worker()
    build = ReportBuild.objects.get()
    assert (build.status, build.content) == ("failed", None)
    assert "the renderer fell over" in build.error
    page = client.get(build.get_absolute_url()).content.decode()
    assert "the renderer fell over" in page and "Retry" in page
    assert "not built yet" in client.get(file_url("xlsx")).content.decode()
    assert client.get(reverse("evaluation:build_download", args=[build.pk])).status_code == 404
    assert kenya_focal_point.notifications.get().kind == "task_failed"

    monkeypatch.undo()
    response = client.post(reverse("evaluation:build_retry", args=[build.pk]))
    assert response["Location"] == build.get_absolute_url()
    run_worker()
    build.refresh_from_db()
    assert (build.status, build.error) == ("built", "")
    book = openpyxl.load_workbook(io.BytesIO(client.get(file_url("xlsx")).content))
    assert book.sheetnames[:2] == ["A.1", "A.2"]
    assert client.post(reverse("evaluation:build_retry", args=[build.pk])).status_code == 400


def test_a_second_ask_gets_the_build_under_way_or_the_file_built(snapshot):  # noqa: F811
    first = asked(snapshot, background=True)  # queued: nothing runs it in this test
    assert asked(snapshot, background=True) == first
    assert asked(snapshot, "docx", background=True) != first  # another format
    assert ReportBuild.objects.count() == 2
    ReportBuild.objects.filter(pk=first.pk).update(status="failed")
    built = asked(snapshot)
    assert built.status == "built" and asked(snapshot) == built
    assert ReportBuild.objects.count() == 3


def test_nothing_is_built_of_an_unfrozen_snapshot_an_unknown_format_or_government(
    client,
    snapshot,  # noqa: F811
):
    unfrozen = Snapshot.objects.create(name="later", status="freezing")
    for snapshot_, fmt, party, said in (
        (unfrozen, "xlsx", "", "is not frozen"),
        (snapshot, "odt", "", "No such format"),
        (snapshot, "xlsx", "XYZ", "No government has the code XYZ"),
    ):
        with pytest.raises(services.ReportBuildError, match=said):
            asked(snapshot_, fmt, party=party)
    url = reverse("evaluation:build_create")
    assert client.post(url, {"snapshot": "nope", "fmt": "xlsx"}).status_code == 404
    assert client.post(url, {"snapshot": "later", "fmt": "xlsx"}).status_code == 400
    assert client.post(url, {"snapshot": "midterm-2026", "fmt": "odt"}).status_code == 400
    assert client.get("/evaluation/snapshots/nope/report.xlsx").status_code == 404
    assert client.get("/evaluation/snapshots/later/report.xlsx").status_code == 404
    assert client.get("/evaluation/snapshots/midterm-2026/profiles/XYZ.xlsx").status_code == 404
    assert (
        client.post(url, {"snapshot": "midterm-2026", "fmt": "xlsx", "party": "XYZ"}).status_code
        == 400
    )
    assert not ReportBuild.objects.exists()
    assert not AuditEntry.objects.filter(target_type="evaluation.reportbuild").exists()


def test_anyone_may_ask_a_signed_out_reader_is_not_told(snapshot, mailoutbox):  # noqa: F811
    mailoutbox.clear()
    client = Client(enforce_csrf_checks=True)
    url = reverse("evaluation:build_create")
    assert client.post(url, {"snapshot": "midterm-2026", "fmt": "html"}).status_code == 403
    missing = client.get(file_url("html"))
    token = missing.cookies["csrftoken"].value
    response = client.post(
        url, {"snapshot": "midterm-2026", "fmt": "html", "csrfmiddlewaretoken": token}
    )
    build = ReportBuild.objects.get()
    assert response.status_code == 302 and build.created_by is None
    services.report_build_run(build=build)
    assert "66.7 %" in client.get(file_url("html")).content.decode()
    assert not mailoutbox


def test_a_file_is_served_only_while_it_holds_the_published_findings(
    client,
    snapshot,  # noqa: F811
    analyst,
    secretariat_admin,
):
    build = asked(snapshot, "docx")
    written(analyst, "A draft changes nothing.", publish_it=False)
    assert client.get(file_url("docx"))["Content-Type"].endswith("document")
    written(analyst, "Staffing improved (published).", publish_it=True)
    assert "not built yet" in client.get(file_url("docx")).content.decode()
    assert "out of date" in client.get(build.get_absolute_url()).content.decode()
    assert client.get(reverse("evaluation:build_download", args=[build.pk])).status_code == 404

    again = asked(snapshot, "docx")
    document = docx.Document(io.BytesIO(client.get(file_url("docx")).content))
    assert "Staffing improved (published)." in [p.text for p in document.paragraphs]
    finding = Finding.objects.get(status="published")
    record_services.record_transition(
        record=finding, actor=secretariat_admin, action="withdraw", message="Not supported."
    )
    # Without the finding again: the first file holds just what the report holds now.
    assert asked(snapshot, "docx") == build != again
    document = docx.Document(io.BytesIO(client.get(file_url("docx")).content))
    assert "Staffing improved (published)." not in [p.text for p in document.paragraphs]


def test_a_file_is_built_in_the_language_it_was_asked_in(client, snapshot):  # noqa: F811
    asked(snapshot, "html")
    assert client.get(file_url("html")).has_header("Content-Disposition")
    assert not client.get(f"/fr{file_url('html')}").has_header("Content-Disposition")
    assert asked(snapshot, "html", language="fr").language == "fr"
    assert client.get(f"/fr{file_url('html')}").has_header("Content-Disposition")


def test_a_country_profile_is_built_like_the_report(client, snapshot):  # noqa: F811
    """Kenya's profile, asked in lower case, built at once here, served at its address."""
    build = asked(snapshot, "xlsx", party="ken")
    assert (build.party, build.status) == ("KEN", "built")
    response = client.get("/evaluation/snapshots/midterm-2026/profiles/KEN.xlsx")
    assert response["Content-Disposition"].endswith('filename="cbap-profile-KEN-midterm-2026.xlsx"')
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    standing = {row[0]: row[1:] for row in book["Indicators"].iter_rows(2, values_only=True)}
    assert standing["A.1.b"] == ("no", "yes")  # Kenya's answers: NR4 not adequate, NR5 adequate
    page = client.get("/evaluation/snapshots/midterm-2026/profiles/KEN/")
    assert page.status_code == 200 and "Country profile: Kenya (KEN)" in page.content.decode()
    assert client.get("/evaluation/snapshots/midterm-2026/profiles/XYZ/").status_code == 404
