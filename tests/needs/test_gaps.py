"""The gap analysis page: needs against support by key area and group, as a heat map with its
numbers in a table, and the candidate priorities; a delivered match takes a need off the
unmet ones."""

import re
from datetime import date

from django.urls import reverse

from cbap.needs import gap_analysis, services
from tests.activities.conftest import new_activity
from tests.activities.conftest import published as published_record
from tests.needs.conftest import new_offer, validated


def test_the_page_counts_high_needs_and_those_left_unmet(client, kenya_needs, regions, brazil):
    from cbap.parties.models import ProtocolMembership

    for party in (kenya_needs.owner_party, brazil):
        ProtocolMembership.objects.create(
            government=party, protocol="cartagena", entry_into_force_on=date(2004, 2, 22)
        )
    html = client.get(reverse("needs:gaps")).content.decode()
    assert '<svg role="img" aria-labelledby="heat-title"' in html
    # Kenya assessed its needs, Brazil did not: each column says so
    assert re.findall(r"\d+ of \d+ assessed", html) == [
        "1 of 2 assessed",
        "1 of 1 assessed",
        "0 of 1 assessed",
    ]
    row = re.search(r'href="/plan/A.8.2/">A.8.2</a></th>(.*?)</tr>', html, re.S).group(1)
    assert row.count("1 high, 1 unmet") == 2  # all Parties, the African Group
    assert "0 high, 0 unmet" in row  # GRULAC
    assert re.search(r'href="/plan/A.8.2/">A.8.2</a> — score 3', html)  # first priority


def test_a_delivered_match_meets_the_need(
    kenya_needs, regions, provider, editor, analyst, kenya_focal_point
):
    from cbap.records import services as record_services

    offer = validated(new_offer(editor, organization=provider), editor, analyst)
    draft = new_activity(editor, organization=provider, countries=["KEN"], plan_codes=["A.8.2"])
    submitted = record_services.record_transition(record=draft, actor=editor, action="submit")
    activity = published_record(submitted, analyst)
    before = gap_analysis.gap_table().cell("A.8.2", "all")
    assert (before.high, before.unmet_high, before.offers, before.activities) == (1, 1, 1, 1)
    match = services.match_propose(
        assessment=kenya_needs, key_area="A.8.2", offer=offer, actor=editor
    )
    services.match_accept(match=match, actor=kenya_focal_point)
    services.match_deliver(match=match, actor=editor, activity=activity)
    after = gap_analysis.gap_table().cell("A.8.2", "all")
    assert (after.high, after.unmet_high, after.matches_delivered) == (1, 0, 1)


def test_every_cell_downloads_as_csv_xlsx_and_json(client, kenya_needs, regions):
    import csv
    import io
    import json

    from openpyxl import load_workbook

    text = client.get(reverse("needs:gaps_download", args=["csv"])).content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 41 * 3
    [row] = [r for r in rows if (r["key_area"], r["group"]) == ("A.8.2", "all")]
    assert (row["high"], row["unmet_high"], row["group_assessed"]) == ("1", "1", "1")
    book = load_workbook(
        io.BytesIO(client.get(reverse("needs:gaps_download", args=["xlsx"])).content)
    )
    assert book.worksheets[0].max_row == 41 * 3 + 1
    document = json.loads(client.get(reverse("needs:gaps_download", args=["json"])).content)
    assert len(document["cells"]) == 41 * 3 and "Needs" in document["about"]


def test_the_candidate_priorities_download_as_an_adjustment_files_entry(
    client, kenya_needs, regions
):
    import json

    document = json.loads(client.get(reverse("needs:priorities_download")).content)
    [entry] = document["priorities"]
    assert entry["element_codes"][:3] == ["A.5.4", "A.8.2", "A.5.2"]
    assert (entry["decision"], entry["starts_on"], entry["ends_on"]) == ("", "", "")
    assert "A.8.2: 1 Party rates it high" in entry["note"]
