from rest_framework.routers import SimpleRouter

from cbap.activities.api import views

router = SimpleRouter()
router.register("activities", views.ActivityViewSet, basename="activity")
router.register("resources", views.ResourceViewSet, basename="resource")

urlpatterns = router.urls
