"""Telling people: a notification in their list and the same by e-mail."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone, translation

from cbap.core import mail
from cbap.core.languages import in_language
from cbap.notifications.models import Notification


def notify(
    *, recipients: Iterable, kind: str, subject, text, link: str, actor=None
) -> list[Notification]:
    """Tell every active recipient once, in their language (give `subject` and `text` lazy:
    gettext_lazy, `languages.deferred`); never the actor, who knows what they did."""
    people = {
        person.pk: person
        for person in recipients
        if person is not None and person.is_active and person.pk != getattr(actor, "pk", None)
    }
    rows = []
    for person in people.values():
        language = person.language or settings.LANGUAGE_CODE
        with translation.override(language):
            rows.append(
                Notification(
                    recipient=person,
                    kind=kind,
                    subject=str(subject),
                    text=str(text),
                    link=in_language(link, language),
                )
            )
    rows = Notification.objects.bulk_create(rows)
    for row in rows:
        mail.send(
            to=[row.recipient],
            subject=f"cbap: {row.subject}",  # already in the recipient's language
            template="notifications/email/notification",
            context={"notification": row, "link": mail.absolute(row.link)},
        )
    return rows


def notifications_mark_read(*, user, ids: Iterable[int] | None = None) -> int:
    """Mark the person's unread notifications read (those of `ids`, else all); how many."""
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=list(ids))
    return unread.update(read_at=timezone.now())
