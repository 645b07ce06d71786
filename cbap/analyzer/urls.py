from django.urls import path, re_path

from cbap.analyzer import views

app_name = "analyzer"

urlpatterns = [
    path("", views.analyzer, name="index"),
    re_path(
        rf"^analysis\.(?P<fmt>{'|'.join(views.DOWNLOADS)})$",
        views.download,
        name="download",
    ),
]
