"""The JSON API, version 1: each app contributes its routes; the schema documents them all."""

from django.conf import settings
from django.urls import include, path
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView


class ApiDocsView(SpectacularSwaggerSplitView):
    """Swagger UI from local assets; its page carries one inline <style>, allowed here only."""

    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        response.headers["Content-Security-Policy"] = settings.CONTENT_SECURITY_POLICY.replace(
            "style-src 'self'", "style-src 'self' 'unsafe-inline'"
        )
        return response


urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", ApiDocsView.as_view(url_name="api-schema"), name="api-docs"),
    path("plan/", include("cbap.plan.api.urls")),
    path("", include("cbap.parties.api.urls")),
    path("", include("cbap.accounts.api.urls")),
    path("", include("cbap.audit.api.urls")),
    path("", include("cbap.contacts.api.urls")),
    path("", include("cbap.organizations.api.urls")),
    path("", include("cbap.activities.api.urls")),
    path("", include("cbap.needs.api.urls")),
    path("analyzer/", include("cbap.analyzer.api.urls")),
    path("", include("cbap.reports.api.urls")),
    path("", include("cbap.indicators.api.urls")),
    path("", include("cbap.evaluation.api.urls")),
]
