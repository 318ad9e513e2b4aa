from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts and affiliations")

    def ready(self):
        from accounts import adapter, audiences, evictions, personal_data, sections
        from core import extensions, mail
        from core.extensions import PersonalData, ProfileSection

        audiences.register()
        evictions.register()
        mail.register_recipient_lookup(adapter.recipients)
        extensions.profile_sections.add(
            ProfileSection("officers", "accounts/_city_officers.html", sections.city_officers)
        )
        for name, export in [
            ("account", personal_data.account),
            ("email_addresses", personal_data.email_addresses),
            ("two_factor_authentication", personal_data.two_factor),
            ("affiliations", personal_data.affiliations),
            ("audit_entries_as_actor", personal_data.audit_entries),
        ]:
            extensions.personal_data.add(PersonalData(name, export))
        extensions.personal_data.add(PersonalData("mails", personal_data.mails, delete=personal_data.delete_mails))
