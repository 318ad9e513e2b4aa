"""The staff's workplace for projects, calls and partner search: queues of proposals with their pending counts,
actions that ask for a reason, and every change made through the workflows, so that each is logged."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin import ActionLogInline
from core.admin_actions import workflow_action
from core.admin_site import PendingQueueAdmin
from core.models import log_action
from projects.models import AfterEndEntry, Call, Interest, Participation, PartnerRequest, Project, Review
from projects.services import calls as call_services
from projects.services import partners as partner_services
from projects.services import projects as project_services

DECISION_FIELDS = ["decided_by", "decided_at", "decision_note"]


def _ask(perform, description, *, required=False):
    return workflow_action(perform, description=description, ask_reason=True, reason_required=required)


class _ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ParticipationInline(_ReadOnlyInline):
    model = Participation
    fields = ["city", "role", "status"]
    readonly_fields = fields


class AfterEndEntryInline(_ReadOnlyInline):
    model = AfterEndEntry
    fields = ["happened_on", "city", "title"]
    readonly_fields = fields


class InterestInline(_ReadOnlyInline):
    model = Interest
    fields = ["city", "officer", "message", "created_at"]
    readonly_fields = fields


class _ThroughWorkflows:
    """Staff's own edits go through the workflows too: an error they give shows as a message, nothing is saved."""

    def _changes_through(self, request, obj, form, update, fields):
        changes = {name: form.cleaned_data[name] for name in fields if name in form.cleaned_data}
        update(obj, by=request.user, changes=changes, topics=form.cleaned_data.get("topics"))

    def save_related(self, request, form, formsets, change):
        # The topics were set by the workflow with the rest; only inlines are left to save.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)


@admin.register(Project)
class ProjectAdmin(_ThroughWorkflows, PendingQueueAdmin):
    pending_label = _("Projects to approve")
    pending_filter = {"status__exact": "proposed"}

    list_display = ["acronym", "title", "programme", "start_date", "end_date", "status", "is_demo"]
    list_filter = ["status", "programme", "is_demo"]
    search_fields = ["acronym", "title"]
    date_hierarchy = "start_date"
    filter_horizontal = ["topics"]
    fields = [
        "acronym", "title", "programme", "start_date", "end_date", "website", "summary", "results", "topics",
        "slug", "status", "proposed_by", "is_demo", *DECISION_FIELDS, "created_at",
    ]
    readonly_fields = ["slug", "status", "proposed_by", "is_demo", *DECISION_FIELDS, "created_at"]
    inlines = [ParticipationInline, AfterEndEntryInline, ActionLogInline]
    actions = [
        _ask(project_services.project_approve, _("Approve: show the project to everyone")),
        _ask(project_services.project_reject, _("Reject the project"), required=True),
    ]

    def has_add_permission(self, request):
        return False  # officers record their city's projects; staff add partner cities as participations

    def save_model(self, request, obj, form, change):
        self._changes_through(
            request, Project.objects.get(pk=obj.pk), form, project_services.project_update,
            project_services.EDITABLE_FIELDS,
        )


@admin.register(Participation)
class ParticipationAdmin(PendingQueueAdmin):
    pending_label = _("Cities asking to join projects")
    pending_filter = {"status__exact": "proposed", "project__status__exact": "approved"}

    list_display = ["project", "city", "role", "status", "created_at"]
    list_filter = ["status", "project__status", "role", "project__programme"]
    search_fields = ["project__acronym", "city__name"]
    list_select_related = ["project", "city"]
    autocomplete_fields = ["project", "city"]
    actions = [
        _ask(project_services.participation_approve, _("Approve the city's part in the project")),
        _ask(project_services.participation_reject, _("Reject the city's part in the project"), required=True),
    ]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:  # staff record a partner city: project, city and role
            return []
        return ["project", "city", "role", "status", "proposed_by", *DECISION_FIELDS, "created_at"]

    def get_fields(self, request, obj=None):
        return ["project", "city", "role"] if obj is None else self.get_readonly_fields(request, obj)

    def get_inlines(self, request, obj):
        return [ActionLogInline] if obj is not None else []

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "project":  # the workflow refuses a rejected project: so does the form, at the field
            kwargs["queryset"] = Project.objects.exclude(status=Review.REJECTED)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        saved = project_services.participation_record(obj.project, by=request.user, city=obj.city, role=obj.role)
        obj.pk = saved.pk


@admin.register(Call)
class CallAdmin(_ThroughWorkflows, PendingQueueAdmin):
    pending_label = _("Funding calls to check")
    pending_filter = {"status__exact": "proposed"}

    list_display = ["identifier", "title", "programme", "opens_on", "deadline", "status", "is_demo"]
    list_filter = ["status", "programme", "is_demo"]
    search_fields = ["identifier", "title"]
    date_hierarchy = "deadline"
    filter_horizontal = ["topics"]
    readonly_fields = ["slug", "status", "recorded_by", "is_demo", *DECISION_FIELDS, "created_at"]
    inlines = [ActionLogInline]
    actions = [
        _ask(call_services.call_publish, _("Publish the call")),
        _ask(call_services.call_reject, _("Reject the call"), required=True),
    ]

    def save_model(self, request, obj, form, change):
        if change:
            self._changes_through(
                request, Call.objects.get(pk=obj.pk), form, call_services.call_update, call_services.EDITABLE_FIELDS
            )
        else:
            call_services.call_record(obj, by=request.user, topics=form.cleaned_data.get("topics", []))


@admin.register(PartnerRequest)
class PartnerRequestAdmin(admin.ModelAdmin):
    list_display = ["title", "city", "programme", "deadline", "status", "members_only", "is_demo", "created_at"]
    list_filter = ["status", "programme", "members_only", "is_demo"]
    search_fields = ["title", "city__name"]
    list_select_related = ["city"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "city", "posted_by", "call", "programme", "title", "description", "role_sought", "countries",
        "population_band", "topics", "sump_wanted", "programme_experience", "deadline", "members_only", "status",
        "closed_at", "is_demo", "created_at",
    ]
    inlines = [InterestInline, ActionLogInline]
    actions = [_ask(partner_services.partner_request_withdraw, _("Withdraw the request"), required=True)]

    def has_add_permission(self, request):
        return False


@admin.register(AfterEndEntry)
class AfterEndEntryAdmin(admin.ModelAdmin):
    """Read-only; staff remove an entry that does not belong (the removal is logged on the project)."""

    list_display = ["title", "project", "city", "happened_on", "author", "created_at"]
    list_filter = ["project__programme"]
    search_fields = ["title", "project__acronym", "city__name"]
    list_select_related = ["project", "city", "author"]
    readonly_fields = ["project", "city", "author", "happened_on", "title", "description", "created_at"]

    def has_add_permission(self, request):
        return False

    def delete_model(self, request, obj):
        log_action(obj.project, "projects.project.after_end_removed", actor=request.user, entry=obj.pk)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for entry in queryset.select_related("project"):
            self.delete_model(request, entry)

