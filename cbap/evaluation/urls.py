from django.urls import path, re_path

from cbap.evaluation import views

app_name = "evaluation"

NAME = r"(?P<name>[a-z0-9][a-z0-9-]*)"
CODE = r"(?P<code>[AB]\.\d+\.[a-z])"
PARTY = r"(?P<party>[A-Z]{2,3})"

urlpatterns = [
    path("", views.snapshot_list, name="snapshots"),
    path("findings/", views.finding_list, name="findings"),
    path("findings/new/", views.finding_create, name="finding_create"),
    path("findings/<id:pk>/", views.finding_detail, name="finding"),
    path("findings/<id:pk>/edit/", views.finding_edit, name="finding_edit"),
    re_path(rf"^snapshots/{NAME}/$", views.snapshot_detail, name="snapshot"),
    re_path(rf"^snapshots/{NAME}/retry/$", views.snapshot_retry, name="snapshot_retry"),
    re_path(rf"^snapshots/{NAME}/compare/$", views.snapshot_compare, name="compare"),
    re_path(rf"^snapshots/{NAME}/report/$", views.snapshot_report, name="report"),
    re_path(
        rf"^snapshots/{NAME}/report\.(?P<fmt>xlsx|docx|pdf|html)$",
        views.snapshot_report_download,
        name="report_download",
    ),
    re_path(rf"^snapshots/{NAME}/profiles/$", views.snapshot_profiles, name="profiles"),
    re_path(rf"^snapshots/{NAME}/profiles/{PARTY}/$", views.snapshot_profile, name="profile"),
    re_path(
        rf"^snapshots/{NAME}/profiles/{PARTY}\.(?P<fmt>xlsx|docx|pdf|html)$",
        views.snapshot_report_download,
        name="profile_download",
    ),
    path("builds/", views.build_create, name="build_create"),
    path("builds/<id:pk>/", views.build_detail, name="build"),
    path("builds/<id:pk>/retry/", views.build_retry, name="build_retry"),
    path("builds/<id:pk>/file/", views.build_download, name="build_download"),
    re_path(rf"^snapshots/{NAME}/indicators/$", views.snapshot_indicators, name="indicators"),
    re_path(
        rf"^snapshots/{NAME}/indicators/export\.(?P<fmt>csv|xlsx|json)$",
        views.snapshot_indicators_download,
        name="indicators_download",
    ),
    re_path(rf"^snapshots/{NAME}/indicators/{CODE}/$", views.snapshot_indicator, name="indicator"),
]
