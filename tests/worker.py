"""The task queue's work, done in a test as `manage.py db_worker` does it: with the library's own worker."""

from django.test import TestCase
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult, get_date_max

from core.models import OutboxMail
from core.taskqueue import TaskResultStatus

RUNAWAY = 1000
_worker = Worker(
    queue_names=["*"],
    interval=0,
    batch=True,
    backend_name="default",
    startup_delay=False,
    max_tasks=None,
    worker_id="test-worker",
    excluded_queue_names=[],
)


def run_queued_tasks(count: int | None = None) -> int:
    """Run every task that is due, and those they queue, in the worker's order (or only the next `count`);
    returns how many ran.

    Each task runs in the test's transaction, so what it queues "on commit" is queued as it ends. A task that
    raises fails the test: the portal's tasks handle the outside world's failures themselves.
    """
    ran = 0
    while ran < (count or RUNAWAY):
        with TestCase.captureOnCommitCallbacks(execute=True):
            result = DBTaskResult.objects.ready().first()
            if result is not None:
                result.claim(_worker.worker_id)
                _worker.run_task(result)
        if result is None:
            if not DBTaskResult.objects.ready().exists():
                return ran
            continue
        ran += 1
        result.refresh_from_db()
        assert result.status != TaskResultStatus.FAILED, f"{result.task_path} failed:\n{result.traceback}"
    assert count, f"more than {RUNAWAY} tasks: does a task queue itself for ever?"
    return ran


def queued_tasks(task=None) -> list[DBTaskResult]:
    """The tasks waiting in the queue (of one kind), oldest first."""
    waiting = DBTaskResult.objects.filter(status=TaskResultStatus.READY).order_by("enqueued_at")
    return [result for result in waiting if task is None or result.task_path == task.module_path]


def wait_is_over() -> None:
    """As if every retry's delay had passed: the mails and the tasks that wait for a later time are due."""
    now = timezone.now()
    OutboxMail.objects.filter(state=OutboxMail.State.QUEUED).update(next_attempt_at=now)
    DBTaskResult.objects.filter(status=TaskResultStatus.READY).exclude(run_after=get_date_max()).update(run_after=now)


def sent_mail() -> list:
    """The mail sent once a worker has run what is queued (django.core.mail.outbox, in tests)."""
    from django.core import mail

    run_queued_tasks()
    return mail.outbox
