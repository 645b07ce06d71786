"""The version of public data: every service that changes what the public sees says so here,
in the same transaction, and the page cache (`pagecache`) keys on it. Once the change is
committed, `data_version_changed` is sent (the web app warms the public pages again).

The version is a fresh random token in the shared cache, set when a change is made (so that the
changing transaction's own reads see it) and again once it is committed (so that no page
computed meanwhile, from the data before, is ever served): reading it costs no database query.
Tokens are never reused, so changes committed at once cannot leave an old one in place. The
count of changes in the database stands in for it when the cache has lost it.
"""

from __future__ import annotations

import uuid

from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.dispatch import Signal

from cbap.core.models import DataVersion

data_version_changed = Signal()
KEY = "cbap:data-version"


def data_changed() -> None:
    """Call in the transaction of any change the public sees (a rollback undoes it too)."""
    if not DataVersion.objects.filter(pk=1).update(number=F("number") + 1):
        DataVersion.objects.get_or_create(pk=1, defaults={"number": 1})
    _new_version()
    transaction.on_commit(_committed, robust=True)


def data_version() -> str:
    """Read on every request of a public page."""
    version = cache.get(KEY)
    if version is None:  # a new or emptied cache: the count of changes
        number = DataVersion.objects.filter(pk=1).values_list("number", flat=True).first()
        cache.add(KEY, f"changes-{number or 0}", None)  # unless a change set a token meanwhile
        version = cache.get(KEY)
    return version


def _committed() -> None:
    _new_version()
    data_version_changed.send(sender=DataVersion)


def _new_version() -> None:
    cache.set(KEY, uuid.uuid4().hex, None)
