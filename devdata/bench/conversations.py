"""Benchmark data: 50,000 threads and 200,000 posts spread unevenly, one thread of 5,000 replies, 20 meetings a
topic. Bulk inserts: each post's HTML comes from Post.derive_fields() and the threads' counters from
Thread.objects.recount(), the code the portal itself uses."""

import datetime
import random

from django.utils import timezone

from accounts.models import Affiliation
from devdata.factories import MeetingFactory, PostFactory, ThreadFactory
from topics.models import Meeting, Post, Thread, Topic

THREADS = 50_000
POSTS = 200_000
BIG_THREAD_REPLIES = 5_000
MEETINGS_PER_TOPIC = 20
BIG_THREAD_TITLE = "Benchmark: the longest conversation on parking policy"
BATCH = 5_000
WORDS = [
    *("mobility", "parking", "cycling", "bus", "tram", "tender", "data", "sharing", "pilot", "region"),
    *("operator", "subsidy", "sump", "emissions", "health", "walking", "school", "street", "traffic"),
    *("calming", "carpool", "micromobility", "ticketing", "procurement", "funding", "horizon", "interreg"),
    *("project", "consortium", "evaluation", "survey", "residents", "council", "budget"),
]


def _body(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(20, 60))).capitalize() + "."


def _reply_counts(rng: random.Random, threads: int, posts: int, big_replies: int) -> list[int]:
    """Replies per thread with a long tail; the first thread is the big one."""
    replies = [0] * threads
    replies[0] = big_replies
    for _ in range(posts - threads - big_replies):
        replies[min(int(rng.paretovariate(1.2)), threads - 1)] += 1
    return replies


def _threads(rng: random.Random, authors: list, topics: list[Topic], replies: list[int], progress) -> list[Thread]:
    now = timezone.now()
    weights = [2 ** (len(topics) - index) for index in range(len(topics))]  # a few topics hold most threads
    threads = []
    for n in range(len(replies)):
        author = rng.choice(authors)
        created = now - datetime.timedelta(minutes=n * 7 + rng.randint(0, 6))
        threads.append(
            ThreadFactory.build(
                topic=rng.choices(topics, weights)[0],
                title=BIG_THREAD_TITLE if n == 0 else f"{rng.choice(WORDS).capitalize()} {n}: " + _body(rng)[:80],
                author=author.user,
                author_city=author.city,
                members_only=n % 10 == 0 and n != 0,
                is_pinned=n < 3,
                created_at=created,
            )
        )
    for start in range(0, len(threads), BATCH):
        Thread.objects.bulk_create(threads[start : start + BATCH])
        progress("threads", min(start + BATCH, len(threads)), len(threads))
    return threads


def _posts(rng: random.Random, authors: list, threads: list[Thread], replies: list[int], progress) -> None:
    done, total, batch = 0, sum(replies) + len(threads), []
    for thread, count in zip(threads, replies, strict=True):
        for index in range(count + 1):
            author = rng.choice(authors)
            post = PostFactory.build(
                thread=thread,
                author=author.user,
                author_city=author.city,
                body=_body(rng),
                is_first=index == 0,
                created_at=thread.created_at + datetime.timedelta(seconds=index * 30),
            )
            post.derive_fields()
            batch.append(post)
            if len(batch) >= BATCH:
                Post.objects.bulk_create(batch)
                done, batch = done + len(batch), []
                progress("posts", done, total)
    Post.objects.bulk_create(batch)
    progress("posts", total, total)


def _meetings(topics: list[Topic], progress) -> None:
    now = timezone.now()
    meetings = [
        MeetingFactory.build(
            topic=topic,
            title=f"{topic.name}: working group meeting {n + 1}",
            starts_at=now + datetime.timedelta(days=7 * n + 3, hours=9),
            ends_at=now + datetime.timedelta(days=7 * n + 3, hours=11),
            time_zone="Europe/Brussels",
            place="",
            online_url="https://meet.example.org/smc",
            agenda="1. Welcome\n2. City examples\n3. Next steps",
        )
        for topic in topics
        for n in range(MEETINGS_PER_TOPIC)
    ]
    Meeting.objects.bulk_create(meetings)
    progress("meetings", len(meetings), len(meetings))


def load(scale: float, progress) -> None:
    if Thread.objects.filter(title=BIG_THREAD_TITLE).exists():
        return
    rng = random.Random(2026)  # noqa: S311 - benchmark data, not security
    authors = list(Affiliation.objects.verified().officers().select_related("user", "city").order_by("pk")[:5_000])
    topics = list(Topic.objects.order_by("pk"))
    thread_count = max(10, int(THREADS * scale))
    big_replies = max(50, int(BIG_THREAD_REPLIES * scale))
    replies = _reply_counts(rng, thread_count, max(thread_count + big_replies, int(POSTS * scale)), big_replies)
    threads = _threads(rng, authors, topics, replies, progress)
    _posts(rng, authors, threads, replies, progress)
    Thread.objects.recount()  # reply counts and latest activity, as the portal keeps them
    _meetings(topics, progress)


def big_thread() -> Thread:
    return Thread.objects.get(title=BIG_THREAD_TITLE)
