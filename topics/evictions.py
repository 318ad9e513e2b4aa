"""What a change in the topic areas evicts.

A post: its thread, its topic's page, the lists and feeds of activity (topic list, all-topics feed, search) and
its author's city profile (recent posts). A thread: the same, and, unless only its counters moved (a reply), the
profiles of every city whose officers posted in it (their recent posts show its title, topic and visibility).
Following, mail preferences and reports are private: they evict only what is remembered about the person.
"""

from core.cache import evictions
from topics.models import MailPreference, Meeting, Post, Report, Resource, Subscription, Thread, Topic

COUNTERS = {"reply_count", "last_activity_at"}


def _topic_slug(topic_id) -> str:
    return Topic.objects.filter(pk=topic_id).values_list("slug", flat=True).first() or ""


def _thread(thread, fields) -> list[str]:
    names = ["activity", f"topic:{_topic_slug(thread.topic_id)}", f"thread:{thread.pk}"]
    if fields is None or not set(fields) <= COUNTERS:
        posted = Post.objects.filter(thread_id=thread.pk, author_city__isnull=False).order_by()
        names += [f"city:{slug}" for slug in posted.values_list("author_city__slug", flat=True).distinct()]
    return names


def _post(post, fields) -> list[str]:
    topic = Thread.objects.filter(pk=post.thread_id).values_list("topic__slug", flat=True).first()
    names = ["activity", f"thread:{post.thread_id}", f"topic:{topic}"]
    if post.author_city_id:
        names.append(f"city:{post.author_city.slug}")
    return names


def _in_topic(row, fields) -> list[str]:
    return ["activity", f"topic:{_topic_slug(row.topic_id)}"]


def register() -> None:
    evictions.register(Topic, lambda topic, fields: ["topics"])
    evictions.register(Thread, _thread)
    evictions.register(Post, _post)
    evictions.register(Resource, _in_topic)
    evictions.register(Meeting, _in_topic)
    evictions.register(Subscription, lambda subscription, fields: [f"user:{subscription.user_id}"])
    evictions.register(MailPreference, evictions.nothing)
    evictions.register(Report, evictions.nothing)
