"""Files in and out, whatever the format: which reader and writer each format has, and the
published records a file is written from (read a thousand at a time)."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from typing import BinaryIO

from cbap.activities.formats import bch, iati
from cbap.activities.formats.importing import ImportResult, records_import
from cbap.activities.formats.incoming import Reading
from cbap.activities.models import Activity, Resource
from cbap.records.selectors import published_contents

MODELS = {"activity": Activity, "resource": Resource}
# Exchange formats by kind of record: IATI describes activities only.
FORMATS = {"activity": ("bch", "iati"), "resource": ("bch",)}


def records_file_import(
    *,
    stream: BinaryIO,
    file: str,
    fmt: str,
    actor,
    publish: bool,
    owner_party: str = "",
    owner_organization: str = "",
    progress: Callable[[int], None] | None = None,
) -> ImportResult:
    """Read the whole file, then import all of it or nothing (see `importing`)."""
    reading = Reading(file)
    owners = {"owner_party": owner_party, "owner_organization": owner_organization}
    if fmt == "iati":
        incoming = iati.read(stream, file=file, reading=reading, **owners)  # streamed
    else:
        incoming = bch.read(stream.read(), file=file, reading=reading, **owners)
    return records_import(
        incoming=incoming,
        file=file,
        actor=actor,
        publish=publish,
        reading=reading,
        progress=progress,
    )


def published_pairs(kind: str, ids=None) -> Iterator[tuple]:
    """(record, published content) of every published record of the kind (or of `ids`)."""
    records = (
        MODELS[kind]
        .objects.filter(published_version__isnull=False)
        .select_related("owner_party", "owner_organization")
    )
    if ids is not None:
        records = records.filter(pk__in=list(ids))
    batch = []
    for record in records.order_by("pk").iterator(chunk_size=1000):
        batch.append(record)
        if len(batch) == 1000:
            yield from _with_content(batch)
            batch = []
    yield from _with_content(batch)


def _with_content(batch: list) -> Iterator[tuple]:
    contents = published_contents(batch)
    for record in batch:
        if record.pk in contents:
            yield record, contents[record.pk]


def records_file_export(*, kind: str, fmt: str, stream: BinaryIO, ids=None) -> None:
    pairs = published_pairs(kind, ids)
    if fmt == "iati":
        iati.write(pairs, stream)
    else:
        stream.write(bch.write(list(pairs)))


def exported_bytes(*, kind: str, fmt: str, ids=None) -> bytes:
    buffer = io.BytesIO()
    records_file_export(kind=kind, fmt=fmt, stream=buffer, ids=ids)
    return buffer.getvalue()
