from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AmbassadorsConfig(AppConfig):
    name = "ambassadors"
    verbose_name = _("Ambassadors Initiative")

    def ready(self):
        from ambassadors.sections import city_ambassadors
        from cities import profile_sections

        profile_sections.register("ambassadors/_city_section.html", city_ambassadors)
