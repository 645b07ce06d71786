"""Web pages of organization profiles: the list, one profile, and the create and edit forms.

Saving an edit (a stale save gets the merged form), the workflow steps, the history and deleting
a never-published draft are the generic record pages' (`cbap.records.views`): organization editors
submit, the Secretariat publishes.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from cbap.accounts.models import Organization
from cbap.organizations import selectors as profile_selectors
from cbap.organizations.forms import ProfileCreateForm, ProfileEditForm
from cbap.organizations.models import OrganizationProfile
from cbap.records import selectors, services
from cbap.records.views import record_edit


def profile_list(request):
    views = profile_selectors.profile_views(request.user)
    return render(
        request,
        "organizations/list.html",
        {
            "views": views,
            "without_profile": profile_selectors.organizations_without_profile(request.user),
            "here": request.get_full_path(),
        },
    )


def _profile_or_404(request, pk: int) -> OrganizationProfile:
    profile = get_object_or_404(
        OrganizationProfile.objects.select_related("owner_organization"), pk=pk
    )
    if not selectors.can_read(request.user, profile):
        raise Http404(_("No such organization profile."))
    return profile


def profile_detail(request, pk: int):
    [view] = profile_selectors.with_country_names(
        [selectors.record_view(request.user, _profile_or_404(request, pk))]
    )
    return render(
        request,
        "organizations/detail.html",
        {"view": view, "organization": view.record.owner_organization, "here": request.path},
    )


def profile_create(request):
    organizations = profile_selectors.organizations_without_profile(request.user)
    if not organizations:
        if not request.user.is_authenticated:
            raise PermissionDenied(_("Please sign in to write an organization's profile."))
        raise PermissionDenied(
            _(
                "You write for no organization without a profile (organization editors write "
                "their own organization's; each organization has one)."
            )
        )
    choices = Organization.objects.filter(pk__in=[o.pk for o in organizations])
    chosen = _chosen(request, organizations)
    form = ProfileCreateForm(
        request.POST if request.method == "POST" else None,
        organizations=choices,
        initial=_from_organization(chosen),
    )
    if request.method == "POST" and form.is_valid():
        try:
            profile = services.record_create(
                model=OrganizationProfile,
                actor=request.user,
                data=form.content(),
                owner_organization=form.cleaned_data["organization"],
                request=request,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Saved as a draft: “%(profile)s”. Submit it when ready.") % {"profile": profile},
            )
            return redirect(profile.get_absolute_url())
    return render(
        request, "organizations/form.html", {"form": form}, status=400 if form.errors else 200
    )


def profile_edit(request, pk: int):
    profile = _profile_or_404(request, pk)
    return record_edit(
        request,
        profile,
        form_class=ProfileEditForm,
        template_name="organizations/form.html",
        context={"profile": profile},
    )


def _chosen(request, organizations: list[Organization]) -> Organization | None:
    """The organization asked for with `?organization=<id>`, or the only one there is."""
    if len(organizations) == 1:
        return organizations[0]
    wanted = request.GET.get("organization", "")
    return next((o for o in organizations if str(o.pk) == wanted), None)


def _from_organization(organization: Organization | None) -> dict:
    """A new profile starts from what the Secretariat recorded about the organization."""
    if organization is None:
        return {}
    return {
        "organization": organization.pk,
        "name": organization.name,
        "acronym": organization.acronym,
        "organization_type": organization.kind,
        "country": organization.country.code if organization.country else "",
        "websites": [organization.website] if organization.website else [],
    }
