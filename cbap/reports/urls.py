from django.urls import path, re_path

from cbap.reports import views

app_name = "reports"

CYCLE_FORMATS = "|".join(views.CYCLE_DOWNLOADS)
REPORT_FORMATS = "|".join(views.REPORT_DOWNLOADS)

urlpatterns = [
    path("", views.index, name="index"),
    path("import/", views.import_upload, name="import"),
    path("import/<id:pk>/", views.import_job, name="import_job"),
    path("<id:cycle>/", views.report_list, name="list"),
    re_path(
        rf"^(?P<cycle>\d+)/export\.(?P<fmt>{CYCLE_FORMATS})$",
        views.cycle_download,
        name="download",
    ),
    re_path(
        r"^(?P<cycle>\d+)/submitted-by-the-deadline\.(?P<fmt>csv|json)$",
        views.timeliness_download,
        name="timeliness",
    ),
    path("<id:cycle>/<str:code>/", views.report_detail, name="detail"),
    path("<id:cycle>/<str:code>/workbook.xlsx", views.workbook, name="workbook"),
    path("<id:cycle>/<str:code>/queries/", views.query_ask, name="query_ask"),
    path("<id:cycle>/<str:code>/queries/<id:pk>/", views.query_answer, name="query_answer"),
    re_path(
        rf"^(?P<cycle>\d+)/(?P<code>[A-Za-z]{{2,3}})/export\.(?P<fmt>{REPORT_FORMATS})$",
        views.report_download,
        name="report_download",
    ),
]
