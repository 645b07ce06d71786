"""Support offers: a provider's editor offers support, the Secretariat validates it, and the
offer and the Parties' published needs find each other with every term of the score shown;
bad offers are refused with each field named."""

import re

import pytest
from django.urls import reverse

from cbap.needs.models import Offer
from tests.needs.conftest import new_offer, published, started, validated


def test_an_editor_offers_support_and_the_secretariat_validates_it(
    client, plan, provider, editor, analyst
):
    client.force_login(editor)
    response = client.post(
        reverse("needs:offer_create"),
        {
            "owner": f"organization:{provider.pk}",
            "title": "Demo course (synthetic)",
            "key_areas": ["A.8.2"],
            "kinds": ["training", "experts"],
            "languages": ["en", "fr"],
            "places": "12",
        },
    )
    offer = Offer.objects.get()
    assert response["Location"] == offer.get_absolute_url()
    assert (offer.owner_organization, offer.status, offer.kinds) == (
        provider,
        "draft",
        ["training", "experts"],
    )
    assert client.get(reverse("needs:offers")).status_code == 200
    client.logout()
    assert client.get(offer.get_absolute_url()).status_code == 404  # a draft
    validated(offer, editor, analyst)
    assert client.get(offer.get_absolute_url()).status_code == 200


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"key_areas": []}, "key_areas", "Name at least one key area or goal."),
        ({"key_areas": ["A.99.1"]}, "key_areas", "Not a key area or goal of the plan: A.99.1."),
        ({"kinds": ["loans"]}, "kinds", "Not a kind of support of the list: loans."),
        (
            {"eligible": ["ATLANTIS"]},
            "eligible",
            "No government or grouping has this code: ATLANTIS.",
        ),
        ({"languages": ["English"]}, "languages", "Not an ISO 639 language code: English."),
        ({"budget": "100"}, "currency", "A budget needs its currency (ISO 4217, e.g. USD)."),
        (
            {"start_date": "2026-05-01", "end_date": "2026-04-01"},
            "end_date",
            "The offer ends before it starts.",
        ),
    ],
)
def test_a_bad_offer_is_refused_naming_the_field(plan, provider, editor, changes, field, message):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        new_offer(editor, organization=provider, **changes)
    assert refused.value.message_dict[field] == [message]
    assert not Offer.objects.exists()


def test_the_offer_page_ranks_the_needs_that_fit_with_their_terms(
    client, kenya_needs, provider, editor, analyst, brazil_focal_point
):
    offer = validated(new_offer(editor, organization=provider), editor, analyst)
    html = client.get(offer.get_absolute_url()).content.decode()
    # detection (named, high, first) before risk management (through goal A.5, medium)
    first, second = (
        html.index('href="/plan/A.8.2/">A.8.2</a></td>'),
        html.index('href="/plan/A.5.2/">A.5.2</a></td>'),
    )
    assert first < second
    # A.8.2: key area 3, language not stated by Kenya 1, training 2, audience and dates not
    # stated 0.5 + 0.5, places 1, high 2, first 1; A.5.2: through its goal 1.5, language 1,
    # kind not stated 1, 0.5 + 0.5, places 1, medium 1, second 0.5
    assert re.findall(r"score [0-9.]+ of [0-9.]+", html) == ["score 11 of 13", "score 7 of 13"]
    assert "offers goal A.5, not key area A.5.2 by name" in html
    assert "A.5.4" not in html  # a confidential line is not shown to the public
    client.force_login(analyst)
    assert (
        'href="/plan/A.5.4/">A.5.4</a></td>'
        in client.get(offer.get_absolute_url()).content.decode()
    )


def test_the_self_assessment_lists_the_offers_that_fit_each_line(
    client, kenya_needs, provider, editor, analyst
):
    offer = validated(new_offer(editor, organization=provider), editor, analyst)
    new_offer(editor, organization=provider, title="Demo draft offer (synthetic)")  # unpublished
    html = client.get(kenya_needs.get_absolute_url()).content.decode()
    assert html.count(f'<a href="{offer.get_absolute_url()}">{offer}</a>') == 2  # A.8.2, A.5.2
    assert "Demo draft offer" not in html


def test_an_offer_only_for_another_region_fits_nobody_here(
    client, kenya_needs, regions, provider, editor, analyst
):
    offer = validated(
        new_offer(editor, organization=provider, eligible=["grulac"]), editor, analyst
    )
    assert (
        "No published need fits this offer yet."
        in client.get(offer.get_absolute_url()).content.decode()
    )


def test_a_line_shows_how_many_offers_fit_and_the_best_three(
    client, kenya_needs, provider, editor, analyst
):
    for n in range(4):
        validated(
            new_offer(editor, organization=provider, title=f"Demo course {n} (synthetic)"),
            editor,
            analyst,
        )
    html = client.get(kenya_needs.get_absolute_url()).content.decode()
    row = html[html.index('href="/plan/A.8.2/">A.8.2</a>') : html.index('href="/plan/A.8.3/"')]
    assert "4 offers fit; the best:" in row
    assert len(re.findall(r'<a href="/needs/offers/\d+/">Demo course', row)) == 3


def test_the_published_offers_download_as_csv_xlsx_and_json(
    client, plan, provider, editor, analyst
):
    import csv
    import io
    import json

    from openpyxl import load_workbook

    offer = validated(new_offer(editor, organization=provider, eligible=[]), editor, analyst)
    new_offer(editor, organization=provider, title="Demo draft (synthetic)")
    text = client.get(reverse("needs:offers_download", args=["csv"])).content.decode("utf-8-sig")
    [row] = list(csv.DictReader(io.StringIO(text)))
    assert (row["id"], row["key_areas"], row["kinds"], row["eligible"]) == (
        str(offer.pk),
        "A.8.2; A.5",
        "training",
        "",
    )
    book = load_workbook(
        io.BytesIO(client.get(reverse("needs:offers_download", args=["xlsx"])).content)
    )
    assert book.worksheets[0].max_row == 2
    document = json.loads(client.get(reverse("needs:offers_download", args=["json"])).content)
    assert [o["title"] for o in document["offers"]] == ["Demo course on LMO detection (synthetic)"]


def test_the_languages_a_party_wants_support_in_meet_the_offers(
    client, kenya_needs, provider, editor, analyst, kenya_focal_point
):
    from cbap.records import services as record_services

    content = kenya_needs.content()
    published(
        record_services.record_update(
            record=kenya_needs,
            actor=kenya_focal_point,
            data={**content, "languages": ["fr"]},
            expected_version=kenya_needs.version,
            reopen=True,
        ),
        kenya_focal_point,
    )
    offer = validated(new_offer(editor, organization=provider), editor, analyst)  # in English
    html = client.get(offer.get_absolute_url()).content.decode()
    assert "no common language" in html
    # A.8.2 loses the language term (2 of 2): 11 - 1 (the half credit it had) = 10
    assert re.findall(r"score [0-9.]+ of [0-9.]+", html)[0] == "score 10 of 13"
    assert started(kenya_needs.owner_party, kenya_focal_point).languages == ["fr"]  # carried on
