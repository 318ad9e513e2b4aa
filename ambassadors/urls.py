from django.urls import path

from ambassadors import views

app_name = "ambassadors"

urlpatterns = [
    path("ambassadors/", views.wall, name="wall"),
    path("ambassadors/declaration/", views.declaration, name="declaration"),
]
