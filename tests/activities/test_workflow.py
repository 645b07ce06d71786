"""Who writes and who publishes: a Party's users draft and its focal point publishes; an
organization's editors write and the Secretariat validates; nobody touches another's."""

import pytest
from django.core.exceptions import PermissionDenied

from cbap.activities.models import Listing
from cbap.records import services
from tests.activities.conftest import new_activity


def test_a_national_user_drafts_and_the_focal_point_publishes(
    plan, regions, kenya, kenya_user, kenya_focal_point
):
    draft = new_activity(kenya_user, party=kenya)
    submitted = services.record_transition(record=draft, actor=kenya_user, action="submit")
    with pytest.raises(PermissionDenied):
        services.record_transition(record=submitted, actor=kenya_user, action="publish")
    services.record_transition(record=submitted, actor=kenya_focal_point, action="publish")
    assert Listing.objects.filter(kind="activity", record_id=draft.pk).exists()


def test_an_editor_writes_and_the_secretariat_validates(plan, regions, provider, editor, analyst):
    draft = new_activity(editor, organization=provider, scope="global", countries=[])
    with pytest.raises(PermissionDenied):
        services.record_transition(record=draft, actor=editor, action="publish")
    services.record_transition(record=draft, actor=analyst, action="publish")
    assert Listing.objects.filter(kind="activity", record_id=draft.pk).exists()


def test_nobody_edits_what_belongs_to_another_party_or_organization(
    plan, regions, kenya, kenya_user, brazil_user, other_editor
):
    draft = new_activity(kenya_user, party=kenya)
    for intruder in (brazil_user, other_editor):
        with pytest.raises(PermissionDenied):
            services.record_update(
                record=draft,
                actor=intruder,
                data={"programme": "X"},
                expected_version=draft.version,
            )


def test_a_new_revision_leaves_the_public_index_as_published_until_the_next_publication(
    kenya_activity, kenya_focal_point
):
    services.record_update(
        record=kenya_activity,
        actor=kenya_focal_point,
        data={"title": {"en": "Renamed (synthetic)"}},
        expected_version=kenya_activity.version,
    )
    assert (
        Listing.objects.get(record_id=kenya_activity.pk, kind="activity").title
        == "Demo training on LMO detection (synthetic)"
    )
