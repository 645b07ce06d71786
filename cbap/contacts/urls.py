from django.urls import path

from cbap.contacts import views

app_name = "contacts"

urlpatterns = [
    path("party/<str:code>/", views.party_contacts, name="party"),
    path("party/<str:code>/new/", views.contact_create, name="create"),
    path("<id:pk>/edit/", views.contact_edit, name="edit"),
]
