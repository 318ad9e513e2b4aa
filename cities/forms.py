from django import forms
from django.utils.translation import gettext_lazy as _

from cities.models import MembershipApplication


class MembershipApplicationForm(forms.ModelForm):
    # Bots fill every field; people never see this one (hidden by CSS and from screen readers).
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    consent_to_contact = forms.BooleanField(
        label=_("I agree that the SMC platform's staff contact me about this application."),
        required=True,
        error_messages={"required": _("We can only handle your application if we may contact you.")},
    )

    class Meta:
        model = MembershipApplication
        fields = [
            "city_name",
            "country",
            "population",
            "contact_name",
            "contact_role",
            "email",
            "motivation",
            "consent_to_contact",
        ]
        labels = {"city_name": _("City"), "contact_role": _("Your role")}
        help_texts = {
            "population": _("Inhabitants, roughly; small and medium-sized cities are our focus."),
            "motivation": _("What your city hopes to share with and learn from the other cities."),
        }
        widgets = {
            "city_name": forms.TextInput(attrs={"autocomplete": "address-level2"}),
            # A text box keeps what was typed ("about 40k") beside its error; a number box's value must be a
            # number, so re-showing it would be invalid HTML (and browsers blank it).
            "population": forms.TextInput(attrs={"inputmode": "numeric"}),
            "contact_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "contact_role": forms.TextInput(attrs={"autocomplete": "organization-title"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "motivation": forms.Textarea(attrs={"rows": 6}),
        }

    def is_bot(self) -> bool:
        return bool(self.cleaned_data.get("website"))
