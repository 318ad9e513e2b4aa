"""The staff's queue of membership applications: the checklist, the decision, the document sent with it."""

from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django_countries.filters import CountryFilter

from cities.models import MembershipApplication
from cities.services import application_approve, application_check, application_reject, application_uncheck
from core.admin import ActionLogInline, WorkflowAdminMixin
from core.admin_actions import ReasonForm, workflow_action
from core.admin_site import PendingQueueAdmin


class ChecklistForm(ReasonForm):
    items = forms.MultipleChoiceField(
        label=_("Checklist items"), choices=MembershipApplication.CHECKLIST, widget=forms.CheckboxSelectMultiple
    )

    field_order = ["items", "reason"]


class TickForm(ChecklistForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, required=False, **kwargs)


class ApproveForm(ReasonForm):
    override = forms.CharField(
        label=_("Approve without a complete checklist, because… (only if items are missing)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, required=False, **kwargs)
        self.fields["reason"].label = _("Note for the applicant (optional)")


CHECKLIST_FIELDS = [field for field, _label in MembershipApplication.CHECKLIST]


@admin.register(MembershipApplication)
class MembershipApplicationAdmin(WorkflowAdminMixin, PendingQueueAdmin):
    pending_label = _("Membership applications")
    pending_filter = {"status__exact": "submitted"}

    list_display = [
        "city_name", "country", "population", "contact_name", "applicant_role", "checklist", "has_document",
        "status", "created_at",
    ]
    # Only the countries that have applications, not all of ISO 3166.
    list_filter = ["status", ("country", CountryFilter), "applicant_role", *CHECKLIST_FIELDS]
    search_fields = ["city_name", "contact_name", "email"]
    date_hierarchy = "created_at"
    autocomplete_fields = ["gazetteer_entry"]
    readonly_fields = [
        "city_name", "country", "population", "contact_name", "applicant_role", "contact_role", "email",
        "motivation", "consent_to_contact", "document", *CHECKLIST_FIELDS, "status", "city", "decision_note",
        "decided_by", "decided_at", "created_at",
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "city_name", "country", "population", "gazetteer_entry", "contact_name", "applicant_role",
                    "contact_role", "email", "motivation", "consent_to_contact", "document",
                ]
            },
        ),
        (_("Checklist"), {"fields": CHECKLIST_FIELDS}),
        (_("Decision"), {"fields": ["status", "city", "decision_note", "decided_by", "decided_at", "created_at"]}),
    ]
    inlines = [ActionLogInline]
    actions = [
        workflow_action(application_check, description=_("Tick checklist items"), form_class=TickForm),
        workflow_action(application_uncheck, description=_("Clear checklist items"), form_class=ChecklistForm),
        workflow_action(
            application_approve, description=_("Approve: the city becomes a member"), form_class=ApproveForm
        ),
        workflow_action(
            application_reject, description=_("Reject the application"), ask_reason=True, reason_required=True
        ),
    ]

    @admin.display(description=_("checklist"))
    def checklist(self, obj):
        done = len(CHECKLIST_FIELDS) - len(obj.missing_checks)
        return f"{done}/{len(CHECKLIST_FIELDS)}"

    @admin.display(description=_("document"), boolean=True)
    def has_document(self, obj):
        return bool(obj.decision_document)

    @admin.display(description=_("council resolution or letter of intent"))
    def document(self, obj):
        if not obj.decision_document:
            return _("none sent with the application")
        url = reverse("cities:application-document", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Download the document (PDF)"))

    def get_readonly_fields(self, request, obj=None):
        # The gazetteer entry is chosen until it is confirmed on the checklist or the application is decided.
        if obj is not None and (obj.gazetteer_matched or obj.status != MembershipApplication.Status.SUBMITTED):
            return [*self.readonly_fields, "gazetteer_entry"]
        return self.readonly_fields

    def has_add_permission(self, request):
        return False
