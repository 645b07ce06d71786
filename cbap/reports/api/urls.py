from django.urls import path
from rest_framework.routers import SimpleRouter

from cbap.reports.api import views

router = SimpleRouter()
router.register("cycles", views.CycleViewSet, basename="reports-cycle")
router.register("reports", views.ReportViewSet, basename="reports-report")

urlpatterns = [
    path(
        "cycles/<id:number>/questions/",
        views.QuestionList.as_view(),
        name="reports-cycle-questions",
    ),
    *router.urls,
]
