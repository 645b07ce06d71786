from django.urls import path, re_path

from cbap.evaluation.api import views

NAME = r"(?P<name>[a-z0-9][a-z0-9-]*)"

urlpatterns = [
    path("snapshots/", views.SnapshotList.as_view(), name="snapshots-list"),
    re_path(
        rf"^snapshots/{NAME}/indicators/$",
        views.SnapshotValueList.as_view(),
        name="snapshots-indicators",
    ),
    re_path(
        rf"^snapshots/{NAME}/capacity/$",
        views.SnapshotCapacity.as_view(),
        name="snapshots-capacity",
    ),
    re_path(
        rf"^snapshots/{NAME}/indicators/(?P<code>[^/]+)/$",
        views.SnapshotIndicatorDetail.as_view(),
        name="snapshots-indicator",
    ),
]
