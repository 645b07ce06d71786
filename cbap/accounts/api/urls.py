from django.urls import path

from cbap.accounts.api import views

urlpatterns = [
    path("me/", views.MeView.as_view(), name="api-me"),
    path("me/tokens/", views.TokenListView.as_view(), name="api-me-token-list"),
    path("me/tokens/<id:pk>/", views.TokenDetailView.as_view(), name="api-me-token-detail"),
]
