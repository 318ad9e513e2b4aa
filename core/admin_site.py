"""The staff's admin, with the queues that wait for a decision counted on its index page."""

from django.contrib import admin
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _


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
        return super().index(request, {"pending_queues": pending, **(extra_context or {})})
