from rest_framework.routers import SimpleRouter

from cbap.plan.api import views

router = SimpleRouter()
router.register("versions", views.PlanVersionViewSet, basename="plan-version")
router.register("goals", views.GoalViewSet, basename="plan-goal")
router.register("indicators", views.IndicatorViewSet, basename="plan-indicator")
router.register("narrative", views.NarrativeViewSet, basename="plan-narrative")

urlpatterns = router.urls
