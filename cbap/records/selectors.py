"""Reading records: history, diffs, what the public sees, and what a given person sees."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import OuterRef, QuerySet, Subquery
from django.urls import reverse
from django.utils.translation import gettext as _

from cbap.accounts import permissions
from cbap.records.diffing import FieldChange, Merge, diff_content, merge_three_way
from cbap.records.models import Record, Revision, Status
from cbap.records.workflow import TRANSITIONS, Transition


def record_history(record: Record) -> QuerySet[Revision]:
    """Every revision of the record, newest first, with its author."""
    return (
        Revision.objects.filter(
            content_type=ContentType.objects.get_for_model(record), object_id=record.pk
        )
        .select_related("author")
        .order_by("-number")
    )


def record_models() -> list[type[Record]]:
    """Every record type of the installed apps."""
    return [model for model in apps.get_models() if issubclass(model, Record)]


def returned(records: QuerySet) -> QuerySet:
    """Of these records, those whose last revision returned them to draft (to be fixed)."""
    latest = Revision.objects.filter(
        content_type=ContentType.objects.get_for_model(records.model), object_id=OuterRef("pk")
    ).order_by("-number")
    return records.annotate(last_step=Subquery(latest.values("step")[:1])).filter(
        last_step="return"
    )


def record_url(record: Record, *, work: bool = True) -> str:
    """Where the people responsible for the record work on it (`work`: the record type's
    `get_work_url`, a report's entry overview), else its page, else its history."""
    names = ("get_work_url", "get_absolute_url") if work else ("get_absolute_url",)
    for name in names:
        if hasattr(record, name):
            return getattr(record, name)()
    return reverse("records:history", args=[record_type_key(record), record.pk])


def record_type_key(record: Record) -> str:
    """`app_label.model`, as the record pages' URLs name a record type."""
    return record._meta.label_lower


def contributors(record: Record) -> list:
    """Who wrote the version in the workflow now: the authors of the revisions since the last
    publication (the person who submitted it among them)."""
    history = record_history(record)
    published = history.filter(step="publish").values_list("number", flat=True).first()
    since = history.filter(number__gt=published or 0, author__isnull=False)
    return list(get_user_model().objects.filter(pk__in=since.values("author_id")))


def revision_content(record: Record, number: int) -> dict | None:
    revision = record_history(record).filter(number=number).first()
    return revision.content if revision else None


def revision_diff(record: Record, a: int, b: int) -> dict[str, FieldChange]:
    """Per-field before (revision `a`) and after (revision `b`). Raises Revision.DoesNotExist."""
    revisions = {r.number: r for r in record_history(record).filter(number__in=[a, b])}
    if a not in revisions or b not in revisions:
        raise Revision.DoesNotExist(
            _("No revision %(number)s.") % {"number": a if a not in revisions else b}
        )
    return diff_content(revisions[a].content, revisions[b].content)


def conflict_merge(record: Record, conflict, yours: dict) -> Merge:
    """After a stale save (`conflict`, a `services.ConflictError`): what the person typed
    (`yours`) merged with the record as it is now, against the revision they started from.
    The edit form is refilled with `merge.content`; only `merge.clashes` need their decision."""
    base = revision_content(record, conflict.expected_version) or {}
    theirs = revision_content(record, conflict.current_version) or {}
    return merge_three_way(base, theirs, yours)


def published_content(record: Record) -> dict | None:
    """The content the public sees, or None while nothing is published."""
    return published_contents([record]).get(record.pk)


def ever_published(record: Record) -> bool:
    """Whether the record is public or ever was (a withdrawn record, even one back in draft)."""
    return record.published_version is not None or bool(_ever_published_ids([record]))


def _ever_published_ids(records: list[Record]) -> set[int]:
    """Primary keys of the records (all of one type) that have a published revision."""
    if not records:
        return set()
    return set(
        Revision.objects.filter(
            content_type=ContentType.objects.get_for_model(records[0]),
            object_id__in=[r.pk for r in records],
            status=Status.PUBLISHED,
        ).values_list("object_id", flat=True)
    )


def can_read(user, record: Record) -> bool:
    """Whether the person may see the record at all (its working copy or its public revision)."""
    return record.is_public or permissions.can(user, permissions.Action.VIEW_DRAFT, record)


@dataclass
class RecordView:
    """A record as one person sees it: the working copy if they may see drafts, else the public
    revision. `actions` names what they may do with it (edit, history, the workflow steps …)."""

    record: Record
    content: dict[str, Any]
    status: str
    version: int
    is_working_copy: bool
    actions: set[str] = field(default_factory=set)
    transitions: list[Transition] = field(default_factory=list)

    def __getattr__(self, name: str):
        # Templates read content fields as attributes: {{ view.name }}.
        content, record = self.__dict__.get("content", {}), self.__dict__.get("record")
        if name in content:
            return content[name]
        if record is not None and name in record.content_fields:
            return None  # a field added after the revision was saved
        raise AttributeError(name)

    @property
    def status_label(self) -> str:
        return Status(self.status).label


def record_views(user, records) -> list[RecordView]:
    """The records the person may read, each as they see it; two queries for the public content."""
    records = list(records)
    drafts = {r.pk for r in records if permissions.can(user, permissions.Action.VIEW_DRAFT, r)}
    public = published_contents([r for r in records if r.pk not in drafts])
    # Deleting needs to know whether a draft was ever published: one query for all of them.
    published_before = _ever_published_ids(
        [r for r in records if r.pk in drafts and _may_be_deletable(user, r)]
    )
    views = []
    for record in records:
        if record.pk in drafts:
            view = RecordView(record, record.content(), record.status, record.version, True)
            view.actions = record_actions(
                user, record, ever_published=record.pk in published_before
            )
            view.transitions = [TRANSITIONS[name] for name in TRANSITIONS if name in view.actions]
        elif record.pk in public:
            view = RecordView(
                record, public[record.pk], Status.PUBLISHED, record.published_version, False
            )
        else:
            continue
        views.append(view)
    return views


def record_view(user, record: Record) -> RecordView | None:
    """One record as the person sees it, or None when they may not read it."""
    views = record_views(user, [record])
    return views[0] if views else None


def record_actions(user, record: Record, *, ever_published: bool | None = None) -> set[str]:
    """What the person may do with the record now: `edit`, `history`, `restore`, `delete` (a
    draft never published only), and the workflow steps that apply to its status.
    `ever_published`, when the caller knows it, saves a query."""
    Action, can = permissions.Action, permissions.can
    actions = {
        name
        for name, action in [
            ("edit", Action.EDIT),
            ("history", Action.VIEW_HISTORY),
            ("restore", Action.RESTORE),
        ]
        if can(user, action, record)
    }
    if _may_be_deletable(user, record):
        if ever_published is None:
            ever_published = _ever_published_ids([record]) != set()
        if not ever_published:
            actions.add("delete")
    for step in TRANSITIONS.values():
        if step.allowed_from(record) and can(user, getattr(Action, step.action), record):
            actions.add(step.name)
    return actions


def _may_be_deletable(user, record: Record) -> bool:
    """Deletable as far as can be told without a query: a draft with nothing public, and the
    person may delete records of its owner (`ever_published` has the last word)."""
    return (
        record.status == Status.DRAFT
        and record.published_version is None
        and permissions.can(user, permissions.Action.DELETE, record)
    )


def published_contents(records: Sequence[Record]) -> dict[int, dict]:
    """record id → the content the public sees, for the records (all of one type) that have a
    published revision: a record published as it stands is read from its own row, the others
    from their published revision. Two queries at most, whatever the number of records, and
    nothing is written into the instances."""
    published = [r for r in records if r.published_version is not None]
    if not published:
        return {}
    model = type(published[0])
    live = {
        r.pk for r in published if r.status == Status.PUBLISHED and r.version == r.published_version
    }
    older = {r.pk: r.published_version for r in published if r.pk not in live}
    # A working copy that is the published version is its own published content; read it
    # again only where the caller deferred some of its content fields.
    loaded = {r.pk: r.content() for r in published if r.pk in live and not _deferred(r)}
    contents: dict[int, dict] = dict(loaded)
    if unread := live - set(loaded):
        rows = model.objects.filter(pk__in=unread).only("pk", *model.content_fields)
        contents.update({row.pk: row.content() for row in rows})
    if older:
        revisions = Revision.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            object_id__in=list(older),
            number__in=set(older.values()),
        ).values_list("object_id", "number", "content")
        contents.update(
            {pk: content for pk, number, content in revisions if older.get(pk) == number}
        )
    return contents


def _deferred(record: Record) -> bool:
    return bool(record.get_deferred_fields() & set(record.content_fields))
