"""The focal point's review of a national report: notified of a submission, reading the
changes question by question, returning it with a comment, confirming publication; a submitted
report is changed only after a deliberate step back to draft."""

import html

import pytest
from django.core import mail
from django.test import Client

from cbap.accounts.models import Role
from cbap.audit.models import AuditEntry
from cbap.notifications.models import Notification
from cbap.records.models import Status
from tests.personas import person
from tests.reports.entry.test_views import SECTION, complete, report, save, step

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewer(focal_point):
    client = Client()
    client.force_login(focal_point)
    return client


def test_a_submission_tells_the_focal_point_in_the_app_and_by_e_mail(
    drafter, reviewer, focal_point, national_user
):
    complete(drafter)
    mail.outbox.clear()
    step(drafter, "submit")
    [note] = Notification.objects.filter(recipient=focal_point)
    assert note.kind == "submitted" and note.link == "/entry/5/KEN/"
    assert "waits for your publication" in note.subject and national_user.email in note.text
    assert not Notification.objects.filter(recipient=national_user).exists()  # the actor
    [message] = mail.outbox
    assert message.to == [focal_point.email] and "/entry/5/KEN/" in message.body
    [(html, kind)] = message.alternatives
    assert kind == "text/html" and "Open it on cbap" in html
    page = reviewer.get("/my-work/").content.decode()
    assert "To review and publish (1)" in page and "Fifth national report: Kenya" in page


def test_the_changes_since_the_published_version_are_shown_question_by_question_in_words(
    drafter, reviewer
):
    complete(drafter)
    step(reviewer, "publish")
    save(
        drafter,
        version=report().version,
        Q007="implementation.partiallyInPlace",
        Q010="true",
        Q010_adq="false",
        Q013="Added after publication.",
    )
    page = reviewer.get("/entry/5/KEN/changes/").content.decode()
    assert "2 answers changed" in page
    assert "<p>Fully in place</p>" in page and "<p>Partially</p>" in page  # titles, not values
    assert "implementation.fullInPlace" not in page
    assert "Added after publication." in page and "(no answer)" in page
    confirm = reviewer.get("/entry/5/KEN/publish/").content.decode()
    assert "What changes for the public" in confirm and "2 answers changed" in confirm
    assert "Yes, publish version" in confirm


def test_publishing_needs_the_confirmation(drafter, reviewer):
    complete(drafter)
    version = report().version
    asked = reviewer.post("/entry/5/KEN/publish/", {"version": version})
    assert asked.status_code == 200 and "Yes, publish version" in asked.content.decode()
    assert report().status == Status.DRAFT
    reviewer.post("/entry/5/KEN/publish/", {"version": version, "confirmed": "yes"})
    assert report().status == Status.PUBLISHED


def test_the_focal_point_returns_a_submission_with_a_comment_that_its_author_reads(
    drafter, reviewer, national_user
):
    complete(drafter)
    step(drafter, "submit")
    overview = reviewer.get("/entry/5/KEN/").content.decode()
    assert "Return to its author with a comment" in overview
    url = f"/records/reports.nationalreport/{report().pk}/return/"
    refused = reviewer.post(url, {"version": report().version, "message": ""})
    assert refused.status_code == 400 and report().status == Status.SUBMITTED
    reviewer.post(url, {"version": report().version, "message": "Q013: say which laws."})
    assert report().status == Status.DRAFT
    [note] = Notification.objects.filter(recipient=national_user, kind="returned")
    assert "Reason: Q013: say which laws." in note.text
    mine = drafter.get("/my-work/").content.decode()
    assert "Returned to fix (1)" in mine


def test_saving_a_submitted_report_is_refused_until_it_is_taken_back(drafter):
    complete(drafter)
    step(drafter, "submit")
    version = report().version
    autosave = save(drafter, version=version, accept="application/json", Q013="Late edit.")
    assert autosave.status_code == 409 and "take it back to draft" in autosave.json()["message"]
    page = save(drafter, version=version, Q013="Late edit.")
    assert page.status_code == 409 and "Take back to draft to edit" in page.content.decode()
    assert report().status == Status.SUBMITTED and "Q013" not in report().answers

    drafter.post(
        f"/records/reports.nationalreport/{report().pk}/reopen/",
        {"version": version, "next": SECTION},
    )
    assert report().status == Status.DRAFT
    assert save(drafter, version=report().version, Q013="Late edit.").status_code == 302
    assert report().answers["Q013"]
    assert AuditEntry.objects.filter(event="reopen").count() == 1


def test_a_refused_change_of_another_partys_report_says_why_and_is_audited(nr5, kenya):
    from cbap.parties.models import Government

    uganda = Government.objects.create(code="UGA", iso3="UGA", iso2="UG", name="Uganda")
    stranger = Client()
    stranger.force_login(person("nfp@ug.example", Role.NATIONAL_FOCAL_POINT, party=uganda))
    response = stranger.post(SECTION, {"version": "0", "q:Q013": "Not mine."})
    assert response.status_code == 403
    said = html.unescape(response.content.decode())
    assert "Only the Party's national users may enter its national report." in said
    [entry] = AuditEntry.objects.filter(event="refused")
    assert entry.actor_email == "nfp@ug.example" and entry.details["path"] == SECTION
    assert "national users" in entry.details["reason"]
