"""Signed unsubscribe links: they work without logging in and cannot be forged or altered."""

from django.core import signing

SALT = "topics.unsubscribe"
MAX_AGE = 60 * 60 * 24 * 400  # a digest kept for a year still unsubscribes


def unsubscribe_token(user, subscription=None) -> str:
    """For one subscription, or for everything the user follows when subscription is None."""
    return signing.dumps({"u": user.pk, "s": subscription.pk if subscription else None}, salt=SALT)


def read_unsubscribe_token(token: str) -> dict | None:
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        return None
    if data.get("s") is not None and not isinstance(data["s"], int):
        return None
    return data
