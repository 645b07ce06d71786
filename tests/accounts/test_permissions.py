"""The rest of `cbap.accounts.permissions`: owners without a record, site-wide actions, `require`,
`visible_records`, `may_grant` and the DRF permission class."""

import pytest
from django.core.exceptions import PermissionDenied
from rest_framework.test import APIRequestFactory, force_authenticate
from rest_framework.views import APIView

from cbap.accounts import permissions
from cbap.accounts.permissions import Action, can, may_grant, require
from tests.accounts.conftest import FakeRecord
from tests.personas import person

pytestmark = pytest.mark.django_db


def test_every_action_has_a_row_in_the_matrix_and_a_verb():
    assert set(permissions.MATRIX) == set(Action) == set(permissions.VERBS)
    assert all(len(cells) == len(permissions.COLUMNS) for cells in permissions.MATRIX.values())


def test_national_roles_create_records_for_their_own_party_only(kenya, brazil, kenya_user):
    assert can(kenya_user, Action.CREATE, party=kenya)
    assert can(kenya_user, Action.CREATE, party=kenya.pk)
    assert not can(kenya_user, Action.CREATE, party=brazil)
    assert not can(kenya_user, Action.CREATE)


def test_importing_and_managing_users_belong_to_the_focal_point_and_the_administrator(
    kenya, brazil, kenya_focal_point, kenya_user, analyst, admin_user
):
    for action in (Action.IMPORT, Action.MANAGE_USERS):
        assert can(kenya_focal_point, action, party=kenya)
        assert not can(kenya_focal_point, action, party=brazil)
        assert not can(kenya_user, action, party=kenya)
        assert not can(analyst, action, party=kenya)
        assert can(admin_user, action, party=brazil)
    assert not can(kenya_focal_point, Action.MANAGE_USERS)  # the whole site
    assert can(admin_user, Action.MANAGE_USERS)


def test_organization_editors_create_for_their_organization(provider, other_provider, editor):
    assert can(editor, Action.CREATE, organization=provider)
    assert not can(editor, Action.CREATE, organization=other_provider)


def test_only_the_secretariat_reads_the_audit_trail(
    analyst, admin_user, kenya_focal_point, editor, anonymous
):
    action = Action.READ_AUDIT
    assert can(analyst, action) and can(admin_user, action)
    assert not any(can(u, action) for u in (kenya_focal_point, editor, anonymous))


def test_the_analyst_reads_histories_but_never_restores_or_deletes(kenya, analyst):
    record = FakeRecord(owner_party_id=kenya.pk)
    assert can(analyst, Action.VIEW_HISTORY, record)
    assert not can(analyst, Action.RESTORE, record)
    assert not can(analyst, Action.DELETE, record)


def test_a_national_user_neither_restores_nor_deletes(kenya, kenya_user):
    record = FakeRecord(owner_party_id=kenya.pk)
    assert can(kenya_user, Action.VIEW_HISTORY, record)
    assert not can(kenya_user, Action.RESTORE, record)
    assert not can(kenya_user, Action.DELETE, record)


def test_a_record_nobody_owns_is_the_secretariats(analyst, admin_user, kenya_focal_point):
    record = FakeRecord()  # e.g. a finding of the evaluation: the analysts write and review it
    for action in (Action.VIEW, Action.CREATE, Action.EDIT, Action.SUBMIT, Action.PUBLISH):
        assert can(analyst, action, record)
    assert not can(analyst, Action.WITHDRAW, record) and not can(analyst, Action.DELETE, record)
    assert can(admin_user, Action.EDIT, record) and can(admin_user, Action.WITHDRAW, record)
    assert not can(kenya_focal_point, Action.VIEW, record)


def test_a_superuser_without_a_role_row_is_a_secretariat_administrator(kenya):
    root = person("root@example.org", is_superuser=True)
    assert can(root, Action.PUBLISH, FakeRecord(owner_party_id=kenya.pk))
    assert root.is_secretariat_admin and root.is_secretariat


def test_an_inactive_account_has_only_the_publics_rights(kenya, kenya_focal_point):
    kenya_focal_point.is_active = False
    draft = FakeRecord(owner_party_id=kenya.pk)
    assert not can(kenya_focal_point, Action.VIEW, draft)
    assert not can(kenya_focal_point, Action.CREATE, party=kenya)


def test_none_is_the_public(kenya):
    assert can(None, Action.VIEW, FakeRecord(owner_party_id=kenya.pk, status="published"))
    assert not can(None, Action.VIEW, FakeRecord(owner_party_id=kenya.pk))


def test_actions_may_be_given_by_value(kenya, kenya_focal_point):
    assert can(kenya_focal_point, "publish", FakeRecord(owner_party_id=kenya.pk))


def test_require_says_what_was_refused(kenya, brazil, kenya_user, anonymous):
    with pytest.raises(PermissionDenied, match="not allow you to publish this record"):
        require(kenya_user, Action.PUBLISH, FakeRecord(owner_party_id=kenya.pk))
    with pytest.raises(PermissionDenied, match="create the records of Brazil"):
        require(kenya_user, Action.CREATE, party=brazil)
    with pytest.raises(PermissionDenied, match="Please sign in to edit this record"):
        require(anonymous, Action.EDIT, FakeRecord(owner_party_id=kenya.pk))
    with pytest.raises(PermissionDenied, match="read the audit trail of this site"):
        require(kenya_user, Action.READ_AUDIT)
    require(kenya_user, Action.SUBMIT, FakeRecord(owner_party_id=kenya.pk))  # no exception


def test_roles_are_read_once_per_user_object(kenya, kenya_focal_point, django_assert_num_queries):
    records = [FakeRecord(owner_party_id=kenya.pk) for _ in range(20)]
    kenya_focal_point.forget_roles()
    with django_assert_num_queries(1):
        assert all(can(kenya_focal_point, Action.EDIT, r) for r in records)


# --- may_grant ------------------------------------------------------------------------------


def test_a_focal_point_gives_only_the_national_user_role_of_their_own_party(
    kenya, brazil, kenya_focal_point
):
    assert may_grant(kenya_focal_point, "national_user", party=kenya)
    assert not may_grant(kenya_focal_point, "national_user", party=brazil)
    assert not may_grant(kenya_focal_point, "national_focal_point", party=kenya)
    assert not may_grant(kenya_focal_point, "secretariat_analyst")
    assert permissions.grantable_roles(kenya_focal_point, party=kenya) == ["national_user"]


def test_the_administrator_gives_any_role_for_the_right_kind_of_owner(
    kenya, provider, admin_user, analyst
):
    assert may_grant(admin_user, "national_focal_point", party=kenya)
    assert may_grant(admin_user, "organization_editor", organization=provider)
    assert may_grant(admin_user, "secretariat_admin")
    assert not may_grant(admin_user, "national_user")  # which Party?
    assert not may_grant(admin_user, "secretariat_analyst", party=kenya)
    assert not may_grant(analyst, "national_user", party=kenya)


# --- visible_records --------------------------------------------------------------------------


@pytest.fixture
def contacts(kenya, brazil):
    from cbap.contacts.models import NationalContact

    def contact(party, status, published_version=None):
        return NationalContact.objects.create(
            owner_party=party,
            role="focal_point",
            name=f"Demo contact (synthetic) {party.code} {status}",
            status=status,
            published_version=published_version,
        )

    return {
        "kenya draft": contact(kenya, "draft"),
        "kenya published": contact(kenya, "published", 1),
        "brazil draft": contact(brazil, "draft"),
        "brazil draft of a published record": contact(brazil, "draft", 2),
        "brazil withdrawn": contact(brazil, "withdrawn"),
    }


def visible(user, contacts) -> set[str]:
    queryset = contacts["kenya draft"].__class__.objects.all()
    pks = set(permissions.visible_records(user, queryset).values_list("pk", flat=True))
    return {name for name, contact in contacts.items() if contact.pk in pks}


def test_the_public_sees_what_has_a_published_revision(contacts, anonymous):
    assert visible(anonymous, contacts) == {
        "kenya published",
        "brazil draft of a published record",
    }


def test_a_national_user_also_sees_their_own_partys_drafts(contacts, kenya_user):
    assert visible(kenya_user, contacts) == {
        "kenya draft",
        "kenya published",
        "brazil draft of a published record",
    }


def test_the_secretariat_sees_everything(contacts, analyst, admin_user):
    assert visible(analyst, contacts) == set(contacts)
    assert visible(admin_user, contacts) == set(contacts)


def test_visible_records_agrees_with_can(contacts, kenya_user, editor, analyst, anonymous):
    for user in (kenya_user, editor, analyst, anonymous):
        expected = {name for name, c in contacts.items() if can(user, Action.VIEW, c)}
        assert visible(user, contacts) == expected


# --- the DRF permission class -------------------------------------------------------------------


class AuditView(APIView):
    permission_classes = [permissions.drf_permission(Action.READ_AUDIT, needs_record=False)]

    def get(self, request):
        from rest_framework.response import Response

        return Response({"ok": True})


def test_the_drf_permission_class_asks_can(analyst, kenya_focal_point):
    factory = APIRequestFactory()
    for user, status in ((analyst, 200), (kenya_focal_point, 403)):
        request = factory.get("/")
        force_authenticate(request, user=user)
        assert AuditView.as_view()(request).status_code == status


def test_the_drf_permission_class_checks_each_object(kenya, brazil, kenya_user):
    permission = permissions.drf_permission(Action.EDIT)()
    request = APIRequestFactory().get("/")
    request.user = kenya_user
    assert permission.has_permission(request, None)
    assert permission.has_object_permission(request, None, FakeRecord(owner_party_id=kenya.pk))
    assert not permission.has_object_permission(request, None, FakeRecord(owner_party_id=brazil.pk))
