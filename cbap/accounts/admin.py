from django.contrib import admin

from cbap.accounts.models import ApiToken, User


def secretariat_admin_only(request) -> bool:
    """The Django admin is for Secretariat administrators only."""
    user = request.user
    return user.is_active and user.is_superuser


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    list_display = ["email", "full_name", "is_active", "locked_until"]
    search_fields = ["email", "full_name"]
    exclude = ["password"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "prefix", "created_at", "revoked_at"]
