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


def test_a_non_party_is_told_which_protocol_it_is_not_a_party_to(nr5_reports, world):
    card = selectors.party_scorecard(world["KEN"])
    labels = {row["code"]: [cell["label"] for cell in row["cycles"]] for row in card["indicators"]}
    assert labels["A.10.b"][1] == "not a Party to the Supplementary Protocol on the deadline"
    usa = selectors.party_scorecard(world["USA"])
    label = next(row for row in usa["indicators"] if row["code"] == "A.1.b")["cycles"][0]["label"]
    assert label == "not a Party to the Cartagena Protocol on the deadline"


def test_a_distribution_shows_the_partys_band(world, cycles):
    from tests.indicators.conftest import publish

    publish(cycles[5], world["KEN"], {"Q070_a": {"value": "10+"}})
    card = selectors.party_scorecard(world["KEN"])
    cell = next(row for row in card["indicators"] if row["code"] == "A.5.c")["cycles"][1]
    assert (cell["standing"], cell["label"]) == ("answered", "answered: 10 to 49")


def test_the_scorecard_warns_where_the_wording_changed(client, nr5_reports):
    html = client.get("/parties/KEN/").content.decode()
    row = html[html.index('href="/indicators/A.1.b/"') :]
    row = row[: row.index("</tr>")]
    assert "⚠ Wording change (NR4): NR4 Q018 asked" in row
    b_1_a = html[html.index('href="/indicators/B.1.a/"') :]
    assert "Wording change" not in b_1_a[: b_1_a.index("</tr>")]


def test_the_party_page_shows_the_scorecard(client, nr5_reports):
    html = client.get("/parties/KEN/").content.decode()
    assert "Indicators: where Kenya counts" in html
    row = html[html.index('href="/indicators/A.1.b/"') :]
    row = row[: row.index("</tr>")]
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
    with django_assert_max_num_queries(16):  # 14, and the needs and the matches
        client.get("/parties/BRA/")


def test_the_party_page_works_before_the_plan_is_loaded(client, no_preloaded_plan):
    from cbap.parties.models import Government

    Government.objects.create(code="KEN", iso3="KEN", iso2="KE", name="Kenya")
    html = client.get("/parties/KEN/").content.decode()
    assert "Kenya" in html and "where Kenya counts" not in html
