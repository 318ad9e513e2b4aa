"""The staff's admin, with the queues that wait for a decision counted on its index page."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import admin
from django.urls import reverse


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
        return super().index(request, {"pending_queues": pending, **(extra_context or {})})
