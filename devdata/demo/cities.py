"""Demo member cities: real names, coordinates and populations from the gazetteer.

Each city applies through the join form's workflow, the demo's staff member works the application's checklist and
approves it; staff then fill in its profile (role on the platform, description, topics) as they would in the
admin, and its mobility plan on the city's plan page.
"""

import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.text import slugify

from cities.models import City, GazetteerEntry
from cities.plans import plan_update
from cities.services import CHECKLIST_FIELDS, application_approve, application_check, application_submit
from core.text import fold
from devdata.demo.people import staff_member
from devdata.factories import ApplicationFactory
from topics.models import Topic

# (name as in the gazetteer, country). Emmen chairs the platform; Bologna has adopted its SUMP.
DEMO_CITIES = [
    ("Emmen", "NL"), ("Bologna", "IT"), ("Leeuwarden", "NL"), ("Deventer", "NL"), ("Zwolle", "NL"),
    ("Parma", "IT"), ("Reggio nell'Emilia", "IT"), ("Trento", "IT"), ("Bergamo", "IT"),
    ("Gasteiz / Vitoria", "ES"), ("Pontevedra", "ES"), ("Burgos", "ES"), ("Gijón", "ES"),
    ("Annecy", "FR"), ("La Rochelle", "FR"), ("Grenoble", "FR"),
    ("Freiburg", "DE"), ("Münster", "DE"), ("Tübingen", "DE"), ("Göttingen", "DE"),
    ("Leuven", "BE"), ("Mechelen", "BE"), ("Kortrijk", "BE"),
    ("Gdynia", "PL"), ("Rzeszów", "PL"), ("Bielsko-Biala", "PL"),
    ("Aveiro", "PT"), ("Braga", "PT"), ("Coimbra", "PT"),
    ("Lund", "SE"), ("Umeå", "SE"), ("Västerås", "SE"),
    ("Graz", "AT"), ("Linz", "AT"), ("Salzburg", "AT"),
    ("Olomouc", "CZ"), ("Szeged", "HU"), ("Pécs", "HU"), ("Galway", "IE"), ("Limerick", "IE"),
    ("Tampere", "FI"), ("Lahti", "FI"), ("Odense", "DK"), ("Aalborg", "DK"),
    ("Pátra", "GR"), ("Tríkala", "GR"), ("Rijeka", "HR"), ("Maribor", "SI"),
    ("Cluj-Napoca", "RO"), ("Braşov", "RO"), ("Kristiansand", "NO"), ("Stavanger", "NO"),
]

DESCRIPTIONS = {
    "Emmen": "Emmen, in the province of Drenthe, chairs the SMC platform and launched the Ambassadors "
    "Initiative, adding a political dimension to the platform's work.",
    "Bologna": "Bologna is the capital of the Emilia-Romagna Region. The city has adopted its Sustainable "
    "Urban Mobility Plan to make the city more accessible and sustainable by 2030, increasing the share "
    "of walking, cycling and public transport.",
}
SUMP_CYCLE = [City.Sump.ADOPTED, City.Sump.IN_PREPARATION, City.Sump.NONE, City.Sump.ADOPTED]


def _join(entry: GazetteerEntry, *, staff) -> City:
    """The city applies on /join/ and staff approve it: the city is made from the gazetteer entry."""
    application = ApplicationFactory.build(
        city_name=entry.name,
        country=entry.country.code,
        population=entry.population,
        contact_name=f"{entry.name} mobility team",
        email=f"mobility@{slugify(fold(entry.name))}.example.org",
    )
    application_submit(application, staff_emails=settings.STAFF_NOTIFICATION_EMAILS)
    application_check(application, items=CHECKLIST_FIELDS, by=staff, note="Demo: all checked.")
    return application_approve(application, by=staff)


def _fill_profile(city: City, index: int, name: str, topics: list[Topic], *, staff) -> None:
    """What staff add to a member city's profile in the admin, and its plan on the city's plan page."""
    city.platform_role = City.PlatformRole.CHAIR if name == "Emmen" else ""
    city.joined_on = datetime.date(2016 + index % 9, 1 + index % 12, 1 + index % 27)
    city.population_year = 2023
    city.description = DESCRIPTIONS.get(name, "")
    city.website = "https://www.comune.bologna.it/" if name == "Bologna" else ""
    city.official_email_domain = "emmen.nl" if name == "Emmen" else ""
    city.save()
    city.topics.set([topics[(index + step) % len(topics)] for step in range(1 + index % 3)])
    sump = City.Sump.ADOPTED if name == "Bologna" else SUMP_CYCLE[index % len(SUMP_CYCLE)]
    if sump != City.Sump.NONE:
        adopted = datetime.date(2018 + index % 7, 1 + index % 12, 1) if sump == City.Sump.ADOPTED else None
        plan = {"sump_status": sump, "sump_adopted_on": adopted, "sump_revision_due": None, "sump_url": ""}
        plan_update(city, by=staff, values=plan, today=timezone.localdate())


def load(stdout) -> None:
    topics = list(Topic.objects.order_by("order"))
    staff = staff_member(stdout)
    created = 0
    for index, (name, country) in enumerate(DEMO_CITIES):
        entry = GazetteerEntry.objects.filter(search_name=fold(name), country=country).first()
        if entry is None:
            stdout.write(f"  gazetteer has no {name} ({country}); skipped")
            continue
        if City.objects.filter(gazetteer_entry=entry).exists():
            continue
        _fill_profile(_join(entry, staff=staff), index, name, topics, staff=staff)
        created += 1
    stdout.write(f"  cities: {created} created, {City.objects.members().count()} members in all")
