from rest_framework.routers import SimpleRouter

from cbap.parties.api import views

router = SimpleRouter()
router.register("parties", views.GovernmentViewSet, basename="parties-government")
router.register("groupings", views.GroupingViewSet, basename="parties-grouping")

urlpatterns = router.urls
