from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Portal")
    default = True

    def ready(self):
        from core import page_cache, security_log  # noqa: F401 - security_log connects login receivers

        page_cache.connect_invalidation()


class PortalAdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "core.admin_site.PortalAdminSite"
