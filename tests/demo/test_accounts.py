"""Demo accounts: one per role, a documented shared password, idempotent, never in production."""

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from cbap.accounts.models import Organization, RoleAssignment, User
from cbap.accounts.permissions import Action, can
from cbap.demo.accounts import (
    DEMO_ACCOUNTS,
    DEMO_ORGANIZATION,
    DEMO_PASSWORD,
    demo_accounts_load,
)

pytestmark = pytest.mark.django_db

DOC = Path(__file__).resolve().parents[2] / "docs" / "demo-accounts.md"


def load_demo() -> str:
    out = io.StringIO()
    demo_accounts_load(out)
    return out.getvalue()


def test_there_is_one_demo_account_per_role(kenya, brazil):
    assert "6 demo account(s) created" in load_demo()
    labels = {
        a.user.email: a.label
        for a in RoleAssignment.objects.select_related("user", "party", "organization")
    }
    assert labels == {
        "admin@demo.cbap.example": "Secretariat administrator",
        "analyst@demo.cbap.example": "Secretariat analyst",
        "nfp.kenya@demo.cbap.example": "National focal point of Kenya",
        "user.kenya@demo.cbap.example": "National authorized user of Kenya",
        "nfp.brazil@demo.cbap.example": "National focal point of Brazil",
        "editor@demo.cbap.example": f"Organization editor of {DEMO_ORGANIZATION}",
    }
    assert all(user.check_password(DEMO_PASSWORD) for user in User.objects.all())
    assert User.objects.get(email="admin@demo.cbap.example").is_superuser
    nfp = User.objects.get(email="nfp.kenya@demo.cbap.example")
    assert can(nfp, Action.PUBLISH, party=kenya) and not can(nfp, Action.PUBLISH, party=brazil)


def test_loading_the_demo_twice_changes_nothing(kenya, brazil):
    load_demo()
    before = list(RoleAssignment.objects.order_by("pk").values_list("pk", "user__email", "role"))
    assert "0 demo account(s) created" in load_demo()
    assert (
        list(RoleAssignment.objects.order_by("pk").values_list("pk", "user__email", "role"))
        == before
    )
    assert User.objects.count() == 6 and Organization.objects.count() == 1


def test_a_missing_party_is_reported_and_its_accounts_skipped(kenya):
    out = load_demo()
    assert "no Party BRA" in out and "nfp.brazil@demo.cbap.example skipped" in out
    assert not User.objects.filter(email="nfp.brazil@demo.cbap.example").exists()
    assert User.objects.count() == 5


def test_production_creates_no_demo_accounts(settings):
    settings.DEMO = False
    with pytest.raises(CommandError, match="CBAP_DEMO is off"):
        call_command("setup", "--demo", stdout=io.StringIO())
    assert not User.objects.exists()


def test_the_demo_accounts_are_documented():
    text = DOC.read_text()
    assert DEMO_PASSWORD in text
    for account in DEMO_ACCOUNTS:
        assert account.email in text
