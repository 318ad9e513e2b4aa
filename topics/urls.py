from django.urls import path

from topics import views

app_name = "topics"

urlpatterns = [
    path("topics/", views.topic_list, name="list"),
    path("topics/<slug:slug>/", views.topic_detail, name="detail"),
]
