from django import forms
from django.utils.translation import gettext_lazy as _

from ambassadors.models import Signature, normalise_code


class SignatureForm(forms.ModelForm):
    # The version the signer read: if staff publish a new one meanwhile, they must read it first.
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    listed_publicly = forms.BooleanField(
        label=_("List my name, office and statement on the public ambassadors wall."),
        required=False,
        help_text=_("Without this, your signature counts but your name is not shown."),
    )
    holds_office = forms.BooleanField(
        label=_("I confirm that I hold the office given above in this city."),
        required=True,
        error_messages={"required": _("Only someone who holds the office may sign; please confirm it.")},
    )

    class Meta:
        model = Signature
        fields = ["full_name", "office", "office_title", "city", "statement", "listed_publicly"]
        labels = {"full_name": _("Your full name"), "office_title": _("Title of your office")}
        help_texts = {
            "full_name": _("As it should appear on the wall and your certificate."),
            "office_title": _("Required when you chose “Other”, e.g. “Alderman for mobility”."),
            "statement": _(
                "Optional: a sentence or two on why your city supports the declaration "
                "(1000 characters at most)."
            ),
        }
        widgets = {
            "full_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "office_title": forms.TextInput(attrs={"autocomplete": "organization-title"}),
            "statement": forms.Textarea(attrs={"rows": 4, "maxlength": 1000}),
        }

    def __init__(self, *args, cities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["city"].queryset = self.fields["city"].queryset.filter(
            pk__in=[city.pk for city in cities]
        )
        self.fields["city"].empty_label = None if len(cities) == 1 else _("Choose your city")
        self.fields["office"].choices = [("", _("Choose your office")), *Signature.Office.choices]

    def clean(self):
        cleaned = super().clean()
        if self._errors and "version" in self._errors:
            # A hidden field's error would be shown nowhere: say it where the reader looks.
            del self._errors["version"]
            self.add_error(None, _("The form was incomplete. Please read the declaration and sign again."))
        # The model's clean() asks for a title when the office is "other"; other offices need none.
        if cleaned.get("office") != Signature.Office.OTHER:
            cleaned["office_title"] = ""
        return cleaned


class VerifyCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Certificate code"),
        max_length=40,
        help_text=_("The code printed on the certificate, e.g. 7K3Q-9XMA-…"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def clean_code(self):
        # "?" or "--" has no letter or digit: there is no code to look up (and no address to send the reader to).
        code = self.cleaned_data["code"]
        if not normalise_code(code):
            raise forms.ValidationError(
                _("Type the code printed on the certificate: its letters and digits."), code="invalid"
            )
        return code
