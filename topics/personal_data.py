"""The topics' part of "download my data". Posts stay after an account is deleted (author set to null)."""


def posts(user) -> list[dict]:
    from topics.models import Post

    return list(
        Post.objects.filter(author=user)
        .order_by("pk")
        .values("id", "thread_id", "thread__title", "body", "is_first", "is_hidden", "created_at", "edited_at")
    )


def resources(user) -> list[dict]:
    from topics.models import Resource

    return list(
        Resource.objects.filter(shared_by=user)
        .order_by("pk")
        .values("id", "topic__slug", "kind", "title", "description", "url", "file", "created_at")
    )


def subscriptions(user) -> dict:
    from topics.models import MailPreference, Subscription

    preference = MailPreference.objects.filter(user=user).values_list("delivery", flat=True).first()
    return {
        "delivery": preference or MailPreference.Delivery.EACH,
        "following": list(
            Subscription.objects.filter(user=user).order_by("pk").values("topic__slug", "thread_id", "created_at")
        ),
    }


def reports(user) -> list[dict]:
    from topics.models import Report

    return list(Report.objects.filter(reporter=user).order_by("pk").values("post_id", "reason", "status", "created_at"))
