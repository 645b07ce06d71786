"""The Django admin, for Secretariat administrators only; every change made in it is audited.

Roles and whether an account is active are shown here but changed on the users pages
(/accounts/users/) or with `cbap users`, so that every such change goes through
`cbap.accounts.services` (the last-administrator guard included) and into the audit trail.
Accounts are deactivated, never deleted: they keep their history.
"""

from django.contrib import admin
from django.contrib.auth.models import Group
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import models
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cbap.accounts.models import ApiToken, Organization, RoleAssignment, User
from cbap.audit.admin import AuditedAdmin


def secretariat_admin_only(request) -> bool:
    """The Django admin is for Secretariat administrators only."""
    user = request.user
    return user.is_active and user.is_superuser


def login_through_accounts(request, extra_context=None):
    """The admin has no sign-in page of its own: the site's (audited, with lockout) is used."""
    if request.user.is_authenticated:
        raise PermissionDenied(_("The admin is for Secretariat administrators only."))
    return redirect_to_login(request.GET.get("next", reverse("admin:index")))


admin.site.login = login_through_accounts
admin.site.site_header = gettext_lazy("cbap administration")
# Permissions come from roles (`cbap.accounts.permissions`), never from Django's groups.
admin.site.unregister(Group)


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class RoleInline(ReadOnlyInline):
    model = RoleAssignment
    fk_name = "user"
    fields = ["role", "party", "organization", "granted_by", "granted_at"]
    readonly_fields = fields
    verbose_name_plural = gettext_lazy(
        "roles (changed on /accounts/users/, where changes are audited)"
    )


class TokenInline(ReadOnlyInline):
    model = ApiToken
    fields = ["name", "prefix", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = fields


@admin.register(User)
class UserAdmin(AuditedAdmin):
    list_display = ["email", "full_name", "is_active", "is_superuser"]
    list_filter = ["is_active", "is_superuser", "role_assignments__role"]
    search_fields = ["email", "full_name"]
    fields = ["email", "full_name", "manage", "is_active", "is_superuser", "is_staff"]
    fields += ["last_login", "date_joined"]
    # Being a superuser is the Secretariat administrator role: given and taken as a role; being
    # active is changed on /accounts/users/, where the last administrator cannot be deactivated.
    readonly_fields = ["manage", "is_active", "is_superuser", "is_staff", "last_login"]
    readonly_fields += ["date_joined"]
    inlines = [RoleInline, TokenInline]

    @admin.display(description=gettext_lazy("Roles and activation"))
    def manage(self, obj: User) -> str:
        if obj.pk is None:
            return "–"
        url = reverse("accounts:user", args=[obj.pk])
        return format_html(_('<a href="{}">Change them on the users page</a> (audited)'), url)

    def has_add_permission(self, request) -> bool:
        return False  # on /accounts/users/add/ or with `cbap users create`, with a first role

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # deactivate instead: the account keeps its history


@admin.register(Organization)
class OrganizationAdmin(AuditedAdmin):
    list_display = ["name", "acronym", "kind", "country", "is_demo"]
    search_fields = ["name", "acronym"]
    list_filter = ["kind", "is_demo"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "prefix", "created_at", "last_used_at", "revoked_at"]
    search_fields = ["name", "user__email", "prefix"]
    readonly_fields = ["user", "prefix", "created_at", "last_used_at", "revoked_at"]

    def has_add_permission(self, request) -> bool:
        return False  # issued on /accounts/me/ or with `cbap users token`, key shown once

    def has_change_permission(self, request, obj=None) -> bool:
        return False  # revoked on /accounts/me/ or by its owner through the API (audited)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
