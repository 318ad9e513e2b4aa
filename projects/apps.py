import datetime

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Projects and funding")

    def ready(self):
        from core import scheduler
        from projects import evictions, extensions, slots, tasks

        evictions.register()
        extensions.register()
        slots.register()
        scheduler.register("projects.daily", tasks.daily, at=datetime.time(6, 30))
