from django.urls import path

from projects.feeds import new_projects_feed
from projects.views import calls, partners, projects

app_name = "projects"

urlpatterns = [
    path("projects/", projects.project_list, name="list"),
    path("projects/new/", projects.project_propose, name="propose"),
    path("projects/feed/", new_projects_feed, name="feed"),
    path("projects/export.csv", projects.export_csv, name="export-csv"),
    path("projects/export.geojson", projects.export_geojson, name="export-geojson"),
    path("projects/<slug:slug>/", projects.project_detail, name="detail"),
    path("projects/<slug:slug>/edit/", projects.project_edit, name="edit"),
    path("projects/<slug:slug>/after-the-end/new/", projects.after_end_new, name="after-end-new"),
    path("projects/<slug:slug>/join/", projects.project_join, name="join"),
    path("calls/", calls.call_list, name="calls"),
    path("calls/new/", calls.call_new, name="call-new"),
    path("calls/following/", calls.following, name="following"),
    path("calls/export.csv", calls.export_csv, name="calls-export-csv"),
    path("calls/calendar.ics", calls.open_calls_calendar, name="calls-calendar"),
    path("calls/programmes/<str:programme>/follow/", calls.programme_follow, name="programme-follow"),
    path("calls/<slug:slug>/", calls.call_detail, name="call"),
    path("calls/<slug:slug>/calendar.ics", calls.call_ics, name="call-ics"),
    path("calls/<slug:slug>/follow/", calls.call_follow, name="call-follow"),
    path("partners/", partners.request_list, name="partner-requests"),
    path("partners/new/", partners.request_new, name="partner-request-new"),
    path("partners/<int:pk>/", partners.request_detail, name="partner-request"),
    path("partners/<int:pk>/interest/", partners.interest_new, name="interest-new"),
    path("partners/<int:pk>/filled/", partners.request_fill, name="partner-request-fill"),
    path("partners/<int:pk>/withdrawn/", partners.request_withdraw, name="partner-request-withdraw"),
]
