from django.urls import path

from cbap.audit import views

app_name = "audit"

urlpatterns = [
    path("", views.audit_log, name="trail"),
    path("export.csv", views.audit_export, name="export"),
]
