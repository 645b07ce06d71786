from django.urls import path, re_path

from cbap.plan import views

app_name = "plan"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("about/", views.about, name="about"),
    path("articles/", views.articles, name="articles"),
    path("articles/<id:number>/", views.article, name="article"),
    path("versions/", views.versions, name="versions"),
    path("search/", views.search, name="search"),
    re_path(r"^export\.(?P<fmt>json|csv|xlsx)$", views.download, name="download"),
    re_path(r"^indicators/(?P<code>[AB]\.\d+\.[a-z])/$", views.indicator, name="indicator"),
    re_path(r"^(?P<code>[AB]\.\d+(\.[a-z0-9]+)?)/$", views.element, name="element"),
]
