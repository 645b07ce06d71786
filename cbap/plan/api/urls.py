from django.urls import path, re_path
from rest_framework.routers import SimpleRouter

from cbap.plan.api import views

router = SimpleRouter()
router.register("goals", views.GoalViewSet, basename="plan-goal")
router.register("indicators", views.IndicatorViewSet, basename="plan-indicator")
router.register("narrative", views.NarrativeViewSet, basename="plan-narrative")

urlpatterns = [
    path("", views.PlanView.as_view(), name="plan-root"),
    path("versions/", views.PlanVersionList.as_view(), name="plan-version-list"),
    # Version codes contain "/" (CP-10/4): the `path` converter takes the code whole.
    path("versions/<path:code>/", views.PlanVersionDetail.as_view(), name="plan-version-detail"),
    path("elements/", views.ElementList.as_view(), name="plan-element-list"),
    re_path(
        rf"^elements/(?P<code>{views.CODE_PATTERN})/$",
        views.ElementDetail.as_view(),
        name="plan-element-detail",
    ),
    path("vocabularies/", views.VocabularyView.as_view(), name="plan-vocabularies"),
    path("priorities/", views.PriorityList.as_view(), name="plan-priorities"),
    path("articles/", views.ArticleList.as_view(), name="plan-articles"),
    *router.urls,
]
