"""The JSON API, version 1: each app contributes its routes; the schema documents them all."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("plan/", include("cbap.plan.api.urls")),
    path("", include("cbap.parties.api.urls")),
    path("", include("cbap.accounts.api.urls")),
    path("", include("cbap.records.api.urls")),
    path("", include("cbap.contacts.api.urls")),
    path("", include("cbap.reports.api.urls")),
    path("", include("cbap.indicators.api.urls")),
]
