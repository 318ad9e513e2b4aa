from django.urls import path

from core import views

app_name = "core"

urlpatterns = [
    path("search/", views.search, name="search"),
    path("privacy/", views.privacy, name="privacy"),
    path("language/", views.switch_language, name="language"),
]
