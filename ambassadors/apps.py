import datetime

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AmbassadorsConfig(AppConfig):
    name = "ambassadors"
    verbose_name = _("Ambassadors Initiative")

    def ready(self):
        from ambassadors import evictions as own_evictions
        from ambassadors import extensions as ambassador_extensions
        from ambassadors import personal_data, slots, tasks
        from ambassadors.sections import city_ambassadors
        from core import extensions, scheduler
        from core.extensions import PersonalData, ProfileSection

        own_evictions.register()
        slots.register()
        scheduler.register("ambassadors.reconfirmations", tasks.ask_for_reconfirmations, at=datetime.time(9))
        scheduler.register("ambassadors.unanswered", tasks.flag_unanswered_reconfirmations, at=datetime.time(9, 30))
        extensions.profile_sections.add(
            ProfileSection("ambassadors", "ambassadors/_city_section.html", city_ambassadors)
        )
        extensions.directory_filters.add(ambassador_extensions.AMBASSADOR_FILTER)
        extensions.export_columns.add(ambassador_extensions.HAS_AMBASSADOR_COLUMN)
        extensions.search_sources.add(ambassador_extensions.SEARCH_SOURCE)
        extensions.personal_data.add(
            PersonalData(
                "ambassador_signatures", personal_data.signatures, delete=personal_data.withdraw_signatures
            )
        )
        extensions.personal_data.add(PersonalData("ambassador_reconfirmations", personal_data.reconfirmations))
