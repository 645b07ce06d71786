"""Declarations of interests: an organization's editor declares, the Secretariat reviews
(accepted, managed with a measure, conflicted for named Parties or topics), each step audited;
offers and matches show the status, and a conflict flags the match without hiding it."""

import re

import pytest
from django.urls import reverse

from cbap.audit.models import AuditEntry
from cbap.needs import services
from cbap.needs.models import Declaration
from tests.needs.conftest import new_offer, validated


def test_an_editor_declares_and_the_secretariat_reviews(client, plan, provider, editor, analyst):
    client.force_login(editor)
    response = client.post(
        reverse("needs:declarations"),
        {
            "organization": provider.pk,
            "kind_0": "research",
            "with_0": "Demo seed company (synthetic)",
            "what_0": "A joint research project on drought-tolerant maize",
        },
    )
    declaration = Declaration.objects.get()
    assert response["Location"] == declaration.get_absolute_url()
    assert (declaration.organization, declaration.status) == (provider, "pending")
    assert (declaration.valid_until - declaration.declared_on).days == 365
    assert declaration.interests == [
        {
            "kind": "research",
            "with": "Demo seed company (synthetic)",
            "what": "A joint research project on drought-tolerant maize",
        }
    ]
    assert analyst.notifications.filter(link=declaration.get_absolute_url()).exists()
    assert client.post(declaration.get_absolute_url(), {"status": "accepted"}).status_code == 403
    assert Declaration.objects.get().status == "pending"  # editors do not review
    client.force_login(analyst)
    client.post(
        declaration.get_absolute_url(),
        {"status": "conflicted", "measure": "Research ties in Kenya", "parties": ["KEN"]},
    )
    declaration.refresh_from_db()
    assert (declaration.status, declaration.conflicted_parties) == ("conflicted", ["KEN"])
    steps = AuditEntry.objects.filter(target_type="needs.declaration").values_list(
        "details__step", flat=True
    )
    assert sorted(steps) == ["declare", "review"]


@pytest.mark.parametrize(
    "status, measure, parties, reason",
    [
        ("managed", "", [], "Say which measure manages it"),
        ("conflicted", "Ties", [], "Name the Parties or the topics"),
        ("fine", "", [], "Choose accepted, managed or conflicted"),
    ],
)
def test_a_review_says_what_it_decides(
    plan, provider, editor, analyst, status, measure, parties, reason
):
    declaration = services.declaration_submit(actor=editor, interests=[], organization=provider)
    with pytest.raises(services.DeclarationError, match=reason):
        services.declaration_review(
            declaration=declaration, actor=analyst, status=status, measure=measure, parties=parties
        )
    assert Declaration.objects.get().status == "pending"


def test_another_organizations_editor_neither_declares_nor_reads(
    client, plan, provider, other_provider, editor
):
    from tests import personas

    other = personas.person("ed@other.example", "organization_editor", organization=other_provider)
    with pytest.raises(services.DeclarationError):
        services.declaration_submit(actor=other, interests=[], organization=provider)
    declaration = services.declaration_submit(actor=editor, interests=[], organization=provider)
    client.force_login(other)
    assert client.get(declaration.get_absolute_url()).status_code == 404
    client.logout()
    assert client.get(declaration.get_absolute_url()).status_code == 404


def test_offers_and_matches_show_the_declaration_and_flag_a_conflict(
    client, kenya_needs, provider, editor, analyst
):
    offer = validated(new_offer(editor, organization=provider), editor, analyst)
    html = client.get(offer.get_absolute_url()).content.decode()
    assert "No current declaration" in html and "no current declaration of interests" in html
    declaration = services.declaration_submit(actor=editor, interests=[], organization=provider)
    services.declaration_review(
        declaration=declaration, actor=analyst, status="conflicted", measure="Ties", parties=["KEN"]
    )
    html = client.get(offer.get_absolute_url()).content.decode()
    assert "Conflicted (valid until" in html
    # still listed and ranked, flagged
    assert len(re.findall("conflict of interest declared for this Party", html)) == 2
    assert 'href="/plan/A.8.2/">A.8.2</a></td>' in html


def test_a_conflict_on_a_topic_flags_only_the_needs_of_that_key_area(
    client, kenya_needs, provider, editor, analyst
):
    offer = validated(new_offer(editor, organization=provider), editor, analyst)
    declaration = services.declaration_submit(actor=editor, interests=[], organization=provider)
    services.declaration_review(
        declaration=declaration,
        actor=analyst,
        status="conflicted",
        measure="Ties",
        topics=["A.8.2"],
    )
    html = client.get(offer.get_absolute_url()).content.decode()
    # Kenya's A.8.2 and A.5.2 both fit the offer; only A.8.2 is the conflicted topic.
    assert len(re.findall("conflict of interest declared for this Party or topic", html)) == 1
