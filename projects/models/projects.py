"""Projects: an EU or national project, its partner cities with their roles, its results, and what continued
after its official end.

A project's and a participation's `status` (proposed -> approved | rejected) is changed only by
projects.services.projects. A project's phase (upcoming, running, ended) follows from its dates and today: it
is computed, never stored.
"""

import datetime
from functools import cached_property

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.permissions import can_moderate, officer_city_ids
from core.models import Decided
from projects.models.base import Searchable, person, search_folded, unique_slug
from projects.models.choices import Programme, Review, Role


class Phase(models.TextChoices):
    UPCOMING = "upcoming", _("Upcoming")
    RUNNING = "running", _("Running")
    ENDED = "ended", _("Ended")


def phase_q(phase: str, today: datetime.date, *, prefix: str = "") -> Q:
    """The projects in PHASE on TODAY, as a filter (PREFIX reaches them from a related model)."""
    if phase == Phase.UPCOMING:
        return Q(**{f"{prefix}start_date__gt": today})
    if phase == Phase.RUNNING:
        return Q(**{f"{prefix}start_date__lte": today, f"{prefix}end_date__gte": today})
    return Q(**{f"{prefix}end_date__lt": today})


class ProjectQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Review.APPROVED)

    def visible_to(self, user):
        """Approved projects for everyone; staff see every proposal, a city's officers their city's own."""
        if can_moderate(user):
            return self
        cities = officer_city_ids(user)
        if not cities:
            return self.approved()
        own = Participation.objects.filter(city_id__in=cities).exclude(status=Review.REJECTED).values("project_id")
        return self.filter(Q(status=Review.APPROVED) | Q(pk__in=own))

    def in_phase(self, phase: str, today: datetime.date | None = None):
        return self.filter(phase_q(phase, today or timezone.localdate()))

    def search(self, text: str):
        """Every word of TEXT in the acronym, title or summary, accents and case aside."""
        return search_folded(self, text)


class Project(Searchable, Decided):
    acronym = models.CharField(_("acronym"), max_length=40)
    title = models.CharField(_("title"), max_length=250)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    programme = models.CharField(_("programme"), max_length=20, choices=Programme.choices, db_index=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    website = models.URLField(_("website"), max_length=500, blank=True)
    summary = models.TextField(_("summary"), max_length=5000)
    results = models.TextField(
        _("results"), max_length=10_000, blank=True, help_text=_("What the project achieved, in a few lines.")
    )
    topics = models.ManyToManyField(
        "topics.Topic", verbose_name=_("topics"), blank=True, related_name="projects"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Review.choices, default=Review.PROPOSED, db_index=True
    )
    proposed_by = person(_("proposed by"))
    is_demo = models.BooleanField(_("demo content"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["-start_date", "acronym"]
        indexes = [
            models.Index(fields=["status", "-start_date"], name="projects_project_list_idx"),
            models.Index(fields=["status", "-decided_at"], name="projects_project_feed_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="projects_project_ends_after_start"
            )
        ]

    def __str__(self):
        return self.acronym

    def save(self, *args, **kwargs):
        if not self.slug:  # "new" and "feed" are pages of their own under /projects/
            self.slug = unique_slug(self, self.acronym, fallback="project", reserved=("new", "feed"))
        super().save(*args, **kwargs)

    def searchable_text(self) -> str:
        return f"{self.acronym} {self.title} {self.summary}"

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The project cannot end before it starts.")})

    def get_absolute_url(self):
        return reverse("projects:detail", args=[self.slug])

    def phase_on(self, today: datetime.date) -> str:
        if self.start_date > today:
            return Phase.UPCOMING
        return Phase.RUNNING if self.end_date >= today else Phase.ENDED

    @property
    def phase(self) -> str:
        return self.phase_on(timezone.localdate())

    def get_phase_display(self) -> str:
        return Phase(self.phase).label

    @property
    def is_approved(self) -> bool:
        return self.status == Review.APPROVED

    @property
    def is_rejected(self) -> bool:
        return self.status == Review.REJECTED

    @cached_property
    def partner_city_ids(self) -> set[int]:
        """The cities whose officers speak for the project: its approved partners, or while it waits for
        staff, the partners it was proposed with."""
        status = Review.APPROVED if self.is_approved else Review.PROPOSED
        return set(self.participations.filter(status=status).values_list("city_id", flat=True))

    @cached_property
    def live_city_ids(self) -> set[int]:
        """Every city that takes part or has asked to: a city asks to join a project once."""
        return set(self.participations.exclude(status=Review.REJECTED).values_list("city_id", flat=True))


ROLE_ORDER = [Role.COORDINATOR, Role.PARTNER, Role.REPLICATING, Role.ASSOCIATED]


def by_role():
    """Participations ordered as a consortium is listed: the coordinator first."""
    order = models.Case(
        *(models.When(role=role, then=models.Value(rank)) for rank, role in enumerate(ROLE_ORDER)),
        output_field=models.IntegerField(),
    )
    return [order.asc(), "city__search_name", "pk"]


class ParticipationQuerySet(models.QuerySet):
    def by_role(self):
        return self.order_by(*by_role())

    def approved(self):
        """Approved participations: what the public pages show. Only an approved project has any (its founding
        partners are decided with it, and cities join approved projects only), so no join is needed to ask."""
        return self.filter(status=Review.APPROVED)

    def proposed(self):
        return self.filter(status=Review.PROPOSED)


class Participation(Decided):
    """A city's part in a project. A city joins a project once (a rejected request may be made again)."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="participations", verbose_name=_("project")
    )
    city = models.ForeignKey(
        "cities.City", on_delete=models.CASCADE, related_name="participations", verbose_name=_("city")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Review.choices, default=Review.PROPOSED, db_index=True
    )
    proposed_by = person(_("proposed by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ParticipationQuerySet.as_manager()

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        ordering = ["project", "pk"]
        indexes = [models.Index(fields=["city", "status", "role"], name="projects_partner_city_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "city"],
                condition=~Q(status=Review.REJECTED),
                name="projects_one_live_participation_per_city",
            )
        ]

    def __str__(self):
        return f"{self.city} – {self.get_role_display()}, {self.project}"

    @property
    def audit_label(self) -> str:
        return f"participation #{self.pk}"


class AfterEndEntry(models.Model):
    """What continued after a project's official end, and how: written by a partner city's officer."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="after_end_entries", verbose_name=_("project")
    )
    city = models.ForeignKey("cities.City", on_delete=models.CASCADE, related_name="+", verbose_name=_("city"))
    author = person(_("written by"))
    happened_on = models.DateField(_("when"))
    title = models.CharField(_("what continued"), max_length=200)
    description = models.TextField(_("how"), max_length=5000)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("after-the-end entry")
        verbose_name_plural = _("after-the-end entries")
        ordering = ["happened_on", "pk"]

    def __str__(self):
        return self.title

    @property
    def audit_label(self) -> str:
        return f"after-the-end entry #{self.pk}"
