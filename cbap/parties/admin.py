"""The registry in the admin: to read, mostly. Every change made here is audited.

Governments and their protocol memberships come from `cbap/parties/data/`, and `cbap setup` puts
them back as the files say: correct a file (with its source), not the admin, so they are read-only
here. Groupings are loaded from the files too; only the members of the groupings the Secretariat
keeps (economies in transition) may change, here or, better, on /parties/groupings/eit/members/.
"""

from django.contrib import admin

from cbap.audit.admin import AuditedAdmin
from cbap.parties.models import Government, Grouping, GroupingMembership, ProtocolMembership


class ReadOnlyAdminMixin:
    """Reference data loaded from the repository: shown, never changed in the admin."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ProtocolMembershipInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = ProtocolMembership
    extra = 0


@admin.register(Government)
class GovernmentAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["name", "code", "iso2", "m49", "kind"]
    list_filter = ["kind", "memberships__protocol"]
    search_fields = ["name", "code", "iso2"]
    inlines = [ProtocolMembershipInline]


class GroupingMembershipInline(admin.TabularInline):
    """Editable for the groupings the Secretariat keeps only (the grouping is `obj`)."""

    model = GroupingMembership
    extra = 1
    autocomplete_fields = ["government"]

    def _kept_by_secretariat(self, obj) -> bool:
        return obj is not None and obj.secretariat_managed

    def has_add_permission(self, request, obj=None) -> bool:
        return self._kept_by_secretariat(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None) -> bool:
        return self._kept_by_secretariat(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return self._kept_by_secretariat(obj) and super().has_delete_permission(request, obj)


@admin.register(Grouping)
class GroupingAdmin(AuditedAdmin):
    list_display = ["name", "code", "kind", "secretariat_managed"]
    list_filter = ["kind", "secretariat_managed"]
    readonly_fields = [
        "code",
        "name",
        "kind",
        "description",
        "source",
        "position",
        "secretariat_managed",
    ]
    inlines = [GroupingMembershipInline]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
