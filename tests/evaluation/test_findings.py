"""Findings and recommendations: written by a Secretariat analyst beside a snapshot's numbers,
starting from sentences generated from them, reviewed and published with the record workflow;
nobody else writes them, and nobody else reads their drafts."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cbap.evaluation import sentences, services
from cbap.evaluation.models import Finding
from cbap.records import services as record_services
from tests.evaluation.test_snapshots import NOT_ADEQUATE
from tests.indicators.conftest import YES_ADEQUATE, publish

NR4_YES = {"Q018": {"value": "true"}, "Q019_adq": {"value": "true"}}
NR4_NO = {"Q018": {"value": "true"}, "Q019_adq": {"value": "false"}}


@pytest.fixture
def snapshot(world, cycles, analyst):
    """A.1.b: Kenya no → yes, Brazil yes → yes, Germany no → no; frozen."""
    for code, nr4, nr5 in (
        ("KEN", NR4_NO, YES_ADEQUATE),
        ("BRA", NR4_YES, YES_ADEQUATE),
        ("DEU", NR4_NO, NOT_ADEQUATE),
    ):
        publish(cycles[4], world[code], nr4)
        publish(cycles[5], world[code], nr5)
    return services.snapshot_create(name="midterm-2026", actor=analyst, background=False)


def test_the_sentences_say_the_numbers_their_population_and_their_caveats(snapshot):
    [a1a, a1b] = sentences.goal_sentences(snapshot, "A.1")
    assert a1b.code == "A.1.b"
    assert a1b.url == "/evaluation/snapshots/midterm-2026/indicators/A.1.b/"
    assert "33.3 % at baseline (1 of the 3 Parties that answered; 3 of 4 Parties reported)" in (
        a1b.text
    )
    assert "66.7 % at midterm (2 of the 3 Parties that answered; 3 of 5 Parties reported)" in (
        a1b.text
    )
    assert "Among the 3 Parties that answered in both cycles the change is not significant" in (
        a1b.text
    )
    assert "not like for like (the wording changed)" in a1b.text  # NR4 asked otherwise
    assert "No value at baseline" in a1a.text  # nobody answered A.1.a's questions
    assert sentences.goal_sentences(snapshot, "A.1") == [a1a, a1b]  # the same every time


def test_an_analyst_writes_a_finding_from_the_sentences_and_it_is_published(
    client, snapshot, analyst, secretariat_admin
):
    client.force_login(analyst)
    page = client.get(
        reverse("evaluation:finding_create"), {"snapshot": "midterm-2026", "goal": "A.1"}
    )
    html = page.content.decode()
    assert (
        "33.3 % at baseline" in html
        and 'href="/evaluation/snapshots/midterm-2026/indicators/A.1.b/"' in html
    )
    kept = sentences.goal_sentences(snapshot, "A.1")[1].text
    response = client.post(
        reverse("evaluation:finding_create"),
        {
            "snapshot": "midterm-2026",
            "goal": "A.1",
            "kind": "finding",
            "text": f"{kept} Staffing improved, though few Parties answered.",
            "sources": ["A.1.b"],
        },
    )
    finding = Finding.objects.get()
    assert response["Location"] == finding.get_absolute_url()
    assert finding.status == "draft" and finding.owner_party is None
    client.logout()
    assert client.get(finding.get_absolute_url()).status_code == 404  # a draft
    record_services.record_transition(record=finding, actor=analyst, action="submit")
    published = record_services.record_transition(
        record=finding, actor=secretariat_admin, action="publish"
    )
    html = client.get(published.get_absolute_url()).content.decode()
    assert "Staffing improved" in html
    assert 'href="/evaluation/snapshots/midterm-2026/indicators/A.1.b/"' in html
    listed = client.get(reverse("evaluation:findings")).content.decode()
    assert f'href="{finding.get_absolute_url()}">A.1 · Finding</a>' in listed


@pytest.mark.parametrize(
    ("changes", "field", "said"),
    [
        ({"snapshot": "nope"}, "snapshot", "No frozen snapshot is named nope."),
        ({"goal": "C.1"}, "goal", "Not a goal of the plan: C.1."),
        ({"text": "  "}, "text", "Write the finding or the recommendation."),
        ({"sources": ["A.5.c"]}, "sources", "Not an indicator of goal A.1: A.5.c."),
        ({"sources": ["Z.1.a"]}, "sources", "Not an indicator of the plan: Z.1.a."),
    ],
)
def test_a_finding_says_what_it_must(snapshot, analyst, changes, field, said):
    data = {"snapshot": "midterm-2026", "goal": "A.1", "kind": "finding", "text": "Fine."}
    with pytest.raises(ValidationError) as raised:
        record_services.record_create(model=Finding, actor=analyst, data={**data, **changes})
    assert raised.value.message_dict[field] == [said]


def test_only_the_secretariat_writes_findings(client, snapshot, kenya_focal_point, editor):
    for person in (kenya_focal_point, editor):
        client.force_login(person)
        asked = {"snapshot": "midterm-2026", "goal": "A.1"}
        assert client.get(reverse("evaluation:finding_create"), asked).status_code == 403
