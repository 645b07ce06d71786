import io

import pytest
from openpyxl import load_workbook

from cbap.plan.exports import CSV_COLUMNS
from tests.activities.indexes import warm_activity_indexes
from tests.downloads import data_only_csv

pytestmark = pytest.mark.django_db


def test_overview_lists_every_goal(plan, client):
    html = client.get("/plan/").content.decode()
    for code in ["A.1", "A.10", "B.4"]:
        assert f'id="{code}"' in html


def test_goal_page_shows_every_element_with_its_code_and_the_column_meanings(plan, client):
    html = client.get("/plan/A.5/").content.decode()
    assert "Parties have qualified staff to undertake caseby-case risk assessment" in html
    assert 'id="A.5.ii"' in html and 'id="A.5.c"' in html and 'id="A.5.o2"' in html
    assert "(Measures whether activity took place)" in html
    assert "(The effect of successfully completed activities)" in html


def test_supplementary_protocol_items_are_marked_apart_from_the_inferred_ones(plan, client):
    html = client.get("/plan/A.10/").content.decode()
    # the decision's own marker stands before key areas (2)-(5) and activities (ii)-(vi)
    assert html.count('<span class="scope">For Parties to the Supplementary Protocol</span>') == 9
    # indicators (b)-(f) measure those items; their scope is inferred and labelled so
    inferred = "applies to Parties to the Supplementary Protocol (inferred)</span>"
    assert html.count('<span class="scope inferred"') == 5 and html.count(inferred) == 5
    page = client.get("/indicators/A.10.b/").content.decode()
    assert "applies to Parties to the Supplementary Protocol (inferred): the decision puts" in page


def test_element_codes_are_stable_urls(plan, client):
    assert client.get("/plan/A.5.3/")["Location"] == "/plan/A.5/#A.5.3"
    assert client.get("/plan/A.5.c/")["Location"] == "/plan/indicators/A.5.c/"
    assert client.get("/plan/indicators/A.5.c/")["Location"] == "/indicators/A.5.c/"
    page = client.get("/indicators/A.5.c/").content.decode()
    assert "Number of experts by Parties" in page
    assert client.get("/plan/A.11/").status_code == 404
    assert client.get("/plan/indicators/A.5.z/").status_code == 404


def test_search_highlights_matches_across_the_plan_and_the_decision(plan, client):
    html = client.get("/plan/search/", {"q": "socioeconomic"}).content.decode()
    assert "<mark>socioeconomic</mark>" in html
    assert "A.9.a" in html
    html = client.get("/plan/search/", {"q": "midterm evaluation"}).content.decode()
    assert "annex.19" in html


def test_search_escapes_what_it_highlights(plan, client):
    html = client.get("/plan/search/", {"q": "<script>"}).content.decode()
    assert "<script>" not in html.split("<main")[1]


def test_about_page_has_the_decision_and_the_vocabularies(plan, client):
    html = client.get("/plan/about/").content.decode()
    assert "Decides</em>" not in html
    assert (
        "baseline for the Capacity-building Action Plan shall comprise information gathered in the fourth reporting cycle"
        in html
    )
    assert "customs and border officials" in html


@pytest.mark.parametrize(
    "fmt,content_type",
    [("json", "application/json"), ("csv", "text/csv"), ("xlsx", "application/vnd")],
)
def test_plan_downloads(plan, client, fmt, content_type):
    response = client.get(f"/plan/export.{fmt}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    assert "cbap-plan-CP-10-4" in response["Content-Disposition"]
    if fmt == "xlsx":
        assert load_workbook(io.BytesIO(response.content))["Goals"].max_row == 15


def test_pages_set_security_headers(plan, client):
    response = client.get("/plan/")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_goal_page_queries_do_not_grow_with_elements(
    plan, no_preloaded_cycles, client, django_assert_max_num_queries
):
    # The search index of activities is built once per change of the data, not per page.
    warm_activity_indexes()
    with django_assert_max_num_queries(10):  # incl. priority periods and the data version
        client.get("/plan/A.5/")
    with django_assert_max_num_queries(10):
        client.get("/plan/")


def test_header_row_meanings_come_from_the_version_data(plan, client):
    plan.columns = [
        {**c, "meaning": "Meaning from the data"} if c["key"] == "outcomes" else c
        for c in plan.columns
    ]
    plan.save()
    html = client.get("/plan/A.5/").content.decode()
    assert "(Meaning from the data)" in html
    assert "(The effect of successfully completed activities)" not in html
    assert "(Desirable achievements)" in client.get("/plan/").content.decode()
    page = client.get("/indicators/A.5.c/").content.decode()
    assert "Indicators (Measures whether activity took place)" in page


def test_about_page_numbers_only_the_operative_and_annex_paragraphs(plan, client):
    html = client.get("/plan/about/").content.decode()
    preamble = html.split('id="decision.preamble.1"')[1].split("</p>")[0]
    assert preamble.startswith("><p>Recognizing") or preamble.startswith(">Recognizing")
    assert "<strong>1.</strong> Recognizing" not in html
    operative = html.split('id="decision.1"')[1].split("</p>")[0]
    assert operative.startswith("><strong>1.</strong> ")
    assert '<p id="annex.21"><strong>21.</strong>' in html


def test_search_input_has_no_fixed_size(plan, client):
    html = client.get("/plan/search/").content.decode()
    assert 'size="40"' not in html and 'type="search" name="q"' in html


def test_versions_table_scrolls_within_its_own_box(plan, client):
    html = client.get("/plan/versions/").content.decode()
    wrap = '<div class="table-wrap" tabindex="0" role="region" aria-label="Table (scrolls sideways'
    assert wrap in html  # reachable with the keyboard: WCAG 2.1.1
    assert '<table>\n  <thead><tr><th scope="col">Version' in html.split(wrap, 1)[1]


def test_the_csv_download_starts_with_the_mark_and_its_header_and_holds_only_data(plan, client):
    assert data_only_csv(client.get("/plan/export.csv").content, CSV_COLUMNS)
