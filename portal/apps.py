from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The pages that compose several apps: the home page and the site search. Any app may be read here; no app
    imports this one."""

    name = "portal"
    verbose_name = _("Portal pages")
