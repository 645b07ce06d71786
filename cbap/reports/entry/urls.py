"""Entering a national report: /entry/<cycle>/<Party code>/ and its sections."""

from django.urls import path

from cbap.reports.entry import views

app_name = "entry"

urlpatterns = [
    path("<id:cycle>/<str:code>/", views.overview, name="overview"),
    path("<id:cycle>/<str:code>/print/", views.print_report, name="print"),
    path("<id:cycle>/<str:code>/submit/", views.transition, {"action": "submit"}, name="submit"),
    path("<id:cycle>/<str:code>/publish/", views.publish, name="publish"),
    path("<id:cycle>/<str:code>/changes/", views.changes, name="changes"),
    path("<id:cycle>/<str:code>/<str:section_key>/", views.section, name="section"),
]
