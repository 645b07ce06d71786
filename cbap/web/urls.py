from django.urls import path

from cbap.web import views

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path("my-work/", views.my_work, name="my_work"),
    path("accessibility/", views.accessibility, name="accessibility"),
]
