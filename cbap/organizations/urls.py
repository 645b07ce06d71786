from django.urls import path

from cbap.organizations import views

app_name = "organizations"

urlpatterns = [
    path("", views.profile_list, name="list"),
    path("new/", views.profile_create, name="create"),
    path("<id:pk>/", views.profile_detail, name="detail"),
    path("<id:pk>/edit/", views.profile_edit, name="edit"),
]
