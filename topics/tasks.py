"""The topics' background work: fan-out of new threads and replies to followers, and the daily digests.

Every task here looks at what is already done before doing it (the outbox's idempotency keys, the digest's
"last sent" mark), so the sweeper may run it again when its worker died (core.taskqueue.rerunnable_task).
"""

import datetime

from core.taskqueue import BULK, rerunnable_task
from topics import notifications


def _fan_out(kind: str, object_id: int) -> int:
    batches = notifications.followers_to_tell(kind, object_id)
    for batch in batches:
        mail_followers.enqueue(kind, object_id, batch)
    return len(batches)


@rerunnable_task(priority=BULK)
def announce_thread(thread_id: int) -> int:
    """A thread was started: one task per batch of its topic's followers. Returns the number of batches."""
    return _fan_out("thread", thread_id)


@rerunnable_task(priority=BULK)
def announce_reply(post_id: int) -> int:
    """A reply was posted: one task per batch of its thread's followers. Returns the number of batches."""
    return _fan_out("reply", post_id)


@rerunnable_task(priority=BULK)
def mail_followers(kind: str, object_id: int, subscription_ids: list[int]) -> int:
    return notifications.mail_followers(kind, object_id, subscription_ids)


@rerunnable_task(priority=BULK)
def daily_digests(scheduled_for: str) -> int:
    """The scheduler's daily job: one task per batch of digest readers, covering up to `scheduled_for`."""
    batches = notifications.daily_readers()
    for batch in batches:
        send_digests.enqueue(batch, scheduled_for)
    return len(batches)


@rerunnable_task(priority=BULK)
def send_digests(preference_ids: list[int], until: str) -> int:
    return notifications.send_digests(preference_ids, until=datetime.datetime.fromisoformat(until))
