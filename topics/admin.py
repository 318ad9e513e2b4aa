import zoneinfo

from django import forms
from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.admin import ActionLogInline
from core.admin_actions import ReasonForm, workflow_action
from core.admin_site import PendingQueueAdmin
from topics import moderation
from topics.models import Meeting, Post, Report, Resource, Thread, Topic


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order", "is_active"]
    list_editable = ["order", "is_active"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class MoveForm(ReasonForm):
    topic = forms.ModelChoiceField(label=_("Move to topic"), queryset=Topic.objects.all())

    field_order = ["topic", "reason"]


def _ask(perform, description, **kwargs):
    return workflow_action(perform, description=description, ask_reason=True, reason_required=True, **kwargs)


@admin.register(Thread)
class ThreadAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "topic",
        "author",
        "author_city",
        "reply_count",
        "last_activity_at",
        "members_only",
        "is_pinned",
        "is_locked",
        "is_hidden",
    ]
    list_filter = ["topic", "members_only", "is_pinned", "is_locked", "is_hidden"]
    search_fields = ["title", "author__email", "author__full_name"]
    list_select_related = ["topic", "author", "author_city"]
    date_hierarchy = "created_at"
    # State changes go through the actions (topics.services), which log them: nothing is edited by hand.
    readonly_fields = [
        "topic",
        "title",
        "author",
        "author_city",
        "members_only",
        "is_pinned",
        "is_locked",
        "is_hidden",
        "reply_count",
        "last_activity_at",
        "created_at",
    ]
    inlines = [ActionLogInline]
    actions = [
        _ask(moderation.thread_lock, _("Lock: no more replies")),
        _ask(moderation.thread_unlock, _("Unlock")),
        _ask(moderation.thread_pin, _("Pin to the top of the topic")),
        _ask(moderation.thread_unpin, _("Unpin")),
        _ask(moderation.thread_hide, _("Hide the thread")),
        _ask(moderation.thread_unhide, _("Show the thread again")),
        workflow_action(moderation.thread_move, description=_("Move to another topic"), form_class=MoveForm),
    ]

    def has_add_permission(self, request):
        return False


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ["__str__", "author", "author_city", "created_at", "edited_at", "is_hidden", "hidden_by_reports"]
    list_filter = ["is_hidden", "hidden_by_reports", "thread__topic"]
    search_fields = ["body", "author__email", "thread__title"]
    list_select_related = ["thread", "author", "author_city"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "thread",
        "author",
        "author_city",
        "body",
        "is_first",
        "is_hidden",
        "hidden_by_reports",
        "created_at",
        "edited_at",
    ]
    inlines = [ActionLogInline]
    actions = [
        _ask(moderation.post_hide, _("Hide the post (its author is told why)")),
        _ask(moderation.post_unhide, _("Show the post again")),
        _ask(moderation.post_review_restore, _("Review: restore the post that reports hid")),
        _ask(moderation.post_review_confirm, _("Review: keep the post that reports hid hidden")),
    ]

    def has_add_permission(self, request):
        return False


class HiddenByReportsFilter(admin.SimpleListFilter):
    title = _("hidden by reports")
    parameter_name = "hidden_by_reports"

    def lookups(self, request, model_admin):
        return [("yes", _("Hidden by reports, waiting for review")), ("no", _("Not hidden by reports"))]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(post__hidden_by_reports=self.value() == "yes")
        return queryset


@admin.register(Report)
class ReportAdmin(PendingQueueAdmin):
    pending_label = _("Reported posts")
    pending_filter = {"status__exact": "open"}

    list_display = ["__str__", "post_excerpt", "hidden_by_reports", "reason", "reporter", "status", "created_at"]
    list_filter = ["status", HiddenByReportsFilter]
    # The posts that reports hid come first: they wait for a review, and their author for an answer.
    ordering = ["-post__hidden_by_reports", "-created_at"]
    search_fields = ["reason", "post__body"]
    list_select_related = ["post", "reporter"]
    readonly_fields = [
        "post",
        "post_excerpt",
        "reporter",
        "reason",
        "status",
        "decided_by",
        "decided_at",
        "decision_note",
        "created_at",
    ]
    inlines = [ActionLogInline]
    actions = [
        _ask(moderation.report_restore_post, _("Review: restore the post that reports hid")),
        _ask(moderation.report_confirm_hiding, _("Review: keep the post that reports hid hidden")),
        _ask(moderation.report_hide_post, _("Hide the reported post and resolve")),
        _ask(moderation.report_resolve, _("Resolve (dealt with otherwise)")),
        _ask(moderation.report_dismiss, _("Dismiss: nothing wrong")),
    ]

    @admin.display(description=_("post"))
    def post_excerpt(self, report):
        return report.post.body[:200]

    @admin.display(description=_("hidden by reports"), boolean=True, ordering="post__hidden_by_reports")
    def hidden_by_reports(self, report):
        return report.post.hidden_by_reports

    def has_add_permission(self, request):
        return False



@admin.register(Resource)
class ResourceAdmin(admin.ModelAdmin):
    list_display = ["title", "topic", "kind", "shared_by", "members_only", "is_hidden", "created_at"]
    list_filter = ["topic", "kind", "members_only", "is_hidden"]
    search_fields = ["title", "description"]
    list_select_related = ["topic", "shared_by"]
    readonly_fields = [
        "topic",
        "kind",
        "title",
        "description",
        "url",
        "file",
        "content_type",
        "size",
        "shared_by",
        "shared_by_city",
        "members_only",
        "is_hidden",
        "created_at",
    ]
    inlines = [ActionLogInline]
    actions = [
        _ask(moderation.resource_hide, _("Hide the resource")),
        _ask(moderation.resource_unhide, _("Show the resource again")),
    ]

    def has_add_permission(self, request):
        return False


class MeetingAdminForm(forms.ModelForm):
    """Start and end are typed as wall-clock times of the meeting's own time zone."""

    class Meta:
        model = Meeting
        fields = [
            "topic",
            "title",
            "time_zone",
            "starts_at",
            "ends_at",
            "place",
            "online_url",
            "agenda",
            "members_only",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            zone = zoneinfo.ZoneInfo(self.instance.time_zone)
            current = timezone.get_current_timezone()
            for name in ("starts_at", "ends_at"):
                local = getattr(self.instance, name).astimezone(zone).replace(tzinfo=None)
                self.initial[name] = timezone.make_aware(local, current)

    def clean(self):
        cleaned = super().clean()
        zone_name = cleaned.get("time_zone")
        if zone_name and zone_name not in zoneinfo.available_timezones():
            self.add_error(
                "time_zone",
                _("“%(value)s” is not a time zone name such as Europe/Brussels.") % {"value": zone_name},
            )
        elif zone_name:
            zone = zoneinfo.ZoneInfo(zone_name)
            for name in ("starts_at", "ends_at"):
                if cleaned.get(name):
                    wall = timezone.localtime(cleaned[name]).replace(tzinfo=None)
                    cleaned[name] = wall.replace(tzinfo=zone)
        if cleaned.get("starts_at") and cleaned.get("ends_at") and cleaned["ends_at"] <= cleaned["starts_at"]:
            self.add_error("ends_at", _("The meeting must end after it starts."))
        return cleaned


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    form = MeetingAdminForm
    list_display = ["title", "topic", "starts_at", "time_zone", "members_only"]
    list_filter = ["topic", "members_only"]
    search_fields = ["title", "agenda"]
    date_hierarchy = "starts_at"

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
