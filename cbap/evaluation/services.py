"""Freezing snapshots: asked by the Secretariat, frozen in the background by the worker (or
at once), all or nothing: a snapshot holds every cycle's data, or none and why it failed.
Building documents from a frozen snapshot the same way: asked by anyone (they are public),
built by the worker, a file or none and why."""

from __future__ import annotations

import re

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks import task

from cbap.accounts import permissions
from cbap.audit.services import Event, audit
from cbap.core.dataversion import data_changed
from cbap.core.languages import deferred
from cbap.engine.capacity import capacity_data
from cbap.evaluation import profile, report, selectors
from cbap.evaluation.models import ReportBuild, Snapshot
from cbap.evaluation.selectors import live_capacity
from cbap.indicators import definitions as catalogue
from cbap.indicators import records
from cbap.indicators import selectors as indicators
from cbap.indicators.snapshots import snapshot_data
from cbap.notifications.models import Notification
from cbap.notifications.services import notify
from cbap.reports.models import ReportingCycle

NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,59}$")


class SnapshotError(Exception):
    """A snapshot that cannot be asked for: its name, or who asks."""


def snapshot_create(*, name: str, reason: str = "", actor, background: bool = True) -> Snapshot:
    """Ask for a snapshot of the live data now, frozen by the worker (`background`) or at
    once; refused, with nothing written, for a name that is not a slug or is taken, or for
    someone who is not of the Secretariat."""
    if not permissions.can(actor, permissions.Action.FREEZE_DATA):
        raise SnapshotError(_("Only the Secretariat freezes snapshots."))
    if not NAME.match(name or ""):
        raise SnapshotError(
            _(
                "A snapshot's name is lower-case letters, digits and hyphens, e.g. "
                "midterm-2026 (got %(name)s)."
            )
            % {"name": repr(name)}
        )
    if Snapshot.objects.filter(name=name).exists():
        raise SnapshotError(_("A snapshot named %(name)s exists already.") % {"name": name})
    snapshot = Snapshot.objects.create(
        name=name,
        reason=reason,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit(event=Event.CREATE, actor=actor, target=snapshot, details={"step": "ask"})
    data_changed()  # the public lists of snapshots
    _start(snapshot, background)
    return snapshot


def snapshot_retry(*, snapshot: Snapshot, actor, background: bool = True) -> Snapshot:
    """Freeze a failed snapshot again."""
    if not permissions.can(actor, permissions.Action.FREEZE_DATA):
        raise SnapshotError(_("Only the Secretariat freezes snapshots."))
    if snapshot.status != Snapshot.Status.FAILED:
        raise SnapshotError(_("Only a failed snapshot is frozen again."))
    Snapshot.objects.filter(pk=snapshot.pk).update(
        status=Snapshot.Status.QUEUED, error="", cycles_done=0
    )
    audit(event=Event.CHANGE, actor=actor, target=snapshot, details={"step": "retry"})
    data_changed()
    _start(snapshot, background)
    snapshot.refresh_from_db()
    return snapshot


def _start(snapshot: Snapshot, background: bool) -> None:
    if background:
        transaction.on_commit(lambda: snapshot_freeze_task.enqueue(snapshot.pk))
    else:
        snapshot_freeze(snapshot=snapshot)


def snapshot_freeze(*, snapshot: Snapshot) -> Snapshot:
    """Read every plan cycle's facts from the live data, with the records behind each figure,
    and keep them in the snapshot; its progress is the cycles done. Whatever fails, the
    snapshot keeps no data and says why; its creator is told either way. Each step is a change
    of what the public sees (the snapshot's page shows its progress)."""
    _update(snapshot, status=Snapshot.Status.FREEZING)
    try:
        cycles, summary = {}, {}
        numbers = ReportingCycle.objects.filter(number__in=catalogue.CYCLES)
        for done, number in enumerate(sorted(numbers.values_list("number", flat=True)), 1):
            frozen = records.with_every_item(indicators.cycle_snapshot(number))
            cycles[str(number)] = snapshot_data(frozen)
            summary[str(number)] = _summary(frozen)
            _update(snapshot, cycles_done=done)
        _update(
            snapshot,
            status=Snapshot.Status.FROZEN,
            data=Snapshot.packed(cycles),
            capacity=Snapshot.packed(capacity_data(live_capacity())),
            summary=summary,
            frozen_at=timezone.now(),
        )
    except Exception as error:  # any failure: said on the snapshot's page, nothing kept
        _update(
            snapshot,
            status=Snapshot.Status.FAILED,
            data=None,
            capacity=None,
            summary={},
            error=repr(error)[:2000],
        )
    snapshot.refresh_from_db()
    _tell_creator(snapshot)
    return snapshot


def _update(snapshot: Snapshot, **fields) -> None:
    Snapshot.objects.filter(pk=snapshot.pk).update(**fields)
    data_changed()


def _summary(frozen) -> dict:
    facts = frozen.facts
    recorded = facts.records.recorded.values() if facts.records else ()
    return {
        "deadline": facts.deadline.isoformat(),
        "reports": len(facts.reports),
        "demo_reports": len(frozen.synthetic),
        "parties_with_records": len(frozenset().union(*recorded)),
    }


def _tell_creator(snapshot: Snapshot) -> None:
    frozen = snapshot.frozen
    notify(
        recipients=[snapshot.created_by],
        kind=Notification.Kind.TASK_DONE if frozen else Notification.Kind.TASK_FAILED,
        subject=deferred(
            gettext_lazy("Snapshot %(name)s: frozen")
            if frozen
            else gettext_lazy("Snapshot %(name)s: failed"),
            name=snapshot.name,
        ),
        text=deferred(
            gettext_lazy("Every number computed from it stays as it is now.")
            if frozen
            else gettext_lazy("Nothing was kept; its page says why and can freeze it again."),
        ),
        link=snapshot.get_absolute_url(),
    )


@task()
def snapshot_freeze_task(snapshot_pk: int) -> None:
    """The worker's side of `snapshot_create`."""
    snapshot_freeze(snapshot=Snapshot.objects.get(pk=snapshot_pk))


# ------------------------------------------------------------------------------------------
# Documents built from a frozen snapshot
# ------------------------------------------------------------------------------------------


class ReportBuildError(Exception):
    """A document that cannot be built: its snapshot, format or Party."""


def report_build_create(
    *,
    snapshot: Snapshot,
    fmt: str,
    party: str = "",
    site: str,
    actor,
    language: str | None = None,
    background: bool = True,
) -> ReportBuild:
    """Ask for a document of a frozen snapshot (the evaluation report, or `party`'s country
    profile) in `fmt` and `language` (the active one by default), built by the worker
    (`background`) or at once; `site` starts the links inside it. Anyone may ask: the file is
    public. The same document already queued, under way or built and up to date is returned
    instead of building it again. Refused, with nothing written, for a snapshot that is not
    frozen, a format not in `report.FORMATS` or a Party that has no profile."""
    if snapshot.status != Snapshot.Status.FROZEN:
        raise ReportBuildError(
            _("Snapshot %(name)s is not frozen: nothing can be built from it yet.")
            % {"name": snapshot.name}
        )
    if fmt not in report.FORMATS:
        raise ReportBuildError(
            _("No such format: %(fmt)s (one of %(formats)s).")
            % {"fmt": repr(fmt), "formats": ", ".join(sorted(report.FORMATS))}
        )
    party = party.upper()
    _check_party(party)
    same = {
        "snapshot": snapshot,
        "party": party,
        "fmt": fmt,
        "language": language or translation.get_language(),
    }
    if found := selectors.report_build_pending(**same) or selectors.report_build_fresh(**same):
        return found
    build = ReportBuild.objects.create(
        **same,
        site=site,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit(
        event=Event.CREATE,
        actor=actor,
        target=build,
        details={"step": "ask", "snapshot": snapshot.name, "party": party, "fmt": fmt},
    )
    _start_build(build, background)
    return build


def _check_party(party: str) -> None:
    """A country profile is of a government that cbap knows."""
    if party and selectors.government_coded(party) is None:
        raise ReportBuildError(_("No government has the code %(code)s.") % {"code": party})


def report_build_retry(*, build: ReportBuild, actor, background: bool = True) -> ReportBuild:
    """Build a failed document again."""
    if build.status != ReportBuild.Status.FAILED:
        raise ReportBuildError(_("Only a failed build is started again."))
    ReportBuild.objects.filter(pk=build.pk).update(
        status=ReportBuild.Status.QUEUED, step="", error=""
    )
    audit(event=Event.CHANGE, actor=actor, target=build, details={"step": "retry"})
    _start_build(build, background)
    build.refresh_from_db()
    return build


def _start_build(build: ReportBuild, background: bool) -> None:
    if background:
        transaction.on_commit(lambda: report_build_task.enqueue(build.pk))
    else:
        report_build_run(build=build)


def report_build_run(*, build: ReportBuild) -> ReportBuild:
    """Build the document in the language it was asked in; its progress is its step. The
    file is kept only whole, with the status built; whatever fails, the build keeps no file
    and says why. Its creator is told either way.

    Its pages are never cached, so, unlike a snapshot's freezing, a build changes nothing
    the public page cache holds (and does not set every public page to be computed again)."""
    snapshot = build.snapshot
    _update_build(build, status=ReportBuild.Status.BUILDING, step=ReportBuild.Step.READING)
    try:
        with translation.override(build.language):
            # Read before the document: a finding published meanwhile makes it out of date.
            key = selectors.findings_key(snapshot)
            if build.party:
                made, render = profile.build(snapshot, build.party), profile.render
            else:
                made, render = report.build(snapshot), report.render
            _update_build(build, step=ReportBuild.Step.RENDERING)
            content = render(made, build.fmt, build.site)
        _update_build(
            build,
            status=ReportBuild.Status.BUILT,
            step="",
            content=content,
            findings_key=key,
            built_at=timezone.now(),
        )
    except Exception as error:  # any failure: said on the build's page, no file kept
        _update_build(
            build, status=ReportBuild.Status.FAILED, content=None, error=repr(error)[:2000]
        )
    build.refresh_from_db()
    _tell_build_creator(build)
    return build


def _update_build(build: ReportBuild, **fields) -> None:
    ReportBuild.objects.filter(pk=build.pk).update(**fields)


def _tell_build_creator(build: ReportBuild) -> None:
    built = build.status == ReportBuild.Status.BUILT
    notify(
        recipients=[build.created_by],
        kind=Notification.Kind.TASK_DONE if built else Notification.Kind.TASK_FAILED,
        subject=deferred(
            gettext_lazy("%(title)s: built") if built else gettext_lazy("%(title)s: failed"),
            title=build.title,
        ),
        text=deferred(
            gettext_lazy("Its page offers the file.")
            if built
            else gettext_lazy("No file was kept; its page says why and can build it again."),
        ),
        link=build.get_absolute_url(),
    )


@task()
def report_build_task(build_pk: int) -> None:
    """The worker's side of `report_build_create`."""
    report_build_run(build=ReportBuild.objects.select_related("snapshot").get(pk=build_pk))
