from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

CITY_OFFICERS_TEMPLATE = "accounts/_city_officers.html"


def city_officers_section(city, user):
    """The city's verified officers who agreed to be listed, in one query; None leaves the section out."""
    from accounts.models import Affiliation

    officers = list(Affiliation.objects.listed_officers_of(city))
    return {"officers": officers} if officers else None


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts and affiliations")

    def ready(self):
        from accounts import adapter, personal_data  # noqa: F401 - registers the accounts app's own data
        from cities import profile_sections
        from core import mail

        mail.register_recipient_lookup(adapter.recipients)
        if not any(section.template == CITY_OFFICERS_TEMPLATE for section in profile_sections.SECTIONS):
            profile_sections.register(CITY_OFFICERS_TEMPLATE, city_officers_section)
