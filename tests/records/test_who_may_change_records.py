"""Who may take which step, through the services (the web and the API tests check the same)."""

import pytest
from django.core.exceptions import PermissionDenied

from cbap.records import selectors, services
from tests.records.fixtures import new_contact

pytestmark = pytest.mark.django_db


def submitted(contact, actor):
    return services.record_transition(record=contact, actor=actor, action="submit")


def test_the_focal_point_of_kenya_creates_edits_publishes_and_withdraws_kenyas_contacts(
    kenya, kenya_focal_point
):
    contact = new_contact(kenya, kenya_focal_point)
    contact = services.record_update(
        record=contact, actor=kenya_focal_point, data={"city": "Nairobi"}, expected_version=1
    )
    contact = submitted(contact, kenya_focal_point)
    contact = services.record_transition(
        record=contact, actor=kenya_focal_point, action="return", message="Check the phone."
    )
    contact = services.record_transition(record=contact, actor=kenya_focal_point, action="publish")
    contact = services.record_transition(
        record=contact, actor=kenya_focal_point, action="withdraw", message="Moved."
    )
    contact = services.record_restore(
        record=contact, actor=kenya_focal_point, revision_number=1, expected_version=contact.version
    )
    assert contact.status == "draft"


def test_the_focal_point_of_kenya_may_not_touch_brazils_contacts(
    brazil, brazil_published, kenya_focal_point
):
    with pytest.raises(PermissionDenied):
        new_contact(brazil, kenya_focal_point)
    with pytest.raises(PermissionDenied):
        services.record_update(
            record=brazil_published, actor=kenya_focal_point, data={"city": "X"}, expected_version=2
        )
    for step in ("publish", "withdraw", "submit", "return"):
        with pytest.raises(PermissionDenied):
            services.record_transition(
                record=brazil_published, actor=kenya_focal_point, action=step, message="why"
            )
    with pytest.raises(PermissionDenied):
        services.record_delete(record=brazil_published, actor=kenya_focal_point, expected_version=2)


def test_a_national_user_edits_a_draft_and_submits_it_but_may_not_publish(kenya_draft, kenya_user):
    contact = services.record_update(
        record=kenya_draft, actor=kenya_user, data={"city": "Nairobi"}, expected_version=1
    )
    contact = submitted(contact, kenya_user)
    assert contact.status == "submitted"
    with pytest.raises(PermissionDenied):
        services.record_transition(record=contact, actor=kenya_user, action="publish")
    assert contact.__class__.objects.get(pk=contact.pk).status == "submitted"


def test_a_national_user_may_not_return_or_withdraw(kenya_published, kenya_draft, kenya_user):
    with pytest.raises(PermissionDenied):
        services.record_transition(
            record=kenya_published, actor=kenya_user, action="withdraw", message="why"
        )
    submitted(kenya_draft, kenya_user)
    with pytest.raises(PermissionDenied):
        services.record_transition(
            record=kenya_draft, actor=kenya_user, action="return", message="why"
        )


def test_the_analyst_reads_drafts_but_edits_no_national_record(kenya_draft, analyst):
    assert selectors.can_read(analyst, kenya_draft)
    assert selectors.record_view(analyst, kenya_draft).is_working_copy
    with pytest.raises(PermissionDenied):
        services.record_update(
            record=kenya_draft, actor=analyst, data={"city": "X"}, expected_version=1
        )
    for step in ("submit", "publish"):
        with pytest.raises(PermissionDenied):
            services.record_transition(record=kenya_draft, actor=analyst, action=step)


def test_the_public_changes_nothing(kenya, kenya_published, anonymous):
    with pytest.raises(PermissionDenied):
        new_contact(kenya, anonymous)
    with pytest.raises(PermissionDenied):
        services.record_update(
            record=kenya_published, actor=anonymous, data={"city": "X"}, expected_version=2
        )
    with pytest.raises(PermissionDenied):
        services.record_transition(
            record=kenya_published, actor=anonymous, action="withdraw", message="why"
        )


def test_the_public_sees_only_published_content_even_while_a_new_draft_exists(
    kenya_published, kenya_draft, kenya_focal_point, anonymous
):
    edited = services.record_update(
        record=kenya_published,
        actor=kenya_focal_point,
        data={"name": "Draft name"},
        expected_version=2,
    )
    views = selectors.record_views(anonymous, [edited, kenya_draft])
    assert [(v.record.pk, v.name, v.status, v.version) for v in views] == [
        (edited.pk, "Demo contact (synthetic)", "published", 2)
    ]
    assert not selectors.can_read(anonymous, kenya_draft)
    [own] = selectors.record_views(kenya_focal_point, [edited])
    assert (own.name, own.status, own.version) == ("Draft name", "draft", 3)


def test_record_actions_offer_only_the_steps_a_person_may_take_now(
    kenya_draft, kenya_user, kenya_focal_point, analyst
):
    assert selectors.record_actions(kenya_focal_point, kenya_draft) >= {"edit", "submit", "publish"}
    assert "withdraw" not in selectors.record_actions(kenya_focal_point, kenya_draft)
    user_actions = selectors.record_actions(kenya_user, kenya_draft)
    assert "submit" in user_actions and "publish" not in user_actions
    assert selectors.record_actions(analyst, kenya_draft) & {"edit", "submit", "publish"} == set()
