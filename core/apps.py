import datetime

from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Portal")
    default = True

    def ready(self):
        from django.utils.module_loading import autodiscover_modules

        from core import scheduler, security_log, tasks  # noqa: F401 - security_log connects the login receivers
        from core.cache import evictions
        from core.models import ActionLog, OutboxMail, PeriodicRun, SiteContact

        evictions.register(SiteContact, lambda contact, fields: ["contact"])
        # Staff read the audit trail, the outbox and the scheduler's records in the admin only.
        for private in (ActionLog, OutboxMail, PeriodicRun):
            evictions.register(private, evictions.nothing)
        evictions.connect()
        scheduler.register("core.sweep-outbox", tasks.sweep_outbox, every=tasks.SWEEP_EVERY)
        scheduler.register("core.tidy-up", tasks.tidy_up, at=datetime.time(3, 30))
        # Every app's tasks.py, so that each worker and sweeper knows every task, whichever it met first.
        autodiscover_modules("tasks")


class PortalAdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "core.admin_site.PortalAdminSite"
