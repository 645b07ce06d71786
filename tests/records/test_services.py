"""The record services: revisions, versions, conflicts, the workflow, restore and audit."""

import pytest
from django.core.exceptions import ValidationError

from cbap.accounts.permissions import SYSTEM
from cbap.audit.models import AuditEntry
from cbap.contacts.models import NationalContact
from cbap.records import selectors, services
from cbap.records.models import Revision
from tests.records.fixtures import contact_data, new_contact

pytestmark = pytest.mark.django_db


def events_of(record) -> list[str]:
    return list(
        AuditEntry.objects.filter(target_id=str(record.pk), target_type=record._meta.label_lower)
        .order_by("id")
        .values_list("event", flat=True)
    )


def test_creating_a_record_saves_a_draft_as_revision_one(kenya, kenya_focal_point):
    contact = new_contact(kenya, kenya_focal_point, city="Nairobi")
    assert (contact.status, contact.version, contact.published_version) == ("draft", 1, None)
    [revision] = selectors.record_history(contact)
    assert revision.number == 1
    assert revision.author == kenya_focal_point
    assert set(revision.content) == set(NationalContact.content_fields)
    assert revision.content["city"] == "Nairobi"
    assert "city" in revision.changed_fields and "address" not in revision.changed_fields


def test_revision_content_is_json(kenya, kenya_focal_point):
    contact = new_contact(
        kenya, kenya_focal_point, role="competent_authority", responsible_for_all=True
    )
    content = selectors.record_history(contact)[0].content
    assert content["responsible_for_all"] is True
    assert content["emails"] == ["focal-point@example.org"]
    assert content["phones"] == []


def test_creating_refuses_invalid_content_and_writes_nothing(kenya, kenya_focal_point):
    with pytest.raises(ValidationError) as error:
        new_contact(kenya, kenya_focal_point, emails=["not an e-mail"])
    assert "emails" in error.value.message_dict
    assert NationalContact.objects.count() == 0
    assert AuditEntry.objects.count() == 0


def test_creating_refuses_fields_that_are_not_content(kenya, kenya_focal_point):
    with pytest.raises(ValueError, match="status"):
        new_contact(kenya, kenya_focal_point, status="published")


def test_a_competent_authority_must_say_whether_it_is_the_only_one(kenya, kenya_focal_point):
    with pytest.raises(ValidationError) as error:
        new_contact(kenya, kenya_focal_point, role="competent_authority")
    assert "responsible_for_all" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        new_contact(kenya, kenya_focal_point, role="competent_authority", responsible_for_all=False)
    assert "responsibilities" in error.value.message_dict


def test_updating_writes_a_revision_with_the_changed_fields_and_a_message(
    kenya_draft, kenya_focal_point
):
    contact = services.record_update(
        record=kenya_draft,
        actor=kenya_focal_point,
        data={"city": "Nairobi", "phones": ["+254 000"]},
        expected_version=1,
        message="Added the office.",
    )
    assert contact.version == 2
    latest = selectors.record_history(contact)[0]
    assert (latest.number, latest.changed_fields, latest.message) == (
        2,
        ["city", "phones"],
        "Added the office.",
    )


def test_updating_with_the_same_content_writes_no_revision(kenya_draft, kenya_focal_point):
    contact = services.record_update(
        record=kenya_draft,
        actor=kenya_focal_point,
        data={"name": kenya_draft.name},
        expected_version=1,
    )
    assert contact.version == 1
    assert selectors.record_history(contact).count() == 1


def test_a_stale_update_raises_a_conflict_with_what_changed_since_and_overwrites_nothing(
    kenya_draft, kenya_focal_point, kenya_user
):
    services.record_update(
        record=kenya_draft, actor=kenya_user, data={"city": "Mombasa"}, expected_version=1
    )
    with pytest.raises(services.ConflictError) as conflict:
        services.record_update(
            record=kenya_draft,
            actor=kenya_focal_point,
            data={"city": "Nairobi", "name": "Mine"},
            expected_version=1,
        )
    assert conflict.value.current_version == 2
    assert {name: (c.old, c.new) for name, c in conflict.value.changes_since.items()} == {
        "city": ("", "Mombasa")
    }
    kenya_draft.refresh_from_db()
    assert (kenya_draft.city, kenya_draft.name, kenya_draft.version) == (
        "Mombasa",
        "Demo contact (synthetic)",
        2,
    )


def test_a_conflict_names_a_status_change_too(kenya_draft, kenya_focal_point):
    services.record_transition(record=kenya_draft, actor=kenya_focal_point, action="publish")
    with pytest.raises(services.ConflictError) as conflict:
        services.record_update(
            record=kenya_draft, actor=kenya_focal_point, data={"city": "X"}, expected_version=1
        )
    assert conflict.value.changes_since["status"].as_dict() == {"old": "draft", "new": "published"}


def test_the_workflow_goes_from_draft_to_submitted_to_published(
    kenya_draft, kenya_user, kenya_focal_point
):
    submitted = services.record_transition(
        record=kenya_draft, actor=kenya_user, action="submit", message="Please publish."
    )
    assert (submitted.status, submitted.version) == ("submitted", 2)
    public = services.record_transition(record=submitted, actor=kenya_focal_point, action="publish")
    assert (public.status, public.version, public.published_version) == ("published", 3, 3)
    history = list(selectors.record_history(public))
    assert [(r.number, r.status, r.message) for r in history] == [
        (3, "published", ""),
        (2, "submitted", "Please publish."),
        (1, "draft", "Created."),
    ]


def test_editing_a_published_record_makes_a_draft_while_the_public_keeps_the_published_content(
    kenya_published, kenya_focal_point
):
    edited = services.record_update(
        record=kenya_published,
        actor=kenya_focal_point,
        data={"name": "New name, not yet public"},
        expected_version=2,
    )
    assert (edited.status, edited.version, edited.published_version) == ("draft", 3, 2)
    assert selectors.published_content(edited)["name"] == "Demo contact (synthetic)"
    published_again = services.record_transition(
        record=edited, actor=kenya_focal_point, action="publish"
    )
    assert selectors.published_content(published_again)["name"] == "New name, not yet public"


def test_returning_to_draft_needs_a_reason(kenya_draft, kenya_user, kenya_focal_point):
    services.record_transition(record=kenya_draft, actor=kenya_user, action="submit")
    with pytest.raises(services.ReasonRequired):
        services.record_transition(
            record=kenya_draft, actor=kenya_focal_point, action="return", message="  "
        )
    returned = services.record_transition(
        record=kenya_draft, actor=kenya_focal_point, action="return", message="Wrong e-mail."
    )
    assert returned.status == "draft"
    assert selectors.record_history(returned)[0].message == "Wrong e-mail."


def test_withdrawing_needs_a_reason_and_hides_the_record_from_the_public(
    kenya_published, kenya_focal_point
):
    with pytest.raises(services.ReasonRequired):
        services.record_transition(
            record=kenya_published, actor=kenya_focal_point, action="withdraw"
        )
    withdrawn = services.record_transition(
        record=kenya_published,
        actor=kenya_focal_point,
        action="withdraw",
        message="The office closed.",
    )
    assert (withdrawn.status, withdrawn.published_version) == ("withdrawn", None)
    assert selectors.published_content(withdrawn) is None


@pytest.mark.parametrize(
    "step,from_status",
    [("return", "draft"), ("withdraw", "draft"), ("publish", "published"), ("submit", "submitted")],
)
def test_a_step_that_does_not_apply_to_the_status_is_refused_clearly(
    kenya_draft, kenya_focal_point, step, from_status
):
    if from_status == "published":
        services.record_transition(record=kenya_draft, actor=kenya_focal_point, action="publish")
    if from_status == "submitted":
        services.record_transition(record=kenya_draft, actor=kenya_focal_point, action="submit")
    with pytest.raises(services.TransitionError, match=f"This record is {from_status}"):
        services.record_transition(
            record=kenya_draft, actor=kenya_focal_point, action=step, message="why"
        )


def test_an_unknown_step_is_refused(kenya_draft, kenya_focal_point):
    with pytest.raises(services.TransitionError, match="submit, publish, return, reopen, withdraw"):
        services.record_transition(record=kenya_draft, actor=kenya_focal_point, action="approve")


def test_restoring_brings_back_old_content_as_a_new_revision(kenya_published, kenya_focal_point):
    services.record_update(
        record=kenya_published, actor=kenya_focal_point, data={"name": "Typo"}, expected_version=2
    )
    restored = services.record_restore(
        record=kenya_published, actor=kenya_focal_point, revision_number=1, expected_version=3
    )
    assert (restored.version, restored.status, restored.name) == (
        4,
        "draft",
        "Demo contact (synthetic)",
    )
    latest = selectors.record_history(restored)[0]
    assert (latest.number, latest.changed_fields, latest.message) == (
        4,
        ["name"],
        "Restored revision 1.",
    )
    assert selectors.record_history(restored).count() == 4


def test_restoring_from_a_stale_version_is_a_conflict(kenya_published, kenya_focal_point):
    with pytest.raises(services.ConflictError):
        services.record_restore(
            record=kenya_published, actor=kenya_focal_point, revision_number=1, expected_version=1
        )


def test_restoring_a_revision_that_does_not_exist_is_refused(kenya_draft, kenya_focal_point):
    with pytest.raises(services.RecordError, match="no revision 9"):
        services.record_restore(
            record=kenya_draft, actor=kenya_focal_point, revision_number=9, expected_version=1
        )


def test_revision_diff_gives_each_changed_field_between_two_revisions(
    kenya_draft, kenya_focal_point
):
    services.record_update(
        record=kenya_draft, actor=kenya_focal_point, data={"city": "Nairobi"}, expected_version=1
    )
    services.record_update(
        record=kenya_draft, actor=kenya_focal_point, data={"name": "Renamed"}, expected_version=2
    )
    diff = selectors.revision_diff(kenya_draft, 1, 3)
    assert {k: c.as_dict() for k, c in diff.items()} == {
        "name": {"old": "Demo contact (synthetic)", "new": "Renamed"},
        "city": {"old": "", "new": "Nairobi"},
    }


def test_every_change_is_audited_with_its_actor_and_details(
    kenya_draft, kenya_focal_point, kenya_user, rf
):
    request = rf.post("/", REMOTE_ADDR="192.0.2.7")
    services.record_update(
        record=kenya_draft,
        actor=kenya_user,
        data={"city": "Nairobi"},
        expected_version=1,
        request=request,
    )
    services.record_transition(record=kenya_draft, actor=kenya_user, action="submit")
    services.record_transition(record=kenya_draft, actor=kenya_focal_point, action="publish")
    services.record_restore(
        record=kenya_draft, actor=kenya_focal_point, revision_number=1, expected_version=4
    )
    assert events_of(kenya_draft) == ["create", "change", "submit", "publish", "restore"]
    change = AuditEntry.objects.get(event="change")
    assert change.actor_email == "user@kenya.example.org"
    assert change.ip_address == "192.0.2.7"
    assert change.details == {"version": 2, "changed_fields": ["city"]}
    publish = AuditEntry.objects.get(event="publish")
    assert publish.details == {"version": 4, "from_status": "submitted", "to_status": "published"}
    assert AuditEntry.objects.get(event="restore").details["restored_revision"] == 1


def test_deleting_a_draft_never_published_keeps_its_revisions_and_audits_its_content(
    kenya_draft, kenya_focal_point
):
    pk = kenya_draft.pk
    services.record_delete(record=kenya_draft, actor=kenya_focal_point, expected_version=1)
    assert not NationalContact.objects.filter(pk=pk).exists()
    assert list(Revision.objects.filter(object_id=pk).values_list("number", flat=True)) == [1]
    entry = AuditEntry.objects.get(event="delete")
    assert entry.target_id == str(pk)
    assert entry.details["content"]["name"] == "Demo contact (synthetic)"
    assert entry.details["revisions_kept"] == 1


def test_a_published_record_is_never_deleted(kenya_published, kenya_focal_point):
    with pytest.raises(services.DeletionRefused, match="withdraw it"):
        services.record_delete(record=kenya_published, actor=kenya_focal_point, expected_version=2)
    assert NationalContact.objects.filter(pk=kenya_published.pk).exists()
    assert selectors.record_history(kenya_published).count() == 2


def test_a_record_once_published_is_never_deleted_even_back_in_draft(
    kenya_published, kenya_focal_point
):
    record = services.record_transition(
        record=kenya_published, actor=kenya_focal_point, action="withdraw", message="Closed."
    )
    record = services.record_transition(
        record=record, actor=kenya_focal_point, action="submit", expected_version=3
    )
    record = services.record_transition(
        record=record, actor=kenya_focal_point, action="return", message="Redo."
    )
    assert (record.status, record.published_version) == ("draft", None)
    assert "delete" not in selectors.record_actions(kenya_focal_point, record)
    with pytest.raises(services.DeletionRefused):
        services.record_delete(record=record, actor=kenya_focal_point, expected_version=5)


def test_only_a_draft_is_deleted_not_a_submitted_record(kenya_draft, kenya_focal_point):
    services.record_transition(record=kenya_draft, actor=kenya_focal_point, action="submit")
    with pytest.raises(services.DeletionRefused):
        services.record_delete(record=kenya_draft, actor=kenya_focal_point, expected_version=2)


def test_a_stale_deletion_is_a_conflict(kenya_draft, kenya_focal_point, kenya_user):
    services.record_update(
        record=kenya_draft, actor=kenya_user, data={"city": "Mombasa"}, expected_version=1
    )
    with pytest.raises(services.ConflictError) as conflict:
        services.record_delete(record=kenya_draft, actor=kenya_focal_point, expected_version=1)
    assert conflict.value.changes_since["city"].new == "Mombasa"
    assert NationalContact.objects.filter(pk=kenya_draft.pk).exists()


def test_a_step_on_a_version_changed_since_is_a_conflict(
    kenya_draft, kenya_user, kenya_focal_point
):
    services.record_update(
        record=kenya_draft, actor=kenya_user, data={"city": "Unseen"}, expected_version=1
    )
    with pytest.raises(services.ConflictError) as conflict:
        services.record_transition(
            record=kenya_draft, actor=kenya_focal_point, action="publish", expected_version=1
        )
    assert (conflict.value.current_version, conflict.value.expected_version) == (2, 1)
    assert conflict.value.changes_since["city"].as_dict() == {"old": "", "new": "Unseen"}
    kenya_draft.refresh_from_db()
    assert (kenya_draft.status, kenya_draft.published_version) == ("draft", None)
    published = services.record_transition(
        record=kenya_draft, actor=kenya_focal_point, action="publish", expected_version=2
    )
    assert published.status == "published"


def test_the_system_actor_is_not_checked_and_is_named_in_the_audit(kenya):
    contact = services.record_create(
        model=NationalContact, actor=SYSTEM, data=contact_data(), owner_party=kenya
    )
    entry = AuditEntry.objects.get(event="create")
    assert (entry.actor, entry.actor_email, entry.details["by"]) == (None, "", "system")
    assert selectors.record_history(contact)[0].author is None
