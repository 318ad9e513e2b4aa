"""The staff's admin, with the queues that wait for a decision counted on its index page, and the state of the
background work (tasks waiting, how long the oldest has waited, mails that failed)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import admin
from django.urls import reverse
from django.utils import timezone

from core.models import OutboxMail
from core.taskqueue import queue_status


@dataclass(frozen=True)
class PendingQueue:
    label: str
    changelist: str  # admin URL name, e.g. "admin:cities_membershipapplication_changelist"
    query: str  # the changelist filter that shows the waiting ones, e.g. "status__exact=submitted"
    count: Callable[[], int]
    permission: str  # e.g. "cities.change_membershipapplication"


PENDING_QUEUES: list[PendingQueue] = []


def register_pending_queue(queue: PendingQueue) -> None:
    PENDING_QUEUES.append(queue)


class PortalAdminSite(admin.AdminSite):
    def index(self, request, extra_context=None):
        pending = [
            {"label": queue.label, "count": queue.count(), "url": f"{reverse(queue.changelist)}?{queue.query}"}
            for queue in PENDING_QUEUES
            if request.user.has_perm(queue.permission)
        ]
        context = {"pending_queues": pending, "background_work": _background_work(request)}
        return super().index(request, {**context, **(extra_context or {})})


def _background_work(request) -> dict | None:
    if not request.user.has_perm("core.view_outboxmail"):
        return None
    now = timezone.now()
    status = queue_status(now)
    mails = reverse("admin:core_outboxmail_changelist")
    return {
        "queue": status,
        "oldest_since": now - status.oldest_wait if status and status.oldest_wait else None,
        "failed_mails": OutboxMail.objects.failed().count(),
        "failed_url": f"{mails}?state__exact={OutboxMail.State.FAILED}",
        "queued_mails": OutboxMail.objects.filter(state=OutboxMail.State.QUEUED).count(),
        "queued_url": f"{mails}?state__exact={OutboxMail.State.QUEUED}",
    }
