"""The Secretariat fills in the economies in transition here, which no source lists.

Everything else comes from `cbap/parties/data/` and `cbap setup` puts it back as the files say:
correct a file (with its source), not the admin. Members of the EIT grouping are never touched.
"""

from django.contrib import admin

from cbap.parties.models import Government, Grouping, GroupingMembership, ProtocolMembership


class ProtocolMembershipInline(admin.TabularInline):
    model = ProtocolMembership
    extra = 0


@admin.register(Government)
class GovernmentAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "iso2", "m49", "kind"]
    list_filter = ["kind", "memberships__protocol"]
    search_fields = ["name", "code", "iso2"]
    inlines = [ProtocolMembershipInline]


class GroupingMembershipInline(admin.TabularInline):
    model = GroupingMembership
    extra = 1
    autocomplete_fields = ["government"]


@admin.register(Grouping)
class GroupingAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind"]
    list_filter = ["kind"]
    inlines = [GroupingMembershipInline]
