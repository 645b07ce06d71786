"""What the public index (`models.Listing`, `models.Facet`) holds of a published activity or
resource: its facet values and its row, computed from the published content and the owner.

Facet values are codes (goal A.8, key area A.8.1, country KEN, region african_group …); what
they mean is for the pages to say. The countries and regions are those the record names (a
national record naming none names its Party); that a regional activity counts for each country
of its region, and a national one for its country's region, is for the readers to apply with
the regional groups' members (the search index does, `selectors.region_members`, and the
indicators).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from cbap.bch.text import text_in

# The facets of each kind of listing, in the order the list pages show them.
ACTIVITY_FACETS = (
    "goal",
    "key_area",
    "plan_activity",
    "country",
    "region",
    "scope",
    "status",
    "category",
    "audience",
    "funder_type",
    "year",
    "new_tech",
    "owner",
)
RESOURCE_FACETS = (
    "goal",
    "key_area",
    "plan_activity",
    "resource_type",
    "language",
    "country",
    "region",
    "training",
    "year",
    "new_tech",
    "owner",
)


def plan_facets(codes: Iterable[str]) -> list[tuple[str, str]]:
    """goal / key_area / plan_activity values of the codes a record addresses: a key area or a
    plan activity counts for its goal too."""
    facets = set()
    for code in codes:
        parts = code.split(".")
        facets.add(("goal", ".".join(parts[:2])))
        if len(parts) == 3:
            facets.add(("key_area" if parts[2].isdigit() else "plan_activity", code))
    return sorted(facets)


def _years(start: date | None, end: date | None) -> list[str]:
    if start is None:
        return []
    return [str(year) for year in range(start.year, (end or start).year + 1)]


def _date(value) -> date | None:
    return date.fromisoformat(value) if value else None


def _texts(content: dict, fields: Iterable[str]) -> str:
    parts = []
    for name in fields:
        value = content.get(name)
        if isinstance(value, dict):
            parts.extend(str(v) for v in value.values())
        elif isinstance(value, str):
            parts.append(value)
    return " ".join(parts).casefold()


def activity_facets(record, content: dict) -> list[tuple[str, str]]:
    countries = content.get("countries") or []
    if (
        not countries
        and record.owner_party_id
        and content.get("scope") in ("national", "subnational", "community")
    ):
        countries = [record.owner_party.code]
    organizations = content.get("organizations") or []
    facets = plan_facets(content.get("plan_codes") or [])
    facets += [("country", c) for c in countries]
    facets += [("region", r) for r in content.get("regions") or []]
    facets += [("scope", content["scope"]), ("status", content["activity_status"])]
    facets += [("category", k) for k in content.get("categories") or []]
    facets += [("audience", k) for k in content.get("audiences") or []]
    facets += sorted(
        {
            ("funder_type", o["type"])
            for o in organizations
            if o.get("role") == "funding" and o.get("type")
        }
    )
    start, end = _date(content.get("start_date")), _date(content.get("end_date"))
    facets += [("year", y) for y in _years(start, end)]
    facets += [("new_tech", "yes" if content.get("new_technologies") else "no")]
    facets += [("owner", "national" if record.owner_party_id else "reference")]
    facets += [("cb_area", k) for k in content.get("cb_areas") or []]
    facets += [("actor", k) for k in content.get("actors") or []]
    facets += [("funding", k) for k in content.get("funding_types") or []]
    facets += [("output", str(resource)) for resource in content.get("outputs") or []]
    facets += sorted(
        {("organization", str(o["organization"])) for o in organizations if o.get("organization")}
    )
    if record.owner_organization_id:
        facets.append(("organization", str(record.owner_organization_id)))
    return list(dict.fromkeys(facets))


def resource_facets(record, content: dict) -> list[tuple[str, str]]:
    countries = content.get("countries") or []
    if not countries and record.owner_party_id:
        countries = [record.owner_party.code]
    facets = plan_facets(content.get("plan_codes") or [])
    facets += [("resource_type", k) for k in content.get("resource_types") or []]
    facets += [("language", k) for k in content.get("languages") or []]
    facets += [("country", c) for c in countries]
    facets += [("training", "yes" if content.get("is_training_material") else "no")]
    if year := (content.get("publication_date") or "")[:4]:
        facets.append(("year", year))
    facets += [("new_tech", "yes" if content.get("new_technologies") else "no")]
    facets += [("owner", "national" if record.owner_party_id else "reference")]
    facets += [("cb_area", k) for k in content.get("cb_areas") or []]
    organizations = content.get("organizations") or []
    facets += sorted(
        {("organization", str(o["organization"])) for o in organizations if o.get("organization")}
    )
    if record.owner_organization_id:
        facets.append(("organization", str(record.owner_organization_id)))
    return list(dict.fromkeys(facets))


def listing_fields(record, content: dict, kind: str) -> dict:
    """The `Listing` row of a published record, as field values."""
    owner = record.owner_party or record.owner_organization
    names = " ".join(o.get("name", "") for o in content.get("organizations") or [])
    if kind == "activity":
        text_fields = (
            "title",
            "description",
            "achievements",
            "lessons",
            "programme",
            "identifier",
            "new_technologies_note",
        )
        start, end = _date(content.get("start_date")), _date(content.get("end_date"))
    else:
        text_fields = ("title", "summary", "authors", "publisher")
        published = content.get("publication_date") or ""
        start = end = (
            _date(f"{published[:4]}-{published[5:7] or '01'}-{published[8:10] or '01'}")
            if published
            else None
        )
    return dict(
        kind=kind,
        record_id=record.pk,
        title=text_in(content.get("title"))[:500],
        text=f"{_texts(content, text_fields)} {names.casefold()} {str(owner).casefold()}",
        start=start,
        end=end,
        owner=str(owner)[:300],
        owner_party_id=record.owner_party_id,
        owner_organization_id=record.owner_organization_id,
        is_demo=record.is_synthetic or bool(getattr(record.owner_organization, "is_demo", False)),
    )
