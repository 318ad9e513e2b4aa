"""Benchmark data: 50,000 threads and 200,000 posts spread unevenly, one thread of 5,000 replies,
20 meetings a topic. Bulk inserts: rendered HTML is written directly, counters are set as they would be."""

import datetime
import random

from django.utils import timezone

from accounts.models import Affiliation
from core.markdown import render_markdown
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


def load(scale: float, progress) -> None:
    if Thread.objects.filter(title=BIG_THREAD_TITLE).exists():
        return
    rng = random.Random(2026)  # noqa: S311 - benchmark data, not security
    authors = list(
        Affiliation.objects.verified().officers().values_list("user_id", "city_id").order_by("pk")[:5_000]
    )
    topics = list(Topic.objects.order_by("pk"))
    now = timezone.now()
    thread_count = max(10, int(THREADS * scale))
    big_replies = max(50, int(BIG_THREAD_REPLIES * scale))
    post_budget = max(thread_count + big_replies, int(POSTS * scale))

    # Uneven: a few topics hold most threads, replies follow a long tail; counters are known up front.
    weights = [2 ** (len(topics) - index) for index in range(len(topics))]
    replies = [0] * thread_count
    replies[0] = big_replies
    for _ in range(post_budget - thread_count - big_replies):
        replies[min(int(rng.paretovariate(1.2)), thread_count - 1)] += 1  # index 0 is the big thread
    threads = []
    for n in range(thread_count):
        user_id, city_id = rng.choice(authors)
        created = now - datetime.timedelta(minutes=n * 7 + rng.randint(0, 6))
        threads.append(
            Thread(
                topic=rng.choices(topics, weights)[0],
                title=BIG_THREAD_TITLE if n == 0 else f"{rng.choice(WORDS).capitalize()} {n}: " + _body(rng)[:80],
                author_id=user_id,
                author_city_id=city_id,
                members_only=n % 10 == 0 and n != 0,
                is_pinned=n < 3,
                reply_count=replies[n],
                created_at=created,
                last_activity_at=created + datetime.timedelta(seconds=replies[n] * 30),
            )
        )
    for start in range(0, len(threads), BATCH):
        Thread.objects.bulk_create(threads[start : start + BATCH])
        progress("threads", min(start + BATCH, len(threads)), len(threads))

    done, total = 0, post_budget
    batch = []
    for thread in threads:
        for index in range(thread.reply_count + 1):
            user_id, city_id = rng.choice(authors)
            body = _body(rng)
            batch.append(
                Post(
                    thread_id=thread.pk,
                    author_id=user_id,
                    author_city_id=city_id,
                    body=body,
                    body_html=render_markdown(body),
                    is_first=index == 0,
                    created_at=thread.created_at + datetime.timedelta(seconds=index * 30),
                )
            )
            if len(batch) >= BATCH:
                Post.objects.bulk_create(batch)
                done += len(batch)
                batch = []
                progress("posts", done, total)
    Post.objects.bulk_create(batch)
    progress("posts", total, total)

    meetings = [
        Meeting(
            topic=topic,
            title=f"{topic.name}: working group meeting {n + 1}",
            starts_at=now + datetime.timedelta(days=7 * n + 3, hours=9),
            ends_at=now + datetime.timedelta(days=7 * n + 3, hours=11),
            time_zone="Europe/Brussels",
            online_url="https://meet.example.org/smc",
            agenda="1. Welcome\n2. City examples\n3. Next steps",
        )
        for topic in topics
        for n in range(MEETINGS_PER_TOPIC)
    ]
    Meeting.objects.bulk_create(meetings)
    progress("meetings", len(meetings), len(meetings))


def big_thread() -> Thread:
    return Thread.objects.get(title=BIG_THREAD_TITLE)
