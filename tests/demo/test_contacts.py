import io

import pytest

from cbap.audit.models import AuditEntry
from cbap.contacts.models import NationalContact
from cbap.demo.contacts import demo_contacts_load

pytestmark = pytest.mark.django_db


def load_demo() -> str:
    out = io.StringIO()
    demo_contacts_load(out)
    return out.getvalue()


def test_demo_contacts_are_synthetic_some_published_one_a_draft(kenya, brazil):
    assert "5 demo contact(s) created" in load_demo()
    contacts = NationalContact.objects.all()
    assert {c.owner_party.code for c in contacts} == {"KEN", "BRA"}
    assert all(c.name.startswith("Demo contact (synthetic)") for c in contacts)
    assert all(email.endswith("@example.org") for c in contacts for email in c.emails)
    assert sorted(c.status for c in contacts) == ["draft"] + ["published"] * 4
    assert all(c.published_version == c.version for c in contacts if c.status == "published")
    assert AuditEntry.objects.filter(event="publish", details__by="system").count() == 4


def test_loading_the_demo_twice_changes_nothing(kenya, brazil):
    load_demo()
    versions = list(NationalContact.objects.order_by("pk").values_list("pk", "version"))
    assert "0 demo contact(s) created" in load_demo()
    assert list(NationalContact.objects.order_by("pk").values_list("pk", "version")) == versions


def test_the_demo_skips_a_party_that_is_not_loaded(kenya):
    out = load_demo()
    assert "no government BRA" in out
    assert NationalContact.objects.filter(owner_party=kenya).count() == 3
