from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from accounts.models import Affiliation, User
from accounts.services import affiliation_refusal


class AffiliationRequestForm(forms.ModelForm):
    full_name = forms.CharField(
        label=_("Your full name"),
        max_length=150,
        help_text=_(
            "Staff see it when they check your request; the city's profile shows it if you agree below."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    note = forms.CharField(
        label=_("Note for the staff"),
        required=False,
        max_length=2000,
        help_text=_("Anything that helps the staff check your request, e.g. a web page that lists you."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    class Meta:
        model = Affiliation
        fields = ["full_name", "city", "role", "job_title", "note", "listed_publicly"]
        labels = {
            "city": _("City"),
            "role": _("I act for the city as"),
            "job_title": _("Your job title"),
        }
        help_texts = {
            "listed_publicly": _(
                "For city officers: your name and job title are shown on the city's public profile once"
                " you are verified. Political representatives appear on the ambassadors wall when they sign."
            ),
            "job_title": _("As it appears in your city's organisation, e.g. Mobility policy officer."),
        }
        widgets = {
            "job_title": forms.TextInput(attrs={"autocomplete": "organization-title"}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["full_name"].initial = user.full_name
        self.fields["role"].choices = [("", _("Choose a role")), *Affiliation.Role.choices]
        city = self.fields["city"]
        city.queryset = city.queryset.only("pk", "name", "country")
        city.empty_label = _("Choose a member city")
        city.error_messages["invalid_choice"] = _("Choose one of the member cities in the list.")

    def clean(self):
        cleaned = super().clean()
        city, role = cleaned.get("city"), cleaned.get("role")
        if city and role:
            refusal = affiliation_refusal(user=self.user, city=city, role=role)
            if refusal is not None:
                self.add_error("city" if refusal.code == "duplicate" else None, refusal)
        return cleaned


class AccountDeleteForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand that my account and my personal data are deleted for good."),
        error_messages={"required": _("Tick the box to confirm that you want to delete your account.")},
    )


class MailLanguageForm(forms.ModelForm):
    """The language of the mails the portal sends the person; each language named in itself."""

    class Meta:
        model = User
        fields = ["language"]
        labels = {"language": _("Language of the portal's mails")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        signed_up_in = self.instance.signup_language or settings.LANGUAGE_CODE
        default = _("The language I signed up in (%(language)s)") % {"language": _language_name(signed_up_in)}
        self.fields["language"].choices = [("", default)] + [
            (code, _language_name(code)) for code, _name in settings.LANGUAGES
        ]


def _language_name(code: str) -> str:
    return translation.get_language_info(code)["name_local"].capitalize()
