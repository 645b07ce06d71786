"""The Party scorecard: for each indicator, whether the Party counts in the numerator."""

import pytest

from cbap.indicators import selectors

pytestmark = pytest.mark.django_db


def standings(government):
    card = selectors.party_scorecard(government)
    return {row["code"]: [cell["standing"] for cell in row["cycles"]] for row in card["indicators"]}


def test_each_indicator_says_yes_no_no_answer_not_reported_or_no_data(nr5_reports, world):
    assert standings(world["KEN"])["A.1.b"] == ["not_reported", "yes"]
    assert standings(world["BRA"])["A.1.b"] == ["not_reported", "no"]
    assert standings(world["TLS"])["A.1.b"] == ["not_a_party", "no_answer"]
    assert standings(world["DEU"])["A.1.b"] == ["not_reported", "not_reported"]  # draft only
    assert standings(world["KEN"])["A.2.a"] == ["no_data", "no_data"]
    assert standings(world["USA"])["A.1.b"] == ["not_a_party", "not_a_party"]
    card = selectors.party_scorecard(world["KEN"])
    assert card["totals"][1] == {"cycle": 5, "yes": 1, "counted": 1}


def test_the_party_page_shows_the_scorecard(client, nr5_reports):
    html = client.get("/parties/KEN/").content.decode()
    assert "Indicators: where Kenya counts" in html
    row = html[html.index('href="/indicators/A.1.b/"') :][:600]
    assert "not reported" in row and ">yes<" in row


def test_the_scorecard_reads_only_the_partys_own_facts(
    client, nr5_reports, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get("/parties/KEN/")
    scorecard = [q for q in queries.captured_queries if "reports_nationalreport" in q["sql"]]
    assert len(scorecard) <= 4  # its reports list, and the scorecard: metadata, then answers
    with django_assert_max_num_queries(14):
        client.get("/parties/BRA/")


def test_the_party_page_works_before_the_plan_is_loaded(client, db):
    from cbap.parties.models import Government

    Government.objects.create(code="KEN", iso3="KEN", iso2="KE", name="Kenya")
    html = client.get("/parties/KEN/").content.decode()
    assert "Kenya" in html and "where Kenya counts" not in html
