"""The per-person bits of the topic areas' cached pages (core.cache.pages): the follow buttons and the links on
each post (edit one's own, report another's). Each is captured once per page in every variant and filled in
per reader from what is remembered about them, by the rules in accounts.permissions."""

from types import SimpleNamespace

from django.template.loader import render_to_string
from django.urls import reverse

from accounts import permissions
from core.cache.pages import CSRF_SLOT, register_slot
from core.cache.store import remembered
from topics.models import Subscription, Thread


def followed(user) -> frozenset:
    """What USER follows, as ("topic", id) and ("thread", id) pairs; remembered until they follow or stop."""

    def compute():
        rows = Subscription.objects.filter(user=user).values_list("topic_id", "thread_id")
        return frozenset(("topic", topic_id) if topic_id else ("thread", thread_id) for topic_id, thread_id in rows)

    return remembered(f"follows:{user.pk}", compute, depends=[f"user:{user.pk}"])


def _capture_follow(target, context) -> dict:
    if isinstance(target, Thread):
        kind, action = "thread", reverse("topics:thread-follow", args=[target.topic.slug, target.pk])
    else:
        kind, action = "topic", reverse("topics:topic-follow", args=[target.slug])
    variants = {
        following: render_to_string(
            "topics/_follow_button.html",
            {"following": following, "target": target, "action": action, "csrf_token": CSRF_SLOT},
        )
        for following in (True, False)
    }
    return {"key": (kind, target.pk), "variants": variants}


def _fill_follow(request, data) -> str:
    return data["variants"][request.user.is_authenticated and data["key"] in followed(request.user)]


def _capture_post_actions(post, context) -> dict:
    links = {"post": post, "request": context.get("request")}
    return {
        "author_id": post.author_id,
        "is_hidden": post.is_hidden,
        "accepts_replies": post.thread.accepts_replies,
        "edit": render_to_string("topics/_post_edit_link.html", links),
        "report": render_to_string("topics/_post_report_link.html", links),
    }


def _fill_post_actions(request, data) -> str:
    post = SimpleNamespace(
        author_id=data["author_id"],
        is_hidden=data["is_hidden"],
        thread=SimpleNamespace(accepts_replies=data["accepts_replies"]),
    )
    links = []
    if permissions.can_edit_post(request.user, post):
        links.append(data["edit"])
    if permissions.can_report_post(request.user, post):
        links.append(data["report"])
    return "\n".join(links)


def register() -> None:
    register_slot("follow", capture=_capture_follow, fill=_fill_follow)
    register_slot("post-actions", capture=_capture_post_actions, fill=_fill_post_actions)
