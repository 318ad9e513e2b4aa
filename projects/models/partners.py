"""Partner requests: a city looks for partner cities for a call or a project idea, and other cities say they
are interested.

A request's `status` (open -> filled | withdrawn | closed) is changed only by projects.services.partners; it
closes by itself once its deadline has passed (close_expired_partner_requests, run daily), and no interest is
taken after the deadline even before that run. A city says it is interested once per request, never in its
own city's request: both are database constraints.
"""

import datetime

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import CountryField

from accounts.permissions import can_see_members_only
from projects.models.base import Searchable, person, search_folded
from projects.models.choices import PopulationBand, Programme, Role

# The SUMP statuses a request may ask for; the values are those of cities.City.Sump.
SUMP_WANTED = [
    ("in_preparation", _("SUMP in preparation or adopted")),
    ("adopted", _("SUMP adopted")),
]


class RequestStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("partner request status", "Open")
    FILLED = "filled", _("Filled")
    WITHDRAWN = "withdrawn", pgettext_lazy("partner request status", "Withdrawn")
    CLOSED = "closed", _("Closed after its deadline")


class PartnerRequestQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Public requests for everyone; members-only ones for verified officers and staff. It depends on rights
        alone, so that a page listing them is the same for everyone with the same rights."""
        return self if can_see_members_only(user) else self.filter(members_only=False)

    def taking_interest(self, today: datetime.date | None = None):
        """Open and not past their deadline: the requests a city may still answer."""
        return self.filter(status=RequestStatus.OPEN, deadline__gte=today or timezone.localdate())

    def search(self, text: str):
        return search_folded(self, text)


class PartnerRequest(Searchable):
    city = models.ForeignKey(
        "cities.City", on_delete=models.CASCADE, related_name="partner_requests", verbose_name=_("posted for")
    )
    posted_by = person(_("posted by"), related_name="partner_requests")
    call = models.ForeignKey(
        "projects.Call",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="partner_requests",
        verbose_name=_("call"),
    )
    programme = models.CharField(_("programme"), max_length=20, choices=Programme.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("the project idea"), max_length=5000)
    role_sought = models.CharField(_("role offered to the partner"), max_length=20, choices=Role.choices)
    countries = CountryField(_("countries wanted"), multiple=True, blank=True)
    population_band = models.CharField(
        _("population wanted"), max_length=20, choices=PopulationBand.choices, blank=True
    )
    topics = models.ManyToManyField(
        "topics.Topic", verbose_name=_("topics"), blank=True, related_name="partner_requests"
    )
    sump_wanted = models.CharField(_("mobility plan wanted"), max_length=20, choices=SUMP_WANTED, blank=True)
    programme_experience = models.BooleanField(_("experience with the programme wanted"), default=False)
    deadline = models.DateField(_("answer by"))
    members_only = models.BooleanField(
        _("members only"), default=True, help_text=_("Only verified city officers and staff can see it.")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.OPEN, db_index=True
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo content"), default=False)
    created_at = models.DateTimeField(_("posted at"), auto_now_add=True)

    objects = PartnerRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("partner request")
        verbose_name_plural = _("partner requests")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "deadline"], name="projects_req_deadline_idx"),
            models.Index(fields=["-created_at", "-id"], name="projects_req_newest_idx"),
        ]

    def __str__(self):
        return self.title

    def searchable_text(self) -> str:
        return f"{self.title} {self.description}"

    def get_absolute_url(self):
        return reverse("projects:partner-request", args=[self.pk])

    @property
    def audit_label(self) -> str:
        return f"partner request #{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status == RequestStatus.OPEN

    def takes_interest_on(self, today: datetime.date) -> bool:
        return self.status == RequestStatus.OPEN and self.deadline >= today

    @property
    def takes_interest(self) -> bool:
        return self.takes_interest_on(timezone.localdate())


class Interest(models.Model):
    """A city answers a partner request: once per request, never its own city's (see the constraints)."""

    request = models.ForeignKey(
        PartnerRequest, on_delete=models.CASCADE, related_name="interests", verbose_name=_("partner request")
    )
    city = models.ForeignKey("cities.City", on_delete=models.CASCADE, related_name="+", verbose_name=_("city"))
    # The request's city, copied here by the workflow so that the database itself refuses a city's interest in
    # its own request.
    request_city = models.ForeignKey("cities.City", on_delete=models.CASCADE, related_name="+", editable=False)
    officer = person(_("officer"), related_name="partner_interests")
    message = models.TextField(_("message"), max_length=3000)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("interest")
        verbose_name_plural = _("interests")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["request", "city"], name="projects_one_interest_per_city"),
            models.CheckConstraint(
                condition=~Q(city=F("request_city")), name="projects_no_interest_in_own_request"
            ),
        ]

    def __str__(self):
        return f"{self.city} → {self.request}"

    @property
    def audit_label(self) -> str:
        return f"interest #{self.pk}"
