from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts and affiliations")

    def ready(self):
        from accounts import personal_data  # noqa: F401 - registers the accounts app's own data
        from accounts.models import Affiliation
        from cities import profile_sections

        def officers(city, user):
            listed = list(Affiliation.objects.listed_officers_of(city))
            return {"officers": listed} if listed else None

        profile_sections.register("accounts/_city_officers.html", officers)
