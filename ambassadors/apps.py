from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AmbassadorsConfig(AppConfig):
    name = "ambassadors"
    verbose_name = _("Ambassadors Initiative")

    def ready(self):
        from accounts import personal_data
        from ambassadors import personal_data as ambassadors_data
        from ambassadors.sections import city_ambassadors
        from cities import profile_sections

        profile_sections.register("ambassadors/_city_section.html", city_ambassadors)
        personal_data.register("ambassador_signatures", ambassadors_data.signatures)
        personal_data.register_deletion(ambassadors_data.withdraw_signatures)
