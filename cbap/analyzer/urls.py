from django.urls import path, re_path

from cbap.analyzer import views

app_name = "analyzer"

urlpatterns = [
    path("", views.analyzer, name="index"),
    path("answers/", views.answers, name="answers"),
    re_path(r"^answers\.(?P<fmt>csv|xlsx|json)$", views.answers_download, name="answers_download"),
    re_path(
        rf"^analysis\.(?P<fmt>{'|'.join(views.DOWNLOADS)})$",
        views.download,
        name="download",
    ),
]
