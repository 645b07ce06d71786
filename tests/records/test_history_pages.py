"""The generic record pages: history with diffs and restore, and the workflow-step forms."""

import pytest

from cbap.records import services
from cbap.records.models import AuditEntry

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
        {"message": "Ready.", "next": "/contacts/party/KEN/"},
    )
    assert response.status_code == 302 and response["Location"] == "/contacts/party/KEN/"
    kenya_draft.refresh_from_db()
    assert kenya_draft.status == "submitted"


def test_returning_without_a_reason_shows_the_form_again_with_the_error(
    client, kenya_draft, kenya_user, kenya_focal_point
):
    services.record_transition(record=kenya_draft, actor=kenya_user, action="submit")
    client.force_login(kenya_focal_point)
    response = client.post(step_url(kenya_draft, "return"), {"message": ""})
    assert response.status_code == 400
    html = response.content.decode()
    assert "needs a reason" in html and 'aria-invalid="true"' in html
    kenya_draft.refresh_from_db()
    assert kenya_draft.status == "submitted"


def test_a_step_that_does_not_apply_is_explained(client, kenya_draft, kenya_focal_point):
    client.force_login(kenya_focal_point)
    response = client.post(step_url(kenya_draft, "withdraw"), {"message": "why"})
    assert response.status_code == 400
    assert "does not apply" in response.content.decode()


def test_a_step_the_person_may_not_take_is_403(client, kenya_draft, kenya_user):
    client.force_login(kenya_user)
    assert client.post(step_url(kenya_draft, "publish")).status_code == 403
    assert client.get(step_url(kenya_draft, "publish")).status_code == 403


def test_next_never_leads_off_the_site(client, kenya_draft, kenya_focal_point):
    client.force_login(kenya_focal_point)
    response = client.post(step_url(kenya_draft, "publish"), {"next": "https://evil.example.com/"})
    assert response["Location"] == f"/contacts/party/KEN/#contact-{kenya_draft.pk}"
