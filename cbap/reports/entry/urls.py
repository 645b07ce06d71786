"""Entering a national report: /entry/<cycle>/<Party code>/ and its sections."""

from django.urls import path

from cbap.reports.entry import views

app_name = "entry"

urlpatterns = [
    path("<int:cycle>/<str:code>/", views.overview, name="overview"),
    path("<int:cycle>/<str:code>/print/", views.print_report, name="print"),
    path("<int:cycle>/<str:code>/submit/", views.transition, {"action": "submit"}, name="submit"),
    path(
        "<int:cycle>/<str:code>/publish/", views.transition, {"action": "publish"}, name="publish"
    ),
    path("<int:cycle>/<str:code>/<str:section_key>/", views.section, name="section"),
]
