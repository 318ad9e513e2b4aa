"""The staff's admin, with the queues that wait for a decision counted on its index page, and the state of the
background work (tasks waiting, how long the oldest has waited, mails that failed)."""

from django.contrib import admin
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from core.models import OutboxMail
from core.taskqueue import queue_status


class PendingQueueAdmin(admin.ModelAdmin):
    """An admin whose objects wait in a queue for staff (applications, affiliations, signatures, reports).

    PENDING_FILTER names the waiting ones as changelist filters, e.g. {"status__exact": "submitted"}: the same
    filter counts them on the admin index, in the changelist's title, and is the index's link to them.
    """

    pending_label = ""
    pending_filter: dict[str, str] = {}

    def pending_count(self) -> int:
        return self.model._default_manager.filter(**self.pending_filter).count()

    def pending_url(self) -> str:
        opts = self.model._meta
        return f"{reverse(f'admin:{opts.app_label}_{opts.model_name}_changelist')}?{urlencode(self.pending_filter)}"

    def changelist_view(self, request, extra_context=None):
        title = _("%(queue)s (%(count)d waiting)") % {"queue": self.pending_label, "count": self.pending_count()}
        return super().changelist_view(request, {"title": title, **(extra_context or {})})


class PortalAdminSite(admin.AdminSite):
    def index(self, request, extra_context=None):
        pending = [
            {"label": model_admin.pending_label, "count": model_admin.pending_count(), "url": model_admin.pending_url()}
            for model, model_admin in self._registry.items()
            if isinstance(model_admin, PendingQueueAdmin)
            and request.user.has_perm(f"{model._meta.app_label}.change_{model._meta.model_name}")
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
