"""The version of public data: every service that changes what the public sees says so here,
in the same transaction, and the page cache (`pagecache`) keys on it. Once the change is
committed, `data_version_changed` is sent (the web app warms the public pages again)."""

from __future__ import annotations

from django.db import connection, transaction
from django.db.models import F
from django.dispatch import Signal

from cbap.core.models import DataVersion

data_version_changed = Signal()


def data_changed() -> None:
    """Call in the transaction of any change the public sees (a rollback undoes it too)."""
    if not DataVersion.objects.filter(pk=1).update(number=F("number") + 1):
        DataVersion.objects.get_or_create(pk=1, defaults={"number": 1})
    transaction.on_commit(lambda: data_version_changed.send(sender=DataVersion), robust=True)


def data_version() -> int:
    """Read on every request of a public page: one plain query, no ORM to build."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT number FROM {DataVersion._meta.db_table} WHERE id = 1")
        row = cursor.fetchone()
    return row[0] if row else 0
