from django.urls import path

from cbap.analyzer.api import views

urlpatterns = [path("", views.AnalyzerView.as_view(), name="reports-analyzer")]
