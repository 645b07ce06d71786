"""Reading snapshots: their cycles as the indicator pages, downloads and API read the live
ones (`indicators.selectors` takes them in place of the live cycles), and what changed
between a snapshot and the live data or another snapshot."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from cbap.evaluation.models import Snapshot
from cbap.indicators import selectors as indicators
from cbap.indicators.snapshots import CycleSnapshot, snapshot_from_data
from cbap.reports.models import ReportingCycle
from cbap.reports.selectors import questionnaire_for

LIVE = "live"
"""Stands for the live data where a snapshot's name is asked (comparisons)."""


def snapshots() -> QuerySet[Snapshot]:
    return Snapshot.objects.select_related("created_by").defer("data")


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


def frozen_cycles(snapshot: Snapshot) -> dict[int, CycleSnapshot]:
    """The snapshot's cycles, read once per process (a frozen snapshot never changes; the few
    read last are kept)."""
    key = (snapshot.pk, snapshot.name, snapshot.frozen_at)
    if key not in _FROZEN:
        questionnaires = {c.number: c for c in ReportingCycle.objects.all()}
        _FROZEN[key] = {
            int(number): snapshot_from_data(data, questionnaire_for(questionnaires[int(number)]))
            for number, data in snapshot.cycles().items()
        }
        while len(_FROZEN) > KEPT:
            _FROZEN.pop(next(iter(_FROZEN)))
    return _FROZEN[key]


KEPT = 4
_FROZEN: dict[tuple, dict[int, CycleSnapshot]] = {}


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
