"""Reading contacts as a given person sees them (see `cbap.records.selectors.record_views`)."""

from __future__ import annotations

from cbap.accounts import permissions
from cbap.contacts.models import ContactRole, NationalContact
from cbap.records.selectors import RecordView, record_views

ROLE_ORDER = {role.value: position for position, role in enumerate(ContactRole)}


def contact_views(
    user, contacts=None, *, party=None, role: str = "", status: str = "", ids=None
) -> list[RecordView]:
    """Contacts the person may read, as they see them, in role order then by name.

    `contacts` (default: all) is narrowed to those the person may read; `party` is a Government;
    `role` and `status` filter on what the person sees (the public sees only published
    contents, so only `status=published` matches for them).
    """
    if contacts is None:
        contacts = NationalContact.objects.all()
    contacts = permissions.visible_records(user, contacts.select_related("owner_party"))
    if party is not None:
        contacts = contacts.filter(owner_party=party)
    if ids is not None:
        contacts = contacts.filter(pk__in=ids)
    views = [
        view
        for view in record_views(user, contacts)
        if (not role or view.content.get("role") == role) and (not status or view.status == status)
    ]
    views.sort(
        key=lambda v: (
            v.record.owner_party.name,
            ROLE_ORDER.get(v.content.get("role"), 99),
            v.content.get("name", "").casefold(),
        )
    )
    return views


def contacts_by_role(views: list[RecordView]) -> list[tuple[ContactRole, list[RecordView]]]:
    """The views grouped under each role, every role listed even when it has no contact."""
    return [(role, [v for v in views if v.content.get("role") == role]) for role in ContactRole]
