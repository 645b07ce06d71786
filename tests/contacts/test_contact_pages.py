"""Web pages of national contacts: who sees what, the forms, and stale saves (409)."""

import pytest

from cbap.audit.models import AuditEntry
from cbap.contacts.models import NationalContact
from cbap.records import services
from tests.records.fixtures import new_contact

pytestmark = pytest.mark.django_db


def form_data(contact=None, **changes) -> dict:
    data = {
        "role": "focal_point",
        "name": "Demo contact (synthetic)",
        "organization": "Demo ministry (synthetic)",
        "emails": "focal-point@example.org",
        "phones": "",
        "websites": "",
        "responsible_for_all": "unknown",
        "responsibilities": "",
    }
    if contact is not None:
        data["version"] = contact.version
    return {**data, **changes}


def test_the_public_sees_published_contacts_only_and_their_published_content(
    client, kenya_published, kenya_focal_point
):
    services.record_update(
        record=kenya_published,
        actor=kenya_focal_point,
        data={"name": "Unpublished new name"},
        expected_version=2,
    )
    new_contact(
        kenya_published.owner_party, kenya_focal_point, name="Secret draft", role="article_17"
    )
    html = client.get("/contacts/party/KEN/").content.decode()
    assert "Demo contact (synthetic)" in html
    assert "Unpublished new name" not in html and "Secret draft" not in html
    assert "Edit" not in html and "Draft</span>" not in html
    assert "Add a contact" not in html


def test_the_focal_point_sees_drafts_with_their_status_and_the_workflow_buttons(
    client, kenya_published, kenya_focal_point
):
    services.record_update(
        record=kenya_published,
        actor=kenya_focal_point,
        data={"name": "Unpublished new name"},
        expected_version=2,
    )
    client.force_login(kenya_focal_point)
    html = client.get("/contacts/party/KEN/").content.decode()
    assert "Unpublished new name" in html
    assert '<span class="badge ">Draft</span>' in html
    assert "published version 2 is public" in html
    assert "Add a contact" in html
    for label in ("Submit for publication…", "Publish…", "Withdraw from publication…"):
        assert label in html
    assert "Return to draft…" not in html


def test_a_national_user_sees_submit_but_no_publish_button(client, kenya_draft, kenya_user):
    client.force_login(kenya_user)
    html = client.get("/contacts/party/KEN/").content.decode()
    assert "Submit for publication…" in html
    assert "Publish…" not in html


def test_the_analyst_sees_drafts_but_no_edit_link_or_buttons(client, kenya_draft, analyst):
    client.force_login(analyst)
    html = client.get("/contacts/party/KEN/").content.decode()
    assert "Demo contact (synthetic)" in html and "Draft</span>" in html
    assert f"/contacts/{kenya_draft.pk}/edit/" not in html
    assert "Submit for publication…" not in html
    assert client.get(f"/contacts/{kenya_draft.pk}/edit/").status_code == 403
    assert (
        client.post(f"/contacts/{kenya_draft.pk}/edit/", form_data(kenya_draft)).status_code == 403
    )


def test_an_unknown_party_is_404(client, db):
    assert client.get("/contacts/party/XYZ/").status_code == 404


def test_the_focal_point_creates_a_contact_as_a_draft(client, kenya, kenya_focal_point):
    client.force_login(kenya_focal_point)
    assert client.get("/contacts/party/KEN/new/").status_code == 200
    response = client.post(
        "/contacts/party/KEN/new/",
        form_data(phones="+254 000 1\n\n+254 000 2", websites="https://example.org/ken"),
    )
    assert response.status_code == 302
    contact = NationalContact.objects.get()
    assert (contact.owner_party, contact.status, contact.version) == (kenya, "draft", 1)
    assert contact.phones == ["+254 000 1", "+254 000 2"]
    assert AuditEntry.objects.filter(event="create", actor=kenya_focal_point).exists()


def test_the_form_explains_invalid_values_next_to_the_field(client, kenya, kenya_focal_point):
    client.force_login(kenya_focal_point)
    response = client.post(
        "/contacts/party/KEN/new/",
        form_data(emails="not-an-email", role="competent_authority"),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_emails_error"' in html and 'aria-invalid="true"' in html
    assert "Say whether this is the only competent authority." in html
    assert not NationalContact.objects.exists()


def test_the_focal_point_of_kenya_gets_403_on_brazils_forms(
    client, brazil, brazil_published, kenya_focal_point
):
    client.force_login(kenya_focal_point)
    assert client.get("/contacts/party/BRA/new/").status_code == 403
    assert client.post("/contacts/party/BRA/new/", form_data()).status_code == 403
    edit = f"/contacts/{brazil_published.pk}/edit/"
    assert client.get(edit).status_code == 403
    assert client.post(edit, form_data(brazil_published, name="Hijacked")).status_code == 403
    step = f"/records/contacts.nationalcontact/{brazil_published.pk}/withdraw/"
    assert client.post(step, {"message": "why", "version": 2}).status_code == 403
    brazil_published.refresh_from_db()
    assert brazil_published.status == "published"


def test_the_focal_point_edits_and_publishes_through_the_web(
    client, kenya_published, kenya_focal_point
):
    client.force_login(kenya_focal_point)
    edit = f"/contacts/{kenya_published.pk}/edit/"
    html = client.get(edit).content.decode()
    assert '<input type="hidden" name="version" value="2"' in html
    response = client.post(edit, form_data(kenya_published, city="Nairobi", message="City."))
    assert response.status_code == 302
    kenya_published.refresh_from_db()
    assert (kenya_published.city, kenya_published.status, kenya_published.version) == (
        "Nairobi",
        "draft",
        3,
    )
    client.post(f"/records/contacts.nationalcontact/{kenya_published.pk}/publish/", {"version": 3})
    kenya_published.refresh_from_db()
    assert (kenya_published.status, kenya_published.published_version) == ("published", 4)
    client.logout()
    assert "Nairobi" in client.get("/contacts/party/KEN/").content.decode()


def test_a_national_user_submits_but_may_not_publish_through_the_web(
    client, kenya_draft, kenya_user
):
    client.force_login(kenya_user)
    base = f"/records/contacts.nationalcontact/{kenya_draft.pk}"
    assert client.post(f"{base}/publish/", {"version": 1}).status_code == 403
    assert (
        client.post(f"{base}/submit/", {"message": "Please publish.", "version": 1}).status_code
        == 302
    )
    kenya_draft.refresh_from_db()
    assert kenya_draft.status == "submitted"


def test_a_stale_save_gets_409_shows_what_changed_and_keeps_what_was_typed(
    client, kenya_draft, kenya_focal_point, kenya_user
):
    client.force_login(kenya_focal_point)
    edit = f"/contacts/{kenya_draft.pk}/edit/"
    typed = form_data(kenya_draft, city="Nairobi", address="My long typed address")
    services.record_update(
        record=kenya_draft, actor=kenya_user, data={"city": "Mombasa"}, expected_version=1
    )
    response = client.post(edit, typed)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone saved this contact while you were editing it" in html
    assert '<td class="diff-added">Mombasa</td>' in html
    assert "<td>Nairobi</td>" in html  # what you typed, beside what changed
    assert "My long typed address</textarea>" in html
    assert 'value="Nairobi"' in html
    assert '<input type="hidden" name="version" value="2"' in html
    kenya_draft.refresh_from_db()
    assert (kenya_draft.city, kenya_draft.address) == ("Mombasa", "")
    # Saving again from the 409 page is a deliberate choice, based on the current version.
    assert client.post(edit, {**typed, "version": 2}).status_code == 302
    kenya_draft.refresh_from_db()
    assert (kenya_draft.city, kenya_draft.address, kenya_draft.version) == (
        "Nairobi",
        "My long typed address",
        3,
    )


def test_after_a_stale_save_untouched_fields_take_the_current_values_so_nothing_is_reverted(
    client, kenya_draft, kenya_focal_point, kenya_user
):
    client.force_login(kenya_focal_point)
    edit = f"/contacts/{kenya_draft.pk}/edit/"
    opened = form_data(kenya_draft)  # the form as the focal point opened it (version 1)
    services.record_update(
        record=kenya_draft,
        actor=kenya_user,
        data={"name": "Their new name", "phones": ["+254 1"]},
        expected_version=1,
    )
    response = client.post(edit, {**opened, "city": "Nairobi"})
    assert response.status_code == 409
    html = response.content.decode()
    assert "Changed by both of you" not in html  # no real clash: different fields
    assert "None of the fields you changed was changed by them" in html
    assert "Changed by them only" in html
    assert 'value="Their new name"' in html and "+254 1</textarea>" in html
    assert 'value="Nairobi"' in html
    assert '<input type="hidden" name="version" value="2"' in html
    # Saving the refilled form keeps both changes.
    form = response.context["form"]
    refilled = {name: form[name].value() for name in form.fields}
    refilled = {k: ("" if v is None else v) for k, v in refilled.items()}
    refilled["responsible_for_all"] = "unknown"
    assert client.post(edit, refilled).status_code == 302
    kenya_draft.refresh_from_db()
    assert (kenya_draft.name, kenya_draft.phones, kenya_draft.city, kenya_draft.version) == (
        "Their new name",
        ["+254 1"],
        "Nairobi",
        3,
    )


def test_a_stale_save_shows_only_the_fields_both_changed_as_clashes(
    client, kenya_draft, kenya_focal_point, kenya_user
):
    client.force_login(kenya_focal_point)
    services.record_update(
        record=kenya_draft,
        actor=kenya_user,
        data={"city": "Mombasa", "name": "Their name"},
        expected_version=1,
    )
    response = client.post(
        f"/contacts/{kenya_draft.pk}/edit/", form_data(kenya_draft, city="Kisumu")
    )
    assert response.status_code == 409
    merge = response.context["merge"]
    assert list(merge.clashes) == ["city"]
    assert merge.theirs_taken == ["name"]
    html = response.content.decode()
    assert "Changed by both of you" in html and "<td>Kisumu</td>" in html


def test_the_public_gets_404_for_a_drafts_edit_page(client, kenya_draft):
    assert client.get(f"/contacts/{kenya_draft.pk}/edit/").status_code == 404


def test_the_public_gets_403_for_a_published_contacts_edit_page(client, kenya_published):
    assert client.get(f"/contacts/{kenya_published.pk}/edit/").status_code == 403


def test_the_focal_point_deletes_a_draft_never_published(client, kenya_draft, kenya_focal_point):
    client.force_login(kenya_focal_point)
    html = client.get(f"/contacts/{kenya_draft.pk}/edit/").content.decode()
    assert "Delete this draft" in html
    delete = f"/records/contacts.nationalcontact/{kenya_draft.pk}/delete/"
    assert f'action="{delete}"' in html
    response = client.post(delete, {"version": 1, "next": "/contacts/party/KEN/"})
    assert response.status_code == 302 and response["Location"] == "/contacts/party/KEN/"
    assert not NationalContact.objects.exists()
    assert AuditEntry.objects.filter(event="delete").count() == 1


def test_a_published_contact_offers_withdrawal_not_deletion(
    client, kenya_published, kenya_focal_point
):
    client.force_login(kenya_focal_point)
    html = client.get(f"/contacts/{kenya_published.pk}/edit/").content.decode()
    assert "Delete this" not in html
    assert "withdraw it from publication</a> instead" in html
    delete = f"/records/contacts.nationalcontact/{kenya_published.pk}/delete/"
    response = client.post(delete, {"version": 2})
    assert response.status_code == 302
    assert NationalContact.objects.filter(pk=kenya_published.pk).exists()
    assert not AuditEntry.objects.filter(event="delete").exists()


def test_the_list_page_works_without_javascript(client, kenya_draft, kenya_focal_point):
    client.force_login(kenya_focal_point)
    html = client.get("/contacts/party/KEN/").content.decode()
    assert "<script" not in html
    assert "<details>" in html and 'name="next" value="/contacts/party/KEN/"' in html


def test_the_list_page_queries_do_not_grow_with_contacts(
    client, kenya, kenya_focal_point, django_assert_max_num_queries
):
    for number in range(6):
        contact = new_contact(kenya, kenya_focal_point, name=f"Demo contact {number} (synthetic)")
        services.record_transition(record=contact, actor=kenya_focal_point, action="publish")
    with django_assert_max_num_queries(3):
        assert client.get("/contacts/party/KEN/").content.decode().count("<article") == 6
    client.force_login(kenya_focal_point)
    with django_assert_max_num_queries(6):  # the session, the person, roles, unread notes
        client.get("/contacts/party/KEN/")


def test_the_edit_page_of_a_submitted_contact_says_to_take_it_back_first(
    client, kenya_draft, kenya_focal_point
):
    from cbap.records import services

    services.record_transition(record=kenya_draft, actor=kenya_focal_point, action="submit")
    client.force_login(kenya_focal_point)
    edit = f"/contacts/{kenya_draft.pk}/edit/"
    assert "take it back to draft first" in client.get(edit).content.decode()
    form = client.get(edit).context["form"]
    data = {**{k: v for k, v in form.initial.items() if v is not None}, "city": "Changed"}
    response = client.post(edit, data)
    assert response.status_code == 409
    kenya_draft.refresh_from_db()
    assert kenya_draft.status == "submitted" and kenya_draft.city != "Changed"
