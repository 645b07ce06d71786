from django.urls import path, re_path

from cbap.needs import views

app_name = "needs"

urlpatterns = [
    path("", views.assessment_list, name="list"),
    path("gaps/", views.gap_page, name="gaps"),
    path("gaps/priorities.json", views.priorities_download, name="priorities_download"),
    re_path(r"^gaps\.(?P<fmt>csv|xlsx|json)$", views.gap_download, name="gaps_download"),
    path("assessments/start/<str:code>/", views.assessment_start, name="assessment_start"),
    path("assessments/<id:pk>/", views.assessment_detail, name="assessment"),
    path("assessments/<id:pk>/edit/", views.assessment_edit, name="assessment_edit"),
    path("assessments/<id:pk>/workbook/", views.assessment_workbook, name="assessment_workbook"),
    path("assessments/<id:pk>/upload/", views.assessment_upload, name="assessment_upload"),
    path("offers/", views.offer_list, name="offers"),
    re_path(r"^offers\.(?P<fmt>csv|xlsx|json)$", views.offers_download, name="offers_download"),
    path("offers/new/", views.offer_create, name="offer_create"),
    path("offers/<id:pk>/", views.offer_detail, name="offer"),
    path("offers/<id:pk>/edit/", views.offer_edit, name="offer_edit"),
    path("requests/", views.request_list, name="requests"),
    path("requests/new/", views.request_create, name="request_create"),
    path("requests/<id:pk>/", views.request_detail, name="request"),
    path("requests/<id:pk>/edit/", views.request_edit, name="request_edit"),
    path("declarations/", views.declaration_list, name="declarations"),
    path("declarations/<id:pk>/", views.declaration_detail, name="declaration"),
    path("matches/", views.my_matches, name="matches"),
    path("matches/propose/", views.match_propose, name="match_propose"),
    path("matches/<id:pk>/", views.match_detail, name="match"),
    path("matches/<id:pk>/<str:step>/", views.match_step, name="match_step"),
]
