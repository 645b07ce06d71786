"""The activity and resource lists as files (CSV, XLSX, JSON) and as API rows: one row per
published record from the public index, its facets as columns, built once for every format."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator

from django.utils.translation import gettext as _

from cbap.activities.models import Facet, Listing
from cbap.core import downloads

ACTIVITY_COLUMNS = (
    "id",
    "title",
    "owner",
    "status",
    "scope",
    "start",
    "end",
    "goals",
    "key_areas",
    "plan_activities",
    "countries",
    "regions",
    "categories",
    "audiences",
    "funder_types",
    "new_technologies",
    "demo",
    "url",
)
RESOURCE_COLUMNS = (
    "id",
    "title",
    "owner",
    "published",
    "resource_types",
    "training_material",
    "languages",
    "goals",
    "key_areas",
    "plan_activities",
    "countries",
    "new_technologies",
    "demo",
    "url",
)
# column → the facet it lists (values joined by "; ")
FACET_COLUMNS = {
    "status": "status",
    "scope": "scope",
    "goals": "goal",
    "key_areas": "key_area",
    "plan_activities": "plan_activity",
    "countries": "country",
    "regions": "region",
    "categories": "category",
    "audiences": "audience",
    "funder_types": "funder_type",
    "new_technologies": "new_tech",
    "resource_types": "resource_type",
    "training_material": "training",
    "languages": "language",
}


def rows(ids: list[int], kind: str) -> Iterator[dict]:
    """One dict per listing id, in the order given, reading a thousand listings at a time."""
    columns = ACTIVITY_COLUMNS if kind == Listing.Kind.ACTIVITY else RESOURCE_COLUMNS
    path = "/activities/" if kind == Listing.Kind.ACTIVITY else "/activities/library/"
    for start in range(0, len(ids), 1000):
        batch = ids[start : start + 1000]
        found = {listing.pk: listing for listing in Listing.objects.filter(pk__in=batch)}
        yield from _rows([found[pk] for pk in batch if pk in found], columns, path)


def _rows(batch: list[Listing], columns, path: str) -> Iterator[dict]:
    values: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    facets = Facet.objects.filter(listing__in=[listing.pk for listing in batch])
    for listing_id, name, value in facets.values_list("listing_id", "name", "value"):
        values[listing_id][name].append(value)
    for listing in batch:
        found = values[listing.pk]
        row = {
            "id": listing.record_id,
            "title": listing.title,
            "owner": listing.owner,
            "start": listing.start.isoformat() if listing.start else "",
            "end": listing.end.isoformat() if listing.end else "",
            "published": listing.start.isoformat()[:7] if listing.start else "",
            "demo": "yes" if listing.is_demo else "no",
            "url": f"{path}{listing.record_id}/",
        }
        for column in columns:
            if column in FACET_COLUMNS:
                row[column] = "; ".join(sorted(found.get(FACET_COLUMNS[column], [])))
        yield {column: row[column] for column in columns}


def render(ids: list[int], kind: str, fmt: str, about: list[tuple[str, str]]):
    """The file's content: CSV streamed, XLSX and JSON whole."""
    columns = ACTIVITY_COLUMNS if kind == Listing.Kind.ACTIVITY else RESOURCE_COLUMNS
    if fmt == "csv":
        return downloads.csv_stream(columns, rows(ids, kind))
    if fmt == "xlsx":
        title = _("Activities") if kind == Listing.Kind.ACTIVITY else _("Resources")
        return downloads.xlsx_bytes([downloads.Sheet(title, columns, rows(ids, kind))], about=about)
    return json.dumps(
        {"about": dict(about), "rows": list(rows(ids, kind))}, ensure_ascii=False, indent=1
    ).encode()
