"""A request for support is a Party's national record: what it needs for key areas that its
published self-assessment rates as needs, for whom and by when. Offers are ranked for it with
its own terms, a match can answer it, and nobody else writes it or reads its draft."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cbap.needs import services
from cbap.needs.models import SupportRequest
from cbap.records import services as record_services
from tests.needs.conftest import published


def request_data(**changes) -> dict:
    return {
        "title": "Training of customs officers in LMO detection (synthetic)",
        "description": "",
        "key_areas": ["A.8.2"],
        "kinds": ["training"],
        "audiences": [],
        "languages": ["en"],
        "needed_by": None,
        "contact": "",
        **changes,
    }


def asked(actor, party, **changes) -> SupportRequest:
    return record_services.record_create(
        model=SupportRequest, actor=actor, data=request_data(**changes), owner_party=party
    )


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"title": " "}, "title", "Say what is needed."),
        ({"key_areas": []}, "key_areas", "Name at least one key area."),
        ({"key_areas": ["A.99.1"]}, "key_areas", "Not a key area of the plan: A.99.1."),
        # A.1.1 is not rated in Kenya's self-assessment, A.5.4 is (but confidential: still its need)
        (
            {"key_areas": ["A.1.1", "A.5.4"]},
            "key_areas",
            "rate it low, medium or high there first): A.1.1.",
        ),
        ({"kinds": ["money"]}, "kinds", "Not a kind of support of the list: money."),
        ({"languages": ["English"]}, "languages", "Not an ISO 639 language code: English."),
    ],
)
def test_a_request_names_needs_of_its_partys_self_assessment(
    kenya_needs, kenya, kenya_focal_point, changes, field, message
):
    with pytest.raises(ValidationError) as raised:
        asked(kenya_focal_point, kenya, **changes)
    assert message in " ".join(raised.value.message_dict[field])


def test_without_a_published_self_assessment_a_party_cannot_ask_yet(plan, kenya, kenya_focal_point):
    with pytest.raises(ValidationError, match="rate it low, medium or high there first"):
        asked(kenya_focal_point, kenya)


def test_a_focal_point_asks_in_the_form_and_publishes(client, kenya_needs, kenya_focal_point):
    client.force_login(kenya_focal_point)
    form = client.get(reverse("needs:request_create")).content.decode()
    assert "A.8.2" in form and "(High)" in form and "A.1.1" not in form  # only Kenya's needs
    response = client.post(
        reverse("needs:request_create"),
        {
            "title": "Detection training (synthetic)",
            "key_areas": ["A.8.2"],
            "kinds": ["training"],
            "languages": ["en"],
            "needed_by": "2027-03-01",
        },
    )
    made = SupportRequest.objects.get()
    assert response["Location"] == made.get_absolute_url()
    assert (made.status, made.owner_party.code, made.needed_by) == (
        "draft",
        "KEN",
        date(2027, 3, 1),
    )
    refused = client.post(reverse("needs:request_create"), {"title": "x", "key_areas": ["A.1.1"]})
    assert refused.status_code == 400  # not a choice: Kenya does not rate A.1.1


def test_another_party_neither_reads_nor_writes_a_draft_request(
    client, kenya_needs, kenya, kenya_focal_point, brazil_focal_point
):
    draft = asked(kenya_focal_point, kenya)
    client.force_login(brazil_focal_point)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(reverse("needs:request_edit", args=[draft.pk])).status_code == 404
    client.logout()
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert (
        "Training of customs officers" not in client.get(reverse("needs:requests")).content.decode()
    )
    published(draft, kenya_focal_point)
    assert "Training of customs officers" in client.get(reverse("needs:requests")).content.decode()


def test_offers_are_ranked_with_the_requests_terms_and_a_match_answers_it(
    client, kenya_needs, kenya, kenya_focal_point, offer
):
    request = published(
        asked(kenya_focal_point, kenya, kinds=["funding"], languages=["fr"]), kenya_focal_point
    )
    page = client.get(request.get_absolute_url()).content.decode()
    assert offer.title in page
    # the request's kinds and languages, not the line's (which wants training, as offered)
    assert "covers none of the kinds wanted: Funding (offers Training)" in page
    assert "no common language (offer: English; Party: Français)" in page
    client.force_login(kenya_focal_point)
    response = client.post(
        reverse("needs:match_propose"),
        {
            "assessment": kenya_needs.pk,
            "key_area": "A.8.2",
            "offer": offer.pk,
            "request": request.pk,
        },
    )
    match = request.matches.get()
    assert response["Location"] == match.get_absolute_url()
    assert (match.state, match.proposed_by, match.assessment) == ("proposed", "party", kenya_needs)
    assert [t["why"] for t in match.terms if t["name"] == "kind"] == ["no_kind"]
    assert request.get_absolute_url() in client.get(match.get_absolute_url()).content.decode()


def test_a_request_answers_only_for_its_own_party(
    kenya_needs, kenya, kenya_focal_point, brazil, brazil_focal_point, offer
):
    from tests.needs.conftest import started

    brazils = started(brazil, brazil_focal_point)
    brazils.lines["A.8.2"] = {"level": "high"}
    brazils.save()
    brazils = published(brazils, brazil_focal_point)
    request = published(asked(kenya_focal_point, kenya), kenya_focal_point)
    with pytest.raises(services.MatchError, match="not of the same Party"):
        services.match_propose(
            assessment=brazils,
            key_area="A.8.2",
            offer=offer,
            actor=brazil_focal_point,
            support_request=request,
        )
