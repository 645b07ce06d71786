"""A match has a life: proposed by either side, accepted by the other, started, delivered by a
recorded activity of the provider, closed by the Party with its outcome; both sides are told at
each step, and nobody else takes a step or sees the match."""

import pytest
from django.urls import reverse

from cbap.audit.models import AuditEntry
from cbap.needs import services
from cbap.needs.models import Match
from tests import personas
from tests.activities.conftest import new_activity
from tests.activities.conftest import published as published_record
from tests.needs.conftest import published


@pytest.fixture
def delivered_by(regions, provider, editor, analyst):
    """The provider's published activity that delivered the support."""
    from cbap.records import services as record_services

    draft = new_activity(editor, organization=provider, countries=["KEN"])
    submitted = record_services.record_transition(record=draft, actor=editor, action="submit")
    return published_record(submitted, analyst)


def test_a_match_goes_from_proposal_to_a_need_met(
    kenya_needs,
    offer,
    editor,
    kenya_focal_point,
    delivered_by,
):
    match = services.match_propose(
        assessment=kenya_needs, key_area="A.8.2", offer=offer, actor=editor
    )
    assert (match.state, match.proposed_by) == ("proposed", "provider")
    assert match.provider_accepted_at and not match.party_accepted_at
    assert match.score == 11 and match.possible == 13
    [told] = kenya_focal_point.notifications.all()
    assert told.kind == "match" and told.link == match.get_absolute_url()
    assert (
        told.subject
        == "Match of Kenya A.8.2 with “Demo course on LMO detection (synthetic)”: Proposed"
    )
    assert not editor.notifications.exists()  # never the actor

    match = services.match_accept(match=match, actor=kenya_focal_point)
    assert match.state == "accepted" and match.party_accepted_at
    match = services.match_start(match=match, actor=editor)
    match = services.match_deliver(match=match, actor=editor, activity=delivered_by)
    assert (match.state, match.activity) == ("delivered", delivered_by)
    match = services.match_close(match=match, actor=kenya_focal_point, outcome="met", note="Done")
    assert (match.state, match.outcome, match.note) == ("closed", "met", "Done")
    assert editor.notifications.filter(kind="match").count() == 2  # accepted, closed
    steps = list(
        AuditEntry.objects.filter(target_type="needs.match").values_list("details__step", flat=True)
    )
    assert sorted(steps) == sorted(["propose", "accept", "start", "deliver", "close"])


def test_only_the_right_side_takes_each_step(
    kenya_needs,
    offer,
    editor,
    kenya_focal_point,
    brazil_focal_point,
    other_provider,
    delivered_by,
):
    other_editor = personas.person(
        "ed@other.example", "organization_editor", organization=other_provider
    )
    match = services.match_propose(
        assessment=kenya_needs, key_area="A.8.2", offer=offer, actor=kenya_focal_point
    )
    for outsider in (brazil_focal_point, other_editor):
        with pytest.raises(services.MatchError, match="not the side"):
            services.match_accept(match=match, actor=outsider)
    with pytest.raises(services.MatchError, match="not the side"):
        services.match_accept(
            match=match, actor=kenya_focal_point
        )  # it proposed: the other accepts
    with pytest.raises(services.MatchError, match="cannot be delivered"):
        services.match_deliver(match=match, actor=editor, activity=delivered_by)
    services.match_accept(match=match, actor=editor)
    with pytest.raises(services.MatchError, match="not the side"):
        services.match_deliver(match=match, actor=kenya_focal_point, activity=delivered_by)
    services.match_deliver(match=match, actor=editor, activity=delivered_by)
    with pytest.raises(services.MatchError, match="not the side"):
        services.match_close(match=match, actor=editor, outcome="met")
    with pytest.raises(services.MatchError, match="met, partly met or not met"):
        services.match_close(match=match, actor=kenya_focal_point, outcome="fine")
    assert Match.objects.get().state == "delivered"


def test_delivery_names_a_published_activity_of_the_offers_owner(
    kenya_needs,
    offer,
    editor,
    kenya_focal_point,
    kenya,
):
    match = services.match_propose(
        assessment=kenya_needs, key_area="A.8.2", offer=offer, actor=editor
    )
    services.match_accept(match=match, actor=kenya_focal_point)
    kenyas = published_record(new_activity(kenya_focal_point, party=kenya), kenya_focal_point)
    with pytest.raises(services.MatchError, match="recorded by the offer's owner"):
        services.match_deliver(match=match, actor=editor, activity=kenyas)
    with pytest.raises(services.MatchError, match="recorded by the offer's owner"):
        services.match_deliver(match=match, actor=editor, activity=None)


def test_a_proposal_needs_a_fitting_published_line_and_is_made_once(
    kenya_needs,
    offer,
    editor,
    kenya_focal_point,
):
    with pytest.raises(services.MatchError, match="does not fit"):
        services.match_propose(assessment=kenya_needs, key_area="A.1.1", offer=offer, actor=editor)
    services.match_propose(assessment=kenya_needs, key_area="A.5.2", offer=offer, actor=editor)
    with pytest.raises(services.MatchError, match="matched already"):
        services.match_propose(
            assessment=kenya_needs, key_area="A.5.2", offer=offer, actor=kenya_focal_point
        )


def test_the_pages_of_a_match_are_its_sides_and_the_secretariats(
    client,
    kenya_needs,
    offer,
    editor,
    kenya_focal_point,
    brazil_focal_point,
    analyst,
):
    client.force_login(editor)
    page = client.get(offer.get_absolute_url()).content.decode()
    # A.8.2 and A.5.2; Kenya's confidential A.5.4 is not the provider's to see
    assert page.count("Propose this match") == 2
    response = client.post(
        reverse("needs:match_propose"),
        {"assessment": kenya_needs.pk, "key_area": "A.8.2", "offer": offer.pk},
    )
    match = Match.objects.get()
    assert response["Location"] == match.get_absolute_url()
    client.force_login(kenya_focal_point)
    html = client.get(reverse("needs:matches")).content.decode()
    assert f'<a href="{match.get_absolute_url()}">Kenya, A.8.2</a>' in html
    assert "Accept this match" in client.get(match.get_absolute_url()).content.decode()
    client.post(reverse("needs:match_step", args=[match.pk, "accept"]))
    assert Match.objects.get().state == "accepted"
    client.force_login(analyst)
    assert client.get(match.get_absolute_url()).status_code == 200
    client.force_login(brazil_focal_point)
    assert client.get(match.get_absolute_url()).status_code == 404
    assert "Kenya, A.8.2" not in client.get(reverse("needs:matches")).content.decode()
    client.logout()
    assert client.get(match.get_absolute_url()).status_code == 404


def test_a_matched_provider_reads_the_confidential_line_of_its_match(
    client, kenya_needs, offer, editor, kenya_focal_point
):
    from cbap.records import services as record_services

    content = kenya_needs.content()
    content["lines"]["A.5.4"]["notes"] = "Secret lab plans"
    kenya_needs = published(
        record_services.record_update(
            record=kenya_needs,
            actor=kenya_focal_point,
            data=content,
            expected_version=kenya_needs.version,
            reopen=True,
        ),
        kenya_focal_point,
    )
    client.force_login(editor)
    assert "Secret lab plans" not in client.get(kenya_needs.get_absolute_url()).content.decode()
    services.match_propose(
        assessment=kenya_needs, key_area="A.5.4", offer=offer, actor=kenya_focal_point
    )
    assert "Secret lab plans" in client.get(kenya_needs.get_absolute_url()).content.decode()


def test_my_work_lists_the_matches_waiting_for_the_person(
    client, kenya_needs, offer, editor, kenya_focal_point
):
    match = services.match_propose(
        assessment=kenya_needs, key_area="A.8.2", offer=offer, actor=editor
    )
    client.force_login(kenya_focal_point)
    html = client.get(reverse("web:my_work")).content.decode()
    assert "Matches of needs and offers to act on (1)" in html
    assert match.get_absolute_url() in html
    client.force_login(editor)  # it proposed: nothing of it waits for the provider now
    assert (
        "Matches of needs and offers to act on"
        not in client.get(reverse("web:my_work")).content.decode()
    )
