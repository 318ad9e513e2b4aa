from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render

from core.cache.pages import cached_page
from topics.forms import ReplyForm
from topics.models import Meeting, Post, Resource, Thread, Topic

THREADS_PER_PAGE = 25
POSTS_PER_PAGE = 50
RESOURCES_ON_TOPIC_PAGE = 10
RESOURCES_PER_PAGE = 25
CITIES_SHOWN = 24


@cached_page(audience="rights", depends=["topics", "activity"])
def topic_list(request):
    topics = Topic.objects.active().with_activity(request.user)
    return render(request, "topics/list.html", {"topics": topics})


@cached_page(audience="rights", depends=lambda request, slug: [f"topic:{slug}", "topics", "directory", "people"])
def topic_detail(request, slug):
    user = request.user
    topic = get_object_or_404(Topic.objects.active(), slug=slug)
    threads = (
        Thread.objects.readable_by(user).filter(topic=topic).listed().select_related("topic", "author", "author_city")
    )
    page = Paginator(threads, THREADS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "topic": topic,
        "page": page,
        "resources": Resource.objects.readable_by(user)
        .filter(topic=topic)
        .select_related("shared_by", "shared_by_city")[: RESOURCES_ON_TOPIC_PAGE + 1],
        "meetings": Meeting.objects.readable_by(user).filter(topic=topic).upcoming()[:5],
        # A sample of the cities; the directory filtered by the topic lists them all.
        "cities": list(
            topic.cities.members().only("slug", "name", "country").order_by("search_name")[: CITIES_SHOWN + 1]
        ),
        "cities_shown": CITIES_SHOWN,
    }
    return render(request, "topics/detail.html", context)


@cached_page(audience="rights", depends=lambda request, slug: [f"topic:{slug}", "topics", "people"])
def resource_list(request, slug):
    topic = get_object_or_404(Topic.objects.active(), slug=slug)
    resources = (
        Resource.objects.readable_by(request.user).filter(topic=topic).select_related("shared_by", "shared_by_city")
    )
    page = Paginator(resources, RESOURCES_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "topics/resources.html", {"topic": topic, "page": page})


@cached_page(audience="rights", depends=lambda request, slug, pk: [f"thread:{pk}", "topics", "people"])
def thread_detail(request, slug, pk):
    user = request.user
    thread = get_object_or_404(Thread.objects.readable_by(user).select_related("topic", "author", "author_city"), pk=pk)
    if thread.topic.slug != slug:  # moved to another topic since the link was made
        return redirect(thread, permanent=True)
    posts = Post.objects.readable_by(user).filter(thread=thread).select_related("author", "author_city")
    window = _keyset_window(posts, after=_int_param(request, "after"), before=_int_param(request, "before"))
    for post in window["posts"]:
        post.thread = thread  # the rights on each post ask about its thread: no query per post
    context = {
        "thread": thread,
        "topic": thread.topic,
        **window,
        "reply_form": ReplyForm(),
    }
    return render(request, "topics/thread.html", context)


def _int_param(request, name: str) -> int | None:
    value = request.GET.get(name, "")
    return int(value) if value.isdigit() and len(value) < 19 else None


def _keyset_window(posts, *, after: int | None, before: int | None) -> dict:
    """A window of POSTS_PER_PAGE posts by id, so the 5,000th reply costs what the first does."""
    if before is not None:
        rows = list(posts.filter(id__lt=before).order_by("-id")[: POSTS_PER_PAGE + 1])
        has_earlier = len(rows) > POSTS_PER_PAGE
        rows = rows[:POSTS_PER_PAGE][::-1]
        has_later = True
    else:
        rows = list(posts.filter(id__gt=after or 0).order_by("id")[: POSTS_PER_PAGE + 1])
        has_later = len(rows) > POSTS_PER_PAGE
        rows = rows[:POSTS_PER_PAGE]
        has_earlier = bool(after) and posts.filter(id__lte=after).exists()
    return {
        "posts": rows,
        "earlier_before": rows[0].pk if rows and has_earlier else None,
        "later_after": rows[-1].pk if rows and has_later else None,
        "paged": has_earlier or after is not None or before is not None,
    }


def post_link(request, pk):
    """A permanent link to one post: the thread page, starting at that post."""
    post = get_object_or_404(Post.objects.readable_by(request.user).select_related("thread__topic"), pk=pk)
    return redirect(f"{post.thread.get_absolute_url()}?after={post.pk - 1}#post-{post.pk}")
