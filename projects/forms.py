"""The forms of projects, calls and partner requests. Each refusal a workflow would give (a date that contradicts
another, a city that may not answer) is asked for here too, so that it shows beside its field."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.permissions import officer_cities
from cities.gazetteer import european_country_choices
from core.widgets import FastSelect, FastSelectMultiple
from projects.models import Call, PartnerRequest, Project, Role
from projects.services.partners import deadline_refusal, interest_refusal
from projects.services.projects import after_end_refusal

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TOPICS = forms.CheckboxSelectMultiple


def _topics_field(form) -> None:
    field = form.fields["topics"]
    field.queryset = field.queryset.filter(is_active=True).order_by("order", "name")
    field.label_from_instance = lambda topic: topic.localized_name


def _with_empty(field, label) -> None:
    """The field's choices with LABEL for "nothing chosen" instead of dashes."""
    field.choices = [("", label), *[choice for choice in field.choices if choice[0] != ""]]


class CityChoiceField(forms.TypedChoiceField):
    """A choice among the given cities (the person's own, read with their affiliations): no query to show it or to
    check it; its value is the chosen city."""

    def __init__(self, cities, **kwargs):
        by_pk = {str(city.pk): city for city in sorted(cities, key=lambda city: city.search_name)}
        super().__init__(
            choices=[(pk, city.name) for pk, city in by_pk.items()], coerce=by_pk.__getitem__, widget=FastSelect,
            **kwargs,
        )
        self.error_messages["invalid_choice"] = _("Choose one of your cities in the list.")


def _city_field(cities, *, label=None) -> CityChoiceField:
    return CityChoiceField(cities, label=label or _("Your city"))


class ProjectForm(forms.ModelForm):
    class Meta:
        model = Project
        fields = ["acronym", "title", "programme", "start_date", "end_date", "website", "summary", "results", "topics"]
        widgets = {
            "start_date": DATE,
            "end_date": DATE,
            "website": forms.TextInput(attrs={"inputmode": "url"}),
            "summary": forms.Textarea(attrs={"rows": 6}),
            "results": forms.Textarea(attrs={"rows": 5}),
            "topics": TOPICS,
        }
        help_texts = {"website": _("The full address, starting with https://")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _topics_field(self)
        _with_empty(self.fields["programme"], _("Choose a programme"))


class ProjectProposeForm(ProjectForm):
    """A new project, with the proposing officer's city and its role."""

    role = forms.ChoiceField(label=_("Your city's role"), choices=[("", _("Choose a role")), *Role.choices])

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["city"] = _city_field(officer_cities(user))
        self.order_fields(["city", "role"])


class JoinProjectForm(forms.Form):
    role = forms.ChoiceField(label=_("Your city's role"), choices=[("", _("Choose a role")), *Role.choices])

    def __init__(self, *args, user, project, **kwargs):
        super().__init__(*args, **kwargs)
        cities = [city for city in officer_cities(user) if city.pk not in project.live_city_ids]
        self.fields["city"] = _city_field(cities)
        self.order_fields(["city", "role"])


class AfterEndForm(forms.Form):
    happened_on = forms.DateField(
        label=_("When"), widget=DATE, help_text=_("A date after the project's official end, e.g. when it started.")
    )
    title = forms.CharField(label=_("What continued"), max_length=200)
    description = forms.CharField(
        label=_("How"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Who carried it on, with what money, and what it has changed."),
    )

    def __init__(self, *args, user, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.project = project
        cities = [city for city in officer_cities(user) if city.pk in project.partner_city_ids]
        self.fields["city"] = _city_field(cities, label=_("Written for"))
        self.order_fields(["city"])

    def clean_happened_on(self):
        happened_on = self.cleaned_data["happened_on"]
        refusal = after_end_refusal(self.project, happened_on=happened_on, today=timezone.localdate())
        if refusal is not None:
            raise forms.ValidationError(refusal.message_dict["happened_on"])
        return happened_on


class CallForm(forms.ModelForm):
    class Meta:
        model = Call
        fields = [
            "programme", "identifier", "title", "topics", "opens_on", "deadline", "second_deadline", "budget_eur",
            "url", "summary",
        ]
        widgets = {
            "opens_on": DATE,
            "deadline": DATE,
            "second_deadline": DATE,
            # A text box keeps what was typed ("about 2M") beside its error.
            "budget_eur": forms.TextInput(attrs={"inputmode": "numeric"}),
            "url": forms.TextInput(attrs={"inputmode": "url"}),
            "summary": forms.Textarea(attrs={"rows": 6}),
            "topics": TOPICS,
        }
        help_texts = {"url": _("The call's page on the programme's site, starting with https://")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _topics_field(self)
        _with_empty(self.fields["programme"], _("Choose a programme"))


class PartnerRequestForm(forms.ModelForm):
    class Meta:
        model = PartnerRequest
        fields = [
            "call", "programme", "title", "description", "role_sought", "countries", "population_band", "topics",
            "sump_wanted", "programme_experience", "deadline", "members_only",
        ]
        labels = {"call": _("For the call"), "programme": _("Programme (for a project idea without a call)")}
        help_texts = {
            "deadline": _("Left empty, the call's deadline is taken."),
            "countries": _("Leave empty for any country; hold Ctrl (⌘ on a Mac) to choose several."),
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "call": FastSelect,
            "countries": FastSelectMultiple(attrs={"size": 6}),
            "topics": TOPICS,
            "deadline": DATE,
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["city"] = _city_field(officer_cities(user))
        self.order_fields(["city"])
        _topics_field(self)
        call = self.fields["call"]
        call.queryset = Call.objects.published().still_open().order_by("deadline", "pk")
        call.empty_label = _("No call: a project idea")
        call.error_messages["invalid_choice"] = _("Choose one of the open calls in the list.")
        self.fields["countries"].choices = european_country_choices()
        self.fields["programme"].required = False
        _with_empty(self.fields["programme"], _("Choose a programme"))
        _with_empty(self.fields["role_sought"], _("Choose a role"))
        self.fields["deadline"].required = False
        _with_empty(self.fields["population_band"], _("Any population"))
        _with_empty(self.fields["sump_wanted"], _("Any"))

    def clean(self):
        cleaned = super().clean()
        call, deadline = cleaned.get("call"), cleaned.get("deadline")
        if call is not None:  # a request for a call is in its programme; its deadline is the call's unless given
            cleaned["programme"] = call.programme
        elif "call" not in self.errors:
            if not cleaned.get("programme"):
                self.add_error("programme", _("Choose the programme, or the call the request is for."))
            if deadline is None and "deadline" not in self.errors:
                self.add_error("deadline", _("Give the date by which partners should answer."))
        refusal = deadline_refusal(deadline=deadline, call=call, today=timezone.localdate())
        if refusal is not None:
            self.add_error(None, refusal)
        elif call is not None and deadline is None and "deadline" not in self.errors:
            cleaned["deadline"] = call.deadline
        return cleaned


class InterestForm(forms.Form):
    message = forms.CharField(
        label=_("Your message"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What your city would bring, and whom to contact."),
    )

    def __init__(self, *args, user, partner_request, **kwargs):
        super().__init__(*args, **kwargs)
        self.user, self.partner_request = user, partner_request
        cities = [city for city in officer_cities(user) if city.pk != partner_request.city_id] or officer_cities(user)
        self.fields["city"] = _city_field(cities)
        self.order_fields(["city"])

    def clean(self):
        cleaned = super().clean()
        if "city" in cleaned:
            refusal = interest_refusal(
                self.partner_request, user=self.user, city=cleaned["city"], today=timezone.localdate()
            )
            if refusal is not None:
                self.add_error(None, refusal)  # at the city when it is about the city
        return cleaned


class CloseRequestForm(forms.Form):
    note = forms.CharField(
        label=_("A note for the cities that answered (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
