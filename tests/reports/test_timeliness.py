"""Reports submitted by the deadline: a figure of each cycle, with an unknown date kept unknown.

NR5, deadline 2026-02-28; four Parties and a non-Party:

    Kenya      submitted 2026-02-01, corrected and republished 2026-06-01   on time (first counts)
    Brazil     submitted 2026-03-15                                          late
    Germany    published from a BCH feed: no submission date                 date unknown
    EU         a draft only                                                  not submitted
    Argentina  submitted on time, but not a Party                            left out
"""

import csv
import io
import json
from datetime import date

import pytest

from cbap.accounts.permissions import SYSTEM
from cbap.parties.models import ProtocolMembership
from cbap.reports import selectors, services
from tests.reports.conftest import NR5_ANSWERS

pytestmark = pytest.mark.django_db


def save(cycle, government, *, submitted_on, status="published", answers=NR5_ANSWERS):
    services.report_save(
        cycle=cycle,
        government=government,
        answers=answers,
        status=status,
        submitted_on=submitted_on,
        actor=SYSTEM,
    )


@pytest.fixture
def reports(nr5, governments):
    for code in ("KEN", "BRA", "DEU", "EU"):
        ProtocolMembership.objects.create(
            government=governments[code],
            protocol="cartagena",
            entry_into_force_on=date(2003, 9, 11),
        )
    save(nr5, governments["KEN"], submitted_on=date(2026, 2, 1))
    corrected = {**NR5_ANSWERS, "Q010": {"value": "false"}}
    save(nr5, governments["KEN"], submitted_on=date(2026, 6, 1), answers=corrected)
    save(nr5, governments["BRA"], submitted_on=date(2026, 3, 15))
    save(nr5, governments["DEU"], submitted_on=None)
    save(nr5, governments["EU"], submitted_on=date(2026, 2, 1), status="draft")
    save(nr5, governments["ARG"], submitted_on=date(2026, 2, 1))
    return nr5


def test_an_unknown_date_is_unknown_never_late_and_the_first_submission_counts(reports):
    timeliness = selectors.submission_timeliness(reports)
    assert timeliness.parties == 4
    assert (timeliness.on_time, timeliness.late) == (("KEN",), ("BRA",))
    assert (timeliness.date_unknown, timeliness.not_submitted) == (("DEU",), ("EU",))
    assert timeliness.share_range == (25.0, 50.0)
    assert timeliness.share_of_dated == 50.0


def test_the_list_page_shows_the_figure_with_its_unknowns(reports, client):
    html = client.get("/reports/5/").content.decode()
    section = html[html.index('<section aria-labelledby="timeliness"') :]
    section = section[: section.index("</section>")]
    assert "The 4 Parties to the Cartagena Protocol on the deadline" in section
    assert (
        '<th scope="row">Published, submission date unknown</th><td class="num">1</td>' in section
    )
    assert '<th scope="row">After the deadline</th><td class="num">1</td>' in section
    assert (
        "between 25.0 % and 50.0 % of the Parties; 50.0 % of the reports whose date is known"
        in section
    )


def test_the_figure_downloads_as_csv_and_json(reports, client):
    response = client.get("/reports/5/submitted-by-the-deadline.csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [(row["government"], row["submitted"]) for row in rows] == [
        ("BRA", "late"),
        ("DEU", "date unknown"),
        ("EU", "not submitted"),
        ("KEN", "on time"),
    ]
    document = json.loads(client.get("/reports/5/submitted-by-the-deadline.json").content)
    assert document["percent_by_the_deadline"] == {"lowest": 25.0, "highest": 50.0}
    assert (document["date_unknown"], document["parties"]) == (["DEU"], 4)
