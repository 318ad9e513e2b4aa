"""The vocabularies projects, calls and partner requests share."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cities.likeness import POPULATION_BANDS


class Programme(models.TextChoices):
    HORIZON_EUROPE = "horizon_europe", _("Horizon Europe")
    CIVITAS = "civitas", _("CIVITAS")
    INTERREG = "interreg", _("Interreg")
    LIFE = "life", _("LIFE")
    CEF = "cef", _("Connecting Europe Facility (CEF)")
    EUI = "eui", _("European Urban Initiative")
    NATIONAL = "national", _("National programme")
    OTHER = "other", _("Other programme")


class Role(models.TextChoices):
    """A city's role in a project, or the role a partner request looks for."""

    COORDINATOR = "coordinator", _("Coordinator")
    PARTNER = "partner", _("Partner")
    REPLICATING = "replicating", _("Replicating or follower city")
    ASSOCIATED = "associated", _("Associated partner")


class Review(models.TextChoices):
    """Where a proposal stands with staff: projects, participations and calls recorded by officers."""

    PROPOSED = "proposed", _("Waiting for staff")
    APPROVED = "approved", pgettext_lazy("project status", "Approved")
    REJECTED = "rejected", pgettext_lazy("project status", "Rejected")


class PopulationBand(models.TextChoices):
    """The portal's population bands (cities.likeness.POPULATION_BANDS), as a partner request asks for one."""

    UNDER_20K = "under_20k", _("under 20,000")
    FROM_20K = "20k_50k", _("20,000 to 50,000")
    FROM_50K = "50k_100k", _("50,000 to 100,000")
    FROM_100K = "100k_250k", _("100,000 to 250,000")
    FROM_250K = "250k_500k", _("250,000 to 500,000")
    OVER_500K = "over_500k", _("over 500,000")


# Each band's bounds: the lowest population in it, and the lowest of the next band (None: no upper bound).
BAND_BOUNDS = dict(zip(PopulationBand.values, POPULATION_BANDS, strict=True))


def band_q(band: str, field: str = "population") -> models.Q:
    low, high = BAND_BOUNDS[band]
    condition = models.Q(**{f"{field}__gte": low})
    if high is not None:
        condition &= models.Q(**{f"{field}__lt": high})
    return condition
