from django.urls import path

from topics.feeds import all_topics_feed, topic_feed
from topics.views import following, posting, reading, sharing

app_name = "topics"

urlpatterns = [
    path("topics/", reading.topic_list, name="list"),
    path("topics/feed/", all_topics_feed, name="feed-all"),
    path("topics/following/", following.subscriptions, name="subscriptions"),
    path("topics/unsubscribe/<str:token>/", following.unsubscribe, name="unsubscribe"),
    path("topics/posts/<int:pk>/", reading.post_link, name="post"),
    path("topics/posts/<int:pk>/edit/", posting.post_edit, name="post-edit"),
    path("topics/posts/<int:pk>/report/", posting.post_report, name="post-report"),
    path("topics/resources/<int:pk>/download/", sharing.resource_download, name="resource-download"),
    path("topics/meetings/<int:pk>/calendar.ics", sharing.meeting_ics, name="meeting-ics"),
    path("topics/<slug:slug>/", reading.topic_detail, name="detail"),
    path("topics/<slug:slug>/feed/", topic_feed, name="feed"),
    path("topics/<slug:slug>/calendar.ics", sharing.topic_calendar, name="calendar"),
    path("topics/<slug:slug>/follow/", following.topic_follow, name="topic-follow"),
    path("topics/<slug:slug>/threads/new/", posting.thread_create, name="thread-create"),
    path("topics/<slug:slug>/resources/", reading.resource_list, name="resources"),
    path("topics/<slug:slug>/resources/new/", sharing.resource_create, name="resource-create"),
    path("topics/<slug:slug>/threads/<int:pk>/", reading.thread_detail, name="thread"),
    path("topics/<slug:slug>/threads/<int:pk>/reply/", posting.reply, name="reply"),
    path("topics/<slug:slug>/threads/<int:pk>/follow/", following.thread_follow, name="thread-follow"),
]
