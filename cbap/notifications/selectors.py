"""Reading a person's notifications."""

from __future__ import annotations

from django.db.models import QuerySet

from cbap.notifications.models import Notification


def notifications_of(user) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user)


def unread_count(user) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return notifications_of(user).filter(read_at__isnull=True).count()
