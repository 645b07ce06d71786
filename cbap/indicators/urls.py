from django.urls import path, re_path

from cbap.indicators import views

app_name = "indicators"

CODE = r"(?P<code>[AB]\.\d+\.[a-z])"
FORMATS = r"(?P<fmt>csv|xlsx|json)"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    re_path(rf"^export\.{FORMATS}$", views.dashboard_download, name="download"),
    re_path(rf"^{CODE}/$", views.detail, name="detail"),
    re_path(rf"^{CODE}/export\.{FORMATS}$", views.detail_download, name="detail_download"),
]
