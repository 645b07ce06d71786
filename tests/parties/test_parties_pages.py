"""The Parties list (filters, counts, downloads) and a government's profile page."""

import csv
import io
import json

import pytest
from django.test import Client

from cbap.parties.exports import CSV_COLUMNS
from tests.activities.indexes import warm_activity_indexes
from tests.downloads import data_only_csv

pytestmark = pytest.mark.django_db


def rows_of(html: str) -> list[str]:
    """The government codes of the list's rows, in order."""
    body = html.split("<tbody>")[1].split("</tbody>")[0]
    return [part.split('"')[0] for part in body.split('<tr id="')[1:]]


def test_the_list_shows_every_government_with_counts_for_today(loaded_registry, client: Client):
    html = client.get("/parties/").content.decode()
    assert len(rows_of(html)) == 197
    assert "<strong>173</strong> Parties to the Cartagena Protocol" in html
    assert "<strong>55</strong> Parties to the Supplementary Protocol" in html
    assert "<strong>24</strong> not Parties to the Cartagena Protocol" in html


def test_the_list_says_regions_are_un_groups_standing_in_for_the_cbd_regions(
    loaded_registry, client
):
    html = client.get("/parties/").content.decode()
    assert "UN regional groups, used as an approximation of the CBD's five regions" in html
    assert "Empty until the Secretariat adds its members." in html


def test_the_list_names_the_parties_whose_dates_are_unknown_or_unverified(loaded_registry, client):
    html = client.get("/parties/").content.decode()
    about = html.split('id="about-dates"')[1].split("</ul>")[0]
    unknown = about.split("<li>Date unknown")[1].split("</li>")[0]
    unverified = about.split("<li>Date unverified")[1].split("</li>")[0]
    # Each says what is known, not only that the date is missing.
    assert unknown.count("(Supplementary Protocol, not a Party before February 2019)") == 11
    assert "Belgium</a>" in unknown and "Ukraine</a>" in unknown and "Austria" not in unknown
    assert unverified.count("<a ") == 1 and "Sierra Leone</a> (Cartagena Protocol)" in unverified
    sierra_leone_row = html.split('<tr id="SLE">')[1].split("</tr>")[0]
    assert "date unverified" in sierra_leone_row


def test_the_list_on_the_nr4_deadline_counts_the_parties_of_that_day(loaded_registry, client):
    html = client.get("/parties/", {"as_of": "2019-10-01"}).content.decode()
    assert "<strong>171</strong> Parties to the Cartagena Protocol" in html
    assert "<strong>43–54</strong> Parties to the Supplementary Protocol (11 of unknown" in html
    belgium = html.split('<tr id="BEL">')[1].split("</tr>")[0]
    assert "Unknown on this date" in belgium
    assert "date unknown: not a Party before February 2019" in belgium
    assert '<a href="/parties/BEL/#supplementary">sources</a>' in belgium
    assert "Not a Party on this date" not in belgium
    austria = html.split('<tr id="AUT">')[1].split("</tr>")[0]
    assert "In force from" in austria and "2021-08-18" in austria and "unknown" not in austria


def test_the_status_filter_keeps_parties_or_non_parties(loaded_registry, client):
    parties = rows_of(client.get("/parties/", {"status": "cartagena"}).content.decode())
    supplementary = rows_of(client.get("/parties/", {"status": "supplementary"}).content.decode())
    non_parties = rows_of(client.get("/parties/", {"status": "non_party"}).content.decode())
    assert (len(parties), len(supplementary), len(non_parties)) == (173, 55, 24)
    assert {"ARG", "CAN", "USA", "COK"} <= set(non_parties)
    old = client.get("/parties/", {"status": "supplementary", "as_of": "2019-10-01"})
    assert len(rows_of(old.content.decode())) == 43
    unknown = client.get("/parties/", {"status": "supplementary_unknown", "as_of": "2019-10-01"})
    assert len(rows_of(unknown.content.decode())) == 11
    assert "BEL" in rows_of(unknown.content.decode())


def test_the_region_and_grouping_filters_combine(loaded_registry, client):
    weog = rows_of(client.get("/parties/", {"region": "weog"}).content.decode())
    assert len(weog) == 29 and "TUR" in weog and "USA" in weog
    african_ldcs = rows_of(
        client.get("/parties/", {"region": "african_group", "grouping": "ldc"}).content.decode()
    )
    assert len(african_ldcs) == 32 and "STP" not in african_ldcs
    before_graduation = client.get(
        "/parties/", {"region": "african_group", "grouping": "ldc", "as_of": "2024-12-12"}
    )
    assert "STP" in rows_of(before_graduation.content.decode())


def test_search_finds_names_and_codes(loaded_registry, client):
    assert rows_of(client.get("/parties/", {"q": "guinea"}).content.decode()) == [
        "GNQ",
        "GIN",
        "GNB",
        "PNG",
    ]
    for query in ("KEN", "ke", "404"):
        assert rows_of(client.get("/parties/", {"q": query}).content.decode()) == ["KEN"]


def test_a_bad_filter_shows_its_error_and_is_ignored(loaded_registry, client):
    html = client.get("/parties/", {"as_of": "yesterday", "region": "weog"}).content.decode()
    assert "Enter a valid date." in html
    assert len(rows_of(html)) == 29


def test_the_list_costs_a_fixed_number_of_queries(
    loaded_registry, client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):  # with the data version of the page cache
        client.get("/parties/")


def test_downloads_carry_the_filters(loaded_registry, client):
    html = client.get(
        "/parties/", {"status": "supplementary", "as_of": "2019-10-01"}
    ).content.decode()
    assert 'href="/parties/export.csv?status=supplementary&amp;as_of=2019-10-01"' in html
    response = client.get("/parties/export.csv", {"status": "supplementary", "as_of": "2019-10-01"})
    assert response["Content-Type"].startswith("text/csv")
    assert (
        'filename="cbap-parties-2019-10-01-status-supplementary.csv"'
        in response["Content-Disposition"]
    )
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 43
    response = client.get("/parties/export.json", {"q": "Türkiye"})
    document = json.loads(response.content)
    assert [g["code"] for g in document["governments"]] == ["TUR"]


def test_the_profile_shows_dates_groupings_and_the_sections_to_come(loaded_registry, client):
    html = client.get("/parties/DZA/").content.decode()
    assert "<h1>Algeria</h1>" in html
    cartagena = html.split('<tr id="cartagena">')[1].split("</tr>")[0]
    assert "2000-05-25" in cartagena and "2004-08-05" in cartagena and "2004-11-03" in cartagena
    assert "computed (Art. 37)" in cartagena
    assert "Not a Party: no instrument recorded" in html.split('<tr id="supplementary">')[1]
    assert "African Group" in html and "Developing countries (M49, 2020)" in html
    assert 'id="party-reports"' in html and "National contacts of Algeria" in html


def test_the_profile_says_date_unknown_and_date_unverified(loaded_registry, client):
    belgium = client.get("/parties/BEL/", {"as_of": "2026-02-28"}).content.decode()
    supplementary = belgium.split('<tr id="supplementary">')[1].split("</tr>")[0]
    # The label says what is known, and the evidence and the source stand beside it.
    assert "date unknown: not a Party before February 2019" in supplementary
    assert "The sources rule out any earlier membership" in supplementary
    assert "GAP: no dates in stored sources" in supplementary
    assert "UN monthly treaty statements ST/LEG/SER.A/853-863" in supplementary
    assert "Source: membership: WelcomeToYourGalaxy/GMO-map" in supplementary
    assert "unknown whether a Party to the Nagoya" in belgium
    listed = client.get("/parties/BEL/", {"as_of": "2026-08-01"}).content.decode()
    assert "; Party to the Nagoya" in listed  # the list vouches for it
    early = client.get("/parties/BEL/", {"as_of": "2019-01-31"}).content.decode()
    assert "not a Party to the Nagoya" in early  # ruled out by the sources
    sierra_leone = client.get("/parties/SLE/").content.decode()
    assert "date unverified" in sierra_leone.split('<tr id="cartagena">')[1].split("</tr>")[0]
    assert "Party to the Cartagena Protocol on Biosafety (date unverified)" in sierra_leone


def test_the_profile_of_austria_says_not_a_party_before_its_date_and_one_after(
    loaded_registry, client
):
    nr4 = client.get("/parties/AUT/", {"as_of": "2019-10-01"}).content.decode()
    assert "not a Party to the Nagoya" in nr4 and "unknown whether" not in nr4
    assert "2021-08-18" in nr4.split('<tr id="supplementary">')[1].split("</tr>")[0]
    nr5 = client.get("/parties/AUT/", {"as_of": "2026-02-28"}).content.decode()
    assert "; Party to the Nagoya" in nr5


def test_the_profile_shows_an_ldc_graduation(loaded_registry, client):
    html = client.get("/parties/STP/").content.decode()
    assert "2024-12-12" in html and "Graduated from LDC status on 2024-12-13" in html
    on_the_day = client.get("/parties/STP/", {"as_of": "2024-12-01"}).content.decode()
    ldc_row = on_the_day.split('grouping=ldc">')[1].split("</tr>")[0]
    assert "<td>member</td>" in ldc_row


def test_the_profile_of_a_non_party_says_so(loaded_registry, client):
    html = client.get("/parties/USA/").content.decode()
    assert "not a Party to the Cartagena Protocol on Biosafety" in html
    assert html.count("Not a Party: no instrument recorded") == 2


def test_profile_urls_use_the_code_and_upper_case(loaded_registry, client):
    assert client.get("/parties/eu/")["Location"] == "/parties/EU/"
    assert client.get("/parties/EU/").status_code == 200
    assert client.get("/parties/XYZ/").status_code == 404


def test_the_profile_costs_a_fixed_number_of_queries(
    loaded_registry, no_preloaded_plan, no_preloaded_cycles, client, django_assert_max_num_queries
):
    # The search index of activities is built once per change of the data, not per page.
    warm_activity_indexes()
    # registry (4) + the reports section's cycles (1) + the scorecard's plan lookup (1)
    with django_assert_max_num_queries(7):
        client.get("/parties/KEN/")


def test_the_csv_download_starts_with_the_mark_and_its_header_and_holds_only_data(
    loaded_registry, client
):
    assert data_only_csv(client.get("/parties/export.csv").content, CSV_COLUMNS)
