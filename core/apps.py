from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Portal")
    default = True

    def ready(self):
        from core import security_log  # noqa: F401 - connects the login receivers
        from core.cache import evictions
        from core.models import ActionLog, SiteContact

        evictions.register(SiteContact, lambda contact, fields: ["contact"])
        evictions.register(ActionLog, evictions.nothing)  # staff read the audit trail in the admin only
        evictions.connect()


class PortalAdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "core.admin_site.PortalAdminSite"
