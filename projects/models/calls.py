"""Funding calls, who follows them (a call, or every call of a programme), and the deadline reminders sent.

A call's `status` (proposed -> published | rejected) is changed only by projects.services.calls. Staff record
calls published at once; calls recorded by officers wait for staff. Whether a call is open follows from its
dates: it opens on `opens_on` and takes new proposals until `deadline`; a two-stage call has a
`second_deadline` for the full proposals of those invited.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, F, Q, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.permissions import can_moderate
from core.models import Decided
from projects.models.base import Searchable, person, search_folded, unique_slug
from projects.models.choices import Programme

CLOSING_SOON_DAYS = 30


class CallStatus(models.TextChoices):
    PROPOSED = "proposed", _("Waiting for staff")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", pgettext_lazy("call status", "Rejected")


class CallPhase(models.TextChoices):
    UPCOMING = "upcoming", _("Opens later")
    OPEN = "open", pgettext_lazy("call status", "Open")
    CLOSING = "closing", _("Closing within 30 days")
    CLOSED = "closed", _("Closed")


def call_phase_q(phase: str, today: datetime.date) -> Q:
    if phase == CallPhase.UPCOMING:
        return Q(opens_on__gt=today)
    if phase == CallPhase.OPEN:
        return Q(opens_on__lte=today, deadline__gte=today)
    if phase == CallPhase.CLOSING:
        soon = today + datetime.timedelta(days=CLOSING_SOON_DAYS)
        return Q(opens_on__lte=today, deadline__gte=today, deadline__lte=soon)
    return Q(deadline__lt=today)


class CallQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=CallStatus.PUBLISHED)

    def visible_to(self, user):
        """Published calls for everyone; staff see the proposals too, their author their own."""
        if can_moderate(user):
            return self
        if user and user.is_authenticated:
            return self.filter(Q(status=CallStatus.PUBLISHED) | Q(recorded_by=user))
        return self.published()

    def in_phase(self, phase: str, today: datetime.date | None = None):
        return self.filter(call_phase_q(phase, today or timezone.localdate()))

    def still_open(self, today: datetime.date | None = None):
        """Open now or opening later: what a calendar of open calls and a partner request may name."""
        return self.filter(deadline__gte=today or timezone.localdate())

    def soonest_first(self, today: datetime.date | None = None):
        """Calls still to come by their deadline, the nearest first, then the closed ones, the latest first."""
        today = today or timezone.localdate()
        coming = Case(When(deadline__gte=today, then=F("deadline")), default=None)
        return self.annotate(coming_deadline=coming).order_by(
            F("coming_deadline").asc(nulls_last=True), F("deadline").desc(), "pk"
        )

    def search(self, text: str):
        return search_folded(self, text)


class Call(Searchable, Decided):
    programme = models.CharField(_("programme"), max_length=20, choices=Programme.choices, db_index=True)
    identifier = models.CharField(
        _("call identifier"), max_length=100, help_text=_("As the programme writes it, e.g. HORIZON-CL5-2026-D6-01.")
    )
    title = models.CharField(_("title"), max_length=250)
    slug = models.SlugField(_("slug"), max_length=110, unique=True)
    topics = models.ManyToManyField("topics.Topic", verbose_name=_("topics"), blank=True, related_name="calls")
    opens_on = models.DateField(_("opening date"))
    deadline = models.DateField(
        _("deadline"), help_text=_("For a two-stage call, the deadline of the first stage."), db_index=True
    )
    second_deadline = models.DateField(
        _("second-stage deadline"), null=True, blank=True, help_text=_("Only for a two-stage call.")
    )
    budget_eur = models.DecimalField(
        _("indicative budget (EUR)"), max_digits=14, decimal_places=0, null=True, blank=True
    )
    url = models.URLField(_("official link"), max_length=500)
    summary = models.TextField(
        _("summary for small cities"),
        max_length=5000,
        help_text=_("What the call funds and what it asks of a small or medium-sized city, in plain words."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=CallStatus.choices, default=CallStatus.PROPOSED, db_index=True
    )
    recorded_by = person(_("recorded by"))
    is_demo = models.BooleanField(_("demo content"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = CallQuerySet.as_manager()

    class Meta:
        verbose_name = _("funding call")
        verbose_name_plural = _("funding calls")
        ordering = ["deadline", "pk"]
        indexes = [models.Index(fields=["status", "deadline"], name="projects_call_deadline_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(deadline__gte=F("opens_on")), name="projects_call_deadline_after_opening"
            ),
            models.CheckConstraint(
                condition=Q(second_deadline__isnull=True) | Q(second_deadline__gt=F("deadline")),
                name="projects_call_second_stage_after_first",
            ),
        ]

    def __str__(self):
        return f"{self.identifier}: {self.title}"

    def save(self, *args, **kwargs):
        if not self.slug:  # pages of their own under /calls/
            self.slug = unique_slug(self, self.identifier, fallback="call", reserved=("new", "following", "programmes"))
        super().save(*args, **kwargs)

    def searchable_text(self) -> str:
        return f"{self.identifier} {self.title} {self.summary}"

    def clean(self):
        errors = {}
        if self.opens_on and self.deadline and self.deadline < self.opens_on:
            errors["deadline"] = _("The deadline cannot be before the call opens.")
        if self.deadline and self.second_deadline and self.second_deadline <= self.deadline:
            errors["second_deadline"] = _("The second stage's deadline must come after the first one.")
        if errors:
            raise ValidationError(errors)

    def get_absolute_url(self):
        return reverse("projects:call", args=[self.slug])

    def phase_on(self, today: datetime.date) -> str:
        if self.opens_on > today:
            return CallPhase.UPCOMING
        if self.deadline < today:
            return CallPhase.CLOSED
        if self.deadline <= today + datetime.timedelta(days=CLOSING_SOON_DAYS):
            return CallPhase.CLOSING
        return CallPhase.OPEN

    @property
    def phase(self) -> str:
        return self.phase_on(timezone.localdate())

    def get_phase_display(self) -> str:
        return CallPhase(self.phase).label

    @property
    def is_published(self) -> bool:
        return self.status == CallStatus.PUBLISHED

    @property
    def deadlines(self) -> list[tuple[datetime.date, str]]:
        """Each deadline with what it is for."""
        if self.second_deadline is None:
            return [(self.deadline, str(_("Deadline")))]
        return [
            (self.deadline, str(_("First-stage deadline"))),
            (self.second_deadline, str(_("Second-stage deadline"))),
        ]


class Follow(models.Model):
    """A person follows a call, or every call of a programme, for reminders before each deadline."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="call_follows", verbose_name=_("user")
    )
    call = models.ForeignKey(
        Call, on_delete=models.CASCADE, null=True, blank=True, related_name="follows", verbose_name=_("call")
    )
    programme = models.CharField(_("programme"), max_length=20, choices=Programme.choices, blank=True)
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        verbose_name = _("followed call or programme")
        verbose_name_plural = _("followed calls and programmes")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(call__isnull=False, programme="") | Q(call__isnull=True) & ~Q(programme=""),
                name="projects_follow_call_xor_programme",
            ),
            models.UniqueConstraint(
                fields=["user", "call"], condition=Q(call__isnull=False), name="projects_one_follow_per_call"
            ),
            models.UniqueConstraint(
                fields=["user", "programme"], condition=~Q(programme=""), name="projects_one_follow_per_programme"
            ),
        ]

    def __str__(self):
        return f"{self.user_id} → {self.call or self.get_programme_display()}"


class DeadlineReminder(models.Model):
    """One reminder sent: its unique key makes sending again the same day (or twice at once) a no-op."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="reminders")
    deadline = models.DateField()
    days_before = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("deadline reminder sent")
        verbose_name_plural = _("deadline reminders sent")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "call", "deadline", "days_before"], name="projects_one_reminder_per_deadline"
            )
        ]

    def __str__(self):
        return f"{self.call_id} {self.deadline} −{self.days_before}"
