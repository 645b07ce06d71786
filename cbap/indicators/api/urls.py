from django.urls import path, re_path

from cbap.indicators.api import views

urlpatterns = [
    path("indicators/", views.IndicatorValueList.as_view(), name="indicators-value-list"),
    re_path(
        # Any code, so that an unknown one gets the API's JSON 404, not the site's HTML one.
        r"^indicators/(?P<code>[^/]+)/$",
        views.IndicatorDetail.as_view(),
        name="indicators-detail",
    ),
]
