"""Reading snapshots: their cycles as the indicator pages, downloads and API read the live
ones (`indicators.selectors` takes them in place of the live cycles), and what changed
between a snapshot and the live data or another snapshot; the documents built from a snapshot,
served while they are up to date."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from hashlib import sha256

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from cbap.activities.facets import ACTIVITY_FACETS, RESOURCE_FACETS
from cbap.activities.models import Facet, Listing
from cbap.core.jobs import STALLED_AFTER
from cbap.engine import capacity as capacity_records
from cbap.evaluation.models import Finding, ReportBuild, Snapshot
from cbap.indicators import selectors as indicators
from cbap.indicators.snapshots import CycleSnapshot, snapshot_from_data
from cbap.needs import gap_analysis
from cbap.needs.models import Match
from cbap.needs.selectors import key_areas_by_goal, published_assessments, published_offers
from cbap.parties.models import Government, Grouping
from cbap.parties.selectors import parties_on
from cbap.records.selectors import published_contents
from cbap.reports.models import ReportingCycle
from cbap.reports.selectors import questionnaire_for

LIVE = "live"
"""Stands for the live data where a snapshot's name is asked (comparisons)."""


def snapshots() -> QuerySet[Snapshot]:
    return Snapshot.objects.select_related("created_by").defer("data", "capacity")


def snapshot_named(name: str) -> Snapshot:
    """The snapshot of that name, whatever its state; Http404 when there is none."""
    snapshot = snapshots().filter(name=name).first()
    if snapshot is None:
        raise Http404(_("No snapshot is named %(name)s.") % {"name": name})
    return snapshot


def frozen_snapshot(name: str) -> Snapshot:
    """The frozen snapshot of that name; Http404 names one that does not exist or is not
    frozen (yet)."""
    snapshot = Snapshot.objects.filter(name=name, status=Snapshot.Status.FROZEN).first()
    if snapshot is None:
        raise Http404(_("No frozen snapshot is named %(name)s.") % {"name": name})
    return snapshot


KEPT = 4
_FROZEN: dict[tuple, dict[int, CycleSnapshot] | capacity_records.Capacity] = {}


def _read_once(key: tuple, read: Callable[[], object]):
    """What `read` returns of a frozen snapshot, read once per process: a frozen snapshot never
    changes; the few read last are kept."""
    if key not in _FROZEN:
        _FROZEN[key] = read()
        while len(_FROZEN) > KEPT:
            _FROZEN.pop(next(iter(_FROZEN)))
    return _FROZEN[key]


def frozen_cycles(snapshot: Snapshot) -> dict[int, CycleSnapshot]:
    """The snapshot's cycles."""

    def read() -> dict[int, CycleSnapshot]:
        questionnaires = {c.number: c for c in ReportingCycle.objects.all()}
        return {
            int(number): snapshot_from_data(data, questionnaire_for(questionnaires[int(number)]))
            for number, data in snapshot.cycles().items()
        }

    return _read_once((snapshot.pk, snapshot.name, snapshot.frozen_at, "cycles"), read)


def frozen_capacity(snapshot: Snapshot) -> capacity_records.Capacity | None:
    """The capacity-building records the snapshot froze; None for a snapshot frozen before
    they were kept (unknown, never none)."""
    if snapshot.capacity is None:
        return None
    return _read_once(
        (snapshot.pk, snapshot.name, snapshot.frozen_at, "capacity"),
        lambda: capacity_records.capacity_from_data(Snapshot.unpacked(snapshot.capacity)),
    )


def snapshot_parties(snapshot: Snapshot) -> list[tuple[str, str]]:
    """(code, name) of the Parties to the Cartagena Protocol on the snapshot's last deadline
    and of any other government that reported in a cycle, by name: whose profiles it holds."""
    cycles = frozen_cycles(snapshot)
    names: dict[str, str] = {}
    for cycle in cycles.values():
        names.update(cycle.names)
    codes = {code for cycle in cycles.values() for code in cycle.facts.reports}
    if cycles:
        codes |= cycles[max(cycles)].facts.populations.get("cartagena_parties") or set()
    return sorted(((code, names.get(code, code)) for code in codes), key=lambda pair: pair[1])


def government_coded(code: str) -> Government | None:
    """The government of that code (in any case), whose country profile can be asked; None when
    there is none."""
    return Government.objects.filter(code=code.upper()).first()


KEPT_FACETS = (set(ACTIVITY_FACETS) | set(RESOURCE_FACETS)) - {"owner", "new_tech"}
"""What a snapshot keeps of each record: the facets the report counts by and those that say
where it reached (not who owns it, nor whether it is about new technologies)."""


def live_capacity(day=None) -> capacity_records.Capacity:
    """Everything published about capacity-building now: what a snapshot freezes."""
    day = day or timezone.localdate()
    groups = gap_analysis.gap_groups(day)
    names = dict(Grouping.objects.filter(code__in=groups).values_list("code", "name"))
    facets: dict[int, dict[str, list[str]]] = {}
    for listing, name, value in (
        Facet.objects.filter(name__in=KEPT_FACETS)
        .order_by("listing_id", "id")
        .values_list("listing_id", "name", "value")
    ):
        facets.setdefault(listing, {}).setdefault(name, []).append(value)
    listings = tuple(
        capacity_records.Listing(
            kind=kind,
            id=record_id,
            title=title,
            demo=demo,
            facets={name: tuple(values) for name, values in facets.get(pk, {}).items()},
        )
        for pk, kind, record_id, title, demo in Listing.objects.order_by(
            "kind", "record_id"
        ).values_list("pk", "kind", "record_id", "title", "is_demo")
    )
    needs = tuple(
        capacity_records.PartyNeeds(
            party=assessment.owner_party.code,
            assessed_on=date.fromisoformat(content["assessed_on"]),
            levels={
                code: line.get("level", "not_assessed") for code, line in content["lines"].items()
            },
            confidential=frozenset(
                code for code, line in content["lines"].items() if line.get("confidential")
            ),
            demo=assessment.is_synthetic,
        )
        for assessment, content, _counts in published_assessments()
    )
    offers = {offer.pk: content["title"] for offer, content in published_offers()}
    matches = tuple(
        capacity_records.MatchRef(party, key_area, state, offers.get(offer, ""))
        for party, key_area, state, offer in Match.objects.exclude(state=Match.State.DECLINED)
        .order_by("pk")
        .values_list("assessment__owner_party__code", "key_area", "state", "offer_id")
    )
    return capacity_records.Capacity(
        day=day,
        listings=listings,
        needs=needs,
        supports=tuple(gap_analysis.supports(groups)),
        matches=matches,
        groups=groups,
        group_names=names,
        regions=tuple(
            Grouping.objects.filter(kind=Grouping.Kind.REGION, code__in=groups)
            .order_by("position", "code")
            .values_list("code", flat=True)
        ),
        key_areas=tuple(
            (code, goal.code) for goal in key_areas_by_goal() for code, _text in goal.key_areas
        ),
        parties=frozenset(parties_on(day).values_list("code", flat=True))
        | {needs.party for needs in needs},
    )


def cycles_of(name: str) -> dict[int, CycleSnapshot]:
    """The cycles of a snapshot by its name, or the live ones (`LIVE`)."""
    return indicators.cycle_snapshots() if name == LIVE else frozen_cycles(frozen_snapshot(name))


@dataclass
class CycleChanges:
    """What changed in one cycle between two datasets: reports published since, withdrawn
    since, or whose answers (as the indicators read them) differ."""

    number: int
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    revised: list[str] = field(default_factory=list)


@dataclass
class Comparison:
    """What changed from `before` to `after` (each a snapshot's name or the live data): the
    reports by cycle, and every indicator value (all Parties) that moved."""

    before: str
    after: str
    cycles: list[CycleChanges]
    values: list[dict]

    @property
    def same(self) -> bool:
        return not self.values and not any(c.added or c.removed or c.revised for c in self.cycles)


def compare(before: str, after: str = LIVE) -> Comparison:
    """Compare two datasets by name (`LIVE`: the live data). Http404 for an unknown name."""
    old, new = cycles_of(before), cycles_of(after)
    changes = []
    for number in sorted(set(old) | set(new)):
        was = old[number].facts.reports if number in old else {}
        now = new[number].facts.reports if number in new else {}
        changes.append(
            CycleChanges(
                number=number,
                added=sorted(set(now) - set(was)),
                removed=sorted(set(was) - set(now)),
                revised=sorted(
                    code
                    for code in set(was) & set(now)
                    if _answers(was[code]) != _answers(now[code])
                ),
            )
        )
    values = []
    rows_before = {(r.code, r.cycle): r for r in indicators.value_rows(snapshots=old)}
    for row in indicators.value_rows(snapshots=new):
        earlier = rows_before.get((row.code, row.cycle))
        if earlier is None or (earlier.value, earlier.reported) != (row.value, row.reported):
            values.append(
                {
                    "code": row.code,
                    "cycle": row.cycle,
                    "before": earlier.value if earlier else None,
                    "after": row.value,
                    "reported_before": earlier.reported if earlier else None,
                    "reported_after": row.reported,
                }
            )
    return Comparison(before=before, after=after, cycles=changes, values=values)


def _answers(report) -> dict:
    return {
        key: (tuple(a.values), frozenset(a.with_text), a.number)
        for key, a in report.answers.items()
    }


def findings_key(snapshot: Snapshot) -> str:
    """A fingerprint of the findings and recommendations published beside the snapshot (each
    one's published revision): a document built from the snapshot holds them, so it is out of
    date once a finding is published, revised or withdrawn."""
    written = list(Finding.objects.filter(published_version__isnull=False))
    contents = published_contents(written)
    beside = sorted(
        (f.pk, f.published_version) for f in written if contents[f.pk]["snapshot"] == snapshot.name
    )
    return sha256(json.dumps(beside).encode()).hexdigest()


def report_builds() -> QuerySet[ReportBuild]:
    """Without their files."""
    return ReportBuild.objects.select_related("snapshot", "created_by").defer(
        "content", "snapshot__data", "snapshot__capacity"
    )


def report_build(pk: int) -> ReportBuild:
    """Http404 when there is none."""
    build = report_builds().filter(pk=pk).first()
    if build is None:
        raise Http404(_("No report build %(pk)s.") % {"pk": pk})
    return build


def report_build_fresh(
    *, snapshot: Snapshot, party: str, fmt: str, language: str
) -> ReportBuild | None:
    """The newest file built of that document that is still up to date (`findings_key`), with
    its content; None when it must be built (again)."""
    return (
        ReportBuild.objects.filter(
            snapshot=snapshot,
            party=party,
            fmt=fmt,
            language=language,
            status=ReportBuild.Status.BUILT,
            findings_key=findings_key(snapshot),
        )
        .select_related("snapshot")
        .defer("snapshot__data", "snapshot__capacity")
        .order_by("-built_at", "-id")
        .first()
    )


def report_build_pending(
    *, snapshot: Snapshot, party: str, fmt: str, language: str
) -> ReportBuild | None:
    """The build of that document queued or under way, unless it stalled."""
    return (
        report_builds()
        .filter(
            snapshot=snapshot,
            party=party,
            fmt=fmt,
            language=language,
            status__in=[ReportBuild.Status.QUEUED, ReportBuild.Status.BUILDING],
            created_at__gt=timezone.now() - STALLED_AFTER,
        )
        .first()
    )


def report_build_is_fresh(build: ReportBuild) -> bool:
    """Built, and no finding beside its snapshot changed since."""
    return build.status == ReportBuild.Status.BUILT and build.findings_key == findings_key(
        build.snapshot
    )
