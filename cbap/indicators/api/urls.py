from django.urls import path, re_path

from cbap.indicators.api import views

urlpatterns = [
    path("indicators/", views.IndicatorValueList.as_view(), name="indicators-value-list"),
    re_path(
        r"^indicators/(?P<code>[AB]\.\d+\.[a-z])/$",
        views.IndicatorDetail.as_view(),
        name="indicators-detail",
    ),
]
