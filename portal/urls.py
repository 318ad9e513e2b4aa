from django.urls import path

from portal import views

app_name = "portal"

urlpatterns = [
    path("search/", views.search, name="search"),
    path("privacy/", views.privacy, name="privacy"),
]
