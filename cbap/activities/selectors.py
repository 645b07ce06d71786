"""Reading activities and resources: the faceted lists and search over the public index, the
"what has been done" sections, and records as a given person sees them.

The lists read `Listing` and `Facet` only (what the public sees, published contents), so a
list, its counts and its downloads cost a few queries whatever the number of records. Within a
facet the chosen values are alternatives (OR); across facets all must hold (AND). A facet's
counts are those of the records that match every other facet's choice, so each count says how
many records choosing that value would give.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import F
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cbap.accounts import permissions
from cbap.accounts.models import Organization
from cbap.activities import vocabularies
from cbap.activities.facetindex import FacetIndex
from cbap.activities.facets import ACTIVITY_FACETS, RESOURCE_FACETS
from cbap.activities.models import Facet, Listing, Resource, ResourceUsage
from cbap.core.dataversion import data_version
from cbap.core.once import one_at_a_time
from cbap.parties.models import Government, Grouping, GroupingMembership
from cbap.parties.selectors import valid_q
from cbap.plan.selectors import addressable_texts
from cbap.records.selectors import RecordView, record_views

PER_PAGE = 25

FACET_LABELS = {
    "goal": gettext_lazy("Goal"),
    "key_area": gettext_lazy("Key area"),
    "plan_activity": gettext_lazy("Plan activity"),
    "country": gettext_lazy("Country"),
    "region": gettext_lazy("Region"),
    "scope": gettext_lazy("Geographic scope"),
    "status": gettext_lazy("Status"),
    "category": gettext_lazy("Category"),
    "audience": gettext_lazy("Target audience"),
    "funder_type": gettext_lazy("Type of funder"),
    "year": gettext_lazy("Year"),
    "new_tech": gettext_lazy("New technologies"),
    "owner": gettext_lazy("Recorded by"),
    "resource_type": gettext_lazy("Type of resource"),
    "language": gettext_lazy("Language"),
    "training": gettext_lazy("Training material"),
}
VOCABULARY_OF = {
    "scope": "scope",
    "status": "status",
    "category": "category",
    "audience": "audience",
    "funder_type": "organization_type",
    "resource_type": "resource_type",
    "actor": "actor",
    "funding": "funding_type",
}


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    chosen: bool


@dataclass
class FacetGroup:
    name: str
    label: str
    values: list[FacetValue]

    @property
    def chosen(self) -> bool:
        return any(v.chosen for v in self.values)


@dataclass
class Found:
    """One page of a faceted search, the total, and the counts of every facet."""

    kind: str
    listings: list[Listing]
    total: int
    facets: list[FacetGroup]
    page: object = None
    chosen: dict[str, list[str]] = field(default_factory=dict)
    query: str = ""


def facet_names(kind: str) -> tuple[str, ...]:
    return ACTIVITY_FACETS if kind == Listing.Kind.ACTIVITY else RESOURCE_FACETS


def matching(kind: str, chosen: dict[str, list[str]], query: str = "") -> list[int]:
    """The ids of the listings of `kind` that match, in list order (downloads and the API read
    them in batches: `listings_of`)."""
    index = facet_index(kind)
    return index.page(index.matching(chosen, query), 1, len(index.ids))


def listings_of(ids: list[int]) -> list[Listing]:
    """The listings with these ids, in that order (at most a page of them at a time)."""
    found = {listing.pk: listing for listing in Listing.objects.filter(pk__in=ids)}
    return [found[pk] for pk in ids if pk in found]


def listing_search(
    *, kind: str, chosen: dict[str, list[str]], query: str = "", page=1, per_page: int = PER_PAGE
) -> Found:
    names = facet_names(kind)
    chosen = {name: values for name, values in chosen.items() if values and name in names}
    index = facet_index(kind)
    found = index.matching(chosen, query)
    total = found.bit_count()
    paginator = Paginator(range(total), per_page)
    current = paginator.get_page(page)
    ids = index.page(found, current.number, per_page)
    listings = {listing.pk: listing for listing in Listing.objects.filter(pk__in=ids)}
    counts = index.counts(names, chosen, query)
    groups = [
        FacetGroup(
            name,
            str(FACET_LABELS.get(name, name)),
            [
                FacetValue(value, label, counts[name].get(value, 0), value in chosen.get(name, []))
                for value, label in _ordered(name, set(counts[name]) | set(chosen.get(name, [])))
            ],
        )
        for name in names
    ]
    return Found(
        kind, [listings[pk] for pk in ids if pk in listings], total, groups, current, chosen, query
    )


def facet_index(kind: str) -> FacetIndex:
    """The in-memory search index of the published listings of `kind`, once per version of the
    data: built by the first process that needs it (a few seconds for 100,000 records; the
    worker's warming after each change does it), shared with the others through the cache."""
    key = (kind, data_version())
    if key not in _indexes:
        with one_at_a_time(("facet-index", *key)):
            if key not in _indexes:
                shared = f"cbap:facet-index:{kind}:{key[1]}"
                built = cache.get(shared)
                if built is None:
                    built = _built(kind)
                    cache.set(shared, built, 24 * 3600)
                for old in [k for k in _indexes if k[0] == kind]:
                    del _indexes[old]
                _indexes[key] = built
    return _indexes[key]


_indexes: dict[tuple[str, str], FacetIndex] = {}


def _built(kind: str) -> FacetIndex:
    listings = Listing.objects.filter(kind=kind)
    ids = list(
        listings.order_by(F("start").desc(nulls_last=True), "-record_id").values_list(
            "pk", flat=True
        )
    )
    rows = Facet.objects.filter(listing__kind=kind, name__in=facet_names(kind)).values_list(
        "listing_id", "name", "value"
    )
    return FacetIndex.build(
        ids,
        rows.iterator(chunk_size=20_000),
        listings.values_list("pk", "text").iterator(chunk_size=5_000),
        region_members(),
    )


def _ordered(name: str, values: set[str]) -> list[tuple[str, str]]:
    """The facet's values with their labels, in the order people look for them."""
    labels = value_labels(name, values)
    if name == "year":
        return sorted(((v, labels[v]) for v in values), reverse=True)
    if name in VOCABULARY_OF:
        order = list(vocabularies.VOCABULARIES[VOCABULARY_OF[name]])
        return sorted(
            ((v, labels[v]) for v in values),
            key=lambda p: order.index(p[0]) if p[0] in order else len(order),
        )
    if name in ("goal", "key_area", "plan_activity"):
        return sorted(((v, labels[v]) for v in values), key=lambda p: code_order(p[0]))
    return sorted(((v, labels[v]) for v in values), key=lambda p: p[1].casefold())


def code_order(code: str) -> tuple:
    parts = code.split(".")
    section, number = parts[0], int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 0
    rest = parts[2] if len(parts) > 2 else ""
    roman = {
        "i": 1,
        "ii": 2,
        "iii": 3,
        "iv": 4,
        "v": 5,
        "vi": 6,
        "vii": 7,
        "viii": 8,
        "ix": 9,
        "x": 10,
    }
    return (
        section,
        number,
        int(rest) if rest.isdigit() else roman.get(rest, 0) + 100 if rest else 0,
    )


def value_labels(name: str, values) -> dict[str, str]:
    """What each value of a facet means, in the reader's language (codes of the plan as codes
    with their text, countries and regions by name, terms by title)."""
    values = set(values)
    if name in VOCABULARY_OF:
        return {v: vocabularies.title(VOCABULARY_OF[name], v) for v in values}
    if name in ("goal", "key_area", "plan_activity"):
        texts = plan_texts()
        return {v: f"{v} {texts.get(v, '')}".strip() for v in values}
    if name == "country":
        names = dict(Government.objects.filter(code__in=values).values_list("code", "name"))
        return {v: names.get(v, v) for v in values}
    if name == "region":
        names = dict(Grouping.objects.filter(code__in=values).values_list("code", "name"))
        return {v: names.get(v, v) for v in values}
    if name == "organization":
        names = dict(
            Organization.objects.filter(pk__in=[int(v) for v in values if v.isdigit()]).values_list(
                "pk", "name"
            )
        )
        return {v: names.get(int(v), v) if v.isdigit() else v for v in values}
    if name in ("new_tech", "training"):
        return {v: _("Yes") if v == "yes" else _("No") for v in values}
    if name == "owner":
        return {
            v: _("A Party (national record)")
            if v == "national"
            else _("An organization (reference record)")
            for v in values
        }
    if name == "cb_area":
        areas = vocabularies.cb_areas()
        return {v: areas.get(v, v) for v in values}
    return {v: v for v in values}


def labelled(content: dict) -> dict[str, list[tuple[str, str]]]:
    """The codes a record's content lists (countries, regions, plan codes, areas), each with
    what it means, for its page."""
    fields = {
        "countries": "country",
        "regions": "region",
        "plan_codes": "goal",
        "cb_areas": "cb_area",
    }
    result = {}
    for name, facet in fields.items():
        codes = content.get(name) or []
        labels = value_labels(facet, codes)
        result[name] = [(code, labels[code]) for code in codes]
    return result


def plan_texts() -> dict[str, str]:
    """code → a short text of each goal, key area and plan activity of the current plan (read
    once per version of the data)."""
    version = data_version()
    if version not in _plan_texts:
        _plan_texts.clear()
        _plan_texts[version] = _plan_texts_read()
    return _plan_texts[version]


_plan_texts: dict[str, dict[str, str]] = {}


def _plan_texts_read() -> dict[str, str]:
    return {code: _short(text) for code, text in addressable_texts().items()}


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


@dataclass
class Done:
    """What has been done for a plan element or in a country: counts and the latest records."""

    activities: int
    resources: int
    latest_activities: list[Listing]
    latest_resources: list[Listing]
    facet: str
    value: str


def done(facet: str, value: str, *, latest: int = 5) -> Done:
    """The published activities and resources with that facet value (a plan code, a country)."""
    counted, shown = {}, {}
    for kind in (Listing.Kind.ACTIVITY, Listing.Kind.RESOURCE):
        index = facet_index(kind)
        found = index.matching({facet: [value]})
        counted[kind] = found.bit_count()
        ids = index.page(found, 1, latest)
        rows = {listing.pk: listing for listing in Listing.objects.filter(pk__in=ids)}
        shown[kind] = [rows[pk] for pk in ids if pk in rows]
    return Done(
        counted[Listing.Kind.ACTIVITY],
        counted[Listing.Kind.RESOURCE],
        shown[Listing.Kind.ACTIVITY],
        shown[Listing.Kind.RESOURCE],
        facet,
        value,
    )


def counts_by_code(goal_code: str) -> dict[str, dict[str, int]]:
    """Published activities and resources per plan code of the goal (the goal, its key areas,
    its plan activities): code → kind → number."""
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    for kind in (Listing.Kind.ACTIVITY, Listing.Kind.RESOURCE):
        index = facet_index(kind)
        for name in ("goal", "key_area", "plan_activity"):
            for value, bitmap in index.bits.get(name, {}).items():
                if value == goal_code or value.startswith(f"{goal_code}."):
                    counts[value][kind] = bitmap.bit_count()
    return counts


def plan_facet(code: str) -> str:
    """The facet that holds a plan code: goal (A.8), key area (A.8.1) or plan activity (A.8.i)."""
    parts = code.split(".")
    if len(parts) < 3:
        return "goal"
    return "key_area" if parts[2].isdigit() else "plan_activity"


def own_records(user, model) -> list[RecordView]:
    """The drafts and records of the owners the person writes for (their Party's, their
    organization's; everyone's for the Secretariat), newest first: their work list."""
    if not getattr(user, "is_authenticated", False):
        return []
    records = permissions.records_where(user, permissions.Action.VIEW_DRAFT, model.objects.all())
    records = records.select_related("owner_party", "owner_organization").order_by("-updated_at")[
        :200
    ]
    return record_views(user, records)


def resources_by_id(ids) -> dict[int, Listing]:
    """The public listings of the resources with these ids (an activity's outputs)."""
    return {
        listing.record_id: listing
        for listing in Listing.objects.filter(kind=Listing.Kind.RESOURCE, record_id__in=list(ids))
    }


def producing_activities(resource_id: int) -> list[Listing]:
    """The published activities that name the resource among their outputs (as published)."""
    return list(
        Listing.objects.filter(
            kind=Listing.Kind.ACTIVITY, facets__name="output", facets__value=str(resource_id)
        )
    )


def usage_by_month(resource: Resource) -> list[ResourceUsage]:
    return list(ResourceUsage.objects.filter(resource=resource).order_by("-month")[:24])


def owners_for(
    user, action=permissions.Action.CREATE
) -> tuple[list[Government], list[Organization]]:
    """The Parties and organizations the person may create records for."""
    if not getattr(user, "is_authenticated", False):
        return [], []
    # A Party's people write for their own Party (the Secretariat for none in particular).
    parties = (
        [g for g in user.parties() if permissions.can(user, action, party=g)]
        if not permissions.can(user, action, party=None)
        else []
    )
    organizations = [
        o
        for o in Organization.objects.order_by("name")
        if permissions.can(user, action, organization=o)
    ]
    return parties, organizations


def owner_choices(parties, organizations) -> list[tuple[str, str]]:
    """The owners of `owners_for` as a form's choices, read back by `chosen_owner`."""
    return [(f"party:{g.code}", g.name) for g in parties] + [
        (f"organization:{o.pk}", o.name) for o in organizations
    ]


def chosen_owner(chosen: str, parties, organizations):
    """(party, organization) of a form's owner choice ("party:KEN", "organization:12") among
    those the person may write for (`owners_for`); (None, None) for any other."""
    kind, _sep, key = chosen.partition(":")
    if kind == "party":
        return next((g for g in parties if g.code == key), None), None
    if kind == "organization":
        return None, next((o for o in organizations if str(o.pk) == key), None)
    return None, None


def country_counts() -> list[tuple[str, str, int]]:
    """(region, country, number of published activities covering it) for the map: every
    country of a regional group, those with none included."""
    countries = facet_index(Listing.Kind.ACTIVITY).bits.get("country", {})
    members = region_members()
    return [
        (region, country, countries.get(country, 0).bit_count())
        for region in sorted(members)
        for country in sorted(members[region])
    ]


def region_members() -> dict[str, frozenset[str]]:
    """Each regional group's countries today (the registry's groupings)."""
    members: dict[str, set[str]] = defaultdict(set)
    rows = GroupingMembership.objects.filter(
        valid_q(date.today()), grouping__kind=Grouping.Kind.REGION
    ).values_list("grouping__code", "government__code")
    for region, country in rows:
        members[region].add(country)
    return {region: frozenset(countries) for region, countries in members.items()}
