"""The Secretariat administrator and what the accounts tests read off records and the admin (the
other people, Parties and organizations are the whole suite's: tests/personas.py and
tests/conftest.py)."""

from dataclasses import dataclass

import pytest

from tests.personas import person


@dataclass
class FakeRecord:
    """What `permissions` needs of a record, and nothing else."""

    owner_party_id: int | None = None
    owner_organization_id: int | None = None
    status: str = "draft"
    published_version: int | None = None


@pytest.fixture
def admin_user(db):
    """A Secretariat administrator as the services make one: role and superuser."""
    return person("admin@secretariat.example.org", "secretariat_admin", is_superuser=True)


def admin_form_data(response) -> dict:
    """What the admin's change form would post back unchanged, inlines and their management
    forms included (split date-times as their two parts)."""
    data = {}

    def put(form, name, prefixed):
        bound, widget = form[name], form.fields[name].widget
        value = bound.value()
        if hasattr(widget, "decompress"):
            for index, part in enumerate(widget.decompress(value)):
                data[f"{prefixed}_{index}"] = "" if part is None else str(part)
        elif isinstance(value, bool):
            if value:
                data[prefixed] = "on"
        elif value is not None:
            data[prefixed] = value

    admin_form = response.context["adminform"].form
    for name in admin_form.fields:
        put(admin_form, name, admin_form.add_prefix(name))
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for name in formset.management_form.fields:
            data[f"{formset.prefix}-{name}"] = formset.management_form[name].value()
        for form in formset.forms:
            for name in form.fields:
                put(form, name, form.add_prefix(name))
    return data
