"""The dashboard, an indicator's page, the goal pages' charts and the downloads."""

import csv
import io
import json
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from cbap.indicators.exports import DASHBOARD_COLUMNS, INDICATOR_COLUMNS
from tests.downloads import data_only_csv
from tests.indicators.conftest import YES_ADEQUATE, publish

pytestmark = pytest.mark.django_db


def test_the_dashboard_shows_every_goal_and_indicator_with_both_cycles(client, nr5_reports):
    html = client.get("/indicators/").content.decode()
    assert html.count('<section aria-labelledby="goal-') == 14
    assert html.count("<tr id=") == 53
    assert "Percentage of Parties that have sufficient and trained staff" in html
    row = html[html.index('<tr id="A.1.b">') : html.index('<tr id="A.2.a">')]
    assert "50.0 %" in row and "1 / 2 Parties" in row and "reported 3 / 5 (60 %)" in row
    assert "NR4" in html and "NR5" in html


def test_the_dashboard_says_no_data_yet_never_zero_and_what_data_is_needed(client, world):
    html = client.get("/indicators/").content.decode()
    row = html[html.index('<tr id="A.2.a">') : html.index('<tr id="A.2.b">')]
    assert row.count("No data yet") == 2
    assert "Not measured by NR5" in row and "Data needed: records of the Secretariat" in row
    assert "0.0 %" not in html  # nobody reported: nothing is zero


def test_the_demo_banner_shows_whenever_demo_reports_are_counted(client, world, cycles):
    publish(cycles[5], world["KEN"], YES_ADEQUATE)
    assert (
        "Demo data — not real national reports." not in client.get("/indicators/").content.decode()
    )
    publish(cycles[5], world["BRA"], YES_ADEQUATE, synthetic=True)
    html = client.get("/indicators/").content.decode()
    assert "Demo data — not real national reports." in html
    assert "demo data</span>" in html


def test_the_dashboard_costs_a_bounded_number_of_queries(
    client, nr5_reports, django_assert_max_num_queries
):
    # Whatever the number of reports and records: the public index is read in one query, the
    # needs and the matches in one each.
    with django_assert_max_num_queries(22):
        assert client.get("/indicators/").status_code == 200


def test_the_indicator_page_has_text_definition_sources_chart_table_change_and_provenance(
    client, nr5_reports, cycles, world
):
    # NR4 measures A.1.b with Q018 and Q019_adq: Kenya no → yes, Brazil yes → no.
    publish(cycles[4], world["KEN"], {"Q018": {"value": "true"}, "Q019_adq": {"value": "false"}})
    publish(cycles[4], world["BRA"], {"Q018": {"value": "true"}, "Q019_adq": {"value": "true"}})
    html = client.get("/indicators/A.1.b/").content.decode()
    assert "Percentage of Parties that have sufficient and trained staff" in html
    assert '<span class="code">A.1.b</span>' in html
    # the definition, in words and as code
    assert "Q011 is “Yes” and Q012_adq is “Yes”" in html
    assert "- q: Q011" in html and "Rationale:" in html
    assert 'href="#q5-Q011"' in html and 'id="q5-Q011"' in html
    assert "Does your country have qualified staff" in html
    assert "Wording change (NR4)" in html  # the NR4 source is a proxy with a wording change
    # the chart, with the same numbers in a table
    assert '<svg role="img"' in html and "<desc id=" in html
    assert "All Parties" in html and "African Group" in html
    # the table by disaggregation
    for label in (
        "Least developed countries",
        "Small island developing States",
        "Parties to the Supplementary Protocol",
    ):
        assert label in html
    assert "95 % interval" in html
    # the change and the McNemar test
    assert "Panel (the 2 Parties in the denominator of both cycles)" in html
    assert "b = 1 (yes at baseline, no at midterm), c = 1 (no, then yes)" in html
    assert "two-sided p = 1.000" in html
    # provenance with links to the reports and the deciding answers
    assert '<a href="/reports/5/KEN/">Kenya</a>' in html
    assert "Q011: Yes; Q012_adq: Yes" in html
    assert "Not reported (no published report): 2 Parties" in html


def test_an_unknown_indicator_is_404(client, world):
    assert client.get("/indicators/A.1.z/").status_code == 404
    assert client.get("/indicators/A.1.z/export.csv").status_code == 404


def test_a_distribution_shows_parties_per_answer(client, world, cycles):
    publish(cycles[5], world["KEN"], {"Q070_a": {"value": "10+"}})
    publish(cycles[5], world["BRA"], {"Q070_a": {"value": "10+"}})
    html = client.get("/indicators/A.5.c/").content.decode()
    assert "Parties per answer" in html
    assert '<th scope="row">10 to 49</th><td class="num">2</td>' in html


def test_the_goal_page_shows_its_indicators_charts(client, nr5_reports):
    html = client.get("/plan/A.1/").content.decode()
    assert "Indicator values" in html
    assert html.count('<article aria-labelledby="values-') == 2
    assert '<svg role="img"' in html
    assert 'href="/indicators/A.1.b/"' in html


def test_the_goal_page_works_before_any_report_is_loaded(client, plan):
    html = client.get("/plan/A.10/").content.decode()
    assert html.count("No data yet.") == 6


def test_an_indicator_of_the_current_plan_has_one_page(client, plan):
    response = client.get("/plan/indicators/A.1.b/")
    assert (response.status_code, response["Location"]) == (301, "/indicators/A.1.b/")
    html = client.get("/indicators/A.1.b/").content.decode()
    in_goal = reverse("plan:element", args=["A.1"]) + "#A.1.b"
    assert f'href="{in_goal}"' in html  # the indicator in its goal, in the plan


def test_the_dashboard_downloads_hold_the_same_values(client, nr5_reports):
    rows = list(
        csv.DictReader(
            io.StringIO(client.get("/indicators/export.csv").content.decode("utf-8-sig"))
        )
    )
    assert len(rows) == 106
    row = next(r for r in rows if r["code"] == "A.1.b" and r["cycle"] == "5")
    assert (row["value"], row["numerator"], row["denominator"], row["fit"]) == (
        "50.0",
        "1",
        "2",
        "direct",
    )
    assert next(r for r in rows if r["code"] == "A.2.a")["value"] == ""
    data = json.loads(client.get("/indicators/export.json").content)
    assert data["goals"][0]["indicators"][1]["values"][1]["value"] == 50.0
    response = client.get("/indicators/export.xlsx")
    assert response["Content-Disposition"] == 'attachment; filename="cbap-indicators.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content))["Values"]
    assert sheet.max_row == 107


def test_the_indicator_downloads_hold_groups_change_and_provenance(client, nr5_reports):
    rows = list(
        csv.DictReader(
            io.StringIO(client.get("/indicators/A.1.b/export.csv").content.decode("utf-8-sig"))
        )
    )
    assert len(rows) == 2 * 11
    assert rows[11]["group_label"] == "All Parties" and rows[11]["value"] == "50.0"
    workbook = load_workbook(io.BytesIO(client.get("/indicators/A.1.b/export.xlsx").content))
    assert workbook.sheetnames == ["About", "Values", "Change", "Provenance"]
    provenance = [[c.value for c in row] for row in workbook["Provenance"].iter_rows(min_row=2)]
    assert [
        5,
        "numerator",
        "KEN",
        "Kenya",
        "http://testserver/reports/5/KEN/",  # absolute: a spreadsheet has no site
        "no",
        "Q011: Yes; Q012_adq: Yes",
        None,  # the records that count for it: none from reports
    ] in provenance
    report_cell = next(
        row[4]
        for row in workbook["Provenance"].iter_rows(min_row=2)
        if (row[1].value, row[2].value) == ("numerator", "KEN")
    )
    assert report_cell.hyperlink.target == "http://testserver/reports/5/KEN/"
    data = json.loads(client.get("/indicators/A.1.b/export.json").content)
    assert data["change"]["panel"]["size"] == 0
    assert data["values"][1]["provenance"]["no_answer"][0]["code"] == "TLS"


def with_a_baseline(cycles, world):
    """NR4 answers for A.1.b (Q018, Q019_adq), so that it has a change: Kenya no, Brazil yes."""
    publish(cycles[4], world["KEN"], {"Q018": {"value": "true"}, "Q019_adq": {"value": "false"}})
    publish(cycles[4], world["BRA"], {"Q018": {"value": "true"}, "Q019_adq": {"value": "true"}})


WORDING_CHANGED = [
    "A.1.b",
    "A.5.c",
    "A.6.d",
    "A.8.b",
    "A.9.c",
    "B.1.b",
    "B.1.c",
    "B.1.e",
    "B.2.a",
    "B.2.c",
    "B.2.d",
    "B.3.c",
]
"""Indicators whose NR4 source words its question differently from NR5 (definitions.yaml)."""


def test_the_dashboard_warns_beside_every_change_whose_wording_changed(
    client, nr5_reports, cycles, world
):
    with_a_baseline(cycles, world)
    html = client.get("/indicators/").content.decode()
    row = html[html.index('<tr id="A.1.b">') : html.index('<tr id="A.2.a">')]
    change_cell = row[row.rindex('<td class="num" data-label="Change">') :]
    assert "±0.0 pp" in change_cell and "⚠ not like for like" in change_cell
    assert "Wording change (NR4): NR4 Q018 asked whether the country has permanent staff" in row
    for code in WORDING_CHANGED:
        start = html.index(f'<tr id="{code}">')
        assert "Wording change (NR4)" in html[start : html.index("</tr>", start)], code
    b_1_a = html[html.index('<tr id="B.1.a">') : html.index('<tr id="B.1.b">')]
    assert "not like for like" not in b_1_a and "Wording change" not in b_1_a


def test_the_goal_page_warns_about_a_wording_change_beside_its_chart(client, nr5_reports):
    html = client.get("/plan/A.1/").content.decode()
    article = html[html.index('id="values-A.1.b"') :]
    assert "⚠ Wording change (NR4): NR4 Q018 asked" in article[: article.index("</article>")]
    a_1_a = html[html.index('id="values-A.1.a"') : html.index('id="values-A.1.b"')]
    assert "Wording change" not in a_1_a


def test_the_indicator_page_says_why_baseline_and_midterm_are_not_like_for_like(
    client, nr5_reports
):
    html = client.get("/indicators/B.4.b/").content.decode()
    assert "Baseline and midterm are not like for like." in html
    assert "Only NR5 measures this indicator: there is no NR4 value to compare with." in html
    assert "not like for like" not in client.get("/indicators/B.1.a/").content.decode()


def test_the_downloads_carry_the_comparability_warnings(client, nr5_reports):
    rows = list(
        csv.DictReader(
            io.StringIO(client.get("/indicators/export.csv").content.decode("utf-8-sig"))
        )
    )
    a_1_b = [r for r in rows if r["code"] == "A.1.b"]
    assert [r["comparable"] for r in a_1_b] == ["False", "False"]
    assert all(r["warnings"].startswith("Wording change (NR4): NR4 Q018") for r in a_1_b)
    assert next(r for r in rows if r["code"] == "B.1.a")["warnings"] == ""
    sheet = load_workbook(io.BytesIO(client.get("/indicators/export.xlsx").content))["Values"]
    header = [cell.value for cell in sheet[1]]
    assert {"comparable", "warnings"} <= set(header)
    rows = list(
        csv.DictReader(
            io.StringIO(client.get("/indicators/A.1.b/export.csv").content.decode("utf-8-sig"))
        )
    )
    assert all("Wording change (NR4)" in r["warnings"] for r in rows)  # every group's row


def test_each_group_row_links_to_the_parties_behind_its_figure(client, nr5_reports):
    html = client.get("/indicators/A.1.b/").content.decode()
    assert 'href="?group=region%3AAfrican%20Group#provenance"' in html
    html = client.get("/indicators/A.1.b/", {"group": "region:African Group"}).content.decode()
    section = html[html.index('<section aria-labelledby="provenance">') :]
    assert "The Parties behind the numbers: African Group" in section
    assert "NR5 (midterm) · African Group: 100.0 % (1 / 1 Parties)" in section
    counted = section[section.index('id="numerator-5"') :]
    counted = counted[: counted.index("</details>")]
    assert "Kenya" in counted and "Brazil" not in counted
    assert '<option value="region:African Group" selected>' in section
    assert "export.xlsx?group=region%3AAfrican+Group" in html  # downloads follow the group
    workbook = load_workbook(
        io.BytesIO(
            client.get("/indicators/A.1.b/export.xlsx", {"group": "region:African Group"}).content
        )
    )
    codes = {row[2].value for row in workbook["Provenance"].iter_rows(min_row=2)}
    assert codes == {"KEN"}


def test_an_unknown_group_is_a_bad_request(client, world):
    assert client.get("/indicators/A.1.b/", {"group": "continent"}).status_code == 400
    assert client.get("/indicators/A.1.b/export.csv", {"group": "x"}).status_code == 400


def test_a_distribution_names_the_parties_of_each_answer(client, world, cycles):
    publish(cycles[5], world["KEN"], {"Q070_a": {"value": "10+"}})
    publish(cycles[5], world["BRA"], {"Q070_a": {"value": "100+"}})
    html = client.get("/indicators/A.5.c/").content.decode()
    ten = html[html.index('id="answer-10+-5"') :]
    ten = ten[: ten.index("</details>")]
    assert "10 to 49: 1 Party" in ten and "Kenya" in ten and "Brazil" not in ten
    assert "100 or more: 1 Party" in html
    html = client.get("/indicators/A.5.c/", {"group": "developing"}).content.decode()
    assert "Parties per answer (Developing countries)" in html


def test_the_panel_test_reads_p_below_a_thousandth():
    from cbap.indicators.templatetags.indicator_values import p_value

    assert p_value(0.0001) == "p < 0.001"
    assert p_value(0.04213) == "p = 0.042"
    assert p_value(None) == "–"


def test_the_panel_names_the_parties_of_each_cell(client, nr5_reports, cycles, world):
    with_a_baseline(cycles, world)  # Kenya no → yes, Brazil yes → no
    html = client.get("/indicators/A.1.b/").content.decode()
    cell = html[html.index('id="panel-yes_no"') :]
    cell = cell[: cell.index("</details>")]
    assert "b: yes at baseline, no at midterm: 1 Party" in cell
    assert 'Brazil <span class="code">BRA</span>' in cell
    assert (
        '<a href="/reports/4/BRA/">NR4</a>' in cell and '<a href="/reports/5/BRA/">NR5</a>' in cell
    )
    assert "Kenya" in html[html.index('id="panel-no_yes"') :][:400]


def test_a_number_of_cases_is_a_range_with_the_parties_and_bands_beside_it(client, world, cycles):
    # A.6.b sums the bands of NR5 Q076 (movements into the territory) and Q146 (illegal ones):
    # Kenya 1 to 4 + none, Brazil 10 or more + 5 to 9: at least 16 cases, no upper limit.
    # Germany answered Q076 only: half a sum is no sum. Q074 (releases, the other side of the
    # same movements) is shown beside the value, not added.
    publish(
        cycles[5],
        world["KEN"],
        {"Q076": {"value": "1+"}, "Q146": {"value": "0"}, "Q074": {"value": "1+"}},
    )
    publish(cycles[5], world["BRA"], {"Q076": {"value": "10+"}, "Q146": {"value": "5+"}})
    publish(cycles[5], world["DEU"], {"Q076": {"value": "0"}})
    html = client.get("/indicators/A.6.b/").content.decode()
    assert "16 or more cases" in html
    assert "2 of the 2 Parties that answered reported more than none" in html
    assert "Parties with releases that may have led to a movement out (Q074; not added)" in html
    assert ": 1 of 1 Party in the denominator that answered" in html
    assert '<th scope="row">Q076 1 to 4</th><td class="num">1</td>' in html
    assert "Parties" not in html[html.index("<strong>16 or more") :][:40]
    value = client.get("/api/v1/indicators/A.6.b/").json()["values"][1]
    assert (value["value"], value["unit"], value["numerator"]) == (
        {"low": 16, "high": None},
        "cases",
        2,
    )
    assert value["distribution"][0] == {
        "key": "Q076",
        "value": "0",
        "title": "Q076 None",
        "count": 0,
    }
    assert value["context"][0]["count"] == 1


def test_indicators_that_count_the_same_parties_say_so_next_to_the_value(client, world):
    html = client.get("/indicators/").content.decode()
    row = html[html.index('<tr id="B.1.c">') : html.index('<tr id="B.1.d">')]
    assert "Same numerator as B.2.d: these indicators count the same Parties" in row
    html = client.get("/indicators/A.10.b/").content.decode()
    assert "Same numerator as A.10.a, A.10.c, A.10.e" in html
    assert client.get("/api/v1/indicators/B.2.d/").json()["shared_with"] == ["B.1.c"]


def test_a_population_that_is_not_parties_has_no_coverage_and_says_why(client, world):
    html = client.get("/indicators/").content.decode()
    row = html[html.index('<tr id="A.2.a">') : html.index('<tr id="A.2.b">')]
    assert row.count("Reported: — (Not a population of Parties") == 2
    row = html[html.index('<tr id="A.4.a">') : html.index('<tr id="A.5.a">')]
    assert "Reported: — (Parties to the Cartagena Protocol that the Compliance Committee" in row
    html = client.get("/indicators/A.9.b/").content.decode()
    assert "Number of Parties and coverage: — (Not a population of Parties" in html
    rows = list(
        csv.DictReader(
            io.StringIO(client.get("/indicators/export.csv").content.decode("utf-8-sig"))
        )
    )
    a_2_b = next(r for r in rows if r["code"] == "A.2.b")
    assert (a_2_b["parties"], a_2_b["reported"], a_2_b["coverage"]) == ("", "", "")
    assert a_2_b["population"] == "none" and a_2_b["population_note"].startswith("Not a popul")
    b_1_a = next(r for r in rows if r["code"] == "B.1.a")
    assert b_1_a["parties"] == "4" and b_1_a["population_note"] == ""


def test_a_csv_download_starts_with_the_mark_and_its_header_and_says_its_filter(
    client, nr5_reports
):
    assert data_only_csv(client.get("/indicators/export.csv").content, DASHBOARD_COLUMNS)
    response = client.get("/indicators/A.1.b/export.csv", {"group": "region:African Group"})
    assert data_only_csv(response.content, INDICATOR_COLUMNS)
    name = "cbap-indicator-A.1.b-group-region-African-Group.csv"
    assert f'filename="{name}"' in response["Content-Disposition"]


@pytest.fixture
def belgium(world):
    """A Party to the Cartagena Protocol whose Supplementary Protocol membership has no date:
    not before February 2019, unknown on the NR5 deadline."""
    from cbap.parties.models import Government, ProtocolMembership

    belgium = Government.objects.create(code="BEL", iso3="BEL", iso2="BE", name="Belgium")
    for protocol, day in (("cartagena", date(2004, 1, 1)), ("supplementary", None)):
        ProtocolMembership.objects.create(
            government=belgium,
            protocol=protocol,
            entry_into_force_on=day,
            not_before=None if day else date(2019, 2, 1),
        )
    return belgium


def test_where_a_report_and_the_registry_disagree_on_membership_both_are_shown(
    client, world, cycles, belgium
):
    # Kenya's NR5 says it is a Party to the Supplementary Protocol; the registry says it is not.
    # Germany's says so too, and the registry agrees: nothing to show. Belgium has no date.
    for code in ("KEN", "DEU"):
        publish(cycles[5], world[code], {"Q159": {"value": "true"}})
    publish(cycles[5], belgium, {"Q159": {"value": "true"}})
    evidence = client.get("/api/v1/indicators/A.10.b/").json()["membership_evidence"]
    assert [(e["code"], e["report"], e["registry"]) for e in evidence] == [
        ("BEL", "a member", "unknown (no date)"),
        ("KEN", "a member", "not a member"),
    ]
    html = client.get("/indicators/A.10.b/").content.decode()
    assert "Who is in the population: the registry and the reports" in html
    assert "Population 2–3: 1 Party of unknown membership on the deadline" in html
    assert "Who is in the population" not in client.get("/indicators/A.1.b/").content.decode()


def test_the_api_names_the_parties_of_unknown_membership(client, cycles, belgium):
    value = client.get("/api/v1/indicators/A.10.b/").json()["values"][1]
    assert [p["code"] for p in value["provenance"]["unknown_membership"]] == ["BEL"]
    assert (value["unknown_members"], value["if_members"]["parties"]) == (1, value["parties"] + 1)
