from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ambassadors.models import Reconfirmation, Signature, normalise_code


def date_input() -> forms.DateInput:
    """The browser's date picker, whose value is ISO 8601 whatever the reader's language (a browser without
    one shows a text box, which takes the reader's own way of writing a date too)."""
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


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
        fields = ["full_name", "office", "office_title", "city", "term_ends_on", "statement", "listed_publicly"]
        labels = {
            "full_name": _("Your full name"),
            "office_title": _("Title of your office"),
            "term_ends_on": _("Your term of office ends on"),
        }
        help_texts = {
            "full_name": _("As it should appear on the wall and your certificate."),
            "office_title": _("Required when you chose “Other”, e.g. “Alderman for mobility”."),
            "term_ends_on": _(
                "Optional, if you know it. At the end of your term, and once a year, we ask you by email whether "
                "you still hold the office."
            ),
            "statement": _(
                "Optional: a sentence or two on why your city supports the declaration "
                "(1000 characters at most)."
            ),
        }
        widgets = {
            "full_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "office_title": forms.TextInput(attrs={"autocomplete": "organization-title"}),
            "statement": forms.Textarea(attrs={"rows": 4, "maxlength": 1000}),
            "term_ends_on": date_input(),
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


class ReconfirmationForm(forms.Form):
    """The ambassador's answer to "do you still hold the office?", from the emailed link."""

    answer = forms.ChoiceField(
        label=_("Do you still hold this office?"),
        choices=[
            (Reconfirmation.Answer.IN_OFFICE, _("Yes, I still hold the office")),
            (Reconfirmation.Answer.LEFT, _("No, I have left the office")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose one of the two answers.")},
    )
    left_office_on = forms.DateField(
        label=_("I left the office on"),
        required=False,
        widget=date_input(),
        help_text=_("Needed when you have left: you then appear on the wall as a former ambassador."),
    )
    term_ends_on = forms.DateField(
        label=_("My current term ends on"),
        required=False,
        widget=date_input(),
        help_text=_("Optional, when you still hold the office and know when your term ends."),
    )

    def __init__(self, *args, signature: Signature, **kwargs):
        super().__init__(*args, **kwargs)
        self.signature = signature

    @property
    def still_in_office(self) -> bool:
        return self.cleaned_data.get("answer") == Reconfirmation.Answer.IN_OFFICE

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("answer") == Reconfirmation.Answer.LEFT:
            left_on = cleaned.get("left_office_on")
            if left_on is None and "left_office_on" not in self.errors:
                self.add_error("left_office_on", _("Give the date you left the office."))
            elif left_on is not None and (problem := self.signature.left_office_refusal(left_on)):
                self.add_error("left_office_on", problem)
            cleaned["term_ends_on"] = None
        elif self.still_in_office:
            term_ends_on = cleaned.get("term_ends_on")
            if term_ends_on is not None and term_ends_on < timezone.localdate():
                self.add_error("term_ends_on", _("A term that has already ended is not your current term."))
            cleaned["left_office_on"] = None
        return cleaned
