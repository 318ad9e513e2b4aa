"""Cities like yours, with the portal's engine (cities.likeness): what projects add to it.

- On a city's profile, the projects signals (registered in core.extensions.likeness_signals): cities that took
  part in, or led, an approved project of a programme the city has worked in ("led a project (CIVITAS)").
- On a partner request, the cities ranked by what the request asks: its population band, its countries and
  their neighbours, its topics, the mobility plan it wants, and experience with its programme when it asks for
  it. The request's wishes are the engine's subject (Asked) and these are their signals; the engine sums them in
  one query over the member cities and puts the points of the few shown into words.
"""

from dataclasses import dataclass

from django.db.models import Case, IntegerField, Q, Value, When
from django.utils.translation import gettext as _

from cities.likeness import OWN_SIGNALS, Match, neighbours, rank
from core.extensions import LikenessSignal
from projects.models import Participation, PopulationBand, Programme, Role
from projects.models.choices import BAND_BOUNDS, band_q
from projects.sections import city_participations

SHOWN = 6
# Points, in the engine's measure (a same population band is worth 3, a shared topic 1).
POINTS_LED = 2
POINTS_TOOK_PART = 1
POINTS_ASKED_BAND = 3
POINTS_ASKED_COUNTRY = 3
POINTS_NEIGHBOUR = 1
POINTS_ASKED_PLAN = 2
POINTS_ASKED_EXPERIENCE = {"led": 3, "took_part": 2}


def _points(cases: list[tuple[Q, int]]) -> Case:
    return Case(
        *(When(condition, then=Value(points)) for condition, points in cases),
        default=Value(0),
        output_field=IntegerField(),
    )


def _took_part(programmes) -> tuple[Q, Q]:
    """Over City rows: led an approved project of PROGRAMMES, and took part in one. Each is a set of cities the
    database builds once and probes for every row (a subquery per row would cost seconds over 7,000 cities)."""
    taken_part = Participation.objects.approved().filter(project__programme__in=programmes)
    return (
        Q(pk__in=taken_part.filter(role=Role.COORDINATOR).values("city_id")),
        Q(pk__in=taken_part.values("city_id")),
    )


# The projects signals of a city's profile ------------------------------------------------------------------------


MOST_PROGRAMMES_COMPARED = 3


def _recent_programmes(city) -> list[str]:
    """The programmes of the city's most recent projects, at most MOST_PROGRAMMES_COMPARED: each costs the
    ranking two sets of cities (about 10 ms over 7,000 cities)."""
    programmes = []
    for participation in city_participations(city):  # the most recent first
        if participation.project.programme not in programmes:
            programmes.append(participation.project.programme)
    return programmes[:MOST_PROGRAMMES_COMPARED]


def _programme_signal(programme: str) -> LikenessSignal:
    """Cities that led or took part in an approved project of PROGRAMME, when the city has worked in it too. One
    signal a programme, so that its points say which programme without a query; the city's own programmes come
    from its profile's projects section (one query for both)."""
    name = f"projects_{programme}"

    def points(city):
        if programme not in _recent_programmes(city):
            return Value(0)
        led, took_part = _took_part([programme])
        return _points([(led, POINTS_LED), (took_part, POINTS_TOOK_PART)])

    def reasons(city, matches) -> dict[int, str]:
        label = {"programme": Programme(programme).label}
        led, took_part = _("led a project (%(programme)s)") % label, _("took part in a project (%(programme)s)") % label
        return {
            match.city.pk: led if match.points[name] == POINTS_LED else took_part
            for match in matches
            if match.points[name]
        }

    return LikenessSignal(name, points=points, reasons=reasons)


PROJECT_SIGNALS = [_programme_signal(programme) for programme in Programme.values]


# What a partner request asks -------------------------------------------------------------------------------------


class _Listed(list):
    """A list that answers .all(), as the engine asks a subject's topics."""

    def all(self):
        return self


@dataclass
class Asked:
    """A partner request's wishes as the engine's subject: the asking city is left out, and ties go to the
    middle of the population band asked for."""

    request: object
    topics: _Listed

    @property
    def pk(self) -> int:
        return self.request.city_id

    @property
    def population(self) -> int | None:
        if not self.request.population_band:
            return None
        low, high = BAND_BOUNDS[self.request.population_band]
        return (low + high) // 2 if high is not None else low


def _band_points(asked):
    band = asked.request.population_band
    return _points([(band_q(band), POINTS_ASKED_BAND)]) if band else Value(0)


def _band_reasons(asked, matches) -> dict[int, str]:
    if not asked.request.population_band:
        return {}
    label = _("population %(band)s") % {"band": PopulationBand(asked.request.population_band).label}
    return {match.city.pk: label for match in matches if match.points["population"]}


def _countries(asked) -> set[str]:
    return {country.code for country in asked.request.countries}


def _near(countries: set[str]) -> set[str]:
    return set().union(*(neighbours(code) for code in countries)) - countries if countries else set()


def _country_points(asked):
    countries = _countries(asked)
    if not countries:
        return Value(0)
    return _points([
        (Q(country__in=sorted(countries)), POINTS_ASKED_COUNTRY),
        (Q(country__in=sorted(_near(countries))), POINTS_NEIGHBOUR),
    ])


def _country_reasons(asked, matches) -> dict[int, str]:
    reasons = {}
    for match in matches:
        name = match.city.country.name
        if match.points["country"] == POINTS_ASKED_COUNTRY:
            reasons[match.city.pk] = _("country asked for (%(country)s)") % {"country": name}
        elif match.points["country"]:
            reasons[match.city.pk] = _("neighbouring country (%(country)s)") % {"country": name}
    return reasons


SUMP_MATCHES = {"in_preparation": ("in_preparation", "adopted"), "adopted": ("adopted",)}


def _plan_points(asked):
    wanted = SUMP_MATCHES.get(asked.request.sump_wanted, ())
    return _points([(Q(sump_status__in=wanted), POINTS_ASKED_PLAN)]) if wanted else Value(0)


def _plan_reasons(asked, matches) -> dict[int, str]:
    return {match.city.pk: match.city.get_sump_status_display() for match in matches if match.points["plan"]}


def _experience_points(asked):
    if not asked.request.programme_experience:
        return Value(0)
    led, took_part = _took_part([asked.request.programme])
    return _points([(led, POINTS_ASKED_EXPERIENCE["led"]), (took_part, POINTS_ASKED_EXPERIENCE["took_part"])])


def _experience_reasons(asked, matches) -> dict[int, str]:
    programme = {"programme": Programme(asked.request.programme).label}
    led = _("led a project (%(programme)s)") % programme
    took_part = _("took part in a project (%(programme)s)") % programme
    return {
        match.city.pk: led if match.points["experience"] == POINTS_ASKED_EXPERIENCE["led"] else took_part
        for match in matches
        if match.points["experience"]
    }


TOPICS_SIGNAL = next(signal for signal in OWN_SIGNALS if signal.name == "topics")  # the engine's, as it is
REQUEST_SIGNALS = [
    LikenessSignal("population", points=_band_points, reasons=_band_reasons),
    LikenessSignal("country", points=_country_points, reasons=_country_reasons),
    TOPICS_SIGNAL,
    LikenessSignal("plan", points=_plan_points, reasons=_plan_reasons),
    LikenessSignal("experience", points=_experience_points, reasons=_experience_reasons),
]


def cities_for_request(partner_request, *, topics=None, shown: int = SHOWN) -> list[Match]:
    """The member cities that match what PARTNER_REQUEST asks best, each with its reasons. TOPICS: the request's
    topics when the caller has read them already."""
    asked = Asked(request=partner_request, topics=_Listed(partner_request.topics.all() if topics is None else topics))
    return rank(asked, REQUEST_SIGNALS, shown=shown)
