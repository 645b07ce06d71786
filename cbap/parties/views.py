"""Web pages of the registry: the Parties list (with downloads), a government's profile, and the
members of the groupings the Secretariat keeps."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cbap.core import downloads
from cbap.parties import exports, permissions, registry, selectors, services
from cbap.parties.filtersets import AsOfFilterSet, GovernmentFilterSet
from cbap.parties.forms import MemberAddForm, MemberDatesForm
from cbap.parties.models import Government, Grouping, GroupingMembership, Protocol


def _filtered(request) -> GovernmentFilterSet:
    return GovernmentFilterSet(request.GET, queryset=Government.objects.all())


def party_list(request):
    filterset = _filtered(request)
    form, day, governments = filterset.form, filterset.day, list(filterset.qs)
    return render(
        request,
        "parties/list.html",
        {
            "form": form,
            "day": day,
            "governments": governments,
            "counts": selectors.counts_by_status(governments),
            "groupings": selectors.groupings_on(day),
            "caveats": selectors.date_caveats(),
            "information_date": registry.INFORMATION_DATE,
            "query_string": request.GET.urlencode(),
            "can_edit_groupings": request.user.has_perm("cbap.edit_groupings"),
        },
    )


def download(request, fmt: str):
    filterset = _filtered(request)
    day, chosen = filterset.day, filterset.form.cleaned_data
    content = exports.RENDERERS[fmt](exports.registry_document(filterset.qs, day))
    filters = {name: chosen.get(name) for name in ("region", "grouping", "status", "q")}
    return downloads.download(
        content, downloads.file_name("parties", day, filters=filters, extension=fmt)
    )


def detail(request, code: str):
    if code != code.upper():
        return redirect("parties:detail", code=code.upper())
    filterset = AsOfFilterSet(request.GET, queryset=Government.objects.none())
    form, day = filterset.form, filterset.day
    try:
        government = selectors.registry_on(day).get(code=code)
    except Government.DoesNotExist as error:
        raise Http404(_("No government %(code)s in the registry.") % {"code": code}) from error
    protocols = [
        (Protocol.CARTAGENA, government.cartagena_membership, government.cartagena_party),
        (
            Protocol.SUPPLEMENTARY,
            government.supplementary_membership,
            government.supplementary_party,
        ),
    ]
    groupings = [
        (membership, membership.is_valid_on(day))
        for membership in selectors.government_groupings(government)
    ]
    return render(
        request,
        "parties/detail.html",
        {
            "form": form,
            "day": day,
            "government": government,
            "protocols": protocols,
            "groupings": groupings,
            "information_date": registry.INFORMATION_DATE,
        },
    )


# --- members of the groupings the Secretariat keeps -------------------------------------------


def _editable_grouping_or_404(request, code: str) -> Grouping:
    permissions.require_editor(request.user)
    return get_object_or_404(Grouping, code=code.lower(), secretariat_managed=True)


def grouping_members(request, code: str, *, add_form=None, status=200):
    """The members of a grouping the Secretariat keeps, each with its dates, to add, change and
    remove (Secretariat administrators)."""
    grouping = _editable_grouping_or_404(request, code)
    memberships = selectors.grouping_memberships(grouping)
    rows = [
        (
            m,
            MemberDatesForm(
                initial={f: getattr(m, f) for f in MemberDatesForm.base_fields},
                auto_id=f"id_member{m.pk}_%s",  # one form per member: ids must differ
            ),
        )
        for m in memberships
    ]
    return render(
        request,
        "parties/grouping_members.html",
        {
            "grouping": grouping,
            "rows": rows,
            "add_form": add_form or MemberAddForm(grouping=grouping),
        },
        status=status,
    )


@require_POST
def grouping_member_add(request, code: str):
    grouping = _editable_grouping_or_404(request, code)
    form = MemberAddForm(request.POST, grouping=grouping)
    if not form.is_valid():
        return grouping_members(request, code, add_form=form, status=400)
    try:
        membership = services.grouping_member_add(
            actor=request.user, grouping=grouping, request=request, **form.cleaned_data
        )
    except services.GroupingError as error:
        form.add_error(None, str(error))
        return grouping_members(request, code, add_form=form, status=400)
    messages.success(
        request,
        _("%(government)s is now in %(grouping)s.")
        % {"government": membership.government, "grouping": grouping},
    )
    return redirect(grouping.get_members_url())


@require_POST
def grouping_member_change(request, code: str, pk: int):
    grouping = _editable_grouping_or_404(request, code)
    membership = get_object_or_404(GroupingMembership, pk=pk, grouping=grouping)
    form = MemberDatesForm(request.POST)
    if not form.is_valid():
        problems = " ".join(error for errors in form.errors.values() for error in errors)
        messages.error(
            request,
            _("%(government)s: nothing saved. %(problems)s")
            % {"government": membership.government, "problems": problems},
        )
        return redirect(grouping.get_members_url())
    services.grouping_member_change(
        actor=request.user, membership=membership, request=request, **form.cleaned_data
    )
    messages.success(
        request,
        _("Saved the dates of %(government)s in %(grouping)s.")
        % {"government": membership.government, "grouping": grouping},
    )
    return redirect(grouping.get_members_url())


@require_POST
def grouping_member_remove(request, code: str, pk: int):
    grouping = _editable_grouping_or_404(request, code)
    membership = get_object_or_404(GroupingMembership, pk=pk, grouping=grouping)
    services.grouping_member_remove(actor=request.user, membership=membership, request=request)
    messages.success(
        request,
        _("%(government)s is no longer in %(grouping)s.")
        % {"government": membership.government, "grouping": grouping},
    )
    return redirect(grouping.get_members_url())
