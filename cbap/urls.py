from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from cbap.accounts.admin import secretariat_admin_only
from cbap.core import views as core_views
from cbap.web import views as web_views

admin.site.has_permission = secretariat_admin_only
handler400 = "cbap.core.views.bad_request"
handler403 = "cbap.core.views.permission_denied"
handler404 = "cbap.core.views.not_found"

urlpatterns = [
    path("health/", core_views.health, name="health"),
    path("ready/", core_views.ready, name="ready"),
    path("language/<str:code>/", web_views.choose_language, name="choose_language"),
    path("api/v1/", include("cbap.api_urls")),
    path("admin/", admin.site.urls),
]
# The pages, in the reader's language: /fr/plan/, /es/plan/, and /plan/ in English.
urlpatterns += i18n_patterns(
    path("", include("cbap.web.urls")),
    path("plan/", include("cbap.plan.urls")),
    path("parties/", include("cbap.parties.urls")),
    path("accounts/", include("cbap.accounts.urls")),
    path("notifications/", include("cbap.notifications.urls")),
    path("records/audit/", include("cbap.audit.urls")),
    path("records/", include("cbap.records.urls")),
    path("contacts/", include("cbap.contacts.urls")),
    path("organizations/", include("cbap.organizations.urls")),
    path("activities/", include("cbap.activities.urls")),
    path("needs/", include("cbap.needs.urls")),
    path("entry/", include("cbap.reports.entry.urls")),
    path("analyzer/", include("cbap.analyzer.urls")),
    path("reports/", include("cbap.reports.urls")),
    path("indicators/", include("cbap.indicators.urls")),
    path("evaluation/", include("cbap.evaluation.urls")),
    path("search/", include("cbap.search.urls")),
    prefix_default_language=False,
)
