"""Reading the registry: who is a Party on a date, who is in a grouping on a date.

The date rules are `registry`'s; the Q objects here say the same thing in SQL, so lists of any
length cost a fixed number of queries.
"""

from __future__ import annotations

from datetime import date

from django.db.models import (
    BooleanField,
    Case,
    DateField,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)

from cbap.parties import registry
from cbap.parties.models import Government, Grouping, GroupingMembership, ProtocolMembership


def in_force_q(day: date) -> Q:
    """Protocol memberships in force on `day` (`registry.in_force_on` in SQL)."""
    known = Q(entry_into_force_on__lte=day)
    if day >= registry.INFORMATION_DATE:
        return known | Q(entry_into_force_on__isnull=True)
    return known


def unknown_q(day: date, protocol: str) -> Q:
    """Memberships of `protocol` whose being in force on `day` nobody can tell
    (`registry.unknown_on` in SQL)."""
    if day >= registry.INFORMATION_DATE or day < registry.PROTOCOL_IN_FORCE[protocol]:
        return Q(pk__in=[])
    return Q(entry_into_force_on__isnull=True) & (
        Q(not_before__isnull=True) | Q(not_before__lte=day)
    )


def valid_q(day: date) -> Q:
    """Grouping memberships valid on `day` (`registry.valid_on` in SQL)."""
    return (Q(valid_from__isnull=True) | Q(valid_from__lte=day)) & (
        Q(valid_to__isnull=True) | Q(valid_to__gte=day)
    )


def _is_party(day: date, protocol: str) -> Exists:
    return Exists(
        ProtocolMembership.objects.filter(
            in_force_q(day), government=OuterRef("pk"), protocol=protocol
        )
    )


def _is_unknown(day: date, protocol: str) -> Exists:
    # One membership per government and protocol (a constraint), so never also `_is_party`.
    return Exists(
        ProtocolMembership.objects.filter(
            unknown_q(day, protocol), government=OuterRef("pk"), protocol=protocol
        )
    )


def _membership_on(day: date, protocol: str) -> Case:
    """`registry.membership_on` in SQL: True, False, or None when nobody can tell."""
    return Case(
        When(_is_party(day, protocol), then=Value(True)),
        When(_is_unknown(day, protocol), then=Value(None)),
        default=Value(False),
        output_field=BooleanField(null=True),
    )


def _in_grouping(day: date, code: str) -> Exists:
    return Exists(
        GroupingMembership.objects.filter(
            valid_q(day), government=OuterRef("pk"), grouping__code=code
        )
    )


def parties_on(day: date, protocol: str = registry.CARTAGENA) -> QuerySet[Government]:
    """The governments that are certainly Parties to `protocol` on `day`."""
    return Government.objects.filter(_is_party(day, protocol))


def unknown_parties_on(day: date, protocol: str = registry.CARTAGENA) -> QuerySet[Government]:
    """The governments nobody can tell are Parties to `protocol` on `day` (undated, not ruled
    out): neither among `parties_on` nor non-Parties, so callers can say "unknown"."""
    return Government.objects.filter(_is_unknown(day, protocol))


def membership_codes_on(day: date, protocol: str) -> tuple[frozenset[str], frozenset[str]]:
    """(codes of the certain Parties, codes of those nobody can tell about) on `day`, in one
    query."""
    rows = (
        Government.objects.annotate(party=_membership_on(day, protocol))
        .filter(Q(party=True) | Q(party__isnull=True))
        .values_list("code", "party")
    )
    found: dict[bool | None, set[str]] = {True: set(), None: set()}
    for code, party in rows:
        found[party].add(code)
    return frozenset(found[True]), frozenset(found[None])


def grouping_members_on(code: str, day: date) -> QuerySet[Government]:
    """The governments in the grouping with that code on `day` (none for an unknown code)."""
    return Government.objects.filter(_in_grouping(day, code))


def government_groupings(
    government: Government, day: date | None = None
) -> QuerySet[GroupingMembership]:
    """The government's grouping memberships valid on `day`; with no day, all of them, past too."""
    memberships = government.grouping_memberships.select_related("grouping")
    return memberships.filter(valid_q(day)) if day else memberships


def registry_on(day: date, governments: QuerySet[Government] | None = None) -> QuerySet[Government]:
    """Every government in the registry (or of `governments`), Party or not, with what lists,
    pages and exports show about it on `day`: `as_of`, `cartagena_party` and
    `supplementary_party` (True, False, or None when nobody can tell), `memberships`, and
    `groupings_on_day` (grouping memberships valid that day, with the grouping)."""
    governments = Government.objects.all() if governments is None else governments
    return governments.annotate(
        as_of=Value(day, output_field=DateField()),
        cartagena_party=_membership_on(day, registry.CARTAGENA),
        supplementary_party=_membership_on(day, registry.SUPPLEMENTARY),
    ).prefetch_related(
        "memberships",
        Prefetch(
            "grouping_memberships",
            queryset=GroupingMembership.objects.filter(valid_q(day)).select_related("grouping"),
            to_attr="groupings_on_day",
        ),
    )


def filter_governments(
    governments: QuerySet[Government],
    day: date,
    *,
    region: str = "",
    grouping: str = "",
    status: str = "",
    query: str = "",
) -> QuerySet[Government]:
    """Narrow a list of governments: in a region and/or a grouping on `day` (by code), by
    membership status on `day` ("cartagena", "supplementary", "supplementary_unknown": nobody
    can tell, or "non_party": not a Party to the Cartagena Protocol), and by a query matching
    the name or any code."""
    if region:
        governments = governments.filter(_in_grouping(day, region))
    if grouping:
        governments = governments.filter(_in_grouping(day, grouping))
    if status == "non_party":  # certainly not: an unknown membership is neither
        governments = governments.exclude(_is_party(day, registry.CARTAGENA)).exclude(
            _is_unknown(day, registry.CARTAGENA)
        )
    elif status.endswith("_unknown"):  # nobody can tell on the day
        governments = governments.filter(_is_unknown(day, status.removesuffix("_unknown")))
    elif status:
        governments = governments.filter(_is_party(day, status))
    if query := query.strip():
        governments = governments.filter(
            Q(name__icontains=query) | Q(code__iexact=query) | Q(iso2__iexact=query) | Q(m49=query)
        )
    return governments


def groupings_on(day: date, groupings: QuerySet[Grouping] | None = None) -> QuerySet[Grouping]:
    """Every grouping (or those of `groupings`) with `as_of` and `members_on_day` (its
    memberships valid on `day`)."""
    groupings = Grouping.objects.all() if groupings is None else groupings
    return groupings.annotate(as_of=Value(day, output_field=DateField())).prefetch_related(
        Prefetch(
            "memberships",
            queryset=GroupingMembership.objects.filter(valid_q(day))
            .select_related("government")
            .order_by("government__name"),
            to_attr="members_on_day",
        )
    )


def grouping_memberships(grouping: Grouping) -> QuerySet[GroupingMembership]:
    """Every membership of the grouping, past and future too, by government name."""
    return grouping.memberships.select_related("government").order_by("government__name")


def counts_by_status(governments: list[Government]) -> dict[str, int]:
    """How many of these governments (from `registry_on`) are Parties to each protocol, how
    many may or may not be (`*_unknown`), and how many are not Parties to the Cartagena
    Protocol."""
    return {
        "total": len(governments),
        "cartagena": sum(g.cartagena_party is True for g in governments),
        "cartagena_unknown": sum(g.cartagena_party is None for g in governments),
        "supplementary": sum(g.supplementary_party is True for g in governments),
        "supplementary_unknown": sum(g.supplementary_party is None for g in governments),
        "non_party": sum(g.cartagena_party is False for g in governments),
    }


def date_caveats() -> list[ProtocolMembership]:
    """Memberships whose dates are unknown or unverified (`registry.date_status`), to name them;
    by status, then by government name."""
    suspects = ProtocolMembership.objects.filter(
        Q(entry_into_force_on__isnull=True) | Q(date_quality__istartswith="UNVERIFIED")
    ).select_related("government")
    caveats = [m for m in suspects if m.date_status != registry.DATE_KNOWN]
    return sorted(caveats, key=lambda m: (m.date_status, m.government.name))
