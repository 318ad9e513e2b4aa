from django.urls import path

from core import views

app_name = "core"

urlpatterns = [
    path("language/<str:code>/", views.switch_language, name="language"),
]
