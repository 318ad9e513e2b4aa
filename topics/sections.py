"""The city profile's section of recent public posts written by the city's officers."""

from topics.models import Post

CITY_POSTS_SHOWN = 5


def city_recent_posts(city, user):
    posts = list(
        Post.objects.public()
        .filter(author_city=city)
        .select_related("thread", "thread__topic", "author", "author_city")
        .order_by("-created_at")[:CITY_POSTS_SHOWN]
    )
    return {"posts": posts} if posts else None
