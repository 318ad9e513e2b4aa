from django.contrib import admin
from django.contrib.contenttypes.admin import GenericTabularInline
from django.utils.translation import gettext_lazy as _

from core.admin_actions import workflow_action
from core.delivery import mail_send_again
from core.models import ActionLog, OutboxMail, SiteContact


class ReadOnlyAdmin(admin.ModelAdmin):
    """An audit trail is looked at, never written by hand."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ActionLog)
class ActionLogAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "action", "object_repr", "actor"]
    list_filter = ["action", "content_type"]
    search_fields = ["action", "object_repr", "actor__email"]
    date_hierarchy = "created_at"
    list_select_related = ["actor", "content_type"]


@admin.register(SiteContact)
class SiteContactAdmin(admin.ModelAdmin):
    list_display = ["name", "role", "email", "updated_at"]

    def has_add_permission(self, request):
        return not SiteContact.objects.exists()


class WorkflowAdminMixin:
    """For models whose states move only through workflow actions: deleting in bulk would leave no reason,
    no record and send no mail, so the admin offers no such action."""

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions


class ActionLogInline(GenericTabularInline):
    """An object's audit entries, read-only, at the foot of its admin page."""

    model = ActionLog
    ct_field = "content_type"
    ct_fk_field = "object_id"
    fields = ["created_at", "action", "actor", "data"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = _("audit trail")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(OutboxMail)
class OutboxMailAdmin(ReadOnlyAdmin):
    """Every mail and where it stands. The text is not shown: links in it may still work (a password reset)."""

    list_display = ["created_at", "to_email", "subject", "state", "attempts", "next_attempt_at", "sent_at"]
    list_filter = ["state", "language", "template"]
    search_fields = ["to_email", "subject", "key"]
    date_hierarchy = "created_at"
    fields = [
        "to_email",
        "user",
        "subject",
        "template",
        "language",
        "state",
        "attempts",
        "last_error",
        "created_at",
        "attempted_at",
        "next_attempt_at",
        "sent_at",
        "key",
    ]
    readonly_fields = fields
    list_select_related = ["user"]
    actions = [
        workflow_action(mail_send_again, description=_("Send again"), ask_reason=True, permission="resend"),
    ]
    inlines = [ActionLogInline]

    def has_resend_permission(self, request):
        return request.user.has_perm("core.resend_outboxmail")


admin.site.site_header = _("SMC Portal administration")
admin.site.site_title = _("SMC Portal")
admin.site.index_title = _("Staff workplace")
