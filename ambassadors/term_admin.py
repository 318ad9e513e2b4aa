"""The staff's side of the ambassadors' terms: the queue of ambassadors who did not answer the yearly question,
every verified signature's term, and the steps staff take (ambassadors.services): record that someone left
office, or that they still hold it. Everything here is read-only but for those actions, which ask for a reason."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from ambassadors.forms import date_input
from ambassadors.models import AmbassadorTerm, Reconfirmation, Signature
from ambassadors.services import signature_confirm_in_office, signature_record_left_office
from core.admin import ActionLogInline
from core.admin_actions import ReasonForm, workflow_action
from core.admin_site import PendingQueueAdmin


class LeftOfficeForm(ReasonForm):
    left_office_on = forms.DateField(label=_("Left office on"), widget=date_input())

    field_order = ["left_office_on", "reason"]


TERM_ACTIONS = [
    workflow_action(
        signature_record_left_office,
        description=_("Record that they left office (shown as former ambassadors)"),
        form_class=LeftOfficeForm,
    ),
    workflow_action(
        signature_confirm_in_office,
        description=_("Record that they still hold the office"),
        ask_reason=True,
        reason_required=True,
    ),
]

TERM_FIELDS = ["term_status", "term_ends_on", "office_confirmed_on", "left_office_on"]


class ReconfirmationInline(admin.TabularInline):
    """The questions asked and their answers, read-only."""

    model = Reconfirmation
    fields = ["occasion", "due_on", "sent_on", "answer", "answered_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(AmbassadorTerm)
class AmbassadorTermAdmin(PendingQueueAdmin):
    pending_label = _("Ambassadors who did not re-confirm")
    pending_filter = {"status__exact": Signature.Status.VERIFIED, "term_status__exact": Signature.Term.UNANSWERED}

    list_display = ["full_name", "city", "office_display", "term_status", "office_confirmed_on", "term_ends_on",
                    "left_office_on"]
    list_filter = ["term_status"]
    search_fields = ["full_name", "email", "city__name", "certificate_code"]
    list_select_related = ["city"]
    fields = ["full_name", "office", "office_title", "city", "email", "declaration", *TERM_FIELDS, "verified_at"]
    readonly_fields = fields
    inlines = [ReconfirmationInline, ActionLogInline]
    actions = TERM_ACTIONS

    def get_queryset(self, request):
        return super().get_queryset(request).verified()

    @admin.display(description=_("office"))
    def office_display(self, obj):
        return obj.office_display

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # a former ambassador stays in the record

    def change_view(self, request, object_id, form_url="", extra_context=None):
        buttons = {"show_save": False, "show_save_and_continue": False, "show_save_and_add_another": False}
        return super().change_view(request, object_id, form_url, {**buttons, **(extra_context or {})})
