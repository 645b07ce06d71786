"""The registry export in each format, picked by name; every one renders the same document."""

from __future__ import annotations

import json
from datetime import date

from django.utils.translation import gettext_lazy

from cbap.core.downloads import csv_bytes
from cbap.parties import registry
from cbap.parties.api.serializers import GovernmentSerializer

NOTE = gettext_lazy(
    "Membership lists as of August 2026 (later accessions are not recorded); dates from ECOLEX "
    "and computed with the Protocols' entry-into-force articles, with gaps left empty; a "
    "membership nobody can date reads unknown (null in JSON) between the month the sources rule "
    "out and August 2026. Regions are "
    "UN regional groups, used as an approximation of the CBD's five regions. Sources: "
    "cbap/parties/data/README.md."
)
MEMBERSHIP_FIELDS = [
    "signed_on",
    "deposited_on",
    "entry_into_force_on",
    "not_before",
    "date_status",
    "date_quality",
]
CSV_COLUMNS = (
    ["code", "iso3", "iso2", "m49", "name", "kind", "as_of", "regions", "groupings"]
    + [f"{protocol}_party" for protocol in registry.PROTOCOLS]
    + [f"{p}_{field}" for p in registry.PROTOCOLS for field in MEMBERSHIP_FIELDS]
)


def registry_document(governments, day: date) -> dict:
    """The governments (from `selectors.registry_on`) as the export document."""
    items = GovernmentSerializer(governments, many=True).data
    return {
        "as_of": day.isoformat(),
        "information_date": registry.INFORMATION_DATE.isoformat(),
        "note": str(NOTE),  # in the reader's language
        "count": len(items),
        "governments": items,
    }


def government_row(item: dict) -> dict:
    """One government of the document as one flat CSV row; several values are joined with |."""
    row = {key: item[key] for key in ("code", "iso3", "iso2", "m49", "name", "kind", "as_of")}
    row["regions"] = "|".join(g["name"] for g in item["groupings"] if g["kind"] == "region")
    row["groupings"] = "|".join(g["code"] for g in item["groupings"] if g["kind"] != "region")
    memberships = {m["protocol"]: m for m in item["memberships"]}
    for protocol in registry.PROTOCOLS:
        party = item[f"{protocol}_party"]
        row[f"{protocol}_party"] = "unknown" if party is None else int(party)
        membership = memberships.get(protocol, {})
        for field in MEMBERSHIP_FIELDS:
            row[f"{protocol}_{field}"] = membership.get(field) or ""
    return row


def render_json(document: dict) -> bytes:
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")


def render_csv(document: dict) -> bytes:
    return csv_bytes(CSV_COLUMNS, (government_row(item) for item in document["governments"]))


RENDERERS = {"json": render_json, "csv": render_csv}
