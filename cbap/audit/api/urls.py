from django.urls import path

from cbap.audit.api import views

urlpatterns = [
    path("audit/", views.AuditEntryList.as_view(), name="audit-list"),
]
