from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cities.models import City, MembershipApplication
from cities.plans import PLAN_FIELDS, plan_errors
from core import uploads
from core.widgets import DateInput

DECISION_DOCUMENT_MAX_BYTES = 10 * 1024 * 1024


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
            "applicant_role",
            "contact_role",
            "email",
            "motivation",
            "decision_document",
            "consent_to_contact",
        ]
        labels = {
            "city_name": _("City"),
            "applicant_role": _("You apply as"),
            "contact_role": _("Your job title"),
            "decision_document": _("Council resolution or letter of intent (optional)"),
        }
        help_texts = {
            "population": _("Inhabitants, roughly; small and medium-sized cities are our focus."),
            "motivation": _("What your city hopes to share with and learn from the other cities."),
            "decision_document": _(
                "A PDF of up to 10 MB: the council's decision to join, or a letter of intent signed by the mayor. "
                "Only the platform's staff see it."
            ),
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
            "decision_document": forms.FileInput(attrs={"accept": "application/pdf,.pdf"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        role = self.fields["applicant_role"]
        role.required = True
        role.choices = [("", _("Choose one")), *MembershipApplication.ApplicantRole.choices]

    def clean_decision_document(self):
        upload = self.cleaned_data.get("decision_document")
        if upload and hasattr(upload, "content_type"):  # a new upload, not a stored file
            self.document_type, _extension = uploads.check_upload(
                upload,
                max_bytes=DECISION_DOCUMENT_MAX_BYTES,
                accepted={"pdf"},
                refusal=_("This file is not a PDF. Send the decision or the letter as a PDF document."),
            )
        return upload

    def save(self, commit=True):
        application = super().save(commit=False)
        if application.decision_document:
            application.decision_document_type = self.document_type
        if commit:
            application.save()
        return application

    def is_bot(self) -> bool:
        return bool(self.cleaned_data.get("website"))


class PlanForm(forms.Form):
    """A city's mobility plan, as its officers keep it. Impossible dates are refused at their field."""

    sump_status = forms.ChoiceField(label=_("Status of the plan"), choices=City.Sump.choices)
    sump_adopted_on = forms.DateField(
        label=_("Adopted on"),
        required=False,
        widget=DateInput(),
        help_text=_("The date the council adopted the plan in force."),
    )
    sump_revision_due = forms.DateField(
        label=_("Next revision due"),
        required=False,
        widget=DateInput(),
        help_text=_(
            "The date by which the plan is to be revised. The city's officers are reminded 90 and 30 days before."
        ),
    )
    sump_url = forms.URLField(
        label=_("Link to the plan"),
        required=False,
        max_length=200,
        assume_scheme="https",
        help_text=_("The full address, starting with https://"),
        # A text box keeps what was typed beside its error; a url box's value must be an absolute URL.
        widget=forms.TextInput(attrs={"inputmode": "url"}),
    )

    def __init__(self, *args, city: City, **kwargs):
        kwargs.setdefault("initial", {field: getattr(city, field) for field in PLAN_FIELDS})
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        if not set(self.errors) & {"sump_status", "sump_adopted_on", "sump_revision_due"}:
            for field, message in plan_errors(cleaned, today=timezone.localdate()).items():
                self.add_error(field, message)
        return cleaned
