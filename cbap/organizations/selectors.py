"""Reading organization profiles as a given person sees them (see `records.selectors`)."""

from __future__ import annotations

from cbap.accounts import permissions
from cbap.accounts.models import Organization
from cbap.organizations.models import OrganizationProfile
from cbap.parties.models import Government
from cbap.records.selectors import RecordView, record_views


def profile_views(
    user, profiles=None, *, status: str = "", country: str = "", ids=None
) -> list[RecordView]:
    """The profiles the person may read, as they see them, by name. `profiles` (default: all) is
    narrowed to those the person may read; `status` and `country` (a code) filter on what the
    person sees (the public sees published contents only)."""
    if profiles is None:
        profiles = OrganizationProfile.objects.all()
    profiles = permissions.visible_records(user, profiles.select_related("owner_organization"))
    if ids is not None:
        profiles = profiles.filter(pk__in=ids)
    views = [
        view
        for view in record_views(user, profiles)
        if (not status or view.status == status) and (not country or view.country == country)
    ]
    views.sort(key=lambda view: (view.content.get("name") or "").casefold())
    return with_country_names(views)


def with_country_names(views: list[RecordView]) -> list[RecordView]:
    """Give each view `country_name`, the name of the government its `country` code names
    (the code itself if the registry has none), in one query."""
    codes = {view.content.get("country") for view in views} - {None, ""}
    names = dict(Government.objects.filter(code__in=codes).values_list("code", "name"))
    for view in views:
        code = view.content.get("country") or ""
        view.country_name = names.get(code, code)
    return views


def organizations_without_profile(user) -> list[Organization]:
    """The organizations whose profile the person may create and that have none yet."""
    if not getattr(user, "is_authenticated", False):
        return []
    candidates = Organization.objects.filter(profile__isnull=True).order_by("name")
    return [
        organization
        for organization in candidates
        if permissions.can(user, permissions.Action.CREATE, organization=organization)
    ]
