from django.urls import path, re_path

from cbap.parties import views

app_name = "parties"

urlpatterns = [
    path("", views.party_list, name="list"),
    re_path(r"^export\.(?P<fmt>json|csv)$", views.download, name="download"),
    re_path(r"^(?P<code>[A-Za-z]{2,3})/$", views.detail, name="detail"),
    path("groupings/<slug:code>/members/", views.grouping_members, name="grouping-members"),
    path(
        "groupings/<slug:code>/members/add/",
        views.grouping_member_add,
        name="grouping-member-add",
    ),
    path(
        "groupings/<slug:code>/members/<id:pk>/",
        views.grouping_member_change,
        name="grouping-member-change",
    ),
    path(
        "groupings/<slug:code>/members/<id:pk>/remove/",
        views.grouping_member_remove,
        name="grouping-member-remove",
    ),
]
