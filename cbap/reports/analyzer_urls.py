from django.urls import path, re_path

from cbap.reports import analyzer_views

app_name = "analyzer"

urlpatterns = [
    path("", analyzer_views.analyzer, name="index"),
    re_path(
        rf"^analysis\.(?P<fmt>{'|'.join(analyzer_views.DOWNLOADS)})$",
        analyzer_views.download,
        name="download",
    ),
]
