"""The Django admin, for Secretariat administrators only.

Roles are shown here but changed on the users pages (/accounts/users/) or with `cbap users`, so
that every change goes through `cbap.accounts.services` and into the audit trail.
"""

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import models
from django.urls import reverse

from cbap.accounts.models import ApiToken, Organization, RoleAssignment, User


def secretariat_admin_only(request) -> bool:
    """The Django admin is for Secretariat administrators only."""
    user = request.user
    return user.is_active and user.is_superuser


def login_through_accounts(request, extra_context=None):
    """The admin has no sign-in page of its own: the site's (audited, with lockout) is used."""
    if request.user.is_authenticated:
        raise PermissionDenied("The admin is for Secretariat administrators only.")
    return redirect_to_login(request.GET.get("next", reverse("admin:index")))


admin.site.login = login_through_accounts
admin.site.site_header = "cbap administration"


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
    verbose_name_plural = "roles (changed on /accounts/users/, where changes are audited)"


class TokenInline(ReadOnlyInline):
    model = ApiToken
    fields = ["name", "prefix", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = fields


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    list_display = ["email", "full_name", "is_active", "is_superuser", "locked_until"]
    list_filter = ["is_active", "is_superuser", "role_assignments__role"]
    search_fields = ["email", "full_name"]
    fields = ["email", "full_name", "is_active", "is_superuser", "is_staff", "last_login"]
    fields += ["date_joined", "failed_logins", "locked_until"]
    # Being a superuser is the Secretariat administrator role: given and taken as a role.
    readonly_fields = ["is_superuser", "is_staff", "last_login", "date_joined"]
    inlines = [RoleInline, TokenInline]


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "acronym", "kind", "country"]
    search_fields = ["name", "acronym"]
    list_filter = ["kind"]
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
