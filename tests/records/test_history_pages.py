"""The generic record pages: history with diffs and restore, and the workflow-step forms."""

import pytest

from cbap.audit.models import AuditEntry
from cbap.contacts.models import NationalContact
from cbap.records import services
from cbap.records.models import Revision

pytestmark = pytest.mark.django_db


def history_url(record) -> str:
    return f"/records/contacts.nationalcontact/{record.pk}/history/"


def step_url(record, step: str) -> str:
    return f"/records/contacts.nationalcontact/{record.pk}/{step}/"


@pytest.fixture
def edited(kenya_published, kenya_focal_point):
    """Published as revision 2, then edited twice (revisions 3 and 4, a draft)."""
    contact = services.record_update(
        record=kenya_published,
        actor=kenya_focal_point,
        data={"city": "Nairobi"},
        expected_version=2,
        message="Office city.",
    )
    return services.record_update(
        record=contact, actor=kenya_focal_point, data={"name": "Renamed"}, expected_version=3
    )


def test_history_lists_every_revision_with_author_changed_fields_and_message(
    client, edited, kenya_focal_point
):
    client.force_login(kenya_focal_point)
    html = client.get(history_url(edited)).content.decode()
    for number in (1, 2, 3, 4):
        assert f'id="revision-{number}"' in html
    assert "nfp@kenya.example.org" in html
    assert "Office city." in html
    assert "<td>City</td>" in html
    assert "The public sees revision 2." in html


def test_history_shows_the_differences_between_any_two_revisions(client, edited, kenya_focal_point):
    client.force_login(kenya_focal_point)
    html = client.get(history_url(edited), {"a": 1, "b": 4}).content.decode()
    assert "Revision 1 → revision 4" in html
    assert '<td class="diff-removed">Demo contact (synthetic)</td>' in html
    assert '<td class="diff-added">Renamed</td>' in html
    assert '<td class="diff-added">Nairobi</td>' in html


def test_asking_for_a_revision_that_does_not_exist_says_so(client, edited, kenya_focal_point):
    client.force_login(kenya_focal_point)
    html = client.get(history_url(edited), {"a": 1, "b": 99}).content.decode()
    assert "No revision 99." in html


@pytest.mark.parametrize("query", [{"a": "x", "b": 1}, {"a": 1, "b": 0}, {"a": 1}])
def test_an_invalid_comparison_shows_an_error(client, edited, kenya_focal_point, query):
    client.force_login(kenya_focal_point)
    response = client.get(history_url(edited), query)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="error-box" role="alert"' in html
    assert "Revision 1 → revision" not in html


def test_restore_buttons_bring_back_a_revision_as_a_new_one(client, edited, kenya_focal_point):
    client.force_login(kenya_focal_point)
    assert 'aria-label="Restore revision 1"' in client.get(history_url(edited)).content.decode()
    response = client.post(
        f"/records/contacts.nationalcontact/{edited.pk}/restore/", {"revision": 1, "version": 4}
    )
    assert response.status_code == 302
    edited.refresh_from_db()
    assert (edited.version, edited.name, edited.city) == (5, "Demo contact (synthetic)", "")
    assert AuditEntry.objects.filter(event="restore").count() == 1


def test_a_stale_restore_gets_409_and_shows_what_changed(client, edited, kenya_focal_point):
    client.force_login(kenya_focal_point)
    response = client.post(
        f"/records/contacts.nationalcontact/{edited.pk}/restore/", {"revision": 1, "version": 3}
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "was changed meanwhile" in html and "Renamed" in html
    edited.refresh_from_db()
    assert edited.version == 4


def test_the_analyst_sees_the_history_but_no_restore_buttons(client, edited, analyst):
    client.force_login(analyst)
    response = client.get(history_url(edited))
    assert response.status_code == 200
    assert "Restore revision" not in response.content.decode()
    response = client.post(
        f"/records/contacts.nationalcontact/{edited.pk}/restore/", {"revision": 1, "version": 4}
    )
    assert response.status_code == 403


def test_the_public_gets_404_for_the_history_of_a_draft(client, kenya_draft):
    assert client.get(history_url(kenya_draft)).status_code == 404


def test_an_unknown_record_type_is_404(client, kenya_draft):
    assert client.get(f"/records/accounts.user/{kenya_draft.pk}/history/").status_code == 404
    assert client.get(f"/records/nope.nothing/{kenya_draft.pk}/history/").status_code == 404


def test_a_workflow_step_form_takes_the_step_and_goes_back_where_it_came_from(
    client, kenya_draft, kenya_user
):
    client.force_login(kenya_user)
    response = client.post(
        step_url(kenya_draft, "submit"),
        {"message": "Ready.", "next": "/contacts/party/KEN/", "version": 1},
    )
    assert response.status_code == 302 and response["Location"] == "/contacts/party/KEN/"
    kenya_draft.refresh_from_db()
    assert kenya_draft.status == "submitted"


def test_returning_without_a_reason_shows_the_form_again_with_the_error(
    client, kenya_draft, kenya_user, kenya_focal_point
):
    services.record_transition(record=kenya_draft, actor=kenya_user, action="submit")
    client.force_login(kenya_focal_point)
    response = client.post(step_url(kenya_draft, "return"), {"message": "", "version": 2})
    assert response.status_code == 400
    html = response.content.decode()
    assert "needs a reason" in html and 'aria-invalid="true"' in html
    kenya_draft.refresh_from_db()
    assert kenya_draft.status == "submitted"


def test_a_step_that_does_not_apply_is_explained(client, kenya_draft, kenya_focal_point):
    client.force_login(kenya_focal_point)
    response = client.post(step_url(kenya_draft, "withdraw"), {"message": "why", "version": 1})
    assert response.status_code == 400
    assert "does not apply" in response.content.decode()


def test_a_step_the_person_may_not_take_is_403(client, kenya_draft, kenya_user):
    client.force_login(kenya_user)
    assert client.post(step_url(kenya_draft, "publish"), {"version": 1}).status_code == 403
    assert client.get(step_url(kenya_draft, "publish")).status_code == 403


def test_next_never_leads_off_the_site(client, kenya_draft, kenya_focal_point):
    client.force_login(kenya_focal_point)
    response = client.post(
        step_url(kenya_draft, "publish"), {"next": "https://evil.example.com/", "version": 1}
    )
    assert response["Location"] == f"/contacts/party/KEN/#contact-{kenya_draft.pk}"


def test_a_step_form_carries_the_version_the_person_looked_at(client, kenya_draft, kenya_user):
    client.force_login(kenya_user)
    html = client.get(step_url(kenya_draft, "submit")).content.decode()
    assert '<input type="hidden" name="version" value="1">' in html
    listed = client.get("/contacts/party/KEN/").content.decode()
    assert '<input type="hidden" name="version" value="1">' in listed


def test_publishing_content_saved_after_one_looked_is_a_409_with_what_changed(
    client, kenya_draft, kenya_user, kenya_focal_point
):
    services.record_update(
        record=kenya_draft, actor=kenya_user, data={"city": "Unseen city"}, expected_version=1
    )
    client.force_login(kenya_focal_point)
    response = client.post(step_url(kenya_draft, "publish"), {"version": 1})
    assert response.status_code == 409
    html = response.content.decode()
    assert "was changed meanwhile" in html and "Unseen city" in html
    assert "your “Publish” was not applied" in html
    kenya_draft.refresh_from_db()
    assert (kenya_draft.status, kenya_draft.published_version) == ("draft", None)
    assert not AuditEntry.objects.filter(event="publish").exists()


def test_a_step_without_a_version_is_refused_and_says_to_reopen_the_record(
    client, kenya_draft, kenya_focal_point
):
    client.force_login(kenya_focal_point)
    response = client.post(step_url(kenya_draft, "publish"))
    assert response.status_code == 400
    assert "This form is out of date" in response.content.decode()
    kenya_draft.refresh_from_db()
    assert kenya_draft.status == "draft"


def delete_url(record) -> str:
    return f"/records/contacts.nationalcontact/{record.pk}/delete/"


def test_a_draft_never_published_is_deleted_and_its_revisions_and_content_are_kept(
    client, kenya_draft, kenya_focal_point
):
    pk = kenya_draft.pk
    services.record_update(
        record=kenya_draft, actor=kenya_focal_point, data={"city": "Nairobi"}, expected_version=1
    )
    client.force_login(kenya_focal_point)
    response = client.post(delete_url(kenya_draft), {"version": 2, "next": "/contacts/party/KEN/"})
    assert response.status_code == 302 and response["Location"] == "/contacts/party/KEN/"
    assert not NationalContact.objects.filter(pk=pk).exists()
    assert Revision.objects.filter(object_id=pk).count() == 2
    entry = AuditEntry.objects.get(event="delete")
    assert entry.details["content"]["city"] == "Nairobi"
    assert entry.details["revisions_kept"] == 2


@pytest.mark.parametrize("state", ["published", "edited_after_publication", "withdrawn_then_draft"])
def test_a_record_that_is_or_was_public_is_never_deleted(
    client, kenya_published, kenya_focal_point, state
):
    record = kenya_published
    if state == "edited_after_publication":
        record = services.record_update(
            record=record, actor=kenya_focal_point, data={"city": "X"}, expected_version=2
        )
    if state == "withdrawn_then_draft":
        record = services.record_transition(
            record=record, actor=kenya_focal_point, action="withdraw", message="Moved."
        )
        record = services.record_update(
            record=record, actor=kenya_focal_point, data={"city": "X"}, expected_version=3
        )
        assert (record.status, record.published_version) == ("draft", None)
    client.force_login(kenya_focal_point)
    edit_page = client.get(f"/contacts/{record.pk}/edit/").content.decode()
    assert "Delete this draft" not in edit_page
    response = client.post(delete_url(record), {"version": record.version}, follow=True)
    assert "withdraw it from publication instead" in response.content.decode()
    assert NationalContact.objects.filter(pk=record.pk).exists()
    assert Revision.objects.filter(object_id=record.pk).count() == record.version
    assert not AuditEntry.objects.filter(event="delete").exists()


def test_a_stale_deletion_is_a_409_and_deletes_nothing(
    client, kenya_draft, kenya_user, kenya_focal_point
):
    services.record_update(
        record=kenya_draft, actor=kenya_user, data={"city": "Mombasa"}, expected_version=1
    )
    client.force_login(kenya_focal_point)
    response = client.post(delete_url(kenya_draft), {"version": 1})
    assert response.status_code == 409
    assert "Mombasa" in response.content.decode()
    assert NationalContact.objects.filter(pk=kenya_draft.pk).exists()


def test_deleting_needs_the_right_to_delete(client, kenya_draft, kenya_user):
    client.force_login(kenya_user)
    assert client.post(delete_url(kenya_draft), {"version": 1}).status_code == 403
    assert NationalContact.objects.filter(pk=kenya_draft.pk).exists()
