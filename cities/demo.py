"""Demo member cities: real names, coordinates and populations from the gazetteer."""

import datetime

from cities.models import City, GazetteerEntry
from core.text import fold
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


def load(stdout) -> None:
    topics = list(Topic.objects.order_by("order"))
    created = 0
    for index, (name, country) in enumerate(DEMO_CITIES):
        entry = GazetteerEntry.objects.filter(search_name=fold(name), country=country).first()
        if entry is None:
            stdout.write(f"  gazetteer has no {name} ({country}); skipped")
            continue
        if City.objects.filter(gazetteer_entry=entry).exists():
            continue
        sump = City.Sump.ADOPTED if name == "Bologna" else SUMP_CYCLE[index % len(SUMP_CYCLE)]
        city = City(
            name=entry.name,
            membership_status=City.Membership.MEMBER,
            platform_role=City.PlatformRole.CHAIR if name == "Emmen" else "",
            joined_on=datetime.date(2016 + index % 9, 1 + index % 12, 1 + index % 27),
            population_year=2023,
            description=DESCRIPTIONS.get(name, ""),
            sump_status=sump,
            sump_adopted_on=datetime.date(2018 + index % 7, 1 + index % 12, 1) if sump == City.Sump.ADOPTED else None,
            website="https://www.comune.bologna.it/" if name == "Bologna" else "",
            official_email_domain="emmen.nl" if name == "Emmen" else "",
        )
        city.fill_from_gazetteer(entry)
        city.save()
        city.topics.set([topics[(index + step) % len(topics)] for step in range(1 + index % 3)])
        created += 1
    stdout.write(f"  cities: {created} created, {City.objects.members().count()} members in all")
