from rest_framework.routers import SimpleRouter

from cbap.organizations.api import views

router = SimpleRouter()
router.register("organizations", views.OrganizationProfileViewSet, basename="organization")

urlpatterns = router.urls
