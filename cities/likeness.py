"""Cities like yours: the member cities most like a given city, each with the reasons it matched.

Signals in, ranked matches with scores and reasons out. A signal (core.extensions.LikenessSignal) gives each
other member city some points as an SQL expression, and later puts its points into words. This module brings
its own four (population band, country and its neighbours, shared topics, mobility plan status); other apps add
theirs to core.extensions.likeness_signals. Every signal's points are summed and ranked in one query over the
member cities, ties going to the city closest in population, so a profile costs two queries (the ranking and
the shared topics' names) plus at most one per added signal, whatever the number of cities (about 12 ms for
7,000 member cities on a busy PostgreSQL; the profile page is cached until a city changes, see cities/views.py).

The population bands and the table of neighbouring countries are data, here.
"""

from dataclasses import dataclass, field

from django.db.models import Case, F, IntegerField, Q, Value, When
from django.db.models.functions import Abs, Least
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cities.models import City
from core import extensions
from core.extensions import LikenessSignal

SHOWN = 5

# Inhabitants: (at least, fewer than); the portal's focus is on small and medium-sized cities.
POPULATION_BANDS = [
    (0, 20_000),
    (20_000, 50_000),
    (50_000, 100_000),
    (100_000, 250_000),
    (250_000, 500_000),
    (500_000, None),
]

# Land borders in Europe, and the two fixed links (the Øresund bridge, the Channel Tunnel), each pair once.
BORDERS = """
AD-ES AD-FR AL-GR AL-ME AL-MK AT-CH AT-CZ AT-DE AT-HU AT-IT AT-LI AT-SI AT-SK BA-HR BA-ME BA-RS
BE-DE BE-FR BE-LU BE-NL BG-GR BG-MK BG-RO BG-RS BG-TR BY-LT BY-LV BY-PL BY-RU BY-UA CH-DE CH-FR CH-IT
CH-LI CZ-DE CZ-PL CZ-SK DE-DK DE-FR DE-LU DE-NL DE-PL DK-SE EE-LV EE-RU ES-FR ES-PT FI-NO FI-RU FI-SE
FR-GB FR-IT FR-LU FR-MC GB-IE GR-MK GR-TR HR-HU HR-ME HR-RS HR-SI HU-RO HU-RS HU-SI HU-SK HU-UA IT-SI
IT-SM IT-VA LT-LV LT-PL LT-RU LV-RU MD-RO MD-UA ME-RS MK-RS NO-RU NO-SE PL-RU PL-SK PL-UA RO-RS RO-UA
RU-UA SK-UA
"""

POINTS_SAME_BAND = 3
POINTS_SAME_COUNTRY = 2
POINTS_NEIGHBOUR = 1
POINTS_PER_TOPIC = 1
MOST_TOPICS_COUNTED = 3
POINTS_SAME_PLAN = 1


def neighbours(country: str) -> set[str]:
    pairs = [pair.split("-") for pair in BORDERS.split()]
    return {b for a, b in pairs if a == country} | {a for a, b in pairs if b == country}


def population_band(population: int | None) -> tuple[int, int | None] | None:
    if population is None:
        return None
    return next(band for band in POPULATION_BANDS if band[1] is None or population < band[1])


def _nothing():
    return Value(0, output_field=IntegerField())


# The portal's own signals ------------------------------------------------------------------------------------


def _band_points(city):
    band = population_band(city.population)
    if band is None:
        return _nothing()
    low, high = band
    within = Q(population__gte=low) & (Q(population__lt=high) if high is not None else Q())
    return Case(When(within, then=Value(POINTS_SAME_BAND)), default=Value(0), output_field=IntegerField())


def _band_reasons(city, matches) -> dict[int, str]:
    return {match.city.pk: _("same population band") for match in matches if match.points["population"]}


def _country_points(city):
    return Case(
        When(country=city.country.code, then=Value(POINTS_SAME_COUNTRY)),
        When(country__in=sorted(neighbours(city.country.code)), then=Value(POINTS_NEIGHBOUR)),
        default=Value(0),
        output_field=IntegerField(),
    )


def _country_reasons(city, matches) -> dict[int, str]:
    reasons = {}
    for match in matches:
        points, name = match.points["country"], match.city.country.name
        if points == POINTS_SAME_COUNTRY:
            reasons[match.city.pk] = _("same country (%(country)s)") % {"country": name}
        elif points:
            reasons[match.city.pk] = _("neighbouring country (%(country)s)") % {"country": name}
    return reasons


def _topic_points(city):
    # One term per topic of the city: "is the candidate among the cities of this topic" is a set PostgreSQL
    # builds once and probes per row, where counting each candidate's topics would be a query per row.
    terms = [
        Case(
            When(pk__in=City.topics.through.objects.filter(topic_id=topic.pk).values("city_id"), then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
        for topic in city.topics.all()
    ]
    if not terms:
        return _nothing()
    return Least(sum(terms[1:], terms[0]), Value(MOST_TOPICS_COUNTED)) * POINTS_PER_TOPIC


def _topic_reasons(city, matches) -> dict[int, str]:
    own = list(city.topics.all())
    with_topics = [match.city.pk for match in matches if match.points["topics"]]
    if not with_topics:
        return {}
    pairs = set(
        City.topics.through.objects.filter(
            city_id__in=with_topics, topic_id__in=[topic.pk for topic in own]
        ).values_list("city_id", "topic_id")
    )
    reasons = {}
    for city_id in with_topics:
        names = [topic.localized_name for topic in own if (city_id, topic.pk) in pairs]  # in the city's order
        reasons[city_id] = ngettext("shared topic %(topics)s", "shared topics %(topics)s", len(names)) % {
            "topics": ", ".join(names)
        }
    return reasons


def _plan_points(city):
    if city.sump_status == City.Sump.NONE:
        return _nothing()  # having no plan yet is not what makes two cities alike
    return Case(
        When(sump_status=city.sump_status, then=Value(POINTS_SAME_PLAN)), default=Value(0), output_field=IntegerField()
    )


def _plan_reasons(city, matches) -> dict[int, str]:
    return {match.city.pk: city.get_sump_status_display() for match in matches if match.points["plan"]}


OWN_SIGNALS = [
    LikenessSignal("population", points=_band_points, reasons=_band_reasons),
    LikenessSignal("country", points=_country_points, reasons=_country_reasons),
    LikenessSignal("topics", points=_topic_points, reasons=_topic_reasons),
    LikenessSignal("plan", points=_plan_points, reasons=_plan_reasons),
]


# The engine ----------------------------------------------------------------------------------------------------


@dataclass
class Match:
    city: City
    score: int
    points: dict[str, int]
    reasons: list[str] = field(default_factory=list)


def _ranked(city, signals, shown: int) -> list[Match]:
    names = {signal.name: f"likeness_{signal.name}" for signal in signals}
    candidates = City.objects.members().exclude(pk=city.pk).annotate(
        **{names[signal.name]: signal.points(city) for signal in signals}
    )
    score = sum((F(column) for column in names.values()), Value(0))
    ordering = ["-likeness_score"]
    if city.population is not None:
        candidates = candidates.annotate(likeness_distance=Abs(F("population") - city.population))
        ordering.append(F("likeness_distance").asc(nulls_last=True))
    rows = (
        candidates.annotate(likeness_score=score)
        .only("pk", "name", "slug", "country", "population", "sump_status")
        .order_by(*ordering, "search_name", "pk")[:shown]
    )
    # Cities with nothing in common sort last; leaving them out here spares the database a second pass.
    return [
        Match(
            city=row,
            score=row.likeness_score,
            points={name: getattr(row, column) for name, column in names.items()},
        )
        for row in rows
        if row.likeness_score > 0
    ]


def rank(subject, signals, *, shown: int = SHOWN) -> list[Match]:
    """The SHOWN member cities that SIGNALS find most like SUBJECT, best first, each with its score and reasons.

    SUBJECT is a city, or what someone looks for (a partner request's wishes, say): anything with the `pk` of a
    city to leave out and a `population` to break ties by (or None), and what its signals read."""
    matches = _ranked(subject, signals, shown)
    if not matches:
        return []
    for signal in signals:
        reasons = signal.reasons(subject, matches)
        for match in matches:
            if match.city.pk in reasons:
                match.reasons.append(reasons[match.city.pk])
    return matches


def cities_like(city: City, *, shown: int = SHOWN) -> list[Match]:
    """The SHOWN member cities most like CITY, best first, each with its score and its reasons in words."""
    return rank(city, [*OWN_SIGNALS, *extensions.likeness_signals], shown=shown)
