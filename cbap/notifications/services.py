"""Telling people: a notification in their list and the same by e-mail."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import timezone

from cbap.core import mail
from cbap.notifications.models import Notification


def notify(
    *, recipients: Iterable, kind: str, subject: str, text: str, link: str, actor=None
) -> list[Notification]:
    """Tell every active recipient once; never the actor, who knows what they did."""
    people = {
        person.pk: person
        for person in recipients
        if person is not None and person.is_active and person.pk != getattr(actor, "pk", None)
    }
    rows = Notification.objects.bulk_create(
        Notification(recipient=person, kind=kind, subject=subject, text=text, link=link)
        for person in people.values()
    )
    for row in rows:
        mail.send(
            to=[row.recipient.email],
            subject=f"cbap: {subject}",
            template="notifications/email/notification",
            context={"notification": row, "link": mail.absolute(link)},
        )
    return rows


def notifications_mark_read(*, user, ids: Iterable[int] | None = None) -> int:
    """Mark the person's unread notifications read (those of `ids`, else all); how many."""
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=list(ids))
    return unread.update(read_at=timezone.now())
