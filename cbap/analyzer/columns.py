"""The columns of an analysis: groups of governments on the cycle's deadline (regions,
groupings, Parties or not, Parties to the Supplementary Protocol, chosen countries)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cbap.analyzer.query import AnalyzerError, country_codes
from cbap.parties import registry
from cbap.parties import selectors as parties
from cbap.parties.models import Grouping, GroupingMembership

BY_FIXED = {
    "region": gettext_lazy("The five regions (UN regional groups)"),
    "party-status": gettext_lazy("Parties / non-Parties"),
    "supplementary": gettext_lazy("Parties to the Supplementary Protocol"),
    "countries": gettext_lazy("Chosen countries"),
}
SUPPLEMENTARY_UNKNOWN = gettext_lazy("Supplementary Protocol membership unknown")
# Groupings offered first, in this order; any other grouping code of the registry works too.
BY_GROUPINGS = ("ldc", "sids", "lldc", "developing")
NO_REGION = gettext_lazy("Not in a regional group")
OTHERS = gettext_lazy("Other governments")


@dataclass(frozen=True)
class Column:
    """One column: its governments and which of them are Parties on the deadline."""

    key: str
    label: str
    members: frozenset[str]
    parties: frozenset[str]


def by_options() -> list[tuple[str, str]]:
    """(value, label) of every way to choose the columns, for forms and help texts."""
    groupings = dict(
        Grouping.objects.exclude(kind=Grouping.Kind.REGION).values_list("code", "name")
    )
    first = [(code, groupings.pop(code)) for code in BY_GROUPINGS if code in groupings]
    options = [("region", BY_FIXED["region"]), *first]
    options += [("party-status", BY_FIXED["party-status"])]
    options += [("supplementary", BY_FIXED["supplementary"])]
    options += sorted(groupings.items(), key=lambda item: item[1])
    return [*options, ("countries", BY_FIXED["countries"])]


def columns_for(
    by: str, day: date, *, names: Mapping[str, str], party_codes: frozenset[str]
) -> tuple[Column, ...]:
    """The columns for `by` on `day`. Every government of the registry is in some column except
    with chosen countries, so that "Total" (the union of the columns) is everyone."""
    everyone = frozenset(names)

    def column(key: str, label, members: Iterable[str]) -> Column:
        members = frozenset(members)  # the label in the reader's language: a key of the tables
        return Column(key=key, label=str(label), members=members, parties=members & party_codes)

    if by == "region":
        regions: dict[str, tuple[str, set[str]]] = {}
        for code, name, government in (
            GroupingMembership.objects.filter(
                parties.valid_q(day), grouping__kind=Grouping.Kind.REGION
            )
            .order_by("grouping__position", "grouping__name")
            .values_list("grouping__code", "grouping__name", "government__code")
        ):
            regions.setdefault(code, (name, set()))[1].add(government)
        columns = [column(code, name, members) for code, (name, members) in regions.items()]
        if rest := everyone.difference(*(c.members for c in columns)):
            columns.append(column("no-region", NO_REGION, rest))
        return tuple(columns)
    if by == "party-status":
        return (
            column("parties", _("Parties"), party_codes & everyone),
            column("non-parties", _("Non-Parties"), everyone - party_codes),
        )
    if by == "supplementary":
        members, unknown = parties.membership_codes_on(day, registry.SUPPLEMENTARY)
        columns = [column("supplementary", BY_FIXED["supplementary"], members)]
        if unknown:  # nobody can tell on the deadline: neither among the Parties nor the others
            columns.append(column("supplementary-unknown", SUPPLEMENTARY_UNKNOWN, unknown))
        columns.append(column("others", OTHERS, everyone - members - unknown))
        return tuple(columns)
    if by.startswith("countries:"):
        codes = country_codes(by)
        if not codes:
            raise AnalyzerError(_("Name the countries by their codes, e.g. countries:KEN,BRA."))
        if unknown := [code for code in codes if code not in names]:
            raise AnalyzerError(
                _("No government with the code %(unknown)s.") % {"unknown": ", ".join(unknown)}
            )
        return tuple(column(code, names[code], {code}) for code in codes)
    grouping = Grouping.objects.filter(code=by).values_list("name", flat=True).first()
    if grouping is None:
        choices = ", ".join(value for value, _title in by_options())
        raise AnalyzerError(
            _("Columns by %(by)s are unknown; choose one of %(choices)s.")
            % {"by": f"{by!r}", "choices": choices}
        )
    members = frozenset(parties.grouping_members_on(by, day).values_list("code", flat=True))
    return (column(by, grouping, members), column("others", OTHERS, everyone - members))
