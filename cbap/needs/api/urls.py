from rest_framework.routers import SimpleRouter

from cbap.needs.api import views

router = SimpleRouter()
router.register("self-assessments", views.SelfAssessmentViewSet, basename="self-assessment")
router.register("offers", views.OfferViewSet, basename="offer")
router.register("support-requests", views.SupportRequestViewSet, basename="support-request")

urlpatterns = router.urls
