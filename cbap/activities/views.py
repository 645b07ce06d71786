"""Web pages of activities and the virtual library: the faceted lists with search and
downloads, the map, one record, its files, and the create and edit forms.

Saving an edit (a stale save gets the merged form), the workflow steps, the history and
deleting a never-published draft are the generic record pages' (`cbap.records.views`): a
Party's national users draft and its focal point publishes; an organization's editors write
and the Secretariat validates.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control

from cbap.accounts import permissions
from cbap.activities import exports, selectors, services
from cbap.activities.filtersets import ActivityFilterSet, ResourceFilterSet
from cbap.activities.formats import jobs
from cbap.activities.formats.exchange import FORMATS
from cbap.activities.forms import ActivityForm, ResourceForm
from cbap.activities.models import Activity, ImportJob, Listing, Resource, StoredFile
from cbap.core import downloads
from cbap.parties.models import Government
from cbap.records import selectors as record_selectors
from cbap.records import services as record_services
from cbap.records.views import record_edit

KINDS = {
    Listing.Kind.ACTIVITY: (Activity, ActivityFilterSet, ActivityForm),
    Listing.Kind.RESOURCE: (Resource, ResourceFilterSet, ResourceForm),
}


def _filtered(request, kind: str):
    filterset = KINDS[kind][1](request.GET, queryset=Listing.objects.none())
    if not filterset.is_valid():
        raise Http404(_("These filters are not valid."))
    return filterset


def listing_list(request, kind: str):
    filterset = _filtered(request, kind)
    found = selectors.listing_search(
        kind=kind,
        chosen=filterset.chosen,
        query=filterset.query,
        page=request.GET.get("page") or 1,
    )
    model = KINDS[kind][0]
    return render(
        request,
        f"activities/{kind}_list.html",
        {
            "found": found,
            "query_string": request.GET.urlencode(),
            "paging_query": _without(request, "page"),
            "own": selectors.own_records(request.user, model),
            "may_create": any(selectors.owners_for(request.user)),
        },
    )


def listing_download(request, kind: str, fmt: str):
    filterset = _filtered(request, kind)
    listings = selectors.matching(kind, filterset.chosen, filterset.query)
    about = [
        (
            _("What"),
            _("Published capacity-building activities")
            if kind == "activity"
            else _("Published resources of the virtual library"),
        ),
        (_("Filters"), request.GET.urlencode() or _("none")),
        (_("Demo data"), _("Rows marked demo = yes are synthetic demo data, not real records.")),
        (_("Empty cells"), _("Not recorded: unknown, not “none”.")),
    ]
    filters = {name: values for name, values in filterset.chosen.items() if values}
    if filterset.query:
        filters["q"] = filterset.query
    name = downloads.file_name(
        "activities" if kind == "activity" else "resources", filters=filters, extension=fmt
    )
    return downloads.download(exports.render(listings, kind, fmt, about), name)


def activity_map(request):
    rows = selectors.country_counts()
    names = dict(Government.objects.values_list("code", "name"))
    regions = selectors.value_labels("region", {region for region, _c, _n in rows})
    top = max((count for _r, _c, count in rows), default=0)
    grid: dict[str, list] = {}
    for region, country, count in rows:
        shade = 0 if count == 0 else 1 + min(3, 3 * count // top)
        grid.setdefault(region, []).append((country, names.get(country, country), count, shade))
    return render(
        request,
        "activities/map.html",
        {"grid": [(region, regions[region], tiles) for region, tiles in grid.items()]},
    )


def _readable(request, model, pk: int):
    record = get_object_or_404(
        model.objects.select_related("owner_party", "owner_organization"), pk=pk
    )
    if not record_selectors.can_read(request.user, record):
        raise Http404(_("No such record."))
    return record


def activity_detail(request, pk: int):
    activity = _readable(request, Activity, pk)
    view = record_selectors.record_view(request.user, activity)
    outputs = selectors.resources_by_id(view.outputs or [])
    return render(
        request,
        "activities/activity_detail.html",
        {
            "view": view,
            "record": activity,
            "labelled": selectors.labelled(view.content),
            "outputs": [outputs.get(i) or i for i in view.outputs or []],
            "here": request.path,
        },
    )


@cache_control(private=True)
def resource_detail(request, pk: int):
    """Not kept in the shared page cache, so that each view is counted."""
    resource = _readable(request, Resource, pk)
    view = record_selectors.record_view(request.user, resource)
    services.usage_count(
        resource=resource, event="views", user_agent=request.headers.get("User-Agent", "")
    )
    return render(
        request,
        "activities/resource_detail.html",
        {
            "view": view,
            "record": resource,
            "labelled": selectors.labelled(view.content),
            "producers": selectors.producing_activities(resource.pk),
            "usage": selectors.usage_by_month(resource),
            "here": request.path,
        },
    )


def resource_file(request, pk: int, file_id: int):
    """A file of the resource as the reader sees it, as an attachment that nothing runs."""
    resource = _readable(request, Resource, pk)
    view = record_selectors.record_view(request.user, resource)
    described = next((f for f in view.files or [] if f.get("id") == file_id), None)
    if described is None:
        raise Http404(_("No such file."))
    stored = get_object_or_404(StoredFile, pk=file_id)
    services.usage_count(
        resource=resource, event="downloads", user_agent=request.headers.get("User-Agent", "")
    )
    response = HttpResponse(bytes(stored.data), content_type=stored.media_type)
    response["Content-Disposition"] = f'attachment; filename="{_safe_name(described["name"])}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private"
    return response


def record_create(request, kind: str):
    model, _filterset, form_class = KINDS[kind]
    parties, organizations = selectors.owners_for(request.user)
    if not parties and not organizations:
        if not request.user.is_authenticated:
            raise PermissionDenied(_("Please sign in to record an activity or a resource."))
        raise PermissionDenied(
            _("Your roles do not allow you to record for any Party or organization.")
        )
    owners = selectors.owner_choices(parties, organizations)
    chosen = (
        request.POST.get("owner")
        or request.GET.get("owner")
        or (owners[0][0] if len(owners) == 1 else "")
    )
    party, organization = selectors.chosen_owner(chosen, parties, organizations)
    data = request.POST if request.method == "POST" else None
    form = form_class(
        data, request.FILES or None, owner_party=party, owner_organization=organization
    )
    if request.method == "POST" and (party or organization) and form.is_valid():
        try:
            with transaction.atomic():
                record = record_services.record_create(
                    model=model,
                    actor=request.user,
                    data=form.content(),
                    owner_party=party,
                    owner_organization=organization,
                    request=request,
                )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Saved as a draft: “%(record)s”. Submit it when ready.") % {"record": record},
            )
            return redirect(record.get_absolute_url())
    if request.method == "POST" and not (party or organization):
        form.add_error(None, _("Choose whose record this is."))
    return render(
        request,
        "activities/form.html",
        {"form": form, "kind": kind, "owners": owners, "owner": chosen},
        status=400 if form.errors else 200,
    )


def record_edit_page(request, kind: str, pk: int):
    model, _filterset, form_class = KINDS[kind]
    record = _readable(request, model, pk)

    def bound_form(*args, **kwargs):
        if args and hasattr(request, "FILES"):
            args = (args[0], request.FILES or None, *args[1:])
        return form_class(
            *args,
            owner_party=record.owner_party,
            owner_organization=record.owner_organization,
            **kwargs,
        )

    return record_edit(
        request,
        record,
        form_class=bound_form,
        template_name="activities/form.html",
        context={"record": record, "kind": kind},
    )


def _without(request, name: str) -> str:
    query = request.GET.copy()
    query.pop(name, None)
    return query.urlencode()


def _safe_name(name: str) -> str:
    return "".join(c if c.isalnum() or c in "._- " else "_" for c in name)[:150] or "file"


def import_upload(request, kind: str):
    """Upload a file of activities or resources; the job's page follows the import."""
    parties, organizations = selectors.owners_for(request.user)
    if not parties and not organizations:
        if not request.user.is_authenticated:
            raise PermissionDenied(_("Please sign in to import activities or resources."))
        raise PermissionDenied(
            _("Your roles do not allow you to record for any Party or organization.")
        )
    owners = selectors.owner_choices(parties, organizations)
    form = jobs.ImportForm(
        request.POST or None, request.FILES or None, formats=FORMATS[kind], owners=owners
    )
    if request.method == "POST" and form.is_valid():
        party, organization = selectors.chosen_owner(
            form.cleaned_data["owner"], parties, organizations
        )
        upload = form.cleaned_data["file"]
        job = jobs.import_job_create(
            kind=kind,
            fmt=form.cleaned_data["fmt"],
            file_name=upload.name,
            data=upload.read(),
            actor=request.user,
            owner_party=party.code if party else "",
            owner_organization=organization.name if organization else "",
            publish=form.cleaned_data["publish"],
        )
        jobs.import_job_start(job=job)
        return redirect(job)
    recent = ImportJob.objects.filter(created_by=request.user, kind=kind).defer("data")[:10]
    return render(
        request,
        "activities/import.html",
        {"form": form, "kind": kind, "jobs": recent},
        status=400 if form.errors else 200,
    )


def import_job(request, pk: int):
    job = get_object_or_404(ImportJob.objects.defer("data"), pk=pk)
    # A job is its uploader's (and the Secretariat administrators', who import any file).
    mine = request.user.is_authenticated and job.created_by_id == request.user.pk
    if not (mine or permissions.can(request.user, permissions.Action.IMPORT)):
        raise Http404(_("No such import."))
    return render(
        request,
        "activities/import_job.html",
        {"job": job, "processed": jobs.import_job_processed(job=job)},
    )
