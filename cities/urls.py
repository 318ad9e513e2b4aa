from django.urls import path

from cities import views

app_name = "cities"

urlpatterns = [
    path("cities/", views.directory, name="directory"),
    path("cities/map/", views.city_map, name="map"),
    path("cities/export.csv", views.export_csv, name="export-csv"),
    path("cities/export.geojson", views.export_geojson, name="export-geojson"),
    path("cities/<slug:slug>/", views.profile, name="profile"),
    path("cities/<slug:slug>/plan/", views.plan_edit, name="plan"),
    path("cities/applications/<int:pk>/document/", views.application_document, name="application-document"),
    path("join/", views.join, name="join"),
    path("join/thanks/", views.join_thanks, name="join-thanks"),
]
