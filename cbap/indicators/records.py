"""Reading the published records for the indicators' records sources: the public index of
cbap/activities (`Listing`, `Facet`) and the use of resources (`ResourceUsage`), and the needs
and matches of cbap/needs, turned into the engine's plain facts (`engine.facts.Records`).

Every selection that some definition reads in a cycle (`definitions.record_selectors`) is
counted in the database, never record by record in Python, in one query whatever the number
of records and selections: a union of small aggregates, each driven by one selection (the
countries and the regions its records name; per owner: the records, demo records and undated
records; the views and downloads in the window's months of a selection by use), the same for
any record in the window, and the regions' countries on the deadline. A record counts for the
countries it names and for every country of a region it names (the index keeps what records
name; the registry's groupings say who is in a region). An indicator's page reads the records
behind its figure besides (`with_items`: three queries per selection).

The window: from the plan's adoption (`definitions.PLAN_ADOPTED`) to the cycle's deadline. An
activity counts when it took place in it (status ongoing or completed, its dates overlapping the
window: without an end date, an ongoing activity from its start on, another on its start
date); a resource when its publication date is in it (a year alone is 1 January, as the index
stores it). A matching record without a date is "undated": not counted, shown.

Needs and matches are few: they are read whole, as the engine's entries (`engine.records.Entry`),
and selected by the engine. A need is a line of a Party's newest published self-assessment dated
in the window; a line the Party marked confidential is left out, since indicators are public. A
match counts when support was delivered (delivered or closed) by a published activity that took
place in the window, as an activity counts.
"""

from __future__ import annotations

import functools
import operator
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date

from django.db import connection
from django.db.models import CharField, Count, Q, Sum, Value

from cbap.activities import vocabularies
from cbap.activities.models import Facet, Listing, ResourceUsage
from cbap.engine.definitions import Definition
from cbap.engine.facts import RecordRef, Records, Selection
from cbap.engine.records import INDEXED, TOOK_PLACE, Entry, Selector, select
from cbap.indicators import definitions as catalogue
from cbap.indicators.snapshots import CycleSnapshot
from cbap.needs.models import Match, SelfAssessment
from cbap.parties import selectors as parties
from cbap.parties.models import Grouping, GroupingMembership
from cbap.records.selectors import published_contents


def records_facts(
    until: date, selectors: Sequence[Selector], *, government: str | None = None
) -> Records | None:
    """The records the `selectors` select in the window that ends on `until` (None when there
    are none to read), in one query. With `government`, only as far as that Party is concerned:
    whether each selection counts for it (its Party scorecard); no totals are read then."""
    if not selectors:
        return None
    since = catalogue.PLAN_ADOPTED
    if until < since:
        return Records(since=since, until=until)
    indexed = tuple(selector for selector in selectors if selector.records in INDEXED)
    selections, recorded = (
        _indexed_facts(since, until, indexed, government) if indexed else ({}, {})
    )
    for name in {selector.records for selector in selectors} - set(INDEXED):
        entries = ENTRIES[name](since, until)
        recorded[name] = frozenset(entry.country for entry in entries if entry.ref.start)
        for selector in selectors:
            if selector.records == name:
                selections[selector.key] = select(entries, selector)
    return Records(since=since, until=until, selections=selections, recorded=recorded)


def _indexed_facts(
    since: date, until: date, selectors: tuple[Selector, ...], government: str | None
) -> tuple[dict[str, Selection], dict[str, frozenset[str]]]:
    """The selections of the public index, and the Parties its records in the window count
    for (as `recorded`, for activities and resources alike), in one query."""
    sql, params = _statement(since, until, selectors, government is not None)
    if government is not None:
        params = [government if param == _GOVERNMENT else param for param in params]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    members: dict[str, set[str]] = defaultdict(set)  # region → its countries on the deadline
    named: dict[int, set[str]] = defaultdict(set)  # selection → the countries its records name
    regions: dict[int, set[str]] = defaultdict(set)  # selection → the regions they name
    totals = {index: [0, 0, 0, 0, 0] for index in range(len(selectors))}
    for tag, index, key, other, first, second, third in rows:
        if tag == "m":
            members[key].add(other)
        elif tag == "f":
            (named if other == "country" else regions)[index].add(key)
        elif tag == "o":
            found = totals[index]
            found[0], found[1], found[2] = found[0] + first, found[1] + second, found[2] + third
            if key and first and selectors[index].party == "owner":  # grouped by owner
                named[index].add(key)
        elif tag == "w":
            totals[index][3:] = [first or 0, second or 0]
    selections = {
        selector.key: Selection(
            records=totals[index][0],
            demo=totals[index][1],
            undated=totals[index][2],
            parties=frozenset(named[index]).union(*(members[r] for r in regions[index])),
            views=totals[index][3],
            downloads=totals[index][4],
        )
        for index, selector in enumerate(selectors)
    }
    recorded = frozenset(named[-1]).union(*(members[r] for r in regions[-1]))
    return selections, dict.fromkeys(INDEXED, recorded)


def with_items(definition: Definition, snapshot: CycleSnapshot) -> CycleSnapshot:
    """The snapshot with the records behind the definition's records figures (its source's,
    and the one beside its value) read too: ids, titles, dates, demo flags and the Parties each
    counts for. Unchanged when the cycle's source reads no records, or they are read already
    (a frozen dataset keeps them)."""
    source = definition.source_for(snapshot.number)
    records = snapshot.facts.records
    if source is None or not source.measured or records is None or records.until < records.since:
        return snapshot
    figures = [part for part in (source, source.beside) if part is not None and part.from_records]
    selections = dict(records.selections)
    for part in figures:
        selector = part.record_selectors()[0]
        if selector.key in selections and selections[selector.key].items is None:
            items = _records_behind(selector, records.since, records.until)
            selections[selector.key] = replace(selections[selector.key], items=items)
    facts = replace(snapshot.facts, records=replace(records, selections=selections))
    return replace(snapshot, facts=facts)


# ------------------------------------------------------------------------------------------
# Conditions and the window as filters of the index
# ------------------------------------------------------------------------------------------


def where_q(where: Mapping, field: str = "pk") -> Q:
    """A facet condition (`engine.records`) as a filter on `field`, a listing's id: one
    subquery of the facet table per leaf, combined as the condition combines them."""
    if "facet" in where:
        rows = Facet.objects.filter(name=where["facet"])
        if "in" in where:
            rows = rows.filter(value__in=where["in"])
        else:
            rows = rows.exclude(value__in=where["other_than"])
        return Q(**{f"{field}__in": rows.values("listing_id")})
    ((name, argument),) = where.items()
    if name == "not":
        return ~where_q(argument, field)
    combine = operator.and_ if name == "all" else operator.or_
    return functools.reduce(combine, [where_q(child, field) for child in argument])


NOT_TAKEN_PLACE = tuple(key for key in vocabularies.STATUSES if key not in TOOK_PLACE)
"""Every activity has one status of the vocabulary: it took place unless it has one of these
(a few records: the query's subquery stays small)."""


def _status(values) -> Q:
    return Q(pk__in=Facet.objects.filter(name="status", value__in=values).values("listing_id"))


def _took_place() -> Q:
    return ~_status(NOT_TAKEN_PLACE)


def dated(kind: str, since: date, until: date) -> Q:
    """The listings of `kind` that fall in the window (see the module's docstring)."""
    if kind == Listing.Kind.RESOURCE:
        return Q(kind=kind, start__gte=since, start__lte=until)
    overlaps = (
        Q(end__gte=since)
        | Q(end__isnull=True, start__gte=since)
        | (Q(end__isnull=True) & _status(["ongoing"]))
    )
    return Q(kind=kind, start__lte=until) & _took_place() & overlaps


def _undated(kind: str) -> Q:
    if kind == Listing.Kind.RESOURCE:
        return Q(kind=kind, start__isnull=True)
    return Q(kind=kind, start__isnull=True) & _took_place()


def selected(selector: Selector, since: date, until: date) -> Q:
    """The listings a selection counts: of its kind, its condition true, in the window (for
    their use in the window: whatever their date)."""
    where = where_q(selector.where)
    if selector.by_use:
        return Q(kind=selector.kind) & where
    return dated(selector.kind, since, until) & where


# ------------------------------------------------------------------------------------------
# The one statement: a union of small aggregates, each driven by its own selection
# ------------------------------------------------------------------------------------------

_GOVERNMENT = "\x00government\x00"
"""Stands for the government's code in a kept statement (`_statement`)."""


@functools.lru_cache(maxsize=8)
def _statement(since: date, until: date, selectors: tuple[Selector, ...], one: bool):
    """The SQL and parameters of `records_facts`, built once per process (the selections are
    the definitions', fixed): building and compiling the union costs more than running it.

    Rows (tag, selection index, key, other key, three numbers):
      f  a country or a region (other key: which) that a `country` selection's records name,
         and how many name it (index -1: any record of the window); a record counts for every
         country of a region it names
      m  a region and one of its countries on the deadline (the registry's groupings)
      o  an owner (a Party's code, or None for the organizations') and a selection's records,
         demo records and undated records (one row per owner for an `owner` selection, one in
         all for the others)
      w  a selection by use: the views and downloads in the window's months
    With `one`, the rows of one government only (its code is `_GOVERNMENT` until then)."""
    blank, none = Value(0), Value(None, CharField())
    columns = ("tag", "index", "key", "other", "n", "a", "b")
    in_window = Listing.objects.filter(
        dated(Listing.Kind.ACTIVITY, since, until) | dated(Listing.Kind.RESOURCE, since, until)
    )
    regions = GroupingMembership.objects.filter(
        parties.valid_q(until), grouping__kind=Grouping.Kind.REGION
    )
    if one:
        regions = regions.filter(government__code=_GOVERNMENT)
    branches = [
        regions.order_by()
        .annotate(tag=Value("m"), index=Value(-1), n=blank, a=blank, b=blank)
        .values_list("tag", "index", "grouping__code", "government__code", "n", "a", "b")
    ]

    def covering(index: int, listings, *, many: bool = False):
        """The countries and the regions the listings name, each with how many name it."""
        if many:  # most listings: read the facets' own rows, by name
            rows = Facet.objects.filter(name__in=("country", "region"), listing__in=listings)
        else:
            # `name__iexact`: so that SQLite seeks each chosen listing's facets (the index on
            # listing, name, value) instead of reading every country and region row of every
            # listing (the index on name, value), which it would take for the cheaper one.
            rows = Facet.objects.filter(
                Q(name__iexact="country") | Q(name__iexact="region"), listing__in=listings
            )
        if one:
            rows = rows.filter(
                Q(name="country", value=_GOVERNMENT)
                | Q(name="region", value__in=regions.values("grouping__code"))
            )
        return (
            rows.order_by()
            .values("name", "value")
            .annotate(tag=Value("f"), index=Value(index), n=Count("listing_id"), a=blank)
            .annotate(b=blank)
            .values_list("tag", "index", "value", "name", "n", "a", "b")
        )

    branches.append(covering(-1, in_window, many=True))
    for index, selector in enumerate(selectors):
        chosen = Listing.objects.filter(selected(selector, since, until))
        if selector.party == "country" and not selector.by_use:
            branches.append(covering(index, chosen))
        if one and selector.party != "owner":
            continue  # one government's standing: only who it counts for, no totals
        counted = Listing.objects.filter(Q(kind=selector.kind) & where_q(selector.where))
        if selector.by_use:  # every resource it selects, whatever its date
            in_it, undated = Q(), blank
        else:  # those in the window, and those without a date (counted apart)
            in_it = dated(selector.kind, since, until)
            undated = Count("id", filter=_undated(selector.kind))
        if one:
            counted = counted.filter(owner_party__code=_GOVERNMENT)
        by = "owner_party__code" if selector.party == "owner" and not selector.by_use else "kind"
        branches.append(
            counted.order_by()
            .values(by)
            .annotate(
                tag=Value("o"),
                index=Value(index),
                other=none,
                n=Count("id", filter=in_it),
                a=Count("id", filter=in_it & Q(is_demo=True)),
                b=undated,
            )
            .values_list("tag", "index", by, "other", "n", "a", "b")
        )
        if selector.by_use and not one:
            branches.append(
                ResourceUsage.objects.filter(
                    month__gte=since.replace(day=1),
                    month__lte=until,
                    resource_id__in=chosen.values("record_id"),
                )
                .order_by()
                .annotate(tag=Value("w"), index=Value(index), key=none, other=none)
                .values("tag", "index", "key", "other")
                .annotate(n=Sum("views"), a=Sum("downloads"), b=blank)
                .values_list(*columns)
            )
    union = branches[0].union(*branches[1:], all=True)
    return union.query.sql_with_params()


def _records_behind(
    selector: Selector, since: date, until: date, entries: dict | None = None
) -> tuple[RecordRef, ...]:
    """The records a selection counts: from the public index, or from the entries of its source
    (`entries`: those already read, by source)."""
    if selector.records in INDEXED:
        return _items(selector, since, until)
    read = entries[selector.records] if entries else ENTRIES[selector.records](since, until)
    return select(read, selector, items=True).items


def _items(selector: Selector, since: date, until: date) -> tuple[RecordRef, ...]:
    """The records a selection counts, newest first, each with the Parties it counts for (the
    countries it names and the members of the regions it names on the deadline, or its owner)."""
    listings = Listing.objects.filter(selected(selector, since, until))
    rows = list(
        listings.order_by("-start", "-record_id").values_list(
            "id", "kind", "record_id", "title", "is_demo", "start", "end", "owner_party__code"
        )
    )
    covers: dict[int, set[str]] = defaultdict(set)
    if selector.party == "country" and not selector.by_use:
        members: dict[str, set[str]] = defaultdict(set)
        for region, country in GroupingMembership.objects.filter(
            parties.valid_q(until), grouping__kind=Grouping.Kind.REGION
        ).values_list("grouping__code", "government__code"):
            members[region].add(country)
        for listing, name, value in Facet.objects.filter(
            name__in=("country", "region"), listing__in=listings
        ).values_list("listing_id", "name", "value"):
            covers[listing] |= {value} if name == "country" else members[value]
    return tuple(
        RecordRef(
            kind=kind,
            id=record_id,
            title=title,
            parties=tuple(sorted(covers[pk]))
            if selector.party == "country"
            else ((owner,) if owner and not selector.by_use else ()),
            demo=demo,
            start=start,
            end=end,
        )
        for pk, kind, record_id, title, demo, start, end, owner in rows
    )


# ------------------------------------------------------------------------------------------
# Needs and matches, read whole as entries
# ------------------------------------------------------------------------------------------


def _goal(key_area: str) -> str:
    return key_area.rsplit(".", 1)[0]


def need_entries(since: date, until: date) -> list[Entry]:
    """Each line of each Party's newest published self-assessment dated in the window, but the
    lines it marked confidential."""
    assessments = list(
        SelfAssessment.objects.filter(published_version__isnull=False).select_related("owner_party")
    )
    contents = published_contents(assessments)
    newest: dict[int, tuple[date, int, SelfAssessment]] = {}
    for assessment in assessments:
        day = date.fromisoformat(str(contents[assessment.pk]["assessed_on"]))
        held = newest.get(assessment.owner_party_id)
        if since <= day <= until and (held is None or (day, assessment.pk) > held[:2]):
            newest[assessment.owner_party_id] = (day, assessment.pk, assessment)
    entries = []
    for day, pk, assessment in newest.values():
        party = assessment.owner_party
        for code, line in sorted(contents[pk]["lines"].items()):
            if line.get("confidential"):
                continue
            ref = RecordRef(
                kind="need",
                id=pk,
                title=f"{party.name}, {day.isoformat()}: {code}",
                demo=assessment.is_synthetic,
                start=day,
            )
            facets = {
                "goal": frozenset({_goal(code)}),
                "key_area": frozenset({code}),
                "level": frozenset({line.get("level", "not_assessed")}),
                "kind": frozenset(line.get("kinds", ())),
                "audience": frozenset(line.get("audiences", ())),
            }
            entries.append(Entry(ref=ref, country=party.code, owner=party.code, facets=facets))
    return entries


def match_entries(since: date, until: date) -> list[Entry]:
    """The matches whose support was delivered by a published activity that took place in the
    window (undated when the activity has no date), with the delivered offer's kinds."""
    delivered = list(
        Match.objects.filter(
            state__in=(Match.State.DELIVERED, Match.State.CLOSED), activity__isnull=False
        ).select_related("assessment__owner_party", "offer__owner_party")
    )
    activities = [match.activity_id for match in delivered]
    listings = Listing.objects.filter(kind=Listing.Kind.ACTIVITY, record_id__in=activities)
    placed = {
        row[0]: row
        for row in listings.filter(
            dated(Listing.Kind.ACTIVITY, since, until) | _undated(Listing.Kind.ACTIVITY)
        ).values_list("record_id", "title", "start", "end", "is_demo")
    }
    offers = {match.offer_id: match.offer for match in delivered}
    kinds = published_contents(list(offers.values()))
    entries = []
    for match in delivered:
        if match.activity_id not in placed:
            continue
        _, title, start, end, demo = placed[match.activity_id]
        offer = match.offer
        ref = RecordRef(
            kind="match",
            id=match.activity_id,
            title=f"{match.key_area}: {title}",
            demo=demo or match.assessment.is_synthetic or offer.is_synthetic,
            start=start,
            end=end,
        )
        facets = {
            "goal": frozenset({_goal(match.key_area)}),
            "key_area": frozenset({match.key_area}),
            "kind": frozenset(kinds.get(offer.pk, {}).get("kinds", ())),
            "outcome": frozenset({match.outcome or "pending"}),
            "provider": frozenset({"party" if offer.owner_party_id else "organization"}),
        }
        owner = offer.owner_party.code if offer.owner_party_id else None
        country = match.assessment.owner_party.code
        entries.append(Entry(ref=ref, country=country, owner=owner, facets=facets))
    return entries


ENTRIES = {"needs": need_entries, "matches": match_entries}
"""The sources read whole, and how."""


def with_every_item(snapshot: CycleSnapshot) -> CycleSnapshot:
    """The snapshot with the records behind every selection read: what a frozen dataset keeps,
    so that an indicator's page shows the records behind its figure as they were."""
    records = snapshot.facts.records
    if records is None or records.until < records.since:
        return snapshot
    selectors = {selector.key: selector for selector in catalogue.record_selectors(snapshot.number)}
    entries = {name: ENTRIES[name](records.since, records.until) for name in ENTRIES}
    selections = {
        key: replace(
            selection,
            items=_records_behind(selectors[key], records.since, records.until, entries),
        )
        for key, selection in records.selections.items()
    }
    facts = replace(snapshot.facts, records=replace(records, selections=selections))
    return replace(snapshot, facts=facts)
