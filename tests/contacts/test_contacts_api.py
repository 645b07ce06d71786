"""The contacts API: visibility, ETag and If-Match, 428 and 409, the workflow, revisions."""

import pytest

from cbap.accounts.models import ApiToken
from cbap.audit.models import AuditEntry
from cbap.contacts.models import NationalContact
from cbap.records import services
from cbap.records.models import Revision
from tests.records.fixtures import new_contact

pytestmark = pytest.mark.django_db

JSON = "application/json"


def url(contact, tail: str = "") -> str:
    return f"/api/v1/contacts/{contact.pk}/{tail}"


def new_body(**changes) -> dict:
    return {
        "party": "KEN",
        "role": "focal_point",
        "name": "Demo contact (synthetic)",
        "emails": ["focal-point@example.org"],
        **changes,
    }


@pytest.fixture
def api(client, kenya_focal_point):
    """A client signed in as Kenya's focal point, with an API token as a script would."""
    _, key = ApiToken.issue(kenya_focal_point, "tests", 30)
    client.defaults["HTTP_AUTHORIZATION"] = f"Token {key}"
    return client


def test_the_public_lists_only_published_contents(
    client, kenya_published, kenya_draft, kenya_focal_point
):
    services.record_update(
        record=kenya_published, actor=kenya_focal_point, data={"name": "Draft"}, expected_version=2
    )
    body = client.get("/api/v1/contacts/").json()
    assert body["count"] == 1
    [item] = body["results"]
    assert (item["id"], item["name"], item["status"], item["version"]) == (
        kenya_published.pk,
        "Demo contact (synthetic)",
        "published",
        2,
    )
    assert item["party"] == "KEN" and item["role_label"].startswith("National focal point")


def test_the_list_filters_by_party_role_and_status(
    client, kenya_draft, kenya_published, brazil_published, kenya_focal_point
):
    client.force_login(kenya_focal_point)
    names = lambda **q: [c["id"] for c in client.get("/api/v1/contacts/", q).json()["results"]]  # noqa: E731
    assert names(party="BRA") == [brazil_published.pk]
    assert names(party="ken", status="draft") == [kenya_draft.pk]
    assert sorted(names(party="KEN")) == sorted([kenya_draft.pk, kenya_published.pk])
    assert names(role="article_17") == []


def test_the_public_gets_404_for_a_draft_and_403_for_changing_a_published_contact(
    client, kenya_draft, kenya_published
):
    assert client.get(url(kenya_draft)).status_code == 404
    assert client.get(url(kenya_draft, "revisions/")).status_code == 404
    assert client.get(url(kenya_published)).status_code == 200
    response = client.patch(
        url(kenya_published), {"city": "X"}, content_type=JSON, HTTP_IF_MATCH='"2"'
    )
    assert response.status_code == 403
    assert client.post(url(kenya_published, "withdraw/"), {"reason": "x"}).status_code == 403
    assert client.post("/api/v1/contacts/", new_body(), content_type=JSON).status_code == 403


def test_get_gives_the_version_as_etag_and_field(api, kenya_draft):
    response = api.get(url(kenya_draft))
    assert response["ETag"] == '"1"'
    assert response.json()["version"] == 1


def test_the_focal_point_creates_a_contact(api, kenya):
    response = api.post("/api/v1/contacts/", new_body(city="Nairobi"), content_type=JSON)
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["status"], body["version"], body["city"]) == ("draft", 1, "Nairobi")
    assert response["ETag"] == '"1"'
    assert response["Location"].endswith(f"/api/v1/contacts/{body['id']}/")


def test_a_party_code_in_lower_case_is_accepted(api, kenya):
    response = api.post("/api/v1/contacts/", new_body(party="ken"), content_type=JSON)
    assert response.status_code == 201, response.json()
    assert response.json()["party"] == "KEN"


@pytest.mark.parametrize(
    "query,field",
    [({"status": "bogus"}, "status"), ({"party": "XXX"}, "party"), ({"role": "boss"}, "role")],
)
def test_an_unknown_list_filter_is_a_400_naming_it(client, kenya_published, query, field):
    response = client.get("/api/v1/contacts/", query)
    assert response.status_code == 400
    assert list(response.json()) == [field]


def test_an_unknown_party_is_named_in_the_error(client, db):
    response = client.get("/api/v1/contacts/", {"party": "xxx"})
    assert response.json() == {"party": ["No government XXX in the registry."]}


def test_an_empty_list_filter_is_no_filter(client, kenya_published):
    assert client.get("/api/v1/contacts/", {"party": "", "status": ""}).json()["count"] == 1


def test_creating_explains_invalid_input(api, kenya):
    response = api.post(
        "/api/v1/contacts/",
        new_body(emails=["nope"], role="competent_authority"),
        content_type=JSON,
    )
    assert response.status_code == 400
    assert "emails" in response.json()
    response = api.post(
        "/api/v1/contacts/", new_body(role="competent_authority"), content_type=JSON
    )
    assert response.status_code == 400
    assert "responsible_for_all" in response.json()
    assert api.post("/api/v1/contacts/", new_body(party=None), content_type=JSON).status_code == 400


def test_patch_with_if_match_saves_a_new_version(api, kenya_draft):
    response = api.patch(
        url(kenya_draft), {"city": "Nairobi"}, content_type=JSON, HTTP_IF_MATCH='"1"'
    )
    assert response.status_code == 200
    assert response["ETag"] == '"2"'
    assert response.json()["city"] == "Nairobi"


def test_put_with_a_version_field_replaces_the_content_as_a_new_version(api, kenya_draft):
    body = new_body(name="Replaced", version=1)
    del body["party"]
    response = api.put(url(kenya_draft), body, content_type=JSON)
    assert response.status_code == 200
    replaced = response.json()
    assert (replaced["name"], replaced["version"]) == ("Replaced", 2)
    assert replaced["organization"] == ""  # left out of the PUT, so back to empty


def test_a_change_without_a_precondition_gets_428(api, kenya_draft):
    response = api.patch(url(kenya_draft), {"city": "Nairobi"}, content_type=JSON)
    assert response.status_code == 428
    assert "If-Match" in response.json()["detail"]
    assert api.put(url(kenya_draft), new_body(), content_type=JSON).status_code == 428
    kenya_draft.refresh_from_db()
    assert kenya_draft.version == 1


@pytest.mark.parametrize("precondition", ["if-match", "version-field"])
def test_a_stale_change_gets_409_with_what_changed_and_loses_nothing(
    api, kenya_draft, kenya_user, precondition
):
    services.record_update(
        record=kenya_draft, actor=kenya_user, data={"city": "Mombasa"}, expected_version=1
    )
    body, headers = {"city": "Nairobi", "name": "Mine"}, {}
    if precondition == "if-match":
        headers["HTTP_IF_MATCH"] = '"1"'
    else:
        body["version"] = 1
    response = api.patch(url(kenya_draft), body, content_type=JSON, **headers)
    assert response.status_code == 409
    assert response.json() == {
        "detail": "The record was changed meanwhile: it is now at version 2.",
        "current_version": 2,
        "changes": {"city": {"old": "", "new": "Mombasa"}},
    }
    kenya_draft.refresh_from_db()
    assert (kenya_draft.city, kenya_draft.name) == ("Mombasa", "Demo contact (synthetic)")


def test_a_malformed_if_match_is_refused(api, kenya_draft):
    response = api.patch(url(kenya_draft), {"city": "X"}, content_type=JSON, HTTP_IF_MATCH="*")
    assert response.status_code == 400


def test_the_workflow_through_the_api(api, kenya_draft):
    def step(name, version, **body):
        return api.post(url(kenya_draft, f"{name}/"), body, HTTP_IF_MATCH=f'"{version}"')

    assert step("submit", 1, message="Ready").json()["status"] == "submitted"
    assert step("return", 2).status_code == 400  # no reason
    returned = step("return", 2, reason="Fix the e-mail.")
    assert returned.json()["status"] == "draft"
    published = api.post(url(kenya_draft, "publish/"), {"version": 3})
    assert (published.json()["status"], published.json()["published_version"]) == ("published", 4)
    assert published["ETag"] == '"4"'
    assert step("withdraw", 4).status_code == 400
    withdrawn = step("withdraw", 4, reason="Closed.")
    assert withdrawn.json()["status"] == "withdrawn"
    assert [e.event for e in AuditEntry.objects.order_by("id")] == [
        "create", "submit", "return", "publish", "withdraw"
    ]  # fmt: skip


def test_a_submitted_record_is_edited_only_after_the_step_back_to_draft(api, kenya_draft):
    api.post(url(kenya_draft, "submit/"), HTTP_IF_MATCH='"1"')
    refused = api.patch(url(kenya_draft), {"city": "X"}, content_type=JSON, HTTP_IF_MATCH='"2"')
    assert refused.status_code == 400 and "take it back to draft" in refused.json()["detail"]
    reopened = api.post(url(kenya_draft, "reopen/"), HTTP_IF_MATCH='"2"')
    assert reopened.json()["status"] == "draft"
    edited = api.patch(url(kenya_draft), {"city": "X"}, content_type=JSON, HTTP_IF_MATCH='"3"')
    assert edited.status_code == 200 and edited.json()["status"] == "draft"


def test_a_step_without_a_version_gets_428(api, kenya_draft):
    response = api.post(url(kenya_draft, "publish/"))
    assert response.status_code == 428
    kenya_draft.refresh_from_db()
    assert kenya_draft.status == "draft"


def test_a_step_on_content_saved_since_gets_409_with_what_changed(api, kenya_draft, kenya_user):
    services.record_update(
        record=kenya_draft, actor=kenya_user, data={"city": "Unseen"}, expected_version=1
    )
    response = api.post(url(kenya_draft, "publish/"), HTTP_IF_MATCH='"1"')
    assert response.status_code == 409
    assert response.json()["changes"] == {"city": {"old": "", "new": "Unseen"}}
    assert response["ETag"] == '"2"'
    kenya_draft.refresh_from_db()
    assert (kenya_draft.status, kenya_draft.published_version) == ("draft", None)


def test_a_step_that_does_not_apply_is_a_400_with_the_reason(api, kenya_draft):
    response = api.post(url(kenya_draft, "withdraw/"), {"reason": "x", "version": 1})
    assert response.status_code == 400
    assert "does not apply" in response.json()["detail"]


def test_a_national_user_may_submit_but_not_publish_through_the_api(
    client, kenya_draft, kenya_user
):
    client.force_login(kenya_user)
    assert client.post(url(kenya_draft, "publish/"), {"version": 1}).status_code == 403
    assert client.post(url(kenya_draft, "submit/"), {"version": 1}).status_code == 200


def test_the_focal_point_of_kenya_gets_403_on_brazils_contacts(api, brazil_published):
    assert api.get(url(brazil_published)).status_code == 200  # published: anyone reads it
    response = api.patch(
        url(brazil_published), {"city": "X"}, content_type=JSON, HTTP_IF_MATCH='"2"'
    )
    assert response.status_code == 403
    assert (
        api.post(url(brazil_published, "withdraw/"), {"reason": "x", "version": 2}).status_code
        == 403
    )
    assert (
        api.post("/api/v1/contacts/", new_body(party="BRA"), content_type=JSON).status_code == 403
    )
    assert api.delete(url(brazil_published), HTTP_IF_MATCH='"2"').status_code == 403


def test_the_analyst_reads_drafts_but_may_not_edit_them(client, kenya_draft, analyst):
    client.force_login(analyst)
    assert client.get(url(kenya_draft)).json()["status"] == "draft"
    assert client.get(url(kenya_draft, "revisions/")).status_code == 200
    response = client.patch(url(kenya_draft), {"city": "X"}, content_type=JSON, HTTP_IF_MATCH='"1"')
    assert response.status_code == 403
    assert client.post(url(kenya_draft, "publish/")).status_code == 403


def test_revisions_diff_and_restore(api, kenya_draft):
    api.patch(url(kenya_draft), {"name": "Typo"}, content_type=JSON, HTTP_IF_MATCH='"1"')
    revisions = api.get(url(kenya_draft, "revisions/")).json()
    assert [(r["number"], r["changed_fields"]) for r in revisions][:1] == [(2, ["name"])]
    assert revisions[0]["author"] == "nfp@kenya.example.org"
    diff = api.get(url(kenya_draft, "revisions/diff/"), {"a": 1, "b": 2}).json()
    assert diff == {
        "a": 1,
        "b": 2,
        "changes": {"name": {"old": "Demo contact (synthetic)", "new": "Typo"}},
    }
    assert api.get(url(kenya_draft, "revisions/diff/"), {"a": 1, "b": 9}).status_code == 404
    assert api.get(url(kenya_draft, "revisions/diff/"), {"a": "x"}).status_code == 400
    assert api.post(url(kenya_draft, "restore/"), {"revision": 1}).status_code == 428
    stale = api.post(url(kenya_draft, "restore/"), {"revision": 1, "version": 1})
    assert stale.status_code == 409
    restored = api.post(url(kenya_draft, "restore/"), {"revision": 1}, HTTP_IF_MATCH='"2"')
    assert restored.status_code == 200
    assert (restored.json()["name"], restored.json()["version"]) == ("Demo contact (synthetic)", 3)
    assert len(api.get(url(kenya_draft, "revisions/")).json()) == 3


def test_the_focal_point_deletes_a_draft_never_published_through_the_api(api, kenya_draft):
    assert api.delete(url(kenya_draft)).status_code == 428
    assert api.delete(url(kenya_draft), HTTP_IF_MATCH='"1"').status_code == 204
    assert not NationalContact.objects.exists()
    assert Revision.objects.filter(object_id=kenya_draft.pk).count() == 1


def test_deleting_with_a_version_query_parameter(api, kenya_draft):
    assert api.delete(url(kenya_draft) + "?version=1").status_code == 204


def test_a_stale_delete_gets_409_and_deletes_nothing(api, kenya_draft, kenya_user):
    services.record_update(
        record=kenya_draft, actor=kenya_user, data={"city": "Mombasa"}, expected_version=1
    )
    response = api.delete(url(kenya_draft), HTTP_IF_MATCH='"1"')
    assert response.status_code == 409
    assert response.json()["changes"] == {"city": {"old": "", "new": "Mombasa"}}
    assert NationalContact.objects.filter(pk=kenya_draft.pk).exists()


def test_a_published_contact_is_never_deleted_through_the_api(api, kenya_published):
    response = api.delete(url(kenya_published), HTTP_IF_MATCH='"2"')
    assert response.status_code == 400
    assert "withdraw it from publication instead" in response.json()["detail"]
    assert NationalContact.objects.filter(pk=kenya_published.pk).exists()
    assert Revision.objects.filter(object_id=kenya_published.pk).count() == 2
    assert not AuditEntry.objects.filter(event="delete").exists()


def test_the_schema_documents_the_contacts_api(client, db):
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/json").content.decode()
    for path in (
        "/api/v1/contacts/{id}/",
        "/api/v1/contacts/{id}/revisions/diff/",
        "/api/v1/audit/",
    ):
        assert path in schema


def test_the_list_queries_do_not_grow_with_contacts(
    client, kenya, kenya_focal_point, django_assert_max_num_queries
):
    for number in range(6):
        contact = new_contact(kenya, kenya_focal_point, name=f"Demo contact {number} (synthetic)")
        services.record_transition(record=contact, actor=kenya_focal_point, action="publish")
    with django_assert_max_num_queries(2):
        assert client.get("/api/v1/contacts/").json()["count"] == 6
    client.force_login(kenya_focal_point)
    with django_assert_max_num_queries(4):
        assert client.get("/api/v1/contacts/").json()["count"] == 6


def test_a_percent_sign_in_a_filter_value_is_text_not_a_format(client, db):
    response = client.get("/api/v1/organizations/", {"country": "%d%"})
    assert response.status_code == 400
    assert response.json() == {"country": ["No government %D% in the registry."]}


def test_a_nul_byte_in_a_filter_is_a_400_naming_it_on_every_database(client, db):
    listed = client.get("/api/v1/organizations/", {"country": "K\x00E"})
    assert listed.status_code == 400 and "NUL character" in listed.json()["detail"]


def test_a_nul_character_in_a_list_of_texts_is_a_400(api, kenya_draft):
    response = api.patch(
        url(kenya_draft), {"phones": ["+254\x00"]}, content_type=JSON, HTTP_IF_MATCH='"1"'
    )
    assert response.json() == {"phones": {"0": ["Null characters are not allowed."]}}


def test_the_records_list_validator_refuses_a_nul_character_whatever_the_way_in():
    from django.core.exceptions import ValidationError

    from cbap.records.validators import ListOf

    ListOf("text")(["+254 20 000"])
    with pytest.raises(ValidationError, match="NUL character"):
        ListOf("text")(["+254\x00"])
