"""The version of public data: every service that changes what the public sees says so here,
in the same transaction, and the page cache (`pagecache`) keys on it."""

from __future__ import annotations

from django.db.models import F

from cbap.core.models import DataVersion


def data_changed() -> None:
    """Call in the transaction of any change the public sees (a rollback undoes it too)."""
    if not DataVersion.objects.filter(pk=1).update(number=F("number") + 1):
        DataVersion.objects.get_or_create(pk=1, defaults={"number": 1})


def data_version() -> int:
    return DataVersion.objects.filter(pk=1).values_list("number", flat=True).first() or 0
