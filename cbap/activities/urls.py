from django.urls import path, re_path

from cbap.activities import views
from cbap.activities.models import Listing

app_name = "activities"

FORMATS = r"(?P<fmt>csv|xlsx|json)"
ACTIVITY, RESOURCE = {"kind": Listing.Kind.ACTIVITY}, {"kind": Listing.Kind.RESOURCE}

urlpatterns = [
    path("", views.listing_list, ACTIVITY, name="list"),
    re_path(rf"^activities\.{FORMATS}$", views.listing_download, ACTIVITY, name="download"),
    path("map/", views.activity_map, name="map"),
    path("new/", views.record_create, ACTIVITY, name="create"),
    path("import/", views.import_upload, ACTIVITY, name="import"),
    path("imports/<id:pk>/", views.import_job, name="import_job"),
    path("<id:pk>/", views.activity_detail, name="detail"),
    path("<id:pk>/edit/", views.record_edit_page, ACTIVITY, name="edit"),
    path("library/", views.listing_list, RESOURCE, name="resources"),
    re_path(
        rf"^library/resources\.{FORMATS}$",
        views.listing_download,
        RESOURCE,
        name="resource_download",
    ),
    path("library/new/", views.record_create, RESOURCE, name="resource_create"),
    path("library/import/", views.import_upload, RESOURCE, name="resource_import"),
    path("library/<id:pk>/", views.resource_detail, name="resource"),
    path("library/<id:pk>/edit/", views.record_edit_page, RESOURCE, name="resource_edit"),
    path("library/<id:pk>/files/<id:file_id>/", views.resource_file, name="resource_file"),
]
