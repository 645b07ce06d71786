"""The national-report pages and API: cycles, lists, one report, downloads."""

import io
import json
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from cbap.accounts.permissions import SYSTEM
from cbap.core.dataversion import data_changed
from cbap.parties.models import ProtocolMembership
from cbap.records.models import Status
from cbap.reports import selectors
from cbap.reports.formats import importing, long_csv, wide
from cbap.reports.models import NationalReport
from tests.downloads import data_only_csv

from .conftest import NR5_ANSWERS

pytestmark = pytest.mark.django_db


@pytest.fixture
def reports(nr5, governments, feed):
    """Kenya and Brazil published (Brazil as demo data), Germany a draft."""
    feed[1]["synthetic"] = True
    feed[1]["submittedOn"] = "2026-02-01"
    assert importing.reports_import(
        actor=SYSTEM, content=json.dumps(feed).encode(), file_name="f.json", cycle_number=5
    ).ok
    draft = (
        b"government,cycle,question,value,additional_information\nDEU,5,Q007,implementation.none,\n"
    )
    assert importing.reports_import(actor=SYSTEM, content=draft, file_name="d.csv").ok
    return {r.government.code: r for r in NationalReport.objects.all()}


def test_the_index_lists_the_cycles_with_counts(client, reports):
    html = client.get("/reports/").content.decode()
    assert "<strong>NR5</strong> Fifth national report" in html
    assert "<strong>NR4</strong> Fourth national report" in html
    assert "Baseline of the Action Plan" in html and "Midterm evaluation" in html
    assert '2 <span class="meta">(of which 1 demo data)</span>' in html
    assert "Demo data — not real national reports." in html


def test_the_list_shows_published_reports_with_the_demo_badge(client, reports):
    html = client.get("/reports/5/").content.decode()
    assert "Kenya" in html and "Brazil" in html
    assert "Germany" not in html  # a draft, hidden from the public
    assert "demo data</span>" in html and "real report" in html
    assert "Demo data — not real national reports." in html
    assert "2026-02-01" in html
    assert 'href="/reports/5/export.csv"' in html and 'href="/reports/5/export.wide-xlsx"' in html


def test_the_list_filters(client, reports):
    html = client.get("/reports/5/", {"q": "ken"}).content.decode()
    assert "Kenya" in html and "Brazil" not in html
    html = client.get("/reports/5/", {"synthetic": "no"}).content.decode()
    assert "Kenya" in html and "Brazil" not in html
    html = client.get("/reports/5/", {"synthetic": "yes"}).content.decode()
    assert "Kenya" not in html and "Brazil" in html


def test_the_secretariat_sees_drafts_in_the_list(client, reports, secretariat):
    client.force_login(secretariat)
    assert "Germany" in client.get("/reports/5/").content.decode()


def test_the_list_does_not_query_per_report(client, reports, governments, nr5):
    for code in ("EU", "ARG"):
        importing.reports_import(
            actor=SYSTEM,
            content=json.dumps([{"government": {"identifier": governments[code].iso2}}]).encode(),
            file_name="x.json",
            cycle_number=5,
        )
    # reports whose public version is an older revision cost one query for all of them
    NationalReport.objects.filter(government__code="EU").update(status=Status.DRAFT)
    data_changed()  # as the services do
    with CaptureQueriesContext(connection) as few:
        client.get("/reports/5/")
    NationalReport.objects.filter(government__code="DEU").update(published_version=1)
    data_changed()
    with CaptureQueriesContext(connection) as more:
        client.get("/reports/5/")
    assert len(more) == len(few)


def test_a_report_page_groups_answers_by_section_with_titles_and_states(client, reports):
    html = client.get("/reports/5/KEN/").content.decode()
    assert "<h1>Fifth national report: Kenya</h1>" in html
    assert '<h2 id="Article2-title">Article 2 – General provisions</h2>' in html
    assert "Has your country introduced the necessary national measures" in html
    assert "One or more national biosafety laws" in html  # option title, not value
    assert "Yes, to some extent: <q>Only for plants.</q>" in html
    assert "Biosafety Act 2009, amended 2022." in html
    assert "Not applicable" in html and "Not answered" in html
    assert 'class="state-answered' in html
    assert "Demo data" not in html.split("<main")[1]


def test_a_report_page_says_whether_the_government_was_a_party_on_the_deadline(
    client, reports, governments
):
    ProtocolMembership.objects.create(
        government=governments["KEN"], protocol="cartagena", entry_into_force_on=date(2003, 9, 11)
    )
    kenya = client.get("/reports/5/KEN/").content.decode()
    assert "<dt>Cartagena Protocol</dt><dd>Party on 28 February 2026</dd>" in kenya
    assert "was not a Party" not in kenya
    brazil = client.get("/reports/5/BRA/").content.decode()
    assert "<dt>Cartagena Protocol</dt><dd>Not a Party on 28 February 2026</dd>" in brazil
    assert "Brazil was not a Party to the Cartagena Protocol on the deadline" in brazil


def test_a_demo_report_page_says_so(client, reports):
    html = client.get("/reports/5/BRA/").content.decode()
    assert "Demo data — not real national reports." in html


def test_a_draft_is_hidden_from_the_public_and_shown_to_the_secretariat(
    client, reports, secretariat
):
    assert client.get("/reports/5/DEU/").status_code == 404
    client.force_login(secretariat)
    html = client.get("/reports/5/DEU/").content.decode()
    assert "you see the working copy" in html


def test_the_public_sees_the_published_revision_under_a_newer_draft(client, reports, focal_point):
    kenya = reports["KEN"]
    from cbap.reports import services

    services.report_save(
        cycle=kenya.cycle,
        government=kenya.government,
        answers={"Q007": {"value": "implementation.none"}},
        status="draft",
        actor=focal_point,
    )
    html = client.get("/reports/5/KEN/").content.decode()
    assert "Biosafety Act 2009, amended 2022." in html
    client.force_login(focal_point)
    html = client.get("/reports/5/KEN/").content.decode()
    assert "Biosafety Act 2009" not in html
    assert f"the public sees revision {kenya.published_version}" in html


def test_unknown_reports_and_cycles_are_not_found(client, reports):
    assert client.get("/reports/5/XXX/").status_code == 404
    assert client.get("/reports/9/").status_code == 404


@pytest.mark.parametrize(
    "url,content_type",
    [
        ("/reports/5/export.feed", "application/json"),
        ("/reports/5/export.document", "application/json"),
        ("/reports/5/export.csv", "text/csv"),
        ("/reports/5/export.wide-csv", "text/csv"),
        ("/reports/5/export.wide-xlsx", "application/vnd"),
        ("/reports/5/KEN/export.xlsx", "application/vnd"),
        ("/reports/5/KEN/export.csv", "text/csv"),
    ],
)
def test_downloads(client, reports, url, content_type):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    assert "cbap-nr5" in response["Content-Disposition"]


def test_a_drafts_download_is_not_found(client, reports):
    assert client.get("/reports/5/DEU/export.csv").status_code == 404


def test_a_focal_point_downloads_the_workbook_of_the_working_copy(client, reports, focal_point):
    client.force_login(focal_point)
    response = client.get("/reports/5/KEN/workbook.xlsx")
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook["Report"]["B1"].value == "KEN"
    blank = load_workbook(io.BytesIO(client.get("/reports/5/KEN/workbook.xlsx?blank=1").content))
    assert all(row[6] is None for row in blank["Answers"].iter_rows(min_row=2, values_only=True))
    assert client.get("/reports/5/BRA/workbook.xlsx").status_code == 403


# ------------------------------------------------------------------------------------------
# API
# ------------------------------------------------------------------------------------------


def test_the_api_lists_cycles(client, reports):
    cycles = client.get("/api/v1/cycles/").json()
    assert [c["number"] for c in cycles] == [4, 5]
    assert cycles[1]["previous"] == 4 and cycles[1]["role"] == "midterm"
    assert cycles[1]["published_reports"] == 2 and cycles[1]["synthetic_reports"] == 1
    assert (cycles[0]["questions"], cycles[1]["questions"]) == (211, 221)  # answerable ones
    assert client.get("/api/v1/cycles/5/").json()["deadline"] == "2026-02-28"


def test_the_api_gives_questions_with_options_rules_and_mapping(client, nr5):
    questions = client.get("/api/v1/cycles/5/questions/").json()
    assert len(questions) == 237
    q010 = next(q for q in questions if q["key"] == "Q010")
    assert q010["options"] == [{"value": "true", "title": "Yes"}, {"value": "false", "title": "No"}]
    assert q010["rules"][0]["question"] == "Q010_adq"
    q124 = next(q for q in questions if q["key"] == "Q124")
    assert q124["mapping"]["previous_key"] == "Q136" and not q124["mapping"]["equivalent"]
    assert client.get("/api/v1/cycles/9/questions/").status_code == 404


def test_the_api_lists_published_reports_for_the_public(client, reports):
    data = client.get("/api/v1/reports/", {"cycle": 5}).json()
    assert [r["government"] for r in data["results"]] == ["BRA", "KEN"]
    brazil = data["results"][0]
    assert (
        brazil["is_synthetic"]
        and brazil["synthetic_notice"] == "Demo data — not real national reports."
    )
    assert [
        r["government"]
        for r in client.get("/api/v1/reports/", {"government": "ken"}).json()["results"]
    ] == ["KEN"]
    assert client.get("/api/v1/reports/", {"cycle": 4}).json()["results"] == []


def test_the_api_gives_a_report_with_its_answers(client, reports):
    kenya = reports["KEN"]
    data = client.get(f"/api/v1/reports/{kenya.pk}/").json()
    assert data["answers"] == NR5_ANSWERS and data["answers_shown"] == "published"
    assert data["url"] == "/reports/5/KEN/"
    assert client.get(f"/api/v1/reports/{reports['DEU'].pk}/").status_code == 404


def test_the_api_gives_each_question_its_state(client, reports, nr5):
    states = client.get(f"/api/v1/reports/{reports['KEN'].pk}/").json()["states"]
    assert len(states) == len(selectors.questionnaire_for(nr5).answerable)
    assert states["Q007"] == states["Q010_adq"] == "answered"  # Q010 is "Yes"
    assert states["Q008_a"] == "not_answered"
    answers = {**NR5_ANSWERS, "Q010": {"value": "false"}}
    del answers["Q010_adq"]
    NationalReport.objects.filter(pk=reports["KEN"].pk).update(answers=answers)
    data_changed()  # as the services do with every change the public sees
    states = client.get(f"/api/v1/reports/{reports['KEN'].pk}/").json()["states"]
    assert states["Q010_adq"] == "not_applicable"  # "No" to Q010 hides it
    assert states["Q008_a"] == "not_answered"


def test_the_api_gives_the_public_the_published_versions_status(client, reports, secretariat):
    kenya = reports["KEN"]
    NationalReport.objects.filter(pk=kenya.pk).update(
        status=Status.DRAFT, version=kenya.version + 1, submitted_on=date(2026, 5, 1)
    )
    public = client.get(f"/api/v1/reports/{kenya.pk}/").json()
    assert (public["status"], public["submitted_on"]) == ("published", None)
    listed = client.get("/api/v1/reports/", {"government": "KEN"}).json()["results"][0]
    assert listed["status"] == "published"
    client.force_login(secretariat)
    own = client.get(f"/api/v1/reports/{kenya.pk}/").json()
    assert (own["status"], own["submitted_on"]) == ("draft", "2026-05-01")


@pytest.mark.parametrize(
    "params",
    [{"q": "ken"}, {"synthetic": "yes"}, {"status": "published"}, {"government": "bra"}, {}],
)
def test_the_page_and_the_api_filter_the_reports_alike(client, reports, secretariat, params):
    client.force_login(secretariat)
    listed = client.get("/reports/5/", params).context["rows"]
    api = client.get("/api/v1/reports/", {"cycle": 5, **params}).json()["results"]
    assert [row["report"].government.code for row in listed] == [r["government"] for r in api]


def test_an_invalid_report_filter_is_a_400_naming_it_in_the_api(client, reports):
    response = client.get("/api/v1/reports/", {"cycle": "five", "synthetic": "maybe"})
    assert response.status_code == 400
    assert set(response.json()) == {"cycle", "synthetic"}
    assert "maybe" in client.get("/reports/5/", {"synthetic": "maybe"}).content.decode()


@pytest.mark.parametrize(
    "url,header",
    [
        ("/reports/5/export.csv", long_csv.HEADER),
        ("/reports/5/KEN/export.csv", long_csv.HEADER),
        ("/reports/5/export.wide-csv", wide.FIXED),
    ],
)
def test_a_csv_download_starts_with_the_mark_and_its_header_and_holds_only_data(
    client, reports, url, header
):
    assert data_only_csv(client.get(url).content, header)
