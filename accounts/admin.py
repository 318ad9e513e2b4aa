from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from accounts.models import Affiliation, User
from accounts.services import (
    account_delete,
    affiliation_reject,
    affiliation_revoke,
    affiliation_verify,
    reporting_right_restore,
    reporting_right_withdraw,
)
from core.admin import ActionLogInline, WorkflowAdminMixin
from core.admin_actions import workflow_action
from core.admin_site import PendingQueueAdmin


class UserCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ["email", "full_name"]


class UserEditForm(UserChangeForm):
    class Meta:
        model = User
        fields = [
            "email",
            "password",
            "full_name",
            "language",
            "is_active",
            "is_staff",
            "is_superuser",
            "groups",
            "user_permissions",
        ]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """Accounts log in with their email; there is no username."""

    add_form = UserCreationForm
    form = UserEditForm

    ordering = ["email"]
    list_display = ["email", "full_name", "is_staff", "is_active", "date_joined", "last_login"]
    list_filter = ["is_staff", "is_superuser", "is_active", "reporting_revoked"]
    search_fields = ["email", "full_name"]
    # The right to report changes only through the actions below, which ask for a reason and log it.
    readonly_fields = ["date_joined", "last_login", "signup_language", "reporting_revoked"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["full_name", "language", "signup_language"]}),
        (
            _("Permissions"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions", "reporting_revoked"]},
        ),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": ["email", "full_name", "usable_password", "password1", "password2"],
            },
        )
    ]
    inlines = [ActionLogInline]
    actions = [
        workflow_action(
            reporting_right_withdraw,
            description=_("Withdraw the right to report posts (reports in bad faith)"),
            ask_reason=True,
            reason_required=True,
        ),
        workflow_action(
            reporting_right_restore,
            description=_("Give back the right to report posts"),
            ask_reason=True,
            reason_required=True,
        ),
    ]

    def delete_model(self, request, obj):
        # As "delete my account": other apps' hooks run, the audit trail forgets the name.
        account_delete(obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for user in queryset:
            account_delete(user, by=request.user)


class CityCountryFilter(admin.SimpleListFilter):
    """Only the countries that have affiliations, not all of ISO 3166."""

    title = _("city's country")
    parameter_name = "country"

    def lookups(self, request, model_admin):
        codes = (
            Affiliation.objects.order_by("city__country").values_list("city__country", flat=True).distinct()
        )
        return [(code, countries.name(code)) for code in codes]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(city__country=self.value())
        return queryset


@admin.register(Affiliation)
class AffiliationAdmin(WorkflowAdminMixin, PendingQueueAdmin):
    pending_label = _("Affiliation requests")
    pending_filter = {"status__exact": "pending"}

    list_display = [
        "user",
        "user_email",
        "city",
        "role",
        "job_title",
        "status",
        "email_on_official_domain",
        "created_at",
    ]
    list_filter = ["status", "role", CityCountryFilter]
    list_select_related = ["user", "city"]
    search_fields = ["user__email", "user__full_name", "city__name", "job_title"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "user",
        "user_email",
        "city",
        "official_email_domain",
        "email_on_official_domain",
        "role",
        "job_title",
        "note",
        "listed_publicly",
        "status",
        "decision_note",
        "decided_by",
        "decided_at",
        "created_at",
    ]
    fieldsets = [
        (None, {"fields": ["user", "user_email", "city", "role", "job_title", "note", "listed_publicly"]}),
        (_("Evidence"), {"fields": ["official_email_domain", "email_on_official_domain"]}),
        (_("Decision"), {"fields": ["status", "decision_note", "decided_by", "decided_at", "created_at"]}),
    ]
    inlines = [ActionLogInline]
    actions = [
        workflow_action(affiliation_verify, description=_("Verify the affiliation"), ask_reason=True),
        workflow_action(
            affiliation_reject, description=_("Reject the request"), ask_reason=True, reason_required=True
        ),
        workflow_action(
            affiliation_revoke, description=_("Revoke the affiliation"), ask_reason=True, reason_required=True
        ),
    ]

    @admin.display(description=_("email"), ordering="user__email")
    def user_email(self, obj):
        return obj.user.email

    @admin.display(description=_("city's official email domain"))
    def official_email_domain(self, obj):
        return obj.city.official_email_domain or "—"

    @admin.display(description=_("email on the city's official domain"), boolean=True)
    def email_on_official_domain(self, obj):
        # Evidence only: staff still decide.
        return obj.email_on_official_domain

    def has_add_permission(self, request):
        return False

