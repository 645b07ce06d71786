"""Pages that work for any record type: history, diff, restore and workflow steps;
and `record_edit`, the edit page a record type's own view hands its record, form and context to.

A record is addressed as `/records/<app_label.model>/<id>/…`, e.g.
`/records/contacts.nationalcontact/7/history/`.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cbap.accounts import permissions
from cbap.records import selectors, services
from cbap.records.forms import (
    DiffForm,
    RestoreForm,
    TransitionForm,
    VersionForm,
)
from cbap.records.models import Record, Revision
from cbap.records.workflow import TRANSITIONS


def record_or_404(type_key: str, pk: int) -> Record:
    """The record of that type and id, whichever record model it is."""
    app_label, _dot, model_name = type_key.partition(".")
    try:
        model = ContentType.objects.get_by_natural_key(app_label, model_name).model_class()
    except ContentType.DoesNotExist as error:
        raise Http404(_("No such record type.")) from error
    if model is None or not issubclass(model, Record):
        raise Http404(_("No such record type."))
    return get_object_or_404(model, pk=pk)


def readable_record_or_404(request, type_key: str, pk: int) -> Record:
    """404 rather than 403 for a record the person may not even read, so drafts stay unknown."""
    return readable_or_404(request, record_or_404(type_key, pk))


def readable_or_404(request, record: Record | None) -> Record:
    """The record, if there is one and the person may read it; else 404, never 403."""
    if record is None or not selectors.can_read(request.user, record):
        raise Http404(_("No such record."))
    return record


def record_created(request, form, *, model, owner_party=None, owner_organization=None):
    """A new record of `model` from a valid form's content, saved as its owner's draft (the
    record services check it), then its page with a word on what comes next."""
    record = services.record_create(
        model=model,
        actor=request.user,
        data=form.content(),
        owner_party=owner_party,
        owner_organization=owner_organization,
        request=request,
    )
    messages.success(
        request, _("Saved as a draft: “%(record)s”. Submit it when ready.") % {"record": record}
    )
    return redirect(record)


def record_edit(request, record: Record, *, form_class, template_name: str, context: dict):
    """The edit page of a record of any type. GET shows the form; a valid POST saves a new
    version and redirects to the record; an invalid one shows the form again (400), a stale one
    the merged form (409, see `_merged_form_page`). `form_class` has the content fields, `version`
    and `message`, and `content()`; `context` is the type's own (its record, breadcrumbs); the
    template also gets `form`, `actions`, `conflict`, `merge` and `labels`."""
    permissions.require(request.user, permissions.Action.EDIT, record)
    page = {"record": record, "template_name": template_name, "context": context}
    if request.method != "POST":
        form = form_class(initial={**record.content(), "version": record.version})
        return _edit_page(request, form, **page)
    form = form_class(request.POST)
    if not form.is_valid():
        return _edit_page(request, form, **page, status=400)
    try:
        saved = services.record_update(
            record=record,
            actor=request.user,
            data=form.content(),
            expected_version=form.cleaned_data["version"],
            message=form.cleaned_data["message"],
            request=request,
        )
    except services.ConflictError as conflict:
        return _merged_form_page(request, form_class, form, conflict, **page)
    except services.SubmittedRecord as error:
        form.add_error(None, str(error))
        return _edit_page(request, form, **page, status=409)
    except ValidationError as error:
        form.add_error(None, error)
        return _edit_page(request, form, **page, status=400)
    messages.success(
        request,
        _("Saved: “%(saved)s” (version %(version)s, a draft).")
        % {"saved": saved, "version": saved.version},
    )
    return redirect(saved.get_absolute_url())


def _edit_page(
    request, form, *, record, template_name, context, status=200, conflict=None, merge=None
):
    return render(
        request,
        template_name,
        {
            **context,
            "form": form,
            "actions": selectors.record_actions(request.user, record),
            "conflict": conflict,
            "merge": merge,
            "labels": record.content_labels(),
        },
        status=status,
    )


def _merged_form_page(request, form_class, form, conflict, *, record, **page):
    """409: what changed meanwhile, and the form refilled with a three-way merge based on the
    current version: the fields the person changed keep what they typed, the others take the
    current values (so saving again never undoes someone else's change unseen), and only the
    fields both changed are shown as clashes."""
    record.refresh_from_db()
    merge = selectors.conflict_merge(record, conflict, form.content())
    initial = {
        **merge.content,
        "version": conflict.current_version,
        "message": form.cleaned_data["message"],
    }
    merged = form_class(initial=initial)
    return _edit_page(
        request, merged, record=record, **page, status=409, conflict=conflict, merge=merge
    )


def history(request, type_key: str, pk: int):
    record = readable_record_or_404(request, type_key, pk)
    permissions.require(request.user, permissions.Action.VIEW_HISTORY, record)
    revisions = list(selectors.record_history(record))
    diff_form = DiffForm(request.GET if {"a", "b"} & set(request.GET) else None)
    diff = a = b = None
    if diff_form.is_bound and diff_form.is_valid():
        a, b = diff_form.cleaned_data["a"], diff_form.cleaned_data["b"]
        try:
            diff = selectors.revision_diff(record, a, b)
        except Revision.DoesNotExist as error:
            diff_form.add_error(None, str(error))
    return render(
        request,
        "records/history.html",
        {
            "record": record,
            "type_key": type_key,
            "verbose_name": record._meta.verbose_name,
            "revisions": revisions,
            "labels": record.content_labels(),
            "diff_form": diff_form,
            "diff": diff,
            "a": a if diff is not None else _nth_number(revisions, 1),
            "b": b if diff is not None else _nth_number(revisions, 0),
            "can_restore": permissions.can(request.user, permissions.Action.RESTORE, record),
        },
        status=400 if diff_form.errors else 200,
    )


@require_POST
def restore(request, type_key: str, pk: int):
    record = readable_record_or_404(request, type_key, pk)
    form = RestoreForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a revision to restore."))
        return redirect("records:history", type_key=type_key, pk=pk)
    number = form.cleaned_data["revision"]
    try:
        record = services.record_restore(
            record=record,
            actor=request.user,
            revision_number=number,
            expected_version=form.cleaned_data["version"],
            request=request,
        )
    except services.ConflictError as conflict:
        back = reverse("records:history", args=[type_key, pk])
        return _conflict_page(
            request,
            record,
            conflict,
            # Translators: in “Nothing was changed: your restore of revision 3 was not applied.”
            _("restore of revision %(number)s") % {"number": number},
            back,
        )
    except services.RecordError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Revision %(number)s restored as revision %(version)s.")
            % {"number": number, "version": record.version},
        )
    return redirect("records:history", type_key=type_key, pk=pk)


def transition(request, type_key: str, pk: int, step: str):
    """A workflow step: GET shows its form (message or reason), POST takes the step on the
    version the person looked at (409 and what changed, when it changed since)."""
    if step not in TRANSITIONS:
        raise Http404(_("No such workflow step."))
    record = readable_record_or_404(request, type_key, pk)
    step_info = TRANSITIONS[step]
    next_url = _safe_next(request) or selectors.record_url(record, work=False)
    form = TransitionForm(
        request.POST if request.method == "POST" else None, initial={"version": record.version}
    )
    status = 200
    if request.method == "POST" and not form.is_valid():
        status = 400
    if request.method == "POST" and form.is_valid():
        try:
            services.record_transition(
                record=record,
                actor=request.user,
                action=step,
                message=form.cleaned_data["message"],
                expected_version=form.cleaned_data["version"],
                request=request,
            )
        except services.ConflictError as conflict:
            return _conflict_page(request, record, conflict, f"“{step_info.label}”", next_url)
        except services.ReasonRequired as error:
            form.add_error("message", str(error))
            status = 400
        except services.TransitionError as error:
            form.add_error(None, str(error))
            status = 400
        else:
            messages.success(
                request,
                _("%(label)s: done for “%(record)s”.")
                % {"label": step_info.label, "record": record},
            )
            return redirect(next_url)
    elif not permissions.can(request.user, getattr(permissions.Action, step_info.action), record):
        raise PermissionDenied(
            _("You may not take the step “%(label)s” here.") % {"label": step_info.label}
        )
    return render(
        request,
        "records/transition.html",
        {"record": record, "step": step_info, "form": form, "next": next_url},
        status=status,
    )


@require_POST
def delete(request, type_key: str, pk: int):
    """Delete a draft that was never published (the service refuses anything else)."""
    record = readable_record_or_404(request, type_key, pk)
    permissions.require(request.user, permissions.Action.DELETE, record)
    form = VersionForm(request.POST)
    back = selectors.record_url(record, work=False)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["version"]))
        return redirect(back)
    label = str(record)
    try:
        services.record_delete(
            record=record,
            actor=request.user,
            expected_version=form.cleaned_data["version"],
            request=request,
        )
    except services.ConflictError as conflict:
        return _conflict_page(
            request,
            record,
            conflict,
            # Translators: in “Nothing was changed: your deletion was not applied.”
            _("deletion"),
            back,
        )
    except services.RecordError as error:
        messages.error(request, str(error))
        return redirect(back)
    messages.success(request, _("Deleted the draft “%(label)s”.") % {"label": label})
    return redirect(_safe_next(request) or "/")


def _conflict_page(request, record: Record, conflict, attempt: str, back: str):
    return render(
        request,
        "records/conflict.html",
        {
            "record": record,
            "type_key": selectors.record_type_key(record),
            "conflict": conflict,
            "labels": record.content_labels(),
            "attempt": attempt,
            "back": back,
        },
        status=409,
    )


def _nth_number(revisions: list[Revision], n: int) -> int | None:
    """Revision numbers the compare form preselects: the latest (0) and the one before (1)."""
    return revisions[min(n, len(revisions) - 1)].number if revisions else None


def _safe_next(request) -> str | None:
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return None
