"""The topic areas: topics, their threads and posts, resources, meetings, subscriptions and reports."""

from topics.models.meetings import Meeting
from topics.models.moderation import Report
from topics.models.resources import Resource
from topics.models.subscriptions import MailPreference, Subscription
from topics.models.threads import Post, Thread
from topics.models.topic import Topic

__all__ = ["MailPreference", "Meeting", "Post", "Report", "Resource", "Subscription", "Thread", "Topic"]
