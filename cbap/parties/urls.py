from django.urls import path, re_path

from cbap.parties import views

app_name = "parties"

urlpatterns = [
    path("", views.party_list, name="list"),
    re_path(r"^export\.(?P<fmt>json|csv)$", views.download, name="download"),
    re_path(r"^(?P<code>[A-Za-z]{2,3})/$", views.detail, name="detail"),
]
