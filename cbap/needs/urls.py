from django.urls import path

from cbap.needs import views

app_name = "needs"

urlpatterns = [
    path("", views.assessment_list, name="list"),
    path("assessments/start/<str:code>/", views.assessment_start, name="assessment_start"),
    path("assessments/<id:pk>/", views.assessment_detail, name="assessment"),
    path("assessments/<id:pk>/edit/", views.assessment_edit, name="assessment_edit"),
]
