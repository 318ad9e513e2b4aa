"""A thread's counters follow its visible posts, whoever changes them: a workflow or a bulk load."""

import pytest

from devdata.factories import PostFactory, ThreadFactory
from topics import moderation, services
from topics.models import Thread

pytestmark = pytest.mark.django_db


def test_hiding_the_latest_reply_moves_the_latest_activity_back_to_the_one_before(officer, staff):
    thread = ThreadFactory(author=officer)
    first = services.post_reply(thread, author=officer, body="First reply")
    latest = services.post_reply(thread, author=officer, body="Second reply")
    moderation.post_hide(latest, by=staff, note="Off topic")
    thread.refresh_from_db()
    assert (thread.reply_count, thread.last_activity_at) == (1, first.created_at)


def test_recounting_sets_the_counters_of_threads_whose_posts_were_inserted_in_bulk():
    with_replies, without = ThreadFactory(), ThreadFactory()
    replies = [PostFactory(thread=with_replies), PostFactory(thread=with_replies)]
    PostFactory(thread=with_replies, is_hidden=True)
    assert Thread.objects.filter(pk__in=[with_replies.pk, without.pk]).recount() == 2
    with_replies.refresh_from_db()
    without.refresh_from_db()
    assert (with_replies.reply_count, with_replies.last_activity_at) == (2, replies[-1].created_at)
    assert (without.reply_count, without.last_activity_at) == (0, without.created_at)
